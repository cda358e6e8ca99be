"""The asylum EAD clock through a case: started by a complete I-589, stopped by applicant-caused delay.

No EAD may issue "prior to 180 days after the date of filing of the application for asylum" (INA
208(d)(2)) and the I-765 may be filed no earlier than 150 days after a complete I-589 is received
(8 CFR 208.7(a)(1)); "any delay requested or caused by the applicant shall not be counted" (8 CFR
208.7(a)(2)) [P]. Examples of applicant-caused delay (asking to reschedule, a transfer request, failing
to appear) come from secondary sources [S]. The dates themselves always come from the deadline engine
(rules ``ead-application`` and ``ead-eligibility``); this module only keeps the stops.

>>> from datetime import date
>>> clock = EadClock()
>>> clock.start(date(2025, 1, 6))
>>> clock.stop(date(2025, 2, 3), "respondent asked for a continuance", until=date(2025, 3, 3))
True
>>> clock.delay_days(date(2025, 6, 1))
28
>>> clock.days_counted(date(2025, 6, 1))
118
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from asylum_teach.law.citations import cited

#: The clock's law (ids in the citation registry): 180 days, 150 days, applicant-caused delay.
CITATIONS = ("ina-208-d-2", "cfr-208-7-a-1", "cfr-208-7-a-2")


@dataclass
class ClockStop:
    start: date
    reason: str
    end: date | None = None  # None: still stopped

    def days(self, as_of: date) -> int:
        end = min(self.end or as_of, as_of)
        return max(0, (end - self.start).days)

    def to_dict(self, as_of: date) -> dict:
        return {"from": self.start.isoformat(), "until": self.end.isoformat() if self.end else None,
                "reason": self.reason, "days": self.days(as_of)}


@dataclass
class EadClock:
    """Start date and stops of the asylum EAD clock."""

    started_on: date | None = None
    stops: list[ClockStop] = field(default_factory=list)
    ended: str | None = None  # e.g. asylum denied before the EAD could issue

    def start(self, on: date) -> None:
        if self.started_on is None:
            self.started_on = on

    def stop(self, on: date, reason: str, *, until: date | None = None, state=None) -> bool:
        """Record applicant-caused delay from ``on`` (to ``until``, or open until :meth:`resume`).

        Returns whether the clock stopped: not before it starts, not once it has ended, and (given the
        case ``state``, to ask the engine) not once the 180-day eligibility date has passed.
        """
        if self.started_on is None or on < self.started_on or self.ended:
            return False
        if state is not None:
            eligible = state.deadline("ead-eligibility", self.started_on, applicant_delay_days=self.delay_days(on))
            if eligible.due and on >= eligible.due:
                return False
        self.stops.append(ClockStop(on, reason, until))
        return True

    def resume(self, on: date) -> None:
        for s in self.stops:
            if s.end is None:
                s.end = on

    @property
    def running(self) -> bool:
        return self.started_on is not None and not self.ended and all(s.end is not None for s in self.stops)

    def delay_days(self, as_of: date) -> int:
        return sum(s.days(as_of) for s in self.stops)

    def days_counted(self, as_of: date) -> int:
        """Days on the clock as of a date (elapsed days less applicant-caused delay)."""
        if self.started_on is None or as_of < self.started_on:
            return 0
        return (as_of - self.started_on).days - self.delay_days(as_of)

    def deadlines(self, state, as_of: date):
        """The two EAD dates from the engine, with the delay recorded so far."""
        if self.started_on is None:
            return []
        delay = self.delay_days(as_of)
        return [state.deadline(rule, self.started_on, applicant_delay_days=delay)
                for rule in ("ead-application", "ead-eligibility")]

    def summary(self, state, as_of: date) -> dict:
        if self.started_on is None:
            return {"started_on": None, "note": "The clock starts when a complete I-589 is filed.",
                    "citations": list(cited(*CITATIONS))}
        return {"started_on": self.started_on.isoformat(), "as_of": as_of.isoformat(),
                "days_counted": self.days_counted(as_of), "applicant_delay_days": self.delay_days(as_of),
                "running": self.running, "ended": self.ended,
                "stops": [s.to_dict(as_of) for s in self.stops],
                "deadlines": [d.to_dict() for d in self.deadlines(state, as_of)], "citations": list(cited(*CITATIONS))}
