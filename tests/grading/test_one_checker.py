"""One checker (issue #12, item 5): the self-check, ``asylum-teach check`` and ``grade`` give one notebook
one verdict. They once gave 11, 10 and 8 points to a notebook whose answer cell had lost its tag.

The notebook here holds ada's right answers, but one answer cell lost its tag (its cell id is intact)
and another cell was copied with its tag. All three paths must find the first by its id, refuse to
guess between the copies, and name both problems in the same words.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from asylum_teach.cli import main
from asylum_teach.grading.scoring import FORMAT_OK
from asylum_teach.grading.selfcheck import check_file
from tests.grading.submissions import ROOT, cell_of, literal

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

LOST = "the cell for `one_year_due` lost its tag `answer:one_year_due`; it was found by its cell id and graded"
COPIED = "the tag `answer:appeal_due` is on 2 cells (a copied or re-tagged cell?)"


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    nb = literal("ada")
    for cell in nb["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = 'student_id = "ada"\nas_of = "2026-09-01"'
    cell_of(nb, "one_year_due")["metadata"]["tags"] = []
    twin = copy.deepcopy(cell_of(nb, "appeal_due"))
    twin["id"] = "my-copy"
    nb["cells"].append(twin)
    folder = tmp_path_factory.mktemp("one") / "subs"
    folder.mkdir()
    path = folder / "ada.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def grader(notebook, tmp_path_factory):
    out = tmp_path_factory.mktemp("one-out") / "out"
    assert main(["grade", "deadlines", str(notebook.parent), "--out", str(out), "--no-progress", "--timeout", "60"]) == 0
    db = sqlite3.connect(out / "gradebook.sqlite")
    verdicts = dict(db.execute("SELECT question, verdict FROM answers WHERE student = 'ada'"))
    notes = json.loads(db.execute("SELECT notes FROM submissions WHERE student = 'ada'").fetchone()[0])
    problems = dict(db.execute("SELECT question, note FROM answers WHERE student = 'ada'"))
    return verdicts, notes + list(problems.values())


def _agree(grader_verdicts: dict, student_verdicts: dict) -> None:
    for key, verdict in student_verdicts.items():
        if verdict == FORMAT_OK:  # only the grader decides this one; the format was right
            assert grader_verdicts[key] in ("correct", "wrong"), key
        else:
            assert grader_verdicts[key] == verdict, key


def test_the_grader_finds_the_untagged_cell_by_id_and_refuses_the_copies(grader):
    verdicts, notes = grader
    assert verdicts["one_year_due"] == "correct" and verdicts["appeal_due"] == "answer cell problem"
    assert sum(v == "correct" for v in verdicts.values()) == 10
    assert any(n.startswith(LOST) for n in notes) and any(n.startswith(COPIED) for n in notes)


def test_check_file_gives_the_graders_verdicts(notebook, grader):
    checked = check_file(notebook)
    _agree(grader[0], {r.key: r.verdict for r in checked.graded.results})
    texts = list(checked.graded.notes) + [r.note for r in checked.graded.results]
    assert any(n.startswith(LOST) for n in texts) and any(n.startswith(COPIED) for n in texts)


def test_the_check_command_names_both_problems(notebook, capsys):
    assert main(["check", str(notebook)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the report wraps its lines between words
    assert LOST in out and COPIED in out
    assert "one_year_due" in out and "appeal_due" in out


def test_the_self_check_cell_checks_the_saved_file_the_same_way(notebook, grader):
    """In JupyterLab a kernel knows its notebook (JPY_SESSION_NAME); the self-check cell then runs the
    same path on the saved file."""
    code = ("from asylum_teach.grading.selfcheck import check\n"
            "check('deadlines', {'one_year_due': None}, 'ada', '2026-09-01')\n")
    env = dict(os.environ, JPY_SESSION_NAME=str(notebook))
    env.pop("ASYLUM_TEACH_GRADING", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300,
                         cwd=ROOT).stdout
    flat = " ".join(out.split())  # the report wraps its lines between words
    assert "Checking the saved notebook" in out and LOST in flat and COPIED in flat
    for key, verdict in grader[0].items():
        line = next(line for line in out.splitlines() if line.split()[1:2] == [key])  # "  Q3  key   mark"
        mark = line.split(key, 1)[1].strip()
        if verdict == "correct":
            assert mark.startswith(("right", "can be read")), line
        else:
            assert not mark.startswith("right"), line


def test_a_kernel_that_inherited_another_notebooks_path_checks_its_own_answers(tmp_path):
    """JPY_SESSION_NAME naming some other notebook (inherited from whatever started the kernel) is ignored."""
    other = tmp_path / "lesson.ipynb"
    other.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    code = ("from asylum_teach.grading.selfcheck import check\n"
            "check('deadlines', {}, 'ada', '2026-09-01')\n")
    env = dict(os.environ, JPY_SESSION_NAME=str(other))
    env.pop("ASYLUM_TEACH_GRADING", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                         cwd=ROOT).stdout
    assert "this kernel does not know its notebook's file" in out and "Checking the saved notebook" not in out
