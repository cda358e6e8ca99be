"""Every exercise grades: its solution scores full marks for several students, the untouched exercise 0."""

from __future__ import annotations

import csv

import pytest

from asylum_teach.cli import main
from asylum_teach.grading.report import feedback_path
from asylum_teach.grading.spec import exercise_ids, get_spec
from tests.grading.submissions import ROOT

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]


def _pair(exercise):
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        if f'"exercise": "{exercise}"' in path.read_text():
            return path, ROOT / "solutions" / path.name
    raise AssertionError(f"no notebook for {exercise}")


@pytest.mark.parametrize("exercise", [e for e in exercise_ids() if e != "deadlines"])  # deadlines: test_batch
def test_solutions_full_marks_and_untouched_zero(exercise, tmp_path):
    master, solution = _pair(exercise)
    subs = tmp_path / "subs"
    subs.mkdir()
    for sid in ("ada", "zo-42"):
        (subs / f"{sid}.ipynb").write_text(solution.read_text())
    (subs / "untouched.ipynb").write_text(master.read_text())
    assert main(["grade", str(master), str(subs), "--out", str(tmp_path / "out"), "--workers", "2",
                 "--no-progress", "--timeout", "60"]) == 0
    with open(tmp_path / "out" / "grades.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    spec = get_spec(exercise)
    n = len(spec.questions)
    for sid in ("ada", "zo-42"):
        assert rows[sid]["status"] == "ok" and rows[sid]["auto_score"] == f"{spec.max_auto:g}", rows[sid]
    assert rows["untouched"]["auto_score"] == "0"
    html = feedback_path(tmp_path / "out", "untouched").read_text()
    assert html.count("not answered") >= n
