"""Attacks through file names, odd files and odd text, mixed into one class (issue #12, item 2).

Each of these once stopped a whole batch with no grades.csv, or hung or exhausted the grader, or graded
the wrong work: a lone surrogate in a written answer or an answer report; a 240-character file name; a
file name that is not UTF-8; a FIFO named ``x.ipynb``; a link to ``/dev/zero``; links to the solution
and to another student's notebook. The class is graded once through the CLI; every test reads the
result. What each file deserves is written here from the attack, never read back from the grader.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import time
import unicodedata

import pytest

from asylum_teach.cli import main
from asylum_teach.grading.report import feedback_path
from tests.grading.submissions import EXERCISE, SOLUTION, load, replace

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

LONG = "a" * 240
NOT_UTF8 = b"caf\xe9-\xff"
# the emitter (named with its nonce) is in the kernel's globals: a student can replace it and forge every
# later answer report, here with a lone surrogate (a JSON escape) where a type name belongs
FORGED_REPORT = """
from IPython.display import publish_display_data
name = [k for k in globals() if k.startswith('_at_emit_')][0]
def forged(key, namespace, nonce=name[len('_at_emit_'):]):
    payload = '{"key": "%s", "value": {"$unsupported": "\\\\ud800"}}' % key
    publish_display_data({'application/vnd.asylum-teach.answer+json': payload}, metadata={'nonce': nonce})
globals()[name] = forged
situation_rule = 'whatever'
"""


def _written(nb: dict, text: str) -> dict:
    for cell in nb["cells"]:
        if "written:w_safe_date" in cell["metadata"].get("tags", []):
            cell["source"] = text
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("intake")
    subs, out, elsewhere = base / "subs", base / "out", base / "other-section"
    subs.mkdir()
    elsewhere.mkdir()
    solution = SOLUTION.read_text(encoding="utf-8")
    (subs / "ada.ipynb").write_text(solution, encoding="utf-8")
    (elsewhere / "zed.ipynb").write_text(solution, encoding="utf-8")
    # lone surrogates: in a written answer (JSON escape), in an answer value, an exception, a type name
    text = json.dumps(_written(load(SOLUTION), "my answer \ud800 here"))
    (subs / "surrogate_written.ipynb").write_text(text, encoding="utf-8")
    nb = replace(load(SOLUTION), "situation_rule", FORGED_REPORT)
    nb = replace(nb, "pfr_citation", "pfr_citation = 'x' + chr(0xd800)")
    nb = replace(nb, "pfr_holiday", "raise ValueError('boom ' + chr(0xd800))")
    (subs / "surrogate_report.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    # names
    (subs / f"{LONG}.ipynb").write_text(solution, encoding="utf-8")
    with open(os.path.join(os.fsencode(subs), NOT_UTF8 + b".ipynb"), "w", encoding="utf-8") as f:
        f.write(solution)
    nfc, nfd = unicodedata.normalize("NFC", "jos\u00e9"), unicodedata.normalize("NFD", "jos\u00e9")
    (subs / f"{nfc}.ipynb").write_text(solution, encoding="utf-8")
    (subs / f"{nfd}.ipynb").write_text(solution, encoding="utf-8")
    # odd files
    os.mkfifo(subs / "fifo.ipynb")
    (subs / "zero.ipynb").symlink_to("/dev/zero")
    (subs / "thief.ipynb").symlink_to(SOLUTION)
    (subs / "copycat.ipynb").symlink_to(elsewhere / "zed.ipynb")
    (subs / "folder.ipynb").mkdir()
    (subs / "notes.txt").write_text("not a notebook")
    (subs / ".hidden.ipynb").write_text(solution, encoding="utf-8")
    started = time.monotonic()
    code = main(["grade", "deadlines", str(subs), "--out", str(out), "--workers", "2", "--timeout", "60",
                 "--no-progress"])
    seconds = time.monotonic() - started
    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    return {"code": code, "rows": rows, "out": out, "seconds": seconds, "nfc": nfc}


def _notes(out, student) -> list[str]:
    db = sqlite3.connect(out / "gradebook.sqlite")
    return json.loads(db.execute("SELECT notes FROM submissions WHERE student = ?", (student,)).fetchone()[0])


def test_the_class_is_graded_and_the_command_says_some_could_not_be(graded):
    assert graded["code"] == 1
    assert graded["seconds"] < 240  # the FIFO and /dev/zero neither block nor fill memory
    assert graded["rows"]["ada"]["auto_score"] == "11"


def test_lone_surrogates_are_stored_escaped_and_the_rest_is_graded(graded):
    row = graded["rows"]["surrogate_written"]
    assert row["status"] == "ok" and row["auto_score"] == "11"
    db = sqlite3.connect(graded["out"] / "gradebook.sqlite")
    text = db.execute("SELECT text FROM written WHERE student = 'surrogate_written'").fetchone()[0]
    assert text == "my answer \\ud800 here"
    row = graded["rows"]["surrogate_report"]
    assert row["auto_score"] == "7"  # two forged reports, the surrogate answer and the raising cell: 0 each
    notes = dict(db.execute("SELECT question, note FROM answers WHERE student = 'surrogate_report'"))
    assert notes["situation_rule"].startswith("I could not read this as one of the choices: address-change-bia")
    assert notes["master_filing"].startswith("I could not read this: write it in curly brackets")
    assert notes["pfr_citation"] == "wrong" and notes["pfr_holiday"] == "not answered"  # its error never arrived
    assert "\\ud800" in feedback_path(graded["out"], "surrogate_report").read_text(encoding="utf-8")


def test_a_long_name_gets_a_safe_id_and_a_page(graded):
    row = next(r for r in graded["rows"].values() if r["file"] == f"{LONG}.ipynb")
    assert row["student"].startswith("x-aaaa") and len(row["student"]) < 64 and row["auto_score"] == "11"
    assert feedback_path(graded["out"], row["student"]).is_file()
    assert any("is longer than 64 characters" in n for n in _notes(graded["out"], row["student"]))


def test_a_name_that_is_not_utf8_gets_a_safe_id(graded):
    row = next(r for r in graded["rows"].values() if r["file"].startswith("caf"))
    assert row["file"] == "caf\\udce9-\\udcff.ipynb"  # the undecodable bytes, shown as escapes
    assert row["student"].startswith("x-caf-") and row["auto_score"] == "11"
    assert any("is not valid UTF-8" in n for n in _notes(graded["out"], row["student"]))


@pytest.mark.parametrize("stem, kind", [("fifo", "a FIFO"), ("zero", "a symbolic link"), ("thief", "a symbolic link"),
                                        ("copycat", "a symbolic link"), ("folder", "a folder")])
def test_links_fifos_devices_and_folders_are_refused_with_a_note(graded, stem, kind):
    row = graded["rows"][stem]
    assert row["status"] == "invalid" and row["auto_score"] == "0"
    notes = _notes(graded["out"], stem)
    assert notes and notes[-1].startswith(f"refused: the submission is {kind}")


def test_a_link_to_the_solution_copies_nothing_of_it(graded):
    db = sqlite3.connect(graded["out"] / "gradebook.sqlite")
    assert db.execute("SELECT COUNT(*) FROM written WHERE student IN ('thief', 'copycat')").fetchone()[0] == 0
    html = feedback_path(graded["out"], "thief").read_text(encoding="utf-8")
    model_answer = [c for c in load(SOLUTION)["cells"] if "written:w_safe_date" in c["metadata"].get("tags", [])][0]
    assert "practice manual counts back" in "".join(model_answer["source"])
    assert "practice manual counts back" not in html


def test_two_spellings_of_one_name_are_one_student_and_neither_is_graded_silently(graded):
    row = graded["rows"][graded["nfc"]]
    assert row["status"] == "invalid"
    assert "2 submissions are for student" in _notes(graded["out"], graded["nfc"])[-1]


def test_the_summary_counts_each_outcome_and_lists_skipped_files(tmp_path, capsys):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ok.ipynb").write_text(SOLUTION.read_text(encoding="utf-8"), encoding="utf-8")
    (subs / "blank.ipynb").write_text(EXERCISE.read_text(encoding="utf-8"), encoding="utf-8")
    (subs / "corrupt.ipynb").write_text("{", encoding="utf-8")
    (subs / "slow.ipynb").write_text(json.dumps(replace(load(SOLUTION), "one_year_due", "while True:\n    pass")))
    (subs / "dies.ipynb").write_text(json.dumps(replace(load(SOLUTION), "appeal_due", "import os\nos._exit(1)")))
    (subs / "readme.md").write_text("hi")
    assert main(["grade", "deadlines", str(subs), "--out", str(tmp_path / "out"), "--no-progress",
                 "--timeout", "12", "--cell-timeout", "3"]) == 1
    captured = capsys.readouterr()
    assert ("graded 5 (ok 1, wrong or partial 1, invalid 1, timeout 1, kernel-died 1, grader-error 0); "
            "already up to date 0; could not be graded 1") in captured.out
    assert "skipped (not *.ipynb, or hidden): readme.md" in captured.err
    assert "could not be graded (see their notes in grades.csv and feedback): corrupt" in captured.err


def test_an_empty_folder_is_a_warning_not_an_error(tmp_path, capsys):
    (tmp_path / "subs").mkdir()
    assert main(["grade", "deadlines", str(tmp_path / "subs"), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    assert "warning: no submissions (*.ipynb files) in" in capsys.readouterr().err


def test_the_gradebook_row_comes_before_the_page_and_a_failure_of_either_stops_no_one(tmp_path, monkeypatch, capsys):
    """A feedback page that cannot be written leaves the grade recorded (with a note); a gradebook row
    that cannot be written makes that student a grader-error; either way the rest of the class is graded."""
    from asylum_teach.grading import batch, feedback
    from asylum_teach.grading.gradebook import Gradebook

    subs = tmp_path / "subs"
    subs.mkdir()
    for sid in ("ada", "bea", "cy"):
        (subs / f"{sid}.ipynb").write_text(SOLUTION.read_text(encoding="utf-8"), encoding="utf-8")
    write, record = feedback.write, Gradebook.record

    def failing_write(path, html):
        if "ada" in path.name:
            raise OSError(28, "No space left on device")
        return write(path, html)

    def failing_record(self, exercise, graded):
        if graded.student == "bea" and graded.status.value == "ok":
            raise OSError(28, "No space left on device")
        return record(self, exercise, graded)

    monkeypatch.setattr(batch.feedback, "write", failing_write)
    monkeypatch.setattr(Gradebook, "record", failing_record)
    assert main(["grade", "deadlines", str(subs), "--out", str(tmp_path / "out"), "--no-progress",
                 "--workers", "1"]) == 1
    with open(tmp_path / "out" / "grades.csv", newline="", encoding="utf-8") as f:
        rows = {r["student"]: (r["status"], r["auto_score"]) for r in csv.DictReader(f)}
    assert rows == {"ada": ("ok", "11"), "bea": ("grader-error", "0"), "cy": ("ok", "11")}
    assert "the feedback page could not be written: OSError" in _notes(tmp_path / "out", "ada")[-1]
    assert "the gradebook row could not be written" in _notes(tmp_path / "out", "bea")[-1]
    assert not feedback_path(tmp_path / "out", "ada").exists() and feedback_path(tmp_path / "out", "cy").exists()


def test_the_fingerprint_follows_the_libraries_that_shape_answers(monkeypatch):
    """A new holidays release can move a deadline: a resumed batch must regrade, not mix old and new."""
    import importlib.metadata

    from asylum_teach.grading import batch

    before = batch.library_fingerprint()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == "holidays" else real(name))
    assert batch.library_fingerprint() != before
    assert set(batch.ANSWER_LIBRARIES) >= {"asylum-teach", "holidays"}
