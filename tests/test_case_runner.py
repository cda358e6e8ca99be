"""The worked-example runner can fail: a misspelled key is an error, not a case that checks nothing.

Each kind of worked example (deadline, screening, scenario; ``tests/worked_examples.py``) is fed a
file with one fault, through the same function the pytest collector calls.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import check_case, check_merits, check_scenario, check_screening
from tests.worked_examples import KINDS, TESTS, ExampleError, kind_of, read_examples

CASE = {"name": "x", "trigger": "2025-06-02", "why": "x"}
DEADLINE = """\
rule: bia-appeal
cases:
  - name: A decision on Monday 2025-06-02 must reach the Board by Wednesday 2025-07-02
    trigger: 2025-06-02
    expected: {due: 2025-07-02, safe_date: 2025-07-02}
    why: Thirty calendar days (8 C.F.R. 1003.38(b)).
"""
SCREENING = """\
- name: Not in proceedings means the affirmative pathway
  persona: affirmative-not-in-proceedings
  expected:
    pathway: affirmative
    asylum: {available: true, bars: []}
  why: No NTA was filed, so USCIS decides.
"""
SCENARIO = """\
scenario: clean_grant
expected:
  path: [nta_served, nta_filed, master_calendar, i589_filed, biometrics, evidence_filed, individual_hearing,
         ij_decision, appeal_waived]
  deadlines:
    - {step: 1, rule: one-year-asylum, due: 2025-09-15, why: "Arrival Sun 2024-09-15; anniversary Mon 2025-09-15."}
"""
MERITS = """\
split: withholding-nexus
cases:
  - name: In the Ninth Circuit from Barajas-Romero, withholding needs only "a reason"
    date: 2017-01-18
    circuit: 9th
    expected: {court: 9th, position: a-reason}
    why: Barajas-Romero v. Lynch, 846 F.3d 351 (9th Cir. 2017).
    source: Barajas-Romero v. Lynch (P text)
"""


def examples(kind: str, text: str, name: str):
    folder = {"deadline": TESTS / "cases", "screening": TESTS / "reasoning", "scenario": TESTS / "scenarios",
              "merits": TESTS / "merits"}[kind]
    path = folder / name
    return read_examples(path, textwrap.dedent(text), KINDS[kind])


# ------------------------------------------------------------------------------------ the runner accepts good files
@pytest.mark.parametrize("kind, text, name", [
    ("deadline", DEADLINE, "bia-appeal.yaml"),
    ("screening", SCREENING, "test_screening_cases.yaml"),
    ("scenario", SCENARIO, "clean_grant.yaml"),
    ("merits", MERITS, "withholding-nexus.yaml"),
])
def test_a_well_formed_example_of_each_kind_runs(kind, text, name):
    (example,) = examples(kind, text, name)
    example.run()


# ------------------------------------------------------------------------------------ and refuses misspellings
@pytest.mark.parametrize("kind, name, text, message", [
    # the case: every expected key misspelled, so the case used to check nothing
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("{due: 2025-07-02, safe_date: 2025-07-02}",
                                                     "{deu: 2025-07-02, safe_dte: 2025-07-02}"),
     r"bia-appeal\.yaml, line 5: deadline\.cases\[0\]\.expected: unknown key 'deu'; did you mean 'due'\?"),
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("    trigger:", "    triger:"),
     r"line 3: deadline\.cases\[0\]: unknown key 'triger'; did you mean 'trigger'\?"),
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("    expected:", "    expeted:"),
     r"unknown key 'expeted'; did you mean 'expected'\?"),
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("rule:", "rules:"), r"deadline: unknown key 'rules'"),
    ("deadline", "bia-brief.yaml", DEADLINE, r"'rule: bia-appeal' must match the file name 'bia-brief'"),
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("    why: Thirty calendar days (8 C.F.R. 1003.38(b)).\n", ""),
     r"deadline\.cases\[0\]: missing required key 'why'"),
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("why: Thirty calendar days (8 C.F.R. 1003.38(b)).", "why: ''"),
     r"case 1 needs its worked reasoning in 'why'"),
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("safe_date: 2025-07-02}", "safe_date: 2025-07-02, "
                                                     "alternatives: [{date: 2025-07-03, polcy: x}]}"),
     r"expected\.alternatives\[0\]: unknown key 'polcy'; did you mean 'policy'\?"),
    ("deadline", "bia-appeal.yaml", DEADLINE.replace("    trigger: 2025-06-02\n", "    trigger: 2025-06-02\n    trigger: 2025-06-03\n"),
     r"line 5: duplicate key 'trigger'"),
    ("screening", "test_screening_cases.yaml", SCREENING.replace("    pathway:", "    pathwya:"),
     r"line 4: screening\[0\]\.expected: unknown key 'pathwya'; did you mean 'pathway'\?"),
    ("screening", "test_screening_cases.yaml", SCREENING.replace("{available: true", "{availble: true"),
     r"screening\[0\]\.expected\.asylum: unknown key 'availble'; did you mean 'available'\?"),
    ("screening", "test_screening_cases.yaml", SCREENING.replace("  persona:", "  persna:"),
     r"screening\[0\]: unknown key 'persna'; did you mean 'persona'\?"),
    ("screening", "test_screening_cases.yaml", SCREENING.replace("  expected:", "  error: InvalidInputError\n  expected:"),
     r"screening\[0\]: needs exactly one of expected, error"),
    ("scenario", "clean_grant.yaml", SCENARIO.replace("  deadlines:", "  deadlnes:"),
     r"scenario\.expected: unknown key 'deadlnes'; did you mean 'deadlines'\?"),
    ("scenario", "clean_grant.yaml", SCENARIO.replace("due: 2025-09-15", "du: 2025-09-15"),
     r"line 6: scenario\.expected\.deadlines\[0\]: unknown key 'du'; did you mean 'due'\?"),
    ("scenario", "clean_grant.yaml", SCENARIO.replace("  path:", "  pth:"),
     r"scenario\.expected: unknown key 'pth'; did you mean 'path'\?"),
    ("scenario", "detained_bond.yaml", SCENARIO, r"'scenario: clean_grant' must match the file name 'detained_bond'"),
    ("merits", "withholding-nexus.yaml", MERITS.replace("{court: 9th", "{cuort: 9th"),
     r"line 6: merits\.cases\[0\]\.expected: unknown key 'cuort'; did you mean 'court'\?"),
    ("merits", "withholding-nexus.yaml", MERITS.replace("    date:", "    on:"),
     r"merits\.cases\[0\]: unknown key True"),   # YAML 1.1 reads a bare 'on' as true: refused, never ignored
    ("merits", "withholding-nexus.yaml", MERITS.replace("    source: Barajas-Romero v. Lynch (P text)\n", ""),
     r"merits\.cases\[0\]: missing required key 'source'"),
    ("merits", "withholding-nexus.yaml", MERITS.replace("    circuit: 9th\n", ""), r"line 3: case 1 needs a circuit"),
    ("merits", "corroboration-notice.yaml", MERITS,
     r"'split: withholding-nexus' must match the file name 'corroboration-notice'"),
])
def test_a_misspelled_or_misplaced_key_is_refused_with_file_and_line(kind, name, text, message):
    with pytest.raises(ExampleError, match=message):
        examples(kind, text, name)


# ------------------------------------------------------------------------------------ and a wrong answer fails
@pytest.mark.parametrize("case, message", [
    ({**CASE, "expected": {"deu": "2025-07-02"}}, "unknown key 'deu'"),
    ({**CASE, "expeted": {"due": "2025-07-02"}}, "unknown key 'expeted'"),
    ({**CASE, "expected": {}}, "must state what it expects"),
    ({**CASE, "expected": {"due": "2025-07-03"}}, "due: expected 2025-07-03, got 2025-07-02"),
])
def test_a_wrong_or_misspelled_deadline_case_fails(case, message):
    with pytest.raises(AssertionError, match=message):
        check_case("bia-appeal", case)


def test_a_wrong_screening_answer_fails():
    case = {"name": "x", "persona": "affirmative-not-in-proceedings", "why": "x", "expected": {"pathway": "defensive"}}
    with pytest.raises(AssertionError):
        check_screening(case)


def test_a_wrong_merits_answer_fails():
    doc = {"split": "withholding-nexus"}
    with pytest.raises(AssertionError, match="position: expected 'one-central-reason', got 'a-reason'"):
        check_merits(doc, {"date": "2017-01-18", "circuit": "9th", "expected": {"position": "one-central-reason"}})


def test_a_wrong_scenario_answer_fails():
    spec = {"scenario": "clean_grant", "expected": {"path": ["nta_served"]}}
    with pytest.raises(AssertionError):
        check_scenario(spec, "", Path("clean_grant.yaml"))


# ------------------------------------------------------------------------------------ nothing escapes the runner
def test_every_worked_example_file_belongs_to_a_kind():
    files = sorted(p for p in TESTS.rglob("*.yaml"))
    assert files and all(kind_of(p) is not None for p in files), [str(p) for p in files if kind_of(p) is None]
    assert {kind_of(p).name for p in files} == set(KINDS)
