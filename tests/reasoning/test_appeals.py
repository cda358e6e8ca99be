"""The appeal decision aid and petition-for-review venue. Expected dates are worked by hand."""

import json

import pytest

from asylum_teach.cli import main
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.reasoning.appeals import appeal_options, pfr_venue


def ids(aid, available=None):
    return [o.id for o in aid.options if available is None or o.available == available]


def due(option, n=0):
    return str(option.deadlines[n].due)


def test_every_option_after_a_removal_order():
    aid = appeal_options("2025-11-03", "oral", "removal_ordered", "Annandale")
    assert ids(aid) == ["bia-appeal", "motion-to-reconsider", "motion-to-reopen", "voluntary-departure",
                        "accept-decision", "petition-for-review"]
    assert due(aid.option("bia-appeal")) == "2025-12-03"            # 30 days, Wed
    assert due(aid.option("motion-to-reconsider")) == "2025-12-03"
    assert due(aid.option("motion-to-reopen")) == "2026-02-02"      # day 90 is Sun 2026-02-01
    assert aid.option("voluntary-departure").available is False
    assert all(o.citations and o.considerations for o in aid.options)


@pytest.mark.parametrize("decided, merits, want_due", [
    # Fri 2026-03-06: 30 days -> Sun 04-05 -> Mon 04-06
    ("2026-03-06", "false", "2026-04-06"),
    # Mon 2026-03-09, the day the 10-day rule was to begin: it was vacated the night before, so a threshold
    # denial and a merits decision alike keep 30 days -> Wed 04-08 (issue 11; Amica Center v. EOIR [S])
    ("2026-03-09", "false", "2026-04-08"),
    ("2026-03-09", "true", "2026-04-08"),
])
def test_bia_appeal_keeps_30_days_after_the_vacatur(decided, merits, want_due):
    aid = appeal_options(decided, "oral", "removal_ordered", "Denver", facts={"asylum_decided_on_merits": merits})
    d = aid.option("bia-appeal").deadlines[0]
    assert (str(d.due), str(d.safe_date), d.version, d.alternatives) == (want_due, want_due, "30-days", ())
    assert any("30-days" in c for c in aid.option("bia-appeal").considerations)


@pytest.mark.parametrize("outcome", ["removal_ordered", "withholding_granted", "asylum_granted"])
def test_no_outcome_shortens_the_appeal_and_the_aid_tells_the_vacated_rule_as_history(outcome):
    # Withholding granted with asylum denied is the classic one-year-bar case: it would have had 10 days
    # under the announced rule; the vacatur left every decision 30 days.
    aid = appeal_options("2026-03-09", "oral", outcome, "Denver")
    d = aid.option("bia-appeal").deadlines[0]
    assert (str(d.due), str(d.safe_date), d.alternatives) == ("2026-04-08", "2026-04-08", ())
    history = [c for c in aid.option("bia-appeal").considerations if c.startswith("History:")]
    assert len(history) == 1 and "vacated by a court" in history[0] and "2026-03-08" in history[0]


def test_accepting_the_decision_warns_that_review_needs_exhaustion():
    aid = appeal_options("2025-11-03", "oral", "removal_ordered", "Annandale")
    accept = aid.option("accept-decision")
    assert "fails for lack of exhaustion" in accept.considerations[0]
    assert "INA 242(d)(1), 8 U.S.C. 1252(d)(1) (exhaustion) [P]" in accept.citations


def test_motion_citations_split_reconsider_primary_from_reopen_unverified():
    aid = appeal_options("2025-11-03", "oral", "removal_ordered", "Annandale", voluntary_departure="at_conclusion")
    # citation texts are the registry's since issue 13 (the copies in the code merged into the rule files')
    assert ("8 C.F.R. 1003.23(b)(1) (immigration judge); 8 C.F.R. 1003.2(b)(2) (Board, 30 days after mailing of its "
            "decision) [P]") in aid.option("motion-to-reconsider").citations
    reopen = aid.option("motion-to-reopen").citations
    assert "8 C.F.R. 1003.23(b)(1) (immigration judge); 8 C.F.R. 1003.2(c)(2) (Board) [K/S]" in reopen
    assert not any("1003.2" in c and "[P]" in c for c in reopen)
    vd = aid.option("voluntary-departure").citations
    assert "8 CFR 1240.26(b) (conditions) [P]" in vd
    assert "8 C.F.R. 1240.26(c)(3) (bond of at least $500 posted with DHS within 5 business days) [S]" in vd
    assert any("Gamero Perez, 25 I&N Dec. 164 (BIA 2010) [P]" in c for c in vd)   # retagged in issue 11


def test_motion_deadlines_say_they_count_from_the_decision_date():
    before = appeal_options("2025-11-03", "oral", "removal_ordered", "Annandale")
    after = appeal_options("2025-10-14", "written", "removal_ordered", "Chicago", bia_decision_date="2026-05-20")
    for option in ("motion-to-reconsider", "motion-to-reopen"):
        assert any(c.startswith("Assumption [K]") and "final administrative order" in c
                   for c in before.option(option).considerations)
        assert not any(c.startswith("Assumption") for c in after.option(option).considerations)


def test_written_decision_runs_from_service():
    aid = appeal_options("2025-10-10", "written", "removal_ordered", "Chicago", served_on="2025-10-14")
    assert due(aid.option("bia-appeal")) == "2025-11-13"


def test_in_absentia_order_offers_rescission_not_appeal():
    aid = appeal_options("2025-04-15", "oral", "in_absentia_order", "Newark")
    assert ids(aid, available=True) == ["rescind-in-absentia", "petition-for-review"]
    rescind = aid.option("rescind-in-absentia")
    assert [str(d.due) if d.applicable else "any time" for d in rescind.deadlines] == \
        ["2025-10-14", "any time", "any time"]   # day 180 Sun 10-12, Mon 10-13 Columbus Day
    assert aid.option("bia-appeal").available is False
    # INA 240(e)(1): spouse, child or parent, not any close relative
    text = " ".join(rescind.considerations)
    assert "serious illness or death of a spouse, child or parent" in text and "close relative" not in text


def test_voluntary_departure_and_how_appeal_or_motion_affects_it():
    aid = appeal_options("2025-11-03", "oral", "removal_ordered", "Annandale", voluntary_departure="at_conclusion")
    vd = aid.option("voluntary-departure")
    assert [d.rule_id for d in vd.deadlines] == ["vd-conclusion", "vd-bond"]
    text = " ".join(vd.considerations)
    assert "within 30 days of filing the appeal" in text and "ends voluntary departure" in text
    pre = appeal_options("2025-11-03", "oral", "removal_ordered", "Annandale", voluntary_departure="pre_conclusion")
    assert pre.option("bia-appeal").available is False


def test_petition_for_review_after_the_bia_decision():
    aid = appeal_options("2025-10-14", "written", "removal_ordered", "Chicago", bia_decision_date="2026-05-20")
    pfr = aid.option("petition-for-review")
    assert due(pfr) == "2026-06-22"   # day 30 is Fri 2026-06-19, Juneteenth
    text = " ".join(pfr.considerations)
    assert "7th Circuit" in text and "No automatic stay" in text
    assert "INA 242(b)(3)(B), 8 U.S.C. 1252(b)(3)(B) (no automatic stay) [P]" in pfr.citations


def test_video_hearing_venue_split_is_taught_not_hidden():
    v = pfr_venue("Oakdale", hearing_mode="video", ij_court="Falls Church")
    assert not v.settled
    theories = {c: cite for c, _, cite in v.candidates}
    assert theories["4th"].startswith("Herrera-Alcala") and theories["5th"].startswith("Sarr")
    assert "Ninth" in v.caveat and "not jurisdictional" in v.caveat
    aid = appeal_options("2025-10-14", "oral", "removal_ordered", "Oakdale", hearing_mode="video", ij_court="Falls Church")
    assert "not settled" in aid.option("petition-for-review").considerations[1]


def test_in_person_venue_is_the_courts_circuit_with_a_video_caveat():
    v = pfr_venue("Guaynabo")
    assert v.settled and v.circuit == "1st" and "video" in v.caveat


def test_bad_input_is_one_clear_error():
    with pytest.raises(InvalidInputError, match="outcome: 'lost'"):
        appeal_options("2025-11-03", "oral", "lost", "Annandale")
    with pytest.raises(InvalidInputError, match="decision: 'spoken'"):
        appeal_options("2025-11-03", "spoken", "removal_ordered", "Annandale")
    with pytest.raises(InvalidInputError, match="decision date"):
        appeal_options("2025-13-03", "oral", "removal_ordered", "Annandale")


def test_cli_appeal_options_json(capsys):
    assert main(["appeal-options", "--decision-date", "2026-03-10", "--decision", "oral", "--outcome",
                 "removal_ordered", "--court", "Denver", "--fact", "asylum_decided_on_merits=false", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    bia = data["options"][0]
    assert bia["id"] == "bia-appeal" and bia["deadlines"][0]["due"] == "2026-04-09"
    assert data["venue"]["circuit"] == "10th"


def test_cli_appeal_options_text_marks_historical_courts(capsys):
    assert main(["appeal-options", "--decision-date", "2020-06-01", "--decision", "oral", "--outcome",
                 "removal_ordered", "--court", "Arlington"]) == 0
    assert "historical" in capsys.readouterr().out


def test_cli_bad_court_is_one_line(capsys):
    assert main(["appeal-options", "--decision-date", "2025-06-02", "--decision", "oral", "--outcome",
                 "removal_ordered", "--court", "Atlantis"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Closest" in err


def test_cli_simulate_text_json_and_as_of(capsys, tmp_path):
    assert main(["simulate", "clean_grant"]) == 0
    out = capsys.readouterr().out
    assert "asylum granted (final)" in out and "[bia-appeal]: due 2025-12-03" in out
    assert main(["simulate", "denial_appeal_pfr", "--as-of", "2025-12-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"][-1] == "bia_appeal_filed"
    bad = tmp_path / "bad.yaml"
    bad.write_text("steps: [{date: 2025-01-06, action: serve_nta}, {date: 2025-01-07, action: master_calendar}]")
    assert main(["simulate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "step 2 (master_calendar on 2025-01-07)" in err
    assert main(["simulate", str(tmp_path / "missing.yaml")]) == 2
    assert "cannot read it" in capsys.readouterr().err


def test_after_a_bia_decision_motions_run_from_the_boards_decision():
    aid = appeal_options("2025-10-14", "written", "removal_ordered", "Chicago", bia_decision_date="2026-05-20")
    assert due(aid.option("motion-to-reconsider")) == "2026-06-22"   # 30 days, Juneteenth roll
    assert due(aid.option("motion-to-reopen")) == "2026-08-18"       # 90 days
    assert "(to the BIA)" in aid.option("motion-to-reconsider").title


def test_cli_simulate_lists_the_action_vocabulary(capsys):
    assert main(["simulate", "--actions"]) == 0
    out = capsys.readouterr().out
    assert "serve_nta -> nta_served" in out and "needs: a master calendar hearing must come first" in out


def test_options_for_a_simulated_case():
    from asylum_teach.reasoning.appeals import options_for
    from asylum_teach.reasoning.scenarios import run_scenario

    aid = options_for(run_scenario("bia_2026_rule", as_of="2026-03-10"))
    assert due(aid.option("bia-appeal")) == "2026-04-09"   # threshold denial after the vacatur: 30 days
    with pytest.raises(InvalidInputError, match="no immigration judge decision yet"):
        options_for(run_scenario("bia_2026_rule", as_of="2025-07-01"))
