"""``Facts``: an immutable, type-checked set of glossary facts about one case.

Every key is a name from :mod:`asylum_teach.glossary`; every value has the glossary's type.
A ``Facts`` is a read-only mapping, so it can be passed straight to the deadline engine
(``deadline_for(..., facts=facts)``). Facts that are not known are simply absent: ``facts.get(name)``
returns ``None`` for them, while an unknown *name* is always an error.

Cross-field checks that need an as-of date (arrival before NTA service, no past event after the as-of
date, ...) live in :mod:`asylum_teach.model.validation`.

>>> f = Facts({"detained": "yes", "protected_grounds": ["religion"], "last_arrival_on": "2025-03-01"})
>>> f["detained"], f["protected_grounds"], f["last_arrival_on"]
(True, ('religion',), datetime.date(2025, 3, 1))
>>> f.get("firmly_resettled") is None
True
>>> f.get("firmly_resetled")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
asylum_teach.exceptions.UnknownFactError: unknown fact 'firmly_resetled'. Did you mean firmly_resettled? Known facts: ...
>>> Facts({"protected_grounds": ["gender"]})
Traceback (most recent call last):
...
asylum_teach.exceptions.UnknownFactError: fact protected_grounds: unknown value 'gender'; expected any of race, religion, nationality, political_opinion, particular_social_group
>>> f.replace(detained=False)["detained"]
False
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from types import MappingProxyType

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.glossary import FACTS, coerce_fact
from asylum_teach.model.family import FamilyMember


class Facts(Mapping):
    """Read-only mapping of glossary fact names to typed values (absent = not known)."""

    __slots__ = ("_values",)
    _values: MappingProxyType

    def __init__(self, values: Mapping | None = None):
        clean = {}
        for name, value in (values or {}).items():
            coerced = _coerce(name, value)
            if coerced is not None:
                clean[name] = coerced
        order = list(FACTS)  # glossary order reads like the case: dates first, then posture, claim, bars, person
        object.__setattr__(self, "_values", MappingProxyType(dict(sorted(clean.items(),
                                                                         key=lambda kv: order.index(kv[0])))))

    def __setattr__(self, name, value):
        raise AttributeError("Facts are immutable; use .replace(name=value)")

    def __getitem__(self, name: str):
        if name not in FACTS:
            coerce_fact(name, None)  # raises UnknownFactError with a suggestion
        return self._values[name]

    def get(self, name: str, default=None):
        """The value of a fact, or ``default`` when it is not known; unknown names raise."""
        try:
            return self[name]
        except KeyError:
            return default

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other) -> bool:
        if isinstance(other, Mapping):
            return dict(self._values) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple((k, _hashable(v)) for k, v in self._values.items()))

    def __repr__(self) -> str:
        return f"Facts({dict(self._values)!r})"

    def replace(self, **changes) -> Facts:
        """A copy with some facts changed (``None`` removes a fact)."""
        merged = dict(self._values)
        merged.update(changes)
        return Facts(merged)

    def to_dict(self) -> dict:
        """Plain JSON/YAML-ready data: dates as ISO strings, tuples as lists."""
        return {name: _plain(value) for name, value in self._values.items()}


def as_facts(value) -> Facts:
    """Accept a :class:`Facts`, anything with a ``.facts`` (a ``Client``), or a plain mapping."""
    if isinstance(value, Facts):
        return value
    if hasattr(value, "facts") and isinstance(value.facts, Facts):
        return value.facts
    if isinstance(value, Mapping):
        return Facts(value)
    raise InvalidInputError(f"facts: expected a mapping of fact names to values, got {type(value).__name__}")


def _coerce(name, value):
    spec = FACTS.get(name)
    if spec is not None and spec.kind == "family":
        if value is None:
            return None
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
            raise InvalidInputError("family_members: expected a list of family members")
        return tuple(FamilyMember.from_dict(m, where=f"family_members[{i}]") for i, m in enumerate(value))
    return coerce_fact(name, value)


def _plain(value):
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, FamilyMember):
        return value.to_dict()
    return value


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value
