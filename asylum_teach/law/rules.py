"""Deadline rules as dated, cited data (STYLE P1, P2).

Each rule is one YAML file in ``asylum_teach/data/rules/``. A rule has versions, each with an
``effective_from`` / ``effective_to`` window, a period, a unit, a direction, a roll convention, a kind
(``deadline``, ``earliest`` or ``not-modelled``), citations with URLs, a source strength (P/S/K) and a
``last_verified_on`` date. Superseded versions stay in the data, because students study them too.

The loader is a schema, not a convention: it refuses a version without a citation, overlapping
versions, duplicate keys and unknown keys, and names the file and line.

>>> rules = load_rules()
>>> rules["bia-appeal"].version_on(date(2026, 3, 9)).period
10
>>> rules["bia-appeal"].version_on(date(2026, 3, 8)).period
30
>>> [v.period for v in rules["filing-before-individual"].versions]
[None, 15, 30, 15, 30]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from asylum_teach.exceptions import MissingCitationError, RuleDataError, UnknownRuleError

STRENGTHS = ("P", "S", "K")
KINDS = ("deadline", "earliest", "not-modelled")
UNITS = ("calendar_days", "working_days", "years")
DIRECTIONS = ("after", "before")
ROLLS = ("next-business-day", "count-back-next-business-day", "none")
FILED_WITH = ("immigration-court", "bia", "uscis", "court-of-appeals", "dhs", "none")


# ---------------------------------------------------------------- YAML with line numbers
class _Map(dict):
    line: int = 0


# libyaml's parser when present (about ten times faster); the constructor, and so the duplicate-key
# check and the line numbers, are the same Python code either way.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    source = "<rules>"


def _construct_mapping(loader: _Loader, node, deep=False):
    out = _Map()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise RuleDataError(f"{loader.source}, line {key_node.start_mark.line + 1}: duplicate key {key!r}")
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path | str, text: str | None = None):
    """Parse YAML, refusing duplicate keys, with errors that name the file and line."""
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    loader = _Loader(text)
    loader.source = str(path)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise RuleDataError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    finally:
        loader.dispose()


# ---------------------------------------------------------------- the data model
@dataclass(frozen=True)
class Citation:
    cite: str
    url: str | None  # None where the research saw the source but no address for it
    strength: str

    def to_dict(self) -> dict:
        return {"cite": self.cite, "url": self.url, "strength": self.strength}


@dataclass(frozen=True)
class Condition:
    """A fact value that makes a rule not applicable (e.g. ``detained: true``)."""

    fact: str
    equals: object
    reason: str
    citation: Citation


@dataclass(frozen=True)
class RuleException:
    """A named exception that changes the period when a fact holds (STYLE P4)."""

    id: str
    fact: str
    equals: object
    period: int
    reason: str
    strength: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class RuleVersion:
    version: str
    effective_from: date | None
    effective_to: date | None
    kind: str
    source_strength: str
    citations: tuple[Citation, ...]
    last_verified_on: date
    period: int | None = None
    unit: str | None = None
    direction: str | None = None
    roll: str | None = None
    conventions: tuple[str, ...] = ()
    trigger_floor: dict | None = None
    adds_fact_days: dict | None = None
    not_applicable_when: tuple[Condition, ...] = ()
    exceptions: tuple[RuleException, ...] = ()
    under_litigation: dict | None = None
    uncertain_from: date | None = None
    uncertain_reason: str | None = None
    reason: str | None = None
    notes: str | None = None

    def in_force_on(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )

    def window(self) -> str:
        start = self.effective_from.isoformat() if self.effective_from else "earlier"
        end = self.effective_to.isoformat() if self.effective_to else "present"
        return f"{start} to {end}"


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

    def version_on(self, day: date) -> RuleVersion:
        found = [v for v in self.versions if v.in_force_on(day)]
        if len(found) != 1:  # the loader and the coverage test make this unreachable for 1997-2040
            raise RuleDataError(f"rule {self.id}: {len(found)} versions in force on {day}")
        return found[0]

    def previous_version(self, version: RuleVersion) -> RuleVersion | None:
        i = self.versions.index(version)
        return self.versions[i - 1] if i > 0 else None

    def next_version(self, version: RuleVersion) -> RuleVersion | None:
        i = self.versions.index(version)
        return self.versions[i + 1] if i + 1 < len(self.versions) else None


# ---------------------------------------------------------------- validation
_RULE_KEYS = {"id", "title", "trigger", "trigger_fact", "filed_with", "version_date", "last_verified_on",
              "versions", "common"}
_VERSION_KEYS = {"version", "effective_from", "effective_to", "kind", "source_strength", "citations",
                 "last_verified_on", "period", "unit", "direction", "roll", "conventions", "trigger_floor",
                 "adds_fact_days", "not_applicable_when", "exceptions", "under_litigation", "uncertain_from",
                 "uncertain_reason", "reason", "notes"}


class _Checker:
    def __init__(self, path: str):
        self.path = path

    def fail(self, node, message: str, cls=RuleDataError):
        line = getattr(node, "line", 0)
        raise cls(f"{self.path}{f', line {line}' if line else ''}: {message}")

    def keys(self, node, allowed: set, required: set, what: str):
        if not isinstance(node, dict):
            self.fail(node, f"{what} must be a mapping")
        unknown = sorted(set(node) - allowed)
        if unknown:
            self.fail(node, f"{what}: unknown key {unknown[0]!r}")
        missing = sorted(k for k in required if k not in node)
        if missing:
            self.fail(node, f"{what}: missing {missing[0]!r}")

    def choice(self, node, key, options, what):
        if node.get(key) not in options:
            self.fail(node, f"{what}: {key} must be one of {', '.join(map(str, options))}, not {node.get(key)!r}")
        return node[key]

    def date_or_none(self, node, key, what):
        value = node.get(key)
        if value is not None and not isinstance(value, date):
            self.fail(node, f"{what}: {key} must be a date (YYYY-MM-DD) or null, not {value!r}")
        return value

    def citation(self, node, what) -> Citation:
        self.keys(node, {"cite", "url", "strength"}, {"cite", "url", "strength"}, what)
        if not str(node["cite"]).strip():
            self.fail(node, f"{what}: empty cite", MissingCitationError)
        url = node["url"]
        if url is not None and not str(url).startswith(("http://", "https://")):
            self.fail(node, f"{what}: url must be an http(s) address, or null where no source address was seen")
        self.choice(node, "strength", STRENGTHS, what)
        return Citation(str(node["cite"]), None if url is None else str(url), node["strength"])

    def citations(self, node, owner, what) -> tuple[Citation, ...]:
        items = node.get("citations")
        if not items:
            self.fail(owner, f"{what}: has no citation; every rule needs a pinpoint cite and a source URL",
                      MissingCitationError)
        out = tuple(self.citation(c, f"{what} citation") for c in items)
        if not any(c.url for c in out):
            self.fail(owner, f"{what}: needs at least one citation with a source URL", MissingCitationError)
        return out


def parse_rule(raw, path: str, known_conventions: set[str] | None = None) -> Rule:
    from asylum_teach.model.glossary import FACTS

    ck = _Checker(path)
    ck.keys(raw, _RULE_KEYS, {"id", "title", "trigger", "filed_with", "version_date", "versions"}, "rule")
    rule_id = raw["id"]
    if Path(path).suffix in (".yaml", ".yml") and Path(path).stem != rule_id:
        ck.fail(raw, f"rule id {rule_id!r} must match the file name {Path(path).stem!r}")
    ck.choice(raw, "filed_with", FILED_WITH, f"rule {rule_id}")
    trigger_fact = raw.get("trigger_fact")
    if trigger_fact is not None and trigger_fact not in FACTS:
        ck.fail(raw, f"rule {rule_id}: trigger_fact {trigger_fact!r} is not in the glossary")
    vdate = raw["version_date"]
    if vdate not in ("as_of", "trigger") and vdate not in FACTS:
        ck.fail(raw, f"rule {rule_id}: version_date must be as_of, trigger or a date fact, not {vdate!r}")
    common = raw.get("common") or {}
    if common:
        ck.keys(common, _VERSION_KEYS - {"version", "effective_from", "effective_to"}, set(), f"rule {rule_id} common")
    if not raw["versions"]:
        ck.fail(raw, f"rule {rule_id}: no versions")

    versions, names = [], set()
    for item in raw["versions"]:
        merged = _Map({**common, **item})
        merged.line = getattr(item, "line", 0)
        what = f"rule {rule_id} version {item.get('version')!r}"
        ck.keys(merged, _VERSION_KEYS, {"version", "effective_from", "effective_to", "kind", "source_strength"}, what)
        if merged["version"] in names:
            ck.fail(merged, f"rule {rule_id}: duplicate version {merged['version']!r}")
        names.add(merged["version"])
        kind = ck.choice(merged, "kind", KINDS, what)
        ck.choice(merged, "source_strength", STRENGTHS, what)
        start = ck.date_or_none(merged, "effective_from", what)
        end = ck.date_or_none(merged, "effective_to", what)
        if start and end and end < start:
            ck.fail(merged, f"{what}: effective_to {end} is before effective_from {start}")
        verified = merged.get("last_verified_on", raw.get("last_verified_on"))
        if not isinstance(verified, date):
            ck.fail(merged, f"{what}: needs a last_verified_on date")
        cits = ck.citations(merged, merged, what)
        fields = dict(version=str(merged["version"]), effective_from=start, effective_to=end, kind=kind,
                      source_strength=merged["source_strength"], citations=cits, last_verified_on=verified,
                      notes=merged.get("notes"), reason=merged.get("reason"),
                      uncertain_from=ck.date_or_none(merged, "uncertain_from", what),
                      uncertain_reason=merged.get("uncertain_reason"),
                      under_litigation=merged.get("under_litigation"))
        if fields["uncertain_from"] and (not start or fields["uncertain_from"] >= start):
            ck.fail(merged, f"{what}: uncertain_from must come before effective_from")
        if kind == "not-modelled":
            if not merged.get("reason"):
                ck.fail(merged, f"{what}: a not-modelled version must give its reason")
        else:
            period = merged.get("period")
            if not isinstance(period, int) or isinstance(period, bool) or period < 0:
                ck.fail(merged, f"{what}: period must be a whole number of days or years")
            fields.update(period=period,
                          unit=ck.choice(merged, "unit", UNITS, what),
                          direction=ck.choice(merged, "direction", DIRECTIONS, what),
                          roll=ck.choice(merged, "roll", ROLLS, what))
            if kind == "earliest" and merged["roll"] != "none":
                ck.fail(merged, f"{what}: an earliest-permitted date is never rolled (roll: none)")
            conv = tuple(merged.get("conventions") or ())
            for c in conv:
                if known_conventions is not None and c not in known_conventions:
                    ck.fail(merged, f"{what}: unknown convention {c!r}")
            fields["conventions"] = conv
            fields["trigger_floor"] = merged.get("trigger_floor")
            adds = merged.get("adds_fact_days")
            if adds and adds.get("fact") not in FACTS:
                ck.fail(merged, f"{what}: adds_fact_days names unknown fact {adds.get('fact')!r}")
            fields["adds_fact_days"] = adds
        conds = []
        for c in merged.get("not_applicable_when") or ():
            ck.keys(c, {"fact", "equals", "reason", "citation"}, {"fact", "equals", "reason", "citation"},
                    f"{what} not_applicable_when")
            if c["fact"] not in FACTS:
                ck.fail(c, f"{what}: not_applicable_when names unknown fact {c['fact']!r}")
            conds.append(Condition(c["fact"], c["equals"], c["reason"], ck.citation(c["citation"], what)))
        fields["not_applicable_when"] = tuple(conds)
        excs = []
        for e in merged.get("exceptions") or ():
            ck.keys(e, {"id", "when", "period", "reason", "strength", "citations"},
                    {"id", "when", "period", "reason", "strength"}, f"{what} exception")
            if e["when"].get("fact") not in FACTS:
                ck.fail(e, f"{what}: exception {e['id']} names unknown fact {e['when'].get('fact')!r}")
            excs.append(RuleException(e["id"], e["when"]["fact"], e["when"].get("equals", True), e["period"],
                                      e["reason"], ck.choice(e, "strength", STRENGTHS, what),
                                      ck.citations(e, e, f"{what} exception {e['id']}")))
        fields["exceptions"] = tuple(excs)
        lit = fields["under_litigation"]
        if lit is not None:
            from asylum_teach.law.policies import POLICIES

            if not isinstance(lit, dict) or lit.get("policy") not in POLICIES or not lit.get("note"):
                ck.fail(merged, f"{what}: under_litigation needs a known policy and a note")
        versions.append((merged, RuleVersion(**fields)))

    versions.sort(key=lambda mv: mv[1].effective_from or date.min)
    for (prev_node, prev), (node, cur) in zip(versions, versions[1:]):
        prev_end = prev.effective_to or date.max
        if cur.effective_from is None or cur.effective_from <= prev_end:
            ck.fail(node, f"rule {rule_id}: version {cur.version!r} overlaps version {prev.version!r} "
                          f"(line {prev_node.line})")
    return Rule(id=rule_id, title=str(raw["title"]), trigger=str(raw["trigger"]), trigger_fact=trigger_fact,
                filed_with=raw["filed_with"], version_date=vdate, versions=tuple(v for _, v in versions),
                source_file=path)


@functools.lru_cache(maxsize=1)
def load_conventions() -> dict:
    """The counting conventions, each with its citations (``data/conventions.yaml``)."""
    path = resources.files("asylum_teach") / "data" / "conventions.yaml"
    raw = read_yaml(str(path), path.read_text(encoding="utf-8"))
    ck = _Checker(str(path))
    out = {}
    for key, node in raw.items():
        ck.keys(node, {"title", "text", "strength", "citations"}, {"title", "text", "strength", "citations"},
                f"convention {key}")
        out[key] = {"title": node["title"], "text": node["text"], "strength": node["strength"],
                    "citations": ck.citations(node, node, f"convention {key}")}
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
    folder = resources.files("asylum_teach") / "data" / "rules"
    return load_rules_from(Path(str(folder)))


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
