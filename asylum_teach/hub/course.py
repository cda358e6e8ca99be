r"""The course reaches a student: copied into their folder when their server starts, never over their work.

Runs as the student (from :mod:`singleuser`, before the notebook server starts), so it can only touch
what the student can, and a symlink the student planted cannot send a privileged write elsewhere.
A file that already exists (or any symlink) is left alone: a student's edited notebook is never
replaced, and a notebook they deleted comes back on the next start as a fresh copy.

Each exercise notebook is made the student's own on the way: its ``parameters`` cell gets the
student's hub login as ``student_id`` (the id the grader uses for them, so the self-check and the
grade are about the same client), and a *submit* cell follows the self-check cell.

>>> nb = {"metadata": {"asylum_teach": {"exercise": "deadlines"}}, "cells": [
...     {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": 'student_id = "demo"\nas_of = "2026-09-01"'},
...     {"cell_type": "code", "metadata": {"tags": ["selfcheck"]}, "source": "check()"}]}
>>> out = personalise(nb, "o'brien")
>>> print(out["cells"][0]["source"].splitlines()[0]); print(out["cells"][-1]["metadata"]["tags"])
student_id = "o'brien"
['submit']

The copy reads and writes notebooks as plain JSON: a student's server starts without importing
nbformat (whose schema validation costs seconds of CPU, paid by every spawn of a class at once).
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

SUBMIT_TAG = "submit"
SKIP = {".ipynb_checkpoints", "__pycache__"}


def personalise(nb: dict, user: str) -> dict:
    """``nb`` (an exercise notebook as JSON) with the student's id and a submit cell."""
    ex = nb.get("metadata", {}).get("asylum_teach", {}).get("exercise")
    if not ex:
        return nb
    cells = nb["cells"]
    for cell in cells:
        if "parameters" in _tags(cell) and cell.get("cell_type") == "code":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = re.sub(r"(?m)^student_id\s*=.*$", lambda _: f"student_id = {_py_string(user)}", source)
    if any(SUBMIT_TAG in _tags(c) for c in cells):
        return nb
    where = next((i + 1 for i, c in enumerate(cells) if "selfcheck" in _tags(c)), len(cells))
    cells[where:where] = [
        {"cell_type": "markdown", "id": f"{SUBMIT_TAG}-0", "metadata": {},
         "source": "### Submit\nSave the notebook (Ctrl+S), then run this cell. It sends the saved notebook to your "
                   "instructor under your hub login; you may submit again until the due date, and the latest one "
                   "is graded."},
        {"cell_type": "code", "id": f"{SUBMIT_TAG}-1", "metadata": {"tags": [SUBMIT_TAG]}, "execution_count": None,
         "outputs": [], "source": f"from asylum_teach.hub import submit\n\nsubmit({ex!r})"},
    ]
    return nb


def _tags(cell) -> list:
    tags = cell.get("metadata", {}).get("tags", [])
    return tags if isinstance(tags, list) else []


def _py_string(text: str) -> str:
    """A Python string literal for ``text`` that never ends the line early."""
    return json.dumps(text)  # ASCII only: every other character (and any line separator) as an escape


def _write_new(path: Path, data: bytes) -> bool:
    """Create ``path`` with ``data`` unless anything (file, folder, symlink) is there already."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENOTDIR):
            return False
        raise
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return True


def install_course(source: Path, dest: Path, user: str) -> list[Path]:
    """Copy every file of ``source`` missing from ``dest``; returns the files written."""
    source, dest = Path(source), Path(dest)
    written = []
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith("."))
        rel = Path(folder).relative_to(source)
        target_dir = dest / rel
        if target_dir.is_symlink() or (target_dir.exists() and not target_dir.is_dir()):
            dirs[:] = []
            continue
        target_dir.mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            target = target_dir / name
            if name.startswith(".") or target.exists() or target.is_symlink():
                continue
            data = (Path(folder) / name).read_bytes()
            if name.endswith(".ipynb"):
                nb = json.loads(data)
                if nb.get("metadata", {}).get("asylum_teach", {}).get("exercise"):
                    data = (json.dumps(personalise(nb, user), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
            if _write_new(target, data):
                written.append(target)
    return written
