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
            out.append(("peak grader memory with the flood (grader + runner processes; judged on PSS)",
                        f"PSS {pss:.0f} MB; RSS sum {peak:.0f} MB (whole tree incl. kernels: RSS {tree:.0f} MB)",
                        f"< {t['peak_mb']:.0f} MB", pss < t["peak_mb"]))
        else:
            out.append(("peak grader memory with the flood (grader + runner processes)",
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
        out.append((label, f"{course['wall']:.1f} s ({course['count']} notebooks{note})", f"< {t['course_s']:.0f} s",
                    course["wall"] < t["course_s"]))
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
          + _spread(results) + f"Kernels left behind and reaped after the runs: {results.get('reaped_kernels', 0)}.", ""]
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
              "`SPEC.expected`) in locked test cells; both run the same kernel (this venv's `python3`).", "",
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
        L += ["Memory: psutil samples every 50 ms the RSS of the grading command and all its descendants "
              "(processes inside bubblewrap included). *Grader process* is the command itself; *grading processes* "
              "sums everything but the kernels (for asylum-teach: the grader, bubblewrap and the runner children "
              "that collect outputs; for nbgrader: its one process, which collects outputs in-process); *whole tree* "
              "adds the kernels, which run identical code under both tools. *Largest single process* is "
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
    per_nb = next((r["per_nb"] for r in rows if r["key"] == "asylum-1"), None)
    total = s["sandbox_start"] + s["child_imports"] + s["kernel_start_stop"] + s["cells_setup"] + s["cells_rest"] + \
        s["grader_side"]
    L = ["## Profile: where one graded notebook's time goes", "",
         "Each stage of `grading.batch.grade_one` timed on its own (median of several runs; `benchmarks/stages.py`), "
         "for one right submission. The grader's own threads only wait, so a cProfile of the grader process says "
         "little; this split is the profile that matters.", "",
         "| Stage | Seconds | What it is |", "|---|---|---|",
         f"| sandbox start | {s['sandbox_start']:.3f} | bubblewrap starting a process ({'sandboxed' if s['sandboxed'] else 'no bwrap: 0'}) |",
         f"| runner child start-up | {s['child_imports']:.3f} | a fresh interpreter importing `asylum_teach.grading.child`, "
         f"`nbformat`, `nbclient` (bare interpreter: {s['python_start']:.3f}) |",
         f"| kernel start + stop | {s['kernel_start_stop']:.3f} | the floor: fresh kernel, ready, shut down |",
         f"| setup cell in the kernel | {s['cells_setup']:.3f} | preamble + the exercise's imports of the library and `scenario()` |",
         f"| answer and emit cells | {s['cells_rest']:.3f} | the student's answers and the answer reports |",
         f"| grader side | {s['grader_side']:.3f} | read + rebuild + score + HTML feedback (first call, with imports: "
         f"{s['grader_side_first']:.3f}) |",
         f"| **sum** | **{total:.2f}** | measured per notebook at 1 worker over the class: "
         f"{_f(per_nb, '{:.2f}')} (the class also holds timeouts and a flood) |"]
    if s.get("runner_total") is not None:
        parts = s["sandbox_start"] + s["child_imports"] + s["kernel_start_stop"] + s["cells_setup"] + s["cells_rest"]
        L.append(f"| whole `runner.run_notebook` | {s['runner_total']:.3f} | the runner end to end for the same notebook; "
                 f"its parts above add up to {parts:.3f}, so {s['runner_total'] - parts:+.3f} s is process plumbing "
                 "and teardown (waiting for the child and the kernel to exit, killing the group, removing the scratch "
                 "directory) or noise |")
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
    w = results.get("widget")
    if w:
        if w.get("skipped"):
            L += [f"**Widget interaction**: skipped ({w['skipped']}).", ""]
        else:
            L += [f"**Widget interaction** (`teaching.widgets.DeadlineCalculator`: set the date picker, which "
                  "recomputes the deadline, rewrites the explanation and redraws the figure as a PNG): median "
                  f"**{w['median_s'] * 1000:.0f} ms** over {w['interactions']} interactions (range "
                  f"{w['min_s'] * 1000:.0f}-{w['max_s'] * 1000:.0f}); the `deadline_for` call alone "
                  f"{w['compute_median_s'] * 1000:.1f} ms, so the redraw is nearly all of it. First build (imports, "
                  f"rules, calendar, first figure): {w['first_build_s'] * 1000:.0f} ms.", ""]
    return L


def _gaps(results: dict, t: dict, rows: list[dict]) -> list[str]:
    """For each target: what the profile shows and what would close the gap (numbers from this run)."""
    L = ["## 3. Gaps, profiles and what would close them", ""]
    by = {r["key"]: r for r in rows}
    s = results.get("stages") or {}
    cls = results.get("class", {})
    n = cls.get("size", 0) or 1
    statuses = results.get("agreement", {}).get("statuses", {})
    missed = [name for name, _, _, met in targets(results, t) if met is False]
    L += [("Missed in this run: " + "; ".join(missed) + ".") if missed else
          "Every target measured in this run was met.", ""]
    a1, a2, f1, f2, nb = (by.get(k) for k in ("asylum-1", "asylum-2", "floor-1", "floor-2", "nbgrader-1"))
    f1 = by.get("floor-1")
    cores = results.get("machine", {}).get("usable_cores") or 2
    if a2 and f2 and s:
        w = 2
        excess = a2["wall"] - f2["wall"]
        parts = [
            ("cells that ran into the cell timeout", statuses.get("timeout", 0) * cls.get("cell_timeout", 0) / w,
             f"{statuses.get('timeout', 0)} submission(s) x {cls.get('cell_timeout', 0):g} s / {w} workers; by design"),
            ("kernel restarts after a kernel died", statuses.get("kernel-died", 0) * s["kernel_start_stop"] / w,
             f"{statuses.get('kernel-died', 0)} x one kernel start / {w}; by design"),
            ("runner child start-up (interpreter + nbclient/nbformat imports)", n * s["child_imports"] / w,
             f"{n} x {s['child_imports']:.2f} s / {w}"),
            ("library imports + scenario in the kernel's setup cell", n * s["cells_setup"] / w,
             f"{n} x {s['cells_setup']:.2f} s / {w}"),
            ("answer and emit cells", n * s["cells_rest"] / w, f"{n} x {s['cells_rest']:.2f} s / {w}"),
            ("grader side (rebuild, score, HTML feedback)", n * s["grader_side"] / w,
             f"{n} x {s['grader_side']:.2f} s / {w}; runs in the grader's threads, competing for the same 2 cores"),
            ("sandbox start", n * s["sandbox_start"] / w, f"{n} x {s['sandbox_start'] * 1000:.0f} ms / {w}"),
        ]
        L += [f"**Against the floor at 2 workers**: {a2['wall']:.1f} s vs {f2['wall']:.1f} s, i.e. {excess:.1f} s more "
              f"({a2['vs_floor']:.2f}x). An estimate of where the excess goes, from the stage profile (each stage "
              "measured alone, so the sum need not match exactly):", "",
              "| Part of the excess | Estimated seconds | From |", "|---|---|---|"]
        for name, secs, how in parts:
            L.append(f"| {name} | {secs:.1f} | {how} |")
        L.append(f"| **sum of estimates** | **{sum(p[1] for p in parts):.1f}** | measured excess {excess:.1f} |")
        L.append("")
        if a2.get("cpu"):
            L += [f"The rest is not CPU work: at 2 workers asylum-teach's processes used {a2['cpu']:.0f} CPU-s in "
                  f"{a2['wall']:.0f} s, the {cores} cores {_busy(a2, cores):.0f}% busy, so part of every notebook is "
                  "spent waiting (a new kernel's handshake, process start and exit) and part is other jobs on "
                  "this shared machine (see the load averages).", ""]
        yaml_save = (s["yaml_now"] - s["yaml_libyaml"]) if s.get("yaml_libyaml") is not None else None
        L += ["What would close it (proposals for the grading and law modules' owners; not changed here):", "",
              f"1. **One long-lived runner per worker** (`grading/runner.py` starts `python -m "
              f"asylum_teach.grading.child` for every notebook): start it once per worker slot inside the sandbox and "
              f"feed it jobs over its stdin pipe, or fork each runner from a pre-imported template. Each notebook still "
              f"gets a fresh kernel and scratch directory. Saves about {s['child_imports']:.2f} s per notebook "
              f"({n * s['child_imports'] / w:.0f} s of this class at 2 workers).",
              (f"2. **libyaml for the rule files** (done at the measured commit: `law/rules.py` already parses with "
               f"libyaml, {s['yaml_libyaml'] * 1000:.0f} ms instead of {s['yaml_now'] * 1000:.0f} ms for the rules).")
              if s.get("yaml_package_uses_libyaml") else
              (f"2. **libyaml for the rule files** (`law/rules.py`: `class _Loader(yaml.SafeLoader)` -> "
               f"`yaml.CSafeLoader` when `yaml.__with_libyaml__`, same constructor): parsing the rules drops from "
               f"{s['yaml_now'] * 1000:.0f} ms to {s['yaml_libyaml'] * 1000:.0f} ms with identical data. Every graded "
               f"kernel pays this when the exercise's setup cell imports `asylum_teach.grading.exercises.deadlines` "
               f"(its `Question(... choices=tuple(sorted(load_rules())))` loads the rules at import), so about "
               f"{yaml_save:.2f} s per notebook, and every notebook a student opens saves it too."
               if yaml_save is not None else "2. (libyaml not available: no YAML what-if measured.)"),
              "3. **Overlap kernel start-up with execution** (`grading/child.py`): start the next notebook's kernel "
              "(`jupyter_client.KernelManager.start_kernel`) while the current notebook's cells run, and pre-import "
              "`asylum_teach.law.engine` in it (`IPKernelApp.exec_lines`). This hides start-up latency when a core is "
              "idle. " + (f"The floor's tree used {f1['cpu']:.0f} CPU-s in {f1['wall']:.0f} s at 1 worker and "
              f"{f2['cpu']:.0f} CPU-s in {f2['wall']:.0f} s at 2 workers, i.e. the {cores} cores were "
              f"{_busy(f1, cores):.0f}% and {_busy(f2, cores):.0f}% busy; asylum-teach's tree "
              f"{_busy(a1, cores):.0f}% and {_busy(a2, cores):.0f}%. A kernel start is partly waiting (the "
              "handshake with a new process), so overlapping it, or running more workers than cores "
              "(`--workers 4` on 2 cores; worth measuring), fills that idle share."
              if f1 and f2 and a1 and f1.get('cpu') and f2.get('cpu') and a1.get('cpu') else "see the CPU column above."),
              f"4. **Feedback after the batch** (`grading/batch.py` renders nbconvert HTML inside each worker): "
              f"{s['grader_side']:.2f} s per notebook of grader-side work competes with kernels for the cores; "
              "rendering feedback in one pass after scoring (or on demand) takes it off the critical path."]
        d = results.get("deadlines") or {}
        if "calendar_years" in d:
            full, three = d["calendar_all_years_s"], d["calendar_three_years_s"]
            if full - three > 0.5 * full:
                L.append(f"5. **A calendar built by the year** (`court_calendar._library_days` builds the `holidays` "
                         f"table for all {d['calendar_years']} years at first use, {full * 1000:.0f} ms in every fresh "
                         f"kernel that computes a deadline; three years take {three * 1000:.0f} ms): build a year's "
                         "closures when a date in it is first asked about, so a kernel pays for the years it uses.")
            else:
                L.append(f"5. **The calendar's first use** costs {(d['holidays_import_s'] + full) * 1000:.0f} ms per "
                         f"fresh process (importing `holidays` {d['holidays_import_s'] * 1000:.0f} ms, building "
                         f"{d['calendar_years']} years {full * 1000:.0f} ms), and building only three years would "
                         f"still take {three * 1000:.0f} ms: the cost is the library's first-use set-up, not the number "
                         "of years, and the table is already cached per process. A *warm* calendar therefore means "
                         "building it before the student's first cell: in the kernel start-up line of proposal 3 "
                         "(`exec_lines`), overlapped with the previous notebook.")
        L.append("")
    if a1 and a2 and nb and f1 and f2:
        bound = nb["wall"] / f2["wall"]
        L += [f"**Against nbgrader**: nbgrader took {nb['wall']:.1f} s ({nb['per_nb']:.2f} s per notebook, sequential: "
              f"it has no parallel autograde); asylum-teach {a1['wall']:.1f} s at 1 worker and {a2['wall']:.1f} s at 2 "
              f"workers, so {a1['vs_nbgrader']:.2f}x and {a2['vs_nbgrader']:.2f}x. Even grading at the floor "
              f"(a fresh kernel per notebook, nothing else) would be {nb['wall'] / f1['wall']:.2f}x faster than nbgrader "
              f"at 1 worker and {bound:.2f}x at 2 workers on this machine."]
        if bound < t["vs_nbgrader"]:
            L[-1] += (f" So the {t['vs_nbgrader']:.0f}x target cannot be met here while every notebook gets its own fresh "
                     "kernel (which the sandbox and the grading design require): nbgrader's own cost per notebook is "
                     "mostly the same kernel start, and 2 cores allow at most 2x parallelism. Meeting it would need more "
                     "cores (the bound grows with cores, nbgrader's time does not), or giving up fresh kernels "
                     "(a pool of pre-started kernels reused between students, which weakens isolation).")
        else:
            L[-1] += (f" The target is reachable at the floor: {t['vs_nbgrader']:.0f}x at 2 workers means staying within "
                      f"{bound / t['vs_nbgrader']:.2f}x of the floor, so it stands or falls with the floor target; "
                      "the gap is asylum-teach's own per-notebook work and waiting (above), which the proposals address.")
        if all(r.get("cpu") for r in (a1, a2, nb, f1)):
            L[-1] += (f" In CPU time, which other jobs on the machine disturb less than wall time, per notebook: floor "
                      f"{f1['cpu'] / n:.2f} s, asylum-teach {a1['cpu'] / n:.2f} s (1 worker) / {a2['cpu'] / n:.2f} s "
                      f"(2 workers), nbgrader {nb['cpu'] / n:.2f} s. With 2 cores, the best wall time for a class is "
                      "about its CPU time / 2.")
        L.append("")
    if a1:
        peak = max(a1["machinery_mb"], a2["machinery_mb"] if a2 else 0)
        top = max(a1["top_mb"], a2["top_mb"] if a2 else 0)
        flood = results.get("flood_runs", {})
        pss = max(a1.get("machinery_pss_mb") or 0, (a2 or {}).get("machinery_pss_mb") or 0) or None
        judged = pss if pss else peak
        L.append(f"**Memory**: the grader process peaked at {top:.0f} MB RSS, and all grading processes (grader, "
                 f"bubblewrap, one runner child per worker) at {peak:.0f} MB RSS summed"
                 + (f", {pss:.0f} MB PSS" if pss else "")
                 + (" (target met)." if judged < t["peak_mb"] else f", above the {t['peak_mb']:.0f} MB target.")
                 + f" Roughly: the grader's {top:.0f} MB plus {peak - top:.0f} MB for the runner children and bubblewrap "
                 "of the workers, so the total grows with --workers; the notebooks' output does not add to it.")
        if "asylum-1" in flood:
            L[-1] += (f" With the flood alone: {flood['asylum-1']['machinery_mb']:.0f} MB in {flood['asylum-1']['wall']:.1f} s; "
                     "the cap drops output as it streams into the runner child and interrupts the cell.")
        if "nbgrader-1" in flood:
            L[-1] += (f" nbgrader keeps the flood's output in its own process until the cell timeout: "
                     f"{flood['nbgrader-1']['machinery_mb']:.0f} MB for the flood alone, in {flood['nbgrader-1']['wall']:.1f} s.")
        if judged >= t["peak_mb"]:
            L[-1] += (" To get under the target: a leaner grader process (it imports papermill only to inject the "
                      "parameters cell in `grading/rebuild.py`, and nbconvert's HTML exporter for feedback in "
                      "`grading/batch.py`; both could move out of the long-lived process), and runner children that "
                      "share pages (forked from one pre-imported template, proposal 1).")
        L.append("")
    imp = {r["module"]: r for r in results.get("imports", {}).get("rows", []) if "median_s" in r}
    if imp:
        heavy = sorted((r for r in imp.values() if r["module"] != "asylum_teach"), key=lambda r: -r["median_s"])
        L.append(f"**Imports**: `import asylum_teach` costs {imp.get('asylum_teach', {}).get('median_s', 0) * 1000:.0f} ms "
                 "(the package `__init__` only defines a lazy `__getattr__` table; nothing to change there).")
        if heavy:
            h = heavy[0]
            L[-1] += (f" The heaviest submodule measured is `{h['module']}` at {h['median_s'] * 1000:.0f} ms, most "
                     "self time in " + ", ".join(f"{p} ({ms:.0f} ms)" for p, ms in h["by_package"][:3]) +
                     "." + (f" Of the exercise module's import, {s['import_yaml_share'] * 100:.0f}% is spent parsing rule "
                            "YAML (cProfile), because the spec loads the rules at import (proposal 2)."
                            if s.get("import_yaml_share") is not None else ""))
        L.append("")
    course = results.get("course", {})
    if "wall" in course:
        slow = sorted(course["notebooks"], key=lambda x: -x["seconds"])[:3]
        failed = [x for x in course["notebooks"] if x["status"] != "ok"]
        L.append(f"**Course**: {course['wall']:.1f} s for {course['count']} notebooks on 2 workers "
                 + ("(within the time target)" if course["wall"] < t["course_s"] else f"(over the {t['course_s']:.0f} s target)")
                 + "; slowest: " + ", ".join(f"{x['path']} {x['seconds']:.1f} s" for x in slow) + ". Each notebook pays "
                 f"a kernel start ({s.get('kernel_start_stop', 0):.2f} s in the profile) plus its imports; the libyaml "
                 "change (proposal 2) applies to every notebook that loads rules.")
        if failed:
            L[-1] += (f" {len(failed)} notebook(s) failed to execute: " + "; ".join(f"{x['path']}: {x['detail']}" for x in failed)
                     + ". A failing notebook stops at its error, so its time is not the time of a full run.")
        L.append("")
    return L
