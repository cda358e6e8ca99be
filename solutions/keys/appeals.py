"""Answer key for the appeals exercise (instructor only: never in the package or the student bundle).

Every answer of this exercise is read off the appeal aid the exercise asks the student to build, so the
engine's own answers are the whole key. ``asylum-teach grade`` loads it from ``solutions/keys/``.
"""

from __future__ import annotations

from datetime import date

from asylum_teach.grading.exercises.appeals import engine_answers

EXERCISE = "appeals"


def compute(student_id: str, as_of: date) -> dict:
    return engine_answers(student_id, as_of)
