"""Which version of a rule governs a deadline, and which others a careful lawyer must also check.

Rules change (the individual-hearing filing deadline changed three times since 2020). The version
that governs is chosen in one of three ways, named in each rule file as ``version_date``:

* ``trigger``: the rule says so itself. The 2026 BIA interim rule was written for decisions "on or
  after" March 9, 2026, so the decision date picks the version.
* a date fact (``ij_decision_on`` for BIA briefing): as above, by that date, or by the trigger when
  the fact is not known.
* ``as_of``: a manual rule with no transition clause. **A past deadline follows the version in
  force on the day it was due**: a filing before a 2022-12-19 individual hearing was due under the
  15-day rule of DM 22-04 then in force, whatever a later manual says. **A deadline still ahead
  follows what is known on the as-of date**: the version in force then. [K: reasoning from how EOIR
  applies manual changes; no source states a transition rule.]

Whatever chose it, any other version in force (or possibly in force, where its start date is
uncertain) at some point between the trigger and the due date is a *rival*: the engine shows its
date as an alternative reading. A version a court vacated before it took effect is never chosen; it
appears in the history instead (:func:`history`).

>>> from asylum_teach.law.rules import get_rule
>>> rule = get_rule("filing-before-individual")
>>> due = {"icpm-2020-30-days": date(2022, 11, 21), "dm-22-04-15-days": date(2022, 12, 5),
...        "owen-2025-30-days": date(2022, 11, 21), "icpm-2008-15-days": date(2022, 12, 5)}
>>> c = choose(rule, date(2022, 12, 19), date(2026, 12, 1), {}, lambda v: due.get(v.version))
>>> c.version.version, [r.version.version for r in c.rivals]
('dm-22-04-15-days', [])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from asylum_teach.law import litigation
from asylum_teach.law.readings import Reading
from asylum_teach.law.rules import Rule, RuleVersion


@dataclass(frozen=True)
class Choice:
    """The governing version, why (a step note), and the rival readings."""

    version: RuleVersion
    why: str | None
    selection_day: date
    rivals: tuple[Reading, ...]


def choose(rule: Rule, trigger: date, as_of: date, facts: dict, due_under: Callable) -> Choice:
    """Pick the governing version. ``due_under(version)`` is the date a version gives under the
    default readings, or None where it gives none (not modelled, not applicable)."""
    if rule.version_date == "trigger":
        version = rule.version_on(trigger)
        return Choice(version, "the version is chosen by the trigger date (the rule's own applicability clause)",
                      trigger, ())
    if rule.version_date != "as_of":
        known = facts.get(rule.version_date)
        day = known or trigger
        why: str | None = (f"the version is chosen by {rule.version_date}" if known
                           else f"the version is chosen by {rule.version_date}, not given; the trigger date is used")
        version = rule.version_on(day)
        return Choice(version, why, day, _rivals(rule, version, trigger, due_under))
    version, why = _by_due_date(rule, trigger, as_of, due_under)
    return Choice(version, why, as_of, _rivals(rule, version, trigger, due_under))


def _by_due_date(rule: Rule, trigger: date, as_of: date, due_under) -> tuple[RuleVersion, str | None]:
    known = rule.version_on(as_of)
    due = due_under(known)
    if due is None or due > as_of:
        if len(rule.in_force_versions) == 1:
            return known, None
        return known, f"the deadline is still ahead on {as_of.isoformat()}: the version in force that day governs"
    fixed = [v for v in rule.in_force_versions if (d := due_under(v)) is not None and v.in_force_on(d)]
    if fixed:
        # Two versions can each be in force on their own date: a deadline follows the newer (the other
        # is shown as a rival); an earliest-permitted date is the first day any version permits.
        version = min(fixed, key=due_under) if known.kind == "earliest" else fixed[-1]
        if version is known and len(rule.in_force_versions) == 1:
            return version, None
        return version, (f"the deadline fell on {due_under(version).isoformat()}, before the as-of date: the "
                         f"version in force on that day governs")
    version = rule.version_on(trigger)
    return version, ("no version was in force on the day it would make the filing due (the rule changed in "
                     "between): the version in force on the trigger date is used, and the other is shown")


def _rivals(rule, version, trigger: date, due_under) -> tuple[Reading, ...]:
    due = due_under(version)
    if due is None:
        return ()
    lo, hi = sorted((trigger, due))
    out = []
    for other in rule.in_force_versions:
        if other is version:
            continue
        overlaps = _overlaps(other, lo, hi, uncertain=False)
        if not (overlaps or _overlaps(other, lo, hi, uncertain=True)):
            continue
        day = due_under(other)
        if day is None or day == due:
            continue
        if overlaps:
            reason = (f"Version {other.version} ({other.window()}) was in force between the trigger and the due "
                      f"date; if it governs, the {other.period}-day rule gives this date.")
        else:
            reason = (f"{' '.join(other.uncertain_reason.split())} If it already applied, the {other.period}-day "
                      f"rule gives this date.")
        out.append(Reading(f"version {other.version}", reason, version=other))
    return tuple(out)


def _overlaps(v, lo: date, hi: date, *, uncertain: bool) -> bool:
    start = (v.uncertain_from or v.effective_from) if uncertain else v.effective_from
    return (start is None or start <= hi) and (v.effective_to is None or v.effective_to >= lo)


@dataclass(frozen=True)
class HistoryNote:
    """A version announced for this date but never in force: what happened to it, as known on as-of."""

    version: RuleVersion
    status: litigation.ProvisionStatus

    @property
    def text(self) -> str:
        v = self.version
        return (f"{v.version} ({v.period} days) was announced for this date: "
                f"{self.status.describe()}")

    def to_dict(self) -> dict:
        return {"version": self.version.version, "period": self.version.period, "status": self.status.status,
                "text": self.text, "citations": [c.to_dict() for c in self.version.citations],
                "last_checked_on": self.status.case.last_checked_on.isoformat(), "stale": self.status.stale}


def history(rule, selection_day: date, as_of: date) -> tuple[HistoryNote, ...]:
    """Never-in-force versions whose announced window covers the day that selects the version."""
    out = []
    for v in rule.history:
        if v.effective_from is not None and v.effective_from > selection_day:
            continue
        if v.litigation is not None:
            out.append(HistoryNote(v, litigation.status(v.litigation.case, v.litigation.provision, as_of)))
    return tuple(out)
