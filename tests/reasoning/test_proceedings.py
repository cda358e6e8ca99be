"""The proceedings simulator: transitions, consequences, bad input. Dates in the assertions are worked
by hand (see the comments); deadlines themselves come from the engine."""

import json
import re
from pathlib import Path

import pytest

from asylum_teach.exceptions import InvalidInputError, InvalidTransitionError, UnknownFactError
from asylum_teach.law.engine import Deadline
from asylum_teach.reasoning.proceedings import simulate
from asylum_teach.reasoning.proceedings.catalogue import ACTIONS
from asylum_teach.reasoning.scenarios import load_scenario_text, run_scenario
from asylum_teach.reasoning.stages import Stage

NTA = [{"date": "2025-01-06", "action": "serve_nta", "hearing_on": "2025-02-03"},
       {"date": "2025-01-08", "action": "file_nta"}]
MASTER = {"date": "2025-02-03", "action": "master_calendar", "relief_sought": ["asylum"],
          "next_hearing": {"kind": "individual", "date": "2025-11-03"}}
HEARD = NTA + [MASTER, {"date": "2025-02-20", "action": "file_i589"},
               {"date": "2025-03-01", "action": "biometrics"},
               {"date": "2025-11-03", "action": "individual_hearing"}]
DENIED = HEARD + [{"date": "2025-11-03", "action": "ij_decision", "form": "oral", "outcome": "removal_ordered"}]


def last(steps, **kw):
    return simulate(steps, court="Annandale", **kw).records[-1]


# ------------------------------------------------------------------ one enumeration, every stage reachable
def test_every_stage_is_recorded_by_some_action_and_every_action_by_one_stage():
    assert {spec.stage for spec in ACTIONS.values()} == set(Stage)


def test_every_stage_has_a_title_and_tagged_citations():
    for stage in Stage:
        assert stage.title and stage.citations
        assert all(re.search(r"\[(P|S|K)", c) for c in stage.citations), stage


# ------------------------------------------------------------------ what must come first
@pytest.mark.parametrize("steps, message", [
    (NTA[:1] + [{"date": "2025-01-10", "action": "master_calendar"}], "the NTA must be filed with the immigration court first"),
    (NTA + [{"date": "2025-02-03", "action": "individual_hearing"}], "a master calendar hearing must come first"),
    (NTA + [MASTER, {"date": "2025-03-01", "action": "ij_decision", "form": "oral", "outcome": "removal_ordered"}],
     "an individual hearing must come first"),
    (NTA + [MASTER, {"date": "2025-03-01", "action": "file_bia_appeal"}], "the judge must decide the case first"),
    (DENIED + [{"date": "2025-11-20", "action": "file_pfr"}], "a final order from the BIA must come first"),
    (NTA + [{"date": "2025-02-03", "action": "biometrics"}], "the I-589 must be filed first"),
    ([{"date": "2025-01-06", "action": "file_nta"}], "the Notice to Appear must be served first"),
    (NTA + [{"date": "2025-02-03", "action": "bond_hearing", "outcome": "bond_set"}], "must be detained"),
    (NTA + [{"date": "2025-02-03", "action": "recalendar"}], "must be administratively closed first"),
    (NTA + [{"date": "2025-02-03", "action": "decide_motion", "granted": True}], "a motion must be filed first"),
    (DENIED + [{"date": "2025-11-10", "action": "bia_briefing_schedule"}], "a BIA appeal must be pending"),
    (DENIED + [{"date": "2025-11-05", "action": "file_bia_appeal"}, {"date": "2025-12-01", "action": "file_bia_brief"}],
     "the Board must issue a briefing schedule first"),
])
def test_invalid_transitions_say_what_must_come_first(steps, message):
    with pytest.raises(InvalidTransitionError, match=re.escape(message)) as err:
        simulate(steps)
    assert str(err.value).startswith(f"step {len(steps)} (")


def test_administrative_closure_blocks_hearings_until_recalendared():
    closed = NTA + [{"date": "2025-01-20", "action": "administrative_closure"}]
    with pytest.raises(InvalidTransitionError, match="administratively closed"):
        simulate(closed + [dict(MASTER)])
    r = simulate(closed + [{"date": "2026-01-05", "action": "recalendar",
                            "next_hearing": {"kind": "master", "date": "2026-02-03"}}, dict(MASTER, date="2026-02-03")])
    assert r.path[-2:] == ["recalendared", "master_calendar"]


def test_nothing_follows_a_final_grant_except_motions_and_review():
    steps = HEARD + [{"date": "2025-11-03", "action": "ij_decision", "form": "oral", "outcome": "asylum_granted"},
                     {"date": "2025-11-04", "action": "waive_appeal"}]
    assert simulate(steps).status == "asylum granted (final)"
    with pytest.raises(InvalidTransitionError, match="the case has ended"):
        simulate(steps + [{"date": "2025-12-01", "action": "master_calendar"}])


def test_in_absentia_order_cannot_be_appealed_but_can_be_rescinded():
    absent = NTA + [{"date": "2025-02-03", "action": "miss_hearing"}]
    with pytest.raises(InvalidTransitionError, match="cannot be appealed directly"):
        simulate(absent + [{"date": "2025-02-10", "action": "file_bia_appeal"}])
    r = simulate(absent + [{"date": "2025-02-10", "action": "motion_to_rescind", "reason": "lack_of_notice"}])
    assert r.records[-1].deadlines[0].applicable is False  # any time


def test_pre_conclusion_voluntary_departure_waives_appeal():
    steps = NTA + [MASTER, {"date": "2025-02-03", "action": "voluntary_departure", "when": "pre_conclusion"}]
    r = simulate(steps)
    # 120 days from Mon 2025-02-03: Feb 25, Mar 31 (56), Apr 30 (86), May 31 (117), Jun 3 (120), a Tuesday
    assert r.records[-1].deadlines[0].rule_id == "vd-pre-conclusion"
    assert str(r.records[-1].deadlines[0].due) == "2025-06-03"
    with pytest.raises(InvalidTransitionError):
        simulate(steps + [{"date": "2025-02-10", "action": "file_bia_appeal"}])


def test_at_conclusion_voluntary_departure_starts_departure_and_bond_deadlines():
    r = simulate(DENIED + [{"date": "2025-11-03", "action": "voluntary_departure", "when": "at_conclusion",
                            "bond_amount": 500, "bond_posted_on": "2025-11-12"}])
    rec = r.records[-1]
    # 60 days from Mon 2025-11-03 = Fri 2026-01-02; bond: 5 business days = Mon 11-10 (Veterans Day 11-11 not reached)
    assert [(d.rule_id, str(d.due)) for d in rec.deadlines] == [("vd-conclusion", "2026-01-02"), ("vd-bond", "2025-11-10")]
    assert any(c.severity == "adverse" and "after the due date 2025-11-10" in c.summary for c in rec.consequences)
    # the $500 minimum and the 5 business days of 8 CFR 1240.26(c)(3) are secondary only; the proof-to-the-BIA
    # rule of the same paragraph is primary since the research found Matter of Gamero Perez (issue 11)
    bond_cites = [x for c in rec.consequences for x in c.citations if "1240.26(c)(3)" in x]
    assert bond_cites and all(("[P]" in x) == ("Gamero Perez" in x) for x in bond_cites), bond_cites
    # one registry entry each since issue 13 (the stage's combined string held two strengths)
    assert {"8 CFR 1240.26(b) (conditions) [P]",
            "8 C.F.R. 1240.26(c)(3) (bond of at least $500 posted with DHS within 5 business days) [S]"} \
        <= set(Stage.VOLUNTARY_DEPARTURE.citations)


# ------------------------------------------------------------------ actions with dated consequences
def test_ten_day_minimum_before_the_first_hearing():
    short = [{"date": "2025-03-03", "action": "serve_nta", "hearing_on": "2025-03-12"}]
    assert last(short).consequences[0].severity == "warning"
    asked = [dict(short[0], requested_earlier_hearing=True)]
    assert all(c.severity == "info" for c in last(asked).consequences)


def test_late_evidence_may_be_excluded_but_rebuttal_is_exempt():
    # individual hearing Mon 2025-11-03: 30 days back = Sat 10-04 -> due Mon 10-06
    late = HEARD[:-1] + [{"date": "2025-10-20", "action": "file_evidence", "description": "expert report"}]
    rec = last(late)
    assert rec.consequences[0].severity == "warning" and "may exclude it" in rec.consequences[0].summary
    rebuttal = HEARD[:-1] + [{"date": "2025-10-20", "action": "file_evidence", "purpose": "rebuttal"}]
    assert last(rebuttal).consequences == []


def test_missed_biometrics_stops_the_ead_clock_until_done():
    steps = HEARD[:4] + [{"date": "2025-03-01", "action": "biometrics", "completed": False},
                         {"date": "2025-03-31", "action": "biometrics"}]
    r = simulate(steps, as_of=None)
    assert r.ead["applicant_delay_days"] == 30  # Mar 1 -> Mar 31
    assert r.ead["stops"][0]["reason"] == "biometrics not completed"


def test_delay_after_eligibility_does_not_stop_the_clock():
    # I-589 2025-02-20 -> eligible 180 days later (2025-08-19); a continuance in November changes nothing
    steps = HEARD[:5] + [{"date": "2025-10-01", "action": "request_continuance", "requested_by": "respondent",
                          "new_hearing_on": "2026-01-05"}]
    r = simulate(steps)
    assert r.ead["applicant_delay_days"] == 0


def test_change_of_address_goes_to_the_bia_while_an_appeal_is_pending():
    at_court = last(NTA + [{"date": "2025-01-20", "action": "change_address"}])
    assert at_court.deadlines[0].rule_id == "address-change-court"
    at_bia = last(DENIED + [{"date": "2025-11-20", "action": "file_bia_appeal"},
                            {"date": "2025-12-01", "action": "change_address", "reported_on": "2025-12-02"}])
    assert at_bia.deadlines[0].rule_id == "address-change-bia"
    assert at_bia.consequences == []


def test_change_of_venue_moves_the_pfr_circuit():
    steps = NTA + [{"date": "2025-01-20", "action": "change_venue", "to_court": "Chicago"}] + HEARD[2:] + \
        DENIED[-1:] + [{"date": "2025-11-20", "action": "file_bia_appeal"},
                       {"date": "2026-03-02", "action": "bia_decision", "outcome": "dismissed"}]
    r = simulate(steps, court="Annandale")
    assert r.court.circuit == "7th"
    assert "the 7th Circuit" in " ".join(c.summary for c in r.records[-1].consequences)


def test_prosecutorial_discretion_dismissal_ends_the_case_and_keeps_the_one_year_clock():
    r = simulate(NTA + [{"date": "2025-01-20", "action": "prosecutorial_discretion", "outcome": "dismissed"}],
                 facts={"last_arrival_on": "2024-09-15"})
    assert r.status.startswith("proceedings dismissed")
    assert r.records[-1].deadlines[0].rule_id == "one-year-asylum"


def test_bia_remand_returns_the_case_to_the_judge():
    steps = DENIED + [{"date": "2025-11-20", "action": "file_bia_appeal"},
                      {"date": "2026-03-02", "action": "bia_decision", "outcome": "remanded"},
                      {"date": "2026-06-01", "action": "individual_hearing"},
                      {"date": "2026-06-01", "action": "ij_decision", "form": "oral", "outcome": "asylum_granted"}]
    assert simulate(steps).path[-3:] == ["bia_decision", "individual_hearing", "ij_decision"]


def _bia_appeal_deadline(result):
    return next(d for d in result.records[-1].deadlines if d.rule_id == "bia-appeal")


@pytest.mark.parametrize("merits", [None, False, True])
def test_after_the_vacatur_the_merits_answer_no_longer_changes_the_appeal_time(merits):
    """Issue 11: under the announced 2026 rule a threshold denial would have had 10 days. The rule was
    vacated on 2026-03-08, so a Tue 2026-03-10 decision is appealable for 30 days: Thu 2026-04-09."""
    step = {"date": "2026-03-10", "action": "ij_decision", "form": "oral", "outcome": "removal_ordered"}
    if merits is not None:
        step["asylum_decided_on_merits"] = merits
    d = _bia_appeal_deadline(simulate(HEARD + [step]))
    assert (str(d.due), str(d.safe_date), d.alternatives) == ("2026-04-09", "2026-04-09", ())


def test_a_notice_of_appeal_on_day_20_is_not_late():
    """The simulator must not call a day-20 notice late (issue 11)."""
    steps = HEARD + [{"date": "2026-03-10", "action": "ij_decision", "form": "oral", "outcome": "removal_ordered",
                      "asylum_decided_on_merits": False},
                     {"date": "2026-03-30", "action": "file_bia_appeal"}]
    last = simulate(steps).records[-1]
    assert not [c for c in last.consequences if c.severity == "adverse"], [c.summary for c in last.consequences]
    assert any("Received on time (due 2026-04-09" in c.summary for c in last.consequences)


def test_a_notice_of_appeal_on_day_31_is_late():
    steps = HEARD + [{"date": "2026-03-10", "action": "ij_decision", "form": "oral", "outcome": "removal_ordered"},
                     {"date": "2026-04-10", "action": "file_bia_appeal"}]
    last = simulate(steps).records[-1]
    assert any(c.severity == "adverse" and "after the deadline 2026-04-09" in c.summary for c in last.consequences)


def test_second_motion_to_reopen_hits_the_number_limit():
    steps = DENIED + [{"date": "2025-11-04", "action": "waive_appeal"},
                      {"date": "2025-12-01", "action": "motion_to_reopen"},
                      {"date": "2025-12-15", "action": "decide_motion", "granted": False},
                      {"date": "2026-01-05", "action": "motion_to_reopen"}]
    assert any("allows one" in c.summary for c in last(steps).consequences)


def test_changed_country_conditions_motion_has_no_time_limit():
    steps = DENIED + [{"date": "2025-11-04", "action": "waive_appeal"},
                      {"date": "2028-01-05", "action": "motion_to_reopen", "basis": "changed_country_conditions"}]
    rec = last(steps)
    assert rec.deadlines[0].applicable is False and not any(c.severity == "adverse" for c in rec.consequences)


# ------------------------------------------------------------------ as-of and output
def test_as_of_runs_only_the_steps_up_to_that_date():
    r = run_scenario("denial_appeal_pfr", as_of="2025-12-31")
    assert r.path[-1] == "bia_appeal_filed" and r.skipped_after_as_of == 5
    assert r.status == "appeal pending at the BIA"


def test_results_are_json_ready_with_reasons_and_citations():
    r = run_scenario("clean_grant")
    data = json.loads(json.dumps(r.to_dict()))
    assert data["records"][0]["citations"] and r.reasons and r.citations
    assert all(isinstance(d, Deadline) for d in r.deadlines)


# ------------------------------------------------------------------ bad input names the step and field
@pytest.mark.parametrize("text, message", [
    ("steps: [{date: 2025-01-06, action: serve_nta}, {date: 2025-01-01, action: file_nta}]",
     "step 2 (file_nta on 2025-01-01): steps must be in date order; step 1 is dated 2025-01-06"),
    ("steps: [{date: 2025-01-06, action: serv_nta}]", "step 1, field 'action': unknown action 'serv_nta'. Did you mean serve_nta"),
    ("steps: [{action: serve_nta}]", "step 1 (serve_nta), field 'date': missing"),
    ("steps: [{date: 2025-01-06, action: serve_nta, hearing_on: next week}]",
     "step 1 (serve_nta), field 'hearing_on': 'next week' is not a date"),
    ("steps: [{date: 2025-01-06, action: ij_decision, form: spoken, outcome: removal_ordered}]",
     "step 1 (ij_decision), field 'form': 'spoken' is not one of oral, written"),
    ("steps: [{date: 2025-01-06, action: master_calendar, next_hearing: {kind: merits, date: 2025-02-01}}]",
     "field 'next_hearing.kind': 'merits' is not one of master, individual"),
    ("steps: [{date: 2025-01-06, action: bond_hearing}]", "step 1 (bond_hearing), field 'outcome': missing"),
    ("steps: []", "field 'steps': a non-empty list"),
    ("steps: [{date: 2025-01-06, action: serve_nta}\n", "not valid YAML at line"),
    ("facts: {arival: 2024-01-01}\nsteps: [{date: 2025-01-06, action: serve_nta}]", "unknown fact 'arival'"),
    ("court: Springfield\nsteps: [{date: 2025-01-06, action: serve_nta}]",
     "field 'court': no immigration court matches 'Springfield'"),
    ("stepz: []", "unknown key 'stepz'"),
    ("facts: [1]\nsteps: [{date: 2025-01-06, action: serve_nta}]", "field 'facts': expected a mapping"),
    ("policies: {bad: x}\nsteps: [{date: 2025-01-06, action: serve_nta}]", "field 'policies': unknown policy 'bad'"),
    ("steps: [1]", "step 1: expected a mapping with 'date' and 'action'"),
    ("steps: [{date: 2025-01-06, action: serve_nta}, {date: 2025-01-07, action: file_nta, court: Nowhere}]",
     "step 2 (file_nta), field 'court': no immigration court matches 'Nowhere'"),
])
def test_bad_scenario_files_get_one_clear_message(text, message):
    with pytest.raises(InvalidInputError) as err:
        load_scenario_text(text, source="bad.yaml").run()
    assert str(err.value).startswith("bad.yaml")
    assert message in str(err.value)
    assert "\n" not in str(err.value).strip()


def test_unknown_fact_is_an_unknown_fact_error():
    with pytest.raises(UnknownFactError):
        simulate(NTA, facts={"arival": "2024-01-01"})


def test_no_hidden_clock_in_the_proceedings_code():
    root = Path(__file__).parents[2] / "asylum_teach"
    reasoning = ["stages", "ead_clock", "venue", "appeal_types", "appeals", "appeal_options", "scenarios", "render"]
    mine = [root / "model" / "courts.py", *(root / "reasoning" / f"{m}.py" for m in reasoning),
            *sorted((root / "reasoning" / "proceedings").rglob("*.py")),
            *(root / "cli" / f"{m}.py" for m in ("simulate", "appeal_options", "court"))]
    assert len(mine) > 20 and all(path.exists() for path in mine), mine
    for path in mine:
        text = path.read_text()
        assert "date.today" not in text and "datetime.now" not in text, path


def test_the_simulator_takes_a_client_from_the_client_model():
    from asylum_teach.model.personas import load_persona, persona_ids

    client = load_persona("affirmative-not-in-proceedings") if "affirmative-not-in-proceedings" in persona_ids() \
        else load_persona(persona_ids()[0])
    r = simulate([{"date": "2026-01-05", "action": "refer_affirmative_case"},
                  {"date": "2026-01-05", "action": "serve_nta", "hearing_on": "2026-02-10"},
                  {"date": "2026-01-07", "action": "file_nta"}], facts=client, court="Seattle")
    assert r.path == ["affirmative_referral", "nta_served", "nta_filed"]
    assert r.ead["started_on"] == str(client.facts["affirmative_application_filed_on"])


def test_simulate_takes_the_as_of_date_as_text_too_and_names_a_bad_one():
    import pytest

    from asylum_teach.exceptions import InvalidInputError
    from asylum_teach.reasoning.proceedings import simulate

    assert len(simulate(NTA, as_of="2025-01-07").records) == 1   # the step after as_of is not run
    with pytest.raises(InvalidInputError, match="as_of: '2025-02-30' is not a real date"):
        simulate(NTA, as_of="2025-02-30")


# --- issue 11, teaching errors found in review
@pytest.mark.parametrize("entry_place, wanted, unwanted", [
    ("southwest-land-border-between-ports", "INA 240(c)(2)", "DHS must prove deportability"),
    (None, "DHS must prove deportability by clear and convincing evidence", None),
])
def test_who_proves_removability_depends_on_admission(entry_place, wanted, unwanted):
    facts = {"entry_place": entry_place} if entry_place else {}
    steps = NTA + [{**MASTER, "pleadings": {"charges": "contest"}}]
    out = [c for c in last(steps, facts=facts).consequences if c.summary.startswith("Charges contested")]
    (burden,) = out
    text = burden.summary + " " + " ".join(burden.citations)
    assert wanted in text and (unwanted is None or unwanted not in burden.summary)
    assert "INA 240(c)(2), 8 U.S.C. 1229a(c)(2) (a person not admitted) [P]" in burden.citations


def test_a_prosecutorial_discretion_dismissal_after_may_2025_is_taught_as_a_risk():
    """Since May 2025, dismissals have been followed by arrests for expedited removal (legal reference
    14.4 [S]); the expansion of expedited removal applied again from 2026-06-23 (register)."""
    steps = NTA + [MASTER, {"date": "2026-07-01", "action": "prosecutorial_discretion", "outcome": "dismissed"}]
    risks = [c for c in last(steps).consequences if c.severity == "adverse" and c.summary.startswith("Risk")]
    assert len(risks) == 1 and "expedited removal" in risks[0].summary and "in force as known on 2026-07-01" in risks[0].summary


def test_a_dismissal_before_may_2025_carries_no_such_warning():
    steps = NTA + [MASTER, {"date": "2025-04-01", "action": "prosecutorial_discretion", "outcome": "dismissed"}]
    assert not [c for c in last(steps).consequences if c.summary.startswith("Risk")]
