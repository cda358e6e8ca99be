"""Cross-field checks on a case's facts, as of a given date.

Types are checked when :class:`~asylum_teach.model.facts.Facts` is built. This module checks that the
facts make sense *together* and *as of* a date, and names the offending field in every message:

- a past event (arrival, NTA service, filings, decisions) cannot be after the as-of date; hearings and
  the biometrics date may be scheduled in the future;
- events happen in the order the proceedings require (arrival before NTA service, decision before
  appeal, ...);
- a sentence needs a conviction; a decision needs proceedings.

>>> import datetime as dt
>>> from asylum_teach.model.facts import Facts
>>> AS_OF = dt.date(2026, 1, 15)
>>> check_facts(Facts({"last_arrival_on": "2025-06-01", "nta_served_on": "2025-05-01"}), AS_OF)
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: last_arrival_on: 2025-06-01 is after nta_served_on 2025-05-01; the Notice to Appear is served after the arrival it charges
>>> check_facts(Facts({"i589_filed_on": "2026-02-01"}), AS_OF)
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: i589_filed_on: 2026-02-01 is after the as-of date 2026-01-15; a past event cannot be in the future
>>> check_facts(Facts({"aggregate_sentence_years": 2}), AS_OF)
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: aggregate_sentence_years: a sentence of 2.0 years is given but aggravated_felony is not true; a sentence needs a conviction
>>> check_facts(Facts({"individual_hearing_on": "2026-09-01", "in_removal_proceedings": True}), AS_OF)
"""

from __future__ import annotations

import datetime as _dt

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.glossary import FACTS
from asylum_teach.model.facts import Facts

#: Date facts that may lie after the as-of date because a court or DHS schedules them.
SCHEDULED_FACTS = ("master_calendar_hearing_on", "individual_hearing_on", "biometrics_due_on")

#: (earlier, later, why): when both are known, ``earlier`` may not be after ``later``.
ORDER = (
    ("last_arrival_on", "nta_served_on", "the Notice to Appear is served after the arrival it charges"),
    ("nta_served_on", "master_calendar_hearing_on", "the first hearing follows service of the NTA (INA 239(b)(1))"),
    ("master_calendar_hearing_on", "individual_hearing_on", "the individual hearing follows the master calendar hearing"),
    ("affirmative_application_filed_on", "nta_filed_on", "a referred affirmative case reaches the court after it was "
     "filed with USCIS (a child's case can start in court and go to USCIS, so this is not checked for unaccompanied_child)"),
    ("nta_filed_on", "ij_decision_on", "the judge decides only after the NTA starts proceedings"),
    ("nta_filed_on", "in_absentia_order_on", "an in-absentia order is made in proceedings the NTA started"),
    ("ij_decision_on", "bia_appeal_filed_on", "an appeal follows the judge's decision"),
    ("ij_decision_on", "bia_decision_on", "the Board reviews the judge's decision"),
    ("bia_appeal_filed_on", "bia_decision_on", "the Board decides after the appeal is filed"),
)

#: Facts that only exist once removal proceedings have started.
NEEDS_PROCEEDINGS = ("nta_filed_on", "master_calendar_hearing_on", "individual_hearing_on", "ij_decision_on",
                     "in_absentia_order_on", "bia_appeal_filed_on", "bia_decision_on")

#: (fact, prerequisite): the first is meaningless without the second.
NEEDS = (
    ("bia_decision_on", "ij_decision_on"),
    ("bia_appeal_filed_on", "ij_decision_on"),
    ("in_absentia_reason", "in_absentia_order_on"),
    ("aca_country_risk_shown", "aca_motion_country"),
)


def check_facts(facts: Facts, as_of: _dt.date) -> None:
    """Raise :class:`InvalidInputError` naming the first fact that does not fit; return None if all fit."""
    _check_not_future(facts, as_of)
    _check_order(facts)
    _check_prerequisites(facts)
    if facts.get("lawful_pathway") == "cbp-one-appointment" and facts.get("entry_place") not in (
            None, "southwest-land-border-port-of-entry"):
        raise InvalidInputError(f"lawful_pathway: cbp-one-appointment means presenting at a port of entry at a "
                                f"scheduled time, but entry_place is {facts.get('entry_place')}")
    sentence = facts.get("aggregate_sentence_years")
    if sentence and facts.get("aggravated_felony") is not True:
        raise InvalidInputError(f"aggregate_sentence_years: a sentence of {sentence} years is given but "
                                "aggravated_felony is not true; a sentence needs a conviction")


def _check_not_future(facts: Facts, as_of: _dt.date) -> None:
    for name, value in facts.items():
        if FACTS[name].kind == "date" and name not in SCHEDULED_FACTS and value > as_of:
            raise InvalidInputError(f"{name}: {value.isoformat()} is after the as-of date {as_of.isoformat()}; "
                                    "a past event cannot be in the future")


def _check_order(facts: Facts) -> None:
    for earlier, later, why in ORDER:
        if earlier == "affirmative_application_filed_on" and facts.get("unaccompanied_child"):
            continue
        a, b = facts.get(earlier), facts.get(later)
        if a is not None and b is not None and a > b:
            raise InvalidInputError(f"{earlier}: {a.isoformat()} is after {later} {b.isoformat()}; {why}")


def _check_prerequisites(facts: Facts) -> None:
    if facts.get("in_removal_proceedings") is False:
        for name in NEEDS_PROCEEDINGS + ("affirmative_referred_to_court",):
            if facts.get(name):
                raise InvalidInputError(f"in_removal_proceedings: false, but {name} is given; that only happens "
                                        "once an NTA is filed with the immigration court")
    for name, needed in NEEDS:
        if facts.get(name) is not None and facts.get(needed) is None:
            raise InvalidInputError(f"{name}: given without {needed}")
