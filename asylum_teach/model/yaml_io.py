"""YAML reading that leaves dates as text, so :func:`~asylum_teach.model.glossary.parse_date` checks them.

PyYAML's safe loader turns ``2025-13-01`` into a crash inside the parser, with no field name. This
loader keeps such values as strings; the model then reports ``last_arrival_on: '2025-13-01' is not a
real date`` like any other bad value.

>>> load_yaml("last_arrival_on: 2025-13-01\\ndetained: yes")
{'last_arrival_on': '2025-13-01', 'detained': True}
"""

from __future__ import annotations

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_package_yaml(text: str):
    """Parse one of the package's own data files: safe, with libyaml's parser when PyYAML has it
    (a tenth of the pure-Python parser's time; ``screening.yaml`` 16 ms -> 1.4 ms)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders only


def load_yaml(text: str):
    """Parse YAML safely, with dates left as strings."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
