"""A short intake narrative written from a client's facts, in plain words.

The narrative only restates facts; it never adds a fact the screening could not see, so a student
who reads it and a student who reads the facts table are working the same case.

>>> from asylum_teach.model.facts import Facts
>>> print(intake_narrative("Ana Ruiz", 34, Facts({"country_of_nationality": "Honduras", "language": "Spanish",
...     "interpreter_needed": True, "last_arrival_on": "2025-04-02", "protected_grounds": ["political_opinion"],
...     "persecutor_type": "state", "in_removal_proceedings": False})))
HYPOTHETICAL CLIENT (invented for teaching). Ana Ruiz, 34, is a national of Honduras. Ana's best language is Spanish; an interpreter will be needed. Ana last arrived in the United States on April 2, 2025. Ana fears harm from state authorities because of political opinion. Ana is not in removal proceedings.
"""

from __future__ import annotations

from asylum_teach.model.facts import Facts

_GROUND_WORDS = {"race": "race", "religion": "religion", "nationality": "nationality",
                 "political_opinion": "political opinion",
                 "particular_social_group": "membership in a particular social group"}


def intake_narrative(name: str, age: int, facts: Facts, as_of=None) -> str:
    """Sentences in a fixed order: who, language, arrival, claim, posture, filings, record, family.

    With ``as_of``, hearings before that date are told in the past tense.
    """
    first = name.split()[0]
    f = facts.get
    out = ["HYPOTHETICAL CLIENT (invented for teaching).", f"{name}, {age}, is a national of "
           f"{f('country_of_nationality') or 'a country not yet recorded'}."]
    if f("language"):
        out.append(f"{first}'s best language is {f('language')}"
                   + ("; an interpreter will be needed." if f("interpreter_needed") else "."))
    if f("last_arrival_on"):
        out.append(f"{first} last arrived in the United States on {_d(f('last_arrival_on'))}"
                   + (" as a child travelling without a parent or guardian." if f("unaccompanied_child") else "."))
    if f("entry_place"):
        out.append(_ENTRY_WORDS[f("entry_place")].format(first=first) + _PATHWAY_WORDS.get(f("lawful_pathway"), "."))
    if f("credible_fear_found"):
        out.append(f"After {first} expressed fear, an asylum officer found a credible fear.")
    out += _claim(first, facts) + _posture(first, facts, as_of) + _record(first, facts) + _family(first, facts)
    return " ".join(out)


_ENTRY_WORDS = {
    "southwest-land-border-between-ports": "{first} crossed the southwest land border between ports of entry",
    "southwest-land-border-port-of-entry": "{first} presented at a port of entry on the southwest land border",
    "other": "{first} did not come across the southwest land border",
}
_PATHWAY_WORDS = {
    "cbp-one-appointment": ", at a time scheduled through the CBP One app.",
    "parole": ", under a grant of parole.",
    "denied-protection-in-transit-country": ", after being denied protection in a country on the way.",
    "none": ", with no appointment, parole or denial of protection on the way.",
}


def _d(day) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _claim(first, facts) -> list[str]:
    grounds = facts.get("protected_grounds")
    out = []
    if grounds:
        who = {"state": "state authorities", "non_state": "a non-state actor"}.get(facts.get("persecutor_type"),
                                                                                  "people at home")
        out.append(f"{first} fears harm from {who} because of "
                   f"{' and '.join(_GROUND_WORDS[g] for g in grounds)}.")
    if facts.get("past_persecution"):
        out.append(f"{first} describes serious harm suffered before leaving.")
    if facts.get("changed_circumstances"):
        out.append("Something changed after arrival that bears on the claim.")
    if facts.get("extraordinary_circumstances"):
        out.append("Circumstances beyond their control delayed the filing.")
    return out


#: (fact, sentence): the sentence is told when the fact is true or given; {first} and {value} are filled in.
_POSTURE = (
    ("affirmative_application_filed_on", "{first} filed an asylum application with USCIS on {value}."),
    ("affirmative_referred_to_court", "USCIS did not grant it and referred the case to the immigration court."),
    ("nta_served_on", "DHS served a Notice to Appear on {value}."),
    ("detained", "{first} is detained."),
    ("master_calendar_hearing_on", "The master calendar hearing is set for {value}."),
    ("in_absentia_order_on", "{first} missed that hearing and was ordered removed in absentia on {value}."),
    ("i589_filed_on", "The I-589 was filed on {value}."),
    ("individual_hearing_on", "The individual hearing is set for {value}."),
    ("ij_decision_on", "The judge decided the case on {value}."),
    ("bia_appeal_filed_on", "An appeal reached the Board on {value}."),
    ("bia_decision_on", "The Board decided it on {value}."),
)
_RECORD = (
    ("aggravated_felony", "{first} has a conviction the government calls an aggravated felony."),
    ("aggregate_sentence_years", "The sentences imposed total {value:g} years."),
    ("persecutor_of_others", "Records suggest {first} took part in persecuting others."),
    ("serious_nonpolitical_crime", "There are reports that {first} committed a serious crime abroad."),
    ("security_or_terrorism_bar", "DHS says a security or terrorism-related ground applies to {first}."),
    ("firmly_resettled", "Before coming here {first} was firmly resettled in another country."),
    ("prior_asylum_denial", "An earlier asylum application by {first} was denied."),
)


def _posture(first, facts, as_of=None) -> list[str]:
    out = _told(first, facts, _POSTURE)
    for name in ("master_calendar_hearing_on", "individual_hearing_on"):
        day = facts.get(name)
        if day and as_of and day < as_of:
            out = [x.replace(f"is set for {_d(day)}", f"took place on {_d(day)}") for x in out]
    if facts.get("in_removal_proceedings") is False:
        out.append(f"{first} is not in removal proceedings.")
    if facts.get("i589_filed_on") and facts.get("i589_filed_on") == facts.get("affirmative_application_filed_on"):
        out.remove(f"The I-589 was filed on {_d(facts['i589_filed_on'])}.")
    return out


def _record(first, facts) -> list[str]:
    return _told(first, facts, _RECORD)


def _told(first, facts, table) -> list[str]:
    out = []
    for name, sentence in table:
        value = facts.get(name)
        if value:
            out.append(sentence.format(first=first, value=_d(value) if hasattr(value, "isoformat") else value))
    return out


def _family(first, facts) -> list[str]:
    members = facts.get("family_members") or ()
    if not members:
        return []
    parts = [f"{m.relationship} {m.given_name}" + (" (in the US)" if m.in_united_states else "") for m in members]
    return [f"Family: {', '.join(parts)}."]
