"""Grade a folder of submissions: plan, then for each student read, check, record, and write feedback.

:func:`grade_class` is what ``asylum-teach grade`` calls. It is a pipeline of records:

1. **plan** (:func:`plan`): which entries of the folder are submissions and whose (:mod:`.intake`,
   :mod:`.roster`); links, FIFOs, devices, unusable names and duplicate ids are settled here;
2. for each student, in one error boundary: read the file (bounded, regular files only), check it
   (:class:`~asylum_teach.grading.checker.Checker`: rebuild, run in the sandbox, extract, score), write
   the gradebook row, then the feedback page. Whatever fails, the student gets a record saying why and
   the batch goes on;
3. ``grades.csv``, ``canvas.csv`` and the class report ``index.html`` from the gradebook.

Work is spread over ``workers`` threads, each with a :class:`~asylum_teach.grading.runner.Runner` that
runs one notebook at a time in a fresh sandboxed kernel while the next kernel starts. Students already
recorded with the same fingerprint (submission, exercise master, student id, answer key, the package's
version and legal data, and the versions of the libraries that shape answers) are skipped, so an
interrupted batch resumes where it stopped; ``only`` regrades one student whatever the gradebook says.
Everything the grader imports is imported before the first kernel starts (:func:`preload`).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import queue
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading import feedback, intake, sandbox
from asylum_teach.grading.checker import Checker
from asylum_teach.grading.exports import CANVAS_CSV, canvas_column, write_canvas_csv, write_grades_csv
from asylum_teach.grading.gradebook import FILENAME, Gradebook
from asylum_teach.grading.keys import AnswerKey, find_key
from asylum_teach.grading.rebuild import MAX_SUBMISSION_BYTES, exercise_id_of, read_master
from asylum_teach.grading.records import OUTCOMES, GradedSubmission, Status
from asylum_teach.grading.report import feedback_path, write_report
from asylum_teach.grading.roster import Roster, nfc
from asylum_teach.grading.runner import Limits, Runner
from asylum_teach.grading.spec import get_spec
from asylum_teach.safetext import storable, terminal

#: Libraries whose version can change an expected answer (holidays: the calendar; Faker: generated clients).
ANSWER_LIBRARIES = ("asylum-teach", "holidays", "Faker")
#: Imported before any kernel starts: nothing the grader runs later is imported from disk mid-batch.
PRELOAD = ("nbformat", "nbformat.v4", "nbformat.validator", "nbclient", "nbclient.exceptions", "jupyter_client.manager",
           "jupyter_client.kernelspec", "jupyter_client.provisioning.local_provisioner", "zmq", "zmq.asyncio",
           "tqdm", "tqdm.std", "sqlite3", "csv", "html", "json", "secrets", "ast", "asylum_teach.glossary", "asylum_teach.dates",
           "asylum_teach.grading.rubric")
MAX_DEFAULT_WORKERS = 8  # each worker holds two kernels (the running one and the next): ~200 MB


@dataclass(frozen=True)
class Planned:
    """One student to grade: their submission entry, notes from intake, or why they cannot be graded."""

    student: str
    entry: intake.Entry | None
    notes: tuple[str, ...] = ()
    refused: str | None = None

    @property
    def source_file(self) -> str:
        return self.entry.name if self.entry else ""


@dataclass
class BatchReport:
    """What a batch did, for the summary line and the exit code."""

    outcomes: Counter = field(default_factory=Counter)  # this run's records, by outcome
    graded: list = field(default_factory=list)
    up_to_date: list = field(default_factory=list)
    not_graded: list = field(default_factory=list)  # could not be graded (this run or as recorded before)
    skipped_files: list = field(default_factory=list)  # folder entries that are not submissions
    not_in_canvas: list = field(default_factory=list)
    canvas_pending: int = 0
    out_dir: Path | None = None

    @property
    def failed(self) -> list:
        """Students whose submission could not be graded (the command then exits non-zero)."""
        return self.not_graded

    def summary(self) -> str:
        counts = ", ".join(f"{name} {self.outcomes.get(name, 0)}" for name in OUTCOMES)
        return (f"graded {len(self.graded)} ({counts}); already up to date {len(self.up_to_date)}; "
                f"could not be graded {len(self.not_graded)}")


def default_workers() -> int:
    """One worker per usable core: a worker's kernel runs while the next one starts, so the cores stay busy."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def require_isolation(unsandboxed: bool = False) -> None:
    """Raise unless student code will be kept from the grader's files, or ``unsandboxed`` accepts the risk."""
    if sandbox.isolation() is None and not unsandboxed:
        raise GradingError(sandbox.REFUSAL)


def preload(checker: Checker | None = None) -> None:
    """Import now everything grading imports later, and probe the sandbox: after this, grading a class
    imports nothing, so no file a kernel might have reached can become grader code mid-batch. With a
    ``checker``, its answer key computes one variant too (the law engine and the holiday calendars)."""
    for name in PRELOAD:
        importlib.import_module(name)
    if checker is not None:
        checker.expected("asylum-teach-preload")
    sandbox.isolation()
    sandbox.kernel_uid()
    from asylum_teach.grading import cgroups

    cgroups.backend()


def plan(folder: Path, roster: Roster | None) -> tuple[list[Planned], list[str]]:
    """Each student to grade (sorted by id) and the folder entries skipped (not ``*.ipynb``, hidden)."""
    entries, skipped = intake.scan(folder)
    claims: dict[str, list[tuple[intake.Entry, list[str], str | None]]] = {}
    for entry in entries:
        sid, note = intake.student_id_for(entry.raw)
        notes, refused = [note] if note else [], None
        if roster is not None:
            known, why = roster.identify(os.fsdecode(entry.raw[: -len(intake.SUFFIX)]))
            if known is not None:
                sid, notes = storable(known), []
            else:
                refused = why
        claims.setdefault(nfc(sid), []).append((entry, notes, refused))
    planned = []
    for sid, found in sorted(claims.items()):
        if len(found) == 1:
            entry, notes, refused = found[0]
            planned.append(Planned(sid, entry, tuple(notes), refused))
        else:
            names = ", ".join(e.name for e, _, _ in found)
            planned.append(Planned(sid, found[0][0], (), f"{len(found)} submissions are for student {sid!r} "
                                                         f"({names}): none was graded; keep one and grade again"))
    return planned, skipped


def library_fingerprint() -> str:
    """A hash of the versions of the libraries that shape answers and of the package's legal data: when
    the law the expected answers come from changes, a resumed batch regrades instead of mixing grades."""
    from importlib.metadata import PackageNotFoundError, version

    import asylum_teach

    h = hashlib.sha256(asylum_teach.__version__.encode())
    for name in ANSWER_LIBRARIES:
        try:
            h.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{name}=?\0".encode())
    data = Path(asylum_teach.__file__).resolve().parent / "data"
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(data)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def fingerprint(context: str, student: str, content: bytes) -> str:
    h = hashlib.sha256(context.encode())
    h.update(b"\0" + student.encode("utf-8") + b"\0")
    h.update(content)
    return h.hexdigest()


def grade_class(exercise: Path, submissions_dir: Path, out_dir: Path, *, key: AnswerKey | None = None,
                keys_dir: Path | None = None, workers: int | None = None,
                limits: Limits = Limits(), roster: Roster | None = None, only: str | None = None,
                canvas_roster: Roster | None = None, canvas_column_name: str | None = None,
                progress: bool = True, unsandboxed: bool = False) -> BatchReport:
    """Grade every submission in ``submissions_dir`` into ``out_dir`` (resumable), with ``workers``
    notebooks at a time (default: :func:`default_workers`), against ``key`` (default: the instructor's key
    for the exercise, see :func:`asylum_teach.grading.keys.find_key`).

    Refuses when student code would run as the grading user (no sandbox, not root), unless
    ``unsandboxed`` says the submissions are trusted."""
    require_isolation(unsandboxed)
    exercise = Path(exercise)
    master = read_master(exercise)
    spec = get_spec(exercise_id_of(master))
    key = key if key is not None else find_key(spec, exercise, keys_dir)
    if key.spec.exercise_id != spec.exercise_id:
        raise GradingError(f"the answer key is for exercise {key.spec.exercise_id!r}, not {spec.exercise_id!r}")
    canvas = canvas_roster or (roster if roster is not None and roster.is_canvas else None)
    column = canvas_column(canvas, spec, canvas_column_name) if canvas is not None else None
    planned, skipped = plan(submissions_dir, roster)
    if only is not None:
        planned = [p for p in planned if p.student == nfc(only)]
        if not planned:
            raise GradingError(f"no submission for student {terminal(only)!r} in {terminal(str(submissions_dir))}")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise GradingError("--workers must be at least 1")
    out_dir = Path(out_dir)
    book = Gradebook(out_dir / FILENAME)
    try:
        previous = book.meta("exercise")
        if previous and previous != spec.exercise_id:
            raise GradingError(f"{out_dir} holds grades for exercise {previous!r}, not {spec.exercise_id!r}")
        book.set_meta(exercise=spec.exercise_id, exercise_path=str(exercise.resolve()))
        report = BatchReport(out_dir=out_dir, skipped_files=skipped)
        checker = Checker(spec, master, key.expected, limits)
        preload(checker)
        context = fingerprint(library_fingerprint() + key.fingerprint, "", exercise.read_bytes())
        _run(planned, checker, book, context, out_dir, submissions_dir, report, workers, only is not None, progress)
        write_grades_csv(book, spec, out_dir)
        write_report(book, spec, out_dir)
        if canvas is not None and column is not None:
            report.not_in_canvas = write_canvas_csv(book, spec, canvas, column, out_dir / CANVAS_CSV)
            report.canvas_pending = sum(1 for s in book.students(spec.exercise_id)
                                        if len(book.rubric(spec.exercise_id, s)) < len(spec.written))
        return report
    finally:
        book.close()


def _run(planned, checker: Checker, book: Gradebook, context: str, out_dir: Path, folder: Path,
         report: BatchReport, workers: int, force: bool, progress: bool) -> None:
    spec = checker.spec
    slots: queue.SimpleQueue = queue.SimpleQueue()  # one Runner per worker: its kernel and the next one
    runners = [Runner(checker.limits, checker.warm) for _ in range(min(workers, len(planned)))]
    for runner in runners:
        slots.put(runner)
    stop = threading.Event()  # Ctrl-C: nothing more is recorded; the resumed batch grades the rest

    def work(job: Planned) -> tuple[str, GradedSubmission | None]:
        if stop.is_set():
            return "stopped", None
        try:
            graded = _grade(job, checker, book, context, folder, slots, force)
        except Exception as exc:  # a grader failure outside the checker: still this student's record
            graded = checker.failed(job.student, job.source_file, Status.GRADER_ERROR,
                                    f"grading failed: {type(exc).__name__}: {exc}", job.notes)
        if graded is None:
            return "up to date", book.graded(spec.exercise_id, job.student)
        if stop.is_set():  # its kernel was killed under it: not a grade
            return "stopped", None
        try:
            book.record(spec.exercise_id, graded)  # the gradebook row first, then the page
        except Exception as exc:  # the row could not be written: say so, and go on with the class
            graded = checker.failed(job.student, job.source_file, Status.GRADER_ERROR,
                                    f"the gradebook row could not be written: {type(exc).__name__}: {exc}")
            try:
                book.record(spec.exercise_id, graded)
            except Exception:
                pass  # not even that: the summary lists the student as not graded
            return "graded", graded
        try:
            feedback.write(feedback_path(out_dir, graded.student),
                           feedback.render(spec, graded, book.rubric(spec.exercise_id, graded.student)))
        except Exception as exc:  # the grade stands; the page is written again by a rerun (fingerprint cleared)
            graded = GradedSubmission(
                graded.student, graded.source_file, graded.status, graded.results,
                (*graded.notes, storable(f"the feedback page could not be written: {type(exc).__name__}")),
                graded.written, graded.sources, "")
            try:
                book.record(spec.exercise_id, graded)
            except Exception:
                pass
        return "graded", graded

    bar = _progress(len(planned), progress)
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(work, job) for job in planned]
        for future in as_completed(futures):
            what, graded = future.result()
            if graded is not None:
                (report.graded if what == "graded" else report.up_to_date).append(graded.student)
                if what == "graded":
                    report.outcomes[graded.outcome] += 1
                if not graded.status.graded:
                    report.not_graded.append(graded.student)
            bar.update(1)
    except BaseException:  # Ctrl-C (or a bug): stop now, keep what was recorded, leave no kernel behind
        stop.set()
        for runner in runners:
            runner.abort()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
        for runner in runners:
            runner.close()
    report.graded.sort()
    report.up_to_date.sort()
    report.not_graded.sort()


def _grade(job: Planned, checker: Checker, book: Gradebook, context: str, folder: Path, slots, force: bool):
    """One student's record, or None when the gradebook already holds it with the same fingerprint."""
    if job.refused or job.entry is None:
        got = intake.Read(None, job.refused or "no file to read")
    else:
        got = intake.read(folder, job.entry, MAX_SUBMISSION_BYTES)
    content = got.content if got.content is not None else (got.refused or "").encode()
    fp = fingerprint(context, job.student, (job.entry.raw if job.entry else b"") + b"\0" + content)
    if not force and book.fingerprint(checker.spec.exercise_id, job.student) == fp:
        return None
    if got.content is None:
        return checker.failed(job.student, job.source_file, Status.INVALID, got.refused or "unreadable", job.notes,
                              fp)
    runner = slots.get()
    try:
        return checker.check(job.student, job.source_file, got.content, runner=runner, notes=job.notes, fingerprint=fp)
    finally:
        slots.put(runner)


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="nb", disable=not enabled or total == 0, dynamic_ncols=True)
