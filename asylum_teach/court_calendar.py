"""The federal court calendar: which days a court or the Board is closed.

Legal public holidays come from the ``holidays`` library (5 U.S.C. 6103(a), with the Saturday→Friday
and Sunday→Monday observed days of 5 U.S.C. 6103(b) and Executive Order 11582); Juneteenth counts from
2021 because the library says so. We do not keep our own holiday tables.

Four kinds of closed day are kept apart, because whether each one extends a deadline is a legal
question, not an accident of data (STYLE P6):

* ``legal-holiday``: a legal public holiday on its actual date. Always closed.
* ``observed-holiday``: the Friday or Monday on which a weekend holiday is observed (5 U.S.C. 6103(b);
  E.O. 11582). Courts are closed, but no text says whether it extends a deadline: closed unless the
  policy says otherwise.
* ``executive-order``: a one-off closure of federal agencies by executive order (e.g. 2018-12-05,
  2024-12-24, 2025-01-09), from the library's ``GOVERNMENT`` category. Closed only when the policy asks.
* ``inauguration-day``: January 20 after a presidential election, a legal holiday only in the
  Washington, D.C. area (5 U.S.C. 6103(c)), where the BIA sits (Falls Church, VA). Closed only when asked.
* ``instructor``: extra closures an instructor adds from a small file (a weather closure, an outage).

Half-day closings (e.g. 2009-12-24) are never treated as closed.

>>> cal = CourtCalendar()
>>> cal.closure(date(2021, 12, 31)).name
"New Year's Day (observed)"
>>> cal.is_business_day(date(2024, 12, 24))        # EO closure, not a legal holiday by default
True
>>> CourtCalendar(executive_order_closures=True).is_business_day(date(2024, 12, 24))
False
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from asylum_teach.exceptions import InvalidInputError

LEGAL_HOLIDAY = "legal-holiday"
OBSERVED_HOLIDAY = "observed-holiday"
EXECUTIVE_ORDER = "executive-order"
INAUGURATION_DAY = "inauguration-day"
INSTRUCTOR = "instructor"
WEEKEND = "weekend"

CITATIONS = {
    LEGAL_HOLIDAY: "5 U.S.C. 6103(a)",
    OBSERVED_HOLIDAY: "5 U.S.C. 6103(b)(1); Executive Order 11582 (observed days)",
    EXECUTIVE_ORDER: "Executive orders closing federal agencies (see the holidays library's US government category)",
    INAUGURATION_DAY: "5 U.S.C. 6103(c) (Inauguration Day, Washington D.C. area only)",
    INSTRUCTOR: "instructor-supplied closure file",
}

_YEARS = range(1997, 2041)


@dataclass(frozen=True)
class Closure:
    """Why a day is not a business day."""

    day: date
    kind: str
    name: str

    def describe(self) -> str:
        return f"{self.name} ({self.kind})"


@functools.lru_cache(maxsize=1)
def _library_days() -> tuple[dict, dict]:
    """(legal holidays incl. observed, executive-order closures) from the holidays library, cached."""
    import holidays

    public = holidays.country_holidays("US", years=_YEARS)
    government = holidays.country_holidays("US", categories=holidays.GOVERNMENT, years=_YEARS)
    legal = {d: n for d, n in public.items()}
    eo = {
        d: n
        for d, n in government.items()
        if d not in legal and "half-day" not in n.lower()
    }
    return legal, eo


def warm() -> None:
    """Build the holiday tables now rather than at the first count (a grading kernel calls this while
    it waits for its notebook; see ``grading/kernel.py``)."""
    _library_days()


def _is_observed(name: str) -> bool:
    """True for a day that is only an observed substitute (the library names it "... (observed)")."""
    return all(part.strip().endswith("(observed)") for part in name.split(";"))


def inauguration_day(year: int) -> date | None:
    """Inauguration Day as a D.C.-area legal holiday under 5 U.S.C. 6103(c).

    January 20 of each fourth year after 1965; if it falls on a Sunday, the next day. A Saturday gets no
    substitute day.

    >>> inauguration_day(2021), inauguration_day(2013), inauguration_day(2029), inauguration_day(2024)
    (datetime.date(2021, 1, 20), datetime.date(2013, 1, 21), None, None)
    """
    if year < 1969 or (year - 1965) % 4 != 0:
        return None
    day = date(year, 1, 20)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    if day.weekday() == 5:
        return None
    return day


def load_closure_file(path: str | Path) -> dict[date, str]:
    """Read instructor closures from a CSV with columns ``date,name`` (a header line is required).

    Lines starting with ``#`` are comments. Errors name the file and line.
    """
    from asylum_teach.dates import parse_date

    p = Path(path)
    if not p.is_file():
        raise InvalidInputError(f"closure file {p}: not found")
    out: dict[date, str] = {}
    with p.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh)]
    data = [(i + 1, r) for i, r in enumerate(rows) if r and not r[0].lstrip().startswith("#")]
    if not data or [c.strip().lower() for c in data[0][1][:2]] != ["date", "name"]:
        raise InvalidInputError(f"closure file {p}: first line must be the header 'date,name'")
    for lineno, row in data[1:]:
        if len(row) < 2 or not row[1].strip():
            raise InvalidInputError(f"closure file {p}, line {lineno}: expected 'date,name'")
        day = parse_date(row[0], name=f"closure file {p}, line {lineno}")
        if day in out:
            raise InvalidInputError(f"closure file {p}, line {lineno}: {day} is listed twice")
        out[day] = row[1].strip()
    return out


class CourtCalendar:
    """Business days for filings with an immigration court or the BIA.

    Parameters name each legal choice: ``observed_holidays`` (count the observed Friday or Monday of a
    weekend holiday as closed; default yes), ``executive_order_closures`` (count EO closure days as
    closed), ``inauguration_day`` (count D.C.-area Inauguration Day as closed, for BIA filings), and
    ``extra_closures`` (instructor-supplied ``{date: name}``).
    """

    def __init__(self, *, observed_holidays: bool = True, executive_order_closures: bool = False,
                 inauguration_day: bool = False, extra_closures: dict[date, str] | None = None):
        self.observed_holidays = observed_holidays
        self.executive_order_closures = executive_order_closures
        self.inauguration_day = inauguration_day
        self.extra_closures = dict(extra_closures or {})

    def variant(self, **changes) -> CourtCalendar:
        args = dict(observed_holidays=self.observed_holidays, executive_order_closures=self.executive_order_closures,
                    inauguration_day=self.inauguration_day, extra_closures=self.extra_closures)
        args.update(changes)
        return CourtCalendar(**args)

    # -- what kind of day is this?
    def closure(self, day: date) -> Closure | None:
        """The reason ``day`` is closed under this calendar, or None for a business day."""
        legal, eo = _library_days()
        if day.year not in _YEARS:
            raise InvalidInputError(f"{day}: the court calendar covers {_YEARS.start}-{_YEARS.stop - 1} only")
        if day in legal:
            if not _is_observed(legal[day]):
                return Closure(day, LEGAL_HOLIDAY, legal[day])
            if self.observed_holidays:
                return Closure(day, OBSERVED_HOLIDAY, legal[day])
        if day.weekday() >= 5:
            return Closure(day, WEEKEND, day.strftime("%A"))
        if self.executive_order_closures and day in eo:
            return Closure(day, EXECUTIVE_ORDER, eo[day])
        if self.inauguration_day and inauguration_day(day.year) == day:
            return Closure(day, INAUGURATION_DAY, "Inauguration Day (D.C. area)")
        if day in self.extra_closures:
            return Closure(day, INSTRUCTOR, self.extra_closures[day])
        return None

    def notable(self, day: date) -> Closure | None:
        """Like :meth:`closure`, but also reports closures this calendar does *not* count (for teaching)."""
        found = self.closure(day)
        if found:
            return found
        legal, eo = _library_days()
        if day in legal:
            return Closure(day, OBSERVED_HOLIDAY, legal[day])
        if day in eo:
            return Closure(day, EXECUTIVE_ORDER, eo[day])
        if inauguration_day(day.year) == day:
            return Closure(day, INAUGURATION_DAY, "Inauguration Day (D.C. area)")
        return None

    def is_business_day(self, day: date) -> bool:
        return self.closure(day) is None

    # -- moving across closed days
    def next_business_day(self, day: date) -> date:
        """``day`` itself if open, else the next open day."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def previous_business_day(self, day: date) -> date:
        """``day`` itself if open, else the last open day before it."""
        while not self.is_business_day(day):
            day -= timedelta(days=1)
        return day

    def add_business_days(self, day: date, n: int) -> tuple[date, list[Closure]]:
        """Count ``n`` business days after ``day`` (day 0), skipping closed days; returns the skipped ones."""
        skipped: list[Closure] = []
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            day += timedelta(days=step)
            reason = self.closure(day)
            if reason:
                skipped.append(reason)
            else:
                remaining -= 1
        return day, skipped

    def closures_between(self, start: date, end: date) -> list[Closure]:
        """Every closed day (under this calendar) from start to end inclusive, weekends left out."""
        out, day = [], start
        while day <= end:
            c = self.closure(day)
            if c and c.kind != WEEKEND:
                out.append(c)
            day += timedelta(days=1)
        return out
