"""Intake: which files in a submissions folder are graded, as which student, and reading them safely.

A submissions folder comes from students, through an LMS or a shared drive, so nothing in it is
trusted, not even what kind of file an entry is:

* only **regular files** are read. A symbolic link is refused with a note (it could point at the
  solutions or at another student's work); so are FIFOs (reading one blocks forever), devices
  (``/dev/zero`` never ends), sockets and folders. Files are opened with ``O_NOFOLLOW | O_NONBLOCK``
  relative to the folder and checked again after opening, so a file swapped for a link in between is
  refused too, and at most ``limit`` + 1 bytes are ever read;
* **names** are checked before they become ids. A name that is not UTF-8, too long, or holds control
  characters gets a safe id of its own (a readable part and a hash of the raw name), with a note;
  ids are compared in Unicode NFC, so two spellings of one name are one student.

>>> student_id_for(b"ada.ipynb"), student_id_for(b"\\xff.ipynb")[0].startswith("x-")
(('ada', None), True)
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.safetext import terminal

SUFFIX = b".ipynb"
MAX_ID = 64  # characters of a file-name id; longer names get a safe id
KINDS = {stat.S_IFLNK: "a symbolic link", stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a device",
         stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


@dataclass(frozen=True)
class Entry:
    """One ``*.ipynb`` entry of the folder, by its raw name; ``kind`` is None for a regular file."""

    raw: bytes
    kind: str | None

    @property
    def name(self) -> str:
        """The name as text, safe to store and print (undecodable bytes and controls escaped)."""
        return terminal(os.fsdecode(self.raw))


@dataclass(frozen=True)
class Read:
    """What reading an entry gave: its bytes, or why it was refused."""

    content: bytes | None
    refused: str | None = None


def scan(folder: Path) -> tuple[list[Entry], list[str]]:
    """The folder's ``*.ipynb`` entries (sorted by raw name) and the names it skips (other files,
    hidden files, checkpoints), for the summary."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"submissions folder not found: {terminal(str(folder))}")
    entries, skipped = [], []
    try:
        with os.scandir(os.fsencode(folder)) as it:
            items = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        raise GradingError(f"cannot list the submissions folder {terminal(str(folder))}: {exc.strerror}") from None
    for item in items:
        raw = item.name
        if raw.startswith(b".") or not raw.endswith(SUFFIX) or raw == SUFFIX:
            skipped.append(terminal(os.fsdecode(raw)))
            continue
        try:
            mode = item.stat(follow_symlinks=False).st_mode
        except OSError:
            mode = 0
        entries.append(Entry(raw, None if stat.S_ISREG(mode) else KINDS.get(stat.S_IFMT(mode), "not a file")))
    return entries, skipped


def read(folder: Path, entry: Entry, limit: int) -> Read:
    """The entry's bytes (at most ``limit``), or why it is refused. Never blocks, never follows a link."""
    if entry.kind is not None:
        return Read(None, _refusal(entry.kind))
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NOCTTY
    try:
        dir_fd = os.open(os.fsencode(folder), os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        return Read(None, f"the folder could not be opened: {exc.strerror}")
    try:
        fd = os.open(entry.raw, flags, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Read(None, _refusal(KINDS[stat.S_IFLNK]))
        return Read(None, f"the file could not be opened: {exc.strerror}")
    finally:
        os.close(dir_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Read(None, _refusal(KINDS.get(stat.S_IFMT(info.st_mode), "not a file")))
        if info.st_size > limit:
            return Read(None, f"the notebook file is too large to grade ({info.st_size} bytes; the limit is {limit})")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            return Read(None, f"the notebook file is too large to grade (more than {limit} bytes)")
        return Read(b"".join(chunks))
    except OSError as exc:
        return Read(None, f"the file could not be read: {exc.strerror}")
    finally:
        os.close(fd)


def _refusal(kind: str) -> str:
    why = {"a symbolic link": "a link could point at the solutions or at another student's notebook",
           "a FIFO (named pipe)": "reading it could wait forever",
           "a device": "it is not a file a student could have saved"}.get(kind, "only regular files are graded")
    return f"refused: the submission is {kind}, not a regular file ({why}); submit the notebook file itself"


def student_id_for(raw: bytes) -> tuple[str, str | None]:
    """The student id a file name gives, and a note when the name could not be used as it is.

    A usable name is UTF-8, printable, at most ``MAX_ID`` characters without ``.ipynb``, and does not start
    or end with a space. Any other name gets ``x-<readable part>-<hash of the raw name>``: collision-free,
    safe in every output, and mapped back to its file in grades.csv."""
    stem = raw[: -len(SUFFIX)] if raw.endswith(SUFFIX) else raw
    problem = None
    try:
        text = unicodedata.normalize("NFC", stem.decode("utf-8"))
    except UnicodeDecodeError:
        text, problem = "", "is not valid UTF-8"
    if problem is None:
        if not text or text != text.strip():
            problem = "is empty or starts or ends with a space"
        elif len(text) > MAX_ID:
            problem = f"is longer than {MAX_ID} characters"
        elif not text.isprintable():
            problem = "holds control or invisible characters"
    if problem is None:
        return text, None
    readable = "".join(c for c in os.fsdecode(stem) if c.isascii() and (c.isalnum() or c in "-_"))[:24]
    safe = f"x-{readable or 'file'}-{hashlib.sha256(raw).hexdigest()[:10]}"
    return safe, f"the file name {terminal(os.fsdecode(raw))!r} {problem}, so it is graded as {safe!r}"
