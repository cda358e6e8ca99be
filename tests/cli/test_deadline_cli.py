"""The CLI contract for ``deadline`` and ``rules``: JSON shape, readable text, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args):
    return subprocess.run([sys.executable, "-m", "asylum_teach", *args], capture_output=True, text=True, timeout=60)


def test_json_contract():
    out = run("deadline", "bia-appeal", "2026-04-01", "--json")
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout)
    for key in ("rule", "trigger", "due", "safe_date", "alternatives", "applicable", "reason", "steps",
                "citations", "version"):
        assert key in obj
    # Issue 11: the 10-day rule was vacated on 2026-03-08; a 2026-04-01 decision is appealable to 2026-05-01.
    assert obj["rule"] == "bia-appeal" and obj["due"] == "2026-05-01" and obj["citations"]
    assert obj["safe_date"] == "2026-05-01" and obj["alternatives"] == [] and obj["what_if"] is None
    (vacated,) = obj["history"]
    assert (vacated["version"], vacated["period"], vacated["status"]) == ("2026-interim-rule-10-days", 10, "vacated")
    assert vacated["last_checked_on"] == "2026-12-01" and vacated["citations"]
    assert [s["kind"] for s in obj["steps"]][:2] == ["version", "history"]
    assert obj["counted_on"] == "2026-05-01"


def test_a_what_if_is_labelled_as_one():
    out = run("deadline", "bia-appeal", "2026-04-01", "--policy", "bia_appeal_vacatur=reversed")
    assert out.returncode == 0, out.stderr
    assert "WHAT-IF, NOT THE LAW IN FORCE" in out.stdout and "due: Monday 2026-04-13" in out.stdout


def test_not_applicable_json_has_null_due_and_a_reason():
    obj = json.loads(run("deadline", "one-year-asylum", "2025-01-01", "--fact", "unaccompanied_child=true",
                         "--json").stdout)
    assert obj["applicable"] is False and obj["due"] is None and "208(a)(2)(E)" in obj["reason"]


def test_readable_explanation_names_holiday_and_citation():
    out = run("deadline", "motion-to-reopen", "2025-06-02")
    assert out.returncode == 0
    assert "Labor Day" in out.stdout and "INA 240(c)(7)" in out.stdout and "Tuesday 2025-09-02" in out.stdout


def test_policies_and_facts_from_the_command_line():
    obj = json.loads(run("deadline", "one-year-asylum", "2024-02-29", "--policy", "leap_day_arrival=mar-1",
                         "--json").stdout)
    assert obj["due"] == "2025-03-03" and obj["safe_date"] == "2025-02-28"


def test_rules_lists_versions_in_force():
    out = run("rules", "--as-of", "2022-01-01")
    assert out.returncode == 0 and "filing-before-individual" in out.stdout and "30 days before" in out.stdout


@pytest.mark.parametrize("args, message", [
    (("deadline", "bia-apeal", "2025-01-01"), "unknown rule 'bia-apeal'. Did you mean 'bia-appeal'? Valid rule ids:"),
    (("deadline", "bia-appeal", "2025-02-30"), "'2025-02-30' is not a real date"),
    (("deadline", "bia-appeal", "tomorrow"), "is not a date in the form YYYY-MM-DD"),
    (("deadline", "bia-appeal", "2025-01-01", "--fact", "jailed=true"), "unknown fact 'jailed'"),
    (("deadline", "bia-appeal", "2025-01-01", "--fact", "detained=maybe"), "fact detained: 'maybe' is not true/false"),
    (("deadline", "bia-appeal", "2025-01-01", "--policy", "eo=holiday"), "unknown policy 'eo'"),
    (("deadline", "bia-appeal", "2025-01-01", "--policy", "bia_appeal_vacatur=gone"), "is not one of vacated, reversed"),
    (("deadline", "bia-appeal", "2025-01-01", "--policy", "bia_2026_rule=stayed"),
     "policy 'bia_2026_rule' was split into bia_appeal_vacatur and bia_briefing_2026"),
    (("deadline", "bia-appeal", "2025-01-01", "--fact", "detained"), "must look like KEY=VALUE"),
    (("deadline", "bia-appeal", "2060-01-01"), "covers 1997-2040"),
    (("rules", "--as-of", "2025-13-01"), "not a real date"),
])
def test_bad_input_gets_one_clear_line_and_a_nonzero_exit(args, message):
    out = run(*args)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
