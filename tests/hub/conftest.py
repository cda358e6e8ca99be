"""One real JupyterHub (with configurable-http-proxy and the submission service) for the hub tests.

Started on free loopback ports in a scratch folder with the configuration we ship
(deploy/hub/jupyterhub_config.py), stopped after the tests. What it needs beyond Python packages
(Debian's nodejs, the npm package configurable-http-proxy) is installed by scripts/hub-deps.sh when
missing; the tests skip, saying why, only when that cannot be done here.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

INSTRUCTOR = "instructor"
STUDENTS = ["ada", "bao", "chidi"]


@pytest.fixture(scope="session")
def hub(tmp_path_factory):
    pytest.importorskip("jupyterhub", reason="JupyterHub is not installed (pip install -e '.[hub]')")
    from asylum_teach.hub import HubError
    from asylum_teach.hub.launch import find_proxy, start_hub

    try:
        find_proxy()
    except HubError as exc:
        pytest.skip(f"configurable-http-proxy is not available and could not be installed here: {exc}")
    running = start_hub(tmp_path_factory.mktemp("hub"), instructors=[INSTRUCTOR], students=STUDENTS)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def sandbox():
    """Grading needs the grader's sandbox: ``asylum-teach grade`` refuses without one (bubblewrap, or root)."""
    try:
        from asylum_teach.grading.sandbox import isolation
    except ImportError:  # the grader's internals moved: let `grade` itself say whether it can run
        return
    if isolation() is None:
        pytest.skip("the grader has no sandbox here (no working bubblewrap and not root), so `asylum-teach grade` "
                    "refuses; run scripts/system-deps.sh as root to install bubblewrap")


@pytest.fixture(scope="session")
def tokens(hub):
    """A token per demo user that may call the submission service (as a student's server token may)."""
    return {user: hub.token_for(user) for user in [INSTRUCTOR, *STUDENTS]}


def call(hub, method: str, path: str, token: str | None = None, body: bytes | None = None,
         headers: dict | None = None):
    """(status, decoded body, headers) of a request to the submission service through the proxy."""
    h = dict(headers or {})
    if token:
        h["Authorization"] = f"token {token}"
    req = urllib.request.Request(hub.service_url + path, data=body, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            status, raw, got = resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as exc:
        status, raw, got = exc.code, exc.read(), exc.headers
    try:
        return status, json.loads(raw), got
    except ValueError:
        return status, raw, got


def server_files(hub, user: str, folder: str = "clinic/feedback", token: str | None = None) -> dict:
    """``{name: text}`` of the files in ``folder`` of ``user``'s running server, read through the server's own
    contents API with a token of ``user`` (what their JupyterLab sees); ``{}`` when there is no such folder."""
    token = token or hub.token_for(user, scopes=[f"access:servers!user={user}"])
    url = f"{hub.url}/user/{user}/api/contents/{folder}"
    headers = {"Authorization": f"token {token}"}
    try:
        with urllib.request.urlopen(urllib.request.Request(url + "?content=1", headers=headers), timeout=60) as resp:
            listing = json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return {}
        raise
    out = {}
    for item in listing["content"]:
        req = urllib.request.Request(f"{url}/{item['name']}?content=1&format=text&type=file", headers=headers)
        with urllib.request.urlopen(req, timeout=60) as resp:
            out[item["name"]] = json.loads(resp.read())["content"]
    return out
