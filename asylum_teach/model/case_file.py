"""Read a facts file (JSON or YAML) for the CLI and notebooks.

A facts file is either a whole client (as written by ``asylum-teach client new --json`` or a persona
file: it has a ``facts`` key) or a bare mapping of glossary facts, optionally with an ``as_of`` key.
Every problem becomes one :class:`InvalidInputError` that names the file and the field.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "case.yaml")
>>> _ = open(path, "w").write("as_of: 2026-01-15\\ndetained: yes\\nlast_arrival_on: 2025-12-01\\n")
>>> case = read_case_file(path)
>>> case.as_of, case.facts["detained"], case.client is None
(datetime.date(2026, 1, 15), True, True)
>>> _ = open(path, "w").write("detaind: yes\\n")
>>> read_case_file(path)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
asylum_teach.exceptions.UnknownFactError: ...case.yaml: unknown fact 'detaind'. Did you mean detained? ...
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.client import Client
from asylum_teach.model.facts import Facts
from asylum_teach.yaml_data import load_yaml


@dataclass(frozen=True)
class CaseFile:
    """What a facts file holds: the facts, its as-of date if it names one, and the client if it is one."""

    facts: Facts
    as_of: _dt.date | None
    client: Client | None


def read_case_file(path) -> CaseFile:
    """Load a JSON or YAML facts file; errors are prefixed with the file name."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such facts file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{path}: cannot read the facts file ({exc})") from None
    data = _parse(path, text)
    try:
        return case_from_data(data)
    except InvalidInputError as exc:
        raise type(exc)(f"{path}: {exc}") from None


def case_from_data(data) -> CaseFile:
    """Turn parsed file content into a :class:`CaseFile`."""
    if not isinstance(data, dict):
        raise InvalidInputError("expected a mapping of fact names to values (or a client with a 'facts' key)")
    if "facts" in data:
        client = Client.from_dict(data)
        return CaseFile(client.facts, client.as_of, client)
    data = dict(data)
    as_of = data.pop("as_of", None)
    as_of = parse_date(as_of, name="as_of") if as_of is not None else None
    return CaseFile(Facts(data), as_of, None)


def _parse(path: Path, text: str):
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return load_yaml(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InvalidInputError(f"{path}: not valid YAML{where}") from None
