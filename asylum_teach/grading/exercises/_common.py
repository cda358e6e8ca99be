"""Helpers shared by exercise specs: seeded randomness and accepted spellings of citations."""

from __future__ import annotations

import random
from datetime import date, timedelta

from asylum_teach.grading.spec import seed_for


def rng_for(exercise_id: str, student_id: str) -> random.Random:
    """A random generator seeded by the exercise and the student id (identical on every machine)."""
    return random.Random(seed_for(exercise_id, student_id))


def day_between(rng: random.Random, start: date, end: date, *, weekdays_only: bool = False) -> date:
    """A day in ``[start, end]`` chosen by ``rng`` (optionally Monday to Friday only)."""
    while True:
        day = start + timedelta(days=rng.randint(0, (end - start).days))
        if not weekdays_only or day.weekday() < 5:
            return day


def cite_forms(cites) -> tuple[str, ...]:
    """Accepted spellings of citations: the full text, the part before its parenthetical, and each
    comma-separated authority in that part (``"INA 242(b)(1)"`` for ``"INA 242(b)(1), 8 U.S.C. ..."``).

    >>> cite_forms(["INA 242(b)(1), 8 U.S.C. 1252(b)(1) (not later than 30 days)"])[1:]
    ('INA 242(b)(1), 8 U.S.C. 1252(b)(1)', 'INA 242(b)(1)', '8 U.S.C. 1252(b)(1)')
    """
    forms: list[str] = []
    for cite in cites:
        text = getattr(cite, "cite", cite)
        head = text.split(" (")[0].strip()
        forms += [text, head]
        forms += [p.strip() for p in head.split(", ") 
                  if len(p.strip()) >= 5 and "___" not in p and not p.startswith("No.")]
    return tuple(dict.fromkeys(forms))


def weekday_names() -> tuple[str, ...]:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_labels() -> tuple[tuple[str, str], ...]:
    """Short forms of the weekdays read as the weekday: ``("Monday", "Mon")``, ``("Tuesday", "Tues")``..."""
    short = {"Tuesday": ("Tue", "Tues"), "Wednesday": ("Wed",), "Thursday": ("Thu", "Thur", "Thurs")}
    return tuple((day, s) for day in weekday_names() for s in short.get(day, (day[:3],)))


#: What each pathway means, which a student may type instead of its id.
PATHWAY_LABELS = (("affirmative", "Affirmative (USCIS)"), ("defensive", "Defensive (immigration judge)"),
                  ("uscis-initial-jurisdiction-uac", "USCIS first (unaccompanied child)"))


def rule_labels(rule_ids) -> tuple[tuple[str, str], ...]:
    """Each rule id with its title, which a student may type instead of the id."""
    from asylum_teach.law.rules import load_rules

    rules = load_rules()
    return tuple((r, rules[r].title) for r in rule_ids)
