"""Execute the whole course, W notebooks at a time (each in its own process and kernel).

Every notebook runs top to bottom with its defaults, in its own directory, into a scratch output file,
through :func:`asylum_teach.publish.execute.execute` (what the tests and ``asylum-teach course build``
use): channel waits poll in slices, so a lost kernel wake-up cannot stall a cell, and a cell that runs
into its timeout is a failure, never a success. A failing notebook is recorded, never fatal. Prints one
JSON object: ``{"wall": s, "notebooks": [{"path", "seconds", "status", "detail"}, ...]}``.

    python benchmarks/course.py OUT_DIR 2 notebooks/*.ipynb exercises/*.ipynb solutions/*.ipynb
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


CELL_TIMEOUT = 120  # seconds; every cell of the course takes a few


def execute(job: tuple[str, str]) -> dict:
    from asylum_teach.publish.execute import execute as run_notebook

    path, out_dir = job
    src = Path(path)
    out = Path(out_dir) / f"{src.parent.name}__{src.name}"
    started = time.perf_counter()
    status, detail = "ok", ""
    try:
        run_notebook(src, out, cwd=src.parent.resolve(), timeout=CELL_TIMEOUT)
    except Exception as exc:  # one broken notebook never stops the rest
        status, detail = "failed", f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else ''}"
    return {"path": path, "seconds": time.perf_counter() - started, "status": status, "detail": detail}


def main(argv: list[str]) -> int:
    out_dir, workers, paths = argv[0], int(argv[1]), argv[2:]
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # longest first (by file size, a fair proxy) so the pool does not end on one long notebook
    order = sorted(paths, key=lambda p: -Path(p).stat().st_size)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(execute, [(p, out_dir) for p in order]))
    print(json.dumps({"wall": time.perf_counter() - started, "notebooks": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
