"""Every exercise and solution notebook runs top to bottom with papermill, for more than one student.

A solution's own self-check must report every answer right; an exercise's must report none right
(all "not answered") and must never print an expected value.
"""

from __future__ import annotations

import re

import papermill
import pytest

from asylum_teach.grading.spec import get_spec
from tests.grading.submissions import ROOT, expected

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def _selfcheck_text(nb) -> str:
    cell = next(c for c in nb.cells if "selfcheck" in c.metadata.get("tags", []))
    # printed lines, and the self-check's report (a table, with its plain text beside it)
    return "".join(o.get("text", "") if o.get("output_type") == "stream" else o.get("data", {}).get("text/plain", "")
                   for o in cell.outputs if o.get("output_type") in ("stream", "display_data"))


def test_every_exercise_has_a_solution():
    assert [p.name for p in EXERCISES] == [p.name for p in SOLUTIONS]
    assert len(EXERCISES) >= 1


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
@pytest.mark.parametrize("student", ["ada", "zo-42"])
def test_solution_runs_and_self_checks_all_right(path, student, tmp_path):
    nb = papermill.execute_notebook(str(path), str(tmp_path / "out.ipynb"), parameters={"student_id": student},
                                    kernel_name="python3", progress_bar=False, execution_timeout=120)
    text = _selfcheck_text(nb)
    spec = get_spec(nb.metadata["asylum_teach"]["exercise"])
    checked, others = len(spec.engine_checked), len(spec.questions) - len(spec.engine_checked)
    assert f"{checked} of {checked} checked answers right" in text, text  # the engine's answers, decided here
    if others:
        assert f"{others} more can be read, and only your instructor's grader decides them" in text


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_exercise_runs_and_self_check_reveals_nothing(path, tmp_path):
    nb = papermill.execute_notebook(str(path), str(tmp_path / "out.ipynb"), parameters={"student_id": "ben"},
                                    kernel_name="python3", progress_bar=False, execution_timeout=120)
    text = _selfcheck_text(nb)
    spec = get_spec(nb.metadata["asylum_teach"]["exercise"])
    assert f"0 of {len(spec.questions)} checked answers right" in text  # not answered counts as checked
    assert text.count("not answered") == len(spec.questions)
    for value in expected(spec.exercise_id, "ben").values():
        for v in (value.values() if isinstance(value, dict) else [value]):
            if hasattr(v, "isoformat"):
                assert v.isoformat() not in text
    assert not re.search(r"expected (value|answer)", text)
