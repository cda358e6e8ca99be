"""From raw benchmark timings to derived numbers and the one table in RESULTS.md. Pure functions, no I/O
except :func:`main`, which derives again from the raw timings in results.json and re-renders RESULTS.md:

    python benchmarks/report.py [benchmarks/results.json [benchmarks/RESULTS.md]]
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

SCHEMA = 1
START, END = "<!-- bench:table:start -->", "<!-- bench:table:end -->"
TARGETS = {  # from issues 12, 14 and 16
    "vs_nbgrader_2w": 3.0,  # nbgrader's wall / ours, at 2 workers: at least
    "vs_floor_2w": 1.3,  # ours / the floor's, at 2 workers: at most
    "grader_pss_mb": 300.0,  # grading processes (kernels excluded), with the output flood
    "import_ms": 500.0,
    "course_s": 90.0,  # every run of three
    "widget_p95_ms": 250.0,
    "hub_p95_s": 5.0,  # 30 students at work, Run All -> self-check
    "hub_idle_pss_mb": 150.0,
}


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _ratio(a, b):
    return a / b if a is not None and b else None


# ------------------------------------------------------------------ derived numbers, per section
def derive_grading(raw: dict) -> dict:
    runs, scores, kinds = raw["runs"], raw["scores"], raw["kinds"]
    wall = {k: _median(r["wall"] for r in v) for k, v in runs.items()}
    ours = [r for k, v in runs.items() if k.startswith("asylum") for r in v] + \
        [f for k, f in raw.get("flood", {}).items() if k.startswith("asylum")]
    theirs = runs.get("nbgrader-1", []) + [f for k, f in raw.get("flood", {}).items() if k.startswith("nbgrader")]
    first = scores.get("asylum-2", {})
    nbg = scores.get("nbgrader-1")
    return {
        "wall_s": wall, "cpu_s": {k: _median(r["cpu"] for r in v) for k, v in runs.items()},
        "vs_nbgrader": {w: _ratio(wall.get("nbgrader-1"), wall.get(f"asylum-{w}")) for w in ("1", "2")},
        "vs_floor": {w: _ratio(wall.get(f"asylum-{w}"), wall.get(f"floor-{w}")) for w in ("1", "2")},
        "spread": max(((max(x) - min(x)) / statistics.median(x) for x in
                       ([r["wall"] for r in v] for v in runs.values()) if len(x) > 1), default=None),
        "grader_pss_mb": max((r["machinery_pss"] for r in ours), default=None),
        "nbgrader_pss_mb": max((r["machinery_pss"] for r in theirs), default=None),
        "graded": len(first), "size": raw["class"]["size"],
        "nbgrader_graded": len(nbg) if nbg is not None else None,
        "right_full_marks": sum(1 for sid, k in kinds.items() if k == "right"
                                and (first.get(sid) or [None])[0] == raw["max_auto"]),
        "right": sum(1 for k in kinds.values() if k == "right"),
        "statuses": {s: sum(1 for _, st in first.values() if st == s) for s in sorted({st for _, st in first.values()})},
        "same_1w_2w": sum(1 for sid in kinds if (scores.get("asylum-1", {}).get(sid) or [None])[0]
                          == (first.get(sid) or [None])[0]),
        "same_as_nbgrader": None if nbg is None else sum(
            1 for sid in kinds if sid in nbg and (first.get(sid) or [None])[0] == nbg[sid]),
    }


def derive_stages(raw: dict) -> dict:
    return {"steady_s": raw["steady_state_per_notebook"], "one_off_s": raw["runner_total"],
            "overlap_hides_s": raw["runner_total"] - raw["steady_state_per_notebook"],
            "plain_kernel_s": raw["kernel_start_stop"], "statuses": raw["run_statuses"]}


def derive_course(raw: dict) -> dict:
    walls = [r["wall"] for r in raw["runs"]]
    slowest = max(raw["runs"], key=lambda r: r["wall"]) if raw["runs"] else {"runs": []}
    return {"walls_s": walls, "max_s": max(walls, default=None), "count": raw["count"],
            "failed": [sum(1 for nb in r["runs"] if nb["status"] != "ok") for r in raw["runs"]],
            "slowest": sorted(slowest["runs"], key=lambda nb: -nb["seconds"])[:3]}


def derive_imports(raw: dict) -> dict:
    ok = [r for r in raw["rows"] if "median_s" in r]
    mine = next((r for r in ok if r["module"] == "asylum_teach"), None)
    heavy = max((r for r in ok if r["module"] != "asylum_teach"), key=lambda r: r["median_s"], default=None)
    return {"asylum_teach_ms": mine and mine["median_s"] * 1000, "python_start_ms": raw["python_start_s"] * 1000,
            "heaviest": heavy and {"module": heavy["module"], "ms": heavy["median_s"] * 1000}}


def derive_deadlines(raw: dict) -> dict:
    return {"per_s": raw["rate_overall"], "deadlines": raw["deadlines"], "refusals": raw["errors"]}


def derive_widget(raw: dict) -> dict:
    out = {}
    for name in ("calculator", "explorer"):
        b = (raw.get("browser") or {}).get(name) or {}
        both = b.get("both_on_screen") or {}
        k = raw["kernel"][name]
        out[name] = {"p50_ms": both.get("p50_ms"), "p95_ms": both.get("p95_ms"), "n": both.get("n", 0),
                     "timeouts": b.get("timeouts"), "text_p95_ms": (b.get("text") or {}).get("p95_ms"),
                     "figure_p95_ms": (b.get("figure") or {}).get("p95_ms"),
                     "kernel_ms": k["compute_ms"] + k["text_ms"] + k["figure_ms"]}
    if (raw.get("browser") or {}).get("skipped"):
        out["skipped"] = raw["browser"]["skipped"]
    return out


def derive_hub(raw: dict) -> dict:
    hub, one = raw["hub"], raw["single_user"]
    steps, work = hub.get("steps", []), hub.get("class", {})
    ok = [s["students"] for s in steps if s["ok"] == s["students"] and (s["run_all_p95"] or 1e9) <= TARGETS["hub_p95_s"]]
    return {"students": hub["students"], "work_p95_s": work.get("run_all_p95"), "work_p50_s": work.get("run_all_p50"),
            "work_ok": work.get("ok"), "submitted": hub.get("service_submissions"),
            "single_run_all_s": one.get("run_all_to_selfcheck_s"), "idle_pss_max_mb": hub["idle_pss_mb"]["max"],
            "single_idle_pss_mb": one.get("idle_pss_mb"), "active_pss_median_mb": hub["active_pss_mb"]["median"],
            "single_active_pss_mb": one.get("active_pss_mb"), "spawn_p95_s": hub.get("spawn_p95"),
            "spawn_one_s": hub.get("spawn_one_s"), "single_start_s": one.get("start_s"),
            "most_at_once": max(ok, default=0), "steps": [s["students"] for s in steps],
            "at_once_p95_s": {str(s["students"]): s["run_all_p95"] for s in steps}}


DERIVE = {"grading": derive_grading, "stages": derive_stages, "course": derive_course, "imports": derive_imports,
          "deadlines": derive_deadlines, "widget": derive_widget, "hub": derive_hub}


# ------------------------------------------------------------------ the table
def _n(x, unit="", digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}{unit}"


def rows(results: dict) -> list[dict]:
    """One dict per table row: what, value, peers, ratio, target, met (True/False/None: no target)."""
    sec = {name: s.get("derived") for name, s in results.get("sections", {}).items()}
    out: list[dict] = []

    def row(what, value, peers="–", ratio="–", target="–", met=None):
        out.append({"what": what, "value": value, "peers": peers, "ratio": ratio, "target": target, "met": met})

    def missing(name, what):
        s = results.get("sections", {}).get(name)
        why = "not run" if s is None else (s.get("error") or s.get("skipped") or (s.get("derived") or {}).get("skipped")
                                           or "no result")
        row(what, f"not measured ({why})", met=False if s and s.get("error") else None)

    t = TARGETS
    g = sec.get("grading")
    if g:
        w = g["wall_s"]
        cls = f"grading a class of {g['size']} (incl. attacks)"
        for k in ("1", "2"):
            ratio = g["vs_nbgrader"][k]
            row(f"{cls}, {k} worker{'s' if k == '2' else ''}: wall", _n(w.get(f"asylum-{k}"), " s"),
                f"nbgrader {_n(w.get('nbgrader-1'), ' s')} (1 worker: it has no parallel autograde); "
                f"floor {_n(w.get(f'floor-{k}'), ' s')}",
                f"{_n(ratio, 'x', 2)} faster than nbgrader; {_n(g['vs_floor'][k], 'x', 2)} the floor",
                *((f"≥ {t['vs_nbgrader_2w']:g}x nbgrader; ≤ {t['vs_floor_2w']:g}x the floor",
                   ratio is not None and ratio >= t["vs_nbgrader_2w"]
                   and g["vs_floor"][k] is not None and g["vs_floor"][k] <= t["vs_floor_2w"]) if k == "2" else ()))
        row("grading processes' peak PSS (kernels excluded), class and output flood", _n(g["grader_pss_mb"], " MB", 0),
            f"nbgrader {_n(g['nbgrader_pss_mb'], ' MB', 0)}",
            f"{_n(_ratio(g['nbgrader_pss_mb'], g['grader_pss_mb']), 'x', 1)} less than nbgrader",
            f"< {t['grader_pss_mb']:g} MB", g["grader_pss_mb"] is not None and g["grader_pss_mb"] < t["grader_pss_mb"])
        row("submissions graded (gradebook rows); right ones with full marks",
            f"{g['graded']} of {g['size']}; {g['right_full_marks']} of {g['right']}",
            f"nbgrader graded {g['nbgrader_graded'] if g['nbgrader_graded'] is not None else 'n/a'}", "–",
            "every submission", g["graded"] == g["size"] and g["right_full_marks"] == g["right"])
    else:
        missing("grading", "grading a class vs nbgrader and the floor")
    s = sec.get("stages")
    if s:
        row("one graded notebook, steady state per worker slot", _n(s["steady_s"], " s", 2),
            f"one-off run {_n(s['one_off_s'], ' s', 2)}; plain kernel start+stop {_n(s['plain_kernel_s'], ' s', 2)}",
            f"{_n(_ratio(s['steady_s'], s['one_off_s']), 'x', 2)} the one-off run")
    else:
        missing("stages", "one graded notebook, stage by stage")
    c = sec.get("course")
    if c:
        runs = len(c["walls_s"])
        row(f"whole course ({c['count']} notebooks, 2 workers), " + (f"{runs} runs in a row" if runs > 1 else "1 run"),
            " / ".join(_n(x, " s") for x in c["walls_s"]), "–", "–", f"< {t['course_s']:g} s each, none failing",
            c["max_s"] is not None and c["max_s"] < t["course_s"] and not any(c["failed"]))
    else:
        missing("course", "whole course")
    i = sec.get("imports")
    if i:
        row("`import asylum_teach`", _n(i["asylum_teach_ms"], " ms", 0),
            f"bare interpreter start {_n(i['python_start_ms'], ' ms', 0)}; heaviest module measured: "
            + (f"`{i['heaviest']['module']}` {i['heaviest']['ms']:.0f} ms" if i["heaviest"] else "n/a"), "–",
            f"< {t['import_ms']:g} ms", i["asylum_teach_ms"] is not None and i["asylum_teach_ms"] < t["import_ms"])
    else:
        missing("imports", "import times")
    d = sec.get("deadlines")
    if d:
        row("deadline engine, generated clients", f"{_n(d['per_s'], ' deadlines/s', 0)}",
            f"{d['deadlines']:,} deadlines, {d['refusals']} refusals")
    else:
        missing("deadlines", "deadline engine")
    wd = sec.get("widget")
    for name, title in (("calculator", "deadline calculator"), ("explorer", "appeal explorer")):
        x = (wd or {}).get(name)
        if not x or x["p95_ms"] is None:
            missing("widget", f"{title}: changed input to text and figure on screen, p95")
            continue
        row(f"{title}: changed input to text and figure on screen (Chromium), p95 of {x['n']}",
            f"{_n(x['p95_ms'], ' ms', 0)} (p50 {_n(x['p50_ms'], ' ms', 0)})",
            f"the kernel's share {_n(x['kernel_ms'], ' ms', 1)}", "–", f"< {t['widget_p95_ms']:g} ms",
            x["p95_ms"] < t["widget_p95_ms"] and not x["timeouts"])
    h = sec.get("hub")
    if h:
        n = h["students"]
        row(f"hub, {n} students at work: Run All → self-check p95", _n(h["work_p95_s"], " s"),
            f"single-user `jupyter lab`, 1 student: {_n(h['single_run_all_s'], ' s')}",
            f"{_n(_ratio(h['work_p95_s'], h['single_run_all_s']), 'x', 1)} single-user",
            f"< {t['hub_p95_s']:g} s with 30", n >= 30 and h["work_ok"] == n and h["work_p95_s"] is not None
            and h["work_p95_s"] < t["hub_p95_s"])
        row(f"hub, idle student server PSS (max of {n})", _n(h["idle_pss_max_mb"], " MB", 0),
            f"single-user `jupyter lab` {_n(h['single_idle_pss_mb'], ' MB', 0)}",
            f"{_n(_ratio(h['idle_pss_max_mb'], h['single_idle_pss_mb']), 'x', 2)} single-user",
            f"< {t['hub_idle_pss_mb']:g} MB", h["idle_pss_max_mb"] < t["hub_idle_pss_mb"])
        row(f"hub, server + kernel PSS with the exercise open (median of {n})", _n(h["active_pss_median_mb"], " MB", 0),
            f"single-user `jupyter lab` {_n(h['single_active_pss_mb'], ' MB', 0)}",
            f"{_n(_ratio(h['active_pss_median_mb'], h['single_active_pss_mb']), 'x', 2)} single-user")
        row(f"hub, server start p95 ({n - 1} at once)", _n(h["spawn_p95_s"], " s"),
            f"one alone {_n(h['spawn_one_s'], ' s')}; single-user `jupyter lab` {_n(h['single_start_s'], ' s')}",
            f"{_n(_ratio(h['spawn_p95_s'], h['single_start_s']), 'x', 1)} single-user")
        row("hub, most students pressing Run All at once with p95 ≤ 5 s", f"{h['most_at_once']}",
            "steps: " + ", ".join(f"{k}: {_n(v, ' s')}" for k, v in h["at_once_p95_s"].items()))
    else:
        missing("hub", f"hub under load ({TARGETS['hub_p95_s']:g} s p95 with 30 students)")
    return out


def table(table_rows: list[dict]) -> str:
    cell = {True: "yes", False: "**no**", None: "–"}
    lines = ["| What is measured | Measured | Peer(s), same run | Ratio | Target | Met |", "|---|---|---|---|---|---|"]
    for r in table_rows:
        lines.append("| " + " | ".join(str(r[k]).replace("|", "\\|") for k in ("what", "value", "peers", "ratio", "target"))
                     + f" | {cell[r['met']]} |")
    return "\n".join(lines)


def render(results: dict) -> str:
    """The generated block: the table and one line saying which run, on what machine, under what load."""
    check(results)
    m = results["machine"]
    g = (results["sections"].get("grading") or {}).get("derived") or {}
    note = (f"`make bench` ({results['mode']} run) at commit {results['commit']}"
            + (" with uncommitted changes" if results.get("dirty") else "")
            + f", {results['started']}, {results['seconds'] / 60:.0f} min; {m['cpu']}, {m['cores']} cores, "
            f"{m['memory_gb']:.0f} GB; load average {m['load'][0]:.1f} at start, {m['load'][-1]:.1f} at the end"
            + (f"; grading repeats differed by up to {g['spread'] * 100:.0f}% of their median (medians shown)"
               if g.get("spread") is not None else "") + ". Raw numbers: `results.json`.")
    errors = [f"- {name}: {s['error']}" for name, s in results["sections"].items() if s.get("error")]
    return "\n".join([table(rows(results)), "", note, *([""] + errors if errors else [])])


def splice(document: str, block: str) -> str:
    """``document`` with the text between the table markers replaced by ``block``."""
    if document.count(START) != 1 or document.count(END) != 1 or document.index(START) > document.index(END):
        raise ValueError(f"RESULTS.md needs exactly one {START} followed by one {END}")
    head, rest = document.split(START)
    return f"{head}{START}\n{block}\n{END}{rest.split(END, 1)[1]}"


def check(results: dict) -> None:
    """Raise ValueError naming the first thing results.json lacks."""
    for key in ("schema", "commit", "started", "seconds", "mode", "machine", "sections"):
        if key not in results:
            raise ValueError(f"results.json: missing '{key}'")
    if results["schema"] != SCHEMA:
        raise ValueError(f"results.json: schema {results['schema']!r}, this renderer reads {SCHEMA}")
    for key in ("cpu", "cores", "memory_gb", "load"):
        if key not in results["machine"]:
            raise ValueError(f"results.json: machine lacks '{key}'")
    for name, s in results["sections"].items():
        if name not in DERIVE:
            raise ValueError(f"results.json: unknown section '{name}'")
        if not ({"raw", "derived"} <= s.keys() or "error" in s or "skipped" in s):
            raise ValueError(f"results.json: section '{name}' needs raw and derived, or error, or skipped")


def refresh(results: dict) -> dict:
    """``results`` with every section's derived numbers and the table's rows computed again from the raw."""
    check(results)
    for name, s in results["sections"].items():
        if "raw" in s:
            s["derived"] = DERIVE[name](s["raw"])
    results["rows"] = rows(results)
    return results


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    source = Path(argv[0]) if argv else here / "results.json"
    target = Path(argv[1]) if len(argv) > 1 else here / "RESULTS.md"
    try:
        results = refresh(json.loads(source.read_text()))
        target.write_text(splice(target.read_text(), render(results)))
        source.write_text(json.dumps(results, indent=1, default=str) + "\n")
    except (OSError, ValueError, KeyError) as exc:
        print(f"report: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {target} and {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
