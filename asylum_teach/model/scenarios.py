"""Fact recipes for generated clients: one named scenario per teaching situation.

A scenario draws the *case* facts (dates, posture, bars) from a seeded :class:`Draw`; the generator adds
the person (name, country, language, family). Across scenarios every pathway (affirmative, defensive,
USCIS initial jurisdiction for an unaccompanied child) and every bar the screening knows appears.

``difficulty`` steers how much is left for the judge: ``easy`` states every finding, ``hard`` leaves
questions open (was the filing within a reasonable period? is the crime particularly serious?).

>>> import datetime as dt, random
>>> d = Draw(random.Random("demo"), dt.date(2026, 1, 15), "easy")
>>> facts = SCENARIOS["late-no-exception"].make(d)
>>> facts["i589_filed_on"] > facts["last_arrival_on"] + dt.timedelta(days=366)
True
>>> sorted(SCENARIOS)[:3]
['affirmative', 'aggravated-felony-long', 'aggravated-felony-short']
"""

from __future__ import annotations

import datetime as _dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from asylum_teach.glossary import PROTECTED_GROUNDS

DIFFICULTIES = ("easy", "medium", "hard")


@dataclass
class Draw:
    """Seeded random draws of dates and choices, anchored at the as-of date."""

    rng: random.Random
    as_of: _dt.date
    difficulty: str = "medium"

    def ago(self, lo: int, hi: int) -> _dt.date:
        """A past date ``lo``..``hi`` days before the as-of date."""
        return self.as_of - _dt.timedelta(days=self.rng.randint(lo, hi))

    def after(self, day: _dt.date, lo: int, hi: int, *, past: bool = True) -> _dt.date:
        """``lo``..``hi`` days after ``day``; if ``past``, never after the as-of date."""
        out = day + _dt.timedelta(days=self.rng.randint(lo, hi))
        return min(out, self.as_of) if past else out

    def coin(self, p: float = 0.5) -> bool:
        return self.rng.random() < p

    def pick(self, options):
        return self.rng.choice(list(options))

    def open_question(self, easy_value):
        """The finding itself when easy, left open (None) when hard, either when medium."""
        if self.difficulty == "easy" or (self.difficulty == "medium" and self.coin()):
            return easy_value
        return None


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    make: Callable[[Draw], dict]


def draw_claim(d: Draw) -> dict:
    """Protected grounds, persecutor type and past persecution, unless the scenario set them."""
    grounds = d.rng.sample(PROTECTED_GROUNDS, k=d.rng.choice((1, 1, 2)))
    return {"protected_grounds": sorted(grounds, key=PROTECTED_GROUNDS.index),
            "persecutor_type": d.pick(("state", "non_state")), "past_persecution": d.coin(0.6)}


def _court(d: Draw, arrival: _dt.date, *, i589: bool = True, hearing_in_future: bool | None = None) -> dict:
    """NTA service and filing after ``arrival``, a master calendar hearing, maybe an I-589 and merits date."""
    served = d.after(arrival, 1, 60)
    facts: dict[str, Any] = {"in_removal_proceedings": True, "nta_served_on": served,
                             "nta_filed_on": d.after(served, 0, 20)}
    master = d.after(served, 14, 200, past=False)
    facts["master_calendar_hearing_on"] = master
    if master <= d.as_of:
        if i589:
            facts["i589_filed_on"] = d.after(master, 0, 60)
        future = d.coin(0.7) if hearing_in_future is None else hearing_in_future
        facts["individual_hearing_on"] = (d.after(d.as_of, 20, 300, past=False) if future
                                          else d.after(master, 60, 200))
        if facts["individual_hearing_on"] <= d.as_of:
            facts["biometrics_due_on"] = facts["individual_hearing_on"] - _dt.timedelta(days=45)
        else:
            facts["biometrics_due_on"] = d.after(d.as_of, 5, 40, past=False)
        facts["biometrics_due_on"] = max(facts["biometrics_due_on"], master)
    return facts


def _affirmative(d):
    arrival = d.ago(60, 330)
    filed = d.after(arrival, 20, 300)
    return {"last_arrival_on": arrival, "in_removal_proceedings": False, "affirmative_application_filed_on": filed,
            "i589_filed_on": filed}


def _border(d):
    arrival = d.ago(45, 300)
    return {"last_arrival_on": arrival, "credible_fear_found": True, **_court(d, arrival)}


def _referred(d):
    arrival = d.ago(500, 1400)
    filed = d.after(arrival, 30, 330)
    served = d.after(filed, 150, 500)
    return {"last_arrival_on": arrival, "affirmative_application_filed_on": filed, "i589_filed_on": filed,
            "affirmative_referred_to_court": True, "in_removal_proceedings": True, "nta_served_on": served,
            "nta_filed_on": d.after(served, 0, 20), "master_calendar_hearing_on": d.after(served, 14, 200, past=False)}


def _uac(d):
    arrival = d.ago(200, 700)
    facts = {"last_arrival_on": arrival, "unaccompanied_child": True, **_court(d, arrival, i589=False)}
    if d.coin(0.6):
        facts["affirmative_application_filed_on"] = d.after(facts["nta_filed_on"], 30, 500)
    return facts


def _late(d, **exceptions):
    arrival = d.ago(800, 2000)
    facts = {"last_arrival_on": arrival, **exceptions}
    filed = d.after(arrival, 400, 760)
    if d.coin():
        facts.update(in_removal_proceedings=False, affirmative_application_filed_on=filed, i589_filed_on=filed)
    else:
        facts.update(_court(d, d.after(arrival, 200, 380), i589=False))
        facts["i589_filed_on"] = max(filed, facts["nta_filed_on"])
    return facts


def _late_changed(d):
    kind = d.pick(("changed_circumstances", "extraordinary_circumstances"))
    return _late(d, **{kind: True, "filed_within_reasonable_period": d.open_question(True)})


def _late_none(d):
    return _late(d, changed_circumstances=False, extraordinary_circumstances=False)


def _criminal(d, years: float, psc):
    arrival = d.ago(1500, 5000)
    facts = {"last_arrival_on": arrival, "aggravated_felony": True, "aggregate_sentence_years": years,
             "detained": d.coin(0.7), **_court(d, d.ago(20, 400), i589=True)}
    if psc is not None:
        facts["particularly_serious_crime"] = psc
    return facts


def _agg_long(d):
    return _criminal(d, float(d.rng.choice((5, 6, 7, 8, 10, 12))), d.open_question(True))


def _agg_short(d):
    years = d.rng.choice((0.5, 1.0, 1.5, 2.0, 3.0, 4.0))
    return _criminal(d, years, d.open_question(d.coin()))


def _flag(name, **extra):
    def make(d):
        arrival = d.ago(60, 320)
        return {"last_arrival_on": arrival, name: True, **extra, **_court(d, arrival)}
    return make


def _detained(d):
    arrival = d.ago(15, 120)
    facts = {"last_arrival_on": arrival, "detained": True, "credible_fear_found": d.coin(0.7),
             **_court(d, arrival, hearing_in_future=True)}
    return facts


def _in_absentia(d):
    arrival = d.ago(400, 1500)
    served = d.after(arrival, 1, 60)
    master = d.after(served, 14, 300)
    facts = {"last_arrival_on": arrival, "in_removal_proceedings": True, "nta_served_on": served,
             "nta_filed_on": min(d.after(served, 0, 20), master), "master_calendar_hearing_on": master,
             "in_absentia_order_on": master}
    reason = d.open_question(d.pick(("exceptional_circumstances", "lack_of_notice", "in_custody")))
    if reason:
        facts["in_absentia_reason"] = reason
    return facts


def _appeal(d):
    arrival = d.ago(700, 1600)
    facts = {"last_arrival_on": arrival, **_court(d, arrival, hearing_in_future=False)}
    if "individual_hearing_on" not in facts:
        return facts
    decision = d.after(facts["individual_hearing_on"], 0, 30)
    facts["ij_decision_on"] = decision
    if d.coin(0.7):
        facts["bia_appeal_filed_on"] = d.after(decision, 5, 29)
        if d.coin():
            facts["bia_decision_on"] = d.after(facts["bia_appeal_filed_on"], 60, 400)
    return facts


def _prior_denial(d):
    arrival = d.ago(100, 300)
    return {"last_arrival_on": arrival, "prior_asylum_denial": True,
            "changed_circumstances": d.open_question(d.coin()), **_court(d, arrival)}


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("affirmative", "Affirmative applicant with USCIS, not in removal proceedings.", _affirmative),
    Scenario("border-credible-fear", "Defensive after apprehension at the border and a positive credible-fear finding.", _border),
    Scenario("referred", "Affirmative case not granted and referred to the immigration court.", _referred),
    Scenario("uac", "Unaccompanied child in proceedings: USCIS has initial jurisdiction.", _uac),
    Scenario("late-changed-circumstances", "Late filer relying on changed or extraordinary circumstances.", _late_changed),
    Scenario("late-no-exception", "Late filer with no exception: asylum barred, withholding and CAT remain.", _late_none),
    Scenario("aggravated-felony-long", "Aggravated felony, aggregate sentence of 5 years or more.", _agg_long),
    Scenario("aggravated-felony-short", "Aggravated felony, sentence under 5 years.", _agg_short),
    Scenario("persecutor", "Evidence that the applicant persecuted others.", _flag("persecutor_of_others")),
    Scenario("firm-resettlement", "Firmly resettled in a third country before arriving.", _flag("firmly_resettled")),
    Scenario("serious-nonpolitical-crime", "Serious reasons to believe a serious nonpolitical crime abroad.", _flag("serious_nonpolitical_crime")),
    Scenario("security-terrorism", "A security or terrorism-related ground.", _flag("security_or_terrorism_bar")),
    Scenario("prior-denial", "A previous asylum application was denied.", _prior_denial),
    Scenario("detained", "Detained fast track.", _detained),
    Scenario("in-absentia", "Missed hearing and an in-absentia removal order.", _in_absentia),
    Scenario("appeal", "Decided by the judge; appeal to the Board.", _appeal),
    Scenario("family", "A family with derivatives (the generator adds spouse and children).", _flag("past_persecution")),
)}
