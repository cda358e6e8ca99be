"""The self-check cell runs inside a notebook kernel, which already runs an event loop on its thread;
the grader's runner needs a loop of its own. Before the fix every self-check in JupyterLab reported
"grader-error: Cannot run the event loop while another loop is running" (found by the credibility lab's
browser test, tests/browser/test_merits_in_lab.py, which now checks a self-check in a real JupyterLab)."""

from __future__ import annotations

import asyncio

import pytest

from asylum_teach.grading.selfcheck import _off_this_loop


def _needs_its_own_loop():
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(asyncio.sleep(0, result="ran"))
    finally:
        loop.close()


def test_inside_a_running_loop_the_check_runs_on_its_own_thread():
    async def cell():
        with pytest.raises(RuntimeError, match="another loop is running"):
            _needs_its_own_loop()  # what the self-check did before
        return _off_this_loop(_needs_its_own_loop)

    assert asyncio.run(cell()) == "ran"


def test_outside_a_loop_it_runs_directly_and_errors_come_back():
    assert _off_this_loop(_needs_its_own_loop) == "ran"

    async def cell():
        return _off_this_loop(int, "x")

    with pytest.raises(ValueError):
        asyncio.run(cell())
