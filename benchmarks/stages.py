"""Where one graded notebook's time goes, stage by stage (a profile of ``asylum-teach grade``).

The grader drives each notebook's kernel over its sockets and otherwise waits, so a cProfile of the
grader shows little; instead each stage of :meth:`asylum_teach.grading.checker.Checker.check` is timed
on its own, a few times, and the medians printed as JSON:

* ``sandbox_start``: the whole sandbox chain starting ``/bin/true`` as a kernel is started (its own
  cgroup, an unprivileged uid, bubblewrap; 0 without bwrap);
* ``kernel_ready_cold`` / ``kernel_ready_warm``: one grading kernel (``python -m
  asylum_teach.grading.kernel``, in its sandbox) launched and waited for until it answers, without
  and with the ``warm`` modules (:attr:`asylum_teach.grading.checker.Checker.warm`) pre-imported;
  ``kernel_kill``: killing its sandbox and removing its scratch directory afterwards;
* ``kernel_start_stop``: a plain ``python3`` kernel started, made ready and shut down by nbclient
  (what the floor and the course run pay per notebook);
* ``cells_setup_*`` / ``cells_rest_*``: the rebuilt notebook of a right answer run on an already-ready
  grading kernel, split into the setup cell (which imports the library) and the rest (answers and
  answer reports), on a cold kernel, on one with the warm modules but the court calendar
  pre-imported (``exercise``), and on a warm one (every warm module, so the court calendar's tables too);
* ``grader_side``: read the submission, rebuild it, score the answers, record them in a gradebook and
  render the HTML feedback page;
* ``runner_total``: one :func:`asylum_teach.grading.runner.run_notebook` for that notebook end to end
  (a one-off runner: kernel start, cells, teardown, with nothing to overlap), to compare with the sum
  of the parts;
* ``steady_state_per_notebook``: one :class:`~asylum_teach.grading.runner.Runner` with prestart (what
  each ``--workers`` slot is) running the same notebook ``STEADY_RUNS`` times in a row; the median
  wall time per notebook after the first, where the next kernel starts while the current notebook
  runs (``steady_state_first`` is the first one, which has no spare kernel yet).

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


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def yaml_what_if(repeats: int) -> dict:
    """Parsing the rule files with the pure-Python ``SafeLoader`` vs libyaml's ``CSafeLoader``, both with the
    package's own duplicate-key constructor (same result checked), and which of the two ``law/rules.py`` uses."""
    import yaml

    from asylum_teach.law import rules

    files = sorted((Path(rules.__file__).resolve().parent.parent / "data" / "rules").glob("*.yaml"))
    texts = [(f, f.read_text(encoding="utf-8")) for f in files]
    loader_base = getattr(rules, "_Loader", None)
    uses_libyaml = bool(loader_base) and hasattr(yaml, "CSafeLoader") and issubclass(loader_base, yaml.CSafeLoader)
    out = {"yaml_files": len(files), "yaml_package_uses_libyaml": uses_libyaml,
           "yaml_package": _median_time(lambda: [rules.read_yaml(f, t) for f, t in texts], repeats)}
    if not getattr(yaml, "__with_libyaml__", False) or not hasattr(rules, "_construct_mapping"):
        return out

    def reader(base):
        class _L(base):
            source = "<rules>"

        _L.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, rules._construct_mapping)

        def read(path, text):
            loader = _L(text)
            loader.source = str(path)
            try:
                return loader.get_single_data()
            finally:
                loader.dispose()
        return read

    pure, fast = reader(yaml.SafeLoader), reader(yaml.CSafeLoader)
    out["yaml_same_result"] = all(fast(f, t) == pure(f, t) for f, t in texts)
    out["yaml_now"] = _median_time(lambda: [pure(f, t) for f, t in texts], repeats)  # pure-Python parser
    out["yaml_libyaml"] = _median_time(lambda: [fast(f, t) for f, t in texts], repeats)
    return out


PROFILE_IMPORT = """
import cProfile, json, pstats
prof = cProfile.Profile()
prof.enable()
import asylum_teach.grading.exercises.deadlines
prof.disable()
stats = pstats.Stats(prof).stats
total = max(v[3] for v in stats.values())
yaml_s = sum(v[3] for k, v in stats.items() if k[2] == "read_yaml" and k[0].endswith("rules.py"))
print(json.dumps(yaml_s / total))
"""


def import_yaml_share() -> float | None:
    """Share of ``import asylum_teach.grading.exercises.deadlines`` spent in ``law.rules.read_yaml`` (cProfile)."""
    done = subprocess.run([sys.executable, "-c", PROFILE_IMPORT], capture_output=True, text=True)
    try:
        return float(done.stdout.strip())
    except ValueError:
        return None


STEADY_RUNS = 8
CALENDAR = "asylum_teach.court_calendar"


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

    def sandbox_start():
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

    out["sandbox_start"] = _median_time(sandbox_start, repeats) if sandbox.available() else 0.0
    bare = [sys.executable, "-c", "pass"]
    out["python_start"] = _median_time(lambda: subprocess.run(bare, check=True), repeats)

    for name, modules in (("cold", ()), ("warm", warm)):
        with Runner(limits, modules, prestart=False) as runner:
            runner._loop.run_until_complete(_kernel_ready(runner))  # untimed: the first launch pays one-offs
            times = [runner._loop.run_until_complete(_kernel_ready(runner)) for _ in range(repeats)]
        out[f"kernel_ready_{name}"] = statistics.median(t[0] for t in times)
        out.setdefault("kernel_kill_all", []).extend(t[1] for t in times)
    out["kernel_kill"] = statistics.median(out.pop("kernel_kill_all"))

    out["kernel_start_stop"] = _median_time(
        lambda: NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3").execute(), repeats)

    sub = read_submission(content, spec, master)
    nonce = new_nonce()
    nb = rebuild(master, sub, spec, submission.stem, nonce)
    setup_index = next(i for i, c in enumerate(nb.cells)
                       if c.cell_type == "code" and "import" in c.source and "asylum_teach" in c.source
                       and c.metadata.get("asylum_teach", {}).get("role") != "preamble")
    # cold: nothing pre-imported; exercise: the warm modules but the calendar; warm: all of them
    no_calendar = tuple(m for m in warm if m != CALENDAR)
    for name, modules in (("cold", ()), ("exercise", no_calendar), ("warm", warm)):
        with Runner(limits, modules, prestart=False) as runner:
            times = [runner._loop.run_until_complete(
                _cells(runner, nbformat.from_dict(json.loads(json.dumps(nb))), setup_index))
                for _ in range(max(2, repeats // 2))]
        out[f"cells_setup_{name}"] = statistics.median(t[0] for t in times)
        out[f"cells_rest_{name}"] = statistics.median(t[1] for t in times)
    out["setup_cell_source"] = nb.cells[setup_index].source

    def fresh():
        n = new_nonce()
        return rebuild(master, read_submission(content, spec, master), spec, submission.stem, n), n

    statuses = set()

    def one_run():
        statuses.add(run_notebook(*fresh(), limits, warm).status)

    out["runner_total"] = _median_time(one_run, repeats)  # a one-off runner: nothing overlaps

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

    def grader_side():
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
    out["grader_side"] = _median_time(grader_side, repeats)
    out.update(yaml_what_if(repeats))
    out["import_yaml_share"] = import_yaml_share()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
