"""Reading YAML: the package's data files and user files, each the way it must be read.

* :func:`read_yaml` reads the package's *rule data* (rules, policies, the litigation register, the
  citation registry, screening and appeal wording) and the worked examples: safe, duplicate keys
  refused, every mapping and every list item remembers its line, so a schema error names the file and
  line.
* :func:`load_package_yaml` reads other package data (the countries) quickly.
* :func:`load_yaml` reads what a *user* gives (a client file): dates are left as text so that
  :func:`~asylum_teach.dates.parse_date` reports ``last_arrival_on: '2025-13-01' is not a real date``
  instead of PyYAML crashing inside the parser with no field name.

>>> load_yaml("last_arrival_on: 2025-13-01\\ndetained: yes")
{'last_arrival_on': '2025-13-01', 'detained': True}
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from asylum_teach.exceptions import RuleDataError

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


# ---------------------------------------------------------------- rule data, with line numbers
class LineMap(dict):
    """A YAML mapping that knows the line it starts on."""

    line: int = 0


class LineList(list):
    """A YAML sequence that knows the line it starts on and the line of each item (an id in a list of
    citations has no mapping of its own to carry a line)."""

    line: int = 0
    lines: tuple[int, ...] = ()


# libyaml's parser when present (about ten times faster); the constructor, and so the duplicate-key
# check and the line numbers, are the same Python code either way.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    source = "<data>"


def _construct_mapping(loader: _LineLoader, node, deep=False):
    out = LineMap()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise RuleDataError(f"{loader.source}, line {key_node.start_mark.line + 1}: duplicate key {key!r}")
        out[key] = loader.construct_object(value_node, deep=True)
    return out


def _construct_sequence(loader: _LineLoader, node, deep=False):
    out = LineList(loader.construct_object(item, deep=True) for item in node.value)
    out.line = node.start_mark.line + 1
    out.lines = tuple(item.start_mark.line + 1 for item in node.value)
    return out


def _construct_timestamp(loader: _LineLoader, node):
    """A date like 2020-13-01 matches YAML's date pattern but is not a day: say so with its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise RuleDataError(f"{loader.source}, line {node.start_mark.line + 1}: {node.value!r} is not a real "
                            f"date ({exc})") from None


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(_TIMESTAMP, _construct_timestamp)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path | str, text: str | None = None):
    """Parse YAML, refusing duplicate keys, with errors that name the file and line.

    >>> read_yaml("x.yaml", "a: 1\\na: 2")
    Traceback (most recent call last):
    ...
    asylum_teach.exceptions.RuleDataError: x.yaml, line 2: duplicate key 'a'
    >>> read_yaml("x.yaml", "a: 2020-01-01\\nb: 2020-02-30")
    Traceback (most recent call last):
    ...
    asylum_teach.exceptions.RuleDataError: x.yaml, line 2: '2020-02-30' is not a real date (day is out of range for month)
    """
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    loader = _LineLoader(text)
    loader.source = str(path)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise RuleDataError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    finally:
        loader.dispose()


def package_file(*parts: str):
    """A file under ``asylum_teach/data/`` (a Traversable: ``read_text``, ``str()`` for messages)."""
    node = resources.files("asylum_teach") / "data"
    for part in parts:
        node = node / part
    return node


@cache
def package_wording(name: str):
    """A wording file of the package (``case_files.yaml``, ``rehearsal.yaml``) as plain data, read once."""
    return load_package_yaml(package_file(name).read_text(encoding="utf-8"))


def read_package_data(*parts: str):
    """:func:`read_yaml` of a file under ``asylum_teach/data/``."""
    node = package_file(*parts)
    return read_yaml(str(node), node.read_text(encoding="utf-8"))
