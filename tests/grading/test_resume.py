"""A batch killed in the middle resumes without losing or duplicating grades."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from asylum_teach.cli import main
from asylum_teach.grading.report import feedback_path
from tests.grading.submissions import SOLUTION

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

STUDENTS = [f"s{i}" for i in range(1, 7)]


def _graded(db_path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(db_path, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _grading_started(tmp_path, **popen):
    """A class of right answers, and ``asylum-teach grade`` on it in a subprocess once two are recorded."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    for sid in STUDENTS:
        (subs / f"{sid}.ipynb").write_text(SOLUTION.read_text())
    proc = subprocess.Popen([sys.executable, "-m", "asylum_teach", "grade", "deadlines", str(subs), "--out", str(out),
                             "--workers", "1", "--no-progress", "--timeout", "40"], stdout=subprocess.DEVNULL, **popen)
    deadline = time.monotonic() + 90
    while _graded(out / "gradebook.sqlite") < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    return subs, out, proc


def test_kill_then_resume_leaves_complete_duplicate_free_gradebook(tmp_path, capsys):
    subs, out, proc = _grading_started(tmp_path, start_new_session=True, stderr=subprocess.DEVNULL)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _graded(out / "gradebook.sqlite")
    assert 2 <= before < len(STUDENTS), "the kill should land in the middle of the batch"

    assert main(["grade", "deadlines", str(subs), "--out", str(out), "--no-progress", "--timeout", "40"]) == 0
    assert f"graded {len(STUDENTS) - before} (ok {len(STUDENTS) - before}, " in capsys.readouterr().out
    db = sqlite3.connect(out / "gradebook.sqlite")
    assert sorted(r[0] for r in db.execute("SELECT student FROM submissions")) == STUDENTS
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 11 * len(STUDENTS)
    assert db.execute("SELECT COUNT(*) FROM (SELECT student, question FROM answers GROUP BY 1, 2 "
                      "HAVING COUNT(*) > 1)").fetchone()[0] == 0
    with open(out / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["student"] for r in rows] == STUDENTS and {r["auto_score"] for r in rows} == {"11"}
    assert not list(out.glob(".*.tmp")) and not list((out / "feedback").glob(".*.tmp"))


def test_same_submission_same_grade(tmp_path):
    """Determinism: grading a submission twice gives byte-identical grades.csv."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ana.ipynb").write_text(SOLUTION.read_text())
    results = []
    for run in ("a", "b"):
        assert main(["grade", "deadlines", str(subs), "--out", str(tmp_path / run), "--no-progress"]) == 0
        results.append((tmp_path / run / "grades.csv").read_text())
    assert results[0] == results[1]


def test_roster_maps_file_stems_to_student_ids(tmp_path):
    """The grader seeds each student's case from the roster's id, not from the file name."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "upload_0017.ipynb").write_text(SOLUTION.read_text())
    roster = tmp_path / "roster.csv"
    roster.write_text("file,student_id\nupload_0017.ipynb,ada\n")
    assert main(["grade", "deadlines", str(subs), "--out", str(tmp_path / "out"), "--roster", str(roster),
                 "--no-progress"]) == 0
    with open(tmp_path / "out" / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["student"], r["file"], r["auto_score"]) for r in rows] == [("ada", "upload_0017.ipynb", "11")]
    assert feedback_path(tmp_path / "out", "ada").is_file()


def test_unsandboxed_grading_still_grades_and_says_so(tmp_path, monkeypatch, capsys):
    """Where bubblewrap is missing (and there is no ``nobody`` to run as), an instructor who passes
    ``--unsandboxed`` gets the same grades, with a plain warning."""
    from asylum_teach.grading import sandbox

    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ada.ipynb").write_text(SOLUTION.read_text())
    monkeypatch.setenv("ASYLUM_TEACH_NO_SANDBOX", "1")
    monkeypatch.setattr(sandbox, "_nobody_can_run", lambda: False)
    sandbox.bwrap_path.cache_clear()
    try:
        assert main(["grade", "deadlines", str(subs), "--out", str(tmp_path / "out"), "--no-progress",
                     "--unsandboxed"]) == 0
    finally:
        monkeypatch.delenv("ASYLUM_TEACH_NO_SANDBOX")
        sandbox.bwrap_path.cache_clear()
    assert "grading is UNSANDBOXED" in capsys.readouterr().err
    with open(tmp_path / "out" / "grades.csv", newline="") as f:
        assert [(r["student"], r["auto_score"], r["status"]) for r in csv.DictReader(f)] == [("ada", "11", "ok")]


def test_ctrl_c_stops_at_once_records_nothing_half_done_and_resume_finishes(tmp_path, capsys):
    """An instructor's Ctrl-C ends the batch within seconds (not after the rest of the class), the
    notebook that was running is not recorded, no kernel or scratch directory is left, and a re-run
    grades exactly the rest."""
    subs, out, proc = _grading_started(tmp_path, stderr=subprocess.PIPE, text=True)
    proc.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130 and time.monotonic() - stopped < 10, err[-500:]
    assert err.strip().splitlines()[-1] == "asylum-teach: interrupted"
    before = _graded(out / "gradebook.sqlite")
    assert 2 <= before < len(STUDENTS)
    assert not list(Path(tempfile.gettempdir()).glob(f"asylum-teach-run-{proc.pid}-*"))

    assert main(["grade", "deadlines", str(subs), "--out", str(out), "--no-progress", "--timeout", "40"]) == 0
    assert f"already up to date {before}; could not be graded 0" in capsys.readouterr().out
    db = sqlite3.connect(out / "gradebook.sqlite")
    assert {r[0] for r in db.execute("SELECT status FROM submissions")} == {"ok"}
    assert db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == len(STUDENTS)
