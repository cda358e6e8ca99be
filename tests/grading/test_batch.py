"""End-to-end batch grading of a class folder: honest, untouched and adversarial submissions.

The class is graded once (through the CLI, two workers, small time limits) and every test reads the
result. Expected scores are written from what each submission's honest answers deserve (see
``submissions.py``), never read back from the grader.
"""

from __future__ import annotations

import csv
import sqlite3

import pytest

from asylum_teach.cli import main
from asylum_teach.grading import sandbox
from asylum_teach.grading.report import feedback_path as feedback_page
from tests.grading.submissions import KEYS, adversarial, honest
from tests.grading.submissions import expected as answer_expected

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

SANDBOX_ONLY = {"adv_read_solutions", "adv_write_gradebook", "adv_network"}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    subs, out = base / "submissions", base / "out"
    honest(subs)
    expected = adversarial(subs, out)
    code = main(["grade", "deadlines", str(subs), "--out", str(out), "--workers", "2", "--timeout", "40",
                 "--cell-timeout", "3", "--no-progress"])
    with open(out / "grades.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    return {"code": code, "rows": rows, "expected": expected, "out": out, "subs": subs}


def test_batch_completes_with_every_submission(graded):
    assert graded["code"] == 1  # adv_malformed could not be graded; everyone else was
    assert set(graded["rows"]) == {"ada", "ben", "chen", "dan", *graded["expected"]}


@pytest.mark.parametrize("student", ["ada", "ben", "chen"])
def test_solutions_score_full_marks(graded, student):
    row = graded["rows"][student]
    assert row["status"] == "ok"
    assert [row[k] for k in KEYS] == ["1"] * 11
    assert (row["auto_score"], row["auto_max"], row["manual_score"], row["manual_max"]) == ("11", "11", "0", "4")
    assert row["manual_pending"] == "w_safe_date"  # 4 rubric points not yet given, and not counted as lost


def test_untouched_exercise_scores_zero_not_answered(graded):
    row = graded["rows"]["dan"]
    assert row["auto_score"] == "0"
    assert [row[k] for k in KEYS] == ["0"] * 11
    html = feedback_page(graded["out"], "dan").read_text()
    assert html.count("not answered") >= 11


@pytest.mark.parametrize("stem", sorted(
    ["adv_always_equal", "adv_date_subclass", "adv_patched_checks", "adv_patched_json_repr",
     "adv_read_solutions", "adv_write_gradebook", "adv_infinite_loop", "adv_os_exit", "adv_output_flood",
     "adv_memory_hog", "adv_wrong_type", "adv_deleted_cell", "adv_retagged_cell", "adv_duplicated_cell",
     "adv_html_injection", "adv_malformed", "adv_network"]))
def test_adversarial_scores_what_honest_answers_deserve(graded, stem):
    if stem in SANDBOX_ONLY and not sandbox.available():
        pytest.skip("bubblewrap is not available: grading is UNSANDBOXED, so the course tree is readable")
    wrong = graded["expected"][stem]
    row = graded["rows"][stem]
    assert {k: row[k] for k in KEYS} == {k: ("0" if k in wrong else "1") for k in KEYS}, row["status"]
    assert row["auto_score"] == str(11 - len(wrong))


def test_gradebook_not_writable_from_a_submission(graded):
    if not sandbox.available():
        pytest.skip("bubblewrap is not available: grading is UNSANDBOXED")
    db = sqlite3.connect(graded["out"] / "gradebook.sqlite")
    assert db.execute("SELECT COUNT(*) FROM rubric_scores").fetchone()[0] == 0
    assert db.execute("SELECT MAX(auto_score) FROM submissions").fetchone()[0] == 11


def test_notes_explain_broken_cells(graded):
    db = sqlite3.connect(graded["out"] / "gradebook.sqlite")
    notes = dict(db.execute("SELECT question, note FROM answers WHERE student = 'adv_retagged_cell'"))
    assert "lost its tag" in notes["appeal_due"] and "is on 2 cells" in notes["situation_rule"]
    notes = dict(db.execute("SELECT question, note FROM answers WHERE student = 'adv_wrong_type'"))
    assert notes["one_year_days_left"] == "I could not read this as a whole number: write it in digits, e.g. 42."
    status = dict(db.execute("SELECT student, status FROM submissions"))
    assert status["adv_malformed"] == "invalid"
    assert status["adv_os_exit"] == "kernel-died"
    assert status["adv_output_flood"] == "output-cap"


def test_feedback_hides_expected_values_and_escapes_student_html(graded):
    html = feedback_page(graded["out"], "adv_html_injection").read_text()
    assert "<script" not in html and "<img" not in html and "<a " not in html and "href=" not in html  # no markup
    assert "&lt;script&gt;" in html or "&#60;script&#62;" in html  # shown, but as text
    assert "INA 242(b)(1), 8 U.S.C. 1252(b)(1)" not in html  # the wrong citation answer's expected value
    expected = answer_expected("deadlines", "adv_patched_checks")["master_filing"]
    html = feedback_page(graded["out"], "adv_patched_checks").read_text()
    assert "master_filing" in html and "wrong" in html
    for day in expected.values():  # neither expected date, in any usual spelling
        assert day.isoformat() not in html and f"{day:%B} {day.day}" not in html


def test_rubric_marks_survive_regrade(graded, capsys):
    out, subs = graded["out"], graded["subs"]
    assert main(["rubric", str(out), "ada", "w_safe_date", "1", "1", "0", "1", "--note", "3=<b>say why</b>",
                 "--comment", "<b>clear</b>"]) == 0
    assert main(["grade", "deadlines", str(subs), "--out", str(out), "--student", "ada", "--no-progress",
                 "--timeout", "40"]) == 0
    with open(out / "grades.csv", newline="") as f:
        row = {r["student"]: r for r in csv.DictReader(f)}["ada"]
    assert row["w_safe_date"] == "3" and row["manual_score"] == "3" and row["total"] == "14"
    assert row["manual_pending"] == ""
    html = feedback_page(out, "ada").read_text()
    assert "<b>clear</b>" not in html and "<b>say why</b>" not in html and "&lt;b&gt;say why&lt;/b&gt;" in html
    assert "3 / 4" in html and "0 / 1" in html
    db = sqlite3.connect(out / "gradebook.sqlite")
    assert db.execute("SELECT COUNT(*) FROM submissions WHERE student = 'ada'").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM rubric_criteria WHERE student = 'ada'").fetchone()[0] == 4


def test_rerun_skips_graded_students(graded, capsys):
    out, subs = graded["out"], graded["subs"]
    assert main(["grade", "deadlines", str(subs), "--out", str(out), "--no-progress"]) == 1  # adv_malformed
    assert f"graded 0 (ok 0, wrong or partial 0, invalid 0, timeout 0, kernel-died 0, grader-error 0); " \
           f"already up to date {len(graded['rows'])}; could not be graded 1" in capsys.readouterr().out


def test_canvas_export(graded, tmp_path):
    roster = tmp_path / "canvas_export.csv"
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section,Old (1)\n"
                      "    Points Possible,,,,,10\n"
                      "\"Lovelace, Ada\",101,S101,ada,Clinic,\n"
                      "\"Nobody, Ned\",102,S102,ned,Clinic,\n")
    assert main(["grade", "deadlines", str(graded["subs"]), "--out", str(graded["out"]), "--no-progress",
                 "--canvas", str(roster), "--canvas-column", "Old (1)"]) == 1  # adv_malformed, as before
    with open(graded["out"] / "canvas.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Old (1)"]
    assert rows[1][0].strip() == "Points Possible" and rows[1][-1] == "15"
    assert rows[2][:4] == ["Lovelace, Ada", "101", "S101", "ada"] and rows[2][-1] in ("11", "14")
    assert rows[3][-1] == ""
