"""The floor: execute an empty notebook (no cells) with a fresh kernel, N times, on W worker processes.

Each execution starts a kernel (the project's ``python3`` kernel spec), waits until it answers, and
shuts it down: the reference cost of giving every notebook a fresh kernel. Each worker does this one
notebook after another, with no overlap, so a grader that starts the next kernel while the current
notebook runs (as asylum-teach's runner does) can finish under it. A kernel that dies before it
answers (parallel kernels on TCP ports can race for a port: papermill #511) is started once more; the
notebook's time includes both attempts, and the number of retries is reported.
Prints one JSON object: ``{"wall": s, "per_notebook": [s, ...], "retries": n}``.

    python benchmarks/floor.py 60 2
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor


def execute_empty(_index: int) -> tuple[float, int]:
    import nbformat
    from nbclient import NotebookClient

    started = time.perf_counter()
    for retries in (0, 1):
        try:
            NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3", startup_timeout=60).execute()
            return time.perf_counter() - started, retries
        except RuntimeError as exc:
            if retries or "Kernel died" not in str(exc):
                raise
    raise AssertionError("unreachable")


def main(argv: list[str]) -> int:
    count, workers = int(argv[0]), int(argv[1])
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        runs = list(pool.map(execute_empty, range(count)))
    print(json.dumps({"wall": time.perf_counter() - started, "per_notebook": [t for t, _ in runs],
                      "retries": sum(r for _, r in runs)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
