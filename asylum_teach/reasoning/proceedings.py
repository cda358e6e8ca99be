"""A removal-proceedings simulator: a case moves by dated actions through the stages of :class:`Stage`.

Each action is checked against what must come first (an individual hearing needs a master calendar
hearing; a BIA appeal needs a decision), then recorded as a :class:`StageRecord` holding its date,
what happened, the deadlines it starts (always from the deadline engine,
:func:`asylum_teach.law.engine.deadline_for`) and its consequences with citations. The asylum EAD clock
(:mod:`asylum_teach.reasoning.ead_clock`) runs through the whole case.

The vocabulary of actions lives in :mod:`asylum_teach.reasoning.actions`; scenario files are read by
:mod:`asylum_teach.reasoning.scenarios`.

>>> from datetime import date
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

from dataclasses import dataclass, field
from datetime import date

from asylum_teach.exceptions import InvalidInputError, InvalidTransitionError
from asylum_teach.model.courts import Court, find_court
from asylum_teach.model.facts import Facts, as_facts
from asylum_teach.reasoning.ead_clock import EadClock
from asylum_teach.reasoning.stages import Stage


@dataclass(frozen=True)
class Consequence:
    """What an action costs or opens, with where the law says so.

    ``severity`` is ``info`` (a step in the ordinary course), ``warning`` (a risk the student should
    act on) or ``adverse`` (something bad has happened or will).
    """

    summary: str
    citations: tuple[str, ...]
    severity: str = "info"
    deadline: object | None = None  # an engine Deadline the consequence turns on

    def to_dict(self) -> dict:
        data = {"summary": self.summary, "severity": self.severity, "citations": list(self.citations)}
        if self.deadline is not None:
            data["deadline"] = self.deadline.to_dict()
        return data


@dataclass
class StageRecord:
    """One step of the case: the stage reached, its date, what happened, deadlines and consequences."""

    step: int
    stage: Stage
    on: date
    action: str
    happened: str
    details: dict = field(default_factory=dict)
    deadlines: list = field(default_factory=list)  # engine Deadline objects
    consequences: list[Consequence] = field(default_factory=list)

    @property
    def citations(self) -> tuple[str, ...]:
        cites = list(self.stage.citations)
        for c in self.consequences:
            cites.extend(x for x in c.citations if x not in cites)
        return tuple(cites)

    @property
    def reasons(self) -> tuple[str, ...]:
        return (self.happened, *(c.summary for c in self.consequences))

    def to_dict(self) -> dict:
        return {"step": self.step, "stage": self.stage.value, "title": self.stage.title, "on": self.on.isoformat(),
                "action": self.action, "happened": self.happened, "details": _plain(self.details),
                "deadlines": [d.to_dict() for d in self.deadlines],
                "consequences": [c.to_dict() for c in self.consequences], "citations": list(self.citations)}


@dataclass
class CaseState:
    """Everything the simulator knows about the case so far (mutable while a scenario runs)."""

    facts: Facts
    court: Court | None
    as_of: date | None = None
    policies: dict | None = None
    calendar: object | None = None
    records: list[StageRecord] = field(default_factory=list)
    hearings: dict = field(default_factory=dict)        # "master"/"individual" -> next scheduled date
    attended_master: bool = False
    i589_due: object | None = None                      # engine Deadline set by the judge
    i589_filed_on: date | None = None
    biometrics_done: bool = False
    decision: dict | None = None                        # the IJ decision in force
    bia: dict | None = None                             # the BIA decision
    final_order: tuple | None = None                    # (date, "ij"/"bia"/"in_absentia")
    appeal_filed_on: date | None = None
    appeal_waived: bool = False
    in_absentia_on: date | None = None
    closed: bool = False                                # administratively closed
    ended: str | None = None                            # e.g. "terminated", "asylum granted"
    vd: dict | None = None
    pfr_filed_on: date | None = None
    ead: EadClock = field(default_factory=EadClock)
    venue_changed_from: Court | None = None
    warned: set = field(default_factory=set)            # one-time warnings already given
    bia_brief_due: object | None = None                 # engine Deadline from the briefing schedule
    pending_motion: str | None = None                   # "reopen" / "reconsider" / "rescind"
    step_on: date | None = None                         # the date of the step being run

    def reached(self, stage: Stage) -> bool:
        return any(r.stage is stage for r in self.records)

    def last(self, stage: Stage) -> StageRecord | None:
        return next((r for r in reversed(self.records) if r.stage is stage), None)

    @property
    def at_bia(self) -> bool:
        return self.appeal_filed_on is not None and self.bia is None

    def engine_facts(self, **extra) -> Facts:
        """The case facts plus what the case has learned, for the deadline engine."""
        return self.facts.replace(**extra) if extra else self.facts

    def set_facts(self, **changes) -> None:
        self.facts = self.facts.replace(**changes)

    def deadline(self, rule_id: str, trigger: date, **facts):
        """Ask the deadline engine (never compute a deadline here).

        The rule version is the one in force on the later of the step's date and the trigger: for a filing
        due before a hearing, the version in force at the hearing; for a period after an event, the one in
        force when it happens (the engine itself picks the BIA appeal version by the decision date).
        """
        from asylum_teach.law.engine import deadline_for

        on = max(filter(None, (self.step_on, trigger))) if self.step_on else self.as_of
        return deadline_for(rule_id, trigger, as_of=on, facts=self.engine_facts(**facts),
                            policies=self.policies, calendar=self.calendar)


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
    :data:`asylum_teach.reasoning.actions.ACTIONS`). ``facts`` are glossary facts (a mapping, a
    :class:`~asylum_teach.model.facts.Facts` or a client). ``as_of`` is the date the student stands on:
    steps after it are not run, and each deadline is shown as of that date. It defaults to the last
    step's date. There is no hidden clock.
    """
    from asylum_teach.dates import parse_date
    from asylum_teach.reasoning.actions import parse_step, run_action

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


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value
