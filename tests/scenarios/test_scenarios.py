"""Scripted scenarios: each YAML file here names a scenario (or holds one inline) and the path and
deadlines worked out by hand from the law. The simulator must reach the same answers.

Expected keys: ``status``, ``path``, ``deadlines`` (step, rule, due or null for "no deadline", optional
safe, version and reason for in-absentia motions), ``consequences`` (step, severity, contains), ``ead``
and ``venue``. Every expected deadline carries a ``why``.
"""

from pathlib import Path

import pytest
import yaml

from asylum_teach.reasoning.scenarios import list_scenarios, load_scenario, load_scenario_text

HERE = Path(__file__).parent
FILES = sorted(HERE.glob("*.yaml"))


def _run(spec, text, path):
    if "scenario" in spec:
        return load_scenario(spec["scenario"]).run()
    return load_scenario_text(text, source=path.name).run()


def _iso(value):
    return None if value is None else str(value)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario_reaches_the_hand_worked_answer(path):
    text = path.read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    expected = spec["expected"]
    result = _run(spec, text if "scenario" not in spec else "", path)

    assert result.path == expected["path"]
    if "status" in expected:
        assert result.status == expected["status"]

    by_step = {r.step: r for r in result.records}
    for want in expected.get("deadlines", []):
        assert want.get("why"), f"{path.name}: every expected deadline needs its worked reasoning"
        record = by_step[want["step"]]
        found = [d for d in record.deadlines if d.rule_id == want["rule"]
                 and ("reason" not in want or d.trigger and _reason_of(d) == want["reason"])]
        assert found, f"step {want['step']}: no {want['rule']} deadline; have {[d.rule_id for d in record.deadlines]}"
        dues = [_iso(d.due) for d in found]
        assert _iso(want["due"]) in dues, f"step {want['step']} {want['rule']}: want {want['due']}, got {dues}"
        d = found[dues.index(_iso(want["due"]))]
        assert d.applicable == (want["due"] is not None)
        if "safe" in want:
            assert _iso(d.safe_date) == _iso(want["safe"])
        if "version" in want:
            assert d.version == want["version"]
        assert d.citations, "every deadline is cited"

    for want in expected.get("consequences", []):
        hits = [c for c in by_step[want["step"]].consequences
                if want["contains"] in c.summary and c.severity == want["severity"]]
        assert hits, f"step {want['step']}: no {want['severity']} consequence containing {want['contains']!r}: " \
                     f"{[(c.severity, c.summary) for c in by_step[want['step']].consequences]}"
        assert all(c.citations for c in hits)

    ead = expected.get("ead")
    if ead:
        assert result.ead["started_on"] == _iso(ead["started_on"])
        for key in ("applicant_delay_days", "days_counted"):
            if key in ead:
                assert result.ead[key] == ead[key]
        for want in ead.get("deadlines", []):
            got = {d["rule"]: d["due"] for d in result.ead["deadlines"]}
            assert got[want["rule"]] == _iso(want["due"]), want["why"]

    venue = expected.get("venue")
    if venue:
        assert f"the {venue['circuit']} Circuit" in " ".join(c.summary for c in by_step[venue["step"]].consequences)


def _reason_of(deadline):
    """The in-absentia reason a deadline was computed for (the engine names it in its steps/reason)."""
    if not deadline.applicable:
        return "lack_of_notice" if "notice" in deadline.reason else "in_custody"
    return "exceptional_circumstances"


def test_every_packaged_scenario_has_a_hand_worked_answer():
    covered = {yaml.safe_load(p.read_text()).get("scenario") for p in FILES}
    assert set(list_scenarios()) <= covered
