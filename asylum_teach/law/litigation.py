"""The litigation register: which rules and bars a court has vacated, stayed or left standing, and when.

``data/litigation.yaml`` lists each lawsuit once, with dated events that set the status of the
provisions it decides. Everything that needs a status (the deadline engine, screening, the notebooks,
``asylum-teach law-status``) asks this module, so no status is written twice.

The status on a date is the one set by the latest event on or before it: an as-of date before a
court ruled sees the rule as it then stood (STYLE P7, no hidden clock).

>>> status("amica-center-v-eoir", "notice-of-appeal-10-days", date(2026, 3, 1)).status
'announced'
>>> status("amica-center-v-eoir", "notice-of-appeal-10-days", date(2026, 12, 1)).status
'vacated'
>>> status("amica-center-v-eoir", "briefing-20-days", date(2026, 12, 1)).status
'in-force'
>>> get_case("raices-v-noem").is_stale(date(2027, 3, 2))      # last checked 2026-12-01: 91 days before
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import UnknownRuleError
from asylum_teach.law.citations import Citation
from asylum_teach.law.schema import Where, build
from asylum_teach.yaml_data import package_file, read_package_data

Status = Literal["announced", "in-force", "vacated", "enjoined", "unknown"]
STALE_AFTER = timedelta(days=90)
STATUS_WORDS = {"not-yet": "not yet announced", "announced": "announced, not yet in force", "in-force": "in force", "vacated": "vacated by a court",
                "enjoined": "blocked by a court", "unknown": "unknown: the sources disagree or stop"}


@dataclass(frozen=True)
class Event:
    """One dated step in a case: a rule taking effect, a suit, a vacatur, a stay, an appeal."""

    date: date
    kind: str
    text: str
    sources: tuple[Citation, ...]  # ids of the citation registry in the data file
    sets: dict[str, Status] = field(default_factory=dict)
    approximate: bool = False

    @property
    def when(self) -> str:
        return f"after {self.date.isoformat()}" if self.approximate else self.date.isoformat()


@dataclass(frozen=True)
class Case:
    """One lawsuit in the register."""

    case: str
    court: str
    docket: str | None
    challenges: str
    provisions: dict[str, str]
    events: tuple[Event, ...]
    in_force: str
    open_question: str
    last_checked_on: date
    id: str = field(default="", metadata={"data": False})

    def events_known_on(self, as_of: date) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.date <= as_of)

    def is_stale(self, as_of: date) -> bool:
        """Last checked more than 90 days before ``as_of``: check before relying."""
        return as_of - self.last_checked_on > STALE_AFTER

    def citations(self, event: Event | None = None) -> tuple[Citation, ...]:
        """The sources of one event, or of every event of the case, each once."""
        return tuple(dict.fromkeys(event.sources if event else (s for e in self.events for s in e.sources)))


@dataclass(frozen=True)
class ProvisionStatus:
    """A provision's status on a date, the event that set it, and the case it comes from."""

    case: Case
    provision: str
    status: str
    as_of: date
    event: Event | None

    @property
    def stale(self) -> bool:
        return self.case.is_stale(self.as_of)

    def describe(self) -> str:
        """One sentence for a deadline or a screening step."""
        head = f"{self.case.provisions[self.provision]}: {STATUS_WORDS[self.status]}"
        if self.event is not None:
            head += f" ({self.event.kind} {self.event.when}: {self.event.text})"
        tail = f" {self.case.case}, {self.case.court}; last checked {self.case.last_checked_on.isoformat()}."
        if self.stale:
            tail += " CHECK BEFORE RELYING: last checked more than 90 days before the as-of date."
        return head + tail


def _check_case(case_id: str, case: Case, where: Where) -> Case:
    previous = date.min
    for event in case.events:
        if event.date < previous:
            where.fail(f"{case_id}: events must be in date order ({event.date} comes after {previous})")
        previous = event.date
        for provision in event.sets:
            if provision not in case.provisions:
                where.fail(f"{case_id}: event {event.date} sets unknown provision {provision!r}")
    unused = [p for p in case.provisions if not any(p in e.sets for e in case.events)]
    if unused:
        where.fail(f"{case_id}: provision {unused[0]!r} is never given a status by an event")
    return replace(case, id=case_id)


@functools.lru_cache(maxsize=1)
def load_register() -> dict[str, Case]:
    """Every case in ``data/litigation.yaml``, checked key by key (file and line on error); an event's
    sources are ids of the citation registry."""
    raw = read_package_data("litigation.yaml")
    path = str(package_file("litigation.yaml"))
    if not isinstance(raw, dict) or not raw:
        Where(path).fail("the register is a mapping of case ids to cases")
    out = {}
    for case_id, node in raw.items():
        case = build(Case, node, Where(path, getattr(node, "line", 0), case_id))
        out[case_id] = _check_case(case_id, case, Where(path, getattr(node, "line", 0)))
    return out


def get_case(case_id: str) -> Case:
    register = load_register()
    if case_id not in register:
        raise UnknownRuleError(f"no case {case_id!r} in the litigation register; known: {', '.join(sorted(register))}")
    return register[case_id]


def status(case_id: str, provision: str, as_of) -> ProvisionStatus:
    """The status of ``provision`` of ``case_id`` as known on ``as_of`` (a date or YYYY-MM-DD)."""
    as_of = parse_date(as_of, name="as_of")
    case = get_case(case_id)
    if provision not in case.provisions:
        raise UnknownRuleError(f"{case_id} has no provision {provision!r}; known: {', '.join(case.provisions)}")
    last = None
    for event in case.events_known_on(as_of):
        if provision in event.sets:
            last = event
    return ProvisionStatus(case, provision, last.sets[provision] if last else "not-yet", as_of, last)


def newest_check() -> date:
    """The date the register was last checked (the newest ``last_checked_on``)."""
    return max(c.last_checked_on for c in load_register().values())


@dataclass(frozen=True)
class Report:
    """The register as known on a date: each case's provisions with their status and its known events."""

    as_of: date
    cases: tuple[Case, ...]

    @property
    def stale(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.cases if c.is_stale(self.as_of))

    def statuses(self, case: Case) -> list[ProvisionStatus]:
        return [status(case.id, p, self.as_of) for p in case.provisions]

    def to_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "rules_reflect_sources_up_to": newest_check().isoformat(),
                "stale": list(self.stale), "cases": [{
                    "id": c.id, "case": c.case, "court": c.court, "docket": c.docket, "challenges": c.challenges,
                    "provisions": [{"id": s.provision, "text": c.provisions[s.provision], "status": s.status,
                                    "since": s.event.date.isoformat() if s.event else None} for s in self.statuses(c)],
                    "events": [{"date": e.date.isoformat(), "approximate": e.approximate, "kind": e.kind,
                                "text": e.text, "sources": [x.to_dict() for x in c.citations(e)]}
                               for e in c.events_known_on(self.as_of)],
                    "in_force": c.in_force, "open_question": c.open_question,
                    "last_checked_on": c.last_checked_on.isoformat(), "check_before_relying": c.is_stale(self.as_of),
                } for c in self.cases]}

    def explain(self) -> str:
        lines = [f"Litigation register as known on {self.as_of.isoformat()} (teaching model, not legal advice; "
                 f"last checked {newest_check().isoformat()})"]
        for c in self.cases:
            lines += ["", f"{c.case}", f"  court: {c.court}" + (f"; {c.docket}" if c.docket else "; docket not found"),
                      f"  challenges: {c.challenges}"]
            if c.is_stale(self.as_of):
                lines.append(f"  CHECK BEFORE RELYING: last checked {c.last_checked_on.isoformat()}, more than "
                             f"{STALE_AFTER.days} days before {self.as_of.isoformat()}")
            for s in self.statuses(c):
                since = f" since {s.event.when}" if s.event else ""
                lines.append(f"  - {c.provisions[s.provision]}: {STATUS_WORDS[s.status].upper()}{since}")
            known = c.events_known_on(self.as_of)
            if known:
                lines.append("  events:")
                lines += [f"    {e.when:<16} {e.kind}: {e.text}" for e in known]
            later = len(c.events) - len(known)
            if later:
                lines.append(f"  ({later} later event{'s' if later != 1 else ''} not yet known on {self.as_of.isoformat()})")
            else:
                lines += [f"  in force: {c.in_force}", f"  open question: {c.open_question}"]
            lines.append("  sources: " + "; ".join(x.shown() for x in c.citations()))
        return "\n".join(lines)


def report(as_of=None) -> Report:
    """The register as known on ``as_of`` (a date or YYYY-MM-DD; default: the day it was last checked)."""
    day = parse_date(as_of, name="as_of") if as_of is not None else newest_check()
    return Report(day, tuple(load_register().values()))
