"""Collect, grade elsewhere and return, from the shell, with the identity attack the review found.

``bao`` submits a notebook whose parameters cell claims ``student_id = "ada"`` and whose Q1 is a date
literal that is right for *ada's* client; ``chidi`` claims to be ada too but answers for his own
client. The grader is given each submission under the hub login (``roster.csv`` from ``collect``),
so bao's answer is wrong and chidi's is right: the name in a notebook decides nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hub.conftest import INSTRUCTOR, call

pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.xdist_group("hub")]

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "exercises" / "02_deadlines.ipynb"
AS_OF = "2026-09-01"


def one_year_due(student: str):
    """Q1's right answer for ``student``, from the exercise's own setup cell and the engine."""
    nb = json.loads(EXERCISE.read_text())
    setup = next("".join(c["source"]) for c in nb["cells"] if "scenario(" in "".join(c["source"]))
    scope = {"student_id": student, "as_of": AS_OF}
    exec(setup.replace("print(case.show())", ""), scope)  # noqa: S102 (the course's own cell)
    return scope["deadline_for"]("one-year-asylum", scope["case"].last_arrival_on, as_of=AS_OF).due


def claiming_ada(answer_date) -> bytes:
    nb = json.loads(EXERCISE.read_text())
    for cell in nb["cells"]:
        tags = cell["metadata"].get("tags", [])
        if "parameters" in tags:
            cell["source"] = f'student_id = "ada"\nas_of = "{AS_OF}"\n'
        if "answer:one_year_due" in tags:
            cell["source"] = f"one_year_due = date({answer_date.year}, {answer_date.month}, {answer_date.day})\n"
    return json.dumps(nb).encode()


def cli(*args, token: str, hub) -> subprocess.CompletedProcess:
    env = dict(os.environ, ASYLUM_TEACH_HUB_URL=hub.url, ASYLUM_TEACH_HUB_TOKEN=token)
    return subprocess.run([sys.executable, "-m", "asylum_teach", *map(str, args)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_collect_grade_return_grades_the_login_not_the_name_in_the_notebook(hub, tokens, sandbox, tmp_path):
    ada, bao, chidi = one_year_due("ada"), one_year_due("bao"), one_year_due("chidi")
    assert ada != bao, "the worked example needs ada's and bao's clients to differ"
    assert call(hub, "POST", "api/submissions/deadlines", tokens["bao"], claiming_ada(ada))[0] == 201
    assert call(hub, "POST", "api/submissions/deadlines", tokens["chidi"], claiming_ada(chidi))[0] == 201

    teacher = tokens[INSTRUCTOR]
    done = cli("hub", "collect", "deadlines", tmp_path / "c", token=teacher, hub=hub)
    assert done.returncode == 0, done.stderr
    roster = (tmp_path / "c" / "roster.csv").read_text().splitlines()
    assert "bao" in {line.split(",")[1] for line in roster[1:]} and "ada.ipynb" not in roster[0]
    graded = cli("grade", EXERCISE, tmp_path / "c" / "submissions", "--out", tmp_path / "c" / "graded",
                 "--roster", tmp_path / "c" / "roster.csv", "--no-progress", token=teacher, hub=hub)
    assert graded.returncode in (0, 1), graded.stderr
    done = cli("hub", "return", "deadlines", tmp_path / "c", token=teacher, hub=hub)
    assert done.returncode == 0, done.stderr
    assert "returned" in done.stdout

    status, page, _ = call(hub, "GET", "api/feedback/deadlines", tokens["bao"])
    assert status == 200
    text = page.decode()
    assert "Student: <b>bao</b>" in text
    assert "<code>one_year_due</code>: 0 / 1" in text
    status, page, _ = call(hub, "GET", "api/feedback/deadlines", tokens["chidi"])
    assert status == 200 and "<code>one_year_due</code>: 1 / 1" in page.decode()


def test_a_student_token_cannot_collect_from_the_shell(hub, tokens, tmp_path):
    done = cli("hub", "collect", "deadlines", tmp_path / "c", token=tokens["ada"], hub=hub)
    assert done.returncode != 0
    assert "403" in done.stderr and "instructors" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "c").exists()
