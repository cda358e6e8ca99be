"""Generated hearings and decisions fall on days the court sits."""

from hypothesis import given, settings
from hypothesis import strategies as st

from asylum_teach.court_calendar import CourtCalendar
from asylum_teach.model.generator import COURT_DAY_FACTS, generate_client


def test_the_demo_client_no_longer_has_a_sunday_hearing():
    # generate_client("demo", "2026-11-23") once put its master calendar hearing on Sunday 2025-07-06
    facts = generate_client("demo", "2026-11-23").facts
    assert all(CourtCalendar().is_business_day(facts[k]) for k in COURT_DAY_FACTS if facts.get(k))


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_every_generated_hearing_and_decision_is_on_a_business_day(seed):
    facts = generate_client(seed, "2026-11-23").facts
    for key in COURT_DAY_FACTS:
        if facts.get(key):
            assert CourtCalendar().is_business_day(facts[key]), f"{key} on {facts[key]}"
