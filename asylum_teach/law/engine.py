"""The deadline engine: a rule, a trigger date, facts and an as-of date in; a cited, explained date out.

Pure functions with no hidden clock (STYLE P7): ``as_of`` is an argument and defaults to the trigger
date. The work is done in four small steps, each in its own module:

1. :mod:`~asylum_teach.law.versions` chooses the version that governs (by the rule's applicability
   clause, or by the day the act was due) and names rival versions;
2. :mod:`~asylum_teach.law.counting` counts the period and rolls a closed last day;
3. :mod:`~asylum_teach.law.readings` lists the other defensible answers to open questions;
4. this module counts again under each reading and keeps the ones that change the date.

The result separates three things a student must keep apart:

* ``due``: the date the rule's published text gives, under the default (or chosen) policies;
* ``alternatives``: the other defensible dates, each with the reading behind it and the reason;
* ``safe_date``: the earliest of them, the date a careful lawyer files by.

A version a court vacated before it took effect (the 2026 10-day BIA appeal rule) is never the due
date. It is reported in ``history``, and counted only as an explicit what-if.

>>> d = deadline_for("bia-appeal", "2025-06-02")
>>> d.due, d.safe_date
(datetime.date(2025, 7, 2), datetime.date(2025, 7, 2))
>>> d = deadline_for("bia-appeal", "2026-04-01")                 # the 10-day rule was vacated
>>> d.due, d.safe_date, d.version, [h.status.status for h in d.history]
(datetime.date(2026, 5, 1), datetime.date(2026, 5, 1), '30-days', ['vacated'])
>>> d = deadline_for("one-year-asylum", "2024-02-29")          # leap-day arrival: a policy choice
>>> d.due, [(a.date.isoformat(), a.policy) for a in d.alternatives]
(datetime.date(2025, 2, 28), [('2025-03-03', 'leap_day_arrival=mar-1')])
>>> deadline_for("one-year-asylum", "2024-01-10", facts={"unaccompanied_child": True}).reason
'The one-year rule does not apply to an unaccompanied alien child (INA 208(a)(2)(E), added by the TVPRA of 2008).'
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from asylum_teach import dates
from asylum_teach.court_calendar import CourtCalendar
from asylum_teach.dates import parse_date
from asylum_teach.glossary import coerce_facts
from asylum_teach.law import litigation, readings, versions
from asylum_teach.law.counting import Counted, Step, StepKind, count, plan
from asylum_teach.law.policies import resolve_policies
from asylum_teach.law.readings import Reading
from asylum_teach.law.rules import Citation, Rule, RuleVersion, get_rule, load_conventions

__all__ = ["Alternative", "Deadline", "Step", "StepKind", "calendar_for", "deadline_for"]


@dataclass(frozen=True)
class Alternative:
    date: date
    policy: str
    reason: str

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "policy": self.policy, "reason": self.reason}


@dataclass(frozen=True)
class Deadline:
    rule_id: str
    title: str
    trigger: date
    as_of: date
    kind: str
    applicable: bool
    due: date | None
    safe_date: date | None
    alternatives: tuple[Alternative, ...]
    reason: str | None
    steps: tuple[Step, ...]
    citations: tuple[Citation, ...]
    version: str
    version_window: str
    source_strength: str
    last_verified_on: date
    policies: dict = field(default_factory=dict)
    under_litigation: str | None = None
    notes: str | None = None
    counted_on: date | None = None
    history: tuple = ()
    what_if: str | None = None
    check_before_relying: bool = False

    def to_dict(self) -> dict:
        return {
            "rule": self.rule_id, "title": self.title, "trigger": self.trigger.isoformat(),
            "as_of": self.as_of.isoformat(), "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "safe_date": self.safe_date.isoformat() if self.safe_date else None,
            "counted_on": self.counted_on.isoformat() if self.counted_on else None,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "applicable": self.applicable, "reason": self.reason,
            "steps": [s.to_dict() for s in self.steps],
            "citations": [c.to_dict() for c in self.citations],
            "version": self.version, "version_window": self.version_window,
            "source_strength": self.source_strength, "last_verified_on": self.last_verified_on.isoformat(),
            "policies": dict(self.policies), "under_litigation": self.under_litigation, "notes": self.notes,
            "history": [h.to_dict() for h in self.history], "what_if": self.what_if,
            "check_before_relying": self.check_before_relying,
        }

    def explain(self) -> str:
        """A readable explanation, as the CLI and notebooks print it."""
        lines = [f"{self.title} [{self.rule_id}]",
                 f"  rule version: {self.version} ({self.version_window}); source strength {self.source_strength}"]
        if self.what_if:
            lines.append(f"  WHAT-IF, NOT THE LAW IN FORCE: {self.what_if}")
        if self.under_litigation:
            lines.append(f"  UNDER LITIGATION: {self.under_litigation}")
        if self.check_before_relying:
            lines.append("  CHECK BEFORE RELYING: the litigation behind this rule was last checked more than 90 days "
                         "before the as-of date")
        lines.append(f"  trigger: {dates.long(self.trigger)}    as of: {self.as_of.isoformat()}")
        lines += [f"    {step}" for step in self.steps]
        if not self.applicable:
            lines.append(f"  NOT APPLICABLE: {self.reason}")
        else:
            word = "earliest permitted" if self.kind == "earliest" else "due"
            if self.due is not None:
                lines.append(f"  {word}: {dates.long(self.due)}")
            if self.kind != "earliest" and self.safe_date is not None:
                lines.append(f"  safe date: {dates.long(self.safe_date)}")
            lines += [f"  alternative {dates.long(a.date)} if {a.policy}: {a.reason}" for a in self.alternatives]
        lines.append("  citations:")
        lines += [f"    [{c.strength}] {c.cite}" + (f" <{c.url}>" if c.url else "") for c in self.citations]
        if self.notes:
            lines.append(f"  notes: {' '.join(self.notes.split())}")
        return "\n".join(lines)


# ------------------------------------------------------------------------------------------ helpers
def calendar_for(deadline: Deadline, calendar: CourtCalendar | None = None) -> CourtCalendar:
    """The court calendar a deadline was counted on, rebuilt from its rule and chosen policies.

    Figures use it so the calendar they draw is the one the count used. ``calendar`` (e.g. with
    instructor closures) is the base, as in :func:`deadline_for`.
    """
    rule = get_rule(deadline.rule_id)
    version = next(v for v in rule.versions if v.version == deadline.version)
    return readings.calendar(rule, version, resolve_policies(deadline.policies), calendar)


def _citations(version: RuleVersion) -> tuple[Citation, ...]:
    conv = load_conventions()
    out = list(version.citations)
    for name in version.conventions:
        out += [c for c in conv[name]["citations"] if all(c.cite != o.cite and (c.url is None or c.url != o.url)
                                                            for o in out)]
    return tuple(out)


def _not_applicable(version: RuleVersion, facts: dict):
    """(reason, citation) when the version does not apply on these facts, else None."""
    if version.kind == "not-modelled":
        return " ".join((version.reason or "not modelled").split()), None
    for cond in version.not_applicable_when:
        if facts.get(cond.fact) == cond.equals:
            return " ".join(cond.reason.split()), cond.citation
    return None


class _Counter:
    """Counts one deadline under any combination of readings, remembering each result."""

    def __init__(self, rule: Rule, trigger: date, facts: dict, chosen: dict, base: CourtCalendar | None):
        self.rule, self.trigger, self.facts, self.chosen, self.base = rule, trigger, facts, chosen, base
        self.primary: RuleVersion | None = None
        self._memo: dict = {}

    def under(self, version: RuleVersion, chosen: dict | None = None, exceptions: dict | None = None) -> Counted | None:
        if _not_applicable(version, self.facts):
            return None
        chosen = chosen or self.chosen
        key = (version.version, tuple(sorted(chosen.items())), tuple(sorted((exceptions or {}).items())))
        if key not in self._memo:
            cal = readings.calendar(self.rule, version, chosen, self.base)
            counted = count(plan(version, self.trigger, self.facts, exceptions), cal,
                            readings.settings(self.rule, version, chosen))
            self._memo[key] = _not_before_version(version, counted)
        return self._memo[key]

    def day_under(self, version: RuleVersion) -> date | None:
        counted = self.under(version)
        return None if counted is None else counted.day

    def reading(self, combo: tuple[Reading, ...]) -> date | None:
        """The date under a combination of readings (each changes policies, the version or exceptions)."""
        assert self.primary is not None, "the primary version is chosen before any reading is counted"
        chosen, version, exceptions = dict(self.chosen), self.primary, {}
        for r in combo:
            chosen.update(r.policies)
            version = r.version or version
            exceptions.update(r.exceptions)
        counted = self.under(version, chosen, exceptions if version is self.primary else None)
        return counted.day if counted else None


def _not_before_version(version: RuleVersion, counted: Counted) -> Counted:
    """An earliest-permitted date cannot come before the version that permits it took effect: under a
    rule that shortened a wait, the act is permitted from its first day (e.g. the 150-day EAD wait
    restored on 2022-02-07 by the Asylumworks vacatur)."""
    start = version.effective_from
    if version.kind != "earliest" or start is None or counted.day >= start:
        return counted
    step = Step("version takes effect", start, f"the waiting period had run by {counted.day.isoformat()}, but this "
                                               f"version only took effect on {start.isoformat()}", StepKind.VERSION)
    return Counted(counted.counted_on, start, counted.steps + (step,))


def _alternatives(due: date, dims: list[list[Reading]], counter: _Counter) -> tuple[list[Alternative], list[date]]:
    """Every reading that changes the date, and the dates of their combinations (for the safe date).

    A reading may matter only together with another (the roll direction only once another version
    moves the date onto a weekend), so the dimensions that change anything grow until stable, and
    every combination of them is counted."""
    alts, live = [], []
    for dim in dims:
        changed = False
        for r in dim:
            day = counter.reading((r,))
            if day is not None and day != due:
                alts.append(Alternative(day, r.label, " ".join(r.reason.split())))
                changed = True
        if changed:
            live.append(dim)
    grown = True
    while grown and live:
        grown = False
        for dim in [d for d in dims if d not in live]:
            if any(counter.reading((*combo, r)) != counter.reading(combo)
                   for combo in _combos(live) for r in dim):
                live.append(dim)
                grown = True
    candidates = [due] + [a.date for a in alts]
    if len(live) > 1:
        for combo in _combos(live):
            if len(combo) > 1:
                day = counter.reading(combo)
                if day is not None and day < min(candidates):
                    alts.append(Alternative(day, " + ".join(r.label for r in combo),
                                            "these readings together give the earliest date"))
                if day is not None:
                    candidates.append(day)
    return sorted(alts, key=lambda a: a.date), candidates


def _combos(dims: list[list[Reading]]):
    """Every choice of at most one reading per dimension (the default being no reading)."""
    for picks in itertools.product(*[[None, *dim] for dim in dims]):
        yield tuple(r for r in picks if r is not None)


def _what_if(rule: Rule, version: RuleVersion, chosen: dict,
             selection_day: date) -> tuple[RuleVersion | None, str | None]:
    """A litigation what-if the user chose explicitly: (version to count, a plain statement)."""
    for name, policy in readings.what_if_policies(chosen):
        for v in rule.history:
            if v.litigation and (v.litigation.case, v.litigation.provision) == (policy.case, policy.provision) \
                    and (v.effective_from is None or v.effective_from <= selection_day):
                return v, f"{name}={chosen[name]}: {' '.join(policy.values[chosen[name]].reason.split())}"
        if version.litigation and (version.litigation.case, version.litigation.provision) == (policy.case,
                                                                                              policy.provision):
            previous = rule.previous_version(version)
            if previous is not None:
                return previous, f"{name}={chosen[name]}: {' '.join(policy.values[chosen[name]].reason.split())}"
    return None, None


def _announced_readings(notes) -> list[list[Reading]]:
    """A rule announced but not yet ruled on, as known on the as-of date, is a reading to file by."""
    return [[Reading(f"announced rule {h.version.version}",
                     f"As known on {h.status.as_of.isoformat()}, the rule was announced to take effect on "
                     f"{h.version.effective_from.isoformat()}; if it does, it gives this date.", version=h.version)]
            for h in notes if h.status.status == "announced"]


# ------------------------------------------------------------------------------------------ public API
def deadline_for(rule_id: str, trigger, *, as_of=None, facts: Mapping | None = None, policies: Mapping | None = None,
                 calendar: CourtCalendar | None = None) -> Deadline:
    """Compute one deadline (or earliest-permitted date) with its steps, citations and alternatives.

    ``facts`` are glossary names (``detained``, ``unaccompanied_child``, ``applicant_delay_days`` ...);
    ``policies`` name answers to open questions (see ``data/policies.yaml``); ``calendar`` may carry
    instructor closures.
    """
    rule = get_rule(rule_id)
    trigger = parse_date(trigger, name="trigger")
    as_of = parse_date(as_of, name="as_of") if as_of is not None else trigger
    facts = coerce_facts(facts)
    chosen = resolve_policies(policies)
    counter = _Counter(rule, trigger, facts, chosen, calendar)

    choice = versions.choose(rule, trigger, as_of, facts, counter.day_under)
    history = versions.history(rule, choice.selection_day, as_of)
    version, what_if = _what_if(rule, choice.version, chosen, choice.selection_day)
    version = version or choice.version
    counter.primary = version

    status = (litigation.status(version.litigation.case, version.litigation.provision, as_of)
              if version.litigation else None)
    stale = any(h.status.stale for h in history) or bool(status and status.stale)
    base = dict(rule_id=rule.id, title=rule.title, trigger=trigger, as_of=as_of, version=version.version,
                version_window=version.window(), source_strength=version.source_strength,
                last_verified_on=version.last_verified_on, policies=chosen,
                notes=" ".join(version.notes.split()) if version.notes else None,
                under_litigation=status.describe() if status else None, history=history, what_if=what_if,
                check_before_relying=stale)
    pre = [Step("version", None, choice.why, StepKind.VERSION)] if choice.why else []
    pre += [Step("history", None, h.text, StepKind.HISTORY) for h in history]
    citations = _citations(version)

    excluded = _not_applicable(version, facts)
    if excluded:
        reason, cite = excluded
        return Deadline(kind=version.kind, applicable=False, due=None, safe_date=None, alternatives=(), reason=reason,
                        steps=tuple(pre + [Step("day 0", trigger, "the trigger", StepKind.TRIGGER)]),
                        citations=tuple(dict.fromkeys(((cite,) if cite else ()) + citations)), **base)

    counted = counter.under(version)
    assert counted is not None, "an applicable version always counts (the excluded case returned above)"
    dims = readings.policy_readings(rule, version, chosen) + readings.exception_readings(version, facts)
    if not what_if:
        dims += [[r] for r in choice.rivals] + _announced_readings(history)
    alts, candidates = _alternatives(counted.day, dims, counter)
    for rival in (r.version for dim in dims for r in dim):
        if rival is not None:
            citations += tuple(c for c in _citations(rival) if c not in citations)
    for exc in version.exceptions:
        citations += tuple(c for c in exc.citations if c not in citations)
    safe = counted.day if version.kind == "earliest" else min(candidates)
    return Deadline(kind=version.kind, applicable=True, due=counted.day, safe_date=safe, alternatives=tuple(alts),
                    reason=None, steps=tuple(pre) + counted.steps, citations=citations, counted_on=counted.counted_on,
                    **base)
