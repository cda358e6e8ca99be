"""The merits: the individual hearing, the judge's decision, and voluntary departure granted before or
at the conclusion of proceedings.

>>> from asylum_teach.reasoning.proceedings.simulator import simulate
>>> steps = [{"date": "2025-01-06", "action": "serve_nta", "hearing_on": "2025-02-03"},
...          {"date": "2025-01-08", "action": "file_nta"}, {"date": "2025-02-03", "action": "master_calendar"},
...          {"date": "2025-06-02", "action": "individual_hearing"},
...          {"date": "2025-06-02", "action": "ij_decision", "form": "oral", "outcome": "removal_ordered"}]
>>> [d.rule_id for d in simulate(steps).records[-1].deadlines]
['bia-appeal', 'motion-to-reconsider', 'motion-to-reopen']
"""

from __future__ import annotations

from asylum_teach.exceptions import InvalidTransitionError
from asylum_teach.reasoning.proceedings.deadlines import ABANDON_CITE, BIOMETRICS_CITE, late_evidence, overdue
from asylum_teach.reasoning.proceedings.outcomes import decision_consequences
from asylum_teach.reasoning.proceedings.records import C, Param, Requirement
from asylum_teach.reasoning.proceedings.registry import action
from asylum_teach.reasoning.proceedings.requirements import MASTER_HELD, NO_FINAL_ORDER, NOT_CLOSED, NTA_FILED
from asylum_teach.reasoning.stages import Stage

EVIDENCE = (Param("filed_on", "date", True), Param("description", "str"),
            Param("purpose", "choice", choices=("merits", "rebuttal")))


OUTCOMES = ("asylum_granted", "withholding_granted", "cat_granted", "removal_ordered", "terminated")


@action("individual_hearing", Stage.INDIVIDUAL_HEARING, params=(
        Param("testimony", "bool"), Param("cross_examination", "bool"), Param("witnesses", "list"),
        Param("interpreter_language", "str"), Param("evidence", "records", fields=EVIDENCE)),
        requires=(NTA_FILED, MASTER_HELD, NOT_CLOSED, NO_FINAL_ORDER))
def individual_hearing(state, step):
    """The merits hearing: testimony, cross-examination, witnesses, evidence, interpreter."""
    state.hearings.setdefault("individual", step.on)
    state.set_facts(individual_hearing_on=step.on)
    out = overdue(state, step.on)
    if state.i589_filed_on is None:
        out.append(C("No I-589 is before the judge: there is no asylum application to hear.", ABANDON_CITE,
                     severity="adverse"))
    elif not state.biometrics_done:
        out.append(C("No record of biometrics: the judge cannot grant relief until DHS reports them, and failure "
                     "without good cause may be treated as abandonment.", BIOMETRICS_CITE, severity="warning"))
    for item in step.get("evidence", ()):
        out += late_evidence(state, item)
    if step.get("testimony", True):
        out.append(C("The respondent testified and was cross-examined by DHS; credibility is judged on the "
                     "totality of the circumstances.", "ina-208-b-1-B-ii-iii"))
    parts = [f"witnesses: {', '.join(step.get('witnesses'))}" if step.get("witnesses") else "",
             f"interpreter: {step.get('interpreter_language')}" if step.get("interpreter_language") else ""]
    extra = "; ".join(x for x in parts if x)
    return "Individual hearing held" + (f" ({extra})" if extra else ""), dict(step.params), [], out


@action("ij_decision", Stage.IJ_DECISION, params=(
        Param("form", "choice", True, ("oral", "written")), Param("outcome", "choice", True, OUTCOMES),
        Param("served_on", "date", help="Written decisions: the date it was mailed or served."),
        Param("asylum_decided_on_merits", "bool")),
        requires=(Requirement(lambda s: s.reached(Stage.INDIVIDUAL_HEARING) or s.reached(Stage.APPLICATION_ABANDONED),
                              "an individual hearing must come first (or the application must be deemed abandoned)"),
                  NO_FINAL_ORDER))
def ij_decision(state, step):
    """The immigration judge decides, orally or in writing."""
    form, outcome = step.params["form"], step.params["outcome"]
    trigger = step.get("served_on", step.on) if form == "written" else step.on
    # Whether asylum was decided on the merits (not on a threshold bar) is for the scenario to say. It
    # changed the appeal period only under the vacated 2026 10-day rule (a what-if since 2026-03-08).
    merits = step.get("asylum_decided_on_merits")
    state.set_facts(ij_decision_on=trigger,
                    **({} if merits is None else {"asylum_decided_on_merits": merits}))
    deadlines = [state.deadline(rule, trigger) for rule in ("bia-appeal", "motion-to-reconsider", "motion-to-reopen")]
    state.decision = {"on": step.on, "trigger": trigger, "form": form, "outcome": outcome, "bia_deadline": deadlines[0]}
    out = decision_consequences(form, outcome, deadlines[0])
    if outcome != "asylum_granted" and state.ead.started_on and not state.ead.ended:
        state.ead.ended = "asylum not granted by the judge"
        out.append(C("If the judge denies asylum before an EAD is granted, the EAD application is denied (the "
                     "clock matters again only if the case is reopened or remanded).", "cfr-208-7-a-1"))
    if outcome == "terminated":
        state.ended = "proceedings terminated"
    return f"IJ decision ({form}): {outcome.replace('_', ' ')}", {"trigger": trigger, **step.params}, deadlines, out


@action("voluntary_departure", Stage.VOLUNTARY_DEPARTURE, params=(
        Param("when", "choice", True, ("pre_conclusion", "at_conclusion")), Param("bond_amount", "int"),
        Param("bond_posted_on", "date")), requires=(NTA_FILED, MASTER_HELD))
def voluntary_departure(state, step):
    """The judge grants voluntary departure before or at the conclusion of proceedings."""
    when = step.params["when"]
    state.vd = {"when": when, "on": step.on}
    out = [C("Failure to depart in time: civil penalty of $1,000-$5,000 and 10 years' ineligibility for "
             "voluntary departure, cancellation, adjustment, change of status and registry.",
             "ina-240b-d")]
    if when == "pre_conclusion":
        if state.decision is not None:
            raise InvalidTransitionError(f"step {step.index} (voluntary_departure on {step.on}): pre-conclusion "
                                         "voluntary departure must be granted before the judge decides the case")
        state.appeal_waived = True
        state.final_order = (step.on, "ij")
        state.ended = "voluntary departure granted before conclusion"
        out.insert(0, C("Granted before the conclusion of proceedings: removability conceded, other relief withdrawn, "
                        "appeal waived.", "cfr-1240-26-b-1-i"))
        return "Voluntary departure granted (before conclusion)", dict(step.params), [
            state.deadline("vd-pre-conclusion", step.on)], out
    if state.decision is None:
        raise InvalidTransitionError(f"step {step.index} (voluntary_departure on {step.on}): voluntary departure at "
                                     "the conclusion of proceedings comes with the judge's decision")
    amount = step.get("bond_amount")
    if amount is not None and amount < 500:
        out.append(C(f"A bond of ${amount} is below the $500 minimum.", "cfr-1240-26-c-3", severity="warning"))
    bond = state.deadline("vd-bond", step.on)
    posted = step.get("bond_posted_on")
    if posted and bond.due and posted > bond.due:
        out.append(C(f"Bond posted {posted.isoformat()}, after the due date {bond.due.isoformat()}: the grant is at risk; "
                     "the duty to depart and the penalties remain.", "cfr-1240-26-c-3", "vd-penalties-after-late-bond",
                     severity="adverse", deadline=bond))
    out += [C("If the respondent appeals, proof that the bond was posted must reach the BIA within 30 days of filing "
              "the appeal, or the Board will not reinstate voluntary departure.",
              "cfr-1240-26-c-3-proof", severity="warning"),
            C("A motion to reopen or reconsider filed within the period ends voluntary departure; a petition for review "
              "ends it too.", "dada", "cfr-1240-26", severity="warning")]
    return "Voluntary departure granted (at conclusion)", dict(step.params), [
        state.deadline("vd-conclusion", step.on), bond], out
