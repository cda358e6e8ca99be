"""Words for people: a label for every glossary fact and policy, and dates written out.

The library names things for code (``in_removal_proceedings``, ``executive_order_closures``,
``removal_ordered``); a student reads "In removal proceedings", "Executive-order closures", "Removal
ordered". Every student-facing table, widget and explanation takes its words from here, so a name is
translated once. A fact or policy name is shown only where the student must type it, and then next to
its label (:func:`named`).

>>> fact_label("nta_served_on")
'Notice to Appear served'
>>> written(__import__("datetime").date(2026, 7, 3))
'Friday 3 July 2026'
>>> choice_label("removal_ordered"), choice_label("in_person")
('Removal ordered', 'In person')
>>> named("executive_order_closures")
'Executive-order closures (<code>executive_order_closures</code>)'
"""

from __future__ import annotations

import datetime as _dt
from html import escape

from asylum_teach.glossary import FACTS

#: A short label for every fact in the glossary (the glossary's ``meaning`` is the long explanation).
FACT_LABELS = {
    "last_arrival_on": "Last arrival in the US",
    "nta_served_on": "Notice to Appear served",
    "nta_filed_on": "Notice to Appear filed with the court",
    "master_calendar_hearing_on": "Master calendar hearing",
    "individual_hearing_on": "Individual (merits) hearing",
    "i589_filed_on": "I-589 received",
    "ij_decision_on": "Immigration judge's decision",
    "bia_decision_on": "Board (BIA) decision",
    "affirmative_application_filed_on": "Affirmative I-589 filed with USCIS",
    "biometrics_due_on": "Biometrics due (judge's date)",
    "in_absentia_order_on": "In-absentia removal order",
    "bia_appeal_filed_on": "Notice of appeal received by the Board",
    "entry_place": "Where the client entered",
    "lawful_pathway": "How the client came (lawful pathway)",
    "transited_third_country": "Travelled through another country first",
    "exceptionally_compelling_circumstances": "Exceptionally compelling circumstances at entry",
    "in_removal_proceedings": "In removal proceedings",
    "detained": "Detained",
    "unaccompanied_child": "Unaccompanied child",
    "affirmative_referred_to_court": "Referred to the court by USCIS",
    "credible_fear_found": "Credible fear found",
    "applicant_delay_days": "Delay caused by the applicant (days)",
    "asylum_decided_on_merits": "Asylum decided on the merits",
    "aca_motion_country": "Country named in a motion to pretermit (cooperative agreement)",
    "aca_country_risk_shown": "Risk in the agreement country shown",
    "i589_complete": "I-589 complete",
    "in_absentia_reason": "Why the hearing was missed",
    "changed_country_conditions": "Changed country conditions",
    "protected_grounds": "Protected grounds",
    "persecutor_type": "Who the persecutor is",
    "past_persecution": "Past persecution",
    "changed_circumstances": "Changed circumstances",
    "extraordinary_circumstances": "Extraordinary circumstances",
    "filed_within_reasonable_period": "Filed within a reasonable period",
    "persecutor_of_others": "Persecuted others",
    "aggravated_felony": "Aggravated felony conviction",
    "aggregate_sentence_years": "Aggregate sentence (years)",
    "particularly_serious_crime": "Particularly serious crime",
    "serious_nonpolitical_crime": "Serious nonpolitical crime abroad",
    "security_or_terrorism_bar": "Security or terrorism ground",
    "firmly_resettled": "Firmly resettled elsewhere",
    "prior_asylum_denial": "Asylum denied before",
    "country_of_nationality": "Country of nationality",
    "language": "Language",
    "interpreter_needed": "Interpreter needed",
    "family_members": "Family members",
}

#: The open questions (policies of ``data/policies.yaml``), as a student reads them.
POLICY_LABELS = {
    "observed_holidays": "Observed holidays",
    "executive_order_closures": "Executive-order closures",
    "inauguration_day": "Inauguration Day",
    "leap_day_arrival": "Leap-day arrival",
    "count_back_roll": "Counting back: closed day",
    "bia_appeal_vacatur": "2026 BIA 10-day rule",
    "bia_briefing_2026": "2026 BIA briefing schedule",
}

#: Words for values the library spells for code: choices, statuses, pathways, outcomes, bars.
CHOICES = {
    "in_person": "In person", "video": "Video", "oral": "Oral", "written": "Written",
    "removal_ordered": "Removal ordered", "in_absentia_order": "Removal ordered in absentia",
    "asylum_granted": "Asylum granted", "withholding_granted": "Withholding granted", "cat_granted": "CAT granted",
    "pre_conclusion": "Before the end of proceedings", "at_conclusion": "At the end of proceedings",
    "affirmative": "Affirmative (USCIS)", "defensive": "Defensive (immigration judge)",
    "uscis-initial-jurisdiction-uac": "USCIS first (unaccompanied child)",
    "not-applicable": "Not applicable", "not-holiday": "Not a holiday", "feb-28": "28 February",
    "next-business-day": "Next business day", "previous-business-day": "Previous business day",
    "exceptional_circumstances": "Exceptional circumstances", "lack_of_notice": "No notice of the hearing",
    "in_custody": "In custody", "non_state": "Not the state", "state": "The state",
    "political_opinion": "Political opinion", "particular_social_group": "Particular social group",
    "southwest-land-border-between-ports": "Southwest border, between ports",
    "southwest-land-border-port-of-entry": "Southwest border, at a port of entry",
    "cbp-one-appointment": "CBP One appointment", "denied-protection-in-transit-country":
        "Denied protection in a transit country",
    "one-year-bar": "One-year bar", "prior-denial-bar": "Prior-denial bar", "persecutor-bar": "Persecutor bar",
    "firm-resettlement-bar": "Firm-resettlement bar", "particularly-serious-crime-bar":
        "Particularly serious crime bar", "serious-nonpolitical-crime-bar": "Serious nonpolitical crime bar",
    "security-bar": "Security or terrorism bar",
}


def humanize(name: str) -> str:
    """A readable fallback for a name with no label: words, first one capitalised."""
    text = str(name).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def fact_label(name: str) -> str:
    return FACT_LABELS.get(name) or humanize(name)


def policy_label(name: str) -> str:
    return POLICY_LABELS.get(name) or humanize(name)


def choice_label(value) -> str:
    if value is None:
        return "None"
    return CHOICES.get(str(value)) or humanize(value)


def named(name: str) -> str:
    """HTML: a fact's or policy's label with the name a student types beside it, for answers in code."""
    label = FACT_LABELS.get(name) or POLICY_LABELS.get(name) or humanize(name)
    return f"{escape(label)} (<code>{escape(name)}</code>)"


def written(day) -> str:
    """A date as a person writes it: ``Friday 3 July 2026`` ("-" for no date)."""
    if day is None:
        return "-"
    if isinstance(day, str):
        from asylum_teach.dates import parse_date

        day = parse_date(day, name="date")
    if isinstance(day, _dt.datetime):
        day = day.date()
    return f"{day:%A} {day.day} {day:%B %Y}"


def value_text(name: str, value) -> str:
    """A fact's value in words: dates written out, yes/no, choices and lists labelled."""
    kind = FACTS[name].kind if name in FACTS else None
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, _dt.date):
        return written(value)
    if kind == "family":
        return "; ".join(f"{m.given_name} ({m.relationship}" + (", can be a derivative)" if m.can_be_derivative
                                                                  else ")") for m in value) or "none"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(choice_label(v) for v in value) or "none"
    if kind == "choice":
        return choice_label(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
