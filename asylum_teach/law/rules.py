"""Deadline rules as dated, cited data (STYLE P1, P2).

Each rule is one YAML file in ``asylum_teach/data/rules/``. A rule has versions, each with an
``effective_from`` / ``effective_to`` window, a period, a unit, a direction, a roll convention, a kind
(``deadline``, ``earliest`` or ``not-modelled``), citations with URLs, a source strength (P/S/K) and a
``last_verified_on`` date. Superseded versions stay in the data, because students study them too.

A version a court decides (``litigation: {case, provision}``) takes its status from the litigation
register. One that a court vacated before it took effect, like the 2026 10-day BIA appeal rule, was
**never in force**: it stays in the rule's history, but no date is ever computed under it unless a
student asks "what if" explicitly.

The loader is a schema, not a convention (:mod:`asylum_teach.law.schema`): every key of every version
is checked at load, and an unknown key, a wrong type, a missing citation, overlapping versions or
duplicate keys are refused with the file and line.

>>> rules = load_rules()
>>> rules["bia-appeal"].version_on(date(2026, 3, 9)).period        # the 10-day rule never took effect
30
>>> [v.version for v in rules["bia-appeal"].history]
['2026-interim-rule-10-days']
>>> [v.period for v in rules["filing-before-individual"].versions]
[None, 15, 30, 15, 30]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from asylum_teach.exceptions import MissingCitationError, RuleDataError, UnknownRuleError
from asylum_teach.glossary import FACTS
from asylum_teach.law.citations import Citation, Strength
from asylum_teach.law.schema import Where, build, choice_check
from asylum_teach.yaml_data import LineMap, package_file, read_package_data, read_yaml

__all__ = ["Citation", "Rule", "RuleVersion", "get_rule", "load_conventions", "load_rules", "load_rules_from",
           "parse_rule", "read_yaml", "rules_in_force"]

Kind = Literal["deadline", "earliest", "not-modelled"]
Unit = Literal["calendar_days", "working_days", "years"]
Direction = Literal["after", "before"]
Roll = Literal["next-business-day", "count-back-next-business-day", "none"]
FiledWith = Literal["immigration-court", "bia", "uscis", "court-of-appeals", "dhs", "none"]

_fact = {"check": choice_check(FACTS, "fact")}


# ---------------------------------------------------------------- the data model
@dataclass(frozen=True)
class TriggerFloor:
    """Counting cannot start before this date (e.g. the one-year rule, from April 1, 1997)."""

    date: date
    reason: str


@dataclass(frozen=True)
class AddsFactDays:
    """Days named by a fact are added to the period (e.g. applicant-caused delay stops the EAD clock)."""

    fact: str = field(metadata=_fact)
    reason: str


@dataclass(frozen=True)
class Condition:
    """A fact value that makes a rule not applicable (e.g. ``detained: true``)."""

    fact: str = field(metadata=_fact)
    equals: object
    reason: str
    citation: Citation


@dataclass(frozen=True)
class When:
    fact: str = field(metadata=_fact)
    equals: object = True


@dataclass(frozen=True)
class RuleException:
    """A named exception that changes the period when a fact holds (STYLE P4)."""

    id: str
    when: When
    period: int
    reason: str
    strength: Strength
    citations: tuple[Citation, ...] = ()

    @property
    def fact(self) -> str:
        return self.when.fact

    @property
    def equals(self):
        return self.when.equals


@dataclass(frozen=True)
class Litigated:
    """The provision of a case in the litigation register that decides whether this version applies."""

    case: str
    provision: str


@dataclass(frozen=True)
class RuleVersion:
    version: str
    effective_from: date | None
    effective_to: date | None
    kind: Kind
    source_strength: Strength
    citations: tuple[Citation, ...] = ()
    last_verified_on: date | None = None
    period: int | None = None
    unit: Unit | None = None
    direction: Direction | None = None
    roll: Roll | None = None
    conventions: tuple[str, ...] = ()
    trigger_floor: TriggerFloor | None = None
    adds_fact_days: AddsFactDays | None = None
    not_applicable_when: tuple[Condition, ...] = ()
    exceptions: tuple[RuleException, ...] = ()
    litigation: Litigated | None = None
    announced_on: date | None = None
    uncertain_from: date | None = None
    uncertain_reason: str | None = None
    reason: str | None = None
    notes: str | None = None
    never_in_force: bool = field(default=False, metadata={"data": False})

    def in_force_on(self, day: date) -> bool:
        return not self.never_in_force and (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to)

    def could_be_in_force_on(self, day: date) -> bool:
        """In force, or possibly so because its start date is uncertain (``uncertain_from``)."""
        start = self.uncertain_from or self.effective_from
        return not self.never_in_force and (start is None or start <= day) and (
            self.effective_to is None or day <= self.effective_to)

    def window(self) -> str:
        if self.never_in_force:
            return f"announced{f' {self.announced_on}' if self.announced_on else ''} for {self.effective_from} on; never in force"
        start = self.effective_from.isoformat() if self.effective_from else "earlier"
        end = self.effective_to.isoformat() if self.effective_to else "present"
        return f"{start} to {end}"


@dataclass(frozen=True)
class _RuleHead:
    id: str
    title: str
    trigger: str
    filed_with: FiledWith
    version_date: str
    trigger_fact: str | None = field(default=None, metadata=_fact)
    last_verified_on: date | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    trigger: str
    trigger_fact: str | None
    filed_with: str
    version_date: str
    versions: tuple[RuleVersion, ...]
    source_file: str = field(default="", compare=False)

    @property
    def in_force_versions(self) -> tuple[RuleVersion, ...]:
        return tuple(v for v in self.versions if not v.never_in_force)

    @property
    def history(self) -> tuple[RuleVersion, ...]:
        """Versions announced but never in force (kept to teach, never used for a due date)."""
        return tuple(v for v in self.versions if v.never_in_force)

    def version_on(self, day: date) -> RuleVersion:
        found = [v for v in self.versions if v.in_force_on(day)]
        if len(found) != 1:  # the loader and the coverage test make this unreachable for 1997-2040
            raise RuleDataError(f"rule {self.id}: {len(found)} versions in force on {day}")
        return found[0]

    def previous_version(self, version: RuleVersion) -> RuleVersion | None:
        live = self.in_force_versions
        i = live.index(version)
        return live[i - 1] if i > 0 else None


# ---------------------------------------------------------------- validation
_VERSION_KEYS = {f for f in RuleVersion.__dataclass_fields__ if RuleVersion.__dataclass_fields__[f].metadata.get("data", True)}
_NOT_COMMON = {"version", "effective_from", "effective_to"}


def _check_version(v: RuleVersion, where: Where, rule_id: str, conventions: set[str] | None) -> RuleVersion:
    what = f"rule {rule_id} version {v.version!r}"
    if v.effective_from and v.effective_to and v.effective_to < v.effective_from:
        where.fail(f"{what}: effective_to {v.effective_to} is before effective_from {v.effective_from}")
    if v.last_verified_on is None:
        where.fail(f"{what}: needs a last_verified_on date")
    if not v.citations:
        where.fail(f"{what}: has no citation; every rule needs a pinpoint cite and a source URL", MissingCitationError)
    if not any(c.url for c in v.citations):
        where.fail(f"{what}: needs at least one citation with a source URL", MissingCitationError)
    if v.uncertain_from and (not v.effective_from or v.uncertain_from >= v.effective_from):
        where.fail(f"{what}: uncertain_from must come before effective_from")
    if v.kind == "not-modelled":
        if not v.reason:
            where.fail(f"{what}: a not-modelled version must give its reason")
        return v
    if v.period is None or v.period < 0:
        where.fail(f"{what}: period must be a whole number of days or years")
    for key in ("unit", "direction", "roll"):
        if getattr(v, key) is None:
            where.fail(f"{what}: missing required key {key!r}")
    if v.kind == "earliest" and v.roll != "none":
        where.fail(f"{what}: an earliest-permitted date is never rolled (roll: none)")
    for c in v.conventions:
        if conventions is not None and c not in conventions:
            where.fail(f"{what}: unknown convention {c!r}")
    for e in v.exceptions:
        if not e.citations:
            where.fail(f"{what}: exception {e.id} has no citation", MissingCitationError)
    return v


def _litigation_status(v: RuleVersion, where: Where, rule_id: str) -> RuleVersion:
    """Take a litigated version's status from the register, and check the two files agree on dates."""
    if v.litigation is None:
        return v
    from asylum_teach.law.litigation import get_case

    what = f"rule {rule_id} version {v.version!r}"
    try:
        case = get_case(v.litigation.case)
    except UnknownRuleError as exc:
        where.fail(f"{what}: {exc}")
    if v.litigation.provision not in case.provisions:
        where.fail(f"{what}: case {case.id} has no provision {v.litigation.provision!r}")
    events = [e for e in case.events if v.litigation.provision in e.sets]
    took_effect = [e for e in events if e.sets[v.litigation.provision] == "in-force"]
    if not took_effect:
        if v.effective_to is not None:
            where.fail(f"{what}: never in force (see the register), so it has no effective_to")
        return replace(v, never_in_force=True)
    if v.effective_from is not None and v.effective_from != took_effect[0].date:
        where.fail(f"{what}: effective_from {v.effective_from} but the register says it took effect {took_effect[0].date}")
    ended = [e for e in events if e.date > took_effect[0].date and e.sets[v.litigation.provision] in ("vacated", "enjoined")]
    if ended and v.effective_to != ended[0].date - timedelta(days=1):
        where.fail(f"{what}: effective_to should be {ended[0].date - timedelta(days=1)}, the day before the "
                   f"register's {ended[0].kind} on {ended[0].date}")
    return v


def parse_rule(raw, path: str, known_conventions: set[str] | None = None) -> Rule:
    where = Where(path, getattr(raw, "line", 0))
    if not isinstance(raw, dict):
        where.fail("a rule file must be a mapping")
    head = build(_RuleHead, {k: v for k, v in raw.items() if k not in ("versions", "common")}, where)
    if Path(path).suffix in (".yaml", ".yml") and Path(path).stem != head.id:
        where.fail(f"rule id {head.id!r} must match the file name {Path(path).stem!r}")
    if head.version_date not in ("as_of", "trigger") and head.version_date not in FACTS:
        where.fail(f"rule {head.id}: version_date must be as_of, trigger or a date fact, not {head.version_date!r}")
    common = raw.get("common") or {}
    if not isinstance(common, dict):
        where.fail(f"rule {head.id}: common must be a mapping")
    bad = sorted(set(common) - (_VERSION_KEYS - _NOT_COMMON))
    if bad:
        where.at(common, "common").fail(f"rule {head.id} common: unknown key {bad[0]!r}")
    items = raw.get("versions")
    if not isinstance(items, list) or not items:
        where.fail(f"rule {head.id}: no versions")

    versions, names = [], set()
    for item in items:
        if not isinstance(item, dict):
            where.fail(f"rule {head.id}: each version must be a mapping")
        merged = LineMap({**common, **item})
        merged.line = getattr(item, "line", 0)
        if "last_verified_on" not in merged and head.last_verified_on is not None:
            merged["last_verified_on"] = head.last_verified_on
        vwhere = Where(path, merged.line, f"version {item.get('version')!r}")
        v = build(RuleVersion, merged, vwhere)
        if v.version in names:
            vwhere.fail(f"rule {head.id}: duplicate version {v.version!r}")
        names.add(v.version)
        v = _litigation_status(_check_version(v, vwhere, head.id, known_conventions), vwhere, head.id)
        versions.append((merged, v))

    versions.sort(key=lambda mv: mv[1].effective_from or date.min)
    live = [(node, v) for node, v in versions if not v.never_in_force]
    for (prev_node, prev), (node, cur) in zip(live, live[1:]):
        prev_end = prev.effective_to or date.max
        if cur.effective_from is None or cur.effective_from <= prev_end:
            Where(path, node.line).fail(f"rule {head.id}: version {cur.version!r} overlaps version {prev.version!r} "
                                        f"(line {prev_node.line})")
    return Rule(id=head.id, title=head.title, trigger=head.trigger, trigger_fact=head.trigger_fact,
                filed_with=head.filed_with, version_date=head.version_date, versions=tuple(v for _, v in versions),
                source_file=path)


@dataclass(frozen=True)
class Convention:
    title: str
    text: str
    strength: Strength
    citations: tuple[Citation, ...]


@functools.lru_cache(maxsize=1)
def load_conventions() -> dict:
    """The counting conventions, each with its citations (``data/conventions.yaml``)."""
    raw = read_package_data("conventions.yaml")
    path = str(package_file("conventions.yaml"))
    out = {}
    for key, node in raw.items():
        conv = build(Convention, node, Where(path, getattr(node, "line", 0), f"convention {key}"))
        if not conv.citations or not any(c.url for c in conv.citations):
            Where(path, getattr(node, "line", 0)).fail(f"convention {key}: needs a citation with a source URL",
                                                       MissingCitationError)
        out[key] = {"title": conv.title, "text": conv.text, "strength": conv.strength, "citations": conv.citations}
    return out


def load_rules_from(folder: Path | str) -> dict[str, Rule]:
    """Load every ``*.yaml`` rule in a folder (used for the package data and by tests)."""
    conventions = set(load_conventions())
    rules: dict[str, Rule] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        rule = parse_rule(read_yaml(path), str(path), conventions)
        if rule.id in rules:
            raise RuleDataError(f"{path}: rule id {rule.id!r} is already defined in {rules[rule.id].source_file}")
        rules[rule.id] = rule
    return rules


@functools.lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    """The package's deadline rules, keyed by id (cached)."""
    return load_rules_from(Path(str(package_file("rules"))))


def get_rule(rule_id: str) -> Rule:
    rules = load_rules()
    if rule_id not in rules:
        import difflib

        close = difflib.get_close_matches(str(rule_id), rules, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownRuleError(f"unknown rule {rule_id!r}.{hint} Valid rule ids: {', '.join(sorted(rules))}")
    return rules[rule_id]


def rules_in_force(as_of: date) -> list[tuple[Rule, RuleVersion]]:
    """Every rule with the version in force on ``as_of``, in id order."""
    return [(r, r.version_on(as_of)) for _, r in sorted(load_rules().items())]
