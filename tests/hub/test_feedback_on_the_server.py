"""Returned feedback reaches each student's own server, through a real hub, as that student.

An instructor returns pages through the service; the student's server then holds them in
``clinic/feedback/``, read back through the server's own contents API with the student's token (what
their JupyterLab shows). At server start (``asylum_teach.hub.singleuser``) and on demand
(``asylum-teach feedback``, as a terminal of the server runs it: the student's token, their folder).
The attacks: a link planted at ``clinic/feedback`` (refused, nothing written where it points, the
server still starts); another login's token in the server (refused: nothing of anyone else's lands
in the folder); and a page of the student's own at the name (kept; the returned page goes beside it).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from asylum_teach.hub.delivery import protect
from tests.hub.conftest import INSTRUCTOR, call, server_files

pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.xdist_group("hub")]

ROOT = Path(__file__).resolve().parents[2]


def submit(hub, token: str, exercise: str) -> None:
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"asylum_teach": {"exercise": exercise}}}
    status, body, _ = call(hub, "POST", f"api/submissions/{exercise}", token, json.dumps(nb).encode())
    assert status == 201, body


def give_back(hub, tokens, user: str, exercise: str, text: str) -> bytes:
    """The instructor returns a page (with a script in it) to ``user``. Returns what belongs in the student's
    folder: the page as the service serves it to them, under the policy it serves it with."""
    page = (f"<!DOCTYPE html>\n<html><head><title>{exercise}</title></head><body><p>{text}</p>"
            "<script>document.body.textContent = 'script ran'</script></body></html>\n").encode()
    status, body, _ = call(hub, "PUT", f"api/feedback/{exercise}/{user}", tokens[INSTRUCTOR], page)
    assert status == 200, body
    status, served, headers = call(hub, "GET", f"api/feedback/{exercise}", tokens[user])
    assert status == 200 and served == page
    return protect(page, headers["Content-Security-Policy"])


def home(hub, user: str) -> Path:
    return hub.state / "homes" / user  # the demo's simple spawner runs each server here


def fetch_as(hub, user: str, token: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``asylum-teach feedback`` as a terminal of ``user``'s server runs it (its environment, not its token:
    a token of the same login with the same service scope)."""
    folder = home(hub, user)
    (folder / "clinic").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "ASYLUM_TEACH_", "JPY_"))}
    env.update(JUPYTERHUB_USER=user, JUPYTERHUB_API_TOKEN=token, ASYLUM_TEACH_HOME=str(folder),
               ASYLUM_TEACH_SUBMIT_URL=hub.service_url, HOME=str(folder))
    return subprocess.run([sys.executable, "-m", "asylum_teach", "feedback"], capture_output=True, text=True,
                          env=env, cwd=cwd or folder / "clinic", timeout=120)


def test_at_server_start_the_page_arrives_and_a_planted_link_is_refused(hub, tokens, tmp_path):
    """chidi's server starts with chidi's page in clinic/feedback/; bao planted clinic/feedback as a link to
    a folder elsewhere: bao's server still starts, and nothing is written through the link."""
    nonce = secrets.token_hex(4)
    submit(hub, tokens["chidi"], "pathway")
    page = give_back(hub, tokens, "chidi", "pathway", f"Pathway: 3 / 4 for chidi ({nonce})")
    submit(hub, tokens["bao"], "appeals")
    give_back(hub, tokens, "bao", "appeals", "Appeals: 2 / 2")
    hub.stop_servers("chidi", "bao")
    with planted_link(hub, "bao", tmp_path) as elsewhere:
        hub.start_servers("chidi", "bao")
        try:
            got = server_files(hub, "chidi")
            assert got["pathway.html"].encode() == page
            text = got["pathway.html"]
            assert f"({nonce})" in text
            meta = text.index('<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;')
            assert meta < text.index("<script>")  # the policy governs the page's script: it does not run
            assert list(elsewhere.iterdir()) == []
            assert "asylum-teach: no feedback fetched: HubError: clinic/feedback is a symbolic link" in hub.log()
        finally:
            hub.stop_servers("chidi", "bao")


@contextlib.contextmanager
def planted_link(hub, user: str, tmp_path: Path):
    """``user``'s clinic/feedback made a link to an empty folder elsewhere (yielded); put back after."""
    elsewhere = tmp_path / f"a-folder-{user}-should-not-write-to"
    elsewhere.mkdir()
    clinic = home(hub, user) / "clinic"
    clinic.mkdir(parents=True, exist_ok=True)
    aside = clinic / "feedback-before-the-attack"
    if (clinic / "feedback").exists():
        (clinic / "feedback").rename(aside)
    (clinic / "feedback").symlink_to(elsewhere, target_is_directory=True)
    try:
        yield elsewhere
    finally:
        (clinic / "feedback").unlink()
        if aside.exists():
            aside.rename(clinic / "feedback")


def test_on_demand_a_new_return_goes_beside_the_page_already_there(hub, tokens):
    submit(hub, tokens["bao"], "hearing")
    first = give_back(hub, tokens, "bao", "hearing", "Hearing: first marking")
    done = fetch_as(hub, "bao", tokens["bao"], cwd=home(hub, "bao"))
    assert done.returncode == 0, done.stderr
    assert "new feedback: clinic/feedback/hearing.html" in done.stdout
    folder = home(hub, "bao") / "clinic" / "feedback"
    assert (folder / "hearing.html").read_bytes() == first

    again = fetch_as(hub, "bao", tokens["bao"])  # from clinic/, as a terminal might be: same folder
    assert again.returncode == 0 and "up to date" in again.stdout, again
    assert sorted(p.name for p in folder.glob("hearing*")) == ["hearing.html"]

    second = give_back(hub, tokens, "bao", "hearing", "Hearing: marked again")
    done = fetch_as(hub, "bao", tokens["bao"])
    assert done.returncode == 0, done.stderr
    beside = [p for p in folder.iterdir() if p.name.startswith("hearing-returned-")]
    assert len(beside) == 1 and beside[0].read_bytes() == second
    assert (folder / "hearing.html").read_bytes() == first  # the page already there is not replaced
    assert "kept your clinic/feedback/hearing.html" in done.stdout


def test_a_students_own_file_at_the_name_is_kept(hub, tokens):
    submit(hub, tokens["bao"], "credibility")
    page = give_back(hub, tokens, "bao", "credibility", "Credibility: 5 / 6")
    folder = home(hub, "bao") / "clinic" / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "credibility.html").write_text("<p>my own notes</p>")
    done = fetch_as(hub, "bao", tokens["bao"])
    assert done.returncode == 0, done.stderr
    assert (folder / "credibility.html").read_text() == "<p>my own notes</p>"
    beside = [p for p in folder.iterdir() if p.name.startswith("credibility-returned-")]
    assert len(beside) == 1 and beside[0].read_bytes() == page


def test_another_logins_feedback_never_lands_in_a_students_folder(hub, tokens):
    for user in ("bao", "chidi"):
        submit(hub, tokens[user], "capstone")
        give_back(hub, tokens, user, "capstone", f"Capstone feedback for {user} only")
    done = fetch_as(hub, "bao", tokens["bao"])
    assert done.returncode == 0, done.stderr
    bao = (home(hub, "bao") / "clinic" / "feedback" / "capstone.html").read_text()
    assert "for bao only" in bao and "for chidi" not in bao

    # chidi's server with bao's token in its environment (a token found, or planted): refused, nothing written
    chidi_folder = home(hub, "chidi") / "clinic" / "feedback"
    before = sorted(p.name for p in chidi_folder.iterdir()) if chidi_folder.is_dir() else []
    forged = fetch_as(hub, "chidi", tokens["bao"])
    assert forged.returncode == 2
    assert forged.stderr.strip() == ("asylum-teach: error: the service answered for 'bao', not for this server's "
                                     "owner 'chidi': feedback is fetched only with your own server's token "
                                     "(JUPYTERHUB_API_TOKEN)")
    after = sorted(p.name for p in chidi_folder.iterdir()) if chidi_folder.is_dir() else []
    assert after == before and "capstone.html" not in after
    # and a student's token never reads another's page from the service
    assert call(hub, "GET", "api/feedback/capstone/chidi", tokens["bao"])[0] == 403


def test_on_demand_a_planted_link_is_refused_with_one_message(hub, tokens, tmp_path):
    submit(hub, tokens["bao"], "appeals")
    give_back(hub, tokens, "bao", "appeals", "Appeals: 2 / 2")
    with planted_link(hub, "bao", tmp_path) as elsewhere:
        done = fetch_as(hub, "bao", tokens["bao"])
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines() == [
            "asylum-teach: error: clinic/feedback is a symbolic link: returned feedback is written only into a real "
            "folder, never through a link. Remove the link (rm clinic/feedback) and fetch again (asylum-teach feedback)"]
        assert list(elsewhere.iterdir()) == []
