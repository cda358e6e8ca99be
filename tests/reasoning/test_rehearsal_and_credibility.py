"""The hearing rehearsal and the counsel's view of a case file (reasoning/rehearsal.py, credibility.py).

The rehearsal is scripted from the generator's record: the client answers only from the case file, an
explainable inconsistency can be repaired on direct and the material one cannot (the file holds no
explanation), and every choice's feedback cites registry authorities. The group to plead is the one the
sworn application states, because on the lab's date the other formulations fail a criterion.
"""

from __future__ import annotations

import pytest

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.citations import cite
from asylum_teach.model.case_record import credibility_lab_record, wording
from asylum_teach.reasoning.credibility import (
    corroboration_plan,
    discrepancy_rows,
    group_analysis,
    group_to_plead,
    unavailable_evidence,
)
from asylum_teach.reasoning.rehearsal import OUTCOMES, play, rehearsal, script_words

AS_OF = "2026-12-01"


@pytest.fixture(scope="module")
def records():
    return [credibility_lab_record(f"r{i}", AS_OF) for i in range(20)]


def test_four_beats_in_the_order_the_events_happened(records):
    for record in records:
        r = rehearsal(record)
        events = [b.discrepancy.event for b in r.beats]
        assert events[:3] == ["E1", "E2", "E3"] and events[3].startswith("J")
        assert all(len(b.options) == 3 and {o.outcome for o in b.options} <= set(OUTCOMES) for b in r.beats)


def test_only_an_explainable_inconsistency_can_be_repaired_and_the_answer_comes_from_the_file(records):
    for record in records:
        for beat in rehearsal(record).beats:
            d = beat.discrepancy
            repairs = [o for o in beat.options if o.outcome == "repairs"]
            assert len(repairs) == (1 if d.materiality == "explainable" else 0), (record.seed, d.id)
            for o in repairs:
                assert d.record in o.answer and d.says not in o.answer
                assert d.cue in o.debrief, "the feedback points to the paragraph holding the explanation"
            leading = [o for o in beat.options if o.key == "leading"]
            assert all(o.answer.startswith("Yes") and o.outcome == "exposes" for o in leading)
            if d.materiality == "material":
                confront = beat.option("confront")
                assert "I do not know why" in confront.answer, "no explanation the file does not hold"


def test_option_order_is_shuffled_but_reproducible(records):
    orders = {tuple(o.key for o in b.options) for record in records for b in rehearsal(record).beats
              if b.discrepancy.materiality == "explainable"}
    assert len(orders) > 1
    assert rehearsal(records[0]) == rehearsal(credibility_lab_record("r0", AS_OF))


def test_every_path_has_a_debrief_with_counts_and_citations(records):
    r = rehearsal(records[0])
    for pick in range(3):
        run = play(r, [b.options[pick].key for b in r.beats])
        assert run.finished and sum(run.counts.values()) == len(r.beats)
        head, tail = run.debrief()
        assert "repaired" in head and r.record.strongest.deviating in tail
        assert run.citations and all(c.strength in "PSK" for c in run.citations)
    partial = play(r, [r.beats[0].options[0].key])
    assert not partial.finished and partial.next_beat is r.beats[1]


def test_a_bad_path_is_refused_in_one_message(records):
    r = rehearsal(records[0])
    with pytest.raises(InvalidInputError, match="the rehearsal has 4 steps, not 5"):
        play(r, ["skip"] * 5)
    with pytest.raises(InvalidInputError, match=r"step 2: '<b>x</b>' is not one of the questions here"):
        play(r, [r.beats[0].options[0].key, "<b>x</b>"])


def test_every_citation_id_in_the_wording_files_is_in_the_registry():
    ids = [c for beat in script_words()["beats"].values() for o in beat for c in o["cites"]]
    ids += [c for reason in wording()["reasons"].values() for c in reason["cites"]]
    assert len(ids) > 20
    for c in ids:
        cite(c)


def test_the_group_to_plead_is_the_one_the_sworn_application_states(records):
    for record in records:
        plead = group_to_plead(record)
        assert plead.candidate.basis in ("family", "sexual-orientation") and not plead.fails
        assert plead.candidate.wording in record.paragraph(record.group_support["particularity"]).text
        for other in group_analysis(record):
            if other.candidate != plead.candidate:
                assert other.fails, (record.seed, other.candidate)


def test_a_family_group_changed_with_the_attorney_general_and_back():
    record = next(r for r in (credibility_lab_record(f"f{i}", AS_OF) for i in range(40)) if r.claim == "family-extortion")
    on = {day: group_to_plead(record, day).contested for day in ("2021-06-16", "2025-09-01", "2025-09-02")}
    assert on == {"2021-06-16": (), "2025-09-01": (), "2025-09-02": ("social-distinction",)}


def test_every_element_has_corroboration_and_the_unavailable_is_named(records):
    for record in records:
        plan = corroboration_plan(record)
        assert set(plan) == set(record.elements) and all(plan.values())
        assert unavailable_evidence(record)
        assert len(discrepancy_rows(record)) == 5
