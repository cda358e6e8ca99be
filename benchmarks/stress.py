"""Stress the headless runs: every widget notebook many times, two at once, under extra CPU load.

Issue 14, item 5: cells that drew into an Output widget sometimes waited out their whole execution
timeout and then "passed" (see :mod:`asylum_teach.publish.execute`). This runs the notebooks the way the
tests and the course build do, and fails if any cell ran for ``--stall`` seconds or more, or any run
failed. ``--engine plain`` runs them with plain papermill instead (the old way), and ``--rev REV`` takes
the notebooks and the package from an earlier commit (``git archive``, nothing checked out), to show the
hang before the fix.

    python benchmarks/stress.py                      # make stress: 20 runs of each widget notebook
    python benchmarks/stress.py --rev bffb56e --engine plain --runs 6 02_deadlines 05_capstone_case_file

Prints one line per run and a JSON summary; exits 1 if any run stalled or failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDGET_NOTEBOOKS = ("01_pathway_choice", "02_deadlines", "03_hearing_stages", "04_appeals", "05_capstone_case_file")


def _burn(stop_at: float) -> None:
    while time.time() < stop_at:
        sum(i * i for i in range(10_000))


def _run(job) -> dict:
    engine, path, out, timeout = job
    started = time.perf_counter()
    status = "ok"
    try:
        if engine == "plain":
            import papermill as pm

            nb = pm.execute_notebook(str(path), str(out), kernel_name="python3", progress_bar=False,
                                     cwd=str(Path(path).parent), execution_timeout=timeout)
        else:
            from asylum_teach.publish.execute import execute

            nb = execute(path, out, cwd=Path(path).parent, timeout=timeout)
    except Exception as exc:  # a stalled run under our engine raises NotebookTimeoutError: that is the finding
        import nbformat

        status = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
        nb = nbformat.read(out, as_version=4) if Path(out).exists() else None
    durations = [(c.get("metadata", {}).get("papermill") or {}).get("duration") or 0 for c in (nb.cells if nb else [])]
    worst = max(range(len(durations)), key=durations.__getitem__) if durations else -1
    return {"notebook": Path(path).stem, "seconds": round(time.perf_counter() - started, 1), "status": status,
            "slowest_cell": worst, "slowest_cell_s": round(durations[worst], 1) if durations else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", default=list(WIDGET_NOTEBOOKS), help="notebook names (no .ipynb)")
    parser.add_argument("--runs", type=int, default=20, help="runs of each notebook (default 20)")
    parser.add_argument("--parallel", type=int, default=2, help="notebooks at once (default 2)")
    parser.add_argument("--load", type=int, default=2, help="extra busy processes while it runs (default 2)")
    parser.add_argument("--timeout", type=float, default=60, help="per-cell execution timeout, seconds (default 60)")
    parser.add_argument("--stall", type=float, default=10, help="a cell this slow counts as a stall (default 10 s)")
    parser.add_argument("--engine", choices=("asylum-teach", "plain"), default="asylum-teach")
    parser.add_argument("--rev", help="take notebooks and package from this commit (git archive) instead of the tree")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="asylum-stress-"))
    source = ROOT
    if args.rev:
        archive = scratch / "rev.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), args.rev, "asylum_teach", "notebooks"],
                       check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(scratch / "rev", filter="data")
        source = scratch / "rev"
        os.environ["PYTHONPATH"] = str(source)  # the kernels import that commit's package
    jobs = []
    for i in range(args.runs):
        for name in args.notebooks:
            jobs.append((args.engine, source / "notebooks" / f"{name}.ipynb", scratch / f"{name}-{i}.ipynb", args.timeout))
    stop_at = time.time() + 24 * 3600
    burners = [mp.Process(target=_burn, args=(stop_at,), daemon=True) for _ in range(args.load)]
    for b in burners:
        b.start()
    started = time.perf_counter()
    results = []
    try:
        with ProcessPoolExecutor(max_workers=args.parallel) as pool:
            for r in pool.map(_run, jobs):
                stalled = (r["slowest_cell_s"] or 0) >= args.stall
                r["stalled"] = stalled
                results.append(r)
                print(f"{r['notebook']:24s} {r['seconds']:6.1f}s  slowest cell {r['slowest_cell']:>3} "
                      f"{r['slowest_cell_s']:6.1f}s  {'STALL ' if stalled else ''}{r['status']}", flush=True)
    finally:
        for b in burners:
            b.terminate()
    summary = {"engine": args.engine, "rev": args.rev or "working tree", "runs": len(results),
               "parallel": args.parallel, "load_processes": args.load, "timeout_s": args.timeout,
               "wall_s": round(time.perf_counter() - started, 1),
               "stalls": sum(r["stalled"] for r in results),
               "failures": sum(r["status"] != "ok" for r in results),
               "by_notebook": {n: {"runs": sum(r["notebook"] == n for r in results),
                                   "max_cell_s": max((r["slowest_cell_s"] or 0) for r in results if r["notebook"] == n),
                                   "max_run_s": max(r["seconds"] for r in results if r["notebook"] == n)}
                               for n in args.notebooks}}
    print(json.dumps(summary, indent=1))
    return 1 if summary["stalls"] or summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
