"""Turn one benchmark run's results into ``RESULTS.md`` and a chart. Every number comes from ``results``."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from _measure import median


# ----------------------------------------------------------------------------------------- machine
def machine(root: Path, python: str) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    versions = {}
    for dist in ("nbclient", "ipykernel", "jupyter_client", "papermill", "nbconvert", "matplotlib", "pyzmq"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "absent"
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    try:
        from asylum_teach.grading.sandbox import describe

        sandbox = describe()
    except Exception as exc:  # pragma: no cover
        sandbox = f"unknown ({type(exc).__name__})"
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "memory": mem, "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "versions": versions, "commit": commit + (" (with uncommitted changes)" if dirty else ""),
            "sandbox": sandbox, "load_at_start": os.getloadavg()}


def importtime_by_package(stderr: str, top: int = 6) -> list[tuple[str, float]]:
    """Self time from ``python -X importtime`` summed per top-level package, largest first (ms)."""
    totals: dict[str, float] = {}
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if not m:
            continue
        name = m.group(4).split(".")[0]
        totals[name] = totals.get(name, 0.0) + int(m.group(1)) / 1000
    return sorted(totals.items(), key=lambda kv: -kv[1])[:top]


# ----------------------------------------------------------------------------------------- numbers
def _med(runs: list[dict], key: str) -> float:
    return median([r[key] for r in runs if r.get(key) is not None])


def grading_rows(results: dict) -> list[dict]:
    runs = results.get("grading_runs", {})
    n = results.get("class", {}).get("size", 0) or 1
    rows = []
    names = {"floor-1": ("floor: empty notebook, fresh kernel", 1), "floor-2": ("floor: empty notebook, fresh kernel", 2),
             "asylum-1": ("asylum-teach grade", 1), "asylum-2": ("asylum-teach grade", 2),
             "nbgrader-1": ("nbgrader autograde", 1)}
    nbg = _med(runs["nbgrader-1"], "wall") if runs.get("nbgrader-1") else None
    for key, (name, workers) in names.items():
        if key not in runs:
            continue
        r = runs[key]
        wall = _med(r, "wall")
        floor = runs.get(f"floor-{workers}")
        rows.append({"key": key, "tool": name, "workers": workers, "wall": wall, "per_nb": wall / n,
                     "walls": [x["wall"] for x in r], "cpu": _med(r, "cpu_s"),
                     "vs_nbgrader": (nbg / wall) if nbg and key.startswith("asylum") else None,
                     "vs_floor": (wall / _med(floor, "wall")) if floor and not key.startswith("floor") else None,
                     "top_mb": max(x["top_mb"] for x in r), "machinery_mb": max(x["machinery_mb"] for x in r),
                     "tree_mb": max(x["tree_mb"] for x in r), "ru_maxrss_mb": max(x["ru_maxrss_mb"] for x in r),
                     "machinery_pss_mb": max((x.get("machinery_pss_mb") or 0) for x in r) or None,
                     "tree_pss_mb": max((x.get("tree_pss_mb") or 0) for x in r) or None,
                     "load": "; ".join(f"{x.get('load_before', 0):.1f}→{x.get('load_after', 0):.1f}" for x in r)})
    return rows


def targets(results: dict, t: dict) -> list[tuple[str, str, str, bool | None]]:
    """(target, measured, threshold, met) for the issue's five targets."""
    rows = {r["key"]: r for r in grading_rows(results)}
    out = []
    a1, a2, nbg = rows.get("asylum-1"), rows.get("asylum-2"), rows.get("nbgrader-1")
    if a2 and nbg:
        best = max(a1["vs_nbgrader"] if a1 else 0, a2["vs_nbgrader"])
        out.append(("grading a class vs nbgrader (speed-up)",
                    f"{a1['vs_nbgrader']:.2f}x at 1 worker, {a2['vs_nbgrader']:.2f}x at 2 workers" if a1 else
                    f"{a2['vs_nbgrader']:.2f}x", f">= {t['vs_nbgrader']:.0f}x", best >= t["vs_nbgrader"]))
    else:
        out.append(("grading a class vs nbgrader (speed-up)", "not measured (see below)", f">= {t['vs_nbgrader']:.0f}x", None))
    if a2:
        out.append(("grading vs the floor at 2 workers", f"{a2['vs_floor']:.2f}x", f"<= {t['vs_floor_2w']}x",
                    a2["vs_floor"] <= t["vs_floor_2w"]))
    flood = results.get("flood_runs", {})
    if a1 and a2:
        peak = max(a1["machinery_mb"], a2["machinery_mb"], flood.get("asylum-1", {}).get("machinery_mb", 0))
        tree = max(a1["tree_mb"], a2["tree_mb"])
        pss = max(a1.get("machinery_pss_mb") or 0, a2.get("machinery_pss_mb") or 0,
                  flood.get("asylum-1", {}).get("machinery_pss_mb") or 0) or None
        if pss:
            out.append(("peak grader memory with the flood (grader process + bubblewrap, kernels excluded; judged on PSS)",
                        f"PSS {pss:.0f} MB; RSS sum {peak:.0f} MB (whole tree incl. kernels: RSS {tree:.0f} MB)",
                        f"< {t['peak_mb']:.0f} MB", pss < t["peak_mb"]))
        else:
            out.append(("peak grader memory with the flood (grader process + bubblewrap, kernels excluded)",
                        f"{peak:.0f} MB (whole tree incl. kernels: {tree:.0f} MB)", f"< {t['peak_mb']:.0f} MB",
                        peak < t["peak_mb"]))
    imp = {r["module"]: r for r in results.get("imports", {}).get("rows", []) if "median_s" in r}
    if "asylum_teach" in imp:
        out.append(("`import asylum_teach`", f"{imp['asylum_teach']['median_s'] * 1000:.0f} ms",
                    f"< {t['import_s']} s", imp["asylum_teach"]["median_s"] < t["import_s"]))
    course = results.get("course", {})
    if "wall" in course:
        failed = sum(1 for nb in course["notebooks"] if nb["status"] != "ok")
        label = "whole course on 2 workers" + (" (quick: 2 smallest notebooks only)" if course.get("quick_subset") else "")
        note = f"; {failed} of them failed, timed up to the failure" if failed else ""
        runs = course.get("runs") or [course["wall"]]
        shown = ", ".join(f"{w:.1f}" for w in runs)
        label += f", {len(runs)} runs in a row" if len(runs) > 1 else ""
        out.append((label, f"{shown} s ({course['count']} notebooks{note})", f"< {t['course_s']:.0f} s each",
                    max(runs) < t["course_s"] and not any(course.get("failed_runs", []))))
    w = results.get("widget", {}).get("browser", {})
    for name, title in (("calculator", "deadline calculator"), ("explorer", "appeal explorer")):
        both = (w.get(name) or {}).get("both_on_screen")
        if both:
            out.append((f"{title}: changed input to text and figure on screen (browser, p95)",
                        f"{both['p95_ms']:.0f} ms (p50 {both['p50_ms']:.0f} ms, n={both['n']})",
                        f"< {t.get('widget_p95_ms', 250):.0f} ms", both["p95_ms"] < t.get("widget_p95_ms", 250)))
    return out


# ----------------------------------------------------------------------------------------- chart
def chart(results: dict, path: Path, t: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    rows = grading_rows(results)
    if not rows:
        raise RuntimeError("no grading results to chart")
    fig = Figure(figsize=(11, 4.6), dpi=110)
    FigureCanvasAgg(fig)
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    colours = {"floor": "#9e9e9e", "asylum": "#1f6f8b", "nbgrader": "#d9822b"}
    labels = [f"{r['tool'].split(':')[0].split()[0]}\n{r['workers']} worker{'s' if r['workers'] > 1 else ''}" for r in rows]
    walls = [r["wall"] for r in rows]
    bars = ax1.bar(range(len(rows)), walls, color=[colours[r["key"].split("-")[0]] for r in rows])
    for i, r in enumerate(rows):
        if len(r["walls"]) > 1:
            ax1.plot([i, i], [min(r["walls"]), max(r["walls"])], color="black", lw=1)
    ax1.bar_label(bars, labels=[f"{w:.0f} s" for w in walls], padding=2, fontsize=8)
    ax1.set_xticks(range(len(rows)), labels, fontsize=8)
    n = results.get("class", {}).get("size", "?")
    ax1.set_ylabel("wall time (s), median; line = range")
    ax1.set_title(f"Grading a class of {n} (cell timeout {results.get('class', {}).get('cell_timeout', '?'):g} s)",
                  fontsize=10)
    mem_rows = [r for r in rows if not r["key"].startswith("floor")]
    flood = results.get("flood_runs", {})
    names, machinery, pss, tree = [], [], [], []
    for r in mem_rows:
        names.append(f"{r['tool'].split()[0]}\n{r['workers']}w class")
        machinery.append(r["machinery_mb"])
        pss.append(r.get("machinery_pss_mb") or 0)
        tree.append(r["tree_mb"])
    for key, f in flood.items():
        names.append(f"{key.split('-')[0].replace('asylum', 'asylum-teach')}\nflood alone")
        machinery.append(f["machinery_mb"])
        pss.append(f.get("machinery_pss_mb") or 0)
        tree.append(f["tree_mb"])
    x = range(len(names))
    ax2.bar([i - 0.27 for i in x], machinery, width=0.27, label="grading tool's processes (RSS sum)", color="#1f6f8b")
    if any(pss):
        ax2.bar(list(x), pss, width=0.27, label="grading tool's processes (PSS sum)", color="#5fa8c4")
    ax2.bar([i + 0.27 for i in x], tree, width=0.27, label="whole tree incl. kernels (RSS sum)", color="#b0c4cc")
    ax2.axhline(t["peak_mb"], color="#c0392b", ls="--", lw=1, label=f"target {t['peak_mb']:.0f} MB")
    ax2.set_xticks(list(x), names, fontsize=7)
    ax2.set_ylabel("peak memory (MB), sampled")
    ax2.set_title("Peak memory (class includes one output flood)", fontsize=10)
    ax2.set_ylim(0, max(tree + machinery + [t["peak_mb"]]) * 1.4)
    ax2.legend(fontsize=7, loc="upper left")
    fig.suptitle(f"asylum-teach benchmarks, {results.get('started', '')} ({results.get('mode')} run)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)


# ----------------------------------------------------------------------------------------- markdown
def _spread(results: dict) -> str:
    """How much repeats of the same configuration disagreed: the run's own noise estimate."""
    worst = None
    for key, runs in results.get("grading_runs", {}).items():
        walls = [r["wall"] for r in runs]
        if len(walls) > 1:
            spread = (max(walls) - min(walls)) / median(walls)
            if worst is None or spread > worst[1]:
                worst = (key, spread)
    if worst is None:
        return ""
    return (f"Repeats of one configuration differed by up to {worst[1] * 100:.0f}% of their median ({worst[0]}); "
            "the tables quote medians, so one disturbed repeat does not decide a ratio, but read the ratios as "
            "approximate. ")


def _busy(row: dict, cores: int) -> float:
    """Percent of the machine's cores the tree kept busy over the run (sampled CPU / (wall x cores))."""
    return 100 * row["cpu"] / (row["wall"] * cores) if row.get("cpu") and row.get("wall") else 0.0


def _floor_retries(results: dict) -> int:
    runs = results.get("grading_runs", {})
    return sum(r.get("retries", 0) for key in ("floor-1", "floor-2") for r in runs.get(key, []))


def _f(x, fmt="{:.1f}", none="n/a"):
    return none if x is None else fmt.format(x)


def markdown(results: dict, t: dict, chart_name: str | None) -> str:
    L: list[str] = []
    m = results.get("machine", {})
    L += ["# Benchmarks: grading, course execution, start-up", "",
          f"Generated by `make bench` (`benchmarks/run.py`, {results.get('mode')} run) on {results.get('started')}; "
          f"finished {results.get('finished')} after {results.get('total_seconds', 0):.0f} s. Every number below was "
          "measured in that one run on this machine; nothing is copied from elsewhere. Re-run to refresh."
          + (f" (This text was re-rendered on {results['re_rendered']} from that run's raw results with "
             "`--report-only`; no new measurements.)" if results.get("re_rendered") else ""), ""]
    if results.get("mode") == "quick":
        L += ["**This is a smoke run (`--quick`): a tiny class and small samples. Do not quote it.**", ""]
    L += ["## Machine", "",
          f"- CPU: {m.get('cpu')}; {m.get('cores')} cores ({m.get('usable_cores')} usable); memory {m.get('memory')}",
          f"- {m.get('os')}; Python {m.get('python')}; " +
          ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items()),
          f"- nbgrader: {results.get('nbgrader', {}).get('version') or results.get('nbgrader', {}).get('skipped', 'n/a')}",
          f"- asylum-teach commit {m.get('commit')}; {m.get('sandbox')}",
          f"- Noise: load average {m.get('load_at_start', [0])[0]:.2f} at start; CPU steal during the run "
          f"{results.get('steal_overall', 0) * 100:.1f}% (shared virtual machine: other jobs may run alongside; "
          "the grading table gives each run's 1-minute load average before and after it). "
          + _spread(results) + f"Kernels left behind and reaped after the runs: {results.get('reaped_kernels', 0)}. "
          + f"Floor kernels that died starting and were started again: {_floor_retries(results)}.", ""]
    if results.get("tree_changed"):
        L += ["**Warning: the package, exercises or notebooks changed on disk during this run** (someone edited the "
              "working tree). Runs before and after the change measured different code; grades may disagree between "
              "runs. Run `make bench` again on a quiet tree (a clean clone is best).", ""]
    if results.get("errors"):
        L += ["## Errors during this run", ""] + [f"- {e}" for e in results["errors"]] + [""]

    L += ["## Targets", "", "| Target | Measured | Threshold | Met |", "|---|---|---|---|"]
    for name, measured, threshold, met in targets(results, t):
        L.append(f"| {name} | {measured} | {threshold} | {'yes' if met else ('n/a' if met is None else '**no**')} |")
    L.append("")

    rows = grading_rows(results)
    cls = results.get("class", {})
    if rows:
        L += ["## 1. Grading throughput", "",
              f"Class: {cls.get('size')} submissions of `{cls.get('exercise')}`: {cls.get('mix')}. "
              f"Both graders get a {cls.get('cell_timeout'):g} s cell timeout (asylum-teach also a "
              f"{cls.get('notebook_timeout'):g} s notebook limit; nbgrader has none). The nbgrader version of the "
              "exercise has the same cells and runs the same check per answer (`scoring.judge` against "
              "the instructor's answer key) in locked test cells; both run the same kernel (this venv's `python3`).", "",
              f"Runs per configuration: {len(rows[0]['walls'])}, interleaved (floor, asylum-teach, nbgrader, ...); "
              "the table quotes the median wall time and the largest memory peak.", "",
              "| Tool | Workers | Wall (s) | Per notebook (s) | CPU (s) | Speed-up vs nbgrader | vs floor | "
              "Peak grader process (MB) | Peak grading processes (MB, RSS / PSS) | Peak whole tree incl. kernels (MB, RSS / PSS) | "
              "Largest single process (MB) | Load avg (start→end) |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in rows:
            walls = " / ".join(f"{w:.1f}" for w in r["walls"])
            L.append(f"| {r['tool']} | {r['workers']} | {r['wall']:.1f} ({walls}) | {r['per_nb']:.2f} | "
                     f"{_f(r['cpu'])} | {_f(r['vs_nbgrader'], '{:.2f}x', '')} | {_f(r['vs_floor'], '{:.2f}x', '')} | "
                     f"{r['top_mb']:.0f} | {r['machinery_mb']:.0f} / {_f(r['machinery_pss_mb'], '{:.0f}')} | "
                     f"{r['tree_mb']:.0f} / {_f(r['tree_pss_mb'], '{:.0f}')} | {r['ru_maxrss_mb']:.0f} | "
                     f"{r['load']} |")
        L.append("")
        flood = results.get("flood_runs", {})
        if flood:
            L += ["**The output flood alone** (`while True: print('x' * 1000)` in one answer cell):", "",
                  "| Tool | Wall (s) | Peak grading processes (MB, RSS / PSS) | Peak whole tree (MB, RSS / PSS) | "
                  "Largest single process (MB) |",
                  "|---|---|---|---|---|"]
            for key, f in flood.items():
                L.append(f"| {'asylum-teach grade' if key.startswith('asylum') else 'nbgrader autograde'} | "
                         f"{f['wall']:.1f} | {f['machinery_mb']:.0f} / {_f(f.get('machinery_pss_mb'), '{:.0f}')} | "
                         f"{f['tree_mb']:.0f} / {_f(f.get('tree_pss_mb'), '{:.0f}')} | {f['ru_maxrss_mb']:.0f} |")
            L.append("")
        ag = results.get("agreement", {})
        if ag:
            L.append(f"Sanity: {ag.get('right_full_marks')}/{ag.get('right_total')} right submissions got full "
                     f"auto marks from asylum-teach; 1-worker and 2-worker runs agree on "
                     f"{ag.get('asylum_1w_vs_2w_same')}/{cls.get('size')} scores; statuses: "
                     + ", ".join(f"{k} {v}" for k, v in sorted(ag.get("statuses", {}).items())) + ".")
            if "vs_nbgrader_same" in ag:
                differ = ag.get("vs_nbgrader_differ", {})
                L[-1] += (f" nbgrader gave the same auto score to {ag['vs_nbgrader_same']}/{cls.get('size')}; "
                         "the others: " + ("; ".join(f"{sid} ({kind}): asylum-teach {a}, nbgrader "
                                                     f"{'no grade (submission failed)' if b is None else b}"
                                                     for sid, (kind, a, b) in sorted(differ.items())) or "none") + ".")
            L.append("")
        attacks = results.get("attacks", [])
        if attacks:
            honest = cls.get("nbgrader_honest_copies", [])
            L += ["**The attacks in the class** (issue #12; asylum-teach at 2 workers, first run). nbgrader runs "
                  "student code unsandboxed as the grading user, so " + (", ".join(honest) or "none") + " reached "
                  "its copy as the student's honest answers: those attacks would harm this machine unsandboxed, or "
                  "are file-system tricks. Files planted by the attacks found afterwards: "
                  + (", ".join(results.get("planted_files", [])) or "none") + ".", "",
                  "| Attack | Student | Status | Auto score | First notes | nbgrader's copy |", "|---|---|---|---|---|---|"]
            for a in attacks:
                notes = " / ".join(n.replace("|", "\\|") for n in a["notes"]) or ""
                L.append(f"| {a['attack']} | {a['student']} | {a['status']} | {_f(a['auto'], '{:g}')} | {notes} | "
                         f"{a['nbgrader_copy']} |")
            L.append("")
        L += ["Memory: psutil samples every 50 ms the RSS of the grading command and all its descendants "
              "(processes inside bubblewrap included). *Grader process* is the command itself; *grading processes* "
              "sums everything but the kernels (for asylum-teach: the grader process, which drives every kernel and "
              "collects its outputs, and the bubblewrap processes holding each kernel's sandbox; for nbgrader: its "
              "one process, which also collects outputs in-process); *whole tree* "
              "adds the kernels, which run identical code under both tools (a process forked but not yet turned into "
              "a sandbox or kernel by `exec`, a few ms each time, is left out: its pages are its parent's). "
              "*Largest single process* is "
              "`ru_maxrss` from `wait4`, which sampling cannot miss. RSS sums count a shared page (libpython, zmq, numpy) "
              "once in every process that maps it, so they overstate the real footprint; PSS (proportional set size, "
              "read from `/proc/PID/smaps_rollup` every 250 ms) splits shared pages between the processes and, when "
              "sampled, is what the memory target is judged on. CPU is summed over every process seen "
              "in the tree, sampled (user+system, each process at its last sample).", ""]
    if results.get("nbgrader", {}).get("skipped"):
        L += [f"**nbgrader was not measured: {results['nbgrader']['skipped']}.** The ratios to nbgrader are missing "
              "from this run.", ""]

    L += _stages_section(results, rows)
    L += _other_waits(results)
    L += _gaps(results, t, rows)
    if chart_name:
        L += ["## Chart", "", f"![grading wall time and peak memory]({chart_name})", ""]
    L += ["## How to reproduce", "",
          "`make bench` (about 20-30 minutes; the first run also installs nbgrader into `benchmarks/.cache/`). "
          "`python benchmarks/run.py --quick` is a smoke run (class of 8) that writes `benchmarks/.cache/RESULTS-quick.md`. "
          "`--repeat N`, `--class-size N`, `--cell-timeout S`, `--skip-nbgrader` are available; raw numbers of the last "
          "run are in `benchmarks/.cache/results.json`.", ""]
    return "\n".join(L)


def _stages_section(results: dict, rows: list[dict]) -> list[str]:
    s = results.get("stages")
    if not s:
        return []
    if "steady_state_per_notebook" not in s:  # results.json of a run before the long-lived runner
        return ["## Profile: where one graded notebook's time goes", "",
                "This run's stage profile predates the current runner (no steady-state stage); re-run to get one.", ""]
    per_nb = next((r["per_nb"] for r in rows if r["key"] == "asylum-1"), None)
    warm = ", ".join(f"`{m}`" for m in s.get("warm_modules", [])) or "none"
    parts = s["kernel_ready_warm"] + s["cells_setup_warm"] + s["cells_rest_warm"] + s["kernel_kill"]
    hidden = s["runner_total"] - s["steady_state_per_notebook"]
    L = ["## Profile: where one graded notebook's time goes", "",
         "Each stage of `grading.checker.Checker.check` timed on its own (median of several runs; `benchmarks/stages.py`), "
         "for one right submission. The grader process drives every kernel over its sockets and otherwise waits, so "
         "a cProfile of it says little; this split is the profile that matters. A *grading kernel* is "
         "`python -m asylum_teach.grading.kernel` in its own bubblewrap sandbox; a *warm* one pre-imports the "
         f"exercise's modules ({warm}) before it answers, a *cold* one imports nothing.", "",
         "| Stage | Seconds | What it is |", "|---|---|---|",
         f"| sandbox start | {s['sandbox_start']:.3f} | the kernel's sandbox chain (its cgroup, an unprivileged uid, "
         "bubblewrap) starting `/bin/true` "
         f"({'sandboxed; part of every kernel start below' if s['sandboxed'] else 'no bwrap: 0'}) |",
         f"| grading kernel start to ready, cold | {s['kernel_ready_cold']:.3f} | launch in the sandbox, set limits, "
         f"answer `kernel_info` (a bare interpreter starts in {s['python_start']:.3f}) |",
         f"| grading kernel start to ready, warm | {s['kernel_ready_warm']:.3f} | the same with the warm modules "
         f"imported first ({s['kernel_ready_warm'] - s['kernel_ready_cold']:+.3f} s); with prestart this runs while "
         "the previous notebook's cells run |",
         f"| kernel teardown | {s['kernel_kill']:.3f} | kill the sandbox and its cgroup, remove the scratch directory |",
         f"| setup cell, cold / no calendar / warm kernel | {s['cells_setup_cold']:.3f} / "
         f"{_f(s.get('cells_setup_exercise'), '{:.3f}')} / {s['cells_setup_warm']:.3f} | preamble + the exercise's "
         "imports of the library and `scenario()` |",
         f"| answer and emit cells, cold / no calendar / warm kernel | {s['cells_rest_cold']:.3f} / "
         f"{_f(s.get('cells_rest_exercise'), '{:.3f}')} / {s['cells_rest_warm']:.3f} | the student's answers and the "
         "answer reports (*no calendar*: every warm module pre-imported except `court_calendar`, so the first cell "
         "that needs the court calendar builds its tables) |",
         f"| grader side | {s['grader_side']:.3f} | read + rebuild + score + gradebook row + HTML feedback, in the "
         "grader process "
         f"(first call, with imports: {s['grader_side_first']:.3f}) |",
         f"| plain `python3` kernel start + stop | {s['kernel_start_stop']:.3f} | nbclient with a graceful shutdown: "
         "what the floor and the course run pay per notebook |",
         f"| **one-off `runner.run_notebook`** | **{s['runner_total']:.3f}** | one notebook end to end with nothing to "
         f"overlap (warm kernel); its parts above (warm start, warm cells, teardown) add up to {parts:.3f}; the "
         f"difference, {s['runner_total'] - parts:+.3f} s, is nbclient's connection and bookkeeping, or noise |",
         f"| **steady state, one worker slot** | **{s['steady_state_per_notebook']:.3f}** | median per notebook over "
         f"runs 2-{s['steady_state_runs']} of one `Runner` with prestart (run 1, with no spare kernel yet: "
         f"{s['steady_state_first']:.3f}); {hidden:+.3f} s against the one-off run is the kernel start the overlap hides |"]
    if per_nb is not None:
        L.append(f"| steady state + grader side | {s['steady_state_per_notebook'] + s['grader_side']:.3f} | measured per "
                 f"notebook at 1 worker over the class: {per_nb:.3f} (the class also holds timeouts, a flood and "
                 "a kernel that dies) |")
    if s.get("run_statuses") and s["run_statuses"] != ["ok"]:
        L.append("")
        L.append(f"**Warning**: the profiled right submission did not always run cleanly (statuses: "
                 f"{', '.join(s['run_statuses'])}); the runner stages above may time a failure.")
    L.append("")
    if s.get("yaml_libyaml") is not None:
        now = ("with libyaml already" if s.get("yaml_package_uses_libyaml") else "with the pure-Python parser") \
            if "yaml_package_uses_libyaml" in s else "with the pure-Python parser"
        L += [f"What-if measured in the same run: parsing the {s['yaml_files']} rule files with the package's loader "
              f"on the pure-Python `yaml.SafeLoader` takes {s['yaml_now'] * 1000:.0f} ms; on libyaml's "
              f"`yaml.CSafeLoader` (same duplicate-key constructor) {s['yaml_libyaml'] * 1000:.0f} ms, with "
              f"{'the same' if s.get('yaml_same_result', True) else 'DIFFERENT'} data. At the measured commit "
              f"`law/rules.py` parses {now}.", ""]
    return L


def _other_waits(results: dict) -> list[str]:
    L = ["## 2. The rest of the user's waits", ""]
    c = results.get("course", {})
    if "wall" in c:
        L += [f"**Whole course** ({c['count']} notebooks: notebooks/, exercises/, solutions/; papermill, 2 worker "
              f"processes, a fresh kernel each): **{c['wall']:.1f} s** wall.", "",
              "| Notebook | Seconds | Status |", "|---|---|---|"]
        for nb in sorted(c["notebooks"], key=lambda x: -x["seconds"]):
            L.append(f"| {nb['path']} | {nb['seconds']:.1f} | {nb['status']}{(': ' + nb['detail']) if nb['detail'] else ''} |")
        L.append("")
    elif c.get("skipped"):
        L += [f"Whole course: skipped ({c['skipped']}).", ""]
    imp = results.get("imports", {})
    if imp.get("rows"):
        L += [f"**Imports** (fresh interpreter each time, median of {imp['repeats']}; time inside the interpreter, and "
              f"the whole `python -c` process; a bare interpreter takes {imp['python_start_s'] * 1000:.0f} ms):", "",
              "| Module | Import (ms) | Range (ms) | Whole process (ms) | Largest self time by package (`-X importtime`, ms) |",
              "|---|---|---|---|---|"]
        for r in imp["rows"]:
            if "error" in r:
                L.append(f"| `{r['module']}` | not importable: {r['error']} | | | |")
                continue
            pk = ", ".join(f"{n} {ms:.0f}" for n, ms in r["by_package"])
            L.append(f"| `{r['module']}` | {r['median_s'] * 1000:.0f} | {r['min_s'] * 1000:.0f}-{r['max_s'] * 1000:.0f} | "
                     f"{r['process_s'] * 1000:.0f} | {pk} |")
        L.append("")
        names = {r["module"] for r in imp["rows"]}
        if {"asylum_teach.grading.runner", "asylum_teach.grading.kernel"} & names:
            L += ["`asylum_teach.grading.runner` is what the grader process imports to run notebooks (nbclient, "
                  "jupyter_client and pyzmq come later, when its first kernel starts); `asylum_teach.grading.kernel` "
                  "is the grading kernel's entry module, light on its own: run as a kernel it then imports ipykernel "
                  "and the warm modules, which the stage profile times as the kernel's start.", ""]
    d = results.get("deadlines")
    if d:
        L += [f"**Deadline engine**: {d['deadlines']:,} deadlines for {d['clients']:,} generated clients (every rule "
              f"whose trigger fact the client has; {d['rules_with_trigger']} rules): **{d['rate_overall']:,.0f} "
              f"deadlines/s** overall (per chunk of {d['clients'] // 10:,} clients: median {d['rate_median']:,.0f}, "
              f"range {d['rate_min']:,.0f}-{d['rate_max']:,.0f}); {d['errors']} refusals. Generating the clients: "
              f"{d['clients_per_s']:,.0f} clients/s ({d['generate_s']:.1f} s). Start-up in a fresh process: imports "
              f"{d['import_s'] * 1000:.0f} ms, `load_rules()` {d.get('load_rules_s', 0) * 1000:.0f} ms"
              + (f", the court calendar's first use {(d['holidays_import_s'] + d['calendar_all_years_s']) * 1000:.0f} ms "
                 f"(importing `holidays` {d['holidays_import_s'] * 1000:.0f} ms, then its table for all "
                 f"{d['calendar_years']} years {d['calendar_all_years_s'] * 1000:.0f} ms; in a fresh process the three "
                 f"years around the as-of date alone take {d['calendar_three_years_s'] * 1000:.0f} ms)"
                 if "calendar_years" in d else "")
              + f"; the first `deadline_for` call (which builds the calendar in that process) "
                f"{d['first_call_s'] * 1000:.0f} ms.", ""]
    L += widget_latency(results.get("widget"))
    return L


def widget_latency(w: dict | None) -> list[str]:
    """The browser latency of the two interactive widgets, and where the time goes."""
    if not w:
        return []
    if w.get("skipped") or (w.get("browser") or {}).get("skipped"):
        return [f"**Widget latency**: skipped ({w.get('skipped') or w['browser']['skipped']}).", ""]
    L = [f"**Widget latency** (JupyterLab and Chromium; a new date set in the widget's date picker, until both the "
         f"explanation and the figure's alt text state the new answer, plus one frame; {w['interactions']} "
         f"interactions per widget after {w['warmup']} warm-ups):", "",
         "| Widget | Text and figure on screen: p50 / p95 / max (ms) | Text p50 / p95 | Figure p50 / p95 | "
         "In the kernel: library + text + figure (ms) | Sent (KB) | The old matplotlib figure: render + PNG (ms, KB) |",
         "|---|---|---|---|---|---|---|"]
    for name, title in (("calculator", "deadline calculator"), ("explorer", "appeal explorer")):
        b, k = w["browser"].get(name) or {}, w["kernel"][name]
        both, text, fig = b.get("both_on_screen"), b.get("text"), b.get("figure")
        if not both:
            L.append(f"| {title} | timed out | | | | | |")
            continue
        L.append(f"| {title} | {both['p50_ms']:.0f} / {both['p95_ms']:.0f} / {both['max_ms']:.0f} | "
                 f"{text['p50_ms']:.0f} / {text['p95_ms']:.0f} | {fig['p50_ms']:.0f} / {fig['p95_ms']:.0f} | "
                 f"{k['compute_ms']:.1f} + {k['text_ms']:.1f} + {k['figure_ms']:.1f} | {k['bytes'] / 1024:.0f} | "
                 f"{k['matplotlib_figure_ms']:.0f} ms, {k['matplotlib_png_bytes'] / 1024:.0f} KB |")
    L += ["", "Where the time goes: the kernel's share (the library call, the HTML and the SVG figure) is a few "
          "milliseconds; the rest is the round trip to the kernel and back and the browser drawing the new HTML. "
          "The figure used to be a matplotlib PNG drawn after the text, in a separate Output-widget message: its "
          "render alone is the last column.", ""]
    return L


def _done(results: dict, s: dict, n: int, w: int, a2: dict | None, speed_missed: bool) -> list[str]:
    """What the runner redesign and earlier changes did, each with this run's numbers."""
    hidden = s["runner_total"] - s["steady_state_per_notebook"]
    share = hidden / s["runner_total"] if s["runner_total"] else 0.0
    L = ["What was proposed in earlier reports, and what this run measures of it:", ""]
    L.append(f"1. **One long-lived runner per worker: done.** `grading/runner.py`'s `Runner` is one worker slot inside "
             "the grader process; it drives each notebook's kernel with nbclient over Unix sockets, so no interpreter "
             "is started per notebook besides the kernel itself (there are no runner children any more). One "
             f"notebook run on its own costs {s['runner_total']:.2f} s end to end, of which the warm kernel's start "
             f"to ready is {s['kernel_ready_warm']:.2f} s.")
    if s.get("yaml_package_uses_libyaml"):
        L.append(f"2. **libyaml for the rule files: done** (`law/rules.py` parses with libyaml: "
                 f"{s['yaml_libyaml'] * 1000:.0f} ms instead of {s['yaml_now'] * 1000:.0f} ms for the rules, same data).")
    elif s.get("yaml_libyaml") is not None:
        L.append(f"2. **libyaml for the rule files: not done at the measured commit** (`law/rules.py`: "
                 "`class _Loader(yaml.SafeLoader)` -> `yaml.CSafeLoader` when `yaml.__with_libyaml__`): parsing the "
                 f"rules would drop from {s['yaml_now'] * 1000:.0f} ms to {s['yaml_libyaml'] * 1000:.0f} ms with "
                 "identical data, in every kernel that imports the exercise module.")
    overlap = (f"3. **Overlap kernel start-up with execution, and pre-import the library: done.** The `Runner` launches "
               "the next notebook's kernel while the current notebook runs, and that kernel imports the warm modules "
               f"before it answers. In steady state one worker slot takes {s['steady_state_per_notebook']:.2f} s per "
               f"notebook against {s['runner_total']:.2f} s for a notebook run on its own: ")
    if share >= 0.05:
        overlap += f"the overlap hides {hidden:.2f} s ({share * 100:.0f}%) of every notebook."
    else:
        overlap += (f"in this run the overlap hid little ({hidden:+.2f} s), so the next kernel's start was not ready "
                    "in time or the cores were busy (see the load averages).")
    overlap += (f" Pre-importing cuts the setup cell from {s['cells_setup_cold']:.2f} s (cold kernel) to "
                f"{s['cells_setup_warm']:.2f} s (warm) and changes the kernel's start to ready by "
                f"{s['kernel_ready_warm'] - s['kernel_ready_cold']:+.2f} s, which the overlap hides.")
    L.append(overlap)
    g = s["grader_side"]
    feedback = (f"4. **Feedback after the batch: not done.** Grader-side work (read, rebuild, score, HTML feedback) is "
                f"{g:.2f} s per notebook in the grader process, about {n * g / w:.1f} s of this class at {w} workers")
    pct = None
    if a2 and a2.get("wall"):
        pct = 100 * n * g / w / a2["wall"]
        feedback += f", {pct:.0f}% of its {a2['wall']:.1f} s wall"
    feedback += ". "
    if speed_missed and (pct is None or pct >= 5):
        feedback += ("It competes with the kernels for the cores; rendering feedback in one pass after scoring (or on "
                     "demand) would take it off the critical path, which matters while a speed target is missed.")
    elif speed_missed:
        feedback += "Too small a share to close the remaining gap; not proposed."
    else:
        feedback += "With the speed targets met, not worth the change."
    L.append(feedback)
    d = results.get("deadlines") or {}
    cal = ""
    if "calendar_years" in d:
        cal = (f" (in a fresh process, importing `holidays` and building the tables for {d['calendar_years']} years "
               f"takes {(d['holidays_import_s'] + d['calendar_all_years_s']) * 1000:.0f} ms; section 2)")
    five = ("5. **A warm calendar: done.** `court_calendar.warm()`, called by the kernel for the warm module "
            "`asylum_teach.court_calendar`, builds the holiday tables before the notebook arrives")
    if s.get("cells_setup_exercise") is not None:
        without = s["cells_setup_exercise"] + s["cells_rest_exercise"]
        with_cal = s["cells_setup_warm"] + s["cells_rest_warm"]
        five += (f": a right submission's cells take {with_cal:.2f} s on a warm kernel against {without:.2f} s on one "
                 f"with everything but the calendar pre-imported, so {without - with_cal:+.2f} s per notebook moves "
                 f"into the overlapped kernel start{cal}.")
    else:
        five += f"{cal}."
    L.append(five)
    L.append("")
    return L


def _gaps(results: dict, t: dict, rows: list[dict]) -> list[str]:
    """For each target: what the profile shows and what would close the gap (numbers from this run)."""
    L = ["## 3. Gaps, profiles and what would close them", ""]
    by = {r["key"]: r for r in rows}
    s = results.get("stages") or {}
    if "steady_state_per_notebook" not in s:
        s = {}  # a profile from before the long-lived runner: not comparable
    cls = results.get("class", {})
    n = cls.get("size", 0) or 1
    w = 2
    statuses = results.get("agreement", {}).get("statuses", {})
    judged = targets(results, t)
    missed = [name for name, _, _, met in judged if met is False]
    speed_missed = any(met is False for name, _, _, met in judged
                       if name.startswith("grading a class vs nbgrader") or name.startswith("grading vs the floor"))
    L += [("Missed in this run: " + "; ".join(missed) + ".") if missed else
          "Every target measured in this run was met.", ""]
    a1, a2, f1, f2, nb = (by.get(k) for k in ("asylum-1", "asylum-2", "floor-1", "floor-2", "nbgrader-1"))
    cores = results.get("machine", {}).get("usable_cores") or 2
    if s:
        L += _done(results, s, n, w, a2, speed_missed)
    if a2 and f2:
        met = a2["vs_floor"] <= t["vs_floor_2w"]
        L.append(f"**Against the floor at 2 workers**: {a2['wall']:.1f} s vs {f2['wall']:.1f} s ({a2['vs_floor']:.2f}x; "
                 f"target <= {t['vs_floor_2w']}x): " + ("met." if met else f"missed by {a2['wall'] - f2['wall']:.1f} s."))
        if a1 and f1:
            timeouts = statuses.get("timeout", 0) * cls.get("cell_timeout", 0)
            L[-1] += (" The floor starts each kernel only after the previous one has shut down (nbclient's graceful "
                      "shutdown) and runs nothing in it; asylum-teach starts the next kernel while the current notebook "
                      "runs and kills kernels instead of shutting them down, so it can come in under the floor where a "
                      "core is free for the next kernel, as at 1 worker: "
                      + ("it did" if a1["vs_floor"] < 1 else "in this run it did not")
                      + f" ({a1['wall']:.1f} s vs {f1['wall']:.1f} s, {a1['vs_floor']:.2f}x"
                      + (f", of which {timeouts:g} s are cells running into the cell timeout, by design"
                         if timeouts else "") + f"). At 2 workers on {cores} cores the kernels starting and the kernels "
                      "running share the same cores.")
        L.append("")
        if not met and s:
            died = statuses.get("kernel-died", 0)
            parts = [
                ("notebooks at one worker slot's steady-state pace", n * s["steady_state_per_notebook"] / w,
                 f"{n} x {s['steady_state_per_notebook']:.2f} s / {w}"),
                ("first notebook of each worker (no spare kernel yet)",
                 max(0.0, s["steady_state_first"] - s["steady_state_per_notebook"]),
                 f"{s['steady_state_first']:.2f} - {s['steady_state_per_notebook']:.2f} s, the workers in parallel"),
                ("grader side (read, rebuild, score, gradebook, HTML feedback)", n * s["grader_side"] / w,
                 f"{n} x {s['grader_side']:.2f} s / {w}; in the grader's threads, on the same cores"),
                ("cells that ran into the cell timeout", statuses.get("timeout", 0) * cls.get("cell_timeout", 0) / w,
                 f"{statuses.get('timeout', 0)} submission(s) x {cls.get('cell_timeout', 0):g} s / {w}; by design"),
                ("kernel restarts after a kernel died", died * s["kernel_ready_warm"] / w,
                 f"{died} x one warm kernel start / {w}; by design"),
            ]
            total = sum(p[1] for p in parts)
            L += ["Where the wall time goes, estimated from the stage profile (each stage measured alone, one worker "
                  "slot with a core to spare, so at 2 workers this is a lower bound):", "",
                  "| Part | Estimated seconds | From |", "|---|---|---|"]
            L += [f"| {name} | {secs:.1f} | {how} |" for name, secs, how in parts]
            L += [f"| **sum of estimates** | **{total:.1f}** | measured {a2['wall']:.1f}; the floor {f2['wall']:.1f} |", ""]
            timeout = cls.get("cell_timeout", 0)
            critical = bool(statuses.get("timeout")) and timeout >= 0.25 * a2["wall"]
            if critical:
                L += [f"The split by {w} assumes the workers share the work evenly, but one notebook is never split: a "
                      f"worker stuck in a {timeout:g} s cell timeout holds it alone, so no class with a timeout can be "
                      f"graded in under {timeout:g} s, and in a class this small that single notebook is a large part "
                      "of the wall.", ""]
            if a2.get("cpu"):
                busy = _busy(a2, cores)
                L.append(f"At 2 workers asylum-teach's processes used {a2['cpu']:.0f} CPU-s in {a2['wall']:.0f} s, the "
                         f"{cores} cores {busy:.0f}% busy (the floor: {_busy(f2, cores):.0f}%). ")
                if busy >= 85:
                    L[-1] += (f"The cores are nearly saturated, so what remains is CPU work: {a2['cpu'] / n:.2f} CPU-s "
                              f"per notebook against the floor's {f2['cpu'] / n:.2f}; the largest parts above are where "
                              "to cut.")
                else:
                    L[-1] += (f"The {t['vs_floor_2w']}x target is missed with idle cores: "
                              + ("besides that one notebook, " if critical else "") + "part of every notebook is "
                              f"waiting (the kernel's first reply, teardown), part is the {w} spare kernels starting "
                              "alongside the running ones, and part is other jobs on this shared machine (see the load "
                              "averages). More workers than cores (`--workers 3` on 2 cores) would fill the idle share; "
                              "worth measuring.")
                L.append("")
    if a1 and a2 and nb and f1 and f2:
        bound = nb["wall"] / f2["wall"]
        met = max(a1["vs_nbgrader"], a2["vs_nbgrader"]) >= t["vs_nbgrader"]
        L += [f"**Against nbgrader**: nbgrader took {nb['wall']:.1f} s ({nb['per_nb']:.2f} s per notebook, sequential: "
              f"it has no parallel autograde); asylum-teach {a1['wall']:.1f} s at 1 worker and {a2['wall']:.1f} s at 2 "
              f"workers, so {a1['vs_nbgrader']:.2f}x and {a2['vs_nbgrader']:.2f}x (target >= {t['vs_nbgrader']:.0f}x: "
              f"{'met' if met else 'missed'}). Grading at the floor (a fresh kernel per notebook, one after another, "
              f"nothing else) would be {nb['wall'] / f1['wall']:.2f}x faster than nbgrader at 1 worker and "
              f"{bound:.2f}x at 2 workers on this machine."]
        if not met and bound < t["vs_nbgrader"]:
            L[-1] += (f" Even the floor misses {t['vs_nbgrader']:.0f}x here: nbgrader's own cost per notebook is mostly "
                      "the same kernel start, and 2 cores allow at most 2x parallelism. Overlapping kernel starts (done) "
                      "is what lets a grader beat the floor; beyond that the target needs more cores (the bound grows "
                      "with cores, nbgrader's time does not) or giving up fresh kernels, which the sandbox and the "
                      "grading design require.")
        elif not met:
            L[-1] += (f" The target is reachable: {t['vs_nbgrader']:.0f}x at 2 workers means staying within "
                      f"{bound / t['vs_nbgrader']:.2f}x of the floor, so it stands or falls with the floor target above.")
        if all(r.get("cpu") for r in (a1, a2, nb, f1)):
            L[-1] += (f" In CPU time, which other jobs on the machine disturb less than wall time, per notebook: floor "
                      f"{f1['cpu'] / n:.2f} s, asylum-teach {a1['cpu'] / n:.2f} s (1 worker) / {a2['cpu'] / n:.2f} s "
                      f"(2 workers), nbgrader {nb['cpu'] / n:.2f} s. With {cores} cores, the best wall time for a class "
                      f"is about its CPU time / {cores}.")
        L.append("")
    if a1:
        peak = max(a1["machinery_mb"], a2["machinery_mb"] if a2 else 0)
        top = max(a1["top_mb"], a2["top_mb"] if a2 else 0)
        flood = results.get("flood_runs", {})
        pss = max(a1.get("machinery_pss_mb") or 0, (a2 or {}).get("machinery_pss_mb") or 0) or None
        judged_mb = pss if pss else peak
        L.append(f"**Memory**: the grader process peaked at {top:.0f} MB RSS, and all grading processes (the grader, "
                 "which drives every kernel and receives its messages, and the bubblewrap processes that hold each "
                 "kernel's sandbox, a pair per live kernel, with up to two live kernels per worker: the running one "
                 f"and the spare) at {peak:.0f} MB RSS summed" + (f", {pss:.0f} MB PSS" if pss else "")
                 + (" (target met)." if judged_mb < t["peak_mb"] else f", above the {t['peak_mb']:.0f} MB target.")
                 + f" Everything besides the grader process accounts for {peak - top:.0f} MB. Grading processes at 1 "
                 f"worker {a1['machinery_mb']:.0f} MB"
                 + (f", at 2 workers {a2['machinery_mb']:.0f} MB; the whole tree including kernels {a1['tree_mb']:.0f} "
                    f"MB and {a2['tree_mb']:.0f} MB" if a2 else "")
                 + ". The notebooks' output does not add to it: it is counted and dropped as it arrives.")
        if "asylum-1" in flood:
            L[-1] += (f" With the flood alone: {flood['asylum-1']['machinery_mb']:.0f} MB in {flood['asylum-1']['wall']:.1f} s; "
                      "the flood now streams into the grader process itself, whose output hook counts and drops it "
                      "and interrupts the cell at the cap.")
        if "nbgrader-1" in flood:
            L[-1] += (f" nbgrader keeps the flood's output in its own process until the cell timeout: "
                      f"{flood['nbgrader-1']['machinery_mb']:.0f} MB for the flood alone, in {flood['nbgrader-1']['wall']:.1f} s.")
        if judged_mb >= t["peak_mb"]:
            L[-1] += (" To get under the target: a leaner grader process (it imports papermill only to inject the "
                      "parameters cell in `grading/rebuild.py`, and nbconvert's HTML exporter for feedback in "
                      "`grading/batch.py`), and a smaller bound on what one kernel's messages can make it hold "
                      "(`runner.MAX_QUEUED_MESSAGES` x `MAX_MESSAGE_BYTES`).")
        L.append("")
    imp = {r["module"]: r for r in results.get("imports", {}).get("rows", []) if "median_s" in r}
    if imp:
        heavy = sorted((r for r in imp.values() if r["module"] != "asylum_teach"), key=lambda r: -r["median_s"])
        L.append(f"**Imports**: `import asylum_teach` costs {imp.get('asylum_teach', {}).get('median_s', 0) * 1000:.0f} ms "
                 "(the package `__init__` only defines a lazy `__getattr__` table; nothing to change there).")
        if heavy:
            h = heavy[0]
            L[-1] += (f" The heaviest submodule measured is `{h['module']}` at {h['median_s'] * 1000:.0f} ms, most "
                      "self time in " + ", ".join(f"{p} ({ms:.0f} ms)" for p, ms in h["by_package"][:3]) + ".")
            if s.get("import_yaml_share") is not None:
                L[-1] += (f" Of the exercise module's import, {s['import_yaml_share'] * 100:.0f}% is spent parsing rule "
                          "YAML (cProfile), because the spec loads the rules at import"
                          + (" (already with libyaml, proposal 2)." if s.get("yaml_package_uses_libyaml") else
                             "; libyaml would cut that (proposal 2)."))
            if h["module"] in s.get("warm_modules", []):
                L[-1] += (" Graded notebooks no longer wait for it: their kernels import it before the notebook arrives "
                          "(proposal 3).")
        L.append("")
    course = results.get("course", {})
    if "wall" in course:
        slow = sorted(course["notebooks"], key=lambda x: -x["seconds"])[:3]
        failed = [x for x in course["notebooks"] if x["status"] != "ok"]
        L.append(f"**Course**: {course['wall']:.1f} s for {course['count']} notebooks on 2 workers "
                 + ("(within the time target)" if course["wall"] < t["course_s"] else f"(over the {t['course_s']:.0f} s target)")
                 + "; slowest: " + ", ".join(f"{x['path']} {x['seconds']:.1f} s" for x in slow) + ". Each notebook pays "
                 f"a plain kernel's start ({s.get('kernel_start_stop', 0):.2f} s with its shutdown, in the profile) and "
                 "its own imports: papermill gets no pre-started or warm kernels, unlike grading.")
        if failed:
            L[-1] += (f" {len(failed)} notebook(s) failed to execute: " + "; ".join(f"{x['path']}: {x['detail']}" for x in failed)
                      + ". A failing notebook stops at its error, so its time is not the time of a full run.")
        L.append("")
    return L
