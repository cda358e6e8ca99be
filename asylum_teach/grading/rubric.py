"""Marking written answers against their rubric, criterion by criterion.

``asylum-teach rubric`` and the marking notebook both call :func:`mark`, so they write the same
gradebook rows. After a mark, the student's feedback page, ``grades.csv`` and the class report are
written again from the gradebook (the recorded :class:`GradedSubmission`); nothing is re-scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading import feedback
from asylum_teach.grading.exports import write_grades_csv
from asylum_teach.grading.gradebook import Gradebook, RubricMark
from asylum_teach.grading.report import feedback_path, write_report
from asylum_teach.grading.spec import ExerciseSpec, WrittenQuestion, get_spec
from asylum_teach.safetext import storable


@dataclass(frozen=True)
class Answer:
    """One student's written answer, with its question and any mark so far."""

    student: str
    question: WrittenQuestion
    text: str | None
    mark: RubricMark | None


def open_book(out_dir: Path) -> tuple[Gradebook, ExerciseSpec]:
    book = Gradebook.open_existing(out_dir)
    exercise = book.meta("exercise")
    if not exercise:
        book.close()
        raise GradingError(f"the gradebook in {out_dir} has no exercise recorded")
    return book, get_spec(exercise)


def answers(out_dir: Path) -> list[Answer]:
    """Every student's written answers, in student order (the whole text, as the student wrote it)."""
    book, spec = open_book(out_dir)
    try:
        out = []
        for student in book.students(spec.exercise_id):
            written = book.recorded(spec.exercise_id, student).written
            marks = book.rubric(spec.exercise_id, student)
            out += [Answer(student, w, written.get(w.key), marks.get(w.key)) for w in spec.written]
        return out
    finally:
        book.close()


def mark(out_dir: Path, student: str, question: str, points: list[float], comments: list[str] | None = None,
         comment: str = "") -> RubricMark:
    """Record ``points`` (one per rubric criterion, in order) and optional per-criterion ``comments`` and an
    overall ``comment`` for ``student``'s answer to ``question``; refresh their page, grades.csv, the report."""
    out_dir = Path(out_dir)
    book, spec = open_book(out_dir)
    try:
        if book.graded(spec.exercise_id, student) is None:
            raise GradingError(f"student {storable(student)!r} has not been graded in {out_dir}")
        w = spec.written_question(question)
        criteria = w.criteria
        if len(points) != len(criteria):
            listing = "; ".join(f"{n}. {c.text} ({c.points:g})" for n, c in enumerate(criteria, 1))
            raise GradingError(f"{w.key} has {len(criteria)} rubric criteria; give {len(criteria)} scores, one per "
                               f"criterion, in order ({listing})")
        comments = list(comments or [])
        if len(comments) > len(criteria):
            raise GradingError(f"{w.key} has {len(criteria)} criteria, but {len(comments)} comments were given")
        comments += [""] * (len(criteria) - len(comments))
        marks = [(float(p), c.points, storable(text)) for p, c, text in zip(points, criteria, comments)]
        book.set_rubric(spec.exercise_id, student, w.key, marks, storable(comment))
        refresh(book, spec, out_dir, [student])
        return book.rubric(spec.exercise_id, student)[w.key]
    finally:
        book.close()


def refresh(book: Gradebook, spec: ExerciseSpec, out_dir: Path, students: list[str] | None = None) -> None:
    """Write again, from the gradebook, the feedback pages of ``students`` (all when None), grades.csv and
    the class report."""
    for student in book.students(spec.exercise_id) if students is None else students:
        graded = book.graded(spec.exercise_id, student)
        if graded is not None:
            feedback.write(feedback_path(out_dir, student), feedback.render(spec, graded,
                                                                            book.rubric(spec.exercise_id, student)))
    write_grades_csv(book, spec, out_dir)
    write_report(book, spec, out_dir)
