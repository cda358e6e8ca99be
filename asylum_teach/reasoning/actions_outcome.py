"""Actions that decide or move the case: the judge's decision, voluntary departure, change of address
and venue, administrative closure and recalendaring, and prosecutorial discretion.

>>> from asylum_teach.reasoning.proceedings import simulate
>>> steps = [{"date": "2025-01-06", "action": "serve_nta"}, {"date": "2025-01-08", "action": "file_nta"},
...          {"date": "2025-01-20", "action": "administrative_closure"}]
>>> simulate(steps).status
'administratively closed'
"""

from __future__ import annotations

from datetime import date

from asylum_teach.reasoning.actions import (MASTER_HELD, NO_FINAL_ORDER, NOT_CLOSED, NTA_FILED, NTA_SERVED, Param,
                                            Requirement, action, court_param)
from asylum_teach.reasoning.actions_court import HEARING, C, hearing_deadlines, one_year
from asylum_teach.reasoning.stages import Stage


OUTCOMES = ("asylum_granted", "withholding_granted", "cat_granted", "removal_ordered", "terminated")


@action("ij_decision", Stage.IJ_DECISION, params=(
        Param("form", "choice", True, ("oral", "written")), Param("outcome", "choice", True, OUTCOMES),
        Param("served_on", "date", help="Written decisions: the date it was mailed or served."),
        Param("asylum_decided_on_merits", "bool")),
        requires=(Requirement(lambda s: s.reached(Stage.INDIVIDUAL_HEARING) or s.reached(Stage.APPLICATION_ABANDONED),
                              "an individual hearing must come first (or the application must be deemed abandoned)"),
                  NO_FINAL_ORDER))
def ij_decision(state, step):
    """The immigration judge decides, orally or in writing."""
    from asylum_teach.reasoning.appeals import decision_consequences

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
                     "clock matters again only if the case is reopened or remanded).", "8 CFR 208.7(a)(1) [P]"))
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
             "INA 240B(d)(1); 8 CFR 1240.26(a) [P]")]
    if when == "pre_conclusion":
        if state.decision is not None:
            from asylum_teach.exceptions import InvalidTransitionError
            raise InvalidTransitionError(f"step {step.index} (voluntary_departure on {step.on}): pre-conclusion "
                                         "voluntary departure must be granted before the judge decides the case")
        state.appeal_waived = True
        state.final_order = (step.on, "ij")
        state.ended = "voluntary departure granted before conclusion"
        out.insert(0, C("Granted before the conclusion of proceedings: removability conceded, other relief withdrawn, "
                        "appeal waived.", "8 CFR 1240.26(b)(1)(i) [P]"))
        return "Voluntary departure granted (before conclusion)", dict(step.params), [
            state.deadline("vd-pre-conclusion", step.on)], out
    if state.decision is None:
        from asylum_teach.exceptions import InvalidTransitionError
        raise InvalidTransitionError(f"step {step.index} (voluntary_departure on {step.on}): voluntary departure at "
                                     "the conclusion of proceedings comes with the judge's decision")
    amount = step.get("bond_amount")
    if amount is not None and amount < 500:
        out.append(C(f"A bond of ${amount} is below the $500 minimum.", "8 CFR 1240.26(c)(3) [S]", severity="warning"))
    bond = state.deadline("vd-bond", step.on)
    posted = step.get("bond_posted_on")
    if posted and bond.due and posted > bond.due:
        out.append(C(f"Bond posted {posted.isoformat()}, after the due date {bond.due.isoformat()}: the grant is at risk; "
                     "the duty to depart and the penalties remain.", "8 CFR 1240.26(c)(3) [S]", "[S] penalties remain",
                     severity="adverse", deadline=bond))
    out += [C("If the respondent appeals, proof that the bond was posted must reach the BIA within 30 days of filing "
              "the appeal, or the Board will not reinstate voluntary departure.",
              "8 CFR 1240.26(c)(3); Matter of Gamero Perez, 25 I&N Dec. 164 (BIA 2010) [P]", severity="warning"),
            C("A motion to reopen or reconsider filed within the period ends voluntary departure; a petition for review "
              "ends it too.", "Dada v. Mukasey, 554 U.S. 1 (2008) [K]; 8 CFR 1240.26 [S summary]", severity="warning")]
    return "Voluntary departure granted (at conclusion)", dict(step.params), [
        state.deadline("vd-conclusion", step.on), bond], out


@action("change_address", Stage.CHANGE_OF_ADDRESS, params=(Param("reported_on", "date"),), requires=(NTA_SERVED,))
def change_address(state, step):
    """The respondent moves; Form EOIR-33 to the court (or to the BIA while an appeal is pending)."""
    d = state.deadline("address-change-bia" if state.at_bia else "address-change-court", step.on)
    out = []
    reported = step.get("reported_on")
    if reported is None or (d.due and reported > d.due):
        out.append(C("Not reported in time: hearing notices go to the old address and still support an in absentia "
                     "order.", "INA 240(b)(5)(A)-(B) [P]", severity="warning", deadline=d))
    where = "BIA (EOIR-33/BIA)" if state.at_bia else "immigration court (EOIR-33/IC)"
    return f"Address changed; notice due to the {where}", dict(step.params), [d], out


@action("change_venue", Stage.CHANGE_OF_VENUE, params=(Param("to_court", "str", True), Param("granted", "bool")),
        requires=(NTA_FILED, NO_FINAL_ORDER))
def change_venue(state, step):
    """A motion to change venue to another immigration court."""
    target = court_param(step, "to_court")
    if step.get("granted") is False:
        return f"Motion to change venue to {target.name} denied", dict(step.params), [], []
    state.venue_changed_from, state.court = state.court, target
    return f"Venue changed to {target.name}", {"to_court": target.name}, [], [
        C("The case now proceeds before the new court; the circuit for a later petition for review may change too.",
          *Stage.CHANGE_OF_VENUE.citations)]


@action("administrative_closure", Stage.ADMINISTRATIVE_CLOSURE, requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def administrative_closure(state, step):
    """The judge takes the case off the active docket (an option, not an outcome)."""
    state.closed = True
    return "Case administratively closed", {}, [], [
        C("Off the active calendar, no removal order; either party may later ask to recalendar. Whether closure "
          "stops the EAD clock is not modelled.", *Stage.ADMINISTRATIVE_CLOSURE.citations)]


@action("recalendar", Stage.RECALENDARED, params=(Param("next_hearing", "mapping", fields=HEARING),),
        requires=(Requirement(lambda s: s.closed, "the case must be administratively closed first"),))
def recalendar(state, step):
    """A closed case returns to the active docket."""
    state.closed = False
    nxt = step.get("next_hearing")
    return "Case recalendared", dict(step.params), hearing_deadlines(state, nxt["kind"], nxt["date"]) if nxt else [], []


#: From May 2025, reports of arrests after DHS-requested dismissals, for expedited removal [S].
DISMISSAL_ARRESTS_FROM = date(2025, 5, 20)


def dismissal_risk(on: date) -> "C | None":
    """A dismissal is a risk, not a safe exit, once DHS began arresting people after dismissals in May 2025
    to place them in expedited removal; whether expedited removal reaches them comes from the register."""
    if on < DISMISSAL_ARRESTS_FROM:
        return None
    from asylum_teach.law import litigation

    er = litigation.status("make-the-road-v-noem", "expedited-removal-expansion", on)
    return C("Risk: since May 2025 DHS has moved to dismiss cases at master calendar hearings and ICE has then "
             "arrested people to place them in expedited removal, which skips the immigration judge. The nationwide "
             f"expansion of expedited removal was {litigation.STATUS_WORDS[er.status]} as known on {on.isoformat()} "
             f"({er.case.case}; last checked {er.case.last_checked_on.isoformat()}). Weigh opposing the motion to "
             "dismiss and keeping the case, and the I-589, before the judge.",
             "Reports of arrests after DHS motions to dismiss, from 2025-05-20 (immpolicytracking.org) [S]",
             *(c.shown() for c in er.case.citations(er.event)), severity="adverse")


@action("prosecutorial_discretion", Stage.PROSECUTORIAL_DISCRETION, params=(
        Param("outcome", "choice", True, ("dismissed", "administratively_closed", "declined")),),
        requires=(NTA_SERVED,))
def prosecutorial_discretion(state, step):
    """DHS exercises (or declines) prosecutorial discretion."""
    outcome = step.params["outcome"]
    out = [C("Prosecutorial discretion is DHS's choice, not relief: it gives no status.",
             *Stage.PROSECUTORIAL_DISCRETION.citations)]
    if outcome == "dismissed":
        state.ended = "proceedings dismissed (prosecutorial discretion)"
        out.append(C("With proceedings dismissed, an asylum application must be filed (or re-filed) with USCIS; the "
                     "one-year deadline still runs from the last arrival.", "8 CFR 1208.2(b) [K]",
                     "INA 208(a)(2)(B) [P]", severity="warning"))
        risk = dismissal_risk(step.on)
        if risk is not None:
            out.append(risk)
    elif outcome == "administratively_closed":
        state.closed = True
    return f"Prosecutorial discretion: {outcome.replace('_', ' ')}", dict(step.params), \
        [one_year(state)] if outcome == "dismissed" and state.i589_filed_on is None else [], out
