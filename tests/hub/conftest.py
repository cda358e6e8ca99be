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
