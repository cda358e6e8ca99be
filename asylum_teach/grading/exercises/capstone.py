"""Exercise "capstone": one generated client, from screening through the case timeline.

Each student gets their own hypothetical client (:func:`asylum_teach.model.generator.generate_client`,
seeded by the student id), screens it (:func:`asylum_teach.reasoning.screening.screen`) and builds its
timeline (:func:`asylum_teach.reasoning.timeline.build_timeline`); the grader makes the same calls.

>>> sorted(SPEC.expected("demo"))[:3]
['asylum_available', 'asylum_bars', 'event_count']
"""

from __future__ import annotations

from datetime import date

from asylum_teach.grading.spec import ExerciseSpec, Question, WrittenQuestion
from asylum_teach.model.generator import generate_client
from asylum_teach.model.glossary import parse_date
from asylum_teach.reasoning.screening import PATHWAYS, screen
from asylum_teach.reasoning.timeline import build_timeline

EXERCISE_ID = "capstone"
DEFAULT_AS_OF = "2026-09-01"
STATUSES = ("met", "missed", "disputed", "passed", "upcoming", "open", "not-applicable")  # a deadline item's, as the timeline gives them


def client(student_id: str, as_of=DEFAULT_AS_OF):
    """The student's own hypothetical client (invented)."""
    return generate_client(f"{EXERCISE_ID}:{student_id}", parse_date(as_of, name="as_of"))


def compute(student_id: str, as_of: date) -> dict:
    c = client(student_id, as_of)
    s = screen(c.facts, as_of)
    t = build_timeline(c.facts, as_of)
    pending = [i for i in t.due_next() if i.is_deadline]
    one_year = next((i for i in t.items if i.key == "one-year-asylum"), None)
    return {
        "pathway": s.pathway,
        "asylum_available": s.asylum.available,
        "asylum_bars": list(s.asylum.bars),
        "withholding_available": s.withholding.available,
        "event_count": len(t.events),
        "passed_deadlines": [i.key for i in t.deadlines if i.status == "passed"],
        "one_year_status": one_year.status if one_year else "not-applicable",
        "next_deadline": pending[0].key if pending else None,
        "next_deadline_on": pending[0].on if pending else None,
    }


QUESTIONS = (
    Question("pathway", "Which pathway is your client on?", "choice", choices=PATHWAYS,
             review="screen(client.facts, as_of).pathway_steps (INA 239(a); 8 CFR 1208.2(b))."),
    Question("asylum_available", "Is asylum still available?", "bool",
             review="Screening.asylum and its steps (INA 208(a)(2), 208(b)(2))."),
    Question("asylum_bars", "List the ids of the bars to asylum (an empty list if none).", "set",
             review="Screening.asylum.bars."),
    Question("withholding_available", "Is withholding of removal still available?", "bool",
             review="Screening.withholding (INA 241(b)(3)(B))."),
    Question("event_count", "How many events (not deadlines) are on your client's timeline?", "int",
             review="Timeline.events of build_timeline(client.facts, as_of)."),
    Question("passed_deadlines", "List the rule ids of deadlines that have already passed unmet.", "set",
             review="Timeline.deadlines and each item's status."),
    Question("one_year_status", "What is the status of the one-year deadline on the timeline?", "choice",
             choices=STATUSES, review="The timeline item for rule one-year-asylum (INA 208(a)(2)(B))."),
    Question("next_deadline", "Which rule id is the next pending deadline (None if nothing is pending)?",
             "optional-text", review="Timeline.due_next() and Timeline.what_is_due_next()."),
    Question("next_deadline_on", "On what date is that next deadline (None if nothing is pending)?",
             "optional-date", review="The TimelineItem's date (on) of the next pending deadline."),
)

WRITTEN = (
    WrittenQuestion("w_memo", "Write a one-page case memo: the client's situation, pathway, relief available "
                    "and barred, the deadlines already missed and the next ones, and your plan, with citations.",
                    points=6, rubric=("facts stated accurately and briefly (1)", "pathway with citation (1)",
                                      "relief analysis with bars and standards (1)",
                                      "deadlines: missed, next, and safe dates (1)",
                                      "a concrete plan with dates (1)", "professional, careful writing (1)")),
)

SPEC = ExerciseSpec(EXERCISE_ID, "Capstone: from intake to the next deadline", QUESTIONS, WRITTEN, compute,
                    DEFAULT_AS_OF)
