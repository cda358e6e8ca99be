"""Answer keys: the expected answers of an exercise, for one student's variant.

The grader needs an :class:`AnswerKey`; a student's self-check does not have one.
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from typing import Any, Callable

from asylum_teach.grading.spec import ExerciseSpec


@dataclass(frozen=True)
class AnswerKey:
    """Computes every expected answer of one exercise for a student id (and the exercise's as-of date)."""

    spec: ExerciseSpec
    compute: Callable[[str, Any], dict]
    fingerprint: str  # a hash of the key's code, so that a changed key regrades a resumed batch

    def expected(self, student_id: str) -> dict:
        from asylum_teach.model.glossary import parse_date

        return self.compute(str(student_id), parse_date(self.spec.default_as_of, name="as_of"))


def package_key(spec: ExerciseSpec) -> AnswerKey:
    """The key computed by the exercise spec itself."""
    source = inspect.getsource(inspect.getmodule(spec.compute)).encode()
    return AnswerKey(spec, spec.compute, hashlib.sha256(source).hexdigest())


def find_key(spec: ExerciseSpec, exercise_path=None, keys_dir=None) -> AnswerKey:
    """The answer key the grader uses for ``spec``."""
    return package_key(spec)
