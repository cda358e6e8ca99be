"""The benchmark report: raw timings -> derived ratios -> the one table in RESULTS.md, on numbers worked by hand."""

import copy
import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name):
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


report = _load("report")
measure = _load("_measure")


def _runs(walls, pss=100.0):
    return [{"wall": w, "cpu": w / 2, "machinery_pss": pss} for w in walls]


GRADING = {
    "class": {"size": 4}, "max_auto": 11,
    "kinds": {"s001": "right", "s002": "right", "s003": "wrong", "s004": "adversarial:fifo"},
    "runs": {"floor-1": _runs([80, 70, 90]), "floor-2": _runs([36, 40, 30]), "asylum-1": _runs([60, 70, 65], 90),
             "asylum-2": _runs([40, 44, 42], 116), "nbgrader-1": _runs([150, 160, 140], 799)},
    "flood": {"asylum-1": {"wall": 3, "machinery_pss": 57}, "nbgrader-1": {"wall": 18, "machinery_pss": 518}},
    "scores": {"asylum-2": {"s001": [11, "ok"], "s002": [11, "ok"], "s003": [5, "ok"], "s004": [0, "invalid"]},
               "asylum-1": {"s001": [11, "ok"], "s002": [11, "ok"], "s003": [6, "ok"], "s004": [0, "invalid"]},
               "nbgrader-1": {"s001": 11, "s002": 11, "s003": 5}},
}
WIDGET = {"kernel": {w: {"compute_ms": 0.5, "text_ms": 1.0, "figure_ms": 1.5} for w in ("calculator", "explorer")},
          "browser": {"calculator": {"both_on_screen": {"n": 30, "p50_ms": 120, "p95_ms": 180}, "timeouts": 0},
                      "explorer": {"both_on_screen": {"n": 30, "p50_ms": 200, "p95_ms": 300}, "timeouts": 0}}}
HUB = {"hub": {"students": 30, "spawn_one_s": 4.8, "spawn_p95": 73.0, "idle_pss_mb": {"max": 106, "median": 100},
               "active_pss_mb": {"median": 168}, "service_submissions": 30,
               "class": {"run_all_p50": 0.9, "run_all_p95": 1.6, "ok": 30},
               "steps": [{"students": 1, "ok": 1, "run_all_p95": 1.0}, {"students": 20, "ok": 20, "run_all_p95": 4.1},
                         {"students": 30, "ok": 30, "run_all_p95": 7.2}]},
       "single_user": {"run_all_to_selfcheck_s": 1.1, "idle_pss_mb": 70, "active_pss_mb": 133, "start_s": 6.3}}
COURSE = {"count": 2, "runs": [{"wall": 44.1, "runs": [{"path": "a", "seconds": 30, "status": "ok"}]},
                               {"wall": 95.2, "runs": [{"path": "a", "seconds": 80, "status": "ok"}]},
                               {"wall": 43.0, "runs": [{"path": "a", "seconds": 30, "status": "ok"}]}]}


def results(**raws):
    sections = {name: {"raw": raw, "derived": report.DERIVE[name](raw)} for name, raw in raws.items()}
    return {"schema": report.SCHEMA, "commit": "abc1234", "started": "2026-12-01T00:00:00+00:00", "seconds": 1800,
            "mode": "full", "machine": {"cpu": "Test CPU", "cores": 2, "memory_gb": 24, "load": [1.0, 2.0]},
            "sections": sections}


def table_rows(markdown: str) -> dict:
    """{first cell: [the other cells]} of the table's body."""
    lines = [line for line in markdown.splitlines() if line.startswith("| ")][1:]
    return {cells[0]: cells[1:] for cells in ([c.strip() for c in line.strip("|").split(" | ")] for line in lines)}


def test_grading_ratios_and_checks_worked_by_hand():
    d = report.derive_grading(GRADING)
    assert d["wall_s"] == {"floor-1": 80, "floor-2": 36, "asylum-1": 65, "asylum-2": 42, "nbgrader-1": 150}
    assert d["vs_nbgrader"]["2"] == pytest.approx(150 / 42) and d["vs_floor"]["2"] == pytest.approx(42 / 36)
    assert d["vs_nbgrader"]["1"] == pytest.approx(150 / 65) and d["cpu_s"]["nbgrader-1"] == 75
    assert (d["grader_pss_mb"], d["nbgrader_pss_mb"]) == (116, 799)  # the flood alone is lower in both
    assert (d["graded"], d["right_full_marks"], d["right"]) == (4, 2, 2)
    assert d["statuses"] == {"invalid": 1, "ok": 3}
    assert (d["same_1w_2w"], d["same_as_nbgrader"], d["nbgrader_graded"]) == (3, 3, 3)
    assert d["spread"] == pytest.approx((40 - 30) / 36)  # the floor at 2 workers spreads the most: 28%


def test_table_rows_ratios_targets_and_verdicts():
    rows = table_rows(report.render(results(grading=GRADING, widget=WIDGET, hub=HUB, course=COURSE)))
    two = rows["grading a class of 4 (incl. attacks), 2 workers: wall"]
    assert two[0] == "42.0 s" and "nbgrader 150.0 s" in two[1] and "floor 36.0 s" in two[1]
    assert two[2] == "3.57x faster than nbgrader; 1.17x the floor" and two[4] == "yes"
    one = rows["grading a class of 4 (incl. attacks), 1 worker: wall"]
    assert one[2].startswith("2.31x") and one[4] == "–"  # the target is at 2 workers
    pss = rows["grading processes' peak PSS (kernels excluded), class and output flood"]
    assert pss[:3] == ["116 MB", "nbgrader 799 MB", "6.9x less than nbgrader"] and pss[4] == "yes"
    assert rows["submissions graded (gradebook rows); right ones with full marks"][0] == "4 of 4; 2 of 2"
    course = rows["whole course (2 notebooks, 2 workers), 3 runs in a row"]
    assert course[0] == "44.1 s / 95.2 s / 43.0 s" and course[4] == "**no**"  # one run of three over 90 s
    calc = rows["deadline calculator: changed input to text and figure on screen (Chromium), p95 of 30"]
    assert calc[0] == "180 ms (p50 120 ms)" and calc[1] == "the kernel's share 3.0 ms" and calc[4] == "yes"
    assert rows["appeal explorer: changed input to text and figure on screen (Chromium), p95 of 30"][4] == "**no**"
    hub = rows["hub, 30 students at work: Run All → self-check p95"]
    assert hub[0] == "1.6 s" and "1.1 s" in hub[1] and hub[2] == "1.5x single-user" and hub[4] == "yes"
    assert rows["hub, idle student server PSS (max of 30)"][2:] == ["1.51x single-user", "< 150 MB", "yes"]
    assert rows["hub, most students pressing Run All at once with p95 ≤ 5 s"][0] == "20"


def test_a_missed_floor_ratio_fails_the_2_worker_row():
    slow = copy.deepcopy(GRADING)
    slow["runs"]["asylum-2"] = _runs([50, 50, 50])  # 50 / 36 = 1.39x the floor, although 3.0x nbgrader
    row = table_rows(report.render(results(grading=slow)))["grading a class of 4 (incl. attacks), 2 workers: wall"]
    assert row[2] == "3.00x faster than nbgrader; 1.39x the floor" and row[4] == "**no**"


def test_a_failed_or_missing_section_is_a_row_not_a_crash():
    r = results()
    r["sections"]["hub"] = {"error": "RuntimeError: the proxy did not start"}
    out = report.render(r)
    rows = table_rows(out)
    assert rows["hub under load (5 s p95 with 30 students)"][0] == "not measured (RuntimeError: the proxy did not start)"
    assert rows["hub under load (5 s p95 with 30 students)"][4] == "**no**"
    assert rows["whole course"][0] == "not measured (not run)" and rows["whole course"][4] == "–"
    assert "- hub: RuntimeError: the proxy did not start" in out


def test_splice_replaces_only_between_the_markers():
    doc = f"# Prose by hand\n\n{report.START}\nold table\n{report.END}\n\nMore prose.\n"
    assert report.splice(doc, "NEW") == f"# Prose by hand\n\n{report.START}\nNEW\n{report.END}\n\nMore prose.\n"
    with pytest.raises(ValueError, match="exactly one"):
        report.splice("no markers here", "NEW")
    with pytest.raises(ValueError, match="exactly one"):
        report.splice(f"{report.END}\n{report.START}", "NEW")


@pytest.mark.parametrize("damage, message", [
    (lambda r: r.pop("commit"), "missing 'commit'"),
    (lambda r: r.update(schema=0), "schema 0"),
    (lambda r: r["machine"].pop("load"), "machine lacks 'load'"),
    (lambda r: r["sections"].update(nonsense={"raw": {}, "derived": {}}), "unknown section 'nonsense'"),
    (lambda r: r["sections"].update(course={"raw": {}}), "section 'course' needs raw and derived"),
])
def test_malformed_results_are_named(damage, message):
    r = results(grading=GRADING)
    damage(r)
    with pytest.raises(ValueError, match=message):
        report.render(r)


def test_percentiles_interpolate_between_ranks():
    assert measure.pct(range(1, 21), 0.95) == pytest.approx(19.05)
    assert measure.pct([3, 1, 2], 0.5) == 2 and measure.pct([], 0.5) is None


def test_the_committed_results_render_to_the_committed_table():
    import json

    committed = json.loads((BENCH / "results.json").read_text())
    document = (BENCH / "RESULTS.md").read_text()
    assert report.splice(document, report.render(committed)) == document
    # the derived numbers follow from the raw timings: derived again, the same table
    assert report.refresh(copy.deepcopy(committed))["rows"] == committed["rows"]
