"""The records grading passes along: a run's :class:`Status` and one student's :class:`GradedSubmission`.

Grading is a pipeline (DESIGN.md, "The grading path"): intake -> rebuild -> run -> extract -> score ->
gradebook row -> feedback page. Each step takes and returns these records, never loose tuples.

>>> Status("timeout").outcome, Status.INVALID.graded
('timeout', False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """How one submission's run ended (stored in the gradebook and grades.csv by its value)."""

    OK = "ok"  # every cell ran
    ERRORS = "errors"  # some cell raised; the others ran
    OUTPUT_CAP = "output-cap"  # a cell printed past the output cap and was interrupted
    TIMEOUT = "timeout"  # a cell or the notebook hit its time limit
    KERNEL_DIED = "kernel-died"  # the kernel died (os._exit, a crash, the memory limit)
    INVALID = "invalid"  # nothing could be run: not a notebook, too large, a link or a device, no identity
    RUNNER_ERROR = "runner-error"  # the sandbox or kernel could not be started
    GRADER_ERROR = "grader-error"  # a bug or failure in the grader while grading this student

    @property
    def graded(self) -> bool:
        """Did the student's answers get scored (fully or up to where the run stopped)?"""
        return self not in (Status.INVALID, Status.RUNNER_ERROR, Status.GRADER_ERROR)

    @property
    def outcome(self) -> str:
        """The summary's bucket for a run that did not end normally (``ok`` for one that did)."""
        return {Status.TIMEOUT: "timeout", Status.KERNEL_DIED: "kernel-died", Status.INVALID: "invalid",
                Status.RUNNER_ERROR: "grader-error", Status.GRADER_ERROR: "grader-error"}.get(self, "ok")


#: The summary's buckets, in the order ``asylum-teach grade`` prints them.
OUTCOMES = ("ok", "wrong or partial", "invalid", "timeout", "kernel-died", "grader-error")


@dataclass(frozen=True)
class GradedSubmission:
    """Everything grading found for one student, ready for the gradebook and the feedback page.

    ``written`` maps each written question to the student's text (None: left as the placeholder);
    ``sources`` maps auto-graded questions to the answer cell's source. All text is storable
    (:func:`asylum_teach.safetext.clean`)."""

    student: str
    source_file: str
    status: Status
    results: tuple = ()  # QuestionResult, one per auto-graded question, in the spec's order
    notes: tuple[str, ...] = ()
    written: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    fingerprint: str = ""

    @property
    def auto_score(self) -> float:
        return sum(r.points for r in self.results)

    @property
    def auto_max(self) -> float:
        return sum(r.max_points for r in self.results)

    @property
    def outcome(self) -> str:
        """``ok`` (every auto-graded answer right), ``wrong or partial``, or how the run failed."""
        if self.status.outcome != "ok":
            return self.status.outcome
        return "ok" if self.auto_score == self.auto_max else "wrong or partial"
