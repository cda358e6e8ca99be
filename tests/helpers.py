"""Domain assertions shared by the tests (as python-holidays keeps ``tests/common.py``)."""

from __future__ import annotations

from datetime import date

import pytest

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


def check_screening(case: dict):
    """Run one screening worked example (``tests/reasoning/test_screening_cases.yaml``) and compare what it states."""
    import json

    import asylum_teach.exceptions as errors
    from asylum_teach.dates import parse_date
    from asylum_teach.model.facts import Facts
    from asylum_teach.model.personas import load_persona
    from asylum_teach.reasoning.screening import screen

    if "persona" in case:
        client = load_persona(case["persona"])
        facts, as_of = client.facts, parse_date(case.get("as_of", client.as_of))
    else:
        facts, as_of = Facts(case["facts"]), parse_date(case["as_of"])
    if "error" in case:
        with pytest.raises(getattr(errors, case["error"])):
            screen(facts, as_of)
        return None
    result = screen(facts, as_of)
    expected = case["expected"]
    if "pathway" in expected:
        assert result.pathway == expected["pathway"]
    for relief in ("asylum", "withholding"):
        if relief in expected:
            got = getattr(result, relief)
            assert got.available == expected[relief]["available"], got.bars
            assert list(got.bars) == expected[relief]["bars"]
    if "cat" in expected:
        assert result.cat.available is True
        assert result.cat.form == expected["cat"]["form"]
    if "derivatives" in expected:
        assert list(result.derivatives) == expected["derivatives"]
    if "open" in expected:
        assert list(result.asylum.open_bars) == expected["open"]
    questions = " ".join(q for r in (result.asylum, result.withholding, result.cat) for q in r.questions_for_judge)
    for words in case.get("questions", []):
        assert words.lower() in questions.lower(), questions
    text = json.dumps(result.to_dict())
    for words in case.get("mentioned", []):
        assert words in text, words
    for words in case.get("not_mentioned", []):
        assert words not in text, f"{words!r} should not be mentioned at all: {text}"
    return result


def check_scenario(spec: dict, text: str, path):
    """Run one scenario worked example (``tests/scenarios/*.yaml``): the simulator must reach the hand-worked path,
    deadlines and consequences."""
    from asylum_teach.reasoning.scenarios import load_scenario, load_scenario_text

    expected = spec["expected"]
    result = load_scenario(spec["scenario"]).run() if "scenario" in spec else \
        load_scenario_text(text, source=path.name).run()

    assert result.path == expected["path"]
    if "status" in expected:
        assert result.status == expected["status"]

    by_step = {r.step: r for r in result.records}
    for want in expected.get("deadlines", []):
        record = by_step[want["step"]]
        found = [d for d in record.deadlines if d.rule_id == want["rule"]
                 and ("reason" not in want or d.trigger and _reason_of(d) == want["reason"])]
        assert found, f"step {want['step']}: no {want['rule']} deadline; have {[d.rule_id for d in record.deadlines]}"
        dues = [iso(d.due) for d in found]
        assert iso(want["due"]) in dues, f"step {want['step']} {want['rule']}: want {want['due']}, got {dues}"
        d = found[dues.index(iso(want["due"]))]
        assert d.applicable == (want["due"] is not None)
        if "safe" in want:
            assert iso(d.safe_date) == iso(want["safe"])
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
        assert result.ead["started_on"] == iso(ead["started_on"])
        for key in ("applicant_delay_days", "days_counted"):
            if key in ead:
                assert result.ead[key] == ead[key]
        for want in ead.get("deadlines", []):
            got = {d["rule"]: d["due"] for d in result.ead["deadlines"]}
            assert got[want["rule"]] == iso(want["due"]), want["why"]

    venue = expected.get("venue")
    if venue:
        assert f"the {venue['circuit']} Circuit" in " ".join(c.summary for c in by_step[venue["step"]].consequences)
    return result


def _reason_of(deadline):
    """The in-absentia reason a deadline was computed for (the engine names it in its steps/reason)."""
    if not deadline.applicable:
        return "lack_of_notice" if "notice" in deadline.reason else "in_custody"
    return "exceptional_circumstances"


def check_merits(doc: dict, case: dict):
    """One merits worked example (kind ``merits``): a doctrine's version, or a split's ruling in a circuit,
    on a date. Compares only what the example states."""
    from asylum_teach.law.merits import board_precedent_on, circuit_rule_on

    exp = case["expected"]
    problems = []
    if "doctrine" in doc:
        a = board_precedent_on(doc["doctrine"], case["date"])
        got = {"version": a.version.id if a.version else None, "strength": a.strength, "stale": a.stale,
               "position": a.version.position if a.version else None,
               "citations": [c.id for c in a.citations]}
        text = " ".join([a.holding, *a.reasons])
    else:
        a = circuit_rule_on(doc["split"], case["circuit"], case["date"])
        got = {"court": a.court, "position": a.position, "strength": a.strength, "stale": a.stale,
               "citations": [c.id for c in a.citations]}
        text = " ".join([a.holding, *a.reasons])
    for key, want in exp.items():
        if key == "mentions":
            problems += [f"mentions: {w!r} not in the answer: {text}" for w in want if w not in text]
        elif key == "cited":
            problems += [f"cited: {w!r} not among {got['citations']}" for w in want if w not in got["citations"]]
        elif want != got[key]:
            problems.append(f"{key}: expected {want!r}, got {got[key]!r}")
    assert not problems, "; ".join(problems)
    return a


def check_answer_reading(example: dict):
    """One answer-reading worked example (kind ``answers``): what a student wrote, read as the grader reads
    it (through the kernel's report and :func:`scoring.read_answer`, the one reading the grader, ``check``
    and the self-check share); either what it is read as, or the start of the sentence saying why not."""
    import re

    from asylum_teach.grading.extraction import decode, encode
    from asylum_teach.grading.scoring import format_check, read_answer
    from asylum_teach.grading.spec import Question, get_spec

    type_names = re.compile(r"\b(str|int|float|ellipsis|NoneType|datetime|tuple|Unsupported|Missing)\b"
                            r"|'(list|dict|date)'")  # words that name a Python type to a law student
    if "question" in example:
        exercise, key = example["question"].split("/")
        q = get_spec(exercise).question(key)
    else:
        q = Question("answer", "?", example["kind"])
    def plain(value):  # the YAML loader's lists keep their lines; a student's list is a plain one
        return [plain(v) for v in value] if isinstance(value, list) else value

    received = decode(encode(plain(example["wrote"])))  # as the grader receives it from the kernel
    reading = read_answer(q, received)
    if "says" in example:
        assert not reading.ok and reading.problem.startswith(example["says"]), reading
        assert not type_names.search(reading.problem), reading.problem
        assert format_check(q, received) == (False, reading.problem)
    else:
        assert reading.ok, reading.problem
        want = plain(example["reads as"])
        assert reading.value == want and type(reading.value) is type(want), (reading.value, want)
