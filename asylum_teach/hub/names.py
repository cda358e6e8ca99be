"""Names that reach the submission service, checked, and the file names that stand for them.

Nothing a client sends ever becomes a path. An exercise id must look like one
(``deadlines``, ``02-deadlines``), and a user is whatever the hub's login says; on disk both appear
only inside a SHA-256 hash.

>>> exercise_id("deadlines")
'deadlines'
>>> exercise_id("../../etc/passwd")
Traceback (most recent call last):
...
asylum_teach.exceptions.HubError: not an exercise id: '../../etc/passwd' (lower-case letters, digits, '-' and '_', at most 64)
>>> len(user_file("ada")), user_file("ada") == user_file("Ada")
(20, False)
"""

from __future__ import annotations

import hashlib
import re

from asylum_teach.exceptions import HubError

_EXERCISE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
MAX_USER = 255


def exercise_id(text) -> str:
    """``text`` if it is a well-formed exercise id, else :class:`HubError`."""
    if not isinstance(text, str) or not _EXERCISE.fullmatch(text):
        raise HubError(f"not an exercise id: {str(text)[:80]!r} (lower-case letters, digits, '-' and '_', at most 64)")
    return text


def username(text) -> str:
    """A hub username as the service keeps it: any text the hub accepts, without control characters."""
    if not isinstance(text, str) or not text or len(text) > MAX_USER or any(ord(c) < 32 or c == "\x7f" for c in text):
        raise HubError(f"not a hub username: {str(text)[:80]!r}")
    return text


def user_file(user: str) -> str:
    """The file stem that stands for ``user`` in a collected folder: ``u`` + 19 hex digits of SHA-256."""
    return "u" + hashlib.sha256(username(user).encode("utf-8")).hexdigest()[:19]


def blob_name(data: bytes) -> str:
    """The content address of ``data`` (its SHA-256 in hex)."""
    return hashlib.sha256(data).hexdigest()
