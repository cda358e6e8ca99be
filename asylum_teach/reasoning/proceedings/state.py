"""The state of a case while a scenario runs: what the handlers read, change, and ask the engine.

Handlers never count a day themselves: :meth:`CaseState.deadline` asks the deadline engine
(:func:`asylum_teach.law.engine.deadline_for`) with the case's facts, policies and calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from asylum_teach.court_calendar import CourtCalendar
from asylum_teach.law.engine import deadline_for
from asylum_teach.model.courts import Court
from asylum_teach.model.facts import Facts
from asylum_teach.reasoning.ead_clock import EadClock
from asylum_teach.reasoning.proceedings.records import StageRecord
from asylum_teach.reasoning.stages import Stage


@dataclass
class CaseState:
    """Everything the simulator knows about the case so far (mutable while a scenario runs)."""

    facts: Facts
    court: Court | None
    as_of: date | None = None
    policies: dict | None = None
    calendar: CourtCalendar | None = None
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
        on = max(filter(None, (self.step_on, trigger))) if self.step_on else self.as_of
        return deadline_for(rule_id, trigger, as_of=on, facts=self.engine_facts(**facts),
                            policies=self.policies, calendar=self.calendar)
