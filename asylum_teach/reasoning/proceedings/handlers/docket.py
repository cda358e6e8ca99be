"""Managing the docket: continuances, change of address and venue, administrative closure and
recalendaring, and prosecutorial discretion.

>>> from asylum_teach.reasoning.proceedings.simulator import simulate
>>> steps = [{"date": "2025-01-06", "action": "serve_nta"}, {"date": "2025-01-08", "action": "file_nta"},
...          {"date": "2025-01-20", "action": "administrative_closure"}]
>>> simulate(steps).status
'administratively closed'
"""

from __future__ import annotations

from datetime import date

from asylum_teach.law import litigation
from asylum_teach.reasoning.proceedings.deadlines import EAD_STOP_CITE, HEARING, hearing_deadlines, one_year, overdue
from asylum_teach.reasoning.proceedings.records import C, Consequence, Param, Requirement
from asylum_teach.reasoning.proceedings.registry import action
from asylum_teach.reasoning.proceedings.requirements import NO_FINAL_ORDER, NOT_CLOSED, NTA_FILED, NTA_SERVED
from asylum_teach.reasoning.stages import Stage


@action("request_continuance", Stage.CONTINUANCE, params=(
        Param("requested_by", "choice", True, ("respondent", "dhs", "court")),
        Param("hearing", "choice", choices=("master", "individual")),
        Param("new_hearing_on", "date", True), Param("granted", "bool")),
        requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def continuance(state, step):
    """A party asks to move a hearing (or the court moves it)."""
    kind = step.get("hearing", "individual" if "individual" in state.hearings else "master")
    if step.get("granted") is False:
        return "Continuance denied", dict(step.params), [], [C("Continuance denied: the hearing goes ahead.",
                                                               "cfr-1003-29", severity="warning")]
    old = state.hearings.get(kind, step.on)
    out = overdue(state, step.on)
    if step.params["requested_by"] == "respondent" and state.ead.stop(
            old, "continuance requested by the respondent", until=step.params["new_hearing_on"], state=state):
        out.append(C(f"Respondent-requested continuance: the EAD clock stops from {old.isoformat()} to "
                     f"{step.params['new_hearing_on'].isoformat()}.", EAD_STOP_CITE, "ead-delay-examples", severity="warning"))
    elif step.params["requested_by"] != "respondent" and state.ead.started_on:
        out.append(C("Continuance not requested by the respondent: the EAD clock keeps running.", EAD_STOP_CITE))
    deadlines = hearing_deadlines(state, kind, step.params["new_hearing_on"])
    return f"{kind.title()} hearing moved to {step.params['new_hearing_on'].isoformat()}", dict(step.params), deadlines, out


@action("change_address", Stage.CHANGE_OF_ADDRESS, params=(Param("reported_on", "date"),), requires=(NTA_SERVED,))
def change_address(state, step):
    """The respondent moves; Form EOIR-33 to the court (or to the BIA while an appeal is pending)."""
    d = state.deadline("address-change-bia" if state.at_bia else "address-change-court", step.on)
    out = []
    reported = step.get("reported_on")
    if reported is None or (d.due and reported > d.due):
        out.append(C("Not reported in time: hearing notices go to the old address and still support an in absentia "
                     "order.", "ina-240-b-5-A", "ina-240-b-5-B", severity="warning", deadline=d))
    where = "BIA (EOIR-33/BIA)" if state.at_bia else "immigration court (EOIR-33/IC)"
    return f"Address changed; notice due to the {where}", dict(step.params), [d], out


@action("change_venue", Stage.CHANGE_OF_VENUE, params=(Param("to_court", "str", True), Param("granted", "bool")),
        requires=(NTA_FILED, NO_FINAL_ORDER))
def change_venue(state, step):
    """A motion to change venue to another immigration court."""
    target = step.court("to_court")
    if step.get("granted") is False:
        return f"Motion to change venue to {target.name} denied", dict(step.params), [], []
    state.venue_changed_from, state.court = state.court, target
    return f"Venue changed to {target.name}", {"to_court": target.name}, [], [
        C("The case now proceeds before the new court; the circuit for a later petition for review may change too.",
          "cfr-1003-20", "sarr")]


@action("administrative_closure", Stage.ADMINISTRATIVE_CLOSURE, requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def administrative_closure(state, step):
    """The judge takes the case off the active docket (an option, not an outcome)."""
    state.closed = True
    return "Case administratively closed", {}, [], [
        C("Off the active calendar, no removal order; either party may later ask to recalendar. Whether closure "
          "stops the EAD clock is not modelled.", "cfr-1003-18-c", "fr-2024-docket-management")]


@action("recalendar", Stage.RECALENDARED, params=(Param("next_hearing", "mapping", fields=HEARING),),
        requires=(Requirement(lambda s: s.closed, "the case must be administratively closed first"),))
def recalendar(state, step):
    """A closed case returns to the active docket."""
    state.closed = False
    nxt = step.get("next_hearing")
    return "Case recalendared", dict(step.params), hearing_deadlines(state, nxt["kind"], nxt["date"]) if nxt else [], []


#: From May 2025, reports of arrests after DHS-requested dismissals, for expedited removal [S].
DISMISSAL_ARRESTS_FROM = date(2025, 5, 20)


def dismissal_risk(on: date) -> Consequence | None:
    """A dismissal is a risk, not a safe exit, once DHS began arresting people after dismissals in May 2025
    to place them in expedited removal; whether expedited removal reaches them comes from the register."""
    if on < DISMISSAL_ARRESTS_FROM:
        return None
    er = litigation.status("make-the-road-v-noem", "expedited-removal-expansion", on)
    return C("Risk: since May 2025 DHS has moved to dismiss cases at master calendar hearings and ICE has then "
             "arrested people to place them in expedited removal, which skips the immigration judge. The nationwide "
             f"expansion of expedited removal was {litigation.STATUS_WORDS[er.status]} as known on {on.isoformat()} "
             f"({er.case.case}; last checked {er.case.last_checked_on.isoformat()}). Weigh opposing the motion to "
             "dismiss and keeping the case, and the I-589, before the judge.",
             "dismissal-arrests-2025",
             *er.case.citations(er.event), severity="adverse")


@action("prosecutorial_discretion", Stage.PROSECUTORIAL_DISCRETION, params=(
        Param("outcome", "choice", True, ("dismissed", "administratively_closed", "declined")),),
        requires=(NTA_SERVED,))
def prosecutorial_discretion(state, step):
    """DHS exercises (or declines) prosecutorial discretion."""
    outcome = step.params["outcome"]
    out = [C("Prosecutorial discretion is DHS's choice, not relief: it gives no status.",
             "cfr-239-2-c")]
    if outcome == "dismissed":
        state.ended = "proceedings dismissed (prosecutorial discretion)"
        out.append(C("With proceedings dismissed, an asylum application must be filed (or re-filed) with USCIS; the "
                     "one-year deadline still runs from the last arrival.", "cfr-1208-2-b",
                     "ina-208-a-2-B", severity="warning"))
        risk = dismissal_risk(step.on)
        if risk is not None:
            out.append(risk)
    elif outcome == "administratively_closed":
        state.closed = True
    return f"Prosecutorial discretion: {outcome.replace('_', ' ')}", dict(step.params), \
        [one_year(state)] if outcome == "dismissed" and state.i589_filed_on is None else [], out
