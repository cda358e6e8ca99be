"""A case timeline: the events in a client's facts and every deadline the engine derives from them.

Events come straight from dated glossary facts (arrival, NTA, hearings, I-589, biometrics, decisions,
appeal). Deadlines come only from :func:`asylum_teach.law.engine.deadline_for`; this module never
counts a day itself. Each deadline keeps the engine's safe date, alternatives and citations.

What the timeline leaves out: change-of-address duties (no change date in the facts), responses to
the other side's filings, BIA briefing (no briefing-schedule date), voluntary departure (no grant in
the facts), and motions to reopen or reconsider after a judge's order that was never appealed (the
trigger is the date the order became final, which the facts do not give).

>>> import datetime as dt
>>> t = build_timeline({"last_arrival_on": "2025-08-10", "nta_filed_on": "2025-09-10",
...                     "master_calendar_hearing_on": "2026-04-21"}, dt.date(2026, 3, 2))
>>> [(i.key, i.on.isoformat(), i.status) for i in t.items]
[('last_arrival_on', '2025-08-10', 'past'), ('nta_filed_on', '2025-09-10', 'past'), ('filing-before-master', '2026-04-06', 'upcoming'), ('master_calendar_hearing_on', '2026-04-21', 'scheduled'), ('one-year-asylum', '2026-08-10', 'upcoming')]
>>> print(t.what_is_due_next())
As of 2026-03-02, next: Filings before a master calendar hearing (when a ruling is requested), due Monday 2026-04-06 (safe date Monday 2026-04-06) [filing-before-master]
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from asylum_teach import dates
from asylum_teach.dates import parse_date
from asylum_teach.law.engine import Deadline, deadline_for
from asylum_teach.model.facts import Facts, as_facts
from asylum_teach.model.validation import check_facts
from asylum_teach.reasoning.screening_rules import cite_text

#: (fact, label) for each event, in the order a case usually runs.
EVENTS = (
    ("last_arrival_on", "Last arrival in the US"),
    ("affirmative_application_filed_on", "I-589 filed with USCIS"),
    ("nta_served_on", "Notice to Appear served"),
    ("nta_filed_on", "NTA filed with the court"),
    ("master_calendar_hearing_on", "Master calendar hearing"),
    ("in_absentia_order_on", "In-absentia removal order"),
    ("i589_filed_on", "I-589 filed"),
    ("biometrics_due_on", "Biometrics due (date set by the judge)"),
    ("individual_hearing_on", "Individual (merits) hearing"),
    ("ij_decision_on", "Immigration judge's decision"),
    ("bia_appeal_filed_on", "Appeal received by the BIA"),
    ("bia_decision_on", "BIA decision"),
)

#: Labels that say more than the rule's general title in this timeline.
LABELS = {"judge-set-date": "Complete biometrics by the date the judge set"}

#: (rule id, trigger facts (first known wins), facts that show the deadline was met).
DEADLINES = (
    ("one-year-asylum", ("last_arrival_on",), ("i589_filed_on", "affirmative_application_filed_on")),
    ("filing-before-master", ("master_calendar_hearing_on",), ()),
    ("ead-application", ("i589_filed_on", "affirmative_application_filed_on"), ()),
    ("ead-eligibility", ("i589_filed_on", "affirmative_application_filed_on"), ()),
    ("judge-set-date", ("biometrics_due_on",), ()),
    ("filing-before-individual", ("individual_hearing_on",), ()),
    ("bia-appeal", ("ij_decision_on",), ("bia_appeal_filed_on",)),
    ("in-absentia-reopen", ("in_absentia_order_on",), ()),
    ("motion-to-reconsider", ("bia_decision_on",), ()),
    ("motion-to-reopen", ("bia_decision_on",), ()),
    ("petition-for-review", ("bia_decision_on",), ()),
)

#: ``disputed``: done (or still undone) on a date that is timely under one defensible reading of the
#: rule and late under another (see the deadline's alternatives).
STATUSES = ("past", "scheduled", "met", "missed", "disputed", "passed", "upcoming", "open", "not-applicable")


@dataclass(frozen=True)
class TimelineItem:
    """One row: an event (``kind='event'``) or a deadline (``'deadline'``/``'earliest'``)."""

    on: _dt.date | None
    kind: str
    key: str
    label: str
    status: str
    safe_date: _dt.date | None = None
    trigger: _dt.date | None = None
    deadline: Deadline | None = None

    @property
    def is_deadline(self) -> bool:
        return self.deadline is not None

    def to_dict(self) -> dict:
        out = {"date": _iso(self.on), "kind": self.kind, "key": self.key, "label": self.label, "status": self.status}
        d = self.deadline
        if d is not None:
            out.update(trigger=_iso(self.trigger), due=_iso(d.due), safe_date=_iso(d.safe_date),
                       alternatives=[a.to_dict() for a in d.alternatives], applicable=d.applicable,
                       reason=d.reason, version=d.version, source_strength=d.source_strength,
                       citations=[cite_text(c) for c in d.citations])
        return out


@dataclass(frozen=True)
class Timeline:
    as_of: _dt.date
    facts: Facts
    items: tuple[TimelineItem, ...]

    @property
    def events(self) -> tuple[TimelineItem, ...]:
        return tuple(i for i in self.items if not i.is_deadline)

    @property
    def deadlines(self) -> tuple[TimelineItem, ...]:
        return tuple(i for i in self.items if i.is_deadline)

    def due_next(self) -> tuple[TimelineItem, ...]:
        """Deadlines still to meet and events still to come, soonest (by safe date) first."""
        ahead = [i for i in self.items if i.status in ("upcoming", "scheduled")]
        return tuple(sorted(ahead, key=lambda i: (i.safe_date or i.on, i.key)))

    def what_is_due_next(self) -> str:
        """One sentence: the next deadline as of the timeline's date (or that nothing is pending)."""
        pending = [i for i in self.due_next() if i.is_deadline]
        if not pending:
            return f"As of {self.as_of.isoformat()}, no deadline in this timeline is pending."
        i = pending[0]
        due = dates.long(i.on) if i.on else "-"
        safe = dates.long(i.safe_date) if i.safe_date else "-"
        return f"As of {self.as_of.isoformat()}, next: {i.label}, due {due} (safe date {safe}) [{i.key}]"

    def to_frame(self):
        """A pandas DataFrame, one row per item, dates as ``datetime64``."""
        import pandas as pd

        rows = [{"date": i.on, "kind": i.kind, "item": i.label, "key": i.key, "status": i.status,
                 "safe_date": i.safe_date, "trigger": i.trigger,
                 "citations": "; ".join(cite_text(c) for c in i.deadline.citations) if i.deadline else ""}
                for i in self.items]
        frame = pd.DataFrame(rows, columns=["date", "kind", "item", "key", "status", "safe_date", "trigger", "citations"])
        for col in ("date", "safe_date", "trigger"):
            frame[col] = pd.to_datetime(frame[col])
        return frame

    def to_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "due_next": self.what_is_due_next(),
                "items": [i.to_dict() for i in self.items]}


def build_timeline(facts, as_of) -> Timeline:
    """Events and engine deadlines for a Client, Facts or mapping, as of ``as_of``."""
    as_of = parse_date(as_of, name="as_of")
    facts = as_facts(facts)
    check_facts(facts, as_of)
    items = [_event(name, label, facts, as_of) for name, label in EVENTS if _shows_event(name, facts)]
    for rule_id, triggers, done_by in DEADLINES:
        trigger = next((facts.get(t) for t in triggers if facts.get(t) is not None), None)
        if trigger is not None:
            items.append(_deadline(rule_id, trigger, done_by, facts, as_of))
    items.sort(key=lambda i: (i.on or _dt.date.max, i.is_deadline, i.key))
    return Timeline(as_of, facts, tuple(items))


def _shows_event(name: str, facts: Facts) -> bool:
    if facts.get(name) is None:
        return False
    # a referred case's I-589 is the one filed with USCIS: show it once
    return not (name == "i589_filed_on" and facts.get(name) == facts.get("affirmative_application_filed_on"))


def _event(name, label, facts, as_of) -> TimelineItem:
    day = facts[name]
    return TimelineItem(day, "event", name, label, "past" if day <= as_of else "scheduled")


def _deadline(rule_id, trigger, done_by, facts, as_of) -> TimelineItem:
    d = deadline_for(rule_id, trigger, as_of=as_of, facts=facts)
    if not d.applicable or d.due is None or d.safe_date is None:
        return TimelineItem(None, d.kind, rule_id, LABELS.get(rule_id, d.title), "not-applicable", trigger=trigger,
                            deadline=d)
    done = [facts.get(f) for f in done_by if facts.get(f) is not None]
    latest = max([d.due] + [a.date for a in d.alternatives])
    if d.kind == "earliest":
        status = "open" if as_of >= d.due else "upcoming"
    elif done:  # met by the safe date; missed after every reading; otherwise it depends on the reading
        status = "met" if min(done) <= d.safe_date else "missed" if min(done) > latest else "disputed"
    else:
        status = "upcoming" if as_of <= d.due else "passed" if as_of > latest else "disputed"
    return TimelineItem(d.due, d.kind, rule_id, LABELS.get(rule_id, d.title), status, d.safe_date, trigger, d)


def _iso(day):
    return day.isoformat() if day else None
