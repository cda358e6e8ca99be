"""Each solution's code, run in-process for many student ids, scores full marks (fast, no kernel).

This catches a solution (or a spec) that only works for some generated cases. The kernel path is
covered by the batch tests; here the cells are executed directly, top to bottom.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from asylum_teach.grading.extraction import decode, encode
from asylum_teach.grading.scoring import score
from asylum_teach.grading.spec import get_spec
from tests.grading.submissions import ROOT, expected

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def _run(nb: dict, student: str) -> dict:
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in nb["cells"]:
            if cell["cell_type"] != "code" or "selfcheck" in cell["metadata"].get("tags", []):
                continue
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            exec(compile(src, "<cell>", "exec"), ns)
            if "parameters" in cell["metadata"].get("tags", []):
                ns["student_id"] = student
    return ns


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_right_for_many_students(path):
    nb = json.loads(path.read_text())
    spec = get_spec(nb["metadata"]["asylum_teach"]["exercise"])
    for student in [f"student-{i}" for i in range(30)]:
        ns = _run(nb, student)
        answers = {q.key: decode(encode(ns[q.key])) for q in spec.questions}
        wrong = [r.key for r in score(spec, answers, {}, expected(spec.exercise_id, student)) if r.verdict != "correct"]
        assert not wrong, (student, wrong)
