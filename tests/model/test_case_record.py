"""The generated case file (model/case_record.py, model/declaration.py): reproducible, HYPOTHETICAL,
with exactly the planted discrepancies and no others.

The checks read the documents' words, not the generator's own bookkeeping: a planted deviation must be
visible in the text of its paragraph and absent from the paragraphs it contradicts, and every fact the
record does not plant must read the same in every document that states it.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from asylum_teach.exceptions import InvalidDateError, InvalidInputError
from asylum_teach.model.case_record import CRITERIA, KINDS, case_record, credibility_lab_record, wording
from asylum_teach.model.declaration import day_text, month_text, part_of_year
from asylum_teach.model.generator import generate_client
from asylum_teach.model.scenarios import SCENARIOS

AS_OF = "2026-12-01"
SEEDS = [f"student-{i}" for i in range(30)]


@pytest.fixture(scope="module")
def records():
    return [credibility_lab_record(s, AS_OF) for s in SEEDS]


def test_the_same_seed_gives_the_same_case_file_and_others_differ():
    a, b = credibility_lab_record("ada", AS_OF), credibility_lab_record("ada", AS_OF)
    assert a == b
    assert credibility_lab_record("bob", AS_OF).documents != a.documents


def test_every_document_is_labelled_hypothetical_and_the_excerpt_invented(records):
    for r in records:
        assert r.notice.startswith("HYPOTHETICAL") and r.client.hypothetical
        assert all(d.title.startswith("HYPOTHETICAL") for d in r.documents)
        assert r.document("country").paragraphs[0].text.startswith("INVENTED")


def test_five_planted_discrepancies_of_every_kind_and_class(records):
    for r in records:
        counts = Counter(d.materiality for d in r.discrepancies)
        assert counts == {"material": 1, "explainable": 2, "trivial": 2}
        assert {d.kind for d in r.discrepancies} == set(KINDS)
        explained = [d.explanation for d in r.discrepancies if d.materiality == "explainable"]
        assert len(set(explained)) == 2 and set(explained) <= {"trauma", "interpretation", "time"}
        assert all(d.explanation == "none" for d in r.discrepancies if d.materiality != "explainable")
        assert r.strongest.document == "i589", "the strongest attack is in the sworn application"


def test_paragraph_ids_are_unique_and_each_discrepancy_names_real_paragraphs(records):
    for r in records:
        ids = r.paragraph_ids
        assert len(ids) == len(set(ids))
        for d in r.discrepancies:
            assert set(d.paragraphs) <= set(ids) and d.contradicted
            assert d.deviating not in d.contradicted


def test_no_pair_of_paragraphs_can_stand_for_two_discrepancies(records):
    for r in records:
        sets = [set(d.paragraphs) for d in r.discrepancies]
        for i, a in enumerate(sets):
            for b in sets[i + 1:]:
                assert len(a & b) <= 1, (r.seed, a, b)


def _shown(r, event, fact, doc):
    e = r.event(event)
    if fact == "date":
        if doc == "declaration" and event == "E1" and any(d.explanation == "time" for d in r.discrepancies):
            return f"{part_of_year(e.on)} {e.on.year}"
        return day_text(e.on) if doc == "declaration" or event.startswith("J") else month_text(e.on)
    value = e.place if fact == "place" else e.actor
    if doc == "interview" and value.startswith("my "):
        value = "A.'s " + value[3:]
    return value[:1].lower() + value[1:]


def test_the_planted_deviation_is_in_the_words_of_its_paragraph_and_not_elsewhere(records):
    for r in records:
        for d in r.discrepancies:
            dev = r.paragraph(d.deviating).text.lower()
            if d.kind == "omission":
                gone = r.event(d.event).label if d.event.startswith("E") else r.event(d.event).place
                assert gone.lower() not in dev, (r.seed, d)
                continue
            shown = d.says.replace("the client's ", "A.'s " if d.document == "interview" else "my ").lower()
            assert shown in dev, (r.seed, d.id, shown, dev)
            for pid in d.contradicted:
                assert shown not in r.paragraph(pid).text.lower(), (r.seed, d.id, pid)


def test_every_fact_not_planted_reads_the_same_in_every_document(records):
    """The case file holds no discrepancy the record does not list."""
    for r in records:
        planted = {(d.document, d.event, d.fact) for d in r.discrepancies}
        omitted = {(d.document, d.event) for d in r.discrepancies if d.kind == "omission"}
        checked = 0
        for doc in r.documents:
            for par in doc.paragraphs:
                for event, fact in par.states:
                    if fact not in ("date", "place", "actor") or not re.fullmatch(r"[EJ]\d", event):
                        continue
                    if (doc.id, event, fact) in planted or (doc.id, event) in omitted:
                        continue
                    want = _shown(r, event, fact, doc.id)
                    assert want.lower() in par.text.lower(), (r.seed, par.id, event, fact, want, par.text)
                    checked += 1
        assert checked >= 25


def test_each_explanation_is_in_the_record_and_nothing_explains_what_is_not_planted(records):
    for r in records:
        planted = {d.explanation: d for d in r.discrepancies}
        header = r.document("interview").paragraphs[0].text
        assert ("asked twice for questions to be repeated" in header) == ("interpretation" in planted)
        memory = [p for p in r.document("declaration").paragraphs if "hard to keep dates" in p.text]
        assert bool(memory) == ("trauma" in planted)
        psych = next(e for e in r.evidence if e.key == "psych-evaluation")
        assert (psych.status == "in-hand") == ("trauma" in planted)
        for d in r.discrepancies:
            if d.materiality == "explainable":
                assert d.cue in r.paragraph_ids
            else:
                assert d.cue is None


def test_the_group_to_plead_is_stated_in_the_application_and_supported_criterion_by_criterion(records):
    positions = set()
    for r in records:
        stated = [g for g in r.groups if g.basis in ("family", "sexual-orientation")]
        assert len(stated) == 1
        positions.add(stated[0].id)
        assert set(r.group_support) == set(CRITERIA)
        assert r.group_support["particularity"].startswith("I589-")
        assert stated[0].wording in r.paragraph(r.group_support["particularity"]).text
        assert all(g.wording not in r.paragraph(r.group_support["particularity"]).text for g in r.groups
                   if g is not stated[0])
        assert r.group_support["social-distinction"].startswith("CC-")
        assert r.group_support["immutability"].startswith("DEC-")
    assert len(positions) > 1, "the group the application states is not always G1"


def test_every_element_has_available_corroboration_or_a_reason_it_is_unavailable(records):
    for r in records:
        for element in r.elements:
            items = [e for e in r.evidence if element in e.elements]
            assert any(e.status != "unavailable" for e in items), (r.seed, element)
        assert all(e.why for e in r.evidence if e.status == "unavailable")


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_any_generated_client_gets_a_case_file(scenario):
    for seed in ("a", "b", "c"):
        client = generate_client(seed, AS_OF, scenario=scenario)
        r = case_record(client, seed)
        assert len(r.discrepancies) == 5 and r.claim in wording()["claims"]
        interview = r.document("interview")
        assert ("Credible fear" in interview.title) == bool(client.facts.get("credible_fear_found"))
        assert ("Draft" in r.document("i589").title) == (client.facts.get("i589_filed_on") is None)


def test_bad_input_is_refused_in_one_message():
    with pytest.raises(InvalidInputError, match="claim: 'nope' is not one of family-extortion"):
        case_record(generate_client("x", AS_OF), "x", claim="nope")
    with pytest.raises(InvalidDateError, match="as_of: '2026-02-30' is not a real date"):
        credibility_lab_record("x", "2026-02-30")
