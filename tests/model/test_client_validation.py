"""The client model refuses impossible facts with a message that names the field (worked examples)."""

from __future__ import annotations

import datetime as dt

import pytest

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.client import Client
from asylum_teach.model.facts import Facts
from asylum_teach.model.generator import generate_client
from asylum_teach.model.personas import load_personas

BASE = {"client_id": "t", "given_name": "Ana", "family_name": "Ruiz", "born_on": "1990-05-01",
        "as_of": "2026-01-15", "facts": {"last_arrival_on": "2025-04-02"}}


def client(**facts):
    return Client.from_dict({**BASE, "facts": {**BASE["facts"], **facts}})


# (name, facts, words the message must contain: the field first)
BAD = [
    ("arrival after the NTA was served", {"nta_served_on": "2025-03-01"},
     ["last_arrival_on", "after nta_served_on"]),
    ("a past event after the as-of date", {"i589_filed_on": "2026-02-01"}, ["i589_filed_on", "as-of date"]),
    ("a sentence without a conviction", {"aggregate_sentence_years": 3}, ["aggregate_sentence_years", "conviction"]),
    ("an unknown protected ground", {"protected_grounds": ["gender"]}, ["protected_grounds", "gender"]),
    ("an unknown fact name", {"detaind": True}, ["detaind", "detained"]),
    ("a date that does not exist", {"nta_served_on": "2025-02-30"}, ["nta_served_on", "not a real date"]),
    ("a yes/no fact that is neither", {"detained": "perhaps"}, ["detained", "true/false"]),
    ("a negative sentence", {"aggravated_felony": True, "aggregate_sentence_years": -1},
     ["aggregate_sentence_years", "negative"]),
    ("a decision with no proceedings", {"in_removal_proceedings": False, "ij_decision_on": "2025-12-01"},
     ["in_removal_proceedings", "ij_decision_on"]),
    ("a Board decision before the judge's", {"nta_filed_on": "2025-05-01", "ij_decision_on": "2025-12-01",
                                             "bia_decision_on": "2025-11-01"}, ["ij_decision_on", "bia_decision_on"]),
    ("a Board decision without a judge's decision", {"bia_decision_on": "2025-11-01"},
     ["bia_decision_on", "ij_decision_on"]),
    ("an unaccompanied child who was an adult at arrival", {"unaccompanied_child": True},
     ["unaccompanied_child", "under 18", "6 U.S.C. 279(g) [P]"]),
    ("a parent marked as a derivative",
     {"family_members": [{"relationship": "parent", "given_name": "Rosa", "can_be_derivative": True}]},
     ["family_members[0].can_be_derivative", "parent"]),
    ("an unknown relationship", {"family_members": [{"relationship": "cousin", "given_name": "Rosa"}]},
     ["family_members[0].relationship", "cousin"]),
    ("an in-absentia reason without an order", {"in_absentia_reason": "lack_of_notice"},
     ["in_absentia_reason", "in_absentia_order_on"]),
]


@pytest.mark.parametrize("facts, words", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_impossible_facts_are_refused_naming_the_field(facts, words):
    with pytest.raises(InvalidInputError) as info:
        client(**facts)
    message = str(info.value)
    assert words[0] in message[:60], "the field is named at the start of the message"
    for w in words[1:]:
        assert w in message


@pytest.mark.parametrize("field, value, words", [
    ("born_on", "2025-05-01", "born_on"),
    ("as_of", "2026-13-01", "as_of"),
    ("hypothetical", False, "never enter real client data"),
    ("given_name", "", "given_name"),
    ("ssn", "123", "ssn: unknown client field"),
])
def test_person_fields_are_checked(field, value, words):
    with pytest.raises(InvalidInputError, match=words):
        Client.from_dict({**BASE, field: value})


def test_scheduled_hearings_may_lie_after_the_as_of_date():
    c = client(nta_served_on="2025-05-01", in_removal_proceedings=True, master_calendar_hearing_on="2026-06-01",
               individual_hearing_on="2026-12-01", biometrics_due_on="2026-11-01")
    assert c.facts["individual_hearing_on"] == dt.date(2026, 12, 1)


def test_a_uac_may_file_with_uscis_after_the_nta():
    c = Client.from_dict({**BASE, "born_on": "2010-01-01", "facts": {
        "last_arrival_on": "2025-04-02", "unaccompanied_child": True, "nta_filed_on": "2025-04-10",
        "affirmative_application_filed_on": "2025-09-01"}})
    assert c.facts["unaccompanied_child"] is True


def test_facts_are_immutable_and_typed():
    f = Facts({"detained": "no", "aggregate_sentence_years": "2.5", "aggravated_felony": "yes"})
    assert f["detained"] is False and f["aggregate_sentence_years"] == 2.5
    with pytest.raises(AttributeError):
        f.detained = True
    with pytest.raises(KeyError):
        f["last_arrival_on"]
    assert f.get("last_arrival_on") is None


@pytest.mark.parametrize("c", [*load_personas().values(), *(generate_client(s, "2026-01-15") for s in range(25))],
                         ids=lambda c: c.client_id)
def test_clients_round_trip_through_json_and_yaml(c):
    assert Client.from_json(c.to_json()) == c
    assert Client.from_yaml(c.to_yaml()) == c
    assert c.to_dict()["notice"].startswith("HYPOTHETICAL CLIENTS ONLY")


def test_glossary_marks_citations_the_research_did_not_verify():
    """The glossary names its sources by registry id (issue 13); the registry says they are unverified."""
    from asylum_teach.glossary import FACTS
    from asylum_teach.law.citations import cite

    assert [cite(c).shown() for c in FACTS["aggravated_felony"].cites] == ["INA 101(a)(43) [K: unverified]"]
    assert "INA 101(a)(43)" in FACTS["aggravated_felony"].meaning
