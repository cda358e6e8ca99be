"""The rule loader is a schema: it refuses bad data and says which file and line."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from asylum_teach.exceptions import MissingCitationError, RuleDataError
from asylum_teach.law.rules import load_rules_from

GOOD_VERSION = """\
  - version: v1
    effective_from: null
    effective_to: null
    period: 5
    unit: calendar_days
    direction: after
    roll: next-business-day
    kind: deadline
    source_strength: P
    citations:
      - cfr-1003-15-d-2
"""

HEADER = """\
id: demo
title: Demo rule
trigger: something
filed_with: immigration-court
version_date: as_of
last_verified_on: 2026-11-23
versions:
"""


def write(tmp_path, text, name="demo.yaml"):
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_a_well_formed_rule_loads(tmp_path):
    rules = load_rules_from(write(tmp_path, HEADER + GOOD_VERSION))
    assert rules["demo"].versions[0].period == 5


def test_a_version_without_a_citation_is_refused_with_file_and_line(tmp_path):
    text = HEADER + GOOD_VERSION.split("    citations:")[0]
    with pytest.raises(MissingCitationError, match=r"demo\.yaml, line 8: .*no citation"):
        load_rules_from(write(tmp_path, text))


def test_overlapping_versions_are_refused(tmp_path):
    second = GOOD_VERSION.replace("version: v1", "version: v2").replace("effective_from: null", "effective_from: 2020-01-01")
    with pytest.raises(RuleDataError, match=r"line \d+: rule demo: version 'v2' overlaps version 'v1'"):
        load_rules_from(write(tmp_path, HEADER + GOOD_VERSION + second))


def test_duplicate_keys_are_refused_with_their_line(tmp_path):
    text = HEADER + GOOD_VERSION.replace("    period: 5\n", "    period: 5\n    period: 15\n")
    with pytest.raises(RuleDataError, match=r"line 12: duplicate key 'period'"):
        load_rules_from(write(tmp_path, text))


def test_an_unknown_key_is_refused(tmp_path):
    text = HEADER + GOOD_VERSION.replace("    period: 5\n", "    periode: 5\n    period: 5\n")
    with pytest.raises(RuleDataError, match="unknown key 'periode'"):
        load_rules_from(write(tmp_path, text))


def test_an_earliest_permitted_date_may_not_be_rolled(tmp_path):
    text = HEADER + GOOD_VERSION.replace("kind: deadline", "kind: earliest")
    with pytest.raises(RuleDataError, match="never rolled"):
        load_rules_from(write(tmp_path, text))


def test_rule_id_must_match_file_name(tmp_path):
    with pytest.raises(RuleDataError, match="must match the file name"):
        load_rules_from(write(tmp_path, HEADER + GOOD_VERSION, name="other.yaml"))


@pytest.mark.parametrize("cited, message", [
    ("cfr-1003-15-d-22", r"line 18: version 'v1'\.citations\[0\]: unknown citation 'cfr-1003-15-d-22'\. Did you mean 'cfr-1003-15-d-2'\?"),
    ('{cite: "8 C.F.R. 1003.15(d)(2)", url: "https://example.org", strength: P}',
     r"version 'v1'\.citations\[0\]: a citation is an id from data/citations\.yaml, not LineMap"),
])
def test_a_rule_cites_the_registry_by_id_and_an_unknown_or_inline_citation_is_refused(tmp_path, cited, message):
    """Issue 13: each authority is written once, in data/citations.yaml; a rule names it by id."""
    text = HEADER + GOOD_VERSION.replace("- cfr-1003-15-d-2", f"- {cited}")
    with pytest.raises(RuleDataError, match=message):
        load_rules_from(write(tmp_path, text))


def test_not_applicable_conditions_must_use_glossary_facts(tmp_path):
    text = HEADER + GOOD_VERSION + textwrap.indent(textwrap.dedent("""\
        not_applicable_when:
          - fact: in_jail
            equals: true
            reason: x
            citation: appendix-c-detained
        """), "    ")
    with pytest.raises(RuleDataError, match="unknown fact 'in_jail'"):
        load_rules_from(write(tmp_path, text))


def test_a_version_whose_citations_have_no_address_at_all_is_refused(tmp_path):
    text = HEADER + GOOD_VERSION.replace("- cfr-1003-15-d-2", "- escobar")   # Matter of Escobar: no address seen
    with pytest.raises(MissingCitationError, match="at least one citation with a source URL"):
        load_rules_from(write(tmp_path, text))


# --- the schema checks nested keys at load (issue 13: they used to fail later, inside the engine)
@pytest.mark.parametrize("extra, message", [
    ('trigger_floor: {date: "1997-04-01", reason: IIRIRA}', r"line 19: version 'v1'\.trigger_floor\.date must be a date"),
    ("trigger_floor: {dat: 1997-04-01, reason: IIRIRA}", r"version 'v1'\.trigger_floor: unknown key 'dat'"),
    ("adds_fact_days: {fact: applicant_delay_days}", r"version 'v1'\.adds_fact_days: missing required key 'reason'"),
    ("period: '5'", r"version 'v1'\.period must be a whole number"),
    ("roll: next-day", r"version 'v1'\.roll must be one of next-business-day"),
    ("litigation: {case: no-such-case, provision: x}", r"no case 'no-such-case' in the litigation register"),
    ("litigation: {case: amica-center-v-eoir, provision: x}", r"case amica-center-v-eoir has no provision 'x'"),
])
def test_a_mistyped_or_unknown_nested_key_is_refused_with_file_and_line(tmp_path, extra, message):
    text = HEADER + "\n".join(line for line in GOOD_VERSION.splitlines()
                              if not line.strip().startswith(extra.split(":")[0] + ":")) + f"\n    {extra}\n"
    with pytest.raises(RuleDataError, match=message):
        load_rules_from(write(tmp_path, text))


def test_a_litigated_version_must_agree_with_the_register_on_its_dates(tmp_path):
    """The 2020 EAD rule took effect 2020-08-25 and was vacated 2022-02-07 (Asylumworks): a rule file
    saying otherwise is stale, and the loader says which file disagrees."""
    v = (GOOD_VERSION.replace("effective_from: null", "effective_from: 2020-08-25")
         .replace("effective_to: null", "effective_to: 2022-03-01")
         + "    litigation: {case: asylumworks-v-mayorkas, provision: broader-asylum-ead-2020}\n")
    with pytest.raises(RuleDataError, match=r"effective_to should be 2022-02-06, the day before the register's vacated"):
        load_rules_from(write(tmp_path, HEADER + v))


def test_a_version_vacated_before_it_began_is_history_and_never_in_force(tmp_path):
    v = (GOOD_VERSION + GOOD_VERSION.replace("version: v1", "version: v2")
         .replace("effective_from: null", "effective_from: 2026-03-09")
         + "    litigation: {case: amica-center-v-eoir, provision: notice-of-appeal-10-days}\n")
    rule = load_rules_from(write(tmp_path, HEADER + v))["demo"]
    assert [h.version for h in rule.history] == ["v2"]
    assert rule.version_on(date(2026, 12, 1)).version == "v1"
