"""Counting a period and rolling its last day: the arithmetic every deadline shares.

This is ICPM (2008) ch. 3.1(c) and 8 C.F.R. 1003.38(b) in code: the trigger is day 0, the next day is
day 1, weekends and holidays in the middle count, and a last day on a Saturday, Sunday or legal
holiday moves to the next business day (for a count back from a hearing, toward the hearing, or to
the previous business day under the cautious reading). Working days skip closed days as they are
counted (8 C.F.R. 1003.38(e)). A year ends on its anniversary (Minasyan v. Mukasey), with a named
rounding for February 29 (STYLE P5). Which days are closed is the calendar's business
(:mod:`asylum_teach.court_calendar`); which reading of an open question applies is the caller's.

>>> from asylum_teach.court_calendar import CourtCalendar
>>> from asylum_teach.law.rules import get_rule
>>> v = get_rule("bia-appeal").version_on(date(2025, 10, 9))
>>> counted = count(plan(v, date(2025, 10, 9), {}), CourtCalendar(), Settings())
>>> counted.counted_on, counted.day, [s.kind.value for s in counted.steps]
(datetime.date(2025, 11, 8), datetime.date(2025, 11, 10), ['trigger', 'count', 'counted', 'roll'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from asylum_teach import dates
from asylum_teach.court_calendar import WEEKEND, CourtCalendar
from asylum_teach.exceptions import RuleDataError
from asylum_teach.law.rules import RuleVersion

UNIT_WORDS = {"calendar_days": "calendar day", "working_days": "working day", "years": "year"}


class StepKind(str, Enum):
    """What a line of the worked reasoning is."""

    VERSION = "version"          # which version of the rule governs, and why
    HISTORY = "history"          # a version announced but never in force (a vacated rule)
    TRIGGER = "trigger"          # day 0
    START = "start"              # counting starts later than the trigger (a statutory floor)
    EXCEPTION = "exception"      # a named exception changes the period
    CLOCK_STOPPED = "clock-stopped"  # days added to the period (applicant-caused delay)
    COUNT = "count"              # what is counted: "30 calendar days after day 0"
    COUNTED = "counted"          # the day the count reaches, before any roll
    ROLL = "roll"                # the move off a closed day


@dataclass(frozen=True)
class Step:
    """One line of the worked reasoning: a label (``day 0``, ``day 30``, ``roll``), a date and a note."""

    label: str
    date: date | None
    note: str
    kind: StepKind = StepKind.COUNT

    def to_dict(self) -> dict:
        return {"label": self.label, "kind": self.kind.value,
                "date": self.date.isoformat() if self.date else None,
                "weekday": dates.weekday(self.date) if self.date else None, "note": self.note}

    def __str__(self) -> str:
        if self.date is None:
            return f"{self.label}: {self.note}"
        return f"{self.label}: {dates.long(self.date)}" + (f" - {self.note}" if self.note else "")


@dataclass(frozen=True)
class Settings:
    """The answers to open questions that change the arithmetic (not the calendar or the version)."""

    round_down: bool = True            # Feb 29 + 1 year -> Feb 28 (else Mar 1)
    round_name: str = "feb-28"         # the reading's name, for the step note
    count_back_previous: bool = False  # a count back from a hearing rolls to the previous business day


@dataclass(frozen=True)
class Plan:
    """What to count: the version, the period after exceptions, the day counting starts, steps so far."""

    version: RuleVersion
    period: int
    start: date
    steps: tuple[Step, ...] = field(default=())


@dataclass(frozen=True)
class Counted:
    counted_on: date   # the day the count reached, before any roll
    day: date          # the result after the roll
    steps: tuple[Step, ...]


def plan(version: RuleVersion, trigger: date, facts: dict, exceptions: dict | None = None) -> Plan:
    """The period to count and where counting starts: the version's period, changed by its named
    exceptions (STYLE P4) and by days a fact adds, from the trigger or a statutory floor."""
    trigger_note = ("the trigger; the year ends on its anniversary" if version.unit == "years"
                    else "the trigger; counting starts the next day" if version.direction == "after"
                    else "the trigger; counting goes back from the day before")
    steps = [Step("day 0", trigger, trigger_note, StepKind.TRIGGER)]
    start = trigger
    floor = version.trigger_floor
    if floor and trigger < floor.date:
        start = floor.date
        steps.append(Step("start", start, floor.reason, StepKind.START))
    if version.period is None or version.unit is None or version.direction is None:
        raise RuleDataError(f"version {version.version}: nothing to count (no period, unit or direction)")
    period = version.period
    for exc in version.exceptions:
        if (exceptions or {}).get(exc.id, facts.get(exc.fact) == exc.equals):
            period = exc.period
            steps.append(Step("exception", None, f"exception {exc.id}: {exc.period} days instead of "
                                                 f"{version.period} ({' '.join(exc.reason.split())})", StepKind.EXCEPTION))
    adds = version.adds_fact_days
    if adds and facts.get(adds.fact):
        extra = int(facts[adds.fact])
        period += extra
        steps.append(Step("clock stopped", None, f"+{extra} days: {adds.reason}", StepKind.CLOCK_STOPPED))
    unit = UNIT_WORDS[version.unit] + ("s" if period != 1 else "")
    steps.append(Step("count", None, f"{period} {unit} {version.direction} day 0", StepKind.COUNT))
    return Plan(version, period, start, tuple(steps))


def count(p: Plan, cal: CourtCalendar, settings: Settings) -> Counted:
    """Apply the version's unit, direction and roll to the plan; return the day and every step."""
    v = p.version
    sign = 1 if v.direction == "after" else -1
    steps = list(p.steps)
    if v.unit == "working_days":
        day, skipped = cal.add_business_days(p.start, sign * p.period)
        named = [s.describe() for s in skipped if s.kind != WEEKEND]
        extra = f"; skipped {', '.join(named)}" if named else ""
        steps.append(Step(f"working day {p.period}", day, f"weekends and holidays not counted{extra}", StepKind.COUNTED))
        return Counted(day, day, tuple(steps))
    if v.unit == "years":
        raw = dates.add_years(p.start, sign * p.period, rounding=dates.ROUND_DOWN if settings.round_down else dates.ROUND_UP)
        leap = (f" (no February 29 that year: {settings.round_name} reading)"
                if (p.start.month, p.start.day) == (2, 29) else "")
        steps.append(Step(f"anniversary (+{p.period} year{'s' if p.period != 1 else ''})", raw,
                          _closed_note(cal, raw) + leap, StepKind.COUNTED))
    else:
        raw = dates.add_days(p.start, sign * p.period)
        label = f"day {p.period} {'after' if sign > 0 else 'before'}" if p.period else "the set date"
        steps.append(Step(label, raw, _closed_note(cal, raw), StepKind.COUNTED))
    return Counted(raw, *_roll(v.roll or "none", raw, cal, settings, steps))


def _roll(roll: str, raw: date, cal: CourtCalendar, settings: Settings, steps: list) -> tuple[date, tuple]:
    """A last day on a closed day moves (8 C.F.R. 1003.38(b); ICPM 3.1(c)); an earliest date never does."""
    if roll == "none" or cal.is_business_day(raw):
        return raw, tuple(steps)
    if roll == "count-back-next-business-day" and settings.count_back_previous:
        day = cal.previous_business_day(raw)
        steps.append(Step("roll back", day, f"{raw.isoformat()} is closed; moved to the previous business day",
                          StepKind.ROLL))
    else:
        day = cal.next_business_day(raw)
        closed = [c.describe() for c in map(cal.closure, _days(raw, day)) if c is not None]
        steps.append(Step("roll forward", day, f"{raw.isoformat()} is closed ({'; '.join(closed)}); next business day",
                          StepKind.ROLL))
    return day, tuple(steps)


def _closed_note(cal: CourtCalendar, day: date) -> str:
    c = cal.closure(day)
    if c:
        return f"closed: {c.describe()}"
    n = cal.notable(day)
    if n:
        return f"{n.describe()}, counted as a business day under this policy"
    return "a business day"


def _days(a: date, b: date):
    d = a
    while d < b:
        yield d
        d = dates.add_days(d, 1)
