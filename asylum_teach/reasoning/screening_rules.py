"""A base rule plus labelled exceptions, with conflicts treated as errors (STYLE P4).

Each rule has a *base* branch (e.g. "filed late: asylum barred") and named *exceptions* (e.g. "an
unaccompanied child: the one-year rule does not apply"). Every branch has a stable id whose wording
and citations live in ``data/screening.yaml``. Conditions are three-valued: ``True``, ``False`` or
``None`` (an open question for the judge). Deciding a rule:

1. exceptions whose condition holds win over the base; if two of them (neither overriding the other)
   give different decisions, :class:`ConflictingExceptionsError` is raised: we never pick one silently;
2. otherwise the base decides if its condition holds, unless an exception that would change the
   result is still an open question, which makes the outcome ``open``;
3. otherwise the rule does not bite and the ``default`` branch (if any) states why.

>>> from asylum_teach.model.facts import Facts
>>> rule = DefeasibleRule("demo", base=Branch("asylum-persecutor", "barred",
...                                           lambda c: c.fact("persecutor_of_others") is True))
>>> rule.decide(Case(Facts({"persecutor_of_others": True}), None)).decision
'barred'
>>> rule.decide(Case(Facts({}), None)) is None
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from asylum_teach.exceptions import ConflictingExceptionsError, MissingCitationError, RuleDataError
from asylum_teach.law.citations import Citation
from asylum_teach.law.schema import Where
from asylum_teach.model.facts import Facts
from asylum_teach.yaml_data import package_file, read_package_data

OPEN = "open"


@dataclass
class Case:
    """What a rule may look at: the facts, the as-of date, and words for the explanations."""

    facts: Facts
    as_of: _dt.date | None
    words: dict = field(default_factory=dict)
    scratch: dict = field(default_factory=dict)

    def fact(self, name: str):
        return self.facts.get(name)


@dataclass(frozen=True)
class Wording:
    text: str
    citations: tuple[Citation, ...]
    question: str | None = None
    runtime_cites: bool = False  # the border rule's own citations are added where the wording is used


@dataclass(frozen=True)
class Branch:
    """One labelled branch: its id (the wording key), the decision it gives, and when it holds."""

    id: str
    decision: str
    when: Callable[[Case], bool | None]
    overrides: tuple[str, ...] = ()
    say: Callable[[Case], str] | None = None  # picks another wording id for this case (default: ``id``)

    def wording_id(self, case: Case) -> str:
        return self.say(case) if self.say else self.id


@dataclass(frozen=True)
class Outcome:
    """Which branch decided, and why: ``Outcome(decision, rule_id, exception_id, citations, explanation)``."""

    decision: str
    rule_id: str
    branch_id: str
    exception_id: str | None
    citations: tuple[Citation, ...]
    explanation: str
    question: str | None = None

    def to_dict(self) -> dict:
        return {"decision": self.decision, "rule": self.rule_id, "branch": self.branch_id,
                "exception": self.exception_id, "explanation": self.explanation, "question": self.question,
                "citations": [c.to_dict() for c in self.citations]}


@dataclass(frozen=True)
class DefeasibleRule:
    id: str
    base: Branch
    exceptions: tuple[Branch, ...] = ()
    default: Branch | None = None

    def decide(self, case: Case) -> Outcome | None:
        """Decide the rule for a case (see the module docstring for the order)."""
        results = [(b, b.when(case)) for b in self.exceptions]
        holding = [b for b, r in results if r is True]
        beaten = {o for b in holding for o in b.overrides}
        holding = [b for b in holding if b.id not in beaten]
        if len({b.decision for b in holding}) > 1:
            a, b = holding[0], next(x for x in holding if x.decision != holding[0].decision)
            raise ConflictingExceptionsError(
                f"{self.id}: exception {a.id} says {a.decision!r} but exception {b.id} says {b.decision!r} "
                f"for the same case; the facts contradict each other, fix one of them")
        if holding:
            return _outcome(self.id, holding[0], case, exception=True, also=holding[1:])
        open_ones = [b for b, r in results if r is None]
        base = self.base.when(case)
        if base is None:
            return _outcome(self.id, self.base, case, decision=OPEN)
        settled = self.base if base else self.default
        settled_decision = settled.decision if settled else None
        contrary = [b for b in open_ones if b.decision != settled_decision]
        if contrary:
            ex = _outcome(self.id, contrary[0], case, exception=True, decision=OPEN)
            if settled is None:
                return ex
            lead = _outcome(self.id, settled, case)
            return Outcome(OPEN, self.id, ex.branch_id, ex.exception_id, lead.citations + ex.citations,
                           f"{lead.explanation} {ex.explanation}", ex.question)
        return None if settled is None else _outcome(self.id, settled, case)


def _outcome(rule_id, branch: Branch, case: Case, *, exception=False, decision=None, also=()) -> Outcome:
    decision = decision or branch.decision
    wid = branch.wording_id(case)
    w = wording(wid)
    text = w.text.format_map(_Words(case.words))
    cites = list(w.citations)
    for other in also:
        ow = wording(other.wording_id(case))
        text += " " + ow.text.format_map(_Words(case.words))
        cites += [c for c in ow.citations if c not in cites]
    return Outcome(decision, rule_id, wid, branch.id if exception else None, tuple(cites), text,
                   w.question if decision == OPEN else None)


def note(rule_id: str, wording_id: str, decision: str, case: Case, *, words: dict | None = None,
         extra_citations: tuple = ()) -> Outcome:
    """An outcome that is not a base-and-exceptions decision but a cited remark (a standard of proof,
    discretion) or a decision made elsewhere (a border rule): its wording filled in with ``words``."""
    w = wording(wording_id)
    fill = _Words({**case.words, **(words or {})})
    cites = tuple(dict.fromkeys(w.citations + tuple(extra_citations)))
    question = w.question.format_map(fill) if w.question else None
    return Outcome(decision, rule_id, wording_id, None, cites, w.text.format_map(fill), question)


class _Words(dict):
    def __missing__(self, key):
        return f"<{key}?>"


@lru_cache(maxsize=1)
def screening_data() -> dict:
    """``data/screening.yaml`` as parsed, every mapping knowing its line (wording, cited ids, border rules)."""
    return read_package_data("screening.yaml")


def cite_ids(ids, where: Where) -> tuple[Citation, ...]:
    """The registry's citations for a list of ids in ``screening.yaml``, naming the file and line of an unknown one."""
    if not isinstance(ids, list):
        where.fail(f"{where.key}: expected a list of citation ids")
    return tuple(Citation.from_reference(c, where.at(ids, i)) for i, c in enumerate(ids))


@lru_cache(maxsize=1)
def _load() -> dict[str, Wording]:
    data = screening_data()
    path = str(package_file("screening.yaml"))
    out = {}
    for bid, row in data["branches"].items():
        where = Where(path, getattr(row, "line", 0), f"branch {bid}.cites")
        border = row.get("cites_from") == "border-rule"
        if not border and not row.get("cites"):
            raise MissingCitationError(f"{where.path}, line {where.line}: branch {bid} has no citation")
        out[bid] = Wording(" ".join(row["text"].split()), cite_ids(row.get("cites") or [], where), row.get("question"),
                           border)
    return out


def wording(branch_id: str) -> Wording:
    """The text, citations and (if any) judge's question of a branch."""
    try:
        return _load()[branch_id]
    except KeyError:
        raise RuleDataError(f"screening.yaml: no branch {branch_id!r}") from None


def cite_text(c: Citation) -> str:
    """A citation as shown to students: [P] sources plain, others marked (:meth:`Citation.shown`).

    >>> cite_text(Citation("8 CFR 1208.17", "u", "K"))
    '8 CFR 1208.17 [K: unverified]'
    """
    return c.shown()


def all3(*values) -> bool | None:
    """Three-valued AND: False if any is False, else None if any is unknown, else True.

    >>> all3(True, None), all3(False, None), all3(True, True)
    (None, False, True)
    """
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True
