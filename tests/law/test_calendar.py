"""The court calendar: holidays from the ``holidays`` library, closures kept apart by kind."""

from __future__ import annotations

from datetime import date

import pytest

from asylum_teach.court_calendar import (
    EXECUTIVE_ORDER,
    INAUGURATION_DAY,
    INSTRUCTOR,
    LEGAL_HOLIDAY,
    OBSERVED_HOLIDAY,
    CourtCalendar,
    load_closure_file,
)
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.engine import deadline_for

DEFAULT = CourtCalendar()
WITH_EO = CourtCalendar(executive_order_closures=True)


@pytest.mark.parametrize("day, name", [
    (date(2021, 12, 31), "New Year's Day (observed)"),
    (date(2021, 6, 18), "Juneteenth National Independence Day (observed)"),
    (date(2022, 6, 20), "Juneteenth National Independence Day (observed)"),
    (date(2026, 7, 3), "Independence Day (observed)"),
    (date(2023, 1, 2), "New Year's Day (observed)"),
])
def test_observed_days_are_closed_by_default_and_kept_apart(day, name):
    closure = DEFAULT.closure(day)
    assert closure.kind == OBSERVED_HOLIDAY and closure.name == name
    # on the other reading the observed weekday is an ordinary business day, but still named for teaching
    other = CourtCalendar(observed_holidays=False)
    assert other.is_business_day(day) and other.notable(day).kind == OBSERVED_HOLIDAY


def test_the_actual_holiday_is_always_closed():
    assert CourtCalendar(observed_holidays=False).closure(date(2021, 6, 19)).kind == LEGAL_HOLIDAY
    assert CourtCalendar(observed_holidays=False).closure(date(2026, 11, 26)).kind == LEGAL_HOLIDAY


def test_no_juneteenth_before_2021():
    assert DEFAULT.is_business_day(date(2020, 6, 19))


@pytest.mark.parametrize("day", [date(2018, 12, 5), date(2024, 12, 24), date(2025, 1, 9), date(2025, 12, 24),
                                 date(2025, 12, 26)])
def test_executive_order_closures_are_known_but_not_legal_holidays_by_default(day):
    assert DEFAULT.is_business_day(day)
    assert DEFAULT.notable(day).kind == EXECUTIVE_ORDER
    assert WITH_EO.closure(day).kind == EXECUTIVE_ORDER


def test_half_day_closings_are_never_closed():
    assert WITH_EO.is_business_day(date(2009, 12, 24))
    assert WITH_EO.is_business_day(date(2015, 12, 24))


def test_inauguration_day_only_when_asked():
    assert DEFAULT.is_business_day(date(2021, 1, 20))
    assert CourtCalendar(inauguration_day=True).closure(date(2021, 1, 20)).kind == INAUGURATION_DAY
    # 2013: Jan 20 was a Sunday, so the holiday moved to Monday Jan 21 (also MLK Day, a legal holiday)
    assert CourtCalendar(inauguration_day=True).closure(date(2013, 1, 21)).kind == LEGAL_HOLIDAY


def test_instructor_closure_file(tmp_path):
    f = tmp_path / "closures.csv"
    f.write_text("date,name\n# snow\n2026-02-10,Snow closure (Boston court)\n", encoding="utf-8")
    cal = CourtCalendar(extra_closures=load_closure_file(f))
    assert cal.closure(date(2026, 2, 10)).kind == INSTRUCTOR
    # a response due on the snow day moves to the next day
    d = deadline_for("response-to-filing", "2026-01-31", calendar=cal)
    assert d.due == date(2026, 2, 11)


@pytest.mark.parametrize("text, problem", [
    ("2026-02-10,Snow\n", "header"),
    ("date,name\n2026-02-30,Snow\n", "line 2"),
    ("date,name\n2026-02-10,Snow\n2026-02-10,Again\n", "listed twice"),
    ("date,name\n2026-02-10\n", "expected 'date,name'"),
])
def test_bad_closure_files_name_the_problem(tmp_path, text, problem):
    f = tmp_path / "c.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=problem):
        load_closure_file(f)


def test_dates_outside_the_calendar_are_refused_clearly():
    with pytest.raises(InvalidInputError, match="covers 1997-2040"):
        DEFAULT.closure(date(1990, 1, 2))

