"""The gradebook: one SQLite file (WAL) per grading output folder.

Each student's autograde result (a :class:`~asylum_teach.grading.records.GradedSubmission`) is written
in one transaction, so a batch killed at any moment leaves every student either fully recorded or not
at all, and a resumed batch skips exactly the students whose recorded *fingerprint* still matches.
Rubric marks (one row per criterion of a written question, with its comment, plus the question's
comment) live in their own tables that autograding never writes, so re-running autograde never erases
them. Reading a student back gives the same record that was written, so feedback can be rendered
again (after a rubric mark) without re-scoring anything.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.records import GradedSubmission, Status
from asylum_teach.grading.scoring import QuestionResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    exercise TEXT NOT NULL, student TEXT NOT NULL, fingerprint TEXT NOT NULL, source_file TEXT NOT NULL,
    status TEXT NOT NULL, auto_score REAL NOT NULL, auto_max REAL NOT NULL, notes TEXT NOT NULL,
    PRIMARY KEY (exercise, student));
CREATE TABLE IF NOT EXISTS answers (
    exercise TEXT NOT NULL, student TEXT NOT NULL, question TEXT NOT NULL, points REAL NOT NULL,
    max_points REAL NOT NULL, verdict TEXT NOT NULL, note TEXT NOT NULL, review TEXT NOT NULL,
    source TEXT, position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (exercise, student, question));
CREATE TABLE IF NOT EXISTS written (
    exercise TEXT NOT NULL, student TEXT NOT NULL, question TEXT NOT NULL, text TEXT,
    PRIMARY KEY (exercise, student, question));
CREATE TABLE IF NOT EXISTS rubric_scores (
    exercise TEXT NOT NULL, student TEXT NOT NULL, question TEXT NOT NULL, points REAL NOT NULL,
    max_points REAL NOT NULL, comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (exercise, student, question));
CREATE TABLE IF NOT EXISTS rubric_criteria (
    exercise TEXT NOT NULL, student TEXT NOT NULL, question TEXT NOT NULL, criterion INTEGER NOT NULL,
    points REAL NOT NULL, max_points REAL NOT NULL, comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (exercise, student, question, criterion));
"""

FILENAME = "gradebook.sqlite"


@dataclass(frozen=True)
class RubricMark:
    """An instructor's mark for one written question: per criterion ``(points, max, comment)``."""

    points: float
    max_points: float
    comment: str
    criteria: tuple = ()


class Gradebook:
    """A thread-safe handle on ``OUT_DIR/gradebook.sqlite``."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False,
                                       isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(answers)")}
            if "position" not in columns:  # a gradebook written before answers kept their order
                self._db.execute("ALTER TABLE answers ADD COLUMN position INTEGER NOT NULL DEFAULT 0")
        except (sqlite3.DatabaseError, OSError) as exc:
            raise GradingError(f"cannot open the gradebook {self.path}: {exc}") from None
        self._lock = threading.Lock()

    @classmethod
    def open_existing(cls, out_dir: Path) -> Gradebook:
        path = Path(out_dir) / FILENAME
        if not path.is_file():
            raise GradingError(f"no gradebook in {out_dir} (run 'asylum-teach grade' first)")
        return cls(path)

    def close(self) -> None:
        self._db.close()

    def _tx(self, statements):
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                for sql, params in statements:
                    self._db.execute(sql, params)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _query(self, sql, params=()):
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # ---------------------------------------------------------------- meta
    def set_meta(self, **values) -> None:
        self._tx([("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, str(v))) for k, v in values.items()])

    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    # ---------------------------------------------------------------- autograde
    def fingerprint(self, exercise: str, student: str) -> str | None:
        rows = self._query("SELECT fingerprint FROM submissions WHERE exercise = ? AND student = ?",
                           (exercise, student))
        return rows[0][0] if rows else None

    def record(self, exercise: str, graded: GradedSubmission) -> None:
        """Replace this student's autograde result in one transaction (rubric marks untouched)."""
        key = (exercise, graded.student)
        statements: list[tuple[str, tuple]] = [("DELETE FROM answers WHERE exercise = ? AND student = ?", key),
                      ("DELETE FROM written WHERE exercise = ? AND student = ?", key)]
        for position, r in enumerate(graded.results):
            statements.append(("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (*key, r.key, r.points, r.max_points, r.verdict, r.note, r.review,
                                graded.sources.get(r.key), position)))
        for q, text in graded.written.items():
            statements.append(("INSERT INTO written VALUES (?, ?, ?, ?)", (*key, q, text)))
        statements.append(("INSERT OR REPLACE INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (*key, graded.fingerprint, graded.source_file, graded.status.value, graded.auto_score,
                            graded.auto_max, json.dumps(list(graded.notes)))))
        self._tx(statements)

    def recorded(self, exercise: str, student: str) -> GradedSubmission:
        """The record of a student the gradebook lists (``students()``); a missing one is an error."""
        graded = self.graded(exercise, student)
        if graded is None:
            raise GradingError(f"the gradebook has no record for {student!r} in {exercise!r}")
        return graded

    def graded(self, exercise: str, student: str) -> GradedSubmission | None:
        """The record last written for ``student``, or None."""
        rows = self._query("SELECT fingerprint, source_file, status, notes FROM submissions "
                           "WHERE exercise = ? AND student = ?", (exercise, student))
        if not rows:
            return None
        fingerprint, source_file, status, notes = rows[0]
        answers = self._query("SELECT question, points, max_points, verdict, note, review, source FROM answers "
                              "WHERE exercise = ? AND student = ? ORDER BY position, question", (exercise, student))
        results = tuple(QuestionResult(q, p, m, v, n, r) for q, p, m, v, n, r, _ in answers)
        sources = {q: s for q, *_, s in answers if s}
        written = dict(self._query("SELECT question, text FROM written WHERE exercise = ? AND student = ?",
                                   (exercise, student)))
        return GradedSubmission(student, source_file, Status(status), results, tuple(json.loads(notes)), written,
                                sources, fingerprint)

    def students(self, exercise: str) -> list[str]:
        return [r[0] for r in self._query("SELECT student FROM submissions WHERE exercise = ? ORDER BY student",
                                          (exercise,))]

    # ---------------------------------------------------------------- rubric
    def set_rubric(self, exercise: str, student: str, question: str, marks: list[tuple[float, float, str]],
                   comment: str = "") -> None:
        """Record one written question's marks, criterion by criterion: ``(points, max, comment)`` each."""
        for n, (points, maximum, _) in enumerate(marks, 1):
            if not 0 <= points <= maximum:
                raise GradingError(f"criterion {n}: points must be between 0 and {maximum:g}, got {points:g}")
        key = (exercise, student, question)
        statements: list[tuple[str, tuple]] = [
            ("DELETE FROM rubric_criteria WHERE exercise = ? AND student = ? AND question = ?", key)]
        statements += [("INSERT INTO rubric_criteria VALUES (?, ?, ?, ?, ?, ?, ?)", (*key, n, p, m, c))
                       for n, (p, m, c) in enumerate(marks, 1)]
        statements.append(("INSERT OR REPLACE INTO rubric_scores VALUES (?, ?, ?, ?, ?, ?)",
                           (*key, sum(p for p, _, _ in marks), sum(m for _, m, _ in marks), comment)))
        self._tx(statements)

    def rubric(self, exercise: str, student: str) -> dict[str, RubricMark]:
        """``{written question: RubricMark}`` for the questions marked so far."""
        rows = self._query("SELECT question, points, max_points, comment FROM rubric_scores "
                           "WHERE exercise = ? AND student = ?", (exercise, student))
        criteria: dict[str, list] = {}
        for q, _, p, m, c in self._query("SELECT question, criterion, points, max_points, comment FROM rubric_criteria "
                                         "WHERE exercise = ? AND student = ? ORDER BY question, criterion",
                                         (exercise, student)):
            criteria.setdefault(q, []).append((p, m, c))
        return {q: RubricMark(p, m, c, tuple(criteria.get(q, ()))) for q, p, m, c in rows}
