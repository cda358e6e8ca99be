"""The self-check a student runs inside an exercise: right or wrong, and where to look. Never the answer.

It is a convenience only. It runs in the student's own kernel, so it can be fooled by the student,
which is why the grade never comes from here (the grader rebuilds and re-runs the notebook, see
:mod:`asylum_teach.grading.batch`). It uses the same encoding and the same :func:`scoring.score`
as the grader, so an honest answer gets the same verdict in both places.
"""

from __future__ import annotations

import os

from asylum_teach.grading.extraction import decode, encode
from asylum_teach.grading.scoring import CORRECT, NOT_ANSWERED, score
from asylum_teach.grading.spec import get_spec

MARKS = {CORRECT: "right", NOT_ANSWERED: "not answered"}


def report_lines(results) -> list[str]:
    """Readable lines for a list of :class:`~asylum_teach.grading.scoring.QuestionResult`."""
    lines = []
    for r in results:
        mark = MARKS.get(r.verdict, "WRONG")
        line = f"  {r.key:<22} {mark}"
        if r.verdict != CORRECT:
            line += f": {r.note}" if r.note not in (NOT_ANSWERED, mark) else ""
            if r.review:
                line += f"\n  {'':<22} review: {r.review}"
        lines.append(line)
    right = sum(1 for r in results if r.verdict == CORRECT)
    lines.append(f"  {right} of {len(results)} auto-graded answers right. This is a self-check only: your "
                 "grade comes from the instructor's grader.")
    return lines


def check(exercise_id: str, namespace: dict, student_id: str, as_of=None) -> None:
    """Print right/wrong for every answer variable found in ``namespace`` (the notebook's globals())."""
    if os.environ.get("ASYLUM_TEACH_GRADING"):
        return
    spec = get_spec(exercise_id)
    answers = {}
    for q in spec.questions:
        if q.key in namespace:
            answers[q.key] = decode(encode(namespace[q.key]))
    results = score(spec, str(student_id), answers, {}, as_of)
    print(f"Self-check for {spec.title} (student {student_id}):")
    print("\n".join(report_lines(results)))
