"""The submission service, attacked through a real hub: every bad or foreign request is a clear 4xx.

Identity is the hub login behind the token; names in the request (a body field, a query argument, a
header, the notebook's own student_id) change nothing. A student sees only their own submissions and
feedback. Names never become paths. Oversized bodies are refused before they are kept.
"""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.hub.conftest import INSTRUCTOR, call

pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.xdist_group("hub")]

ROOT = Path(__file__).resolve().parents[2]
DEADLINES = (ROOT / "exercises" / "02_deadlines.ipynb").read_bytes()


def notebook(student_id: str = "demo", exercise: str = "deadlines") -> bytes:
    nb = json.loads(DEADLINES)
    nb["metadata"]["asylum_teach"]["exercise"] = exercise
    for cell in nb["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = f'student_id = "{student_id}"\nas_of = "2026-09-01"\n'
    return json.dumps(nb).encode()


def mine(hub, token):
    status, body, _ = call(hub, "GET", "api/submissions", token)
    assert status == 200, body
    return body


def test_a_submission_is_kept_under_the_login_whatever_the_request_claims(hub, tokens):
    before = len(mine(hub, tokens["chidi"])["submissions"])
    status, body, _ = call(hub, "POST", "api/submissions/deadlines?user=chidi", tokens["bao"],
                           notebook(student_id="chidi"),
                           {"X-Forwarded-User": "chidi", "X-Remote-User": "chidi", "Content-Type": "application/json"})
    assert status == 201, body
    assert body["user"] == "bao" and body["exercise"] == "deadlines"
    assert len(mine(hub, tokens["chidi"])["submissions"]) == before  # chidi got nothing
    assert any(s["sha256"] == body["sha256"] for s in mine(hub, tokens["bao"])["submissions"])


def test_no_login_is_401_and_a_login_without_the_service_scope_is_403(hub, tokens):
    status, body, _ = call(hub, "GET", "api/submissions")
    assert status == 401 and "log in" in body["error"]
    status, body, _ = call(hub, "POST", "api/submissions/deadlines", "0" * 32, notebook())
    assert status in (401, 403), body
    narrow = hub.token_for("ada", scopes=["read:users:name!user"])  # a real token, not for this service
    status, body, _ = call(hub, "GET", "api/submissions", narrow)
    assert status == 403 and body["error"]
    status, body, _ = call(hub, "GET", "api/submissions", hub.harness_token)  # a hub service, not a person
    assert status == 403


def test_a_student_never_reads_anyone_elses_feedback_or_submissions(hub, tokens):
    assert call(hub, "POST", "api/submissions/appeals", tokens["bao"], notebook(exercise="appeals"))[0] == 201
    assert call(hub, "POST", "api/submissions/appeals", tokens["ada"], notebook(exercise="appeals"))[0] == 201
    page = b"<html><body><p>Feedback for bao only</p><script>alert(1)</script></body></html>"
    status, body, _ = call(hub, "PUT", "api/feedback/appeals/bao", tokens[INSTRUCTOR], page)
    assert status == 200, body

    status, got, headers = call(hub, "GET", "api/feedback/appeals", tokens["bao"])
    assert status == 200 and got == page
    assert "sandbox" in headers["Content-Security-Policy"]  # the page runs in an origin of its own, no script
    status, body, _ = call(hub, "GET", "api/feedback/appeals/bao", tokens["ada"])
    assert status == 403 and "instructors" in body["error"]
    status, body, _ = call(hub, "GET", "api/feedback/appeals", tokens["ada"])
    assert status == 404 and "no feedback" in body["error"]
    assert b"bao" not in json.dumps(mine(hub, tokens["ada"])).encode()
    assert call(hub, "GET", "api/feedback/appeals/bao", tokens[INSTRUCTOR])[0] == 200


@pytest.mark.parametrize("method, path, body", [
    ("GET", "api/collect/deadlines", None),
    ("GET", "api/exercises", None),
    ("PUT", "api/exercises/deadlines/due", b'{"due_at": null}'),
    ("POST", "api/grade/deadlines", b""),
    ("GET", "api/grade/deadlines", None),
    ("POST", "api/return/deadlines", b""),
    ("PUT", "api/feedback/deadlines/ada", b"<p>forged feedback</p>"),
    ("GET", "instructor", None),
])
def test_a_student_cannot_act_as_an_instructor(hub, tokens, method, path, body):
    status, answer, _ = call(hub, method, path, tokens["ada"], body)
    assert status == 403, answer


@pytest.mark.parametrize("path", [
    "api/submissions/..%2F..%2Fetc%2Fpasswd", "api/submissions/%2e%2e", "api/submissions/DEADLINES",
    "api/submissions/deadlines%00", "api/submissions/no-such-exercise", "api/submissions/../../hub/api/users",
])
def test_names_in_the_path_never_reach_the_disk(hub, tokens, path):
    status, body, _ = call(hub, "POST", path, tokens["ada"], notebook())
    assert status in (400, 404), body
    assert isinstance(body, dict) and body["error"]


def test_feedback_for_a_user_with_a_path_in_the_name_goes_nowhere(hub, tokens, tmp_path):
    store = hub.state / "submissions"
    before = sorted(p.relative_to(store) for p in store.rglob("*") if p.is_file())
    for name in ("..%2F..%2Fowned", "%2e%2e", "ada%00", "a%0Ab"):
        status, body, _ = call(hub, "PUT", f"api/feedback/deadlines/{name}", tokens[INSTRUCTOR], b"<p>x</p>")
        assert status in (400, 404), (name, body)
    after = sorted(p.relative_to(store) for p in store.rglob("*") if p.is_file())
    assert [p for p in after if p not in before and not p.name.startswith("submissions.sqlite")] == []
    assert not (hub.state / "owned").exists()


def test_an_oversized_upload_is_413_and_not_kept(hub, tokens):
    before = len(mine(hub, tokens["chidi"])["submissions"])
    limit = 5 * 1024**2
    status, body, _ = call(hub, "POST", "api/submissions/deadlines", tokens["chidi"], b" " * (limit + 1))
    assert status == 413 and "too large" in body["error"]
    # chunked, with no Content-Length: counted as it arrives
    url = urlparse(hub.service_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    chunks = (b" " * (1024**2) for _ in range(6))
    conn.request("POST", url.path + "api/submissions/deadlines", body=chunks, encode_chunked=True,
                 headers={"Authorization": f"token {tokens['chidi']}", "Transfer-Encoding": "chunked"})
    resp = conn.getresponse()
    assert resp.status == 413 and "too large" in json.loads(resp.read())["error"]
    conn.close()
    assert len(mine(hub, tokens["chidi"])["submissions"]) == before


@pytest.mark.parametrize("body, says", [
    (b"not json", "not a notebook"),
    (b"[1, 2]", "version 4 notebook"),
    (b"[" * 100_000, "not a notebook"),
    (json.dumps({"nbformat": 4, "cells": [], "metadata": {}}).encode(), "not exercise 'deadlines'"),
])
def test_a_malformed_submission_is_400_with_the_reason(hub, tokens, body, says):
    status, answer, _ = call(hub, "POST", "api/submissions/deadlines", tokens["ada"], body)
    assert status == 400 and says in answer["error"]


def test_a_notebook_of_another_exercise_is_refused(hub, tokens):
    status, answer, _ = call(hub, "POST", "api/submissions/deadlines", tokens["ada"], notebook(exercise="hearing"))
    assert status == 400 and "'hearing'" in answer["error"]


def test_late_is_flagged_against_the_due_date_in_force(hub, tokens):
    instructor = tokens[INSTRUCTOR]
    status, body, _ = call(hub, "PUT", "api/exercises/hearing/due", instructor, b'{"due_at": "2020-01-01T00:00:00+00:00"}')
    assert status == 200 and body["due_at"] == "2020-01-01T00:00:00+00:00"
    status, sub, _ = call(hub, "POST", "api/submissions/hearing", tokens["ada"], notebook(exercise="hearing"))
    assert status == 201 and sub["late"] is True
    call(hub, "PUT", "api/exercises/hearing/due", instructor, b'{"due_at": "2999-01-01T00:00"}')
    latest = [s for s in mine(hub, tokens["ada"])["submissions"] if s["exercise"] == "hearing"][-1]
    assert latest["late"] is False and latest["due_at"] == "2999-01-01T00:00:00+00:00"
    status, body, _ = call(hub, "PUT", "api/exercises/hearing/due", instructor, b'{"due_at": "next tuesday"}')
    assert status == 400 and "not a date" in body["error"]


def test_unknown_pages_and_methods_are_4xx(hub, tokens):
    status, body, _ = call(hub, "GET", "api/nothing-here", tokens["ada"])
    assert status == 404 and body["error"]
    status, body, _ = call(hub, "DELETE", "api/submissions/deadlines", tokens["ada"])
    assert status == 405

