"""Run code in a real grading kernel and read back what it reports (the grading tests' one helper for it)."""

from __future__ import annotations

import os

import nbformat

from asylum_teach.grading.extraction import emit_source, new_nonce, preamble_source
from asylum_teach.grading.runner import Limits, run_notebook

GENEROUS = Limits(cell_timeout=60, notebook_timeout=120)


def notebook(nonce: str, *cells: tuple[str, str]) -> dict:
    """A graded-style notebook: the preamble, then each ``(key, source)`` cell followed by its emit cell."""
    out = [nbformat.v4.new_code_cell(preamble_source(nonce))]
    for key, source in cells:
        out.append(nbformat.v4.new_code_cell(source))
        emit = nbformat.v4.new_code_cell(emit_source(nonce, key))
        emit.metadata["asylum_teach"] = {"role": "emit", "key": key}
        out.append(emit)
    return dict(nbformat.v4.new_notebook(cells=out))


def run_cells(*cells: tuple[str, str], limits: Limits = GENEROUS, warm: tuple[str, ...] = ()):
    """Run the cells in a fresh grading kernel; returns the :class:`RunResult`."""
    nonce = new_nonce()
    return run_notebook(notebook(nonce, *cells), nonce, limits, warm)


def descendants() -> list[int]:
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
