"""The application: filing the I-589, biometrics, evidence, and abandonment when a filing or biometrics
deadline is missed.

>>> from asylum_teach.reasoning.proceedings.simulator import simulate
>>> steps = [{"date": "2025-01-06", "action": "serve_nta", "hearing_on": "2025-02-03"},
...          {"date": "2025-01-08", "action": "file_nta"},
...          {"date": "2025-02-03", "action": "master_calendar", "i589_due_on": "2025-03-03"},
...          {"date": "2025-03-10", "action": "file_i589"}]
>>> [c.severity for c in simulate(steps).records[-1].consequences][:1]
['adverse']
"""

from __future__ import annotations

from asylum_teach.exceptions import InvalidTransitionError
from asylum_teach.reasoning.proceedings.deadlines import (
    ABANDON_CITE,
    BIOMETRICS_CITE,
    EAD_STOP_CITE,
    late_evidence,
    one_year,
    overdue,
)
from asylum_teach.reasoning.proceedings.records import C, Param, Requirement
from asylum_teach.reasoning.proceedings.registry import action
from asylum_teach.reasoning.proceedings.requirements import NO_FINAL_ORDER, NOT_CLOSED, NTA_FILED
from asylum_teach.reasoning.stages import Stage


@action("file_i589", Stage.I589_FILED, params=(Param("served_on_dhs", "bool"), Param("complete", "bool")),
        requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def file_i589(state, step):
    """The I-589 is filed with the court (and served on DHS)."""
    out, supplement = [], state.i589_filed_on is not None
    if supplement and not state.facts.get("affirmative_referred_to_court"):
        raise InvalidTransitionError(f"step {step.index} (file_i589 on {step.on}): the I-589 is already filed "
                                     f"({state.i589_filed_on.isoformat()}); use file_evidence to supplement it")
    if not supplement:
        state.i589_filed_on = step.on
        state.set_facts(i589_filed_on=step.on)
        y = one_year(state)
        if y and y.applicable and step.on > y.due:
            out.append(C(f"Filed after the one-year deadline ({y.due.isoformat()}): asylum is barred unless changed or "
                         "extraordinary circumstances are shown; withholding and CAT are not affected.",
                         "ina-208-a-2-B", "ina-208-a-2-D", "cfr-1208-4-a", severity="adverse", deadline=y))
        elif y and y.applicable:
            out.append(C(f"Filed within one year of the last arrival (deadline {y.due.isoformat()}).",
                         "ina-208-a-2-B", deadline=y))
    if state.i589_due and state.i589_due.due and step.on > state.i589_due.due:
        out.append(C(f"Filed after the judge's deadline ({state.i589_due.due.isoformat()}): the judge may treat the "
                     "application as abandoned or refuse it.", ABANDON_CITE, severity="adverse", deadline=state.i589_due))
    if step.get("served_on_dhs") is False:
        out.append(C("Not served on DHS: every filing must be served on the other party.",
                     "cfr-1003-32-a", severity="warning"))
    if step.get("complete", True) and not supplement:
        state.ead.start(step.on)
    elif not step.get("complete", True):
        out.append(C("An incomplete application does not start the EAD clock.", "cfr-208-7-a-1",
                     severity="warning"))
    out.append(C("Follow DHS pre-order instructions for biometrics; missing them without good cause may lead "
                 "to abandonment.", BIOMETRICS_CITE, "dhs-biometrics-instructions"))
    what = "Supplemental I-589 filed (the referred application is already before the court)" if supplement else \
        "I-589 filed with the court and served on DHS"
    return what, dict(step.params), state.ead.deadlines(state, step.on) if not supplement else [], out


@action("biometrics", Stage.BIOMETRICS, params=(Param("completed", "bool"),),
        requires=(Requirement(lambda s: s.i589_filed_on is not None, "the I-589 must be filed first: biometrics "
                                                                     "follow DHS pre-order instructions for it"),))
def biometrics(state, step):
    """Biometrics appointment under DHS instructions."""
    if step.get("completed", True):
        state.biometrics_done = True
        state.ead.resume(step.on)
        return "Biometrics completed", {}, [], []
    out = [C("Biometrics not completed: without good cause the application may be deemed abandoned.", BIOMETRICS_CITE,
             severity="adverse")]
    if state.ead.stop(step.on, "biometrics not completed", state=state):
        out.append(C("Failing to comply with fingerprint requirements is applicant-caused delay: the EAD clock stops "
                     "until biometrics are done.", EAD_STOP_CITE, severity="warning"))
    return "Biometrics appointment missed", {}, [], out


@action("file_evidence", Stage.EVIDENCE_FILED, params=(
        Param("description", "str"), Param("purpose", "choice", choices=("merits", "rebuttal"))),
        requires=(NTA_FILED, NO_FINAL_ORDER))
def file_evidence(state, step):
    """Evidence filed with the court before the individual hearing."""
    item = {"filed_on": step.on, **step.params}
    return f"Evidence filed: {step.get('description', 'documents')}", dict(step.params), [], late_evidence(state, item)


@action("deem_abandoned", Stage.APPLICATION_ABANDONED, params=(
        Param("reason", "choice", True, ("i589_not_filed", "biometrics_not_completed")),),
        requires=(NTA_FILED, NO_FINAL_ORDER))
def deem_abandoned(state, step):
    """The judge deems the application abandoned."""
    reason = step.params["reason"]
    if reason == "i589_not_filed":
        due = state.i589_due
        if due is None or state.i589_filed_on or step.on <= due.due:
            raise InvalidTransitionError(f"step {step.index} (deem_abandoned on {step.on}): the judge's I-589 deadline "
                                         "must have passed with no I-589 filed first")
        cite = ABANDON_CITE
    else:
        cite = BIOMETRICS_CITE
    state.ead.ended = "application abandoned"
    out = overdue(state, step.on) + [
        C("The asylum, withholding and CAT applications are deemed abandoned; the judge may order removal (or grant "
          "voluntary departure). The respondent can appeal, or move to reopen with good cause.", cite,
          severity="adverse")]
    return "Application deemed abandoned", dict(step.params), [], out
