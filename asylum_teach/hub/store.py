"""Where the submission service keeps submissions, due dates and returned feedback.

SQLite for the records, and content-addressed files (``blobs/ab/abcdef...``, named by SHA-256) for
the notebooks and feedback pages. Every query is in this module and uses only portable SQL, so a
school that outgrows one file can move the records to Postgres by replacing :class:`Store` alone.

Nothing is ever overwritten or deleted: every submission is kept with its time (the latest one is
the one collected), and a re-returned feedback page points at a new blob. Whether a submission is
late is worked out when it is read, against the due date in force then, so an instructor who moves a
due date moves every flag with it. Times are passed in (``now``): the service reads the clock, this
module never does.

>>> import tempfile; from datetime import datetime, timezone
>>> s = Store(tempfile.mkdtemp())
>>> due = datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)
>>> s.set_due("deadlines", due)
>>> _ = s.add_submission("ada", "deadlines", b"{}", datetime(2026, 12, 1, 16, 59, tzinfo=timezone.utc))
>>> _ = s.add_submission("bob", "deadlines", b"{}", datetime(2026, 12, 1, 17, 1, tzinfo=timezone.utc))
>>> [(r.user, r.late) for r in s.latest("deadlines")]
[('ada', False), ('bob', True)]
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from asylum_teach.exceptions import HubError
from asylum_teach.hub.names import blob_name, exercise_id, username

SCHEMA = """
CREATE TABLE IF NOT EXISTS exercises (
    exercise TEXT PRIMARY KEY,
    due_at TEXT
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    exercise TEXT NOT NULL,
    username TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_user ON submissions (username, exercise);
CREATE INDEX IF NOT EXISTS submissions_by_exercise ON submissions (exercise, username);
CREATE TABLE IF NOT EXISTS feedback (
    exercise TEXT NOT NULL,
    username TEXT NOT NULL,
    returned_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (exercise, username)
);
"""


@dataclass(frozen=True)
class Submission:
    id: int
    exercise: str
    user: str
    submitted_at: datetime
    sha256: str
    size: int
    due_at: datetime | None

    @property
    def late(self) -> bool:
        return self.due_at is not None and self.submitted_at > self.due_at

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "user": self.user, "submitted_at": iso(self.submitted_at),
                "due_at": iso(self.due_at) if self.due_at else None, "late": self.late,
                "sha256": self.sha256, "size": self.size}


def iso(moment: datetime) -> str:
    """UTC, to the second, as stored: ``2026-12-01T17:00:00+00:00``."""
    return aware(moment).astimezone(UTC).isoformat(timespec="seconds")


def aware(moment: datetime) -> datetime:
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise HubError(f"a time needs its time zone: {moment!r}")
    return moment


def _read_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Store:
    """Submissions and feedback under ``root`` (created if missing)."""

    def __init__(self, root):
        self.root = Path(root)
        (self.root / "blobs").mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.root / "submissions.sqlite", isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    # ---------------------------------------------------------------- files
    def _blob_path(self, digest: str) -> Path:
        return self.root / "blobs" / digest[:2] / digest

    def _put_blob(self, data: bytes) -> str:
        digest = blob_name(data)
        path = self._blob_path(digest)
        if path.exists():
            return digest
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f".{digest}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "xb") as fh:  # never follows or reuses a file someone left there
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return digest

    def read_blob(self, digest: str) -> bytes:
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise HubError("not a content address")
        return self._blob_path(digest).read_bytes()

    # ---------------------------------------------------------------- exercises
    def set_due(self, exercise: str, due_at: datetime | None) -> None:
        """Set (or with None, clear) the due date of ``exercise``."""
        value = iso(due_at) if due_at is not None else None
        with self._lock:
            self._db.execute("INSERT INTO exercises (exercise, due_at) VALUES (?, ?) "
                             "ON CONFLICT (exercise) DO UPDATE SET due_at = excluded.due_at",
                             (exercise_id(exercise), value))

    def due(self, exercise: str) -> datetime | None:
        row = self._db.execute("SELECT due_at FROM exercises WHERE exercise = ?", (exercise_id(exercise),)).fetchone()
        return _read_time(row[0]) if row else None

    # ---------------------------------------------------------------- submissions
    def add_submission(self, user: str, exercise: str, data: bytes, now: datetime) -> Submission:
        """Keep ``data`` as ``user``'s submission of ``exercise`` at ``now``; earlier ones stay."""
        user, exercise = username(user), exercise_id(exercise)
        digest = self._put_blob(data)
        with self._lock:
            cur = self._db.execute("INSERT INTO submissions (exercise, username, submitted_at, sha256, size) "
                                   "VALUES (?, ?, ?, ?, ?)", (exercise, user, iso(now), digest, len(data)))
            row_id = cur.lastrowid
        return self._submission(self._db.execute(_SELECT + " WHERE s.id = ?", (row_id,)).fetchone())

    def submissions_of(self, user: str) -> list[Submission]:
        """Every submission ``user`` made, oldest first."""
        rows = self._db.execute(_SELECT + " WHERE s.username = ? ORDER BY s.id", (username(user),))
        return [self._submission(r) for r in rows]

    def latest(self, exercise: str) -> list[Submission]:
        """Each user's latest submission of ``exercise``, by username."""
        rows = self._db.execute(_SELECT + " WHERE s.id IN (SELECT MAX(id) FROM submissions WHERE exercise = ? "
                                "GROUP BY username) ORDER BY s.username", (exercise_id(exercise),))
        return [self._submission(r) for r in rows]

    def exercises(self) -> dict[str, dict]:
        """``{exercise: {"due_at", "students", "submissions", "returned"}}`` for every exercise known here."""
        out: dict[str, dict] = {}
        for ex, due in self._db.execute("SELECT exercise, due_at FROM exercises"):
            out[ex] = {"due_at": due, "students": 0, "submissions": 0, "returned": 0}
        for ex, students, count in self._db.execute(
                "SELECT exercise, COUNT(DISTINCT username), COUNT(*) FROM submissions GROUP BY exercise"):
            out.setdefault(ex, {"due_at": None, "returned": 0}).update(students=students, submissions=count)
        for ex, count in self._db.execute("SELECT exercise, COUNT(*) FROM feedback GROUP BY exercise"):
            out.setdefault(ex, {"due_at": None, "students": 0, "submissions": 0})["returned"] = count
        return dict(sorted(out.items()))

    def _submission(self, row) -> Submission:
        sid, ex, user, at, digest, size, due = row
        return Submission(sid, ex, user, _read_time(at), digest, size, _read_time(due))

    # ---------------------------------------------------------------- feedback
    def put_feedback(self, user: str, exercise: str, page: bytes, now: datetime) -> None:
        """Return ``page`` to ``user`` for ``exercise`` (only to a user who submitted it)."""
        user, exercise = username(user), exercise_id(exercise)
        if not self._db.execute("SELECT 1 FROM submissions WHERE username = ? AND exercise = ? LIMIT 1",
                                (user, exercise)).fetchone():
            raise HubError(f"{user!r} never submitted {exercise!r}: no feedback to return")
        digest = self._put_blob(page)
        with self._lock:
            self._db.execute("INSERT INTO feedback (exercise, username, returned_at, sha256) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (exercise, username) DO UPDATE SET returned_at = excluded.returned_at, "
                             "sha256 = excluded.sha256", (exercise, user, iso(now), digest))

    def feedback(self, user: str, exercise: str) -> tuple[datetime, bytes] | None:
        """``(returned_at, page)`` of ``user``'s feedback for ``exercise``, or None."""
        row = self._db.execute("SELECT returned_at, sha256 FROM feedback WHERE username = ? AND exercise = ?",
                               (username(user), exercise_id(exercise))).fetchone()
        return (_read_time(row[0]), self.read_blob(row[1])) if row else None

    def feedback_of(self, user: str) -> dict[str, datetime]:
        """``{exercise: returned_at}`` for every feedback page returned to ``user``."""
        rows = self._db.execute("SELECT exercise, returned_at FROM feedback WHERE username = ?", (username(user),))
        return {ex: _read_time(at) for ex, at in rows}


_SELECT = ("SELECT s.id, s.exercise, s.username, s.submitted_at, s.sha256, s.size, e.due_at "
           "FROM submissions s LEFT JOIN exercises e ON e.exercise = s.exercise")
