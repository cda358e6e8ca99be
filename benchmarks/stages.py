"""Where one graded notebook's time goes, stage by stage (a profile of ``asylum-teach grade``).

The grader's worker threads spend their time waiting on a child process, so a cProfile of the
grader shows little; instead each stage of :func:`asylum_teach.grading.batch.grade_one` is timed on
its own, a few times, and the medians printed as JSON:

* ``sandbox_start``: bubblewrap starting ``/bin/true`` with the grader's arguments (0 without bwrap);
* ``child_imports``: a fresh interpreter importing what the runner child imports before it can start
  a kernel (``asylum_teach.grading.child``, ``nbformat``, ``nbclient``);
* ``kernel_start_stop``: a fresh kernel started, made ready and shut down (nbclient; the floor);
* ``cells_warm``: the rebuilt notebook of a right answer run on an already-started kernel, split
  into the setup cell (which imports the library in the kernel) and the rest;
* ``grader_side``: read the submission, rebuild it, score the answers, render the HTML feedback;
* ``runner_total``: the whole :func:`asylum_teach.grading.runner.run_notebook` for that notebook
  (sandbox, child, kernel, cells, teardown), to compare with the sum of the parts.

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


def main(argv: list[str]) -> int:
    submission, exercise = Path(argv[0]), Path(argv[1])
    repeats = int(argv[2]) if len(argv) > 2 else 5
    from asylum_teach.grading import sandbox
    from asylum_teach.grading.extraction import new_nonce
    from asylum_teach.grading.rebuild import exercise_id_of, read_master, read_submission, rebuild
    from asylum_teach.grading.spec import get_spec

    out: dict = {"sandboxed": sandbox.available()}
    with tempfile.TemporaryDirectory(prefix="asylum-bench-stage-") as scratch:
        cmd = sandbox.wrap(["/bin/true"], Path(scratch), 0)
        out["sandbox_start"] = _median_time(lambda: subprocess.run(cmd, check=False), repeats) \
            if sandbox.available() else 0.0
    child = [sys.executable, "-c", "import asylum_teach.grading.child, nbformat, nbclient"]
    bare = [sys.executable, "-c", "pass"]
    out["python_start"] = _median_time(lambda: subprocess.run(bare, check=True), repeats)
    out["child_imports"] = _median_time(lambda: subprocess.run(child, check=True), repeats)

    import nbformat
    from nbclient import NotebookClient

    out["kernel_start_stop"] = _median_time(
        lambda: NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3").execute(), repeats)

    master = read_master(exercise)
    spec = get_spec(exercise_id_of(master))
    sub = read_submission(submission, spec)
    nonce = new_nonce()
    nb = rebuild(master, sub, spec, submission.stem, nonce)
    setup_index = next(i for i, c in enumerate(nb.cells)
                       if c.cell_type == "code" and "import" in c.source and "asylum_teach" in c.source
                       and c.metadata.get("asylum_teach", {}).get("role") != "preamble")
    setup, rest = [], []
    for _ in range(max(2, repeats // 2)):
        client = NotebookClient(nbformat.from_dict(json.loads(json.dumps(nb))), kernel_name="python3",
                                allow_errors=True, timeout=60)
        with client.setup_kernel():
            t0 = time.perf_counter()
            for i in range(setup_index + 1):
                if client.nb.cells[i].cell_type == "code":
                    client.execute_cell(client.nb.cells[i], i)
            setup.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for i in range(setup_index + 1, len(client.nb.cells)):
                if client.nb.cells[i].cell_type == "code":
                    client.execute_cell(client.nb.cells[i], i)
            rest.append(time.perf_counter() - t0)
    out["cells_setup"] = statistics.median(setup)
    out["cells_rest"] = statistics.median(rest)
    out["setup_cell_source"] = nb.cells[setup_index].source

    from asylum_teach.grading.runner import Limits, run_notebook

    def one_run():
        n = new_nonce()
        run_notebook(rebuild(master, read_submission(submission, spec), spec, submission.stem, n), n, Limits())

    out["runner_total"] = _median_time(one_run, repeats)  # everything the runner does for one notebook

    from asylum_teach.grading import batch
    from asylum_teach.grading.gradebook import Gradebook
    from asylum_teach.grading.scoring import score

    def grader_side():
        s = read_submission(submission, spec)
        rebuild(master, s, spec, submission.stem, new_nonce())
        results = score(spec, submission.stem, {}, s.problems)
        with tempfile.TemporaryDirectory() as tmp:
            book = Gradebook(Path(tmp) / "gradebook.sqlite")
            batch.render_feedback(book, spec, submission.stem, "ok", results, [], {}, s.answers, Path(tmp))
            book.close()

    t0 = time.perf_counter()
    grader_side()  # the first call pays imports (papermill's parameterize, nbconvert's HTML exporter)
    out["grader_side_first"] = time.perf_counter() - t0
    out["grader_side"] = _median_time(grader_side, repeats)
    out.update(yaml_what_if(repeats))
    out["import_yaml_share"] = import_yaml_share()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
