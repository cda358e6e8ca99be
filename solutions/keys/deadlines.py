"""Answer key for the deadlines exercise (instructor only: never in the package or the student bundle).

``asylum-teach grade`` loads it from ``solutions/keys/`` (``--keys DIR`` to look elsewhere) and calls
``compute(student_id, as_of)`` for each student's expected answers: the engine's own answers (the ones
the student's self-check decides too) and the ones only the grader decides.
"""

from __future__ import annotations

from datetime import date

from asylum_teach.court_calendar import LEGAL_HOLIDAY, CourtCalendar
from asylum_teach.grading.exercises._common import cite_forms
from asylum_teach.grading.exercises.deadlines import SITUATIONS, engine_answers, scenario
from asylum_teach.law.engine import deadline_for
from asylum_teach.law.rules import get_rule, load_conventions

EXERCISE = "deadlines"

#: The rule that governs each situation of ``SITUATIONS``, in the same order.
SITUATION_RULES = ("address-change-court", "bia-appeal", "petition-for-review", "in-absentia-reopen",
                   "ead-application", "filing-before-individual")


def compute(student_id: str, as_of: date) -> dict:
    s = scenario(student_id, as_of)
    one_year = deadline_for("one-year-asylum", s.last_arrival_on, as_of=as_of)
    pfr = deadline_for("petition-for-review", s.bia_decision_on, as_of=as_of)
    closure = CourtCalendar().closure(pfr.counted_on)
    holiday = None
    if closure is not None and closure.kind == LEGAL_HOLIDAY:
        holiday = (closure.name, closure.name.replace(" (observed)", ""))
    conventions = load_conventions()
    own = [c for c in pfr.citations if all(c.cite != k.cite for conv in conventions.values()
                                           for k in conv["citations"])]
    return {
        **engine_answers(student_id, as_of),
        "one_year_days_left": (one_year.due - as_of).days,
        "pfr_holiday": holiday,
        "pfr_roll_cite": cite_forms(conventions[get_rule("petition-for-review").version_on(as_of).roll]["citations"]),
        "pfr_citation": cite_forms(own),
        "situation_rule": dict(zip(SITUATIONS, SITUATION_RULES))[s.situation],
    }
