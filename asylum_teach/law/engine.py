"""The deadline engine: a rule, a trigger date, facts and an as-of date in; a cited, explained date out.

Pure functions with no hidden clock (STYLE P7): ``as_of`` is an argument and defaults to the trigger
date. It selects the rule version in force (unless the rule says its version is chosen by the trigger
or another date, as the 2026 BIA rule is by the decision date).

The result separates three things a student must keep apart:

* ``due``: the date the rule's published text gives, under the default (or chosen) policies;
* ``alternatives``: the other defensible dates, each with the policy choice and the reason;
* ``safe_date``: the earliest of them, the date a careful lawyer files by.

>>> d = deadline_for("bia-appeal", "2025-06-02")
>>> d.due, d.safe_date
(datetime.date(2025, 7, 2), datetime.date(2025, 7, 2))
>>> d = deadline_for("one-year-asylum", "2024-02-29")          # leap-day arrival: a policy choice
>>> d.due, [(a.date.isoformat(), a.policy) for a in d.alternatives]
(datetime.date(2025, 2, 28), [('2025-03-03', 'leap_day_arrival=mar-1')])
>>> deadline_for("one-year-asylum", "2024-01-10", facts={"unaccompanied_child": True}).reason
'The one-year rule does not apply to an unaccompanied alien child (INA 208(a)(2)(E), added by the TVPRA of 2008).'
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from asylum_teach import dates
from asylum_teach.court_calendar import WEEKEND, CourtCalendar
from asylum_teach.law.policies import POLICIES, other_values, resolve_policies
from asylum_teach.law.rules import Citation, Rule, RuleVersion, get_rule, load_conventions
from asylum_teach.model.glossary import coerce_facts, parse_date

UNIT_WORDS = {"calendar_days": "calendar day", "working_days": "working day", "years": "year"}


@dataclass(frozen=True)
class Step:
    """One line of the worked reasoning: a label (``day 0``, ``day 30``, ``roll``), a date and a note."""

    label: str
    date: date | None
    note: str

    def to_dict(self) -> dict:
        return {"label": self.label, "date": self.date.isoformat() if self.date else None,
                "weekday": dates.weekday(self.date) if self.date else None, "note": self.note}

    def __str__(self) -> str:
        if self.date is None:
            return f"{self.label}: {self.note}"
        return f"{self.label}: {dates.long(self.date)}" + (f" - {self.note}" if self.note else "")


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

    def to_dict(self) -> dict:
        return {
            "rule": self.rule_id, "title": self.title, "trigger": self.trigger.isoformat(),
            "as_of": self.as_of.isoformat(), "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "safe_date": self.safe_date.isoformat() if self.safe_date else None,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "applicable": self.applicable, "reason": self.reason,
            "steps": [s.to_dict() for s in self.steps],
            "citations": [c.to_dict() for c in self.citations],
            "version": self.version, "version_window": self.version_window,
            "source_strength": self.source_strength, "last_verified_on": self.last_verified_on.isoformat(),
            "policies": dict(self.policies), "under_litigation": self.under_litigation, "notes": self.notes,
        }

    def explain(self) -> str:
        """A readable explanation, as the CLI and notebooks print it."""
        lines = [f"{self.title} [{self.rule_id}]",
                 f"  rule version: {self.version} ({self.version_window}); source strength {self.source_strength}"]
        if self.under_litigation:
            lines.append(f"  UNDER LITIGATION: {self.under_litigation}")
        lines.append(f"  trigger: {dates.long(self.trigger)}    as of: {self.as_of.isoformat()}")
        for step in self.steps:
            lines.append(f"    {step}")
        if not self.applicable:
            lines.append(f"  NOT APPLICABLE: {self.reason}")
        else:
            word = "earliest permitted" if self.kind == "earliest" else "due"
            lines.append(f"  {word}: {dates.long(self.due)}")
            if self.kind != "earliest":
                lines.append(f"  safe date: {dates.long(self.safe_date)}")
            for alt in self.alternatives:
                lines.append(f"  alternative {dates.long(alt.date)} if {alt.policy}: {alt.reason}")
        lines.append("  citations:")
        lines += [f"    [{c.strength}] {c.cite}" + (f" <{c.url}>" if c.url else "") for c in self.citations]
        if self.notes:
            lines.append(f"  notes: {' '.join(self.notes.split())}")
        return "\n".join(lines)


# ------------------------------------------------------------------------------------------ counting
def _closed_note(cal: CourtCalendar, day: date) -> str:
    c = cal.closure(day)
    if c:
        return f"closed: {c.describe()}"
    n = cal.notable(day)
    if n:
        return f"{n.describe()}, counted as a business day under this policy"
    return "a business day"


def _count(version: RuleVersion, period: int, start: date, cal: CourtCalendar, policies: dict) -> tuple[date, list[Step]]:
    """Apply the version's unit, direction and roll to ``start``; return the date and the steps."""
    steps: list[Step] = []
    sign = 1 if version.direction == "after" else -1
    if version.unit == "years":
        rounding = dates.ROUND_DOWN if policies["leap_day_arrival"] == "feb-28" else dates.ROUND_UP
        raw = dates.add_years(start, sign * period, rounding=rounding)
        leap = " (no February 29 that year: " + policies["leap_day_arrival"] + " reading)" if (
            start.month, start.day) == (2, 29) else ""
        steps.append(Step(f"anniversary (+{period} year{'s' if period != 1 else ''})", raw,
                          _closed_note(cal, raw) + leap))
    elif version.unit == "working_days":
        raw, skipped = cal.add_business_days(start, sign * period)
        skipped_named = [s.describe() for s in skipped if s.kind != WEEKEND]
        extra = f"; skipped {', '.join(skipped_named)}" if skipped_named else ""
        steps.append(Step(f"working day {period}", raw, f"weekends and holidays not counted{extra}"))
        return raw, steps
    else:
        raw = dates.add_days(start, sign * period)
        label = f"day {period} {'after' if sign > 0 else 'before'}" if period else "the set date"
        steps.append(Step(label, raw, _closed_note(cal, raw)))

    if version.roll == "none" or cal.is_business_day(raw):
        return raw, steps
    if version.roll == "count-back-next-business-day" and policies["count_back_roll"] == "previous-business-day":
        rolled = cal.previous_business_day(raw)
        steps.append(Step("roll back", rolled, f"{raw.isoformat()} is closed; moved to the previous business day"))
    else:
        rolled = cal.next_business_day(raw)
        between = [cal.closure(d).describe() for d in _days(raw, rolled) if cal.closure(d)]
        steps.append(Step("roll forward", rolled, f"{raw.isoformat()} is closed ({'; '.join(between)}); "
                                                  f"next business day"))
    return rolled, steps


def _days(a: date, b: date):
    d = a
    while d < b:
        yield d
        d = dates.add_days(d, 1)


def calendar_for(deadline: "Deadline", calendar: CourtCalendar | None = None) -> CourtCalendar:
    """The court calendar a deadline was counted on, rebuilt from its rule and chosen policies.

    Figures use it so the calendar they draw is the one the count used. ``calendar`` (e.g. with
    instructor closures) is the base, as in :func:`deadline_for`.
    """
    return _calendar(get_rule(deadline.rule_id), resolve_policies(deadline.policies), calendar)


def _calendar(rule: Rule, policies: dict, base: CourtCalendar | None) -> CourtCalendar:
    base = base or CourtCalendar()
    return base.variant(
        observed_holidays=policies["observed_holidays"] == "closed",
        executive_order_closures=policies["executive_order_closures"] == "holiday",
        inauguration_day=rule.filed_with == "bia" and policies["inauguration_day"] == "holiday",
    )


@dataclass
class _Plan:
    """What to count: the version, the period (after exceptions), the start day and the steps so far."""

    version: RuleVersion
    period: int
    start: date
    steps: list
    exception_note: str | None = None


def _plan(version: RuleVersion, trigger: date, facts: dict, overrides: dict | None = None) -> _Plan:
    steps = [Step("day 0", trigger, "the trigger; counting starts the next day" if version.unit != "years"
                  else "the trigger; the year ends on its anniversary")]
    start = trigger
    floor = version.trigger_floor
    if floor and trigger < floor["date"]:
        start = floor["date"]
        steps.append(Step("start", start, floor["reason"]))
    adds = version.adds_fact_days
    period = version.period
    note = None
    for exc in version.exceptions:
        applies = (overrides or {}).get(exc.id, facts.get(exc.fact) == exc.equals)
        if applies:
            period = exc.period
            note = f"exception {exc.id}: {exc.period} days instead of {version.period} ({exc.reason.strip()})"
            steps.append(Step("exception", None, note))
    if adds and facts.get(adds["fact"]):
        extra = int(facts[adds["fact"]])
        period = period + extra
        steps.append(Step("clock stopped", None, f"+{extra} days: {adds['reason']}"))
    unit = UNIT_WORDS[version.unit] + ("s" if period != 1 else "")
    steps.append(Step("count", None, f"{period} {unit} {version.direction} day 0"))
    return _Plan(version, period, start, steps, note)


def _compute(rule: Rule, plan: _Plan, policies: dict, base_cal: CourtCalendar | None) -> tuple[date, list[Step]]:
    cal = _calendar(rule, policies, base_cal)
    day, more = _count(plan.version, plan.period, plan.start, cal, policies)
    return day, plan.steps + more


# ------------------------------------------------------------------------------------------ public API
def deadline_for(rule_id: str, trigger, *, as_of=None, facts: dict | None = None, policies: dict | None = None,
                 calendar: CourtCalendar | None = None) -> Deadline:
    """Compute one deadline (or earliest-permitted date) with its steps, citations and alternatives.

    ``facts`` are glossary names (``detained``, ``unaccompanied_child``, ``applicant_delay_days`` ...);
    ``policies`` name answers to open questions (see :mod:`asylum_teach.law.policies`); ``calendar``
    may carry instructor closures.
    """
    rule = get_rule(rule_id)
    trigger = parse_date(trigger, name="trigger")
    as_of = parse_date(as_of, name="as_of") if as_of is not None else trigger
    facts = coerce_facts(facts)
    chosen = resolve_policies(policies)

    selector_note = None
    if rule.version_date == "as_of":
        vday = as_of
    elif rule.version_date == "trigger":
        vday = trigger
        selector_note = "the version is chosen by the trigger date"
    else:
        vday = facts.get(rule.version_date) or trigger
        selector_note = (f"the version is chosen by {rule.version_date}" if rule.version_date in facts
                         else f"the version is chosen by {rule.version_date}, not given; the trigger date is used")
    version = rule.version_on(vday)

    # under_litigation: the policy may say the rule is stayed, in which case the previous version governs
    litigation = version.under_litigation
    litigated_version = None
    if litigation:
        prev = rule.previous_version(version)
        if chosen[litigation["policy"]] != POLICIES[litigation["policy"]].default and prev is not None:
            litigated_version, version = version, prev
        else:
            litigated_version = prev

    base = dict(rule_id=rule.id, title=rule.title, trigger=trigger, as_of=as_of, version=version.version,
                version_window=version.window(), source_strength=version.source_strength,
                last_verified_on=version.last_verified_on, policies=chosen, notes=_notes(version),
                under_litigation=" ".join(litigation["note"].split()) if litigation else None)
    citations = _citations(version)
    pre = [Step("version", None, selector_note)] if selector_note else []

    def not_applicable(reason: str, cites) -> Deadline:
        return Deadline(kind=version.kind, applicable=False, due=None, safe_date=None, alternatives=(),
                        reason=reason, steps=tuple(pre + [Step("day 0", trigger, "the trigger")]),
                        citations=tuple(dict.fromkeys(cites)), **base)

    if version.kind == "not-modelled":
        return not_applicable(version.reason.strip(), citations)
    for cond in version.not_applicable_when:
        if facts.get(cond.fact) == cond.equals:
            return not_applicable(cond.reason.strip(), (cond.citation, *citations))

    # Every open question is a dimension: its first option is the default (the rule's text under the
    # chosen policies); each other option is a defensible reading with its reason.
    dims: list[list[_Option]] = []
    for name in ("observed_holidays", "executive_order_closures", "inauguration_day", "leap_day_arrival",
                 "count_back_roll"):
        dims.append([_Option()] + [_Option(f"{name}={v}", POLICIES[name].reasons[v], policies={name: v})
                                   for v in other_values(name, chosen[name])])
    if litigation and litigated_version is not None:
        pol = litigation["policy"]
        other = other_values(pol, chosen[pol])[0]
        dims.append([_Option(), _Option(f"{pol}={other}", POLICIES[pol].reasons[other], version=litigated_version)])
    for exc in version.exceptions:
        if facts.get(exc.fact) is None:
            dims.append([_Option(), _Option(f"{exc.fact}={str(exc.equals).lower()}",
                                            f"if {exc.fact} is {exc.equals}: {exc.reason}", exceptions={exc.id: True})])
        elif facts.get(exc.fact) == exc.equals and exc.strength != "P":
            dims.append([_Option(), _Option(f"narrow reading of {exc.id}",
                                            "the exception's scope is known only from secondary sources; under a "
                                            f"narrow reading the base period of {version.period} days applies",
                                            exceptions={exc.id: False})])
    nxt = rule.next_version(version)
    if nxt is not None and nxt.uncertain_from and nxt.uncertain_from <= vday and nxt.kind == version.kind:
        dims.append([_Option(), _Option(f"version {nxt.version}", f"{nxt.uncertain_reason} If it already applied "
                                        f"on {vday}, the {nxt.period}-day rule gives this date.", version=nxt)])

    memo: dict = {}

    def compute(options) -> tuple[date, list[Step]]:
        key = tuple(id(o) for o in options if o.label)
        if key not in memo:
            memo[key] = _compute_with(options)
        return memo[key]

    def _compute_with(options) -> tuple[date, list[Step]]:
        pol, ver, exc = dict(chosen), version, {}
        for opt in options:
            pol.update(opt.policies)
            ver = opt.version or ver
            exc.update(opt.exceptions)
        return _compute(rule, _plan(ver, trigger, facts, exc if ver is version else {}), pol, calendar)

    due, steps = compute([])
    alts: list[Alternative] = []
    live: list[list[_Option]] = []  # dimensions whose other readings change the date
    for dim in dims:
        changed = False
        for opt in dim[1:]:
            day, _ = compute([opt])
            if day != due:
                changed = True
                alts.append(Alternative(day, opt.label, " ".join(opt.reason.split())))
        if changed:
            live.append(dim)
    # A reading may matter only together with another (e.g. the roll direction only once a different
    # version moves the date onto a weekend): grow the live set until no other dimension changes anything.
    growing = True
    while growing and live:
        growing = False
        for dim in [d for d in dims if d not in live]:
            for combo in itertools.product(*live):
                if any(compute([*combo, opt])[0] != compute(combo)[0] for opt in dim[1:]):
                    live.append(dim)
                    growing = True
                    break
    candidates = [due] + [a.date for a in alts]
    if len(live) > 1:  # readings can combine: the safe date is the earliest over every combination
        for combo in itertools.product(*live):
            labelled = [o for o in combo if o.label]
            if len(labelled) > 1:
                day, _ = compute(combo)
                if day < min(candidates):
                    alts.append(Alternative(day, " + ".join(o.label for o in labelled),
                                            "these readings together give the earliest date"))
                candidates.append(day)
    if litigated_version is not None:
        citations = citations + tuple(c for c in _citations(litigated_version) if c not in citations)
    for exc in version.exceptions:
        citations = citations + tuple(c for c in exc.citations if c not in citations)

    alts.sort(key=lambda a: a.date)
    safe = due if version.kind == "earliest" else min(candidates)
    return Deadline(kind=version.kind, applicable=True, due=due, safe_date=safe, alternatives=tuple(alts),
                    reason=None, steps=tuple(pre + steps), citations=citations, **base)


@dataclass(frozen=True)
class _Option:
    """One reading of an open question: a label and reason, and what it changes."""

    label: str | None = None
    reason: str = ""
    policies: dict = field(default_factory=dict)
    version: RuleVersion | None = None
    exceptions: dict = field(default_factory=dict)


def _citations(version: RuleVersion) -> tuple[Citation, ...]:
    conv = load_conventions()
    out = list(version.citations)
    for name in version.conventions:
        out += [c for c in conv[name]["citations"] if all(c.cite != o.cite and (c.url is None or c.url != o.url)
                                                            for o in out)]
    return tuple(out)


def _notes(version: RuleVersion) -> str | None:
    return " ".join(version.notes.split()) if version.notes else None
