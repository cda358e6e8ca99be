"""Date arithmetic that never guesses (STYLE P5).

Adding years to February 29 has no single answer: the next year has no February 29. ``add_years``
makes the caller name the convention, and refuses to pick one silently.

>>> add_years(date(2023, 4, 9), 1, rounding=ABORT)
datetime.date(2024, 4, 9)
>>> add_years(date(2024, 2, 29), 1, rounding=ROUND_DOWN)
datetime.date(2025, 2, 28)
>>> add_years(date(2024, 2, 29), 1, rounding=ROUND_UP)
datetime.date(2025, 3, 1)
>>> add_years(date(2024, 2, 29), 1, rounding=ABORT)
Traceback (most recent call last):
...
asylum_teach.exceptions.AmbiguousDateError: 2024-02-29 plus 1 year has no anniversary (no February 29 in 2025); name a rounding: round down to Feb 28 or round up to Mar 1
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, timedelta

from asylum_teach.exceptions import AmbiguousDateError, InvalidDateError

ABORT = "abort"
ROUND_DOWN = "down"  # Feb 29 + 1 year -> Feb 28 (the year read as 365 days: Lagandaon, Habibi)
ROUND_UP = "up"  # Feb 29 + 1 year -> Mar 1 (the day after the missing anniversary)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def add_years(day: date, years: int, *, rounding: str) -> date:
    """The anniversary ``years`` years after ``day``, with a named rounding for February 29."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        if rounding == ROUND_DOWN:
            return date(day.year + years, 2, 28)
        if rounding == ROUND_UP:
            return date(day.year + years, 3, 1)
        raise AmbiguousDateError(
            f"{day} plus {years} year{'s' if years != 1 else ''} has no anniversary (no February 29 in "
            f"{day.year + years}); name a rounding: round down to Feb 28 or round up to Mar 1"
        ) from None


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def weekday(day: date) -> str:
    """The weekday's name.

    >>> weekday(date(2026, 11, 23))
    'Monday'
    """
    return WEEKDAYS[day.weekday()]


def long(day: date) -> str:
    """A date as a person reads it: ``Monday 2026-11-23``."""
    return f"{weekday(day)} {day.isoformat()}"


def parse_date(value, *, name: str = "date") -> _dt.date:
    """Parse an ISO date (YYYY-MM-DD), naming the field on failure.

    >>> parse_date("2024-02-29")
    datetime.date(2024, 2, 29)
    >>> parse_date("2025-02-30", name="trigger")
    Traceback (most recent call last):
    ...
    asylum_teach.exceptions.InvalidDateError: trigger: '2025-02-30' is not a real date (day is out of range for month)
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise InvalidDateError(f"{name}: {text!r} is not a date in the form YYYY-MM-DD")
    try:
        return _dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError as exc:
        raise InvalidDateError(f"{name}: {text!r} is not a real date ({exc})") from None
