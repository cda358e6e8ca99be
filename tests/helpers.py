"""Domain assertions shared by the tests (as python-holidays keeps ``tests/common.py``)."""

from __future__ import annotations

from datetime import date

from asylum_teach.law.engine import Deadline, deadline_for


def iso(d) -> str | None:
    return d.isoformat() if isinstance(d, date) else (None if d is None else str(d))


def assert_timely(result: Deadline, filed_on: date) -> None:
    assert result.applicable, f"{result.rule_id} is not applicable: {result.reason}"
    assert filed_on <= result.due, f"filing on {filed_on} should be timely, but {result.rule_id} was due {result.due}"


def assert_late(result: Deadline, filed_on: date) -> None:
    assert result.applicable, f"{result.rule_id} is not applicable: {result.reason}"
    assert filed_on > result.due, f"filing on {filed_on} should be late, but {result.rule_id} is due {result.due}"


CASE_KEYS = {"name", "trigger", "as_of", "facts", "policies", "expected", "why"}
EXPECTED_KEYS = {"due", "safe_date", "counted_on", "applicable", "version", "alternatives", "history", "what_if",
                 "reason_mentions", "steps_mention", "timely", "late"}


def check_case(rule: str, case: dict) -> Deadline:
    """Run one worked example and compare only what it states. A misspelled key is an error, never
    a case that passes because it checks nothing."""
    unknown = sorted(set(case) - CASE_KEYS) + sorted(set(case.get("expected") or {}) - EXPECTED_KEYS)
    assert not unknown, f"unknown key {unknown[0]!r} (case keys: {sorted(CASE_KEYS)}; expected keys: {sorted(EXPECTED_KEYS)})"
    assert case.get("expected"), "a case must state what it expects"
    result = deadline_for(rule, case["trigger"], as_of=case.get("as_of"), facts=case.get("facts"),
                          policies=case.get("policies"))
    exp = case["expected"]
    problems = []

    def compare(key, got):
        if key in exp and iso(exp[key]) != iso(got):
            problems.append(f"{key}: expected {iso(exp[key])}, got {iso(got)}")

    compare("due", result.due)
    compare("safe_date", result.safe_date)
    compare("counted_on", result.counted_on)
    if "what_if" in exp and exp["what_if"] != bool(result.what_if):
        problems.append(f"what_if: expected {exp['what_if']}, got {result.what_if!r}")
    if "history" in exp:
        got_h = [{"version": h.version.version, "status": h.status.status} for h in result.history]
        if exp["history"] != got_h:
            problems.append(f"history: expected {exp['history']}, got {got_h}")
    if "applicable" in exp and exp["applicable"] != result.applicable:
        problems.append(f"applicable: expected {exp['applicable']}, got {result.applicable} ({result.reason})")
    if "version" in exp and exp["version"] != result.version:
        problems.append(f"version: expected {exp['version']}, got {result.version}")
    if "alternatives" in exp:
        want = {(iso(a["date"]), a["policy"]) for a in exp["alternatives"]}
        got = {(a.date.isoformat(), a.policy) for a in result.alternatives}
        if want != got:
            problems.append(f"alternatives: expected {sorted(want)}, got {sorted(got)}")
    for word in exp.get("reason_mentions", []):
        if word not in (result.reason or ""):
            problems.append(f"reason should mention {word!r}: {result.reason!r}")
    text = " ".join(str(s) for s in result.steps)
    for word in exp.get("steps_mention", []):
        if word not in text:
            problems.append(f"steps should mention {word!r}: {text}")
    for d in exp.get("timely", []):
        if not (result.due and d <= result.due):
            problems.append(f"filing on {d} should be timely (due {iso(result.due)})")
    for d in exp.get("late", []):
        if not (result.due and d > result.due):
            problems.append(f"filing on {d} should be late (due {iso(result.due)})")
    if result.applicable and not result.citations:
        problems.append("an applicable deadline must carry citations")
    assert not problems, "; ".join(problems)
    return result
