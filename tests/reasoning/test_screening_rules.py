"""The base-rule-plus-exceptions machinery (STYLE P4) and its wording data."""

from __future__ import annotations

import datetime as dt

import pytest

from asylum_teach.exceptions import ConflictingExceptionsError
from asylum_teach.model.facts import Facts
from asylum_teach.reasoning import screening_bars as bars
from asylum_teach.reasoning.screening_rules import OPEN, Branch, Case, DefeasibleRule, _load, wording

RULES = (bars.PATHWAY, *bars.ASYLUM_RULES, *bars.WITHHOLDING_RULES)
AS_OF = dt.date(2026, 3, 2)


def case(**facts):
    return Case(Facts(facts), AS_OF)


def test_every_branch_in_the_code_has_wording_and_a_citation():
    for rule in RULES:
        for branch in (rule.base, rule.default, *rule.exceptions):
            if branch is not None:
                assert wording(branch.id).citations, branch.id


def test_every_citation_is_tagged_and_every_wording_links_a_source():
    """A citation may have no address where none was seen, but every branch links at least one source
    (branches whose citations come from the border rule at run time get them there)."""
    for wid, w in _load().items():
        for c in w.citations:
            assert c.strength in ("P", "S", "K") and (c.url is None or c.url.startswith("https://")), wid
        assert w.runtime_cites or any(c.url for c in w.citations), wid


def test_an_exception_beats_the_base_rule():
    out = bars.ONE_YEAR.decide(case(last_arrival_on="2020-01-02", i589_filed_on="2023-01-02", unaccompanied_child=True))
    assert (out.decision, out.exception_id) == ("not-barred", "one-year-uac")


def test_a_declared_override_is_not_a_conflict():
    out = bars.ASYLUM_PSC.decide(case(aggravated_felony=True, aggregate_sentence_years=1, particularly_serious_crime=False))
    assert (out.decision, out.exception_id) == ("barred", "asylum-aggravated-felony")


def test_two_undeclared_exceptions_with_different_results_raise():
    rule = DefeasibleRule("demo", base=Branch("prior-denial", "barred", lambda c: True), exceptions=(
        Branch("one-year-uac", "not-barred", lambda c: True), Branch("asylum-persecutor", "barred", lambda c: True)))
    with pytest.raises(ConflictingExceptionsError, match="one-year-uac.*asylum-persecutor"):
        rule.decide(case())


def test_an_open_exception_that_could_change_the_result_makes_the_outcome_open():
    out = bars.ONE_YEAR.decide(case(last_arrival_on="2020-01-02", i589_filed_on="2023-01-02",
                                    extraordinary_circumstances=True))
    assert out.decision == OPEN and "reasonable period" in out.question


def test_an_open_exception_that_agrees_with_the_result_changes_nothing():
    out = bars.ONE_YEAR.decide(case(last_arrival_on="2025-01-02", i589_filed_on="2025-03-02",
                                    changed_circumstances=True))
    assert (out.decision, out.question) == ("not-barred", None)


def test_claimed_changed_circumstances_leave_the_prior_denial_bar_open_for_the_judge():
    out = bars.PRIOR_DENIAL.decide(case(prior_asylum_denial=True, changed_circumstances=True))
    assert (out.decision, out.exception_id) == (OPEN, "prior-denial-changed-circumstances")
    assert "materially affect" in out.question
    assert bars.PRIOR_DENIAL.decide(case(prior_asylum_denial=True)).decision == "barred"
    assert bars.PRIOR_DENIAL.decide(case(prior_asylum_denial=True, changed_circumstances=False)).decision == "barred"
