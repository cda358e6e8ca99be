"""A collected exercise as a folder the grader reads, and the feedback pages the grader writes back.

``collect`` writes::

    FOLDER/submissions/u1a2b....ipynb   one per student: the latest submission, named by a hash of the login
    FOLDER/roster.csv                   file,student_id: which hash is which hub user (the grader's --roster)
    FOLDER/submissions.csv              student,submitted_at,due_at,late,sha256: for the instructor

so ``asylum-teach grade EXERCISE FOLDER/submissions --out FOLDER/graded --roster FOLDER/roster.csv``
grades every student under their hub username, which also seeds their variant. Nothing a student
chose (a file name, a ``student_id`` in the notebook) names a file or a student here.

``feedback_pages`` finds, for each user in the roster, the page the grader wrote, as the grader's own
``graded/grades.csv`` names it (its ``feedback`` column): the hub never guesses the grader's file
names. A page is returned only if it is a regular file inside ``graded/feedback`` that one user alone
owns.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from asylum_teach.exceptions import HubError
from asylum_teach.hub.names import user_file, username
from asylum_teach.safetext import csv_cell

SUBMISSIONS = "submissions"
ROSTER = "roster.csv"
MANIFEST = "submissions.csv"
GRADED = "graded"


def _atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "xb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _csv(rows: list[list]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_collection(folder: Path, records: list[dict]) -> Path:
    """Write ``records`` (dicts with user, notebook bytes, submitted_at, due_at, late, sha256) into
    ``folder``; returns the submissions folder. Refuses a folder that already holds a collection."""
    folder = Path(folder)
    subs = folder / SUBMISSIONS
    try:
        subs.mkdir(parents=True)
    except FileExistsError:
        raise HubError(f"{subs} already exists: collect into a new folder") from None
    roster = [["file", "student_id"]]
    manifest = [["student", "submitted_at", "due_at", "late", "sha256"]]
    for rec in sorted(records, key=lambda r: r["user"]):
        stem = user_file(rec["user"])
        _atomic(subs / f"{stem}.ipynb", rec["notebook"])
        roster.append([f"{stem}.ipynb", rec["user"]])
        manifest.append([csv_cell(rec["user"]), rec["submitted_at"], rec.get("due_at") or "",
                         "late" if rec["late"] else "", rec["sha256"]])
    _atomic(folder / ROSTER, _csv(roster))
    _atomic(folder / MANIFEST, _csv(manifest))
    return subs


def read_roster(folder: Path) -> list[str]:
    """The hub usernames in ``folder/roster.csv``."""
    path = Path(folder) / ROSTER
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    except OSError as exc:
        raise HubError(f"cannot read {path}: {exc.strerror}") from None
    if rows and not {"file", "student_id"} <= set(rows[0]):
        raise HubError(f"{path} is not a collection roster (columns file,student_id)")
    return [username(r["student_id"]) for r in rows]


def _graded_rows(graded: Path) -> dict[str, str]:
    """``{student: feedback path}`` from the grader's ``grades.csv`` (its ``student`` and ``feedback`` columns)."""
    path = Path(graded) / "grades.csv"
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    except OSError as exc:
        raise HubError(f"cannot read {path}: {exc.strerror}; grade the collection first") from None
    if rows and not {"student", "feedback"} <= set(rows[0]):
        raise HubError(f"{path} has no student and feedback columns: grade with this version of asylum-teach")
    out: dict[str, str] = {}
    for row in rows:
        student = row["student"].lstrip("'")  # the grader neutralises spreadsheet formulas with a quote
        out[student] = "" if student in out else row["feedback"]  # named twice: it belongs to nobody
    return out


def feedback_pages(graded: Path, users: list[str]) -> tuple[dict[str, Path], list[str]]:
    """``({user: page}, problems)``: the feedback page the grader wrote for each of these users."""
    graded = Path(graded)
    folder = (graded / "feedback").resolve()
    named = _graded_rows(graded)
    owners: dict[Path, list[str]] = {}
    pages, problems = {}, []
    for user in users:
        rel = named.get(user)
        if not rel:
            problems.append(f"no feedback page for {user!r} in {graded / 'grades.csv'}")
            continue
        path = graded / rel
        if path.is_symlink() or not path.is_file() or path.resolve().parent != folder:
            problems.append(f"the feedback page for {user!r} ({rel}) is not a page in {folder}: not returned")
            continue
        owners.setdefault(path.resolve(), []).append(user)
    for path, users_of in owners.items():
        if len(users_of) > 1:
            problems.append(f"users {', '.join(map(repr, users_of))} share the feedback page {path.name}: none returned")
        else:
            pages[users_of[0]] = path
    return pages, problems

