r"""Returned feedback reaches the student's own server: ``clinic/feedback/<exercise>.html``.

This runs as the student, never as the service: at server start (:mod:`singleuser`) and on demand
(``asylum-teach feedback``, ``feedback()`` in a notebook). It asks the submission service with the
server's own token (``$JUPYTERHUB_API_TOKEN``), so the service answers with this login's pages only,
and it refuses an answer about any other login than the server's owner (``$JUPYTERHUB_USER``).

The student's folder is theirs, and a student may plant anything in it:

* ``clinic`` and ``clinic/feedback`` are opened without following links; a link at either is
  refused with one message, and nothing is written;
* a page is written to a new temporary file (``O_EXCL | O_NOFOLLOW``) in that folder and then
  hard-linked to its name, which fails rather than replace whatever is there: a file at the name
  that is not this very page (the student's own, an earlier page, a link) is kept, and the page goes
  beside it as ``<exercise>-returned-<UTC time>.html``;
* a page larger than :data:`MAX_PAGE` is refused; exercise ids from the service become file names
  only after :func:`~asylum_teach.hub.names.exercise_id` accepts them.

The page keeps the protection the service serves it with. Its bytes are unchanged, with one line put
in front of its markup (after a leading ``<!DOCTYPE>``): the UTF-8 charset the service declares, and
the service's ``Content-Security-Policy`` as a meta element, less the directives a meta element cannot
carry (``sandbox``, ``frame-ancestors``, ``report-*``). Policies only add up, so nothing later in the
page can loosen it: no script runs in the file either.

>>> print(protect(b"<!DOCTYPE html><p>hi</p>", "sandbox; default-src 'none'").decode())
<!DOCTYPE html>
<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;">
<p>hi</p>
>>> candidates("deadlines", "2026-12-01T17:00:00+00:00")[:2]
['deadlines.html', 'deadlines-returned-20261201T170000Z.html']
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from asylum_teach.exceptions import HubError
from asylum_teach.hub.names import exercise_id

COURSE_FOLDER = "clinic"
FEEDBACK_FOLDER = "feedback"
FOLDER = f"{COURSE_FOLDER}/{FEEDBACK_FOLDER}"  # as the student sees it, from their server's root
MAX_PAGE = 5 * 1024**2
#: when the service sends no policy: the strictest that still shows the grader's styled page
STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
_NOT_IN_META = {"sandbox", "frame-ancestors", "report-uri", "report-to"}
_LEAD = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s*<!doctype[^>]*>)?", re.IGNORECASE)


@dataclass
class Delivery:
    """What one fetch did: pages written, pages already there, and problems (one line each)."""

    written: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a file already at a page's name, kept: one line each
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"new feedback: {p}" for p in self.written] + self.kept
        if self.present and not self.written:
            out.append(f"feedback up to date ({len(self.present)} pages in {FOLDER}/)")
        if not (self.written or self.present or self.problems):
            out.append("no feedback has been returned to you yet")
        return out + [f"warning: {p}" for p in self.problems]


def meta_policy(header: str | None) -> str:
    """The service's ``Content-Security-Policy`` header as a meta element may carry it."""
    kept = [d.strip() for d in (header or "").split(";")
            if d.strip() and d.split()[0].lower() not in _NOT_IN_META]
    return "; ".join(kept) or STRICT_CSP


def protect(page: bytes, header: str | None) -> bytes:
    """``page`` with the charset and policy it was served with in front of its markup."""
    meta = (f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            f'content="{escape(meta_policy(header))}">\n').encode()
    cut = _LEAD.match(page).end()
    return page[:cut] + (b"\n" if cut else b"") + meta + page[cut:]


def candidates(exercise: str, returned_at: str) -> list[str]:
    """The names a page may take, in order: ``<exercise>.html``, then beside it with its time."""
    try:
        stamp = datetime.fromisoformat(returned_at).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    except (TypeError, ValueError):
        raise HubError(f"the service gave no usable return time for {exercise}: {str(returned_at)[:40]!r}") from None
    base = f"{exercise}-returned-{stamp}"
    return [f"{exercise}.html", f"{base}.html", *(f"{base}-{n}.html" for n in range(2, 20))]


def open_feedback_folder(root: Path) -> int:
    """A descriptor of ``root/clinic/feedback`` (made if missing), reached without following a link."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for name, shown in ((COURSE_FOLDER, COURSE_FOLDER), (FEEDBACK_FOLDER, FOLDER)):
            inner = _open_subfolder(fd, name, shown)
            os.close(fd)
            fd = inner
        return fd
    except BaseException:
        os.close(fd)
        raise


def _open_subfolder(parent: int, name: str, shown: str) -> int:
    try:
        os.mkdir(name, 0o755, dir_fd=parent)
    except FileExistsError:
        pass
    try:
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent)
    except OSError as exc:
        try:
            mode = os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode
        except OSError:
            mode = 0
        if stat.S_ISLNK(mode):
            raise HubError(f"{shown} is a symbolic link: returned feedback is written only into a real folder, "
                           f"never through a link. Remove the link (rm {shown}) and fetch again "
                           "(asylum-teach feedback)") from None
        if mode and not stat.S_ISDIR(mode):
            raise HubError(f"{shown} is not a folder: move it away and fetch again (asylum-teach feedback)") from None
        raise HubError(f"cannot open {shown}: {exc.strerror}") from None


def _holds(folder: int, name: str, data: bytes) -> bool | None:
    """Is ``name`` in ``folder`` a regular file holding exactly ``data``? None when nothing is there."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    except FileNotFoundError:
        return None
    except OSError:  # a link, a socket, unreadable: something is there, and it is not our page
        return False
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO or a device: never read it
            return False
        return fh.read(len(data) + 1) == data


def write_new(folder: int, names: list[str], data: bytes) -> tuple[str | None, bool]:
    """Put ``data`` under the first of ``names`` that is free, replacing nothing.

    Returns ``(name, new)``: the name that holds ``data`` (``new`` False when it was there already),
    or ``(None, False)`` when every name is taken by something else."""
    for name in names:
        if _holds(folder, name, data) is True:
            return name, False
    tmp = f".{names[0]}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for name in names:
            try:  # link(2) never replaces: the name is free and now holds the whole page, or it fails
                os.link(tmp, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
                return name, True
            except FileExistsError:
                continue
        return None, False
    finally:
        try:
            os.unlink(tmp, dir_fd=folder)
        except FileNotFoundError:
            pass


def deliver(client, root: Path, owner: str, *, timeout: float = 60) -> Delivery:
    """Fetch every page returned to ``owner`` with ``client`` and write each into ``root/clinic/feedback``."""
    listing = client.mine(timeout=timeout)
    if not isinstance(listing, dict) or listing.get("user") != owner:
        who = listing.get("user") if isinstance(listing, dict) else None
        raise HubError(f"the service answered for {str(who)[:80]!r}, not for this server's owner {owner!r}: "
                       "feedback is fetched only with your own server's token (JUPYTERHUB_API_TOKEN)")
    returned = listing.get("feedback") or {}
    if not isinstance(returned, dict):
        raise HubError("the service's list of returned feedback is not one (expected {exercise: time})")
    result = Delivery()
    if not returned:
        return result
    folder = open_feedback_folder(Path(root))
    try:
        for exercise, returned_at in sorted(returned.items()):
            try:
                names = candidates(exercise_id(exercise), returned_at)
                page, policy = client.feedback_page(exercise, limit=MAX_PAGE, timeout=timeout)
                name, new = write_new(folder, names, protect(page, policy))
            except HubError as exc:
                result.problems.append(f"{str(exercise)[:80]}: {exc}")
                continue
            except OSError as exc:
                result.problems.append(f"{exercise}: could not write its page: {exc.strerror or exc}")
                continue
            shown = f"{FOLDER}/{name}"
            if name is None:
                result.problems.append(f"{exercise}: every name for its page is taken in "
                                       f"{FOLDER}/ (tidy the folder and fetch again)")
            elif new:
                result.written.append(shown)
                if name != names[0]:
                    result.kept.append(f"kept your {FOLDER}/{names[0]} as it is; "
                                       f"the page returned at {returned_at} is {shown}")
            else:
                result.present.append(shown)
    finally:
        os.close(folder)
    return result

