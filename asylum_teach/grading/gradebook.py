"""The gradebook: one SQLite file (WAL) per grading output folder.

Each student's autograde result is written in one transaction (answers, written text, totals), so a
batch killed at any moment leaves every student either fully recorded or not at all, and a resumed
batch skips exactly the students whose recorded *fingerprint* (submission, exercise master, student id)
still matches. Manual rubric scores live in their own table that autograding never writes, so
re-running autograde never erases them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from asylum_teach.exceptions import GradingError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    exercise TEXT NOT NULL, student TEXT NOT NULL, fingerprint TEXT NOT NULL, source_file TEXT NOT NULL,
    status TEXT NOT NULL, auto_score REAL NOT NULL, auto_max REAL NOT NULL, notes TEXT NOT NULL,
    PRIMARY KEY (exercise, student));
CREATE TABLE IF NOT EXISTS answers (
    exercise TEXT NOT NULL, student TEXT NOT NULL, question TEXT NOT NULL, points REAL NOT NULL,
    max_points REAL NOT NULL, verdict TEXT NOT NULL, note TEXT NOT NULL, review TEXT NOT NULL,
    source TEXT, PRIMARY KEY (exercise, student, question));
CREATE TABLE IF NOT EXISTS written (
    exercise TEXT NOT NULL, student TEXT NOT NULL, question TEXT NOT NULL, text TEXT,
    PRIMARY KEY (exercise, student, question));
CREATE TABLE IF NOT EXISTS rubric_scores (
    exercise TEXT NOT NULL, student TEXT NOT NULL, question TEXT NOT NULL, points REAL NOT NULL,
    max_points REAL NOT NULL, comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (exercise, student, question));
"""

FILENAME = "gradebook.sqlite"


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
        except sqlite3.DatabaseError as exc:
            raise GradingError(f"cannot open the gradebook {self.path}: {exc}") from None
        self._lock = threading.Lock()

    @classmethod
    def open_existing(cls, out_dir: Path) -> "Gradebook":
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

    def record(self, exercise: str, student: str, fingerprint: str, source_file: str, status: str,
               results, notes: list[str], written: dict, sources: dict) -> None:
        """Replace this student's autograde result in one transaction (rubric scores untouched)."""
        key = (exercise, student)
        statements = [("DELETE FROM answers WHERE exercise = ? AND student = ?", key),
                      ("DELETE FROM written WHERE exercise = ? AND student = ?", key)]
        for r in results:
            statements.append(("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (*key, r.key, r.points, r.max_points, r.verdict, r.note, r.review,
                                sources.get(r.key))))
        for q, text in written.items():
            statements.append(("INSERT INTO written VALUES (?, ?, ?, ?)", (*key, q, text)))
        statements.append(("INSERT OR REPLACE INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (*key, fingerprint, source_file, status, sum(r.points for r in results),
                            sum(r.max_points for r in results), json.dumps(notes))))
        self._tx(statements)

    # ---------------------------------------------------------------- rubric
    def set_rubric(self, exercise: str, student: str, question: str, points: float, max_points: float,
                   comment: str = "") -> None:
        if not 0 <= points <= max_points:
            raise GradingError(f"rubric points must be between 0 and {max_points:g}, got {points:g}")
        self._tx([("INSERT OR REPLACE INTO rubric_scores VALUES (?, ?, ?, ?, ?, ?)",
                   (exercise, student, question, points, max_points, comment))])

    def rubric(self, exercise: str, student: str) -> dict:
        rows = self._query("SELECT question, points, comment FROM rubric_scores WHERE exercise = ? AND student = ?",
                           (exercise, student))
        return {q: (p, c) for q, p, c in rows}

    # ---------------------------------------------------------------- reading
    def students(self, exercise: str) -> list[str]:
        return [r[0] for r in self._query("SELECT student FROM submissions WHERE exercise = ? ORDER BY student",
                                          (exercise,))]

    def submission(self, exercise: str, student: str) -> dict | None:
        rows = self._query("SELECT status, auto_score, auto_max, notes, source_file FROM submissions "
                           "WHERE exercise = ? AND student = ?", (exercise, student))
        if not rows:
            return None
        status, score, maximum, notes, source = rows[0]
        return {"status": status, "auto_score": score, "auto_max": maximum, "notes": json.loads(notes),
                "source_file": source}

    def answers(self, exercise: str, student: str) -> dict:
        rows = self._query("SELECT question, points, max_points, verdict, note, review, source FROM answers "
                           "WHERE exercise = ? AND student = ?", (exercise, student))
        return {r[0]: dict(zip(("points", "max_points", "verdict", "note", "review", "source"), r[1:]))
                for r in rows}

    def written(self, exercise: str, student: str) -> dict:
        rows = self._query("SELECT question, text FROM written WHERE exercise = ? AND student = ?",
                           (exercise, student))
        return dict(rows)

    def counts(self) -> dict:
        return {t: self._query(f"SELECT COUNT(*) FROM {t}")[0][0]
                for t in ("submissions", "answers", "written", "rubric_scores")}
