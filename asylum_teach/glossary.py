"""The one vocabulary of fact names.

Every fact about a hypothetical client or a case is named here once, with its type and meaning. Rules,
screening, timelines, notebooks, exercises and the CLI use exactly these names (STYLE P11). A name that
is not here is an error, never silently ignored.

>>> FACTS["detained"].kind
'bool'
>>> coerce_fact("applicant_delay_days", "12")
12
>>> coerce_fact("detained", "yes")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import UnknownFactError

PROTECTED_GROUNDS = ("race", "religion", "nationality", "political_opinion", "particular_social_group")
ENTRY_PLACES = ("southwest-land-border-between-ports", "southwest-land-border-port-of-entry", "other")
LAWFUL_PATHWAYS = ("cbp-one-appointment", "parole", "denied-protection-in-transit-country", "none")


@dataclass(frozen=True)
class FactSpec:
    name: str
    kind: str  # bool | int | date | str | choice | list | family
    meaning: str
    choices: tuple[str, ...] = field(default=())
    cites: tuple[str, ...] = field(default=())  # ids in the citation registry (data/citations.yaml)


def _f(name, kind, meaning, choices=(), cites=()):
    return FactSpec(name, kind, meaning, tuple(choices), tuple(cites))


_SPECS = [
    # --- time line of the case
    _f("last_arrival_on", "date", "Date of the applicant's most recent arrival in the United States (Matter of F-P-R-)."),
    _f("nta_served_on", "date", "Date the Notice to Appear was served on the respondent (INA 239(a))."),
    _f("nta_filed_on", "date", "Date DHS filed the Notice to Appear with the immigration court, giving it jurisdiction."),
    _f("master_calendar_hearing_on", "date", "Date of the (first) master calendar hearing."),
    _f("individual_hearing_on", "date", "Date of the individual (merits) hearing."),
    _f("i589_filed_on", "date", "Date the Form I-589 was received by the court (defensive) or USCIS (affirmative)."),
    _f("ij_decision_on", "date", "Date of the immigration judge's decision (oral) or its service (written)."),
    _f("bia_decision_on", "date", "Date of the Board of Immigration Appeals' decision."),
    _f("affirmative_application_filed_on", "date", "Date an affirmative I-589 was filed with USCIS."),
    _f("biometrics_due_on", "date", "Date the judge set for completing biometrics (8 CFR 1003.47).",
       cites=["cfr-1003-47"]),
    _f("in_absentia_order_on", "date", "Date the judge ordered removal in absentia after a missed hearing (INA 240(b)(5)(A))."),
    _f("bia_appeal_filed_on", "date", "Date the Board received the notice of appeal (Form EOIR-26)."),
    _f("entry_place", "choice", "Where the applicant last entered: across the southwest land border between ports of "
       "entry, at a southwest land port of entry, or elsewhere (an airport, the northern border, the sea).", ENTRY_PLACES),
    _f("lawful_pathway", "choice", "How the applicant came, for the 2023-2025 border rules: a CBP One appointment at a "
       "port of entry, parole or another DHS-approved process, after being denied protection in a transit country, "
       "or none of these (8 CFR 1208.33(a)(2)).", LAWFUL_PATHWAYS),
    _f("transited_third_country", "bool", "Travelled through a country other than the country of nationality before "
       "entering (8 CFR 1208.33(a)(1)); if not given, a non-Mexican national who crossed the southwest land border "
       "is taken to have come through Mexico."),
    _f("exceptionally_compelling_circumstances", "bool", "At entry the applicant faced an acute medical emergency or an "
       "imminent and extreme threat to life or safety, or was a victim of a severe form of trafficking: this rebuts "
       "the border rules' presumption (8 CFR 1208.33(a)(3); 1208.35(c))."),
    # --- procedural posture
    _f("in_removal_proceedings", "bool", "An NTA has been filed with the immigration court."),
    _f("detained", "bool", "The respondent is in DHS custody (detained docket)."),
    _f("unaccompanied_child", "bool", "The applicant is an unaccompanied alien child (6 U.S.C. 279(g); INA 208(a)(2)(E), (b)(3)(C))."),
    _f("affirmative_referred_to_court", "bool", "USCIS did not grant an affirmative application and referred it to the court."),
    _f("credible_fear_found", "bool", "An asylum officer found a credible fear (INA 235(b)(1)(B))."),
    _f("applicant_delay_days", "int", "Days of delay requested or caused by the applicant, which stop the asylum EAD clock (8 CFR 208.7(a)(2))."),
    _f("asylum_decided_on_merits", "bool", "The IJ decision granted or denied asylum on the merits (not on a threshold bar); it "
       "would have mattered under the 2026 BIA 10-day appeal rule, which a court vacated before it took effect."),
    _f("aca_motion_country", "str", "The third country named in a DHS motion to pretermit under an asylum cooperative "
       "agreement (INA 208(a)(2)(A); 8 CFR 1240.11(h)); absent if DHS made no such motion."),
    _f("aca_country_risk_shown", "bool", "The applicant showed it is more likely than not that they would be persecuted on "
       "a protected ground, or tortured, in the agreement country (Matter of C-I-G-M- & L-V-S-G-, 29 I&N Dec. 291 "
       "(BIA 2025))."),
    _f("i589_complete", "bool", "The I-589 answers every question, is signed and has its required materials "
       "(8 CFR 1208.3(c)(3)); a missing declaration does not make it incomplete (Matter of C-A-R-R-)."),
    _f("in_absentia_reason", "choice", "Why the respondent missed the hearing, for rescinding an in-absentia order (INA 240(b)(5)(C)).",
       ("exceptional_circumstances", "lack_of_notice", "in_custody")),
    _f("changed_country_conditions", "bool", "A motion to reopen rests on material, previously unavailable evidence of changed country conditions (INA 240(c)(7)(C)(ii))."),
    # --- the claim
    _f("protected_grounds", "list", "Grounds of the claim (INA 101(a)(42)(A)).", PROTECTED_GROUNDS),
    _f("persecutor_type", "choice", "Who the feared persecutor is.", ("state", "non_state")),
    _f("past_persecution", "bool", "The applicant suffered past persecution."),
    _f("changed_circumstances", "bool", "Changed circumstances materially affect eligibility (INA 208(a)(2)(D))."),
    _f("extraordinary_circumstances", "bool", "Extraordinary circumstances relate to the delay in filing (INA 208(a)(2)(D))."),
    _f("filed_within_reasonable_period", "bool", "After the changed or extraordinary circumstances, the I-589 was filed within a reasonable period (a question for the judge)."),
    # --- bars
    _f("persecutor_of_others", "bool", "Ordered, incited, assisted or otherwise participated in persecution (INA 208(b)(2)(A)(i))."),
    _f("aggravated_felony", "bool", "Convicted of an aggravated felony (INA 101(a)(43)).", cites=["ina-101-a-43"]),
    _f("aggregate_sentence_years", "float", "Aggregate term of imprisonment imposed for aggravated felonies, in years (INA 241(b)(3)(B))."),
    _f("particularly_serious_crime", "bool", "Convicted of a particularly serious crime as found by the judge (INA 208(b)(2)(A)(ii))."),
    _f("serious_nonpolitical_crime", "bool", "Serious reasons to believe a serious nonpolitical crime was committed abroad (INA 208(b)(2)(A)(iii))."),
    _f("security_or_terrorism_bar", "bool", "A danger to US security or a terrorism-related ground applies (INA 208(b)(2)(A)(iv)-(v))."),
    _f("firmly_resettled", "bool", "Firmly resettled in another country before arriving (INA 208(b)(2)(A)(vi))."),
    _f("prior_asylum_denial", "bool", "A previous asylum application was denied (INA 208(a)(2)(C))."),
    # --- person
    _f("country_of_nationality", "str", "Country of nationality (hypothetical client)."),
    _f("language", "str", "Best language for the hearing."),
    _f("interpreter_needed", "bool", "An interpreter is needed at hearings."),
    _f("family_members", "family", "Family members: each with relationship and whether they can be a derivative."),
]

FACTS: dict[str, FactSpec] = {s.name: s for s in _SPECS}

_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


def coerce_fact(name: str, value):
    """Check a fact name against the glossary and convert a value (often a CLI string) to its type."""
    spec = FACTS.get(name)
    if spec is None:
        close = _closest(name, FACTS)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownFactError(f"unknown fact {name!r}.{hint} Known facts: {', '.join(sorted(FACTS))}")
    if value is None:
        return None
    kind = spec.kind
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise UnknownFactError(f"fact {name}: {value!r} is not true/false")
    if kind in ("int", "float"):
        if isinstance(value, bool):
            raise UnknownFactError(f"fact {name}: {value!r} is not a number")
        try:
            number = int(value) if kind == "int" else float(value)
        except (TypeError, ValueError):
            raise UnknownFactError(f"fact {name}: {value!r} is not a {'whole ' if kind == 'int' else ''}number") from None
        if number < 0:
            raise UnknownFactError(f"fact {name}: {value!r} cannot be negative")
        return number
    if kind == "date":
        return parse_date(value, name=f"fact {name}")
    if kind == "choice":
        text = str(value).strip()
        if text not in spec.choices:
            raise UnknownFactError(f"fact {name}: {text!r} is not one of {', '.join(spec.choices)}")
        return text
    if kind == "list":
        if not isinstance(value, (str, list, tuple, set, frozenset)):
            raise UnknownFactError(f"fact {name}: {value!r} is not a list")
        items = value.split(",") if isinstance(value, str) else list(value)
        items = [str(i).strip() for i in items if str(i).strip()]
        bad = [i for i in items if spec.choices and i not in spec.choices]
        if bad:
            raise UnknownFactError(f"fact {name}: unknown value {bad[0]!r}; expected any of {', '.join(spec.choices)}")
        return tuple(items)
    if kind == "str":
        return str(value)
    return value


def coerce_facts(facts: Mapping | None) -> dict:
    """Coerce a mapping of fact names to values, rejecting unknown names."""
    return {k: coerce_fact(k, v) for k, v in (facts or {}).items()}


def _closest(word: str, options) -> list[str]:
    import difflib

    return difflib.get_close_matches(word, list(options), n=3, cutoff=0.6)
