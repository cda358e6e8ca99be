"""Identities from the LMS (issue #12, item 6).

Canvas's bulk download names a file ``carolsoncarol_4103_998877_02_deadlines.ipynb``. Taken as the student
id, that name graded Carol against someone else's hypothetical client and left her Canvas row blank.
Here each submission holds literal answers for its own student's case (as a student who worked their
own case submits), so only grading under the right id gives full marks.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from asylum_teach.cli import main
from asylum_teach.grading.report import feedback_path
from tests.grading.submissions import literal

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

COLUMN = "Exercise 2: Deadlines (55501)"
EXPORT = ("Student,ID,SIS User ID,SIS Login ID,Section,Exercise 1: Pathway (55500)," + f'"{COLUMN}"' +
          ",Assignments Current Score,Current Score,Final Score\n"
          "    Points Possible,,,,,12,15,(read only),(read only),(read only)\n"
          '"Carolson, Carol",4103,S4103,ccarolson,Clinic A,10,,,,\n'
          '"Diaz, Dan",4104,S4104,ddiaz,Clinic A,9,,,,\n'
          '"Evans, Eve",4105,S4105,eevans,Clinic B,8,,,,\n')


def _with_id(nb: dict, sid: str) -> dict:
    for cell in nb["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = f'student_id = "{sid}"\nas_of = "2026-09-01"'
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("lms")
    subs, out = base / "subs", base / "out"
    subs.mkdir()
    (base / "export.csv").write_text(EXPORT, encoding="utf-8")
    (subs / "carolsoncarol_4103_998877_02_deadlines.ipynb").write_text(
        json.dumps(_with_id(literal("ccarolson"), "ccarolson")))
    (subs / "diazdan_LATE_4104_998878_02_deadlines-1.ipynb").write_text(
        json.dumps(_with_id(literal("ddiaz"), "dan")))  # typed a nickname in the parameters cell
    (subs / "strangerann_9999_998879_02_deadlines.ipynb").write_text(json.dumps(literal("ann")))
    code = main(["grade", "deadlines", str(subs), "--out", str(out), "--roster", str(base / "export.csv"),
                 "--no-progress", "--timeout", "60"])
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO((out / "grades.csv").read_text(encoding="utf-8")))}
    canvas = list(csv.reader(io.StringIO((out / "canvas.csv").read_text(encoding="utf-8"))))
    return {"code": code, "rows": rows, "canvas": canvas, "out": out, "base": base, "subs": subs}


def test_bulk_download_names_are_graded_as_the_rosters_students(graded):
    rows = graded["rows"]
    assert rows["ccarolson"]["auto_score"] == "11" and rows["ddiaz"]["auto_score"] == "11"
    assert rows["ccarolson"]["file"] == "carolsoncarol_4103_998877_02_deadlines.ipynb"


def test_an_unknown_canvas_user_is_not_graded_and_says_why(graded):
    assert graded["code"] == 1
    (stranger,) = [r for r in graded["rows"].values() if r["file"].startswith("strangerann")]
    assert stranger["status"] == "invalid"
    html = feedback_path(graded["out"], stranger["student"]).read_text(encoding="utf-8")
    assert "Canvas user 9999 (from the file name) is not in the roster" in html


def test_the_canvas_export_fills_the_existing_assignment_column(graded):
    header, points, *people = graded["canvas"]
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", COLUMN]
    assert points[0].strip() == "Points Possible" and points[-1] == "15"
    assert {p[3]: p[-1] for p in people} == {"ccarolson": "11", "ddiaz": "11", "eevans": ""}


def test_grades_csv_keeps_auto_and_manual_points_apart(graded):
    row = graded["rows"]["ccarolson"]
    assert (graded["out"] / row["feedback"]) == feedback_path(graded["out"], "ccarolson")  # where to find the page
    assert {k: row[k] for k in ("auto_score", "auto_max", "manual_score", "manual_max", "manual_pending")} == {
        "auto_score": "11", "auto_max": "11", "manual_score": "0", "manual_max": "4", "manual_pending": "w_safe_date"}


def test_a_notebook_id_that_differs_from_the_roster_is_reported(graded):
    html = feedback_path(graded["out"], "ddiaz").read_text(encoding="utf-8")
    assert "the notebook&#x27;s parameters cell says student_id &#x27;dan&#x27;, but this submission is " \
           "&#x27;ddiaz&#x27;&#x27;s" in html
    assert "says student_id" not in feedback_path(graded["out"], "ccarolson").read_text(encoding="utf-8")


def test_without_the_roster_the_file_name_would_be_the_id_and_the_answers_wrong(graded, tmp_path):
    """Why the roster matters: the same files graded without it get someone else's case."""
    assert main(["grade", "deadlines", str(graded["subs"]), "--out", str(tmp_path / "out"), "--no-progress",
                 "--timeout", "60"]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "grades.csv").read_text(encoding="utf-8"))))
    assert all(int(r["auto_score"]) < 11 for r in rows)


@pytest.mark.parametrize("extra, message", [
    (["--canvas-column", "Nope (1)"], "--canvas-column 'Nope (1)' is not an assignment column"),
    (["--id-column", "Email"], "--id-column 'Email' is not a column"),
])
def test_a_wrong_canvas_option_is_one_clear_error(graded, tmp_path, capsys, extra, message):
    code = main(["grade", "deadlines", str(graded["subs"]), "--out", str(tmp_path / "o"), "--no-progress",
                 "--roster", str(graded["base"] / "export.csv"), *extra])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and err[-1].startswith("asylum-teach: error: ") and message in err[-1]
    assert not (tmp_path / "o").exists()


def test_an_ambiguous_assignment_column_asks_for_the_exact_header(graded, tmp_path, capsys):
    export = graded["base"] / "two.csv"
    export.write_text(EXPORT.replace("Exercise 1: Pathway (55500)", "Deadlines draft (55499)"), encoding="utf-8")
    code = main(["grade", "deadlines", str(graded["subs"]), "--out", str(tmp_path / "o"), "--no-progress",
                 "--roster", str(export)])
    assert code == 2 and "give the exact header with --canvas-column" in capsys.readouterr().err
