"""Family members of a hypothetical client, and who among them can be a derivative.

A spouse or child of a person granted asylum may be granted the same status as a derivative
(INA § 208(b)(3)(A) [K: unverified in our research]). Parents and siblings cannot. Withholding of
removal and CAT protection give no derivative status (legal-reference §11 [K]).

>>> m = FamilyMember.from_dict({"relationship": "child", "given_name": "Ana", "can_be_derivative": True})
>>> m.relationship, m.can_be_derivative
('child', True)
>>> FamilyMember.from_dict({"relationship": "parent", "given_name": "Rosa", "can_be_derivative": True},
...                        where="family_members[0]")
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: family_members[0].can_be_derivative: a parent cannot be a derivative; only a spouse or child can (INA 208(b)(3)(A), 8 U.S.C. 1158(b)(3)(A) (spouse or child as derivative) [K: unverified])
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.citations import cite

RELATIONSHIPS = ("spouse", "child", "parent", "sibling")
DERIVATIVE_RELATIONSHIPS = ("spouse", "child")

_FIELDS = ("relationship", "given_name", "born_on", "in_united_states", "can_be_derivative")


@dataclass(frozen=True)
class FamilyMember:
    """One family member: relationship, first name, birth date, where they are, derivative or not."""

    relationship: str
    given_name: str
    can_be_derivative: bool
    born_on: _dt.date | None = None
    in_united_states: bool = False

    @classmethod
    def from_dict(cls, data, *, where: str = "family_members[?]") -> FamilyMember:
        """Build and check a member from plain data; errors name the field, e.g. ``family_members[1].born_on``."""
        if isinstance(data, FamilyMember):
            return data
        if not isinstance(data, dict):
            raise InvalidInputError(f"{where}: expected a mapping with {', '.join(_FIELDS)}")
        unknown = sorted(set(data) - set(_FIELDS))
        if unknown:
            raise InvalidInputError(f"{where}.{unknown[0]}: unknown field; expected {', '.join(_FIELDS)}")
        rel = str(data.get("relationship", "")).strip()
        if rel not in RELATIONSHIPS:
            raise InvalidInputError(f"{where}.relationship: {rel!r} is not one of {', '.join(RELATIONSHIPS)}")
        name = str(data.get("given_name") or "").strip()
        if not name:
            raise InvalidInputError(f"{where}.given_name: a first name is required")
        born = data.get("born_on")
        born = parse_date(born, name=f"{where}.born_on") if born is not None else None
        member = cls(relationship=rel, given_name=name,
                     can_be_derivative=_bool(data.get("can_be_derivative", rel in DERIVATIVE_RELATIONSHIPS),
                                             f"{where}.can_be_derivative"),
                     born_on=born,
                     in_united_states=_bool(data.get("in_united_states", False), f"{where}.in_united_states"))
        if member.can_be_derivative and rel not in DERIVATIVE_RELATIONSHIPS:
            raise InvalidInputError(f"{where}.can_be_derivative: a {rel} cannot be a derivative; only a spouse "
                                    f"or child can ({cite('ina-208-b-3-A').shown()})")
        return member

    def to_dict(self) -> dict:
        """Plain data for JSON/YAML (dates as ISO strings)."""
        return {"relationship": self.relationship, "given_name": self.given_name,
                "born_on": self.born_on.isoformat() if self.born_on else None,
                "in_united_states": self.in_united_states, "can_be_derivative": self.can_be_derivative}


def _bool(value, where: str) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidInputError(f"{where}: {value!r} is not true/false")
