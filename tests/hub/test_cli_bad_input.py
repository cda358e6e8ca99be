"""The hub commands answer bad input with one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env_extra=None, cwd=ROOT):
    import os

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTERHUB_", "ASYLUM_TEACH_HUB", "ASYLUM_TEACH_SUBMIT", "JPY_"))}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "asylum_teach", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


@pytest.mark.parametrize("args, says", [
    (["submit", "deadlines"], "no clinic hub to talk to"),
    (["hub", "collect", "deadlines", "x"], "no clinic hub to talk to"),
    (["hub", "return", "deadlines", "nowhere"], "no clinic hub to talk to"),
    (["hub", "due", "Deadlines!", "2026-12-01"], "not an exercise id"),
    (["feedback"], "run this in a notebook or terminal of your hub server"),
])
def test_without_a_hub_the_commands_say_so(args, says, tmp_path):
    env = {"ASYLUM_TEACH_HUB_URL": "http://127.0.0.1:9", "ASYLUM_TEACH_HUB_TOKEN": "x"} if "due" in args else None
    done = run(*args, env_extra=env, cwd=tmp_path)
    assert done.returncode != 0
    assert says in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_an_unreachable_hub_is_one_line(tmp_path):
    done = run("hub", "collect", "deadlines", str(tmp_path / "c"),
               env_extra={"ASYLUM_TEACH_HUB_URL": "http://127.0.0.1:9", "ASYLUM_TEACH_HUB_TOKEN": "x"})
    assert done.returncode != 0
    assert "cannot reach the submission service" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_submit_names_a_notebook_that_is_not_an_exercise(tmp_path):
    (tmp_path / "notes.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    done = run("submit", "notes.ipynb", env_extra={"ASYLUM_TEACH_SUBMIT_URL": "http://127.0.0.1:9/",
                                                  "JUPYTERHUB_API_TOKEN": "x"}, cwd=tmp_path)
    assert done.returncode != 0 and "is not an asylum-teach exercise notebook" in done.stderr


def test_return_from_a_folder_that_was_never_collected(tmp_path):
    done = run("hub", "return", "deadlines", str(tmp_path),
               env_extra={"ASYLUM_TEACH_HUB_URL": "http://127.0.0.1:9", "ASYLUM_TEACH_HUB_TOKEN": "x"})
    assert done.returncode != 0 and "cannot read" in done.stderr and "roster.csv" in done.stderr


def test_hub_without_an_action_prints_help():
    done = run("hub")
    assert done.returncode == 2 and "collect" in done.stdout
