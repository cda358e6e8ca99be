"""Writing returned feedback into a student's folder, which the student controls and may booby-trap.

No hub here: the folder and the files are real, and so is the attack. A link planted at ``clinic`` or
``clinic/feedback`` is refused with one message and nothing is written anywhere; a file of the
student's (or a link, or a FIFO) at a page's name is kept and the page goes beside it; a second fetch
writes nothing; no temporary file is left behind; a page over the size cap is refused; and the page
keeps the service's policy, so a script in it does not run when the file is opened in a browser.
"""

from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

from asylum_teach.exceptions import HubError
from asylum_teach.hub.client import Client
from asylum_teach.hub.delivery import FOLDER, MAX_PAGE, candidates, open_feedback_folder, protect, write_new

SERVICE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
PAGE = b"<!DOCTYPE html>\n<html><head><title>Feedback</title></head><body><p>Q1: 1 / 1</p></body></html>\n"
NAMES = candidates("deadlines", "2026-12-01T17:00:00+00:00")


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (links as ``-> target``), by relative path."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            out[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out


def deliver_page(root: Path, data: bytes = PAGE) -> tuple[str | None, bool]:
    folder = open_feedback_folder(root)
    try:
        return write_new(folder, NAMES, data)
    finally:
        os.close(folder)


def test_a_page_is_written_once_and_a_second_fetch_writes_nothing(tmp_path):
    assert deliver_page(tmp_path) == ("deadlines.html", True)
    assert deliver_page(tmp_path) == ("deadlines.html", False)
    assert files(tmp_path) == {f"{FOLDER}/deadlines.html": PAGE}  # no temporary file left behind


def test_a_students_own_file_at_the_name_is_kept_and_the_page_goes_beside_it(tmp_path):
    own = tmp_path / FOLDER / "deadlines.html"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"my notes on the deadlines feedback")
    assert deliver_page(tmp_path) == ("deadlines-returned-20261201T170000Z.html", True)
    assert own.read_bytes() == b"my notes on the deadlines feedback"
    assert deliver_page(tmp_path) == ("deadlines-returned-20261201T170000Z.html", False)
    assert deliver_page(tmp_path, PAGE + b"<!-- regraded -->") == ("deadlines-returned-20261201T170000Z-2.html", True)
    assert len(files(tmp_path)) == 3


@pytest.mark.parametrize("planted", ["clinic", f"{FOLDER}"])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_planted_at_the_folder_is_refused_and_nothing_is_written(tmp_path, planted, dangling):
    home, elsewhere = tmp_path / "home", tmp_path / "another-students-folder"
    home.mkdir()
    if not dangling:
        elsewhere.mkdir()
    (home / planted).parent.mkdir(parents=True, exist_ok=True)
    (home / planted).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(HubError) as refused:
        deliver_page(home)
    assert str(refused.value).startswith(f"{planted} is a symbolic link")
    assert "rm " + planted in str(refused.value)
    assert files(home) == {planted: f"-> {elsewhere}".encode()}  # nothing new in the student's folder
    assert not elsewhere.exists() if dangling else list(elsewhere.iterdir()) == []  # nor where the link points


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "clinic").mkdir()
    (tmp_path / FOLDER).write_text("not a folder")
    with pytest.raises(HubError, match=r"clinic/feedback is not a folder"):
        deliver_page(tmp_path)


@pytest.mark.parametrize("kind", ["link to a file", "dangling link", "fifo"])
def test_a_link_or_fifo_at_the_page_name_is_never_followed_or_read(tmp_path, kind):
    target = tmp_path / "outside.txt"
    home = tmp_path / "home"
    (home / FOLDER).mkdir(parents=True)
    trap = home / FOLDER / "deadlines.html"
    if kind == "link to a file":
        target.write_text("someone else's file")
        trap.symlink_to(target)
    elif kind == "dangling link":
        trap.symlink_to(target)
    else:
        os.mkfifo(trap)  # reading it would block the server's start for ever
    assert deliver_page(home) == ("deadlines-returned-20261201T170000Z.html", True)
    assert (home / FOLDER / "deadlines-returned-20261201T170000Z.html").read_bytes() == PAGE
    assert target.read_text() == "someone else's file" if kind == "link to a file" else not target.exists()


def test_candidates_refuse_a_time_that_is_not_one():
    with pytest.raises(HubError, match="no usable return time"):
        candidates("deadlines", "yesterday")


def test_the_page_keeps_the_services_policy_ahead_of_its_own_markup():
    hostile = b"\xef\xbb\xbf<!doctype html><html><head><meta http-equiv='Content-Security-Policy' content=\"script-src *\">" \
              b"<script>alert(1)</script></head></html>"
    out = protect(hostile, SERVICE_CSP)
    first, rest = out.split(b"\n", 1)
    assert first == b"\xef\xbb\xbf<!doctype html>"
    meta, page = rest.split(b"\n", 1)
    assert meta == (b'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src '
                    b"&#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; img-src data:; font-src data:\">")
    assert first + page == hostile  # otherwise byte for byte what the service served
    assert protect(b"<p>x</p>", None).startswith(  # no policy from the service: the strictest, not none
        b'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;;')


class _Big(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        size = MAX_PAGE + 1 if "too-big" in self.path else 100
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.write(b"x" * size)

    def log_message(self, *args):
        pass


def test_a_page_over_the_cap_is_refused(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Big)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = Client(url=f"http://127.0.0.1:{server.server_port}/", token="t")
        page, _ = client.feedback_page("fits", limit=MAX_PAGE)
        assert len(page) == 100
        with pytest.raises(HubError, match=f"larger than {MAX_PAGE} bytes"):
            client.feedback_page("too-big", limit=MAX_PAGE)
    finally:
        server.shutdown()
        server.server_close()


def test_a_script_in_the_written_page_does_not_run_in_a_browser(tmp_path):
    """Chromium opens the file: the page as the grader wrote it (with a policy of its own that allows inline
    scripts) runs its script; the same page as written into the student's folder does not."""
    from tests.browser import harness

    if not harness.chromium_path():
        pytest.skip("Debian chromium is not installed (run scripts/system-deps.sh as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is missing")
    page = (b"<!DOCTYPE html><html><head><title>f</title>"
            b"<meta http-equiv='Content-Security-Policy' content=\"script-src 'unsafe-inline'\"></head>"
            b"<body><p id='p'>static</p>"
            b"<script>document.getElementById('p').textContent = 'script ran'</script></body></html>")
    (tmp_path / "plain.html").write_bytes(page)
    (tmp_path / "protected.html").write_bytes(protect(page, SERVICE_CSP))
    with sync_api.sync_playwright() as p:
        browser = harness.launch(p)
        try:
            tab = browser.new_page()
            seen = {}
            for name in ("plain", "protected"):
                tab.goto((tmp_path / f"{name}.html").as_uri())
                seen[name] = tab.inner_text("#p")
        finally:
            browser.close()
    assert seen == {"plain": "script ran", "protected": "static"}
