"""Properties that hold for every rule, every trigger and every policy choice (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asylum_teach.court_calendar import CourtCalendar
from asylum_teach.law.engine import deadline_for
from asylum_teach.law.policies import load_policies
from asylum_teach.law.rules import load_rules

RULES = sorted(load_rules())
triggers = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
POLICIES = load_policies()
policies = st.fixed_dictionaries({name: st.sampled_from(list(p.values)) for name, p in POLICIES.items()})
# the answers a careful lawyer must consider: every policy value but the what-ifs
defensible = st.fixed_dictionaries({name: st.sampled_from([v for v, a in p.values.items() if not a.what_if])
                                    for name, p in POLICIES.items()})
facts = st.fixed_dictionaries({}, optional={
    "detained": st.booleans(), "unaccompanied_child": st.booleans(),
    "applicant_delay_days": st.integers(0, 400), "asylum_decided_on_merits": st.booleans(),
})
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def closed_under_any_reading(day: date) -> bool:
    """Closed even on the narrowest reading: a weekend or an actual legal holiday."""
    return not CourtCalendar(observed_holidays=False).is_business_day(day)


@SETTINGS
@given(rule=st.sampled_from(RULES), trigger=triggers, pol=policies, fx=facts)
def test_a_deadline_never_falls_on_a_closed_day(rule, trigger, pol, fx):
    d = deadline_for(rule, trigger, facts=fx, policies=pol)
    if d.applicable and d.kind == "deadline":
        cal = CourtCalendar(observed_holidays=pol["observed_holidays"] == "closed",
                            executive_order_closures=pol["executive_order_closures"] == "holiday",
                            inauguration_day=load_rules()[rule].filed_with == "bia"
                            and pol["inauguration_day"] == "holiday")
        assert cal.is_business_day(d.due), f"{rule} from {trigger} is due on closed {d.due}"
        assert not closed_under_any_reading(d.safe_date)


@SETTINGS
@given(rule=st.sampled_from(RULES), trigger=triggers, pol=policies, fx=facts)
def test_a_forward_rule_is_never_due_before_its_raw_date(rule, trigger, pol, fx):
    d = deadline_for(rule, trigger, facts=fx, policies=pol)
    if not d.applicable:
        return
    version = load_rules()[rule].versions
    v = next(v for v in version if v.version == d.version)
    if v.direction == "after" and v.unit == "calendar_days":
        raw_period = v.period + (fx.get("applicant_delay_days", 0) if v.adds_fact_days else 0)
        shortest = min([raw_period] + [e.period for e in v.exceptions])
        assert (d.due - trigger).days >= shortest, f"{rule} from {trigger} due {d.due}, before day {shortest}"


@SETTINGS
@given(rule=st.sampled_from(RULES), trigger=triggers, pol=policies, fx=facts)
def test_the_safe_date_is_never_after_the_due_date_nor_any_alternative(rule, trigger, pol, fx):
    d = deadline_for(rule, trigger, facts=fx, policies=pol)
    if d.applicable:
        assert d.safe_date <= d.due
        if d.kind == "deadline":
            assert all(d.safe_date <= a.date for a in d.alternatives)
    else:
        assert d.due is None and d.reason


@SETTINGS
@given(trigger=triggers)
def test_a_forward_calendar_day_rule_lands_on_or_after_its_raw_day_and_within_a_week(trigger):
    d = deadline_for("bia-appeal", trigger)
    raw = (d.due - trigger).days
    assert 30 <= raw <= 30 + 6


@SETTINGS
@given(rule=st.sampled_from(RULES), trigger=triggers, as_of=triggers, pol=defensible, fx=facts)
def test_a_version_that_never_took_effect_never_gives_the_due_date(rule, trigger, as_of, pol, fx):
    """Issue 11: the 10-day BIA rule, vacated the night before it began, is history, never the law.
    Only an explicit what-if (bia_appeal_vacatur=reversed) counts under it."""
    d = deadline_for(rule, trigger, as_of=as_of, facts=fx, policies=pol)
    never = {v.version for v in load_rules()[rule].history}
    assert d.version not in never
    assert d.what_if is None


@given(trigger=st.dates(min_value=date(2026, 3, 9), max_value=date(2035, 12, 31)),
       as_of=st.dates(min_value=date(2026, 3, 8), max_value=date(2035, 12, 31)))
def test_after_the_vacatur_every_bia_appeal_is_due_in_30_days_with_no_10_day_alternative(trigger, as_of):
    d = deadline_for("bia-appeal", trigger, as_of=as_of)
    assert d.version == "30-days" and (d.counted_on - trigger).days == 30
    assert all((a.date - trigger).days >= 30 for a in d.alternatives)
