"""Answer keys: every expected answer of an exercise, for one student's variant. Instructor only.

A key is a Python file in the course's instructor side, ``solutions/keys/<exercise id>.py``, defining
``EXERCISE`` (the exercise id) and ``compute(student_id, as_of)``, which returns ``{question: expected}``
for every auto-graded question (an exact answer, or for text a tuple of accepted spellings). Keys are
never part of the package, never in the student bundle (``asylum-teach release`` refuses one) and never
visible to a sandboxed kernel. The grader finds the key next to the exercise master it grades
(``COURSE/exercises/NN_name.ipynb`` -> ``COURSE/solutions/keys/``) or in the folder given with ``--keys``.
A key is instructor code: the grader imports it, before the first student runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.spec import ExerciseSpec
from asylum_teach.safetext import terminal

KEYS_FOLDER = Path("solutions") / "keys"


@dataclass(frozen=True)
class AnswerKey:
    """Computes every expected answer of one exercise for a student id (at the exercise's as-of date)."""

    spec: ExerciseSpec
    compute: Callable[[str, Any], dict]
    fingerprint: str  # a hash of the key's code: a changed key regrades a resumed batch

    def expected(self, student_id: str) -> dict:
        from asylum_teach.dates import parse_date

        return self.compute(str(student_id), parse_date(self.spec.default_as_of, name="as_of"))


def keys_folder(exercise_path: Path | None = None) -> Path:
    """Where a course keeps its keys: ``solutions/keys`` of the course whose ``exercises/`` holds the master
    (or of the working directory)."""
    course = Path(exercise_path).resolve().parent.parent if exercise_path is not None else Path.cwd()
    return course / KEYS_FOLDER


def load_key(spec: ExerciseSpec, path: Path) -> AnswerKey:
    """The key in ``path``, checked to be ``spec``'s: one clear error for anything else."""
    path = Path(path)
    if not path.is_file():
        raise GradingError(f"no answer key for exercise {spec.exercise_id!r}: {terminal(str(path))} does not exist "
                           "(the instructor's keys live in solutions/keys/; point --keys at that folder)")
    source = path.read_bytes()
    name = f"asylum_teach_key_{spec.exercise_id}_{hashlib.sha256(source).hexdigest()[:12]}"
    module = sys.modules.get(name)
    if module is None:
        loader_spec = importlib.util.spec_from_file_location(name, path)
        if loader_spec is None or loader_spec.loader is None:
            raise GradingError(f"{path}: not a Python module the grader can load")
        module = importlib.util.module_from_spec(loader_spec)
        try:
            loader_spec.loader.exec_module(module)
        except Exception as exc:
            raise GradingError(f"the answer key {terminal(str(path))} does not load: {type(exc).__name__}: "
                               f"{terminal(str(exc))[:200]}") from None
        sys.modules[name] = module
    if getattr(module, "EXERCISE", None) != spec.exercise_id or not callable(getattr(module, "compute", None)):
        raise GradingError(f"{terminal(str(path))} is not the answer key of exercise {spec.exercise_id!r} "
                           f"(it needs EXERCISE = {spec.exercise_id!r} and a function compute(student_id, as_of))")
    return AnswerKey(spec, module.compute, hashlib.sha256(source).hexdigest())


def find_key(spec: ExerciseSpec, exercise_path: Path | None = None, keys_dir: Path | None = None) -> AnswerKey:
    """The answer key the grader uses for ``spec``: ``keys_dir/<id>.py``, by default in the course of
    ``exercise_path`` (see :func:`keys_folder`)."""
    folder = Path(keys_dir) if keys_dir is not None else keys_folder(exercise_path)
    return load_key(spec, folder / f"{spec.exercise_id}.py")
