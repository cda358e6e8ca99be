"""``make bench``: how long instructors and students wait, measured side by side with nbgrader and the floor.

One run, one machine, everything measured in this run (nothing is copied from earlier runs):

1. grading throughput: a synthetic class of one exercise (see ``classgen.py``) graded by
   ``asylum-teach grade`` at 1 and 2 workers, by nbgrader's ``autograde`` on the same class (a
   throwaway venv in ``benchmarks/.cache``), and the floor (an empty notebook, fresh kernel, same
   count); wall time, per notebook, ratios, CPU time, peak memory; the flood submission alone too;
2. the whole course (every notebook, exercise and solution) executed with papermill on 2 workers, 3 times in a row;
3. ``import asylum_teach`` and the heavy modules a notebook imports, with ``-X importtime``;
4. deadline-engine throughput over generated clients; 5. widget latency in JupyterLab and Chromium (a changed
   input to the updated text and figure on screen, p50/p95) and where its time goes;
6. a stage-by-stage profile of one graded notebook, used to explain any gap to the targets.

Writes ``benchmarks/RESULTS.md`` (tables, machine, targets, profiles) and ``benchmarks/results.png``.

    python benchmarks/run.py            # the full run (what make bench does)
    python benchmarks/run.py --quick    # a smoke run: small class, few repeats, writes .cache/RESULTS-quick.md
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))

import classgen  # noqa: E402
import nbgrader_peer  # noqa: E402
from _measure import Measured, cpu_steal_fraction, median, read_cpu_times, reap_kernels, run_measured  # noqa: E402
import report  # noqa: E402

EXERCISE = ROOT / "exercises" / "02_deadlines.ipynb"
SOLUTION = ROOT / "solutions" / "02_deadlines.ipynb"
ASSIGNMENT = "deadlines"
PY = sys.executable

TARGETS = {
    "vs_nbgrader": 3.0,  # asylum-teach at least 3x faster than nbgrader
    "vs_floor_2w": 1.3,  # within 1.3x of the floor at 2 workers
    "peak_mb": 300.0,  # grader memory with the flood
    "import_s": 0.5,
    "course_s": 90.0,
    "widget_p95_ms": 250.0,  # from a changed input to the updated text and figure on screen, in the browser
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Bench:
    def __init__(self, args):
        self.args = args
        self.quick = args.quick
        self.owned = Path(tempfile.mkdtemp(prefix="asylum-bench-"))
        self.results: dict = {"errors": [], "reaped_kernels": 0, "mode": "quick" if self.quick else "full",
                              "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        (self.owned / "tmp").mkdir()
        (self.owned / "runtime").mkdir()
        env = dict(os.environ)
        for var in ("PYTHONPATH", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "PYTHONSTARTUP"):
            env.pop(var, None)
        env.update(TMPDIR=str(self.owned / "tmp"), JUPYTER_RUNTIME_DIR=str(self.owned / "runtime"),
                   JUPYTER_CONFIG_DIR=str(self.owned / "jupyter-config"), MPLBACKEND="Agg",
                   MPLCONFIGDIR=str(self.owned / "mpl"), PYDEVD_DISABLE_FILE_VALIDATION="1",
                   JUPYTER_PLATFORM_DIRS="1", PATH=os.pathsep.join([str(Path(PY).parent), env.get("PATH", "")]))
        self.env = env

    # ------------------------------------------------------------------ plumbing
    def measure(self, label: str, command: list[str], **kw) -> Measured:
        log(f"{label}: {' '.join(str(c) for c in command[:6])} ...")
        loads = os.getloadavg()
        cpu0 = read_cpu_times()
        m = run_measured(label, [str(c) for c in command], env=kw.pop("env", self.env), **kw)
        m.extra["steal"] = cpu_steal_fraction(cpu0, read_cpu_times())
        m.extra["load_before"] = loads[0]
        m.extra["load_after"] = os.getloadavg()[0]
        reaped = reap_kernels(str(self.owned))
        if reaped:
            self.results["reaped_kernels"] += len(reaped)
            log(f"  reaped {len(reaped)} kernel(s) left behind by {label}: pids {reaped}")
        log(f"  {label}: {m.wall:.1f} s, exit {m.returncode}, peak machinery {m.mb('machinery_rss'):.0f} MB, "
            f"tree {m.mb('tree_rss'):.0f} MB")
        return m

    def section(self, name: str, fn) -> None:
        started = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # a section that fails is reported, never fatal
            self.results["errors"].append(f"{name}: {type(exc).__name__}: {exc}")
            log(f"section {name} failed:\n{traceback.format_exc()}")
        self.results.setdefault("section_seconds", {})[name] = time.perf_counter() - started

    def json_of(self, m: Measured, what: str) -> dict:
        try:
            return json.loads(m.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            raise RuntimeError(f"{what} printed no result (exit {m.returncode}): {m.stderr.strip()[-800:]}")

    # ------------------------------------------------------------------ 1. grading
    def grading(self) -> None:
        size = self.args.class_size
        exercise, solution = json.loads(EXERCISE.read_text()), json.loads(SOLUTION.read_text())
        students = classgen.plan_class(exercise, solution, size=size)
        flood = [s for s in students if s.kind == "adversarial:output-flood"]
        from asylum_teach.grading.rebuild import exercise_id_of, read_master
        from asylum_teach.grading.spec import get_spec

        max_auto = get_spec(exercise_id_of(read_master(EXERCISE))).max_auto
        self.results["class"] = {"size": len(students), "mix": classgen.describe(students), "max_auto": max_auto,
                                 "exercise": str(EXERCISE.relative_to(ROOT)), "cell_timeout": self.args.cell_timeout,
                                 "notebook_timeout": self.args.notebook_timeout}
        subs = self.owned / "class-asylum"
        subs.mkdir(parents=True)
        self.file_ids = classgen.write_class(subs, exercise, students)
        self.results["class"]["nbgrader_honest_copies"] = [s.kind.split(":", 1)[1] for s in students
                                                           if not s.nbgrader_safe]
        flood_dir = self.owned / "flood-asylum"
        flood_dir.mkdir(parents=True)
        classgen.write_class(flood_dir, exercise, flood)

        peer = self.setup_nbgrader(exercise, solution, students)

        # warm-up (untimed): the first kernel start on a machine is several times slower (cold caches)
        self.measure("warm-up", [PY, HERE / "floor.py", 2, 1])
        runs: dict[str, list[Measured]] = {}
        workers = (1, 2)
        for r in range(self.args.repeat):
            for w in workers:  # interleaved, so slow drift in machine load hits every tool alike
                m = self.measure(f"floor {w}w #{r + 1}", [PY, HERE / "floor.py", len(students), w])
                data = self.json_of(m, "floor")
                m.extra["per_notebook_median"] = median(data["per_notebook"])
                m.extra["retries"] = data.get("retries", 0)
                runs.setdefault(f"floor-{w}", []).append(m)
                m = self.grade_asylum(subs, w, f"asylum-teach {w}w #{r + 1}")
                runs.setdefault(f"asylum-{w}", []).append(m)
                if w == 1 and peer:
                    m = self.grade_nbgrader(peer, students, f"nbgrader #{r + 1}")
                    runs.setdefault("nbgrader-1", []).append(m)
        self.results["grading_runs"] = {k: [self.summary(m) for m in v] for k, v in runs.items()}
        self.results["attacks"] = self.attacks(students, runs["asylum-2"][0])
        # the flood alone: whose memory does it blow up?
        flood_runs = {"asylum-1": self.grade_asylum(flood_dir, 1, "asylum-teach flood alone")}
        if peer:
            flood_runs["nbgrader-1"] = self.grade_nbgrader(peer, flood, "nbgrader flood alone")
        self.results["flood_runs"] = {k: self.summary(m) for k, m in flood_runs.items()}
        self.results["agreement"] = self.agreement(students, peer)

    def grade_asylum(self, subs: Path, workers: int, label: str) -> Measured:
        out = self.owned / f"out-{label.replace(' ', '-').replace('#', '')}"
        shutil.rmtree(out, ignore_errors=True)  # a fresh gradebook: nothing to resume
        m = self.measure(label, [PY, "-m", "asylum_teach", "grade", EXERCISE, subs, "--out", out,
                                 "--workers", workers, "--timeout", self.args.notebook_timeout,
                                 "--cell-timeout", self.args.cell_timeout, "--no-progress"], cwd=ROOT)
        if m.returncode not in (0, 1) or not (out / "gradebook.sqlite").exists():
            raise RuntimeError(f"asylum-teach grade failed (exit {m.returncode}): {m.stderr.strip()[-800:]}")
        m.extra["out"] = str(out)
        m.extra["scores"] = self.asylum_scores(out)
        return m

    def asylum_scores(self, out: Path) -> dict:
        """``{classgen student id: (auto score, status)}``: the gradebook's files mapped back to the students
        (an attack in a file name gives the student a safe id of the grader's own)."""
        import sqlite3

        con = sqlite3.connect(out / "gradebook.sqlite")
        try:
            rows = con.execute("SELECT student, source_file, auto_score, status FROM submissions").fetchall()
        finally:
            con.close()
        ids = getattr(self, "file_ids", {})
        return {ids.get(f, s): (a, st) for s, f, a, st in rows}

    def attacks(self, students, m: Measured) -> list:
        """Each adversarial student's outcome in asylum-teach (2 workers, first run), with its notes, and
        whether anything the attacks try to plant exists afterwards."""
        import sqlite3

        from asylum_teach.grading.safetext import terminal

        con = sqlite3.connect(Path(m.extra["out"]) / "gradebook.sqlite")
        try:
            rows = {f: (st, a, n) for f, st, a, n in
                    con.execute("SELECT source_file, status, auto_score, notes FROM submissions")}
        finally:
            con.close()
        by_id = {sid: f for f, sid in self.file_ids.items()}
        out = []
        for s in students:
            if not s.kind.startswith("adversarial:"):
                continue
            status, score, notes = rows.get(by_id.get(s.student_id), ("missing", None, "[]"))
            out.append({"attack": s.kind.split(":", 1)[1], "student": s.student_id, "status": status, "auto": score,
                        "notes": [terminal(n)[:160] for n in json.loads(notes)][:2], "nbgrader_copy":
                        "same attack" if s.nbgrader_safe else "honest answers (unsafe or a file-system trick)"})
        planted = [p for p in sys.path + ["/usr"] if p and (Path(p) / "zz-asylum-bench-attack.pth").exists()]
        self.results["planted_files"] = planted
        return out

    def setup_nbgrader(self, exercise, solution, students):
        if self.args.skip_nbgrader:
            self.results["nbgrader"] = {"skipped": "skipped by --skip-nbgrader"}
            return None
        log("nbgrader: preparing its venv in benchmarks/.cache (first run installs it from PyPI)")
        bindir, version = nbgrader_peer.ensure_venv(CACHE, CACHE / "nbgrader-install.log")
        if bindir is None:
            self.results["nbgrader"] = {"skipped": f"nbgrader could not be installed: {version}"}
            return None
        from asylum_teach.grading.spec import get_spec

        spec = get_spec(ASSIGNMENT)
        points = {q.key: q.points for q in spec.questions} | {w.key: w.points for w in spec.written}
        source = nbgrader_peer.source_notebook(exercise, solution, ASSIGNMENT, points)
        env = nbgrader_peer.nbgrader_env(self.env, nbgrader_peer.kernel_dir(self.owned), bindir)
        course = nbgrader_peer.make_course(self.owned, bindir, ASSIGNMENT, source,
                                           [s.student_id for s in students], env, self.args.cell_timeout)
        self.results["nbgrader"] = {"version": version}
        return {"bindir": bindir, "env": env, "course": course,
                "released": nbgrader_peer.released(course, ASSIGNMENT)}

    def grade_nbgrader(self, peer: dict, students, label: str) -> Measured:
        course, released = peer["course"], peer["released"]

        def write(folder: Path):
            for s in (s.for_nbgrader() for s in students):
                classgen.write(folder / s.student_id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                               classgen.fill(released, s), s)

        nbgrader_peer.reset_submissions(course, ASSIGNMENT, write)
        m = self.measure(label, nbgrader_peer.autograde_command(peer["bindir"], ASSIGNMENT), env=peer["env"],
                         cwd=course)
        m.extra["scores"] = nbgrader_peer.scores(course)
        m.extra["failed_students"] = sorted(s.student_id for s in students if s.student_id not in m.extra["scores"])
        return m

    def summary(self, m: Measured) -> dict:
        keep = {k: v for k, v in m.extra.items() if k not in ("out",)}
        return {"label": m.label, "wall": m.wall, "returncode": m.returncode, "top_mb": m.mb("top_rss"),
                "machinery_mb": m.mb("machinery_rss"), "tree_mb": m.mb("tree_rss"), "ru_maxrss_mb": m.mb("ru_maxrss"),
                "machinery_pss_mb": m.mb("machinery_pss"), "tree_pss_mb": m.mb("tree_pss"),
                "cpu_s": m.extra.get("cpu_s"), "samples": m.samples, "timed_out": m.timed_out, **keep}

    def agreement(self, students, peer) -> dict:
        runs = self.results["grading_runs"]
        ours = runs["asylum-1"][0]["scores"]
        full = self.results["class"]["max_auto"]
        out = {"right_full_marks": sum(1 for s in students if s.kind == "right" and ours.get(s.student_id, [0])[0] == full),
               "right_total": sum(1 for s in students if s.kind == "right")}
        two = runs["asylum-2"][0]["scores"]
        out["asylum_1w_vs_2w_same"] = sum(1 for s in students if ours.get(s.student_id, [None])[0] ==
                                          two.get(s.student_id, [None])[0])
        if peer and "nbgrader-1" in runs:
            theirs = runs["nbgrader-1"][0]["scores"]
            same = [s.student_id for s in students if s.student_id in theirs and
                    ours.get(s.student_id, [None])[0] == theirs[s.student_id]]
            differ = {s.student_id: (s.kind, ours.get(s.student_id, [None])[0], theirs.get(s.student_id))
                      for s in students if s.student_id not in same}
            out.update(vs_nbgrader_same=len(same), vs_nbgrader_differ=differ)
        out["statuses"] = {}
        for sid, (_, status) in ours.items():
            out["statuses"][status] = out["statuses"].get(status, 0) + 1
        return out

    # ------------------------------------------------------------------ 2. course
    def course(self) -> None:
        paths = sorted(str(p.relative_to(ROOT)) for folder in ("notebooks", "exercises", "solutions")
                       for p in (ROOT / folder).glob("*.ipynb"))
        if self.quick:
            paths = sorted(paths, key=lambda p: (ROOT / p).stat().st_size)[:2]
        if not paths:
            self.results["course"] = {"skipped": "no notebooks found"}
            return
        runs = []  # three runs in a row (one in quick mode): the target holds for every run, not on average
        for i in range(1 if self.quick else 3):
            m = self.measure(f"course (papermill, 2 workers), run {i + 1}",
                             [PY, HERE / "course.py", self.owned / f"course-out-{i}", 2, *paths], cwd=ROOT)
            runs.append((m, self.json_of(m, "course")))
        m, data = runs[0]
        self.results["course"] = {"wall": data["wall"], "process_wall": m.wall, "notebooks": data["notebooks"],
                                  "count": len(paths), "quick_subset": self.quick, "tree_mb": m.mb("tree_rss"),
                                  "runs": [d["wall"] for _m, d in runs],
                                  "failed_runs": [sum(1 for nb in d["notebooks"] if nb["status"] != "ok") for _m, d in runs]}

    # ------------------------------------------------------------------ 3. imports
    def imports(self) -> None:
        modules = ["asylum_teach", "asylum_teach.law.engine", "asylum_teach.model.generator",
                   "asylum_teach.grading.exercises.deadlines", "asylum_teach.teaching.widgets",
                   "asylum_teach.grading.runner", "asylum_teach.grading.kernel"]
        repeats = 3 if self.quick else 7
        rows = []
        code = "import time, importlib; t = time.perf_counter(); importlib.import_module({!r}); " \
               "print(time.perf_counter() - t)"
        bare = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run([PY, "-c", "pass"], env=self.env, check=True)
            bare.append(time.perf_counter() - t0)
        for mod in modules:
            times, walls = [], []
            ok = True
            for _ in range(repeats):
                t0 = time.perf_counter()
                done = subprocess.run([PY, "-c", code.format(mod)], env=self.env, capture_output=True, text=True,
                                      cwd=self.owned)
                walls.append(time.perf_counter() - t0)
                if done.returncode != 0:
                    ok = False
                    rows.append({"module": mod, "error": done.stderr.strip().splitlines()[-1][:200]})
                    break
                times.append(float(done.stdout.strip()))
            if not ok:
                continue
            prof = subprocess.run([PY, "-X", "importtime", "-c", f"import {mod}"], env=self.env,
                                  capture_output=True, text=True, cwd=self.owned)
            rows.append({"module": mod, "median_s": median(times), "min_s": min(times), "max_s": max(times),
                         "process_s": median(walls), "by_package": report.importtime_by_package(prof.stderr)})
        self.results["imports"] = {"rows": rows, "python_start_s": median(bare), "repeats": repeats}

    # ------------------------------------------------------------------ 4. deadlines
    def deadlines(self) -> None:
        n = 500 if self.quick else self.args.clients
        m = self.measure("deadline engine", [PY, HERE / "deadlines_bench.py", n], cwd=self.owned)
        self.results["deadlines"] = self.json_of(m, "deadline benchmark")

    # ------------------------------------------------------------------ 5. widget
    def widget(self) -> None:
        n = 5 if self.quick else 30
        m = self.measure("widget latency (JupyterLab + Chromium)", [PY, HERE / "widget_bench.py", n], cwd=self.owned)
        self.results["widget"] = self.json_of(m, "widget benchmark")

    # ------------------------------------------------------------------ 6. stages
    def stages(self) -> None:
        right = self.owned / "class-asylum" / "s001.ipynb"  # classgen writes the right students first
        m = self.measure("stage profile", [PY, HERE / "stages.py", right, EXERCISE, 3 if self.quick else 5],
                         cwd=self.owned)
        self.results["stages"] = self.json_of(m, "stage profile")

    # ------------------------------------------------------------------ 7. the clinic hub under load
    def hub(self) -> None:
        """N students on one hub beside single-user jupyter lab; its own report (benchmarks/HUB_RESULTS.md)."""
        out = CACHE / "HUB_RESULTS-quick.md" if self.quick else HERE / "HUB_RESULTS.md"
        m = self.measure("hub load", [PY, HERE / "hub_load.py", "--students", 5 if self.quick else 30, "--out", out],
                         cwd=ROOT)
        self.results["hub_load"] = self.json_of(m, "hub load benchmark")

    # ------------------------------------------------------------------ run
    def run(self) -> dict:
        cpu0 = read_cpu_times()
        self.results["machine"] = report.machine(ROOT, PY)
        tree_before = tree_fingerprint()
        only = set(self.args.only or SECTIONS)
        try:
            for name in SECTIONS:
                if name in only:
                    self.section(name, getattr(self, name))
        finally:
            self.results["reaped_kernels"] += len(reap_kernels(str(self.owned)))
            shutil.rmtree(self.owned, ignore_errors=True)
        self.results["steal_overall"] = cpu_steal_fraction(cpu0, read_cpu_times())
        self.results["tree_changed"] = tree_fingerprint() != tree_before
        self.results["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return self.results


SECTIONS = ("grading", "stages", "course", "imports", "deadlines", "widget", "hub")


def tree_fingerprint() -> str:
    """A hash of the code and notebooks being measured: a run whose tree changed under it is flagged."""
    import hashlib

    h = hashlib.sha256()
    for folder in ("asylum_teach", "exercises", "solutions", "notebooks"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: class of 8, small samples")
    parser.add_argument("--repeat", type=int, default=None, help="grading/floor runs per configuration "
                        "(median quoted; default 3, quick 1)")
    parser.add_argument("--class-size", type=int, default=None, help="submissions in the class (default 60)")
    parser.add_argument("--clients", type=int, default=10_000, help="generated clients for the engine benchmark")
    parser.add_argument("--cell-timeout", type=float, default=10.0, help="seconds per cell, both graders")
    parser.add_argument("--notebook-timeout", type=float, default=60.0, help="asylum-teach seconds per notebook")
    parser.add_argument("--skip-nbgrader", action="store_true", help="do not install or run nbgrader")
    parser.add_argument("--report-only", action="store_true", help="measure nothing: re-render the report and "
                        "chart from the last run's benchmarks/.cache/results.json (or results-quick.json)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the report "
                        "(default benchmarks/RESULTS.md; quick: benchmarks/.cache/RESULTS-quick.md; with --only: "
                        "benchmarks/.cache/RESULTS-only.md)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, metavar="SECTION",
                        help=f"measure only these sections ({', '.join(SECTIONS)}); the report then goes to "
                             "benchmarks/.cache/RESULTS-only.md unless --out says otherwise")
    args = parser.parse_args(argv)
    args.class_size = args.class_size or (8 if args.quick else 60)
    args.repeat = args.repeat or (1 if args.quick else 3)
    out = args.out or (CACHE / "RESULTS-only.md" if args.only else CACHE / "RESULTS-quick.md" if args.quick
                       else HERE / "RESULTS.md")
    CACHE.mkdir(parents=True, exist_ok=True)
    raw = CACHE / ("results-only.json" if args.only else "results-quick.json" if args.quick else "results.json")
    if args.report_only:
        results = json.loads(raw.read_text())
        results["re_rendered"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    else:
        started = time.perf_counter()
        results = Bench(args).run()
        results["total_seconds"] = time.perf_counter() - started
        raw.write_text(json.dumps(results, indent=1, default=str))
    chart = out.with_name("results-quick.png" if args.quick else "results.png")
    try:
        report.chart(results, chart, TARGETS)
    except Exception as exc:
        results["errors"].append(f"chart: {type(exc).__name__}: {exc}")
        chart = None
    out.write_text(report.markdown(results, TARGETS, chart.name if chart else None))
    log(f"wrote {out} ({results['total_seconds']:.0f} s); errors: {len(results['errors'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
