"""The curated personas cover every scenario the course needs; the country list is usable."""

from __future__ import annotations

import pytest
from faker import Faker

from asylum_teach.model.countries import load_countries
from asylum_teach.model.personas import load_persona, persona_ids

# The list of teaching scenarios, each with the persona that illustrates it.
REQUIRED = {
    "defensive after border apprehension and positive credible fear": "border-credible-fear",
    "affirmative applicant not in proceedings": "affirmative-not-in-proceedings",
    "affirmative case not granted and referred to court": "affirmative-referred",
    "unaccompanied child in proceedings (USCIS initial jurisdiction)": "uac-in-proceedings",
    "late filer with changed circumstances within a reasonable period": "late-changed-circumstances",
    "late filer with no exception": "late-no-exception",
    "aggravated felony with aggregate sentence of 5 years or more": "aggravated-felony-long-sentence",
    "aggravated felony with a shorter sentence": "aggravated-felony-short-sentence",
    "persecutor bar": "persecutor-bar",
    "firm resettlement": "firm-resettlement",
    "detained fast track": "detained-fast-track",
    "missed hearing with an in-absentia order": "missed-hearing-in-absentia",
    "family with derivatives": "family-with-derivatives",
}


def test_at_least_twelve_personas_cover_the_required_scenarios():
    assert len(persona_ids()) >= 12
    assert set(REQUIRED.values()) <= set(persona_ids())


@pytest.mark.parametrize("pid", persona_ids())
def test_each_persona_is_valid_hypothetical_and_teaches_something(pid):
    p = load_persona(pid)
    assert p.source == "persona" and p.hypothetical
    assert len(p.teaching_note.split()) >= 15, "a teaching note says what the persona illustrates"
    assert p.narrative.startswith("HYPOTHETICAL CLIENT")
    assert p.facts.get("country_of_nationality") and p.facts.get("language")


def test_required_persona_facts_match_their_scenario():
    assert load_persona("uac-in-proceedings").facts["unaccompanied_child"] is True
    assert load_persona("detained-fast-track").facts["detained"] is True
    assert load_persona("missed-hearing-in-absentia").facts["in_absentia_order_on"]
    assert load_persona("aggravated-felony-long-sentence").facts["aggregate_sentence_years"] >= 5
    assert load_persona("aggravated-felony-short-sentence").facts["aggregate_sentence_years"] < 5
    family = load_persona("family-with-derivatives").facts["family_members"]
    assert {m.relationship for m in family if m.can_be_derivative} == {"spouse", "child"}


@pytest.mark.parametrize("country", load_countries(), ids=lambda c: c.name)
def test_each_country_has_languages_and_a_working_faker_locale(country):
    assert country.languages
    fake = Faker(country.faker_locale)
    fake.seed_instance(1)
    name = fake.first_romanized_name() if country.romanized else fake.first_name()
    assert name and name.replace("-", "").replace(" ", "").replace("'", "").isalpha()
