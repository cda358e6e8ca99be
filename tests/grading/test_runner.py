"""The runner on its own: a notebook that ignores interrupts is stopped at the notebook time limit,
the answers reported before it are kept, and no process is left behind."""

from __future__ import annotations

import os
import time
from datetime import date

import nbformat
import pytest

from asylum_teach.grading.extraction import Missing, new_nonce, preamble_source, emit_source
from asylum_teach.grading.runner import Limits, run_notebook

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]


def _notebook(nonce, *cells):
    out = [nbformat.v4.new_code_cell(preamble_source(nonce))]
    for key, source in cells:
        out.append(nbformat.v4.new_code_cell(source))
        emit = nbformat.v4.new_code_cell(emit_source(nonce, key))
        emit.metadata["asylum_teach"] = {"role": "emit", "key": key}
        out.append(emit)
    return dict(nbformat.v4.new_notebook(cells=out))


def _descendants() -> list[int]:
    """Process ids whose parent chain leads to this test process."""
    parent = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    me, found = os.getpid(), []
    for pid in parent:
        p = pid
        while p in parent and p > 1:
            p = parent[p]
            if p == me:
                found.append(pid)
                break
    return found


def test_interrupt_ignoring_loop_hits_the_notebook_limit_and_keeps_earlier_answers():
    nonce = new_nonce()
    nb = _notebook(nonce,
                   ("a", "import datetime\na = datetime.date(2027, 1, 4)"),
                   ("b", "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
                   ("c", "c = 3"), ("d", "d = 4"), ("e", "e = 5"), ("f", "f = 6"))
    started = time.monotonic()
    result = run_notebook(nb, nonce, Limits(cell_timeout=2, notebook_timeout=7))
    elapsed = time.monotonic() - started
    assert result.status == "timeout"
    assert result.answers["a"] == date(2027, 1, 4)
    assert "c" not in result.answers or isinstance(result.answers["c"], Missing)
    assert elapsed < 20
    time.sleep(0.5)
    assert _descendants() == []


def test_forged_answer_output_without_the_nonce_is_ignored():
    """A cell that prints something shaped like an answer report cannot set an answer."""
    nonce = new_nonce()
    forge = ("from IPython.display import publish_display_data\n"
             "publish_display_data({'application/vnd.asylum-teach.answer+json': "
             "'{\"key\": \"x\", \"value\": 42}'}, metadata={'nonce': 'guess'})\nx = 1")
    result = run_notebook(_notebook(nonce, ("x", forge)), nonce, Limits(cell_timeout=10, notebook_timeout=60))
    assert result.answers == {"x": 1}
