"""Rosters: who each submission belongs to, and the identity columns the LMS needs back.

Two kinds of roster, told apart by their columns:

* a plain CSV with columns ``file`` and ``student_id`` (a file stem or name, and the id it stands for);
* a **Canvas gradebook export** (columns ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ...,
  then one column per assignment). Each person's *student id*, the id that seeds their variant, is
  their ``SIS Login ID``, else ``SIS User ID``, else the Canvas ``ID`` (or the column named by
  ``id_column``). Canvas's bulk-download names, ``lastfirst_<canvas id>_<submission id>_<name>``
  (with ``LATE_`` before the id for a late one), are recognised: the Canvas id says whose file it is.

Identities are compared exactly after Unicode NFC normalisation: never case-folded, so ``ſam`` is not
``sam``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.safetext import terminal

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section")
CANVAS_REQUIRED = ("Student", "ID")
ID_PREFERENCE = ("SIS Login ID", "SIS User ID", "ID")
POINTS_POSSIBLE = "Points Possible"
# Canvas's own totals, never an assignment
_SUMMARY = re.compile(r"(Current|Final|Unposted Current|Unposted Final) (Score|Points|Grade)$")
_BULK = (re.compile(r"^(?P<who>[^_]*)_(?:LATE_)?(?P<user>\d+)_(?P<submission>\d+)_(?P<file>.+)$", re.IGNORECASE),
         re.compile(r"^(?P<who>[^_]*)_(?:LATE_)?(?P<user>\d+)_(?P<file>.+)$", re.IGNORECASE))
MAX_ROSTER_BYTES = 20 * 1024**2


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


@dataclass(frozen=True)
class Person:
    """One row of a Canvas export: the id that seeds their variant and the row itself."""

    student_id: str
    canvas_id: str
    row: dict = field(default_factory=dict, hash=False, compare=False)

    def ids(self) -> set[str]:
        """Every id a grade may have been recorded under for this person (NFC)."""
        return {nfc(self.row.get(c) or "") for c in ID_PREFERENCE} - {""}


@dataclass
class Roster:
    """A roster read from a file: either ``files`` (plain) or ``people`` (Canvas)."""

    path: Path
    files: dict = field(default_factory=dict)  # plain roster: file stem (NFC) -> student id
    people: list = field(default_factory=list)  # Canvas roster
    header: list = field(default_factory=list)  # Canvas: every column, in order

    @property
    def is_canvas(self) -> bool:
        return bool(self.header)

    def identify(self, stem: str) -> tuple[str | None, str | None]:
        """``(student id, note)`` for the file ``stem``; the id is None when the roster does not know it."""
        stem = nfc(stem)
        if not self.is_canvas:
            return self.files.get(stem, stem), None
        by_canvas = {p.canvas_id: p for p in self.people}
        for pattern in _BULK:
            match = pattern.match(stem)
            if match and match["user"] in by_canvas:
                return by_canvas[match["user"]].student_id, None
        for person in self.people:
            if stem in person.ids():
                return person.student_id, None
        match = next((m for m in (p.match(stem) for p in _BULK) if m), None)
        if match:
            return None, (f"Canvas user {match['user']} (from the file name) is not in the roster "
                          f"{terminal(self.path.name)}: not graded; export the gradebook again and regrade")
        return None, f"the file name matches no one in the Canvas roster {terminal(self.path.name)}: not graded"

    def assignment_columns(self) -> list[str]:
        """The roster's assignment columns (what follows the identity columns, without Canvas's totals)."""
        return [c for c in self.header if c not in CANVAS_IDENTITY and not _SUMMARY.search(c)
                and not c.endswith(("Current Score", "Final Score", "Current Points", "Final Points"))]


def read_roster(path: Path, id_column: str | None = None) -> Roster:
    """Read a plain or Canvas roster; one clear error for anything else."""
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_ROSTER_BYTES + 1]
    except OSError as exc:
        raise GradingError(f"cannot read roster {terminal(str(path))}: {exc.strerror}") from None
    if len(raw) > MAX_ROSTER_BYTES:
        raise GradingError(f"roster {terminal(str(path))} is too large")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GradingError(f"roster {terminal(str(path))} is not UTF-8 text (export it as CSV in UTF-8)") from None
    try:
        reader = csv.DictReader(io.StringIO(text))
        rows = list(reader)
        header = [nfc(h) for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise GradingError(f"roster {terminal(str(path))} is not a readable CSV file: {exc}") from None
    rows = [{nfc(k or ""): (v if isinstance(v, str) else "") for k, v in row.items()} for row in rows]
    if set(CANVAS_REQUIRED) <= set(header):
        return _canvas(path, header, rows, id_column)
    if {"file", "student_id"} <= set(header):
        return _plain(path, rows)
    raise GradingError(f"roster {terminal(str(path))} needs the columns 'file' and 'student_id', or must be a "
                       f"Canvas gradebook export (columns {', '.join(CANVAS_REQUIRED)}, ...)")


def _plain(path: Path, rows: list[dict]) -> Roster:
    files: dict[str, str] = {}
    for n, row in enumerate(rows, 2):
        stem, sid = nfc(row.get("file") or ""), nfc(row.get("student_id") or "")
        if not stem or not sid:
            raise GradingError(f"roster {terminal(str(path))} line {n}: empty file or student_id")
        files[nfc(Path(stem).stem if stem.endswith(".ipynb") else stem)] = sid
    return Roster(path, files=files)


def _canvas(path: Path, header: list[str], rows: list[dict], id_column: str | None) -> Roster:
    if id_column is not None and nfc(id_column) not in header:
        raise GradingError(f"--id-column {terminal(id_column)!r} is not a column of {terminal(str(path))}")
    people: list = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, 2):
        if nfc(row.get("Student") or "") == POINTS_POSSIBLE or not nfc(row.get("ID") or ""):
            continue
        columns = (nfc(id_column),) if id_column else ID_PREFERENCE
        sid = next((nfc(row.get(c) or "") for c in columns if nfc(row.get(c) or "")), "")
        if not sid:
            raise GradingError(f"roster {terminal(str(path))} line {n}: no student id ({' / '.join(columns)} empty)")
        if sid in seen:
            raise GradingError(f"roster {terminal(str(path))}: student id {terminal(sid)!r} is on lines {seen[sid]} "
                               f"and {n}")
        seen[sid] = n
        people.append(Person(sid, nfc(row["ID"]), row))
    return Roster(path, people=people, header=header)
