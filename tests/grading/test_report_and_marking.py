"""Rubrics by criterion, the class report and the marking notebook (issue #12, item 7).

The rubric took one score per written question although it listed four criteria, cut answers at 70
characters and showed them highlighted as Python. Here: a class of three (a right notebook, an untouched
one, a corrupt file) is graded once; the class report, the per-criterion marks and the marking panel are
checked against what those three deserve.
"""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3

import papermill
import pytest

from asylum_teach.cli import main
from asylum_teach.grading.report import INDEX, feedback_path
from tests.grading.submissions import EXERCISE, ROOT, SOLUTION

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

MARKING = ROOT / "solutions" / "marking" / "rubric_marking.ipynb"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    subs, out = base / "subs", base / "out"
    subs.mkdir()
    (subs / "ada.ipynb").write_text(SOLUTION.read_text(encoding="utf-8"), encoding="utf-8")
    (subs / "ben.ipynb").write_text(EXERCISE.read_text(encoding="utf-8"), encoding="utf-8")
    (subs / "eve.ipynb").write_text("{", encoding="utf-8")
    assert main(["grade", "deadlines", str(subs), "--out", str(out), "--no-progress", "--timeout", "60"]) == 1
    return out


def _tables(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def test_the_class_report_links_every_student(graded):
    html = (graded / INDEX).read_text(encoding="utf-8")
    for student in ("ada", "ben", "eve"):
        link = f"feedback/{feedback_path(graded, student).name}"
        assert f'href="{link}"' in html and (graded / link).is_file()


def test_the_class_report_gives_success_rates_with_a_chart(graded):
    html = _tables((graded / INDEX).read_text(encoding="utf-8"))
    assert html.count("<tr><td>one_year_due</td><td>1 of 2</td></tr>") == 1  # eve's file could not be run
    assert "<svg" in html and html.count("<rect") == 11 and "50%" in html


def test_the_class_report_names_who_is_stuck_and_what_to_mark(graded):
    html = (graded / INDEX).read_text(encoding="utf-8")
    stuck = html.split("Who is stuck")[1].split("</ul>")[0]
    assert "ben: 0 of 11 auto-graded points" in stuck and "eve: run status invalid" in stuck and "ada" not in stuck
    assert "Written answers to mark (3 students)" in html


def test_marks_are_given_criterion_by_criterion(graded, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(graded, out)
    assert main(["rubric", str(out), "ada", "w_safe_date", "3"]) == 2  # one score for four criteria
    assert "w_safe_date has 4 rubric criteria; give 4 scores" in capsys.readouterr().err
    assert main(["rubric", str(out), "ada", "w_safe_date", "1", "2", "0", "1"]) == 2  # criterion 2 is worth 1
    assert main(["rubric", str(out), "ada", "w_safe_date", "1", "0.5", "1", "1", "--note", "2=cite the manual"]) == 0
    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        row = {r["student"]: r for r in csv.DictReader(f)}["ada"]
    assert (row["manual_score"], row["manual_pending"], row["total"]) == ("3.5", "", "14.5")
    assert "Written answers to mark (2 students)" in (out / INDEX).read_text(encoding="utf-8")
    html = feedback_path(out, "ada").read_text(encoding="utf-8")
    assert "0.5 / 1" in html and "cite the manual" in html


def _rubric_rows(out):
    db = sqlite3.connect(out / "gradebook.sqlite")
    return (db.execute("SELECT * FROM rubric_criteria ORDER BY student, question, criterion").fetchall(),
            db.execute("SELECT * FROM rubric_scores ORDER BY student, question").fetchall())


def test_the_marking_panel_writes_what_the_cli_writes(graded, tmp_path):
    from asylum_teach.grading.marking import MarkingPanel

    by_cli, by_panel = tmp_path / "cli", tmp_path / "panel"
    shutil.copytree(graded, by_cli)
    shutil.copytree(graded, by_panel)
    assert main(["rubric", str(by_cli), "ben", "w_safe_date", "0", "1", "0.5", "0", "--note", "1=<b>no source</b>",
                 "--comment", "see the manual"]) == 0
    panel = MarkingPanel(by_panel)
    panel.student.value, panel.question.value = "ben", "w_safe_date"
    assert "_Write your answer here._" not in panel.answer.value and "(no answer)" in panel.answer.value
    for (points, note, _), value, text in zip(panel._rows, [0, 1, 0.5, 0], ["<b>no source</b>", "", "", ""]):
        points.value, note.value = value, text
    panel.comment.value = "see the manual"
    panel.save()
    assert panel.status.value.startswith("saved: ben w_safe_date 1.5/4")
    assert _rubric_rows(by_panel) == _rubric_rows(by_cli)
    for name in ("grades.csv", INDEX):
        assert (by_panel / name).read_text(encoding="utf-8") == (by_cli / name).read_text(encoding="utf-8")
    assert feedback_path(by_panel, "ben").read_text(encoding="utf-8") == feedback_path(by_cli, "ben").read_text(
        encoding="utf-8")


def test_the_marking_notebook_runs_with_papermill(graded, tmp_path):
    nb = papermill.execute_notebook(str(MARKING), str(tmp_path / "out.ipynb"), parameters={"out_dir": str(graded)},
                                    kernel_name="python3", progress_bar=False, execution_timeout=120)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not any(o.get("output_type") == "error" for o in outputs)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
