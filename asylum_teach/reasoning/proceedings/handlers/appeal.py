"""Review of the judge's decision: waiver, the BIA appeal and briefing, the BIA's decision, the petition
for review and a stay of removal.

>>> from asylum_teach.reasoning.proceedings.simulator import simulate
>>> simulate([{"on": "2025-01-06", "action": "serve_nta"}, {"on": "2025-01-08", "action": "file_nta"},
...           {"on": "2025-02-10", "action": "miss_hearing"},
...           {"on": "2025-02-20", "action": "file_bia_appeal"}])
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidTransitionError: step 4 (file_bia_appeal on 2025-02-20): an in absentia order cannot be appealed directly: move to reopen and rescind it first (ICPM 5.9(d))
"""

from __future__ import annotations

from asylum_teach.reasoning.proceedings.deadlines import late
from asylum_teach.reasoning.proceedings.records import C, Param, Requirement
from asylum_teach.reasoning.proceedings.registry import action
from asylum_teach.reasoning.proceedings.requirements import APPEALED, DECIDED, NOT_IN_ABSENTIA
from asylum_teach.reasoning.stages import Stage
from asylum_teach.reasoning.venue import pfr_venue

NO_STAY = "ina-242-b-3-B"  # no automatic stay of removal


@action("waive_appeal", Stage.APPEAL_WAIVED, requires=(DECIDED, Requirement(
        lambda s: s.appeal_filed_on is None and s.decision is not None, "there must be a decision with no appeal filed")))
def waive_appeal(state, step):
    """The parties waive appeal; the decision becomes final."""
    on = state.decision["trigger"]
    state.appeal_waived = True
    state.final_order = (step.on, "ij")
    if state.decision["outcome"] in ("asylum_granted", "withholding_granted", "cat_granted"):
        state.ended = f"{state.decision['outcome'].replace('_', ' ')} (final)"
    deadlines = [state.deadline(r, on) for r in ("motion-to-reconsider", "motion-to-reopen")] \
        if state.decision["outcome"] != "asylum_granted" else []
    return "Appeal waived: the judge's decision is final", {}, deadlines, [
        C("Once appeal is waived the order is final; without a BIA decision there is usually no petition for review.",
          "cfr-1241-1-b", "ina-242-d-1")]


@action("file_bia_appeal", Stage.BIA_APPEAL_FILED, params=(
        Param("by", "choice", choices=("respondent", "dhs")), Param("fee_paid", "bool")),
        requires=(NOT_IN_ABSENTIA, DECIDED, Requirement(lambda s: not s.appeal_waived, "appeal was waived"),
                  Requirement(lambda s: s.appeal_filed_on is None, "an appeal is already pending")))
def file_bia_appeal(state, step):
    """A notice of appeal (EOIR-26) reaches the Board."""
    decision = state.decision
    d = state.deadline("bia-appeal", decision["trigger"])
    state.appeal_filed_on = step.on
    out = late(d, step.on, "Notice of appeal", "cfr-1003-38-b", "cfr-1003-38-c-d", "morales-morales")
    if not out:
        out.append(C(f"Received on time (due {d.due.isoformat()}, rule version {d.version}).",
                     "cfr-1003-38-b", "cfr-1003-38-c-d", deadline=d))
    if step.get("fee_paid") is False:
        out.append(C("No fee or fee-waiver request (EOIR-26A) with the appeal: it is not properly filed.",
                     "cfr-1003-38-d", severity="adverse"))
    if state.vd and state.vd["when"] == "at_conclusion":
        out.append(C("Voluntary departure: proof of the posted bond must reach the BIA within 30 days of filing the "
                     "appeal.", "cfr-1240-26-c-3-proof", severity="warning"))
    out.append(C("While the appeal is pending, address changes go to the BIA within five working days (EOIR-33/BIA).",
                 "cfr-1003-38-e"))
    return f"Appeal filed with the BIA by the {step.get('by', 'respondent')}", dict(step.params), [d], out


@action("bia_briefing_schedule", Stage.BIA_BRIEFING, requires=(APPEALED,))
def bia_briefing_schedule(state, step):
    """The Board issues a briefing schedule."""
    d = state.deadline("bia-brief", step.on)
    state.bia_brief_due = d
    return "Briefing schedule issued", {}, [d], [
        C("A party that said it would file a brief and does not may see the appeal summarily dismissed.",
          "cfr-1003-1-d-2-i-E", severity="warning")]


@action("file_bia_brief", Stage.BIA_BRIEFING, requires=(APPEALED, Requirement(
        lambda s: s.bia_brief_due is not None, "the Board must issue a briefing schedule first")))
def file_bia_brief(state, step):
    """A party files its brief with the Board."""
    out = late(state.bia_brief_due, step.on, "Brief", "cfr-1003-3-c-1", "cfr-1003-1-d-2-i-E")
    return "Brief filed with the BIA", {}, [], out


@action("bia_decision", Stage.BIA_DECISION, params=(
        Param("outcome", "choice", True, ("dismissed", "sustained", "remanded", "summarily_dismissed")),),
        requires=(APPEALED,))
def bia_decision(state, step):
    """The Board decides the appeal."""
    outcome = step.params["outcome"]
    state.bia = {"on": step.on, "outcome": outcome}
    state.set_facts(bia_decision_on=step.on)
    if outcome == "remanded":
        state.decision, state.appeal_filed_on, state.bia = None, None, None
        state.set_facts(asylum_decided_on_merits=None)  # the new decision says for itself
        return "BIA remanded the case to the immigration judge", {}, [], [
            C("Back before the judge for further proceedings and a new decision.", "cfr-1003-1-d-7")]
    if outcome == "sustained":
        state.final_order = (step.on, "bia")
        state.ended = "appeal sustained by the BIA"
        return "BIA sustained the appeal", {}, [], [C("The Board's decision is the final administrative decision.",
                                                     "cfr-1003-1-d-7")]
    state.final_order = (step.on, "bia")
    venue = pfr_venue(state.court, venue_changed_from=state.venue_changed_from) if state.court else None
    deadlines = [state.deadline(r, step.on) for r in ("petition-for-review", "motion-to-reconsider", "motion-to-reopen")]
    out = [C("The removal order is now final; the petition for review must be filed within 30 days of it and does "
             "not stop removal by itself.", "ina-242-b-1", "ina-242-b-3-B", severity="adverse", deadline=deadlines[0])]
    if venue:
        out.append(C(f"Venue: the {venue.circuit} Circuit, where the judge completed the proceedings "
                     f"({venue.court}). If any hearing was by video with the judge elsewhere, the circuits split "
                     "(Herrera-Alcala v. Garland, 4th Cir.; Sarr v. Garland, 2d Cir.).", *venue.cite_ids))
    if outcome == "summarily_dismissed":
        out.append(C("Summary dismissal: the Board dismissed without reaching the merits (for example, no specific "
                     "reasons in the notice of appeal, or no brief after saying one would be filed). Its order is the "
                     "final order, and the petition for review runs from it (our reading of INA 242(b)(1)). The 2026 rule's default "
                     "summary dismissal was vacated before it took effect.", "bia-pm-4-16", "ina-242-b-1",
                     severity="warning"))
    if state.vd:
        out.append(C("Voluntary departure: the Board may reinstate the period if bond proof was timely; filing a "
                     "petition for review ends it.", "cfr-1240-26-c-3-proof", "vd-reinstatement-pfr-effect",
                     severity="warning"))
    return f"BIA decision: appeal {outcome.replace('_', ' ')}", {}, deadlines, out


@action("file_pfr", Stage.PETITION_FOR_REVIEW, params=(
        Param("circuit", "str"), Param("hearing_mode", "choice", choices=("in_person", "video")),
        Param("ij_court", "str", help="Where the judge sat, for a video hearing.")),
        requires=(Requirement(lambda s: s.final_order is not None and s.final_order[1] == "bia",
                              "a final order from the BIA must come first: review needs exhausted remedies"),))
def file_pfr(state, step):
    """A petition for review is filed in a court of appeals."""
    d = state.deadline("petition-for-review", state.final_order[0])
    state.pfr_filed_on = step.on
    venue = pfr_venue(state.court, hearing_mode=step.get("hearing_mode", "in_person"), ij_court=step.get("ij_court"),
                      venue_changed_from=state.venue_changed_from)
    out = late(d, step.on, "Petition for review", "ina-242-b-1", "riley")
    circuit = step.get("circuit")
    if circuit and circuit not in {c for c, _, _ in venue.candidates}:
        out.append(C(f"Filed in the {circuit} Circuit, but venue lies in the {venue.circuit}: it may be transferred "
                     "or dismissed.", *venue.citations, severity="warning"))
    if not venue.settled:
        out.append(C(venue.caveat, *venue.citations, severity="warning"))
    out.append(C("No automatic stay: removal can proceed unless the court grants a stay.", NO_STAY, severity="warning"))
    if state.vd:
        out.append(C("Filing the petition ends voluntary departure.", "cfr-1240-26", severity="warning"))
    return f"Petition for review filed ({circuit or venue.circuit} Circuit)", {"venue": venue.to_dict()}, [d], out


@action("motion_for_stay", Stage.STAY_MOTION, params=(Param("granted", "bool"),),
        requires=(Requirement(lambda s: s.pfr_filed_on is not None, "a petition for review must be filed first"),))
def motion_for_stay(state, step):
    """The petitioner asks the court of appeals to stay removal."""
    granted = step.get("granted")
    text = {True: "Stay granted: no removal while the petition is decided.",
            False: "Stay denied: DHS may remove while the petition is pending.",
            None: "Stay requested: until the court rules, there is no stay."}[granted]
    return "Motion for a stay of removal", dict(step.params), [], [
        C(text, NO_STAY, "nken", severity="info" if granted else "warning")]
