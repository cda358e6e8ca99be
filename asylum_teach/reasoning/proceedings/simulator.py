"""A removal-proceedings simulator: a case moves by dated actions through the stages of :class:`Stage`.

Each action is checked against what must come first (an individual hearing needs a master calendar
hearing; a BIA appeal needs a decision), then recorded as a
:class:`~asylum_teach.reasoning.proceedings.records.StageRecord` holding its date, what happened, the
deadlines it starts (always from the deadline engine, :func:`asylum_teach.law.engine.deadline_for`)
and its consequences with citations. The asylum EAD clock (:mod:`asylum_teach.reasoning.ead_clock`)
runs through the whole case.

The vocabulary of actions is :mod:`asylum_teach.reasoning.proceedings.catalogue`; scenario files are
read by :mod:`asylum_teach.reasoning.scenarios`.

>>> result = simulate([
...     {"on": "2025-03-03", "action": "serve_nta", "hearing_on": "2025-04-07"},
...     {"on": "2025-03-05", "action": "file_nta"},
...     {"on": "2025-03-20", "action": "individual_hearing"},
... ], court="Annandale")
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidTransitionError: step 3 (individual_hearing on 2025-03-20): a master calendar hearing must come first: the respondent pleads and names the relief sought there
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidInputError, InvalidTransitionError
from asylum_teach.model.courts import Court, find_court
from asylum_teach.model.facts import Facts, as_facts
from asylum_teach.reasoning.proceedings.catalogue import parse_step, run_action
from asylum_teach.reasoning.proceedings.records import StageRecord
from asylum_teach.reasoning.proceedings.state import CaseState
from asylum_teach.reasoning.stages import Stage


@dataclass
class SimulationResult:
    """The path a case took: stage records in order, the EAD clock, and where the case stands."""

    name: str
    as_of: date
    court: Court | None
    records: list[StageRecord]
    ead: dict
    status: str
    skipped_after_as_of: int = 0
    decision: dict | None = None       # the IJ decision in force at the end: on, trigger, form, outcome
    bia_decision_on: date | None = None
    facts: Facts | None = None         # the case facts as the case left them (dates learned along the way)

    @property
    def path(self) -> list[str]:
        return [r.stage.value for r in self.records]

    @property
    def deadlines(self) -> list:
        return [d for r in self.records for d in r.deadlines]

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(x for r in self.records for x in r.reasons)

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for r in self.records for c in r.citations))

    def to_dict(self) -> dict:
        return {"name": self.name, "as_of": self.as_of.isoformat(), "status": self.status,
                "court": self.court.to_dict() if self.court else None, "path": self.path,
                "records": [r.to_dict() for r in self.records], "ead_clock": self.ead,
                "skipped_after_as_of": self.skipped_after_as_of}


def simulate(steps, *, facts=None, court=None, as_of: date | None = None, name: str = "case",
             policies: dict | None = None, calendar=None) -> SimulationResult:
    """Run dated actions in order and return the path, deadlines and consequences.

    ``steps`` is a list of mappings ``{"on": DATE, "action": NAME, ...parameters}`` (see
    :data:`asylum_teach.reasoning.proceedings.catalogue.ACTIONS`). ``facts`` are glossary facts (a
    mapping, a :class:`~asylum_teach.model.facts.Facts` or a client). ``as_of`` is the date the student
    stands on: steps after it are not run, and each deadline is shown as of that date. It defaults to
    the last step's date. There is no hidden clock.
    """
    parsed = [parse_step(raw, index) for index, raw in enumerate(steps, start=1)]
    if not parsed:
        raise InvalidInputError("a scenario needs at least one step")
    for before, after in zip(parsed, parsed[1:]):
        if after.on < before.on:
            raise InvalidInputError(f"step {after.index} ({after.action} on {after.on}): steps must be in date order; "
                                    f"step {before.index} is dated {before.on}")
    as_of = parse_date(as_of, name="as_of") if as_of is not None else parsed[-1].on
    run = [s for s in parsed if s.on <= as_of]
    state = CaseState(facts=as_facts(facts or {}), court=find_court(court) if court else None, as_of=as_of,
                      policies=policies, calendar=calendar)
    for step in run:
        if state.ended and step.action not in _AFTER_END:
            raise InvalidTransitionError(f"step {step.index} ({step.action} on {step.on}): the case has ended "
                                         f"({state.ended}); nothing more happens in these proceedings")
        state.step_on = step.on
        state.records.append(run_action(state, step))
    state.step_on = None
    return SimulationResult(name=name, as_of=as_of, court=state.court, records=state.records,
                            ead=state.ead.summary(state, as_of), status=_status(state),
                            skipped_after_as_of=len(parsed) - len(run),
                            decision={k: v for k, v in (state.decision or {}).items() if k != "bia_deadline"} or None,
                            bia_decision_on=state.bia["on"] if state.bia else None, facts=state.facts)


# actions that may still follow once the case has "ended" (an order can be reopened or reviewed)
_AFTER_END = {"motion_to_reopen", "motion_to_reconsider", "motion_to_rescind", "decide_motion",
              "file_pfr", "motion_for_stay", "change_address"}


def _status(state: CaseState) -> str:
    if state.ended:
        return state.ended
    if state.closed:
        return "administratively closed"
    if state.in_absentia_on and state.final_order and state.final_order[1] == "in_absentia":
        return "removal ordered in absentia"
    if state.pfr_filed_on:
        return "petition for review pending"
    if state.at_bia:
        return "appeal pending at the BIA"
    if state.final_order:
        return f"final order ({state.final_order[1]}) on {state.final_order[0].isoformat()}"
    if state.decision:
        due = state.decision.get("bia_deadline")
        if due is not None and due.due and state.as_of > due.due:
            return f"IJ decision ({state.decision['outcome'].replace('_', ' ')}) final: no appeal by {due.due.isoformat()}"
        return f"IJ decision ({state.decision['outcome'].replace('_', ' ')}) entered; appeal time running"
    return "pending before the immigration court" if state.reached(Stage.NTA_FILED) else "not yet before the court"
