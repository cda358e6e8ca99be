"""Reading a student's answer the way a person would, before it is judged: one function for everyone.

Where the law is not at stake, an answer is read forgivingly. A date may be a ``datetime.date`` or
written in quotes as ``"2026-08-10"``, ``"August 10, 2026"``, ``"Aug. 10, 2026"`` or ``"10 August 2026"``;
numbers with slashes are read month/day/year, as US courts write dates (``"8/10/2026"`` is August 10).
A federal holiday is known by its standard name (python-holidays' names for the US federal calendar) and
its common short forms ("Juneteenth", "MLK Day", "Presidents' Day", "Fourth of July"). A choice is
matched ignoring case, surrounding spaces and the difference between ``-``, ``_`` and a space, and by its
label where it has one. Anything that cannot be read gets one plain sentence ("I could not read this as
a date ..."), never a Python type name.

Grading integrity comes first: a reading that could mean two things (a month 13, a weekday that does
not match the date, a text that fits two choices) is not read at all, so it scores wrong, with a message
saying why. The grader, ``asylum-teach check`` and the self-check all call :func:`read` (through
:mod:`.scoring`), so a student sees the grader's own reading; the gradebook keeps what the student wrote.

>>> read("date", "Aug. 10, 2026").value
datetime.date(2026, 8, 10)
>>> read("date", "8/10/2026").value
datetime.date(2026, 8, 10)
>>> read("date", "13/8/2026").problem
'I could not read this as a date: dates written in numbers are read month/day/year, as US courts write them, and there is no month 13. Write the month as a word, e.g. "July 4, 1776".'
>>> read("optional-holiday", "Juneteenth").value
'Juneteenth National Independence Day'
>>> read("choice", " Filing_Before individual ", choices=("filing-before-individual", "bia-appeal")).value
'filing-before-individual'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

#: A date in no student's case, for examples in messages (an example must never be someone's answer).
EXAMPLE_DATE = '"July 4, 1776"'
MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS |= {"sept": 9}
WEEKDAYS = {name.casefold(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS |= {name.casefold(): i for i, name in enumerate(calendar.day_abbr)}
WEEKDAYS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}

#: The US federal legal holidays by python-holidays' names (5 U.S.C. 6103), with the short forms people
#: use. A name with " (observed)" after it is the same holiday.
HOLIDAYS = {
    "New Year's Day": ("New Year's", "New Years", "New Year"),
    "Martin Luther King Jr. Day": ("MLK Day", "MLK", "MLK Jr. Day", "Martin Luther King Day", "Martin Luther King",
                                   "Birthday of Martin Luther King, Jr.", "Martin Luther King Jr.'s Birthday"),
    "Washington's Birthday": ("Presidents' Day", "President's Day", "Presidents Day", "Washington's Day"),
    "Memorial Day": (),
    "Juneteenth National Independence Day": ("Juneteenth", "Juneteenth Day", "Juneteenth Independence Day"),
    "Independence Day": ("Fourth of July", "4th of July", "July 4th", "July 4", "July Fourth"),
    "Labor Day": ("Labour Day",),
    "Columbus Day": ("Indigenous Peoples' Day", "Columbus Day / Indigenous Peoples' Day"),
    "Veterans Day": ("Veterans' Day", "Armistice Day"),
    "Thanksgiving Day": ("Thanksgiving",),
    "Christmas Day": ("Christmas",),
    "Inauguration Day": (),
}
NO_HOLIDAY = ("none", "no holiday", "not a holiday")
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "y"), ("false", "no", "n")
EMPTY = object()  # a blank answer (``...``): not an answer at all


@dataclass(frozen=True)
class Reading:
    """What an answer was read as (``value``), or why it could not be read (``problem``, one sentence)."""

    value: Any = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def key(text: str) -> str:
    """The form two spellings of a name are compared in: case, spaces and punctuation ignored.

    >>> key(" Filing_Before individual ") == key("filing-before-individual")
    True
    """
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


# -- dates -----------------------------------------------------------------------------------------------

def read_date(text: str) -> Reading:
    """A date written in words or numbers (see the module docstring); a problem if it is not one date.

    >>> read_date("Monday, August 10, 2026").value, read_date("10th August 2026").value
    (datetime.date(2026, 8, 10), datetime.date(2026, 8, 10))
    >>> read_date("Tuesday, August 10, 2026").problem
    'I could not read this as a date: August 10, 2026 is a Monday, not a Tuesday. Check which day you mean.'
    """
    raw = str(text).strip()
    if not raw:
        return _no_date("it is empty.")
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", raw)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    us = re.fullmatch(r"(\d{1,2})([/-])(\d{1,2})\2(\d{2,4})", raw)
    if us:
        month, day, year = int(us[1]), int(us[3]), us[4]
        if len(year) != 4:
            return _no_date("write the year in full (four digits).")
        if not 1 <= month <= 12:
            return _no_date("dates written in numbers are read month/day/year, as US courts write them, and there "
                            f"is no month {month}. Write the month as a word, e.g. {EXAMPLE_DATE}.")
        return _make(int(year), month, day)
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", raw):
        return _no_date(f"a date with dots could be day.month or month.day. Write the month as a word, e.g. "
                        f"{EXAMPLE_DATE}.")
    return _read_words(raw)


def _read_words(raw: str) -> Reading:
    words = re.findall(r"[A-Za-z]+|\d+", raw.replace("’", "'"))
    leftover = re.sub(r"[A-Za-z]+|\d+|[\s,./-]", "", raw)
    month = weekday = day = year = None
    for word in words:
        w = word.casefold()
        if w in MONTHS and month is None:
            month = MONTHS[w]
        elif w in WEEKDAYS and weekday is None:
            weekday = WEEKDAYS[w]
        elif w.isdigit() and len(w) == 4 and year is None:
            year = int(w)
        elif w.isdigit() and len(w) <= 2 and day is None:
            day = int(w)
        elif w in ("st", "nd", "rd", "th", "of", "the") and (w in ("of", "the") or day is not None):
            continue
        else:
            return _no_date(f"Write it in quotes as month, day and year, e.g. {EXAMPLE_DATE}.")
    if leftover or month is None or day is None:
        return _no_date(f"Write it in quotes as month, day and year, e.g. {EXAMPLE_DATE}.")
    if year is None:
        return _no_date("give the year too.")
    reading = _make(year, month, day)
    if reading.ok and weekday is not None and reading.value.weekday() != weekday:
        said = calendar.day_name[weekday]
        return _no_date(f"{_words(reading.value)} is a {calendar.day_name[reading.value.weekday()]}, not a {said}. "
                        "Check which day you mean.")
    return reading


def _make(year: int, month: int, day: int) -> Reading:
    try:
        return Reading(date(year, month, day))
    except ValueError:
        if 1 <= month <= 12:
            return _no_date(f"{calendar.month_name[month]} {day}, {year} is not a day of the calendar.")
        return _no_date(f"there is no month {month}.")


def _words(day: date) -> str:
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def _no_date(why: str) -> Reading:
    return Reading(problem=f"I could not read this as a date: {why}")


# -- holidays and choices --------------------------------------------------------------------------------

def holiday_name(text: str) -> str | None:
    """The standard name of the federal holiday ``text`` names, or None.

    >>> holiday_name("Presidents Day"), holiday_name("Christmas Day (observed)"), holiday_name("Easter")
    ("Washington's Birthday", 'Christmas Day', None)
    """
    k = key(re.sub(r"^\s*the\s+|\s*\(?observed\)?\s*$", "", str(text), flags=re.I))
    for name, short in HOLIDAYS.items():
        if k and k in {key(n) for n in (name, *short)}:
            return name
    return None


def read_choice(given, choices, labels=()) -> Reading:
    """The one choice ``given`` names, by its id or its label; a problem when it names none or several.

    >>> read_choice("Next business day", ("next-business-day", "calendar-day-zero"),
    ...             (("next-business-day", "A closed last day rolls forward"),)).value
    'next-business-day'
    """
    listed = ", ".join(choices)
    if type(given) is not str or not key(given):
        return Reading(problem=f"I could not read this as one of the choices: {listed}. Put your choice in quotes.")
    spellings = [(c, c) for c in choices] + [(c, label) for c, label in labels]
    hits = sorted({c for c, spelling in spellings if key(spelling) == key(given)})
    if len(hits) == 1:
        return Reading(hits[0])
    if hits:
        return Reading(problem=f"I could not read this as one choice: it fits {' and '.join(hits)}. Write the "
                               "one you mean.")
    return Reading(problem=f"I could not read this as one of the choices: {listed}.")


# -- one answer of one kind ------------------------------------------------------------------------------

def read(kind: str, given, *, choices=(), labels=()) -> Reading:
    """Read ``given`` (a decoded answer: plain Python values only) as an answer of ``kind``.

    The value of a good reading is in the form the grader compares: a ``date``, an ``int``, a ``bool``,
    a choice's id, a holiday's standard name, text, or a list of texts. ``choices`` and ``labels`` are a
    choice question's ids and its ``(id, label)`` pairs."""
    if kind in ("optional-date", "optional-text", "optional-holiday") and given is None:
        return Reading(None)
    if kind in ("date", "optional-date"):
        if type(given) is date:
            return Reading(given)
        if type(given) is str:
            if kind == "optional-date" and given.strip().casefold() == "none":
                return Reading(None)
            return read_date(given)
        return _no_date(f'write it in quotes, e.g. {EXAMPLE_DATE} or "1776-07-04".')
    if kind == "int":
        return _read_int(given)
    if kind == "bool":
        if type(given) is bool:
            return Reading(given)
        word = given.strip().casefold() if type(given) is str else None
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return Reading(word in TRUE_WORDS)
        return Reading(problem="I could not read this as yes or no: write True or False.")
    if kind == "choice":
        return read_choice(given, choices, labels)
    if kind == "optional-holiday":
        if type(given) is str and given.strip().casefold() in NO_HOLIDAY:
            return Reading(None)
        name = holiday_name(given) if type(given) is str else None
        if name is None:
            return Reading(problem="I could not read this as the name of a federal holiday ("
                                   + ", ".join(HOLIDAYS) + "), or None if the day is not a holiday.")
        return Reading(name)
    if kind in ("text", "optional-text"):
        if type(given) is str and key(given):
            return Reading(given)
        return Reading(problem='I could not read this as text: put it in quotes, e.g. "your words here".')
    if kind in ("set", "sequence", "some-of", "findings"):
        return _read_list(kind, given)
    raise ValueError(f"no reading for answers of kind {kind!r}")


def _read_int(given) -> Reading:
    if type(given) is int:
        return Reading(given)
    if type(given) is float and given.is_integer():
        return Reading(int(given))
    if type(given) is str:
        match = re.fullmatch(r"\s*([-+−]?)\s*(\d{1,7})(?:\s*(?:calendar\s+)?days?)?\s*", given, re.I)
        if match:
            return Reading(-int(match[2]) if match[1] in ("-", "−") else int(match[2]))
    return Reading(problem="I could not read this as a whole number: write it in digits, e.g. 42.")


def _read_list(kind: str, given) -> Reading:
    example = 'e.g. ["CFI-9 DEC-1 place trivial", "..."]' if kind == "findings" else 'e.g. ["first", "second"]'
    if type(given) is str and (kind == "findings" or not re.search(r"[,;]", given)) and key(given):
        given = [given]  # one item written without the brackets
    if type(given) is not list:
        return Reading(problem=f"I could not read this as a list: write the items in square brackets, each in "
                               f"quotes, {example}.")
    if any(type(x) is not str for x in given):
        return Reading(problem=f"I could not read every item of this list: put each item in quotes, {example}.")
    return Reading(list(given))
