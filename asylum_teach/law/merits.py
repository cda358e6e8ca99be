"""The merits as dated, cited data: what the Board's precedent said on a date, and what each circuit holds.

``data/merits.yaml`` holds three kinds of entry (its header explains them): *topics* (the rule in
plain words, with its authorities), *doctrines* (the Board's and the Attorney General's precedent,
version by version, each starting on the day of the decision that made it) and *splits* (the circuits'
dated rulings on a question, with the doctrine that gives the Board's side). Citations are ids of the
registry (``data/citations.yaml``), where each carries its strength: P primary seen, S secondary only,
K unverified.

Two questions, each a pure function of its arguments (no hidden clock; STYLE P7):

* :func:`board_precedent_on` - what did the precedent binding immigration judges say on date ``on``?
* :func:`circuit_rule_on` - on a split, what governs a case in a given circuit on date ``on``?

A date more than 90 days after the data were last verified is flagged "check before relying": a later
decision would not be in the model.

>>> a = board_precedent_on("private-harm", "2021-06-15")
>>> a.version.id, a.strength
('a-b-ii', 'S')
>>> board_precedent_on("private-harm", "2021-06-16").version.id
'a-b-iii'
>>> r = circuit_rule_on("withholding-nexus", "9th", "2017-01-18")
>>> r.court, r.position
('9th', 'a-reason')
>>> circuit_rule_on("withholding-nexus", "1st", "2026-12-01").position     # no ruling there: the Board's
'one-central-reason'
>>> board_precedent_on("family-psg", "2026-13-01")
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidDateError: on: '2026-13-01' is not a real date (month must be in 1..12)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from asylum_teach.dates import long, parse_date
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.citations import Citation
from asylum_teach.law.litigation import STALE_AFTER
from asylum_teach.law.schema import Where, build
from asylum_teach.yaml_data import package_file, read_package_data

COURTS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "dc")
#: The courts a ruling may come from: a circuit, or the Supreme Court (which binds every circuit).
RULING_COURTS = (*COURTS, "supreme")
COURT_NAMES = {**{c: f"{c} Circuit".replace("dc Circuit", "D.C. Circuit") for c in COURTS},
               "supreme": "Supreme Court", "board": "Board of Immigration Appeals and Attorney General"}
SELECTED_BY = {"decision": "the day the judge or the Board decides",
               "application": "the day the application was first filed (REAL ID Act; Matter of S-B-)"}


# ------------------------------------------------------------------------------------ the data's shape
@dataclass(frozen=True)
class Version:
    """One version of a doctrine: the holding from the day of the decision that made it."""

    id: str
    effective_from: date | None
    holding: str
    cites: tuple[Citation, ...]
    position: str | None = None
    day_known: bool = True
    effective_to: date | None = field(default=None, metadata={"data": False})

    @property
    def strength(self) -> str:
        """The strength of the decision that made this version (its first citation)."""
        return self.cites[0].strength

    def window(self) -> str:
        start = "the start of the model" if self.effective_from is None else (
            str(self.effective_from.year) + " (day not seen)" if not self.day_known else self.effective_from.isoformat())
        end = self.effective_to.isoformat() if self.effective_to else "today (as last verified)"
        return f"{start} to {end}"


@dataclass(frozen=True)
class Doctrine:
    title: str
    topic: str
    question: str
    selected_by: Literal["decision", "application"]
    before: str
    versions: tuple[Version, ...]
    open_question: str
    last_verified_on: date
    id: str = field(default="", metadata={"data": False})

    def version_on(self, day: date) -> Version | None:
        found = None
        for v in self.versions:
            if v.effective_from is None or v.effective_from <= day:
                found = v
        return found


@dataclass(frozen=True)
class Ruling:
    """A court's ruling on a split question, dated."""

    court: str = field(metadata={"check": lambda c: None if c in RULING_COURTS else
                                 f"must be one of {', '.join(RULING_COURTS)}, not {c!r}"})
    effective_from: date | None
    position: str
    holding: str
    cites: tuple[Citation, ...]
    day_known: bool = True

    @property
    def strength(self) -> str:
        return self.cites[0].strength


@dataclass(frozen=True)
class Split:
    title: str
    topic: str
    question: str
    board: str
    positions: dict[str, str]
    rulings: tuple[Ruling, ...]
    open_question: str
    last_verified_on: date
    id: str = field(default="", metadata={"data": False})


@dataclass(frozen=True)
class Topic:
    title: str
    rule: str
    cites: tuple[Citation, ...]
    last_verified_on: date
    elements: tuple[str, ...] = ()
    id: str = field(default="", metadata={"data": False})


GroupStatus = Literal["met", "contested", "fails"]
#: The three criteria of a particular social group, in the order the Board lists them (M-E-V-G-).
CRITERIA = ("immutability", "particularity", "social-distinction")


@dataclass(frozen=True)
class Assessment:
    """How a kind of group fares on one criterion from a date on."""

    effective_from: date
    status: GroupStatus
    why: str
    cites: tuple[Citation, ...]
    day_known: bool = True


@dataclass(frozen=True)
class Follows:
    """A criterion whose fate follows a doctrine: the status each version gives."""

    follows: str
    statuses: dict[str, GroupStatus]


@dataclass(frozen=True)
class GroupKind:
    title: str
    criteria: dict[str, tuple[Assessment, ...] | Follows]
    id: str = ""


@dataclass(frozen=True)
class Merits:
    topics: dict[str, Topic]
    doctrines: dict[str, Doctrine]
    splits: dict[str, Split]
    groups: dict[str, GroupKind] = field(default_factory=dict)


# ------------------------------------------------------------------------------------ loading
@functools.lru_cache(maxsize=1)
def load_merits() -> Merits:
    """``data/merits.yaml``, checked key by key (file and line on any fault)."""
    return parse_merits(read_package_data("merits.yaml"), str(package_file("merits.yaml")))


def parse_merits(raw, path: str) -> Merits:
    """Check and build the merits data (see the module docstring and the data file's header).

    >>> from asylum_teach.yaml_data import read_yaml
    >>> parse_merits(read_yaml("m.yaml", '''
    ... topics: {}
    ... splits: {}
    ... doctrines:
    ...   d:
    ...     title: t
    ...     topic: x
    ...     question: q
    ...     selected_by: decision
    ...     before: b
    ...     open_question: o
    ...     last_verified_on: 2026-12-01
    ...     versions:
    ...       - {id: two, effective_from: 2020-01-02, holding: h, cites: [acosta]}
    ...       - {id: one, effective_from: 2020-01-01, holding: h, cites: [acosta]}
    ... '''), "m.yaml")
    Traceback (most recent call last):
    ...
    asylum_teach.exceptions.RuleDataError: m.yaml, line 15: d: version 'one' starts on 2020-01-01, before the version it follows (2020-01-02); list versions in date order
    """
    if not isinstance(raw, dict) or not {"topics", "doctrines", "splits"} <= set(raw) <= {
            "topics", "doctrines", "splits", "groups"}:
        Where(path).fail("expected the mappings topics, doctrines, splits (and groups)")
    topics = {k: replace(build(Topic, v, Where(path, getattr(v, "line", 0), k)), id=k)
              for k, v in (raw["topics"] or {}).items()}
    doctrines = {k: _doctrine(k, v, path, topics) for k, v in (raw["doctrines"] or {}).items()}
    splits = {k: _split(k, v, path, topics, doctrines) for k, v in (raw["splits"] or {}).items()}
    groups = {k: _group(k, v, path, doctrines) for k, v in (raw.get("groups") or {}).items()}
    return Merits(topics, doctrines, splits, groups)


def _group(key: str, node, path: str, doctrines: dict) -> GroupKind:
    where = Where(path, getattr(node, "line", 0), key)
    if not isinstance(node, dict) or set(node) != {"title", *CRITERIA}:
        where.fail(f"{key}: a group kind has a title and the three criteria ({', '.join(CRITERIA)})")
    criteria: dict[str, tuple[Assessment, ...] | Follows] = {}
    for criterion in CRITERIA:
        value = node[criterion]
        at = where.at(node, criterion)
        if isinstance(value, dict):
            f = build(Follows, value, at)
            d = doctrines.get(f.follows)
            if d is None:
                at.fail(f"{at.key}: follows {f.follows!r}, which is not a doctrine")
            if set(f.statuses) != {v.id for v in d.versions}:
                at.fail(f"{at.key}: give a status for each version of {f.follows} ({', '.join(v.id for v in d.versions)})")
            for status in f.statuses.values():
                if status not in ("met", "contested", "fails"):
                    at.fail(f"{at.key}: status {status!r} must be met, contested or fails")
            criteria[criterion] = f
        else:
            items = build(_Assessments, {"items": value}, at).items
            if [a.effective_from for a in items] != sorted({a.effective_from for a in items}):
                at.fail(f"{at.key}: assessments must be in date order, one per date")
            criteria[criterion] = items
    return GroupKind(node["title"], criteria, key)


@dataclass(frozen=True)
class _Assessments:
    items: tuple[Assessment, ...]


def _doctrine(key: str, node, path: str, topics: dict) -> Doctrine:
    where = Where(path, getattr(node, "line", 0), key)
    d = build(Doctrine, node, where)
    if topics and d.topic not in topics:
        where.fail(f"{key}: topic {d.topic!r} is not among the topics ({', '.join(topics)})")
    if not d.versions:
        where.fail(f"{key}: a doctrine needs at least one version")
    lines = getattr(node.get("versions"), "lines", ())
    out: list[Version] = []
    for i, v in enumerate(d.versions):
        at = Where(path, lines[i] if i < len(lines) else where.line, key)
        if v.effective_from is None and i:
            at.fail(f"{key}: only the first version may have no start date ({v.id!r} has none)")
        if out and out[-1].effective_from is not None and v.effective_from <= out[-1].effective_from:
            at.fail(f"{key}: version {v.id!r} starts on {v.effective_from}, before the version it follows "
                    f"({out[-1].effective_from}); list versions in date order")
        if any(o.id == v.id for o in out):
            at.fail(f"{key}: two versions have the id {v.id!r}")
        if out:
            out[-1] = replace(out[-1], effective_to=v.effective_from - timedelta(days=1))
        out.append(v)
    return replace(d, versions=tuple(out), id=key)


def _split(key: str, node, path: str, topics: dict, doctrines: dict) -> Split:
    where = Where(path, getattr(node, "line", 0), key)
    s = build(Split, node, where)
    if s.board not in doctrines:
        where.fail(f"{key}: board {s.board!r} names no doctrine ({', '.join(doctrines)})")
    if topics and s.topic not in topics:
        where.fail(f"{key}: topic {s.topic!r} is not among the topics")
    lines = getattr(node.get("rulings"), "lines", ())
    for i, r in enumerate(s.rulings):
        if r.position not in s.positions:
            Where(path, lines[i] if i < len(lines) else where.line).fail(
                f"{key}: ruling of the {r.court} gives position {r.position!r}, not one of {', '.join(s.positions)}")
    for v in doctrines[s.board].versions:
        if v.position is not None and v.position not in s.positions:
            where.fail(f"{key}: the Board's version {v.id!r} gives position {v.position!r}, not one of "
                       f"{', '.join(s.positions)}")
    by_court: dict[str, date | None] = {}
    for r in s.rulings:
        last = by_court.get(r.court, date.min)
        if r.effective_from is not None and last is not None and r.effective_from <= last:
            where.fail(f"{key}: the {r.court}'s rulings must be in date order")
        by_court[r.court] = r.effective_from
    return replace(s, id=key)


# ------------------------------------------------------------------------------------ questions
def get_doctrine(doctrine_id: str) -> Doctrine:
    return _get(load_merits().doctrines, doctrine_id, "doctrine")


def get_split(split_id: str) -> Split:
    return _get(load_merits().splits, split_id, "split")


def _get(table: dict, key: str, what: str):
    if key not in table:
        raise InvalidInputError(f"no {what} {key!r} in data/merits.yaml; known: {', '.join(sorted(table))}")
    return table[key]


def court_id(text) -> str:
    """A circuit as the data names it, from what a person types ("9", "9th", "Ninth Circuit", "CA9", "D.C.").

    >>> court_id("Ninth Circuit"), court_id("ca2"), court_id("D.C. Cir."), court_id(11)
    ('9th', '2nd', 'dc', '11th')
    >>> court_id("13th")
    Traceback (most recent call last):
    ...
    asylum_teach.exceptions.InvalidInputError: circuit: '13th' is not a federal circuit (1st to 11th, or dc)
    """
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11}
    t = str(text).strip().lower().replace("circuit", "").replace("cir.", "").replace(".", "").strip()
    if t in ("dc", "d c"):
        return "dc"
    t = re.sub(r"^ca", "", t).strip()
    n = words.get(t)
    if n is None:
        m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", t)
        n = int(m.group(1)) if m else None
    if n is None or not 1 <= n <= 11:
        raise InvalidInputError(f"circuit: {str(text)[:40]!r} is not a federal circuit (1st to 11th, or dc)")
    return COURTS[n - 1]


def _stale(on: date, verified: date) -> str | None:
    if on - verified > STALE_AFTER:
        return (f"CHECK BEFORE RELYING: these data were last verified on {verified.isoformat()}, more than "
                f"{STALE_AFTER.days} days before {on.isoformat()}; a later decision would not be in the model.")
    return None


@dataclass(frozen=True)
class PrecedentAnswer:
    """What the Board's and the Attorney General's precedent said on a date."""

    doctrine: Doctrine
    on: date
    version: Version | None
    reasons: tuple[str, ...]
    later: tuple[Version, ...]
    stale: bool

    @property
    def holding(self) -> str:
        return self.version.holding if self.version else self.doctrine.before

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.version.cites if self.version else ()

    @property
    def strength(self) -> str | None:
        return self.version.strength if self.version else None

    def explain(self) -> str:
        head = f"{self.doctrine.title} - as of {long(self.on)} (teaching model, not legal advice)"
        cites = [f"  - {c.tagged()}" for c in self.citations]
        return "\n".join([head, f"Question: {self.doctrine.question}", f"Answer: {self.holding}",
                          *[f"  * {r}" for r in self.reasons], *(["Authority:"] + cites if cites else [])])


def board_precedent_on(doctrine_id: str, on) -> PrecedentAnswer:
    """The version of ``doctrine_id`` in force on ``on`` (a date or YYYY-MM-DD), with reasons and later changes.

    ``on`` is the date the doctrine's ``selected_by`` names: the decision date for most doctrines, the
    date the application was first filed for the REAL ID credibility rules.
    """
    d = get_doctrine(doctrine_id)
    on = parse_date(on, name="on")
    v = d.version_on(on)
    reasons = [f"The version is chosen by {SELECTED_BY[d.selected_by]}: {long(on)}."]
    if v is None:
        reasons.append(d.before)
    else:
        reasons.append(f"In force from {v.window()}; the deciding authority is "
                       f"{v.cites[0].cite} [strength {v.strength}].")
        if not v.day_known and v.effective_from and on.year == v.effective_from.year:
            reasons.append(f"Only the year of this decision ({v.effective_from.year}) was seen: on a day in that "
                           "year it may not yet have been decided.")
    later = tuple(x for x in d.versions if x.effective_from is not None and x.effective_from > on)
    if later:
        reasons.append("Later changes known to the model: " + "; ".join(
            f"{x.effective_from} {x.id} [{x.strength}]" for x in later) + ".")
    stale = _stale(on, d.last_verified_on)
    if stale:
        reasons.append(stale)
    return PrecedentAnswer(d, on, v, tuple(reasons), later, stale is not None)


@dataclass(frozen=True)
class CircuitAnswer:
    """On a split: what governs in a circuit on a date, and whose ruling it is."""

    split: Split
    circuit: str
    on: date
    court: str  # the deciding court: a circuit, "supreme", "board", or "none"
    position: str | None
    holding: str
    citations: tuple[Citation, ...]
    reasons: tuple[str, ...]
    stale: bool

    @property
    def strength(self) -> str | None:
        return self.citations[0].strength if self.citations else None

    @property
    def position_text(self) -> str:
        return self.split.positions.get(self.position, "no position in the model") if self.position else \
            "no position in the model"

    def explain(self) -> str:
        who = COURT_NAMES.get(self.court, "nothing in the model")
        lines = [f"{self.split.title} - {COURT_NAMES[self.circuit]}, as of {long(self.on)} "
                 "(teaching model, not legal advice)", f"Question: {self.split.question}",
                 f"Governs: {who}" + (f": {self.position_text}" if self.position else ""), f"  {self.holding}", *[f"  * {r}" for r in self.reasons]]
        if self.citations:
            lines += ["Authority:", *[f"  - {c.tagged()}" for c in self.citations]]
        return "\n".join(lines)


def _ruled_by(rulings, court: str, on: date):
    found = None
    for r in rulings:
        if r.court == court and (r.effective_from is None or r.effective_from <= on):
            found = r
    return found


def circuit_rule_on(split_id: str, circuit, on) -> CircuitAnswer:
    """What governs the split question in ``circuit`` on ``on``: the Supreme Court's ruling if one came after
    the circuit's own, else the circuit's own ruling, else the Board's precedent on that date."""
    s = get_split(split_id)
    circuit = court_id(circuit)
    on = parse_date(on, name="on")
    own = _ruled_by(s.rulings, circuit, on)
    supreme = _ruled_by(s.rulings, "supreme", on)
    board = board_precedent_on(s.board, on)
    reasons: list[str] = []
    if supreme is not None and (own is None or own.effective_from is None or
                                (supreme.effective_from is not None and supreme.effective_from >= own.effective_from)):
        chosen, court = supreme, "supreme"
        reasons.append(f"The Supreme Court decided the question on {supreme.effective_from}; it binds every circuit.")
    elif own is not None:
        chosen, court = own, circuit
        since = "since before the period modelled" if own.effective_from is None else (
            f"since {own.effective_from.year} (day not seen)" if not own.day_known else f"since {own.effective_from}")
        reasons.append(f"The {COURT_NAMES[circuit]} has its own ruling {since}; it binds immigration judges "
                       "and the Board in cases arising there.")
        bv = board.version
        if bv is not None and bv.position and bv.position != own.position and bv.effective_from and \
                own.effective_from and bv.effective_from > own.effective_from:
            said = s.positions[bv.position]
            reasons.append(f"The Board's precedent has changed since ({bv.effective_from}, {bv.id}: "
                           f"{said[0].lower()}{said[1:].rstrip('.')}). Whether the circuit's reading still "
                           "controls depends on whether the circuit read the statute as unambiguous or had "
                           "deferred to the Board: not modelled, so check the circuit's later cases.")
    else:
        chosen, court = None, "board"
        reasons.append(f"The {COURT_NAMES[circuit]} has no ruling on this in the model: the Board's precedent applies.")
    if chosen is not None and not chosen.day_known and chosen.effective_from and on.year == chosen.effective_from.year:
        reasons.append("Only the year of this ruling was seen: on a day in that year it may not yet have been decided.")
    if chosen is not None:
        position, holding, cites = chosen.position, chosen.holding, chosen.cites
    else:
        v = board.version
        position = v.position if v else None
        holding, cites = board.holding, board.citations
        if position is None:
            court = "none"
            holding = (f"No ruling in the model answers this for the {COURT_NAMES[circuit]} on this date, and the "
                       f"Board's precedent then ({v.id if v else 'none'}) takes no position on it.")
            cites = ()
    others = [f"{COURT_NAMES[r.court]} ({r.effective_from or 'earlier'}): {r.position}" for r in s.rulings
              if r.court not in (circuit, "supreme") and (r.effective_from is None or r.effective_from <= on)]
    if others:
        reasons.append("Elsewhere on that date: " + "; ".join(others) + ".")
    stale = _stale(on, s.last_verified_on)
    if stale:
        reasons.append(stale)
    return CircuitAnswer(s, circuit, on, court, position, holding, tuple(cites), tuple(reasons), stale is not None)


def doctrines_for(topic_id: str) -> list[Doctrine]:
    return [d for d in load_merits().doctrines.values() if d.topic == topic_id]


def splits_for(topic_id: str) -> list[Split]:
    return [s for s in load_merits().splits.values() if s.topic == topic_id]


@dataclass(frozen=True)
class CriterionAnswer:
    """A kind of group on one criterion, on a date."""

    criterion: str
    status: GroupStatus | None  # None: nothing in the model yet on that date
    why: str
    citations: tuple[Citation, ...]
    since: date | None

    @property
    def strength(self) -> str | None:
        return self.citations[0].strength if self.citations else None


def group_test(kind: str, on) -> dict[str, CriterionAnswer]:
    """How a kind of particular social group fares on immutability, particularity and social distinction
    on ``on``, as the precedent then stood (the words and citations with each).

    >>> t = group_test("family", "2026-12-01")
    >>> [t[c].status for c in CRITERIA]
    ['met', 'met', 'contested']
    >>> group_test("family", "2021-06-16")["social-distinction"].status
    'met'
    >>> group_test("sex-nationality", "2025-07-18")["particularity"].status
    'fails'
    """
    groups = load_merits().groups
    if kind not in groups:
        raise InvalidInputError(f"no group kind {kind!r} in data/merits.yaml; known: {', '.join(sorted(groups))}")
    on = parse_date(on, name="on")
    out = {}
    for criterion, spec in groups[kind].criteria.items():
        if isinstance(spec, Follows):
            a = board_precedent_on(spec.follows, on)
            status = spec.statuses[a.version.id] if a.version else None
            out[criterion] = CriterionAnswer(criterion, status, a.holding, a.citations,
                                             a.version.effective_from if a.version else None)
            continue
        found = [x for x in spec if x.effective_from <= on]
        if not found:
            out[criterion] = CriterionAnswer(criterion, None, "Nothing in the model decides this on that date.", (),
                                             None)
        else:
            x = found[-1]
            out[criterion] = CriterionAnswer(criterion, x.status, x.why, x.cites, x.effective_from)
    return out
