"""Exercise specifications: the public part of an exercise (what a student may see).

An exercise notebook (in ``exercises/``) only holds prompts and empty answer cells. Its *spec* lives
here, in the package: for each question, the variable the student assigns, the type of value
expected, the points, and a pointer to the rule and citation to review when the answer is wrong; and
``engine``, the answers the engine itself gives for a student's case, which the student's self-check
may decide (a student could compute those anyway). The answer key (every expected answer, including
the ones only the grader decides) is not here: it lives with the instructor, in ``solutions/keys/``
(:mod:`asylum_teach.grading.keys`), which ``asylum-teach release`` never ships.

Answer cells are found by cell tags: ``answer:<key>`` for an auto-graded code cell and
``written:<key>`` for a rubric-graded markdown cell, and, when a student's edit lost the tag, by the
cell id the exercise gives that cell, ``answer-<key>`` or ``written-<key>`` (:func:`answer_cell_id`).

>>> seed_for("deadlines", "ada")  == seed_for("deadlines", "ada")
True
>>> seed_for("deadlines", "ada") == seed_for("deadlines", "bob")
False
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from asylum_teach.exceptions import GradingError

ANSWER_TAG = "answer:"
WRITTEN_TAG = "written:"
PARAMETERS_TAG = "parameters"

#: Kinds of auto-graded answer and how a student writes one (shown in the question; see :mod:`.reading`
#: for every spelling that is read).
KINDS = {
    "date": 'a date in quotes, e.g. "July 4, 1776" or "1776-07-04" (a date in numbers is read month/day/year, '
            'as US courts write it: "7/4/1776")',
    "optional-date": 'a date in quotes, e.g. "July 4, 1776" (numbers are read month/day/year, as US courts write '
                     'them), or None',
    "choice": "one of the choices, in quotes",
    "text": "text in quotes",
    "int": "a whole number, e.g. 42",
    "bool": "True or False",
    "set": 'a list of ids in square brackets, each in quotes, e.g. ["first", "second"] (order does not matter; '
           '[] for none)',
    "sequence": 'a list of ids in square brackets, each in quotes, in order, e.g. ["first", "second"]',
    "record": "the listed parts in curly brackets",
    "optional-text": "text in quotes, or None",
    "optional-holiday": "the holiday's name in quotes, as people usually write it, or None if the day is not a "
                        "holiday",
    "some-of": 'a list of ids in square brackets, each in quotes (at least one, and only right ones)',
    "findings": "a list of lines in square brackets, each in quotes, one line for each discrepancy: its two "
                "paragraph ids, its kind, its class, and for an explainable one the explanation and the paragraph "
                "that holds it",
}


@dataclass(frozen=True)
class Question:
    """One auto-graded question.

    ``key`` is both the variable name the student assigns and the cell tag suffix. ``review`` tells a
    student where to look when the answer is wrong (a rule id and a citation); it must never contain
    the answer itself, and the scorer drops it if it would (see ``scoring.safe_hint``).
    """

    key: str
    prompt: str
    kind: str
    points: int = 1
    review: str = ""
    choices: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()  # for kind == "record": (field, kind)
    labels: tuple[tuple[str, str], ...] = ()  # for kind == "choice": (choice, another spelling read as it)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise GradingError(f"question {self.key}: unknown kind {self.kind!r}")
        if not self.key.isidentifier():
            raise GradingError(f"question key {self.key!r} is not a Python identifier")
        from asylum_teach.grading.reading import key

        spellings: dict[str, str] = {}
        for choice, spelling in [(c, c) for c in self.choices] + list(self.labels):
            if choice not in self.choices:
                raise GradingError(f"question {self.key}: a label names no choice ({choice!r})")
            if spellings.setdefault(key(spelling), choice) != choice:  # one spelling must name one choice
                raise GradingError(f"question {self.key}: {spelling!r} would read as two choices")

    @property
    def type_hint(self) -> str:
        if self.kind == "record":
            inner = "; ".join(f'"{name}": {KINDS[k].split(" (")[0]}' for name, k in self.fields)
            return "both in curly brackets: {" + inner + "}"
        return KINDS[self.kind]


@dataclass(frozen=True)
class Criterion:
    """One line of a written question's rubric and the points it is worth."""

    text: str
    points: float


@dataclass(frozen=True)
class WrittenQuestion:
    """A written-analysis question graded by an instructor against a rubric, criterion by criterion.

    Each rubric line ends with its points in parentheses, ``"cites the manual (1)"``; they must add up
    to ``points``.

    >>> WrittenQuestion("w", "Why?", 2, ("names the rule (1)", "cites it (1)")).criteria[1]
    Criterion(text='cites it', points=1.0)
    """

    key: str
    prompt: str
    points: int
    rubric: tuple[str, ...]

    def __post_init__(self):
        if sum(c.points for c in self.criteria) != self.points:
            raise GradingError(f"written question {self.key}: its rubric's points add up to "
                               f"{sum(c.points for c in self.criteria):g}, not {self.points}")

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        out = []
        for line in self.rubric:
            match = re.search(r"\((\d+(?:\.\d+)?)\)\s*$", line)
            if not match:
                raise GradingError(f"written question {self.key}: rubric line {line!r} does not end with its "
                                   "points, e.g. '(1)'")
            out.append(Criterion(line[:match.start()].strip(), float(match.group(1))))
        return tuple(out)


@dataclass(frozen=True)
class ExerciseSpec:
    """An exercise's public part: its questions, and the answers the engine gives for a student's case.

    ``engine(student_id, as_of)`` returns ``{key: answer}`` for exactly the questions in
    ``engine_checked``: those whose answer is what a library call returns for the case the notebook
    shows, with no logic of the exercise's own on top. The instructor's grader alone decides the others.
    """

    exercise_id: str
    title: str
    questions: tuple[Question, ...]
    written: tuple[WrittenQuestion, ...]
    engine: Callable[[str, Any], dict[str, Any]]
    default_as_of: str
    engine_checked: tuple[str, ...] = ()

    def __post_init__(self):
        unknown = set(self.engine_checked) - {q.key for q in self.questions}
        if unknown:
            raise GradingError(f"exercise {self.exercise_id}: engine_checked names no question {sorted(unknown)}")

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(q.key for q in self.questions)

    @property
    def max_auto(self) -> int:
        return sum(q.points for q in self.questions)

    @property
    def max_written(self) -> int:
        return sum(w.points for w in self.written)

    @property
    def max_score(self) -> int:
        return self.max_auto + self.max_written

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise GradingError(f"exercise {self.exercise_id} has no question {key!r}")

    def written_question(self, key: str) -> WrittenQuestion:
        for w in self.written:
            if w.key == key:
                return w
        names = ", ".join(w.key for w in self.written)
        raise GradingError(f"exercise {self.exercise_id} has no written question {key!r} (it has: {names})")

    def engine_answers(self, student_id: str) -> dict[str, Any]:
        """The engine's answers for this student at the exercise's as-of date (see the class doc)."""
        from asylum_teach.dates import parse_date

        return self.engine(str(student_id), parse_date(self.default_as_of, name="as_of"))


def answer_cell_id(tag: str) -> str:
    """The cell id of the exercise cell tagged ``tag``: ``answer:due`` -> ``answer-due``.

    >>> answer_cell_id("written:w_memo")
    'written-w_memo'
    """
    return tag.replace(":", "-", 1)


def seed_for(exercise_id: str, student_id: str) -> int:
    """A stable integer seed from the exercise and the student id (same on every machine)."""
    digest = hashlib.sha256(f"asylum-teach:{exercise_id}:{student_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def exercise_ids() -> list[str]:
    """The ids of every exercise spec shipped in :mod:`asylum_teach.grading.exercises`."""
    from asylum_teach.grading import exercises

    return sorted(m.name for m in pkgutil.iter_modules(exercises.__path__) if not m.name.startswith("_"))


def get_spec(exercise_id: str) -> ExerciseSpec:
    """The spec registered under ``exercise_id`` (a module in ``grading/exercises``)."""
    if exercise_id not in exercise_ids():
        known = ", ".join(exercise_ids()) or "none"
        raise GradingError(f"unknown exercise {exercise_id!r} (known: {known})")
    module = importlib.import_module(f"asylum_teach.grading.exercises.{exercise_id}")
    return module.SPEC
