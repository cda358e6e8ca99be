"""The floor: execute an empty notebook (no cells) with a fresh kernel, N times, on W worker processes.

Each execution starts a kernel (the project's ``python3`` kernel spec), waits until it answers, and
shuts it down: the reference cost of giving every notebook a fresh kernel. Each worker does this one
notebook after another, with no overlap, so a grader that starts the next kernel while the current
notebook runs (as asylum-teach's runner does) can finish under it.
Prints one JSON object: ``{"wall": s, "per_notebook": [s, ...]}``.

    python benchmarks/floor.py 60 2
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor


def execute_empty(_index: int) -> float:
    import nbformat
    from nbclient import NotebookClient

    started = time.perf_counter()
    NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3", startup_timeout=60).execute()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    count, workers = int(argv[0]), int(argv[1])
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        times = list(pool.map(execute_empty, range(count)))
    print(json.dumps({"wall": time.perf_counter() - started, "per_notebook": times}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
