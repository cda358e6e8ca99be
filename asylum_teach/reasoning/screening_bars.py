"""The pathway rule and the bars, each a base rule with named, cited exceptions (STYLE P4).

Conditions read glossary facts. A bar fact that is absent means "no evidence of the bar" (False);
a finding reserved to the judge that is absent (``filed_within_reasonable_period``,
``particularly_serious_crime`` below the per-se line) is an open question (None).

Wording and citations for every branch id are in ``data/screening.yaml``.

>>> import datetime as dt
>>> from asylum_teach.model.facts import Facts
>>> case = Case(Facts({"aggravated_felony": True, "aggregate_sentence_years": 6}), dt.date(2026, 3, 2))
>>> out = WITHHOLDING_PSC.decide(case)
>>> out.decision, out.exception_id
('barred', 'withholding-psc-per-se')
>>> WITHHOLDING_PSC.decide(Case(case.facts.replace(particularly_serious_crime=False), None))
Traceback (most recent call last):
...
asylum_teach.exceptions.ConflictingExceptionsError: particularly-serious-crime-bar: exception withholding-psc-not-found says 'not-barred' but exception withholding-psc-per-se says 'barred' for the same case; the facts contradict each other, fix one of them
"""

from __future__ import annotations

from asylum_teach.law.engine import deadline_for
from asylum_teach.reasoning.screening_rules import Branch, Case, DefeasibleRule, all3

BARRED, NOT_BARRED = "barred", "not-barred"


def _yes(name):
    return lambda c: c.fact(name) is True


def _in_proceedings(c: Case) -> bool:
    return c.fact("in_removal_proceedings") is True or c.fact("nta_filed_on") is not None


# ----------------------------------------------------------------------------------------- pathway
PATHWAY = DefeasibleRule(
    "pathway",
    base=Branch("pathway-in-proceedings", "defensive", _in_proceedings),
    default=Branch("pathway-not-in-proceedings", "affirmative", lambda c: True),
    exceptions=(
        Branch("pathway-uac", "uscis-initial-jurisdiction-uac",
               lambda c: c.fact("unaccompanied_child") is True and _in_proceedings(c)),
        # A UAC case USCIS did not grant is referred back to the judge: this exception beats the one above.
        Branch("pathway-referred", "defensive", _yes("affirmative_referred_to_court"), overrides=("pathway-uac",)),
    ),
)


# ---------------------------------------------------------------------------------- one-year rule
def one_year_status(c: Case) -> str:
    """Compare the filing (or the as-of date) with the engine's one-year deadline; cache in the case.

    Returns ``timely``, ``not-yet``, ``late``, ``unclear`` (between the safe date and the latest
    reading), ``no-arrival`` or ``not-applicable``. The deadline itself always comes from the engine.
    """
    if "one_year" in c.scratch:
        return c.scratch["one_year"]
    status = _one_year(c)
    c.scratch["one_year"] = status
    return status


def _one_year(c: Case) -> str:
    arrival = c.fact("last_arrival_on")
    if arrival is None:
        return "no-arrival"
    d = deadline_for("one-year-asylum", arrival, as_of=c.as_of, facts=c.facts)
    c.scratch["one_year_deadline"] = d
    if not d.applicable or d.due is None or d.safe_date is None:
        return "not-applicable"
    due, safe, as_of = d.due, d.safe_date, c.as_of
    assert as_of is not None, "screening always has an as-of date"
    filings = [x for x in (c.fact("i589_filed_on"), c.fact("affirmative_application_filed_on")) if x]
    filed = min(filings) if filings else None
    last = max([due] + [a.date for a in d.alternatives])
    c.words.update(safe=safe.isoformat(), due=due.isoformat(), last=last.isoformat(),
                   as_of=as_of.isoformat(),
                   filed=filed.isoformat() if filed else "",
                   filed_words=f"filed {filed.isoformat()}" if filed else f"not filed as of {as_of.isoformat()}")
    when = filed or as_of
    if when <= safe:
        return "timely" if filed else "not-yet"
    return "late" if when > last else "unclear"


def _late(c: Case) -> bool | None:
    return {"late": True, "unclear": None, "no-arrival": None}.get(one_year_status(c), False)


def _excused_by(name):
    def when(c: Case):
        if c.fact(name) is not True or _late(c) is False:
            return False
        return all3(c.fact("filed_within_reasonable_period"))
    return when


ONE_YEAR = DefeasibleRule(
    "one-year-bar",
    base=Branch("one-year-late", BARRED, _late,
                say=lambda c: {"unclear": "one-year-unclear", "no-arrival": "one-year-no-arrival"}.get(
                    one_year_status(c), "one-year-late")),
    default=Branch("one-year-timely", NOT_BARRED, lambda c: True,
                   say=lambda c: "one-year-not-yet" if one_year_status(c) == "not-yet" else "one-year-timely"),
    exceptions=(
        Branch("one-year-uac", NOT_BARRED, _yes("unaccompanied_child")),
        Branch("one-year-changed-circumstances", NOT_BARRED, _excused_by("changed_circumstances")),
        Branch("one-year-extraordinary-circumstances", NOT_BARRED, _excused_by("extraordinary_circumstances")),
    ),
)

def _changed_after_denial(c: Case) -> bool | None:
    """Claimed changed circumstances leave the prior-denial bar open: whether they materially affect
    eligibility is for the judge (INA 208(a)(2)(D)), and no fact records that finding."""
    if c.fact("prior_asylum_denial") is True and c.fact("changed_circumstances") is True:
        return None
    return False


PRIOR_DENIAL = DefeasibleRule(
    "prior-denial-bar",
    base=Branch("prior-denial", BARRED, _yes("prior_asylum_denial")),
    exceptions=(Branch("prior-denial-changed-circumstances", NOT_BARRED, _changed_after_denial),),
)


# ------------------------------------------------------------------------ particularly serious crime
def _sentence(c: Case):
    years = c.fact("aggregate_sentence_years")
    if years is not None:
        c.words["years"] = years
    return years


def _psc(prefix: str, *exceptions: Branch) -> DefeasibleRule:
    """Base: the judge found a particularly serious crime; exceptions: found not, plus the relief's own."""
    return DefeasibleRule("particularly-serious-crime-bar",
                          base=Branch(f"{prefix}-psc-found", BARRED, _yes("particularly_serious_crime")),
                          exceptions=(Branch(f"{prefix}-psc-not-found", NOT_BARRED,
                                             lambda c: c.fact("particularly_serious_crime") is False), *exceptions))


# INA 208(b)(2)(B)(i): for asylum an aggravated felony is a PSC, whatever a finding says otherwise.
ASYLUM_PSC = _psc("asylum", Branch("asylum-aggravated-felony", BARRED, _yes("aggravated_felony"),
                                   overrides=("asylum-psc-not-found",)))


def _per_se(c: Case) -> bool:
    years = _sentence(c)
    return c.fact("aggravated_felony") is True and years is not None and years >= 5


def _judge_must_decide(sentence_known: bool):
    """Open (None) when there is an aggravated felony, no finding, and the sentence is below the line
    (``sentence_known``) or not given (not ``sentence_known``)."""
    def when(c: Case):
        years = _sentence(c)
        shown = years is not None and years < 5 if sentence_known else years is None
        undecided = c.fact("aggravated_felony") is True and c.fact("particularly_serious_crime") is None
        return None if shown and undecided else False
    return when


# INA 241(b)(3)(B): 5 years aggregate is per se; below that the judge decides.
WITHHOLDING_PSC = _psc("withholding",
                       Branch("withholding-psc-per-se", BARRED, _per_se),
                       Branch("withholding-psc-below-line", BARRED, _judge_must_decide(sentence_known=True)),
                       Branch("withholding-psc-sentence-unknown", BARRED, _judge_must_decide(sentence_known=False)))


# ------------------------------------------------------------------------------------- simple bars
def _simple(rule_id: str, branch_id: str, fact: str) -> DefeasibleRule:
    return DefeasibleRule(rule_id, base=Branch(branch_id, BARRED, _yes(fact)))


def _grounds(c: Case):
    grounds = c.fact("protected_grounds")
    return None if grounds is None else len(grounds) == 0


NEXUS = DefeasibleRule("no-protected-ground", base=Branch(
    "no-protected-ground", BARRED, _grounds,
    say=lambda c: "protected-ground-unknown" if c.fact("protected_grounds") is None else "no-protected-ground"))

ASYLUM_RULES = (
    NEXUS,
    ONE_YEAR,
    PRIOR_DENIAL,
    _simple("persecutor-bar", "asylum-persecutor", "persecutor_of_others"),
    ASYLUM_PSC,
    _simple("serious-nonpolitical-crime-bar", "asylum-serious-nonpolitical", "serious_nonpolitical_crime"),
    _simple("security-bar", "asylum-security", "security_or_terrorism_bar"),
    _simple("firm-resettlement-bar", "asylum-firm-resettlement", "firmly_resettled"),
)

WITHHOLDING_RULES = (
    NEXUS,
    _simple("persecutor-bar", "withholding-persecutor", "persecutor_of_others"),
    WITHHOLDING_PSC,
    _simple("serious-nonpolitical-crime-bar", "withholding-serious-nonpolitical", "serious_nonpolitical_crime"),
    _simple("security-bar", "withholding-security", "security_or_terrorism_bar"),
)
