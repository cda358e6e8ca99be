"""Answer keys stay with the instructor (issue #12, item 4).

``from asylum_teach.grading.exercises.deadlines import SPEC; SPEC.expected(student_id, as_of)`` gave every
answer for any id, offline, and an answer cell that did this scored 11/11 with no work. The package now
holds only each exercise's public part (the scenario, the question formats, and the answers the engine
itself gives, which the self-check decides); the rest of each key is in ``solutions/keys/``, which
``release`` never ships and the sandbox never shows.
"""

from __future__ import annotations

import importlib
import inspect
import json
import shutil
import subprocess
import sys

import pytest

from asylum_teach.cli import main
from asylum_teach.dates import parse_date
from asylum_teach.exceptions import GradingError
from asylum_teach.grading.keys import find_key
from asylum_teach.grading.spec import exercise_ids, get_spec
from tests.grading.submissions import ROOT, SOLUTION, load, replace

STUDENTS = ("ada", "ben", "x-17")


def _grader_only(exercise_id: str) -> set[str]:
    spec = get_spec(exercise_id)
    return set(spec.keys) - set(spec.engine_checked)


@pytest.mark.parametrize("exercise", exercise_ids())
def test_the_package_gives_no_answer_only_the_grader_decides(exercise):
    """Every public function of an exercise module that takes a student id and a date is called: none
    returns an answer the self-check may not decide."""
    module = importlib.import_module(f"asylum_teach.grading.exercises.{exercise}")
    spec = module.SPEC
    assert not hasattr(spec, "expected") and not hasattr(module, "compute")
    as_of = parse_date(spec.default_as_of)
    for name, fn in vars(module).items():
        if not callable(fn) or getattr(fn, "__module__", None) != module.__name__ or inspect.isclass(fn):
            continue
        params = list(inspect.signature(fn).parameters)
        if params[:2] == ["student_id", "as_of"]:
            for student in STUDENTS:
                result = fn(student, as_of)
                if isinstance(result, dict):
                    assert not set(result) & _grader_only(exercise), (name, set(result) & _grader_only(exercise))


@pytest.mark.parametrize("exercise", exercise_ids())
def test_the_self_checks_answers_are_the_keys_own(exercise):
    """One checker: where the self-check decides, it decides as the grader does."""
    spec = get_spec(exercise)
    key = find_key(spec, keys_dir=ROOT / "solutions" / "keys")
    for student in STUDENTS:
        full, public = key.expected(student), spec.engine_answers(student)
        assert set(full) == set(spec.keys) and set(public) == set(spec.engine_checked)
        assert {k: full[k] for k in public} == public


def test_every_exercise_leaves_something_to_the_grader_or_says_why():
    decided_by_grader = {e: sorted(_grader_only(e)) for e in exercise_ids()}
    assert decided_by_grader["deadlines"] == ["one_year_days_left", "pfr_citation", "pfr_holiday", "pfr_roll_cite",
                                              "situation_rule"]
    assert decided_by_grader["appeals"] == []  # every answer is a field of the aid the exercise builds


@pytest.mark.slow
@pytest.mark.xdist_group("grading")
def test_an_answer_cell_that_reads_the_key_scores_nothing_for_it(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    cheat = ("from asylum_teach.grading.exercises.deadlines import SPEC\n"
             "situation_rule = SPEC.expected(student_id, as_of)['situation_rule']")
    (subs / "eve.ipynb").write_text(json.dumps(replace(load(SOLUTION), "situation_rule", cheat)), encoding="utf-8")
    assert main(["grade", "deadlines", str(subs), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    import sqlite3

    db = sqlite3.connect(tmp_path / "out" / "gradebook.sqlite")
    verdicts = dict(db.execute("SELECT question, verdict FROM answers"))
    assert verdicts["situation_rule"] == "answer cell problem"  # SPEC has no expected(): the cell raised
    assert sum(v == "correct" for v in verdicts.values()) == 10


def test_grading_without_the_key_is_one_clear_error(tmp_path, capsys):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", course / "exercises")
    (tmp_path / "subs").mkdir()
    with pytest.raises(GradingError, match="no answer key for exercise 'deadlines'"):
        find_key(get_spec("deadlines"), course / "exercises" / "02_deadlines.ipynb")
    assert main(["grade", str(course / "exercises" / "02_deadlines.ipynb"), str(tmp_path / "subs"), "--out",
                 str(tmp_path / "out"), "--no-progress"]) == 2
    assert "no answer key for exercise 'deadlines'" in capsys.readouterr().err
    assert main(["grade", str(course / "exercises" / "02_deadlines.ipynb"), str(tmp_path / "subs"), "--out",
                 str(tmp_path / "out"), "--no-progress", "--keys", str(ROOT / "solutions" / "keys")]) == 0


@pytest.mark.slow
def test_a_bundle_from_a_fresh_clone_holds_no_key(tmp_path):
    """Clone the repository, release the student bundle, and look for a key every way a student could."""
    clone = tmp_path / "clone"
    done = subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot clone the repository here: {done.stderr.strip()[:200]}")
    (clone / "solutions" / "keys").mkdir(parents=True, exist_ok=True)
    for path in ROOT.glob("solutions/keys/*.py"):  # the keys as they are in this tree (the clone has the last commit's)
        shutil.copy2(path, clone / "solutions" / "keys" / path.name)
    bundle = tmp_path / "bundle"
    assert main(["release", str(bundle), "--course", str(clone)]) == 0
    files = [p for p in bundle.rglob("*") if p.is_file()]
    assert files and not any("keys" in p.parts or p.suffix == ".py" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "def compute(" not in text and "SITUATION_RULES" not in text, path
    probe = ("import importlib, json, sys\n"
             "from asylum_teach.grading.spec import exercise_ids, get_spec\n"
             "from asylum_teach.grading.keys import find_key\n"
             "found = []\n"
             "for e in exercise_ids():\n"
             "    for name in (f'solutions.keys.{e}', f'keys.{e}'):\n"
             "        try:\n"
             "            importlib.import_module(name); found.append(name)\n"
             "        except ImportError:\n"
             "            pass\n"
             "    try:\n"
             "        find_key(get_spec(e), 'exercises/x.ipynb'); found.append('find_key ' + e)\n"
             "    except Exception:\n"
             "        pass\n"
             "print(json.dumps(found))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=bundle, capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(bundle)})
    assert out.returncode == 0, out.stderr[-1000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
