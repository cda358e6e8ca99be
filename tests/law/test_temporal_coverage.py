"""Exactly one version of every rule is in force on every day from 2000 through 2030 (STYLE P9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from asylum_teach.law.rules import load_rules

RULE_IDS = [
    "one-year-asylum", "filing-before-master", "filing-before-individual", "response-to-filing",
    "address-change-court", "address-change-bia", "judge-set-date", "bia-appeal", "bia-brief",
    "petition-for-review", "motion-to-reopen", "motion-to-reconsider", "in-absentia-reopen",
    "ead-application", "ead-eligibility", "vd-pre-conclusion", "vd-conclusion", "vd-bond",
]


def test_every_rule_id_the_course_uses_exists_and_no_other():
    assert sorted(load_rules()) == sorted(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_exactly_one_version_in_force_every_day_2000_to_2030(rule_id):
    rule = load_rules()[rule_id]
    day = date(2000, 1, 1)
    while day <= date(2030, 12, 31):
        in_force = [v.version for v in rule.versions if v.in_force_on(day)]
        assert len(in_force) == 1, f"{rule_id} on {day}: {in_force}"
        day += timedelta(days=1)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_version_is_cited_dated_and_graded(rule_id):
    for v in load_rules()[rule_id].versions:
        assert v.citations and any(c.url and c.url.startswith("https://") for c in v.citations)
        assert all(c.url is None or c.url.startswith("https://") for c in v.citations)
        assert v.source_strength in ("P", "S", "K")
        assert v.last_verified_on >= date(2026, 1, 1)


def test_the_individual_hearing_deadline_changed_three_times_since_2020():
    periods = [(v.effective_from, v.period) for v in load_rules()["filing-before-individual"].versions]
    assert periods[1:] == [(date(2008, 7, 1), 15), (date(2020, 12, 23), 30), (date(2022, 8, 26), 15),
                           (date(2025, 2, 16), 30)]


def test_the_2026_10_day_bia_rule_was_never_in_force_and_stays_in_the_history():
    """Vacated on 2026-03-08, the night before it was to begin (Amica Center v. EOIR, D.D.C.)."""
    rule = load_rules()["bia-appeal"]
    assert rule.version_on(date(2026, 3, 9)).period == 30
    (vacated,) = rule.history
    assert (vacated.period, vacated.announced_on, vacated.effective_from) == (10, date(2026, 2, 6), date(2026, 3, 9))
    assert vacated.never_in_force and not any(vacated.in_force_on(date(2026, 3, 9) + timedelta(days=n))
                                              for n in range(0, 4000, 7))


def test_the_2026_briefing_rule_took_effect_and_is_under_litigation():
    v = load_rules()["bia-brief"].version_on(date(2026, 3, 9))
    assert v.period == 20 and v.litigation.case == "amica-center-v-eoir"
