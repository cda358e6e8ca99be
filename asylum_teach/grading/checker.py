"""The one checking path: rebuild, run, extract, score. Every verdict on a notebook comes from here.

``asylum-teach grade`` (for each student), ``asylum-teach check`` and the self-check cell of an exercise
all call :meth:`Checker.check`, so one notebook gets one verdict, and a lost tag, a duplicated cell or a
student id that differs from the roster is reported in the same words in all three. What differs is
only what they are given: the grader has the course's exercise master and the instructor's answer key;
a student's check has their own notebook as the master and no key, so it decides only the questions
whose answer the engine itself gives, and checks the format of the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from asylum_teach.grading.answer_cells import explain
from asylum_teach.grading.extraction import Missing, Unsupported, new_nonce
from asylum_teach.grading.rebuild import read_submission, rebuild
from asylum_teach.grading.records import GradedSubmission, Status
from asylum_teach.grading.runner import Limits, Runner, run_notebook
from asylum_teach.grading.scoring import QuestionResult, score
from asylum_teach.grading.spec import WRITTEN_TAG, ExerciseSpec
from asylum_teach.safetext import clean

MAX_NOTE = 400


@dataclass
class Checker:
    """Checks submissions of one exercise against one master, with one source of expected answers.

    ``expected(student_id)`` gives the answers this checker may decide (all of them for the grader)."""

    spec: ExerciseSpec
    master: object  # the exercise master notebook (nbformat)
    expected: Callable[[str], dict]
    limits: Limits = field(default_factory=Limits)

    @property
    def warm(self) -> tuple[str, ...]:
        """What a kernel imports before its notebook arrives: the exercise's module (and with it the
        library its setup cell uses) and the court calendar's holiday tables."""
        return (f"asylum_teach.grading.exercises.{self.spec.exercise_id}", "asylum_teach.court_calendar")

    def check(self, student: str, source_file: str, content: bytes, *, runner: Runner | None = None,
              notes: tuple[str, ...] = (), fingerprint: str = "") -> GradedSubmission:
        """Grade ``content`` (a submission's bytes) as ``student``'s. Never raises for anything in the
        submission; a failure of the grader itself becomes a ``grader-error`` record."""
        try:
            return self._check(student, source_file, content, runner, list(notes), fingerprint)
        except Exception as exc:  # one bad submission never stops a batch
            why = f"grading failed: {type(exc).__name__}: {exc}"
            return self.failed(student, source_file, Status.GRADER_ERROR, why, notes, fingerprint)

    def failed(self, student: str, source_file: str, status: Status, why: str, notes=(),
               fingerprint: str = "") -> GradedSubmission:
        """The record of a submission that could not be run: every question 0, with the reason."""
        why = clean(why)[:MAX_NOTE]
        verdict = "invalid notebook" if status is Status.INVALID else "not graded"
        results = tuple(QuestionResult(q.key, 0, q.points, verdict, why) for q in self.spec.questions)
        return GradedSubmission(clean(student), clean(source_file), status, results,
                                tuple(clean([*notes, why])), {}, {}, fingerprint)

    def _check(self, student, source_file, content, runner, notes, fingerprint) -> GradedSubmission:
        sub = read_submission(content, self.spec, self.master)
        if sub.invalid:
            return self.failed(student, source_file, Status.INVALID, sub.invalid, notes, fingerprint)
        nonce = new_nonce()
        nb = rebuild(self.master, sub, self.spec, student, nonce)
        run = runner.run(nb, nonce) if runner is not None else run_notebook(nb, nonce, self.limits, self.warm)
        keys_by_cell = _answer_cell_keys(nb)
        cell_problems, cell_notes = self._explain_cells(run, sub, keys_by_cell)
        results = score(self.spec, run.answers, {**cell_problems, **sub.problems}, self.expected(student))
        if isinstance(sub.student_id, str) and sub.student_id.strip() != student:
            notes.append(f"the notebook's parameters cell says student_id {sub.student_id!r}, but this submission "
                         f"is {student!r}'s: it was graded against {student!r}'s own case")
        written_keys = {w.key for w in self.spec.written}
        notes += [note for key, note in sub.problems.items() if key in written_keys]
        notes += sub.notices
        notes += cell_notes
        written = {k: (None if v.strip() == _master_text(self.master, k).strip() else v)
                   for k, v in sub.written.items()}
        return GradedSubmission(clean(student), clean(source_file), Status(run.status), tuple(clean(results)),
                                tuple(clean(n)[:MAX_NOTE] for n in notes), clean(written), clean(sub.answers),
                                fingerprint)

    def _explain_cells(self, run, sub, keys_by_cell) -> tuple[dict, list]:
        """The error of an answer cell in words (:func:`.answer_cells.explain`, as the student's kernel says
        it): the question's note when the cell left no answer, a note on the notebook when it did."""
        blank = {k for k in self.spec.keys if _unanswered(run.answers.get(k, Missing()))} | set(sub.problems)
        problems, notes = {}, []
        for index, status, detail in run.cell_notes:
            key = keys_by_cell.get(index) if index is not None else None
            if key is not None and status == "error":
                ename, _, evalue = detail.partition(": ")
                sentence = explain(self.spec, key, sub.answers.get(key, ""), ename, evalue, blank)
                if _unanswered(run.answers.get(key, Missing())):
                    problems[key] = sentence
                else:
                    notes.append(f"answer cell {key}: {sentence}")
                continue
            where = f"answer cell {key}" if key is not None else "a setup cell"
            notes.append(f"{where}: {detail}" if index is not None else detail)
        return problems, notes


def _unanswered(value) -> bool:
    return isinstance(value, Missing) or (isinstance(value, Unsupported) and value.type_name == "ellipsis")


def _master_text(master, key: str) -> str:
    for cell in master.cells:
        if WRITTEN_TAG + key in cell.get("metadata", {}).get("tags", []):
            return cell.source
    return ""


def _answer_cell_keys(nb) -> dict[int, str]:
    out = {}
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("asylum_teach", {})
        if meta.get("role") == "emit" and i > 0:
            out[i - 1] = meta["key"]
    return out
