"""Where one graded notebook's time goes: each stage of ``asylum-teach grade`` timed on its own (medians, JSON).

The grader drives kernels over sockets and otherwise waits, so a cProfile of it says little; this split
is the profile. Stages: ``sandbox_start`` (cgroup, unprivileged uid and bubblewrap starting ``/bin/true``);
``kernel_ready_cold``/``_warm`` (a grading kernel launched until it answers, without/with the warm
modules pre-imported) and ``kernel_kill``; ``kernel_start_stop`` (a plain ``python3`` kernel through
nbclient, what the floor and the course pay per notebook); ``cells_setup_*``/``cells_rest_*`` (a right
submission's setup cell and the rest, on a ready cold/warm kernel); ``grader_side`` (read, rebuild,
score, gradebook row, HTML feedback); ``runner_total`` (one ``run_notebook``, nothing to overlap);
``steady_state_per_notebook`` (one prestarting ``Runner``, the median over runs 2..8).

    python benchmarks/stages.py SUBMISSION.ipynb EXERCISE.ipynb [REPEATS]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import timed

STEADY_RUNS = 8


async def _kernel_ready(runner) -> tuple[float, float]:
    """Launch one grading kernel with ``runner``'s settings, wait until it answers, kill it: (start to
    ready, kill) in seconds. Uses the runner's own launcher, so command, sandbox and environment match."""
    t0 = time.perf_counter()
    kernel = await runner._launch()
    client = kernel.manager.client(context=runner._context)
    try:
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        ready = time.perf_counter() - t0
    finally:
        client.stop_channels()
        t1 = time.perf_counter()
        kernel.kill()
    return ready, time.perf_counter() - t1


async def _cells(runner, nb, setup_index: int) -> tuple[float, float]:
    """Run ``nb`` on a ready grading kernel: (setup cells up to ``setup_index``, the rest) in seconds."""
    from nbclient import NotebookClient

    kernel = await runner._launch()
    client = NotebookClient(nb, km=kernel.manager, allow_errors=True, timeout=60,
                            resources={"metadata": {"path": "."}})
    client.kc = kernel.manager.client(context=runner._context)
    try:
        client.kc.start_channels()
        await client.kc.wait_for_ready(timeout=60)
        client.kc.allow_stdin = False
        t0 = time.perf_counter()
        for i in range(setup_index + 1):
            if nb.cells[i].cell_type == "code":
                await client.async_execute_cell(nb.cells[i], i)
        setup = time.perf_counter() - t0
        t0 = time.perf_counter()
        for i in range(setup_index + 1, len(nb.cells)):
            if nb.cells[i].cell_type == "code":
                await client.async_execute_cell(nb.cells[i], i)
        return setup, time.perf_counter() - t0
    finally:
        client.kc.stop_channels()
        kernel.kill()


def main(argv: list[str]) -> int:
    submission, exercise = Path(argv[0]), Path(argv[1])
    repeats = int(argv[2]) if len(argv) > 2 else 5
    import nbformat
    from nbclient import NotebookClient

    from asylum_teach.grading import cgroups, sandbox
    from asylum_teach.grading.checker import Checker
    from asylum_teach.grading.extraction import new_nonce
    from asylum_teach.grading.keys import find_key
    from asylum_teach.grading.rebuild import exercise_id_of, read_master, read_submission, rebuild
    from asylum_teach.grading.runner import Limits, Runner, run_notebook
    from asylum_teach.grading.spec import get_spec

    master = read_master(exercise)
    spec = get_spec(exercise_id_of(master))
    key = find_key(spec, exercise)
    limits = Limits()
    checker = Checker(spec, master, key.expected, limits)
    warm = checker.warm
    content = submission.read_bytes()
    out: dict = {"sandboxed": sandbox.available(), "warm_modules": list(warm)}

    def sandbox_start(*_):
        with tempfile.TemporaryDirectory(prefix="asylum-bench-stage-") as scratch:
            (Path(scratch) / "runtime").mkdir()
            backend, _ = cgroups.backend()
            group = backend.create(cgroups.Request(limits.memory, limits.processes, limits.cpus)) if backend else None
            uid = sandbox.kernel_uid()
            sandbox.hand_over(Path(scratch), uid)
            try:
                subprocess.run(sandbox.wrap(["/bin/true"], Path(scratch), uid=uid, group=group,
                                            scratch_bytes=limits.scratch), check=False)
            finally:
                if group is not None:
                    group.remove(wait=1.0)

    out["sandbox_start"] = timed(sandbox_start, repeats) if sandbox.available() else 0.0

    for name, modules in (("cold", ()), ("warm", warm)):
        with Runner(limits, modules, prestart=False) as runner:
            runner._loop.run_until_complete(_kernel_ready(runner))  # untimed: the first launch pays one-offs
            times = [runner._loop.run_until_complete(_kernel_ready(runner)) for _ in range(repeats)]
        out[f"kernel_ready_{name}"] = statistics.median(t[0] for t in times)
        out.setdefault("kernel_kill_all", []).extend(t[1] for t in times)
    out["kernel_kill"] = statistics.median(out.pop("kernel_kill_all"))

    out["kernel_start_stop"] = timed(
        lambda _: NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3").execute(), repeats)

    sub = read_submission(content, spec, master)
    nonce = new_nonce()
    nb = rebuild(master, sub, spec, submission.stem, nonce)
    setup_index = next(i for i, c in enumerate(nb.cells)
                       if c.cell_type == "code" and "import" in c.source and "asylum_teach" in c.source
                       and c.metadata.get("asylum_teach", {}).get("role") != "preamble")
    for name, modules in (("cold", ()), ("warm", warm)):
        with Runner(limits, modules, prestart=False) as runner:
            times = [runner._loop.run_until_complete(
                _cells(runner, nbformat.from_dict(json.loads(json.dumps(nb))), setup_index))
                for _ in range(max(2, repeats // 2))]
        out[f"cells_setup_{name}"] = statistics.median(t[0] for t in times)
        out[f"cells_rest_{name}"] = statistics.median(t[1] for t in times)

    def fresh():
        n = new_nonce()
        return rebuild(master, read_submission(content, spec, master), spec, submission.stem, n), n

    statuses = set()

    def one_run(*_):
        statuses.add(run_notebook(*fresh(), limits, warm).status)

    out["runner_total"] = timed(one_run, repeats)  # a one-off runner: nothing overlaps

    jobs = [fresh() for _ in range(STEADY_RUNS)]  # rebuilt beforehand: only the runner is timed
    walls = []
    with Runner(limits, warm) as runner:  # one worker slot, the next kernel starting while one runs
        for job in jobs:
            t0 = time.perf_counter()
            statuses.add(runner.run(*job).status)
            walls.append(time.perf_counter() - t0)
    out["steady_state_first"] = walls[0]
    out["steady_state_per_notebook"] = statistics.median(walls[1:])
    out["steady_state_runs"] = len(walls)
    out["run_statuses"] = sorted(statuses)  # a right answer: only "ok" is expected

    from asylum_teach.grading import feedback
    from asylum_teach.grading.gradebook import Gradebook
    from asylum_teach.grading.records import GradedSubmission, Status
    from asylum_teach.grading.scoring import score

    def grader_side(*_):
        s = read_submission(content, spec, master)
        rebuild(master, s, spec, submission.stem, new_nonce())
        results = score(spec, {}, s.problems, checker.expected(submission.stem))
        graded = GradedSubmission(submission.stem, submission.name, Status.OK, tuple(results), (), s.written,
                                  s.answers)
        with tempfile.TemporaryDirectory() as tmp:
            book = Gradebook(Path(tmp) / "gradebook.sqlite")
            book.record(spec.exercise_id, graded)
            feedback.write(Path(tmp) / "feedback.html", feedback.render(spec, graded, {}))
            book.close()

    t0 = time.perf_counter()
    grader_side()  # the first call pays what is left to import and the key's first variant
    out["grader_side_first"] = time.perf_counter() - t0
    out["grader_side"] = timed(grader_side, repeats)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
