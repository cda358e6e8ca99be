"""nbgrader, the peer: a throwaway venv in ``benchmarks/.cache``, a course for the same exercise, autograde.

Its kernel spec runs *this* project's interpreter, so the kernel and the ``asylum_teach`` code are
identical for both tools; only the grading machinery differs. Each answer cell becomes an nbgrader
solution cell followed by a locked 1-point test cell that runs the check asylum-teach runs
(``scoring.judge`` against the instructor's key in ``solutions/keys/``); the written answer is graded by
hand; the self-check is left out.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
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


def ensure_venv(cache: Path) -> tuple[Path | None, str]:
    """The nbgrader venv's ``bin``, created on first use; ``(None, reason)`` if that fails."""
    bindir = cache / "nbgrader-venv" / "bin"
    for attempt in (0, 1):
        probe = subprocess.run([str(bindir / "nbgrader"), "--version"], capture_output=True, text=True) \
            if (bindir / "nbgrader").exists() else None
        if probe is not None and probe.returncode == 0:
            return bindir, _version(probe)
        if attempt:
            break
        log = cache / "nbgrader-install.log"
        with open(log, "w") as fh:
            for step in ([sys.executable, "-m", "venv", "--clear", str(bindir.parent)],
                         [str(bindir / "python"), "-m", "pip", "install", "--quiet", NBGRADER_SPEC]):
                if subprocess.run(step, stdout=fh, stderr=subprocess.STDOUT, timeout=900).returncode:
                    shutil.rmtree(bindir.parent, ignore_errors=True)
                    return None, f"{' '.join(step[2:])} failed; see {log}"
    return None, "nbgrader installed but does not start"


def _version(probe) -> str:
    lines = (probe.stdout.strip() or probe.stderr.strip()).splitlines()
    return lines[-1] if lines else "nbgrader (version unknown)"


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


class Course:
    """An nbgrader course for ``assignment`` (generated and students registered, untimed) in ``root``."""

    def __init__(self, root: Path, bindir: Path, base_env: dict, assignment: str, source_nb: dict,
                 students: list[str], timeout: float):
        self.bindir, self.assignment, self.dir = bindir, assignment, root / "nbgrader-course"
        kernel = root / "jupyter" / "kernels" / "python3"  # ours: this interpreter, the grader's kernel spec
        kernel.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3" / "kernel.json", kernel)
        # nbgrader's venv first on PATH (it runs alembic from there)
        self.env = dict(base_env, JUPYTER_PATH=str(root / "jupyter"),
                        PATH=os.pathsep.join([str(bindir), base_env.get("PATH", "")]))
        (self.dir / "source" / assignment).mkdir(parents=True)
        (self.dir / "source" / assignment / f"{assignment}.ipynb").write_text(json.dumps(source_nb, indent=1))
        (self.dir / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.course_id = 'bench'\nc.CourseDirectory.root = {str(self.dir)!r}\n"
            f"c.Execute.timeout = {int(timeout)}\nc.Execute.interrupt_on_timeout = True\n")
        (self.dir / "students.csv").write_text("id,first_name,last_name,email\n" + "".join(f"{s},,,\n" for s in students))
        for step in (["db", "assignment", "add", assignment], ["generate_assignment", assignment, "--force"],
                     ["db", "student", "import", "students.csv"]):
            done = subprocess.run([bindir / "nbgrader", *step], cwd=self.dir, env=self.env, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"nbgrader {' '.join(step)} failed: {done.stderr[-2000:]}")
        self.released = json.loads((self.dir / "release" / assignment / f"{assignment}.ipynb").read_text())

    def submit(self, write_submission) -> list:
        """Fresh ``submitted/``, nothing autograded: each timed run grades from scratch. Returns the command."""
        for sub in ("submitted", "autograded", "feedback"):
            shutil.rmtree(self.dir / sub, ignore_errors=True)
        write_submission(self.dir / "submitted")
        if (self.dir / "gradebook.db").exists():  # forget earlier results (students and assignment stay)
            with closing(sqlite3.connect(self.dir / "gradebook.db")) as con, con:
                for table in ("grade", "comment", "submitted_notebook", "submitted_assignment"):
                    con.execute(f"DELETE FROM {table}")
        return [self.bindir / "nbgrader", "autograde", self.assignment]

    def scores(self) -> dict:
        """``{student: total auto score}`` for the students nbgrader graded."""
        with closing(sqlite3.connect(self.dir / "gradebook.db")) as con:
            return dict(con.execute(
                "SELECT sa.student_id, SUM(COALESCE(g.auto_score, 0)) FROM grade g "
                "JOIN submitted_notebook sn ON g.notebook_id = sn.id "
                "JOIN submitted_assignment sa ON sn.assignment_id = sa.id GROUP BY sa.student_id").fetchall())
