"""``Client``: a validated, frozen, hypothetical client, and its JSON/YAML form.

HYPOTHETICAL ONLY. Every client in this toolkit is invented for teaching. Never type a real person's
name, dates or story into it: it is not a case-management system and protects nothing.

A client is a person (name, birth date) plus the :class:`~asylum_teach.model.facts.Facts` of their case
as of a date. Building one runs every check in :mod:`asylum_teach.model.validation`, plus checks on the
person: born before arriving, and under 18 at arrival if an unaccompanied child.

>>> c = Client.from_dict({"client_id": "demo", "given_name": "Ana", "family_name": "Ruiz",
...     "born_on": "1990-05-01", "as_of": "2026-01-15",
...     "facts": {"last_arrival_on": "2025-04-02", "country_of_nationality": "Honduras"}})
>>> c.facts["last_arrival_on"]
datetime.date(2025, 4, 2)
>>> Client.from_json(c.to_json()) == c and Client.from_yaml(c.to_yaml()) == c
True
>>> Client.from_dict({**c.to_dict(), "born_on": "2025-05-01"})
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: born_on: 2025-05-01 is after last_arrival_on 2025-04-02
>>> Client.from_dict({**c.to_dict(), "hypothetical": False})
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: hypothetical: must be true. HYPOTHETICAL CLIENTS ONLY: never enter real client data; this teaching toolkit is not legal advice and protects nothing you type.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field, replace

import yaml

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.citations import cite
from asylum_teach.model.facts import Facts
from asylum_teach.model.validation import check_facts
from asylum_teach.yaml_data import load_yaml

HYPOTHETICAL_NOTICE = ("HYPOTHETICAL CLIENTS ONLY: never enter real client data; this teaching toolkit is not "
                       "legal advice and protects nothing you type.")

_FIELDS = ("notice", "client_id", "given_name", "family_name", "born_on", "as_of", "facts", "narrative",
           "teaching_note", "title", "source", "seed", "hypothetical")


@dataclass(frozen=True)
class Client:
    """A hypothetical client as of ``as_of``. Frozen; use :meth:`with_facts` to derive a variant."""

    client_id: str
    given_name: str
    family_name: str
    born_on: _dt.date
    as_of: _dt.date
    facts: Facts = field(default_factory=Facts)
    narrative: str = ""
    title: str = ""
    teaching_note: str = ""
    source: str = "file"
    seed: str | None = None
    hypothetical: bool = True

    def __post_init__(self):
        if self.hypothetical is not True:
            raise InvalidInputError(f"hypothetical: must be true. {HYPOTHETICAL_NOTICE}")
        for name in ("client_id", "given_name", "family_name"):
            if not str(getattr(self, name) or "").strip():
                raise InvalidInputError(f"{name}: is required")
        if not isinstance(self.facts, Facts):
            raise InvalidInputError("facts: expected a Facts object (use Client.from_dict for plain data)")
        check_facts(self.facts, self.as_of)
        self._check_person()

    def _check_person(self) -> None:
        if self.born_on > self.as_of:
            raise InvalidInputError(f"born_on: {self.born_on} is after the as-of date {self.as_of}")
        arrival = self.facts.get("last_arrival_on")
        if arrival is not None and self.born_on > arrival:
            raise InvalidInputError(f"born_on: {self.born_on} is after last_arrival_on {arrival}")
        if self.facts.get("unaccompanied_child") and arrival is not None and age_on(self.born_on, arrival) >= 18:
            raise InvalidInputError(f"unaccompanied_child: true, but the client was {age_on(self.born_on, arrival)} "
                                    f"at last_arrival_on; a UAC is under 18 ({cite('usc-6-279-g').tagged()})")

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age(self, on: _dt.date | None = None) -> int:
        """Age in whole years on ``on`` (default: the as-of date)."""
        return age_on(self.born_on, on or self.as_of)

    def with_facts(self, **changes) -> Client:
        """A validated copy with some facts changed."""
        return replace(self, facts=self.facts.replace(**changes))

    # --- plain data, JSON and YAML

    def to_dict(self) -> dict:
        """Plain data, starting with the hypothetical-only notice."""
        return {"notice": HYPOTHETICAL_NOTICE, "client_id": self.client_id, "given_name": self.given_name,
                "family_name": self.family_name, "born_on": self.born_on.isoformat(),
                "as_of": self.as_of.isoformat(), "title": self.title, "teaching_note": self.teaching_note,
                "narrative": self.narrative, "source": self.source, "seed": self.seed,
                "hypothetical": True, "facts": self.facts.to_dict()}

    @classmethod
    def from_dict(cls, data) -> Client:
        """Build from plain data (as read from JSON or YAML); every error names the field."""
        if not isinstance(data, dict):
            raise InvalidInputError("client: expected a mapping of fields")
        unknown = sorted(set(data) - set(_FIELDS))
        if unknown:
            raise InvalidInputError(f"{unknown[0]}: unknown client field; expected {', '.join(_FIELDS[1:])}")
        for name in ("client_id", "given_name", "family_name", "born_on", "as_of"):
            if data.get(name) in (None, ""):
                raise InvalidInputError(f"{name}: is required")
        facts = data.get("facts") or {}
        if not isinstance(facts, dict):
            raise InvalidInputError("facts: expected a mapping of fact names to values")
        return cls(client_id=str(data["client_id"]), given_name=str(data["given_name"]),
                   family_name=str(data["family_name"]), born_on=parse_date(data["born_on"], name="born_on"),
                   as_of=parse_date(data["as_of"], name="as_of"), facts=Facts(facts),
                   narrative=str(data.get("narrative") or ""), title=str(data.get("title") or ""),
                   teaching_note=str(data.get("teaching_note") or ""), source=str(data.get("source") or "file"),
                   seed=None if data.get("seed") is None else str(data["seed"]),
                   hypothetical=data.get("hypothetical", True))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Client:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"client JSON: {exc.msg} at line {exc.lineno}") from None
        return cls.from_dict(data)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)

    @classmethod
    def from_yaml(cls, text: str) -> Client:
        try:
            data = load_yaml(text)
        except yaml.YAMLError as exc:
            raise InvalidInputError(f"client YAML: {str(exc).splitlines()[0]}") from None
        return cls.from_dict(data)


def age_on(born_on: _dt.date, on: _dt.date) -> int:
    """Whole years from ``born_on`` to ``on``.

    >>> age_on(_dt.date(2008, 2, 29), _dt.date(2026, 2, 28)), age_on(_dt.date(2008, 2, 29), _dt.date(2026, 3, 1))
    (17, 18)
    """
    return on.year - born_on.year - ((on.month, on.day) < (born_on.month, born_on.day))
