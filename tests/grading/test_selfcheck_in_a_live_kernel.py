"""The self-check cell works inside a live notebook kernel, whose thread already runs an event loop.

Found by the hub's browser test after issue 12 landed: in JupyterLab (which tells the kernel its
notebook's file) the self-check re-runs the saved notebook with the grader's runner, and every answer
came back "grading failed: RuntimeError: Cannot run the event loop while another loop is running".
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from asylum_teach.grading.selfcheck import check

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow]


def test_the_self_check_runs_inside_a_running_event_loop(tmp_path, monkeypatch, capsys):
    saved = tmp_path / "02_deadlines.ipynb"
    shutil.copy2(ROOT / "solutions" / "02_deadlines.ipynb", saved)
    monkeypatch.setenv("JPY_SESSION_NAME", str(saved))   # what JupyterLab gives a notebook's kernel

    async def a_kernel_cell():
        check("deadlines", {}, "ada")                    # the cell calls it synchronously, loop running

    asyncio.run(a_kernel_cell())
    out = capsys.readouterr().out
    assert "Checking the saved notebook" in out
    assert "Cannot run the event loop" not in out and "grader-error" not in out
    assert "one_year_due" in out and "WRONG" not in out, out
