"""The types of the appeal decision aid: the context its deadlines are counted in, an option, the aid.

>>> ctx = AidContext(as_of=date(2025, 6, 2), facts={"ij_decision_on": date(2025, 6, 2)})
>>> ctx.deadline("bia-appeal", date(2025, 6, 2)).due
datetime.date(2025, 7, 2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from asylum_teach.court_calendar import CourtCalendar
from asylum_teach.law.engine import Deadline, deadline_for
from asylum_teach.model.courts import Court
from asylum_teach.reasoning.venue import Venue


@dataclass(frozen=True)
class AidContext:
    """What every option's deadlines are counted with: the as-of date, the case facts, policies, calendar."""

    as_of: date
    facts: dict
    policies: dict | None = None
    calendar: CourtCalendar | None = None

    def deadline(self, rule_id: str, trigger: date, **facts) -> Deadline:
        """The engine's deadline for ``rule_id`` from ``trigger``, with extra facts for this one question."""
        return deadline_for(rule_id, trigger, as_of=self.as_of, facts={**self.facts, **facts},
                            policies=self.policies, calendar=self.calendar)


@dataclass(frozen=True)
class Option:
    """One thing the respondent (or DHS) can do, with engine deadlines and what to weigh."""

    id: str
    title: str
    available: bool
    deadlines: tuple = ()
    considerations: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "available": self.available,
                "deadlines": [d.to_dict() for d in self.deadlines], "considerations": list(self.considerations),
                "citations": list(self.citations)}


@dataclass(frozen=True)
class AppealAid:
    """Every option after a decision, with the venue for review and what the decision means."""

    decision: dict
    court: Court
    options: tuple[Option, ...]
    venue: Venue
    reasons: tuple[str, ...] = field(default=())

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for o in self.options for c in o.citations))

    def to_dict(self) -> dict:
        return {"decision": {k: v.isoformat() if isinstance(v, date) else v for k, v in self.decision.items()},
                "court": self.court.to_dict(), "options": [o.to_dict() for o in self.options],
                "venue": self.venue.to_dict(), "reasons": list(self.reasons), "citations": list(self.citations)}
