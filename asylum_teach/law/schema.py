"""One generic validator that turns parsed YAML into frozen dataclasses, checking every key.

A data file (a rule, the policy registry, the litigation register) is described by nested frozen
dataclasses. :func:`build` walks a YAML mapping against a dataclass: an unknown key, a missing
required key, or a value of the wrong type is an error that names the file, the line and the path of
the key. Nothing loads half-checked and fails later inside the engine (STYLE P1: a schema, not a
convention).

Types understood: ``str``, ``int`` (not ``bool``), ``bool``, ``float``, ``datetime.date``, ``X | None``,
``tuple[X, ...]``, ``dict[str, X]``, ``Literal[...]`` choices, ``object`` (any scalar) and nested
dataclasses. A dataclass kept in a registry defines ``from_reference(value, where)``: a data file then
names an entry by its id (a citation is ``8 C.F.R. 1003.38`` once, in ``data/citations.yaml``, and
``cfr-1003-38-b`` everywhere else). A field's ``metadata={"check": fn}`` adds a check that returns an error message or None;
``metadata={"data": False}`` marks a field the loader computes, which a data file may not set.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Floor:
...     date: date
...     reason: str
>>> build(Floor, {"date": date(1997, 4, 1), "reason": "IIRIRA"}, Where("rule.yaml")).date
datetime.date(1997, 4, 1)
>>> build(Floor, {"date": "1997-04-01", "reason": "x"}, Where("rule.yaml", 12, "trigger_floor"))
Traceback (most recent call last):
...
asylum_teach.exceptions.RuleDataError: rule.yaml, line 12: trigger_floor.date must be a date (YYYY-MM-DD), not '1997-04-01'
>>> build(Floor, {"date": date(1997, 4, 1), "reason": "x", "dat": 1}, Where("rule.yaml", 12, "trigger_floor"))
Traceback (most recent call last):
...
asylum_teach.exceptions.RuleDataError: rule.yaml, line 12: trigger_floor: unknown key 'dat' (known keys: date, reason)
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NoReturn

from asylum_teach.exceptions import RuleDataError


@dataclass(frozen=True)
class Where:
    """Where a node sits: the file, the line of its mapping and its key path (for messages)."""

    path: str
    line: int = 0
    key: str = ""

    def at(self, node, key: str | int) -> Where:
        lines = getattr(node, "lines", ())  # a sequence read with its items' lines (yaml_data.LineList)
        line = (lines[key] if isinstance(key, int) and key < len(lines) else getattr(node, "line", 0)) or self.line
        sub = f"{self.key}[{key}]" if isinstance(key, int) else (f"{self.key}.{key}" if self.key else key)
        return Where(self.path, line, sub)

    def fail(self, message: str, cls=RuleDataError) -> NoReturn:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        raise cls(f"{where}: {message}")


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def build(cls, node, where: Where):
    """Check ``node`` (a YAML mapping) against dataclass ``cls`` and build it."""
    if not isinstance(node, dict):
        where.fail(f"{where.key or cls.__name__} must be a mapping, not {_shown(node)}")
    where = Where(where.path, getattr(node, "line", 0) or where.line, where.key)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init and f.metadata.get("data", True)}
    unknown = sorted(set(map(str, node)) - set(fields))
    if unknown:
        label = f"{where.key}: " if where.key else ""
        where.fail(f"{label}unknown key {unknown[0]!r} (known keys: {', '.join(fields)})")
    values = {}
    hints = _hints(cls)
    for name, f in fields.items():
        sub = where.at(node, name)
        if name not in node:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                where.fail(f"{where.key + ': ' if where.key else ''}missing required key {name!r}")
            continue
        value = convert(hints[name], node[name], sub)
        check = f.metadata.get("check")
        if check is not None and value is not None:
            problem = check(value)
            if problem:
                sub.fail(f"{sub.key}: {problem}")
        values[name] = value
    return cls(**values)


def convert(tp, value, where: Where):
    """Convert one value to type ``tp`` or fail with the key path."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        if len(args) == 1:
            return convert(args[0], value, where)
        for arg in args:  # first type that accepts the value
            try:
                return convert(arg, value, where)
            except RuleDataError:
                continue
        where.fail(f"{where.key} has an unexpected value {_shown(value)}")
    if origin is typing.Literal:
        choices = typing.get_args(tp)
        if value not in choices:
            where.fail(f"{where.key} must be one of {', '.join(map(str, choices))}, not {_shown(value)}")
        return value
    if origin is tuple:
        (item,) = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if value is None:
            return ()
        if not isinstance(value, list):
            where.fail(f"{where.key} must be a list, not {_shown(value)}")
        return tuple(convert(item, v, where.at(value, i)) for i, v in enumerate(value))
    if origin is dict:
        _, item = typing.get_args(tp)
        if not isinstance(value, dict):
            where.fail(f"{where.key} must be a mapping, not {_shown(value)}")
        return {str(k): convert(item, v, where.at(value, str(k))) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        refer = getattr(tp, "from_reference", None)
        if refer is not None:  # a type kept in a registry (a Citation): the data names it by id
            return refer(value, where)
        return build(tp, value, where)
    if tp is object:
        if isinstance(value, (dict, list)):
            where.fail(f"{where.key} must be a single value, not {_shown(value)}")
        return value
    if tp is date:
        if not isinstance(value, date):
            where.fail(f"{where.key} must be a date (YYYY-MM-DD), not {_shown(value)}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            where.fail(f"{where.key} must be true or false, not {_shown(value)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            where.fail(f"{where.key} must be a whole number, not {_shown(value)}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            where.fail(f"{where.key} must be a number, not {_shown(value)}")
        return float(value)
    if tp is str:
        if not isinstance(value, str) or not value.strip():
            where.fail(f"{where.key} must be non-empty text, not {_shown(value)}")
        return " ".join(value.split()) if "\n" in value else value
    raise TypeError(f"schema: unsupported type {tp!r} for {where.key}")  # a bug in a dataclass, not in data


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def choice_check(options, what: str):
    """A field check: the value must be one of ``options`` (for names defined elsewhere, like facts)."""

    def check(value):
        if value not in options:
            return f"unknown {what} {value!r}"
        return None

    return check
