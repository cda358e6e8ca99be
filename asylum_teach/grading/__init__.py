"""Grading: exercise specs, a sandboxed runner, strict answer extraction, scoring in the grader,
a SQLite gradebook, escaped HTML feedback and a leak-checked student release (see DESIGN.md).

Importing this package tells Python that the optional ``rfc3987_syntax`` module is absent. jsonschema
(pulled in by nbformat) otherwise builds that module's IRI grammar at import, about 2 s on the machines
we measured, once in the grader and again in every sandboxed run; grading never validates IRIs.
"""

import sys as _sys

_sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None blocks the import
