"""Grade a folder of submissions: rebuild, run (sandboxed), score, record, write feedback and CSVs.

:func:`grade_class` is what ``asylum-teach grade`` calls. Work is spread over ``workers`` threads,
each with a :class:`~asylum_teach.grading.runner.Runner` that runs one notebook at a time in a fresh
sandboxed kernel while the next kernel starts; scoring happens in this process. Any failure
while grading one student is recorded as that student's status and never stops the batch. Students
already recorded with the same fingerprint (submission, exercise master, student id and the package's
legal data) are skipped, so an interrupted batch resumes where it
stopped; ``only`` regrades one student whatever the gradebook says.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading import sandbox
from asylum_teach.grading.extraction import new_nonce
from asylum_teach.grading.feedback import feedback_notebook, write_feedback
from asylum_teach.grading.gradebook import FILENAME, Gradebook
from asylum_teach.grading.rebuild import exercise_id_of, read_master, read_submission, rebuild
from asylum_teach.grading.runner import Limits, Runner, run_notebook
from asylum_teach.grading.scoring import QuestionResult, score
from asylum_teach.grading.spec import ExerciseSpec, get_spec

GRADES_CSV = "grades.csv"
CANVAS_CSV = "canvas.csv"
FEEDBACK_DIR = "feedback"


@dataclass
class BatchReport:
    graded: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    out_dir: Path | None = None
    not_in_canvas: list = field(default_factory=list)


def read_roster(path: Path) -> dict[str, str]:
    """``{file stem: student id}`` from a CSV with columns ``file`` and ``student_id``."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GradingError(f"cannot read roster {path}: {exc.strerror}") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or not {"file", "student_id"} <= set(rows[0]):
        raise GradingError(f"roster {path} needs the columns 'file' and 'student_id'")
    mapping = {}
    for n, row in enumerate(rows, 2):
        stem, sid = (row.get("file") or "").strip(), (row.get("student_id") or "").strip()
        if not stem or not sid:
            raise GradingError(f"roster {path} line {n}: empty file or student_id")
        mapping[Path(stem).stem] = sid
    return mapping


def plan(submissions_dir: Path, roster: dict | None) -> dict[str, Path]:
    """``{student id: submission file}`` for every ``*.ipynb`` in the folder."""
    folder = Path(submissions_dir)
    if not folder.is_dir():
        raise GradingError(f"submissions folder not found: {folder}")
    students: dict[str, Path] = {}
    for path in sorted(folder.glob("*.ipynb")):
        sid = (roster or {}).get(path.stem, path.stem)
        if sid in students:
            raise GradingError(f"two submissions for student {sid!r}: {students[sid].name} and {path.name}")
        students[sid] = path
    return students


def library_fingerprint() -> str:
    """A hash of the package version and its legal data (rules, calendars...): when the law the
    expected answers come from changes, a resumed batch regrades instead of mixing old and new grades."""
    import asylum_teach

    h = hashlib.sha256(asylum_teach.__version__.encode())
    data = Path(asylum_teach.__file__).resolve().parent / "data"
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(data)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _fingerprint(master_bytes: bytes, path: Path, student: str, library: str = "") -> str:
    h = hashlib.sha256()
    h.update(library.encode())
    h.update(master_bytes)
    h.update(b"\0" + student.encode() + b"\0")
    try:
        h.update(path.read_bytes())
    except OSError:
        h.update(b"<unreadable>")
    return h.hexdigest()


def warm_modules(spec: ExerciseSpec) -> tuple[str, ...]:
    """What a grading kernel imports before its notebook arrives: the exercise's module (and with it
    the library its setup cell uses) and the court calendar's holiday tables."""
    return (spec.compute.__module__, "asylum_teach.court_calendar")


def grade_one(spec: ExerciseSpec, master, student: str, path: Path, limits: Limits, runner: Runner | None = None):
    """Grade one submission; returns (status, results, notes, written, sources). Never raises.

    ``runner`` is the worker slot to run it in (one is made for this notebook alone if not given)."""
    sub = read_submission(path, spec)
    if sub.invalid:
        results = [QuestionResult(q.key, 0, q.points, "invalid notebook", sub.invalid) for q in spec.questions]
        return "invalid", results, [sub.invalid], {}, {}
    nonce = new_nonce()
    nb = rebuild(master, sub, spec, student, nonce)
    run = runner.run(nb, nonce) if runner is not None else run_notebook(nb, nonce, limits, warm_modules(spec))
    results = score(spec, student, run.answers, sub.problems)
    notes = [f"{key}: {note}" for key, note in sub.problems.items() if key in {w.key for w in spec.written}]
    keys_by_cell = _answer_cell_keys(nb)
    for index, status, detail in run.cell_notes:
        where = f"answer cell {keys_by_cell[index]}" if index in keys_by_cell else "a setup cell"
        notes.append(f"{where}: {detail}" if index is not None else detail)
    placeholders = {w: _master_text(master, w) for w in sub.written}
    written = {k: (None if v.strip() == placeholders[k].strip() else v) for k, v in sub.written.items()}
    return run.status, results, notes, written, sub.answers


def _master_text(master, key: str) -> str:
    from asylum_teach.grading.spec import WRITTEN_TAG

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


MAX_DEFAULT_WORKERS = 8  # each worker holds two kernels (the running one and the next): ~200 MB


def default_workers() -> int:
    """One worker per usable core: a worker's kernel runs while the next one starts, so the cores stay busy."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def grade_class(exercise: Path, submissions_dir: Path, out_dir: Path, *, workers: int | None = None,
                limits: Limits = Limits(), roster: dict | None = None, only: str | None = None,
                canvas_roster: Path | None = None, progress: bool = True, unsandboxed: bool = False) -> BatchReport:
    """Grade every submission in ``submissions_dir`` into ``out_dir`` (resumable), with ``workers``
    notebooks at a time (default: :func:`default_workers`).

    Refuses when student code would run as the grading user (no sandbox, not root), unless
    ``unsandboxed`` says the submissions are trusted."""
    require_isolation(unsandboxed)
    exercise = Path(exercise)
    master = read_master(exercise)
    spec = get_spec(exercise_id_of(master))
    master_bytes = exercise.read_bytes()
    students = plan(submissions_dir, roster)
    if only is not None:
        if only not in students:
            raise GradingError(f"no submission for student {only!r} in {submissions_dir}")
        students = {only: students[only]}
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise GradingError("--workers must be at least 1")
    out_dir = Path(out_dir)
    book = Gradebook(out_dir / FILENAME)
    previous = book.meta("exercise")
    if previous and previous != spec.exercise_id:
        raise GradingError(f"{out_dir} holds grades for exercise {previous!r}, not {spec.exercise_id!r}")
    book.set_meta(exercise=spec.exercise_id, exercise_path=str(exercise.resolve()))
    report = BatchReport(out_dir=out_dir)
    todo = []
    library = library_fingerprint()
    for student, path in students.items():
        fp = _fingerprint(master_bytes, path, student, library)
        if only is None and book.fingerprint(spec.exercise_id, student) == fp:
            report.skipped.append(student)
        else:
            todo.append((student, path, fp))

    slots: queue.SimpleQueue = queue.SimpleQueue()  # one Runner per worker: its kernel and the next one
    runners = [Runner(limits, warm_modules(spec)) for _ in range(min(workers, len(todo)))]
    for runner in runners:
        slots.put(runner)

    stop = threading.Event()  # Ctrl-C: nothing more is recorded; the resumed batch grades the rest

    def work(student, path, fp):
        if stop.is_set():
            return student, None
        runner = slots.get()
        try:
            status, results, notes, written, sources = grade_one(spec, master, student, path, limits, runner)
        except Exception as exc:  # one bad submission never stops the batch
            status = "grader-error"
            results = [QuestionResult(q.key, 0, q.points, "not graded", "grading failed") for q in spec.questions]
            notes, written, sources = [f"grading failed: {type(exc).__name__}: {exc}"[:300]], {}, {}
        finally:
            slots.put(runner)
        if stop.is_set():  # its kernel was killed under it: not a grade
            return student, None
        render_feedback(book, spec, student, status, results, notes, written, sources, out_dir)
        book.record(spec.exercise_id, student, fp, path.name, status, results, notes, written, sources)
        return student, status

    bar = _progress(len(todo), progress)
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(work, *job) for job in todo]
        for future in as_completed(futures):
            student, status = future.result()
            (report.failed if status in ("grader-error",) else report.graded).append(student)
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
    write_grades_csv(book, spec, out_dir)
    if canvas_roster is not None:
        report.not_in_canvas = write_canvas_csv(book, spec, Path(canvas_roster), out_dir / CANVAS_CSV)
    book.close()
    return report


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="nb", disable=not enabled or total == 0, dynamic_ncols=True)


def render_feedback(book, spec, student, status, results, notes, written, sources, out_dir) -> Path:
    rubric = book.rubric(spec.exercise_id, student)
    nb = feedback_notebook(spec, student, status, results, notes, sources, written, rubric)
    path = out_dir / FEEDBACK_DIR / f"{_safe_name(student)}.html"
    write_feedback(path, nb)
    return path


def _safe_name(student: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in student).lstrip(".")
    return cleaned or "student"


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


def rows(book: Gradebook, spec: ExerciseSpec) -> list[dict]:
    """One dict per graded student: totals (auto + rubric), status and every question's points."""
    out = []
    for student in book.students(spec.exercise_id):
        sub = book.submission(spec.exercise_id, student)
        answers = book.answers(spec.exercise_id, student)
        rubric = book.rubric(spec.exercise_id, student)
        row = {"student": student,
               "score": sub["auto_score"] + sum(p for p, _ in rubric.values()),
               "max_score": spec.max_score, "status": sub["status"]}
        for q in spec.questions:
            row[q.key] = answers.get(q.key, {}).get("points", 0)
        for w in spec.written:
            row[w.key] = rubric[w.key][0] if w.key in rubric else ""
        out.append(row)
    return out


def write_grades_csv(book: Gradebook, spec: ExerciseSpec, out_dir: Path) -> Path:
    buf = io.StringIO()
    fields = ["student", "score", "max_score", "status", *spec.keys, *(w.key for w in spec.written)]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows(book, spec):
        writer.writerow({k: (f"{v:g}" if isinstance(v, float) else _no_formula(v)) for k, v in row.items()})
    path = out_dir / GRADES_CSV
    _atomic_write(path, buf.getvalue())
    return path


def _no_formula(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection).

    >>> _no_formula("=HYPERLINK(1)"), _no_formula("ada")
    ("'=HYPERLINK(1)", 'ada')
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


CANVAS_ID_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def write_canvas_csv(book: Gradebook, spec: ExerciseSpec, roster: Path, path: Path) -> list[str]:
    """Canvas gradebook-import CSV from a Canvas gradebook export ``roster``; returns unmatched ids."""
    try:
        text = roster.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GradingError(f"cannot read Canvas roster {roster}: {exc.strerror}") from None
    reader = list(csv.DictReader(io.StringIO(text)))
    if not reader or not set(CANVAS_ID_COLUMNS[:2]) <= set(reader[0]):
        raise GradingError(f"{roster} is not a Canvas gradebook export (needs columns {', '.join(CANVAS_ID_COLUMNS)})")
    scores = {r["student"]: r["score"] for r in rows(book, spec)}
    lowered = {k.casefold(): k for k in scores}
    column = f"{spec.title} ({spec.exercise_id})"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*CANVAS_ID_COLUMNS, column])
    writer.writerow(["    Points Possible", "", "", "", "", f"{spec.max_score:g}"])
    matched = set()
    for entry in reader:
        if (entry.get("Student") or "").strip() == "Points Possible":
            continue
        ident = [entry.get(c, "") for c in CANVAS_ID_COLUMNS]
        key = next((lowered[v.strip().casefold()] for v in (entry.get("SIS Login ID", ""), entry.get("SIS User ID", ""),
                                                             entry.get("ID", ""), entry.get("Student", ""))
                    if v and v.strip().casefold() in lowered), None)
        value = "" if key is None else f"{scores[key]:g}"
        if key is not None:
            matched.add(key)
        writer.writerow([*ident, value])
    _atomic_write(path, buf.getvalue())
    return sorted(set(scores) - matched)


def describe_sandbox() -> str:
    return sandbox.describe()


def require_isolation(unsandboxed: bool = False) -> None:
    """Raise unless student code will be kept from the grader's files, or ``unsandboxed`` accepts the risk."""
    if sandbox.isolation() is None and not unsandboxed:
        raise GradingError(sandbox.REFUSAL)
