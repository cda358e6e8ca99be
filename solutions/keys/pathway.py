"""Answer key for the pathway exercise (instructor only: never in the package or the student bundle).

``asylum-teach grade`` loads it from ``solutions/keys/`` and calls ``compute(student_id, as_of)``.
"""

from __future__ import annotations

from datetime import date

from asylum_teach.grading.exercises._common import cite_forms
from asylum_teach.grading.exercises.pathway import client, engine_answers
from asylum_teach.reasoning.screening import screen

EXERCISE = "pathway"


def compute(student_id: str, as_of: date) -> dict:
    c = client(student_id, as_of)
    s = screen(c.facts, as_of)
    return {
        **engine_answers(student_id, as_of),
        "asylum_standard_cite": cite_forms(s.asylum.standard_of_proof.citations),
        "pathway_cite": cite_forms([c for step in s.pathway_steps for c in step.citations]),
    }
