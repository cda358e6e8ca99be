"""Motions after an order: to reopen, to reconsider, to reopen and rescind an in absentia order, and the
rulings on them.

>>> from asylum_teach.reasoning.proceedings.simulator import simulate
>>> steps = [{"on": "2025-01-06", "action": "serve_nta"}, {"on": "2025-01-08", "action": "file_nta"},
...          {"on": "2025-02-10", "action": "miss_hearing"},
...          {"on": "2025-03-03", "action": "motion_to_rescind", "reason": "exceptional_circumstances"}]
>>> simulate(steps).status
'removal ordered in absentia'
"""

from __future__ import annotations

from asylum_teach.exceptions import InvalidTransitionError
from asylum_teach.reasoning.proceedings.deadlines import HEARING, hearing_deadlines, late
from asylum_teach.reasoning.proceedings.records import C, Param, Requirement
from asylum_teach.reasoning.proceedings.registry import action
from asylum_teach.reasoning.proceedings.requirements import DECIDED
from asylum_teach.reasoning.stages import Stage


def _motion(state, step, rule, kind):
    if state.final_order is None and state.decision is None:
        raise InvalidTransitionError(f"step {step.index} ({step.action} on {step.on}): there is no order to {kind}")
    if any(r.action == step.action for r in state.records):
        prior = [C(f"A second motion to {kind}: the statute allows one.", "ina-240-c-6", "ina-240-c-7",
                   severity="adverse")]
    else:
        prior = []
    trigger = state.final_order[0] if state.final_order else state.decision["trigger"]
    changed = step.get("basis") == "changed_country_conditions"
    d = state.deadline(rule, trigger, **({"changed_country_conditions": True} if changed else {}))
    out = prior + late(d, step.on, f"Motion to {kind}", "ina-240-c-7" if kind == "reopen" else "ina-240-c-6")
    out.append(C("The motion does not stay removal by itself; filed during voluntary departure it ends it.",
                 "cfr-1003-23-b-1-v", "dada"))
    state.pending_motion = kind
    return f"Motion to {kind} filed", dict(step.params), [d], out


@action("motion_to_reopen", Stage.MOTION_TO_REOPEN, params=(
        Param("basis", "choice", choices=("new_evidence", "changed_country_conditions", "joint")),), requires=(DECIDED,))
def motion_to_reopen(state, step):
    """A motion to reopen: new facts (or changed country conditions, without a time limit)."""
    return _motion(state, step, "motion-to-reopen", "reopen")


@action("motion_to_reconsider", Stage.MOTION_TO_RECONSIDER, requires=(DECIDED,))
def motion_to_reconsider(state, step):
    """A motion to reconsider: errors of law or fact."""
    return _motion(state, step, "motion-to-reconsider", "reconsider")


@action("motion_to_rescind", Stage.MOTION_TO_RESCIND, params=(
        Param("reason", "choice", True, ("exceptional_circumstances", "lack_of_notice", "in_custody")),),
        requires=(Requirement(lambda s: s.in_absentia_on is not None, "an in absentia order must come first"),))
def motion_to_rescind(state, step):
    """A motion to reopen and rescind an in absentia order."""
    reason = step.params["reason"]
    state.set_facts(in_absentia_reason=reason)
    d = state.deadline("in-absentia-reopen", state.in_absentia_on, in_absentia_reason=reason)
    out = late(d, step.on, "Motion to rescind", "ina-240-b-5-C-i")
    if not d.applicable:
        out.append(C(d.reason, "ina-240-b-5-C-ii"))
    out.append(C("Filing the motion stays removal until the judge rules.", "ina-240-b-5-C"))
    state.pending_motion = "rescind"
    return f"Motion to rescind the in absentia order ({reason.replace('_', ' ')})", dict(step.params), [d], out


@action("decide_motion", Stage.MOTION_DECIDED, params=(
        Param("granted", "bool", True), Param("next_hearing", "mapping", fields=HEARING)),
        requires=(Requirement(lambda s: s.pending_motion is not None, "a motion must be filed first"),))
def decide_motion(state, step):
    """The judge (or Board) rules on the pending motion."""
    kind, granted = state.pending_motion, step.params["granted"]
    state.pending_motion = None
    if not granted:
        return f"Motion to {kind} denied", dict(step.params), [], [
            C("Denied: the order stands. The denial can itself be appealed or reviewed.", "ina-242-b-6",
              severity="adverse")]
    state.final_order, state.decision, state.ended = None, None, None
    state.appeal_filed_on, state.appeal_waived, state.bia = None, False, None
    out = []
    if kind == "rescind":
        state.in_absentia_on = None
        state.ead.resume(step.on)
        out.append(C("The in absentia order is rescinded and the case is reopened"
                     + ("; the EAD clock resumes." if state.ead.started_on else "."),
                     "ina-240-b-5-C", *(["cfr-208-7-a-2"] if state.ead.started_on else [])))
    nxt = step.get("next_hearing")
    deadlines = hearing_deadlines(state, nxt["kind"], nxt["date"]) if nxt else []
    return f"Motion to {kind} granted: proceedings reopened", dict(step.params), deadlines, out
