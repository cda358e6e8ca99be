"""Execute notebooks W at a time, each in its own process and fresh kernel; print one JSON line.

``floor N W``: N empty notebooks through nbclient (start a ``python3`` kernel, wait until it answers,
shut it down), one after another per worker: the cost of a fresh kernel per notebook, the floor any
grader is compared with. A kernel that dies before it answers (parallel kernels on TCP ports can race
for a port: papermill #511) is started once more, within the same notebook's time, and counted.

``course OUT W PATH...``: every notebook top to bottom through :func:`asylum_teach.publish.execute.execute`
(what the tests and ``asylum-teach course build`` use: a cell that runs into its timeout fails loudly),
longest file first; a failing notebook is recorded, never fatal.

    python benchmarks/pool.py floor 60 2
    python benchmarks/pool.py course /tmp/out 2 notebooks/*.ipynb exercises/*.ipynb solutions/*.ipynb
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

CELL_TIMEOUT = 120  # seconds; every cell of the course takes a few


def empty(_index) -> dict:
    import nbformat
    from nbclient import NotebookClient

    started = time.perf_counter()
    for retry in (0, 1):
        try:
            NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3", startup_timeout=60).execute()
            return {"seconds": time.perf_counter() - started, "retries": retry}
        except RuntimeError as exc:
            if retry or "Kernel died" not in str(exc):
                raise
    raise AssertionError("unreachable")


def notebook(job: tuple[str, str]) -> dict:
    from asylum_teach.publish.execute import execute

    path, out_dir = job
    src = Path(path)
    started = time.perf_counter()
    status = "ok"
    try:
        execute(src, Path(out_dir) / f"{src.parent.name}__{src.name}", cwd=src.parent.resolve(), timeout=CELL_TIMEOUT)
    except Exception as exc:  # one broken notebook never stops the rest
        status = f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[-1][:200]}"
    return {"path": path, "seconds": round(time.perf_counter() - started, 2), "status": status}


def main(argv: list[str]) -> int:
    if argv[:1] == ["floor"] and len(argv) == 3:
        fn, jobs, workers = empty, range(int(argv[1])), int(argv[2])
    elif argv[:1] == ["course"] and len(argv) >= 4:
        Path(argv[1]).mkdir(parents=True, exist_ok=True)
        workers = int(argv[2])
        fn, jobs = notebook, [(p, argv[1]) for p in sorted(argv[3:], key=lambda p: -Path(p).stat().st_size)]
    else:
        print("usage:\n" + "\n".join(__doc__.strip().splitlines()[-2:]), file=sys.stderr)
        return 2
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        runs = list(pool.map(fn, jobs))
    print(json.dumps({"wall": round(time.perf_counter() - started, 2), "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
