"""Pathway choice and eligibility screening: ``screen(facts, as_of)``.

Given a hypothetical client's facts and an as-of date, say:

- the **pathway**: ``affirmative`` (USCIS, not in proceedings), ``defensive`` (the immigration judge),
  or ``uscis-initial-jurisdiction-uac`` (an unaccompanied child in proceedings, INA 208(b)(3)(C));
- for **asylum**, **withholding of removal** and **CAT**: whether it remains available, the bars
  found, the standard of proof, and the reasons step by step, each with its citations.

Every bar is a base rule with named, cited exceptions (:mod:`.screening_bars`); two exceptions that
would decide the same case differently raise :class:`~asylum_teach.exceptions.ConflictingExceptionsError`.
Where the answer belongs to the judge (discretion, a particularly serious crime below the 5-year
per-se line, whether a filing came within a reasonable period), the result says so and lists the
question instead of guessing. The one-year deadline comes from the deadline engine.

"Available" means *not foreclosed by a bar on these facts*; the applicant must still prove the claim.

The 2023-2025 border rules (8 CFR 1208.33, 1208.35, Proclamation 10888), a DHS motion to pretermit
under an asylum cooperative agreement (8 CFR 1240.11(h)) and an incomplete I-589 (8 CFR 1208.3(c)(3))
come from :mod:`.screening_border`, with each rule's court status from the litigation register.

What this teaching model leaves out (do not rely on it for a real case):

- the safe-third-country bar (INA 208(a)(2)(A)) outside an asylum cooperative agreement;
- the frivolous-application bar (INA 208(d)(6)) and credibility and corroboration (208(b)(1)(B)(ii)-(iii));
- whether harm rises to persecution, nexus beyond naming a ground, internal relocation, the state's
  inability or unwillingness to protect, and the presumption from past persecution;
- the "danger to the community" wording of the PSC bar, and how a crime is classified (categorical approach);
- the Mendez Rojas settlement and other class relief that can make a late I-589 timely;
- expedited removal, reinstatement and withholding-only proceedings, and the 2022 asylum-officer
  merits process for credible-fear cases;
- changes of law after the research date, and every [S]/[K] citation, which is marked as such.

>>> import datetime as dt
>>> s = screen({"last_arrival_on": "2021-04-10", "i589_filed_on": "2023-02-14", "in_removal_proceedings": True,
...             "nta_filed_on": "2021-05-10", "protected_grounds": ["religion"]}, dt.date(2026, 3, 2))
>>> s.pathway, s.asylum.available, s.asylum.bars, s.withholding.available, s.cat.form
('defensive', False, ('one-year-bar',), True, 'withholding')
>>> sorted(s.to_dict()), sorted(s.to_dict()["relief"]["cat"])
(['pathway', 'questions', 'reasons', 'relief'], ['available', 'form', 'questions'])
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from asylum_teach.dates import parse_date
from asylum_teach.law.rules import Citation
from asylum_teach.model.facts import as_facts
from asylum_teach.model.validation import check_facts
from asylum_teach.reasoning.screening_bars import ASYLUM_RULES, BARRED, PATHWAY, WITHHOLDING_RULES
from asylum_teach.reasoning.screening_border import (
    CooperativeAgreement,
    IncompleteApplication,
    border_rules,
    pretermission_note,
    withholding_note,
)
from asylum_teach.reasoning.screening_rules import OPEN, Case, Outcome, cite_text, note

PATHWAYS = ("affirmative", "defensive", "uscis-initial-jurisdiction-uac")


@dataclass(frozen=True)
class Relief:
    """The screening result for one form of relief."""

    relief: str
    available: bool
    bars: tuple[str, ...]
    standard_of_proof: Outcome
    steps: tuple[Outcome, ...]
    form: str | None = None  # CAT only: "withholding", "deferral" or None (open)

    @property
    def citations(self) -> tuple[Citation, ...]:
        out = []
        for o in self.steps + (self.standard_of_proof,):
            out += [c for c in o.citations if c not in out]
        return tuple(out)

    @property
    def questions_for_judge(self) -> tuple[str, ...]:
        return tuple(o.question for o in self.steps if o.question)

    @property
    def open_bars(self) -> tuple[str, ...]:
        """Bars that may apply: the rule of every open outcome (a question decides it)."""
        return tuple(dict.fromkeys(o.rule_id for o in self.steps
                                   if o.decision == OPEN and o.rule_id not in ("discretion", "no-protected-ground")))

    def bar_outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.steps if o.decision == BARRED)


@dataclass(frozen=True)
class Screening:
    as_of: _dt.date
    pathway: str
    pathway_steps: tuple[Outcome, ...]
    asylum: Relief
    withholding: Relief
    cat: Relief
    derivatives: tuple[str, ...] = ()

    @property
    def steps(self) -> tuple[tuple[str, Outcome], ...]:
        """Every reason in order, labelled with what it is about."""
        out = [("pathway", o) for o in self.pathway_steps]
        for r in (self.asylum, self.withholding, self.cat):
            out += [(r.relief, o) for o in r.steps] + [(r.relief, r.standard_of_proof)]
        return tuple(out)

    @property
    def reasons(self) -> list[str]:
        """One line per step: what it is about, the explanation, any question for the judge, the citations."""
        lines = []
        for i, (about, o) in enumerate(self.steps, 1):
            q = f" Question for the judge: {o.question}" if o.question else ""
            lines.append(f"{i}. [{about}] {o.explanation}{q} ({'; '.join(cite_text(c) for c in o.citations)})")
        return lines

    def to_dict(self) -> dict:
        """The JSON shape of ``asylum-teach screen --json``."""
        def relief(r: Relief) -> dict:
            return {"available": r.available, "bars": list(r.bars), "open": list(r.open_bars),
                    "questions": list(dict.fromkeys(r.questions_for_judge)),
                    "citations": [cite_text(c) for c in r.citations]}
        questions = [q for r in (self.asylum, self.withholding, self.cat) for q in r.questions_for_judge]
        return {"pathway": self.pathway,
                "relief": {"asylum": relief(self.asylum), "withholding": relief(self.withholding),
                           "cat": {"available": self.cat.available, "form": self.cat.form,
                                   "questions": list(dict.fromkeys(self.cat.questions_for_judge))}},
                "questions": list(dict.fromkeys(questions)),
                "reasons": self.reasons}

    def explain(self) -> str:
        """A readable report for the terminal and notebooks."""
        def line(r: Relief, extra=""):
            state = "available" if r.available else f"BARRED by {', '.join(r.bars)}"
            if r.available and r.open_bars:
                state = f"open: may be barred by {', '.join(r.open_bars)} (see the questions)"
            return f"  {r.relief:<12} {state}{extra}"
        lines = [f"Screening as of {self.as_of.isoformat()} (hypothetical client; a teaching model, not legal advice)",
                 f"  pathway      {self.pathway}",
                 line(self.asylum), line(self.withholding),
                 line(self.cat, f" (form: {self.cat.form or 'open: depends on the judge'})")]
        questions = [q for r in (self.asylum, self.withholding, self.cat) for q in r.questions_for_judge]
        if questions:
            lines.append("Questions for the judge:")
            lines += [f"  - {q}" for q in dict.fromkeys(questions)]
        lines.append("Reasons:")
        lines += [f"  {r}" for r in self.reasons]
        return "\n".join(lines)


def screen(facts, as_of) -> Screening:
    """Screen a case: ``facts`` is a Client, Facts or mapping of glossary facts; ``as_of`` a date."""
    as_of = parse_date(as_of, name="as_of")
    facts = as_facts(facts)
    check_facts(facts, as_of)
    case = Case(facts, as_of)
    pathway = PATHWAY.decide(case)
    assert pathway is not None, "the pathway rule has a default branch, so it always decides"
    steps = [pathway]
    if facts.get("credible_fear_found") and pathway.decision == "defensive":
        steps.append(note("pathway", "pathway-credible-fear", "defensive", case))
    asylum = _relief("asylum", ASYLUM_RULES + border_rules() + (CooperativeAgreement(), IncompleteApplication()),
                     case, "standard-asylum")
    if pathway.decision == "defensive":
        asylum = _with_step(asylum, pretermission_note(case))
    if asylum.available:
        asylum = _with_step(asylum, note("discretion", "asylum-discretion", OPEN, case))
    derivatives = _derivatives(facts)
    if derivatives:
        case.words["names"] = ", ".join(derivatives)
        asylum = _with_step(asylum, note("derivatives", "derivatives", "note", case))
    withholding = _relief("withholding", WITHHOLDING_RULES, case, "standard-withholding")
    withholding = _with_step(withholding, note("withholding", "withholding-not-touched", "not-barred", case))
    border = withholding_note(asylum.steps, case)
    if border is not None:
        withholding = _with_step(withholding, border)
    return Screening(as_of=as_of, pathway=pathway.decision, pathway_steps=tuple(steps), asylum=asylum,
                     withholding=withholding, cat=_cat(withholding, case), derivatives=derivatives)


def _relief(name: str, rules, case: Case, standard: str) -> Relief:
    outcomes: list[Outcome] = [o for o in (rule.decide(case) for rule in rules) if o is not None]
    bars = tuple(o.rule_id for o in outcomes if o.decision == BARRED)
    return Relief(name, available=not bars, bars=bars, standard_of_proof=note(name, standard, "standard", case),
                  steps=tuple(outcomes))


def _with_step(r: Relief, step: Outcome) -> Relief:
    return Relief(r.relief, r.available, r.bars, r.standard_of_proof, r.steps + (step,), r.form)


def _cat(withholding: Relief, case: Case) -> Relief:
    """CAT is always available; its form follows the withholding bars (8 CFR 1208.16(d)(2), 1208.17 [K])."""
    crime_bars = [b for b in withholding.bars if b != "no-protected-ground"]
    if crime_bars:
        form, key = "deferral", "cat-deferral"
    elif any(o.decision == OPEN and o.rule_id != "no-protected-ground" for o in withholding.steps):
        form, key = None, "cat-open"
    else:
        form, key = "withholding", "cat-withholding"
    step = note("cat", key, "available", case)
    return Relief("cat", True, (), note("cat", "standard-cat", "standard", case), (step,), form)


def _derivatives(facts) -> tuple[str, ...]:
    return tuple(f"{m.given_name} ({m.relationship})" for m in facts.get("family_members") or () if m.can_be_derivative)
