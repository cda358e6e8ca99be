"""``make bench``: every section measures asylum-teach beside its peers in one run, on this machine.

Writes ``benchmarks/results.json`` (machine, commit, per section the raw timings and the derived
ratios and percentiles) and the table in ``benchmarks/RESULTS.md`` between its markers.

    python benchmarks/run.py                         # everything (make bench)
    python benchmarks/run.py --only widget course    # some sections, into benchmarks/.cache/
    python benchmarks/run.py --quick                 # a smoke run (class of 8, one repeat), into .cache/
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
PY = sys.executable
EXERCISE = ROOT / "exercises" / "02_deadlines.ipynb"
SOLUTION = ROOT / "solutions" / "02_deadlines.ipynb"
ASSIGNMENT = "deadlines"
CELL_TIMEOUT, NOTEBOOK_TIMEOUT = 10, 60
SECTIONS = ("grading", "stages", "course", "imports", "deadlines", "widget", "hub")
MODULES = ("asylum_teach", "asylum_teach.law.engine", "asylum_teach.model.generator",
           "asylum_teach.teaching.widgets", "asylum_teach.grading.runner", "asylum_teach.grading.kernel")

sys.path.insert(0, str(HERE))
import classgen  # noqa: E402
import nbgrader_peer  # noqa: E402
import report  # noqa: E402
from _measure import last_json, log, median, reap_kernels, run_measured  # noqa: E402


class Bench:
    def __init__(self, quick: bool, repeat: int, class_size: int):
        self.quick, self.repeat, self.class_size = quick, repeat, class_size
        self.owned = Path(tempfile.mkdtemp(prefix="asylum-bench-"))
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "PYTHONSTARTUP")}
        for name in ("tmp", "runtime"):
            (self.owned / name).mkdir()
        env.update(TMPDIR=str(self.owned / "tmp"), JUPYTER_RUNTIME_DIR=str(self.owned / "runtime"),
                   JUPYTER_CONFIG_DIR=str(self.owned / "jupyter-config"), MPLBACKEND="Agg",
                   MPLCONFIGDIR=str(self.owned / "mpl"), PYDEVD_DISABLE_FILE_VALIDATION="1",
                   JUPYTER_PLATFORM_DIRS="1", PATH=os.pathsep.join([str(Path(PY).parent), env.get("PATH", "")]))
        self.env = env
        self.reaped = 0

    def measure(self, label: str, command: list, *, env=None, cwd=None, check=True):
        log(f"{label} ...")
        m = run_measured(command, env=env or self.env, cwd=cwd or self.owned)
        self.reaped += len(reap_kernels(str(self.owned)))
        log(f"  {label}: {m.wall:.1f} s, exit {m.returncode}, PSS {m.machinery_pss / 2**20:.0f} MB (kernels excluded)")
        if check and m.returncode != 0:
            raise RuntimeError(f"{label} exited {m.returncode}: {m.stderr.strip()[-600:]}")
        return m

    def script(self, label: str, *args, **kw):
        """Run one of the benchmark scripts and return the JSON it printed last."""
        return last_json(self.measure(label, [PY, *args], **kw).stdout, label)

    # -------------------------------------------------------------- grading vs nbgrader vs the floor
    def grading(self) -> dict:
        exercise, solution = json.loads(EXERCISE.read_text()), json.loads(SOLUTION.read_text())
        students = classgen.plan_class(exercise, solution, size=self.class_size)
        from asylum_teach.grading.rebuild import exercise_id_of, read_master
        from asylum_teach.grading.spec import get_spec

        spec = get_spec(exercise_id_of(read_master(EXERCISE)))
        subs, flood_dir = self.owned / "class", self.owned / "flood"
        file_ids = classgen.write_class(subs, exercise, students)
        classgen.write_class(flood_dir, exercise, [s for s in students if s.kind == "adversarial:output-flood"])
        raw: dict = {"class": {"size": len(students), "cell_timeout": CELL_TIMEOUT, "notebook_timeout":
                               NOTEBOOK_TIMEOUT}, "kinds": {s.student_id: s.kind for s in students},
                     "max_auto": spec.max_auto, "runs": {}, "scores": {}, "flood": {}}
        bindir, raw["nbgrader"] = nbgrader_peer.ensure_venv(CACHE)
        points = {q.key: q.points for q in spec.questions} | {w.key: w.points for w in spec.written}
        peer = nbgrader_peer.Course(self.owned, bindir, self.env, ASSIGNMENT, nbgrader_peer.source_notebook(
            exercise, solution, ASSIGNMENT, points), [s.student_id for s in students], CELL_TIMEOUT) if bindir else None

        def asylum(folder: Path, workers: int, label: str):
            out = self.owned / f"out-{label.replace(' ', '-')}"
            shutil.rmtree(out, ignore_errors=True)
            m = self.measure(label, [PY, "-m", "asylum_teach", "grade", EXERCISE, folder, "--out", out, "--workers",
                                     workers, "--timeout", NOTEBOOK_TIMEOUT, "--cell-timeout", CELL_TIMEOUT,
                                     "--no-progress"], cwd=ROOT, check=False)
            if m.returncode not in (0, 1) or not (out / "gradebook.sqlite").exists():  # 1: some could not be graded
                raise RuntimeError(f"asylum-teach grade exited {m.returncode}: {m.stderr.strip()[-600:]}")
            con = sqlite3.connect(out / "gradebook.sqlite")
            with con:
                rows = con.execute("SELECT student, source_file, auto_score, status, notes FROM submissions").fetchall()
            con.close()
            return m, {file_ids.get(f, s): (a, st, notes) for s, f, a, st, notes in rows}

        self.measure("warm-up (untimed)", [PY, HERE / "pool.py", "floor", 2, 1])
        for r in range(1, self.repeat + 1):
            for w in (1, 2):  # interleaved, so drift in the machine's load hits every tool alike
                m = self.measure(f"floor {w}w #{r}", [PY, HERE / "pool.py", "floor", len(students), w])
                raw["runs"].setdefault(f"floor-{w}", []).append(m.raw() | {"retries": sum(
                    x["retries"] for x in last_json(m.stdout, "floor")["runs"])})
                m, scores = asylum(subs, w, f"asylum-teach {w}w #{r}")
                raw["runs"].setdefault(f"asylum-{w}", []).append(m.raw())
                raw["scores"].setdefault(f"asylum-{w}", {k: v[:2] for k, v in scores.items()})
                if w == 2 and r == 1:
                    raw["attacks"] = {s.student_id: attack(s, *scores.get(s.student_id, (None, "missing", "[]")))
                                      for s in students if s.kind.startswith("adversarial:")}
                if w == 1 and peer:
                    m, scores = self.nbgrader(peer, students, f"nbgrader #{r}")
                    raw["runs"].setdefault("nbgrader-1", []).append(m.raw())
                    raw["scores"].setdefault("nbgrader-1", scores)
        raw["flood"]["asylum-1"] = asylum(flood_dir, 1, "asylum-teach flood alone")[0].raw()
        if peer:
            raw["flood"]["nbgrader-1"] = self.nbgrader(peer, [s for s in students if s.kind ==
                                                              "adversarial:output-flood"], "nbgrader flood alone")[0].raw()
        raw["planted"] = [p for p in sys.path + ["/usr"] if p and (Path(p) / "zz-asylum-bench-attack.pth").exists()]
        return raw

    def nbgrader(self, peer, students, label: str):
        def write(folder: Path):
            for s in (s.for_nbgrader() for s in students):
                classgen.write(folder / s.student_id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                               classgen.fill(peer.released, s), s)

        m = self.measure(label, peer.submit(write), env=peer.env, cwd=peer.dir, check=False)
        return m, peer.scores()

    # -------------------------------------------------------------- the rest
    def stages(self) -> dict:
        exercise = json.loads(EXERCISE.read_text())
        right = classgen.Student("s001", "right", classgen.answer_sources(json.loads(SOLUTION.read_text())))
        classgen.write(self.owned / "s001.ipynb", classgen.fill(exercise, right), right)
        return self.script("stage profile", HERE / "stages.py", self.owned / "s001.ipynb", EXERCISE,
                           3 if self.quick else 5)

    def course(self) -> dict:
        paths = sorted(str(p.relative_to(ROOT)) for d in ("notebooks", "exercises", "solutions")
                       for p in (ROOT / d).glob("*.ipynb"))
        if self.quick:
            paths = sorted(paths, key=lambda p: (ROOT / p).stat().st_size)[:2]
        runs = [self.script(f"course run {i + 1}", HERE / "pool.py", "course", self.owned / f"course-{i}", 2, *paths,
                            cwd=ROOT) for i in range(1 if self.quick else 3)]
        return {"count": len(paths), "runs": runs}

    def imports(self) -> dict:
        repeats = 3 if self.quick else 7
        code = "import time, importlib; t = time.perf_counter(); importlib.import_module({!r}); " \
               "print(time.perf_counter() - t)"

        def once(args):
            done = subprocess.run([PY, *args], env=self.env, capture_output=True, text=True, cwd=self.owned)
            return done.stdout.strip() if done.returncode == 0 else RuntimeError(done.stderr.strip()[-200:])

        bare = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            once(["-c", "pass"])
            bare.append(time.perf_counter() - t0)
        rows = []
        for mod in MODULES:
            times = [once(["-c", code.format(mod)]) for _ in range(repeats)]
            bad = [t for t in times if isinstance(t, Exception)]
            rows.append({"module": mod, "error": str(bad[0])} if bad else
                        {"module": mod, "median_s": median(float(t) for t in times),
                         "min_s": min(float(t) for t in times), "max_s": max(float(t) for t in times)})
        return {"python_start_s": median(bare), "repeats": repeats, "rows": rows}

    def deadlines(self) -> dict:
        return self.script("deadline engine", HERE / "deadlines_bench.py", 500 if self.quick else 10_000)

    def widget(self) -> dict:
        return self.script("widget latency (JupyterLab + Chromium)", HERE / "widget_bench.py", 5 if self.quick else 30)

    def hub(self) -> dict:
        return self.script("hub load", HERE / "hub_load.py", "--students", 5 if self.quick else 30, cwd=ROOT)


def attack(student, score, status, notes) -> dict:
    """One attack's outcome in asylum-teach (terminal escapes in the notes made harmless)."""
    from asylum_teach.safetext import terminal

    return {"attack": student.kind.split(":", 1)[1], "status": status, "auto": score,
            "notes": [terminal(n)[:160] for n in json.loads(notes)][:2],
            "nbgrader_copy": "same attack" if student.nbgrader_safe else "honest answers"}


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
              if line.startswith("MemTotal"))
    try:
        from asylum_teach.grading.sandbox import describe

        sandbox = describe()
    except Exception as exc:  # the sandbox is described, never required, here
        sandbox = f"unknown ({type(exc).__name__})"
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_gb": kb / 2**20,
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(), "sandbox": sandbox,
            "versions": {d: version(d) for d in ("nbclient", "ipykernel", "jupyter_client", "papermill",
                                                          "jupyterhub", "jupyterlab", "playwright")},
            "load": [os.getloadavg()[0]]}


def git(*args) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout.strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, metavar="SECTION", help=f"one of {', '.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="a smoke run: class of 8, one repeat, small samples")
    args = parser.parse_args(argv)
    full = not (args.only or args.quick)
    out_dir = HERE if full else CACHE
    CACHE.mkdir(exist_ok=True)
    bench = Bench(args.quick, 1 if args.quick else 3, 8 if args.quick else 60)
    results = {"schema": report.SCHEMA, "mode": "full" if full else "quick" if args.quick else "only",
               "commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "--porcelain", "-uno")),
               "started": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
               "sections": {}}
    started = time.perf_counter()
    try:
        for name in args.only or SECTIONS:
            t0 = time.perf_counter()
            try:
                raw = getattr(bench, name)()
                results["sections"][name] = {"raw": raw, "derived": report.DERIVE[name](raw)}
            except Exception as exc:  # a failing section is reported in the table, never fatal
                log(f"section {name} failed:\n{traceback.format_exc()}")
                results["sections"][name] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
            results["sections"][name]["seconds"] = round(time.perf_counter() - t0, 1)
    finally:
        bench.reaped += len(reap_kernels(str(bench.owned)))
        shutil.rmtree(bench.owned, ignore_errors=True)
    results.update(seconds=round(time.perf_counter() - started), kernels_reaped=bench.reaped,
                   finished=datetime.now(UTC).isoformat(timespec="seconds"))
    results["machine"]["load"].append(os.getloadavg()[0])
    results["rows"] = report.rows(results)
    (out_dir / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    block = report.render(results)
    if full:
        (HERE / "RESULTS.md").write_text(report.splice((HERE / "RESULTS.md").read_text(), block))
    print(block)
    log(f"wrote {out_dir / 'results.json'}" + (" and RESULTS.md" if full else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
