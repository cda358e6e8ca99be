"""nbgrader, the peer: a throwaway virtual environment, an nbgrader course for the same exercise, autograde.

The venv lives in ``benchmarks/.cache/nbgrader-venv`` (git-ignored) and is reused while it works.
Notebooks are executed by a ``python3`` kernel spec that points at *this* project's interpreter (via
``JUPYTER_PATH``), so the kernel, ipykernel and the ``asylum_teach`` code that runs are identical for
both tools; only the grading machinery differs.

The nbgrader version of the exercise has the same cells as ``exercises/`` in the same order: the
setup cell is locked; each answer cell becomes an nbgrader solution cell followed by a locked,
1-point autograder test cell that runs the same check asylum-teach runs (``scoring.judge`` against the
instructor's answer key in ``solutions/keys/`` for the student's id, after the same encode/decode round
trip; nbgrader's test cells run in the student's kernel, so they can read it); the written answer
is a manually graded cell. The self-check cell is left out (nbgrader has its own validate button;
under asylum-teach grading it is skipped too).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from classgen import ANSWER_TAG

NBGRADER_SPEC = "nbgrader==0.9.6"
KEYS = Path(__file__).resolve().parents[1] / "solutions" / "keys"  # the instructor's answer keys

CHECK_SETUP = '''\
from asylum_teach.grading.exercises.{module} import SPEC as _SPEC
from asylum_teach.grading.extraction import decode as _decode, encode as _encode
from asylum_teach.grading.keys import find_key as _find_key
from asylum_teach.grading.scoring import judge as _judge
_EXPECTED = _find_key(_SPEC, keys_dir={keys!r}).expected(student_id)

def _check(key, value):
    ok, note = _judge(_SPEC.question(key), _decode(_encode(value)), _EXPECTED[key])
    assert ok, note
'''


def ensure_venv(cache: Path, log: Path) -> tuple[Path | None, str]:
    """The nbgrader venv's ``bin`` directory, creating it on first use; (None, reason) if impossible."""
    venv = cache / "nbgrader-venv"
    bindir = venv / "bin"
    if (bindir / "nbgrader").exists():
        probe = subprocess.run([str(bindir / "nbgrader"), "--version"], capture_output=True, text=True)
        if probe.returncode == 0:
            return bindir, _version(probe)
        shutil.rmtree(venv, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as fh:
        steps = [[sys.executable, "-m", "venv", "--clear", str(venv)],
                 [str(bindir / "python"), "-m", "pip", "install", "--quiet", NBGRADER_SPEC]]
        for step in steps:
            fh.write("$ " + " ".join(step) + "\n")
            fh.flush()
            try:
                done = subprocess.run(step, stdout=fh, stderr=subprocess.STDOUT, timeout=900)
            except (OSError, subprocess.TimeoutExpired) as exc:
                return None, f"{' '.join(step[:4])}: {exc}"
            if done.returncode != 0:
                shutil.rmtree(venv, ignore_errors=True)
                return None, f"'{' '.join(step[2:])}' failed (exit {done.returncode}); see {log}"
    probe = subprocess.run([str(bindir / "nbgrader"), "--version"], capture_output=True, text=True)
    if probe.returncode != 0:
        return None, "nbgrader installed but does not start"
    return bindir, _version(probe)


def _version(probe) -> str:
    lines = (probe.stdout.strip() or probe.stderr.strip()).splitlines()
    return lines[-1] if lines else "nbgrader (version unknown)"


def kernel_dir(root: Path) -> Path:
    """A ``JUPYTER_PATH`` entry whose ``python3`` kernel runs this project's interpreter."""
    spec = root / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    ours = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3" / "kernel.json"
    if ours.exists():  # the very spec asylum-teach's grader uses
        shutil.copy(ours, spec / "kernel.json")
    else:
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3", "language": "python"}))
    return root / "jupyter"


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    return meta


def source_notebook(exercise: dict, solution: dict, module: str, points: dict) -> dict:
    """The instructor (source) version of the exercise in nbgrader's format."""
    from classgen import answer_sources

    right = answer_sources(solution)
    nb = copy.deepcopy(exercise)
    cells = []
    setup_done = False
    for i, cell in enumerate(nb["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        following = nb["cells"][i + 1].get("metadata", {}).get("tags", []) if i + 1 < len(nb["cells"]) else []
        if "selfcheck" in tags or (cell["cell_type"] == "markdown" and "selfcheck" in following):
            continue  # the self-check and its heading
        key = next((t[len(ANSWER_TAG):] for t in tags if t.startswith(ANSWER_TAG)), None)
        written = next((t for t in tags if t.startswith("written:")), None)
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        if key:
            cell["source"] = f"### BEGIN SOLUTION\n{right[key]}\n### END SOLUTION"
            cell["metadata"]["nbgrader"] = _meta(f"answer_{key}", solution=True)
            cells.append(cell)
            test = {"cell_type": "code", "execution_count": None, "outputs": [], "source": f'_check("{key}", {key})',
                    "metadata": {"nbgrader": _meta(f"test_{key}", grade=True, locked=True, points=points[key])}}
            cells.append(test)
        elif written:
            cell["metadata"]["nbgrader"] = _meta(written.split(":", 1)[1], solution=True, grade=True,
                                                 points=points[written.split(":", 1)[1]])
            cells.append(cell)
        elif cell["cell_type"] == "code" and "parameters" not in tags and not setup_done:
            cell["metadata"]["nbgrader"] = _meta("setup", locked=True)
            cells.append(cell)
            cells.append({"cell_type": "code", "execution_count": None, "outputs": [],
                          "source": CHECK_SETUP.format(module=module, keys=str(KEYS)),
                          "metadata": {"nbgrader": _meta("check_setup", locked=True)}})
            setup_done = True
        else:
            cells.append(cell)
    nb["cells"] = cells
    return nb


def make_course(root: Path, bindir: Path, assignment: str, source_nb: dict, students: list[str],
                env: dict, timeout: float) -> Path:
    """An nbgrader course directory with the assignment generated and students registered (untimed)."""
    course = root / "nbgrader-course"
    if course.exists():
        shutil.rmtree(course)
    (course / "source" / assignment).mkdir(parents=True)
    (course / "source" / assignment / f"{assignment}.ipynb").write_text(json.dumps(source_nb, indent=1))
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        f"c.Execute.timeout = {int(timeout)}\n"
        "c.Execute.interrupt_on_timeout = True\n")
    (course / "students.csv").write_text("id,first_name,last_name,email\n" +
                                         "".join(f"{s},,,\n" for s in students))
    nbg = str(bindir / "nbgrader")
    for step in (["db", "assignment", "add", assignment], ["generate_assignment", assignment, "--force"],
                 ["db", "student", "import", "students.csv"]):
        done = subprocess.run([nbg, *step], cwd=course, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"nbgrader {' '.join(step)} failed: {done.stderr[-2000:]}")
    return course


def released(course: Path, assignment: str) -> dict:
    return json.loads((course / "release" / assignment / f"{assignment}.ipynb").read_text())


def reset_submissions(course: Path, assignment: str, write_submission) -> None:
    """Fresh ``submitted/`` and no ``autograded/``, so each timed run grades from scratch."""
    for sub in ("submitted", "autograded", "feedback"):
        shutil.rmtree(course / sub, ignore_errors=True)
    write_submission(course / "submitted")
    db = course / "gradebook.db"
    if db.exists():  # forget earlier autograde results (students and assignment stay)
        import sqlite3

        con = sqlite3.connect(db)
        with con:
            for table in ("grade", "comment", "submitted_notebook", "submitted_assignment"):
                try:
                    con.execute(f"DELETE FROM {table}")
                except sqlite3.OperationalError:
                    pass
        con.close()


def autograde_command(bindir: Path, assignment: str) -> list[str]:
    return [str(bindir / "nbgrader"), "autograde", assignment]


def nbgrader_env(base_env: dict, jupyter_path: Path, bindir: Path) -> dict:
    """nbgrader's own venv first on PATH (it runs ``alembic`` from there); our kernel via JUPYTER_PATH."""
    env = dict(base_env)
    env["JUPYTER_PATH"] = str(jupyter_path)
    env["PATH"] = os.pathsep.join([str(bindir), env.get("PATH", "")])
    return env


def scores(course: Path) -> dict:
    """``{student: total auto score}`` from nbgrader's gradebook, for students it graded."""
    import sqlite3

    con = sqlite3.connect(course / "gradebook.db")
    try:
        rows = con.execute(
            "SELECT sa.student_id, SUM(COALESCE(g.auto_score, 0)) FROM grade g "
            "JOIN submitted_notebook sn ON g.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id GROUP BY sa.student_id").fetchall()
    finally:
        con.close()
    return {student: total for student, total in rows}
