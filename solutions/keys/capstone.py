"""Answer key for the capstone exercise (instructor only: never in the package or the student bundle).

``asylum-teach grade`` loads it from ``solutions/keys/`` and calls ``compute(student_id, as_of)``.
"""

from __future__ import annotations

from datetime import date

from asylum_teach.grading.exercises.capstone import client, engine_answers
from asylum_teach.reasoning.timeline import build_timeline

EXERCISE = "capstone"


def compute(student_id: str, as_of: date) -> dict:
    c = client(student_id, as_of)
    t = build_timeline(c.facts, as_of)
    pending = [i for i in t.due_next() if i.is_deadline]
    one_year = next((i for i in t.items if i.key == "one-year-asylum"), None)
    return {
        **engine_answers(student_id, as_of),
        "event_count": len(t.events),
        "passed_deadlines": [i.key for i in t.deadlines if i.status == "passed"],
        "one_year_status": one_year.status if one_year else "not-applicable",
        "next_deadline": pending[0].key if pending else None,
        "next_deadline_on": pending[0].on if pending else None,
    }
