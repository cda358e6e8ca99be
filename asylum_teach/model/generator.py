"""``generate_client``: a reproducible supply of HYPOTHETICAL clients.

Never use a real person's data here. Every name comes from Faker, every date and fact from a seeded
random draw; nothing refers to anyone real.

Reproducible: the same ``seed`` and ``as_of`` (and knobs) give the same client on every machine with
the same Faker version, because all randomness flows from ``random.Random(f"{seed}|{as_of}")`` (string
seeds hash with SHA-512, not Python's salted ``hash``) and Faker is re-seeded from that draw with
``seed_instance`` for each client. So a student id can seed that student's own case.

Adding a scenario or a country changes which client an existing seed gives (the draws shift), as can
a new Faker release; treat either as a content change and re-release seeded exercises.

Knobs: ``scenario`` (a name from :data:`~asylum_teach.model.scenarios.SCENARIOS`; default: drawn),
``difficulty`` (``easy``/``medium``/``hard``; default ``medium``), ``country`` (a curated country name).

>>> import datetime as dt
>>> a = generate_client("student-42", dt.date(2026, 1, 15))
>>> b = generate_client("student-42", "2026-01-15")
>>> a == b, a.source, a.client_id
(True, 'generated', 'gen-student-42-2026-01-15')
>>> generate_client(7, "2026-01-15", scenario="uac").facts["unaccompanied_child"]
True
>>> generate_client(7, "2026-01-15", scenario="nope")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: scenario: 'nope' is not one of affirmative, ...
"""

from __future__ import annotations

import datetime as _dt
import random
from functools import cache

from faker import Faker

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.client import Client, age_on
from asylum_teach.model.countries import Country, load_countries
from asylum_teach.model.countries import country as find_country
from asylum_teach.model.facts import Facts
from asylum_teach.model.narrative import intake_narrative
from asylum_teach.model.scenarios import DIFFICULTIES, SCENARIOS, Draw, draw_claim


def generate_client(seed, as_of, *, scenario: str | None = None, difficulty: str | None = None,
                    country: str | None = None) -> Client:
    """A valid, hypothetical client as of ``as_of``, fully determined by the arguments."""
    as_of = parse_date(as_of, name="as_of")
    if scenario is not None and scenario not in SCENARIOS:
        raise InvalidInputError(f"scenario: {scenario!r} is not one of {', '.join(SCENARIOS)}")
    difficulty = difficulty or "medium"
    if difficulty not in DIFFICULTIES:
        raise InvalidInputError(f"difficulty: {difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    rng = random.Random(f"{seed}|{as_of.isoformat()}")
    name = scenario or rng.choice(sorted(SCENARIOS))
    place = find_country(country) if country else rng.choice(load_countries())
    draw = Draw(rng, as_of, difficulty)
    facts = _on_court_days(dict(SCENARIOS[name].make(draw)), as_of)
    fake = _faker(place.faker_locale)
    fake.seed_instance(rng.getrandbits(64))
    given, family = _name(fake, place)
    born_on = _birth(draw, facts, name)
    language = rng.choice(place.languages[:2]) if rng.random() < 0.3 else place.languages[0]
    facts.update(country_of_nationality=place.name, language=language, interpreter_needed=language != "English")
    for key, value in draw_claim(draw).items():
        facts.setdefault(key, value)
    family_members = _family(draw, fake, place, born_on, name)
    if family_members:
        facts["family_members"] = family_members
    if facts.get("last_arrival_on") and "entry_place" not in facts:
        facts.update(_entry(draw, facts["last_arrival_on"]))
    checked = Facts(facts)
    age = age_on(born_on, as_of)
    return Client(client_id=f"gen-{seed}-{as_of.isoformat()}", given_name=given, family_name=family,
                  born_on=born_on, as_of=as_of, facts=checked, source="generated", seed=str(seed),
                  title=f"Generated client ({name}, {difficulty})", teaching_note=SCENARIOS[name].description,
                  narrative=intake_narrative(f"{given} {family}", age, checked, as_of))


#: Events that happen in court, so only on a day the court sits.
COURT_DAY_FACTS = ("master_calendar_hearing_on", "individual_hearing_on", "ij_decision_on", "bia_decision_on")


def _on_court_days(facts: dict, as_of: _dt.date) -> dict:
    """Move hearings and decisions off weekends and holidays.

    A past event moves to the previous business day and a future one to the next, so it never crosses
    the as-of date; both moves keep the order of events.
    """
    from asylum_teach.court_calendar import CourtCalendar

    cal = CourtCalendar()
    for key in COURT_DAY_FACTS:
        day = facts.get(key)
        if isinstance(day, _dt.date):
            facts[key] = cal.previous_business_day(day) if day <= as_of else cal.next_business_day(day)
    return facts


@cache
def _faker(locale: str) -> Faker:
    return Faker(locale)


def _name(fake: Faker, place: Country) -> tuple[str, str]:
    if place.romanized:
        return fake.first_romanized_name(), fake.last_romanized_name()
    return fake.first_name(), fake.last_name()


def hypothetical_names(country_name: str, seed: int) -> Namer:
    """A seeded source of more invented people for a client's case file (relatives, witnesses)."""
    place = find_country(country_name)
    fake = _faker(place.faker_locale)
    fake.seed_instance(seed)
    return Namer(fake, place)


class Namer:
    """Given names by sex from a country's Faker locale, and whether its family names differ by sex."""

    def __init__(self, fake: Faker, place: Country):
        self.fake, self.place = fake, place
        lists = [(getattr(p, "last_names_female", None), getattr(p, "last_names_male", None)) for p in fake.providers]
        self.female_surnames = next((set(f) for f, m in lists if f is not None and m is not None and set(f) != set(m)),
                                    set())

    @property
    def gendered_surnames(self) -> bool:
        """Family names have a female and a male form (uz_UZ, tw_GH): a relative's is then not the client's."""
        return bool(self.female_surnames)

    def surname_sex(self, family_name: str) -> str | None:
        if not self.gendered_surnames:
            return None
        return "female" if family_name in self.female_surnames else "male"

    def given(self, sex: str | None = None) -> str:
        if self.place.romanized:
            return self.fake.first_romanized_name()
        if sex == "female":
            return self.fake.first_name_female()
        if sex == "male":
            return self.fake.first_name_male()
        return self.fake.first_name()


def _birth(draw: Draw, facts: dict, scenario: str) -> _dt.date:
    arrival = facts.get("last_arrival_on") or draw.as_of
    if scenario == "uac":
        age_days = draw.rng.randint(12 * 365 + 3, 17 * 365)  # 12 to under 18 at arrival
    else:
        age_days = draw.rng.randint(19 * 365, 60 * 365)
    return arrival - _dt.timedelta(days=age_days)


#: CBP One appointments for a scheduled port-of-entry time ended on 2025-01-20 (cgrs.uclawsf.edu [S]).
CBP_ONE_ENDED = _dt.date(2025, 1, 20)


def _entry(draw: Draw, arrival: _dt.date) -> dict:
    """Where and how the client entered (drawn last, so adding it left every earlier draw unchanged)."""
    rng = draw.rng
    place = rng.choices(("other", "southwest-land-border-port-of-entry", "southwest-land-border-between-ports"),
                        weights=(6, 2, 2))[0]
    if place == "other":
        return {"entry_place": place}
    pathway = rng.choice(("none", "none", "parole"))
    if place == "southwest-land-border-port-of-entry" and arrival < CBP_ONE_ENDED and rng.random() < 0.5:
        pathway = "cbp-one-appointment"
    return {"entry_place": place, "lawful_pathway": pathway}


def _family(draw: Draw, fake: Faker, place: Country, born_on: _dt.date, scenario: str) -> list[dict]:
    if scenario == "uac":
        return []
    wanted = scenario == "family" or draw.coin(0.25)
    if not wanted:
        return []
    rng = draw.rng
    members = [{"relationship": "spouse", "given_name": _name(fake, place)[0],
                "born_on": born_on + _dt.timedelta(days=rng.randint(-2000, 2000)),
                "in_united_states": rng.random() < 0.6, "can_be_derivative": True}]
    oldest = max(born_on + _dt.timedelta(days=18 * 365), draw.as_of - _dt.timedelta(days=20 * 365))
    for _ in range(rng.randint(1, 3)):
        child_born = min(draw.as_of, oldest + _dt.timedelta(days=rng.randint(0, 20 * 365)))
        members.append({"relationship": "child", "given_name": _name(fake, place)[0], "born_on": child_born,
                        "in_united_states": rng.random() < 0.7, "can_be_derivative": True})
    if scenario == "family" and rng.random() < 0.5:
        members.append({"relationship": "parent", "given_name": _name(fake, place)[0],
                        "born_on": born_on - _dt.timedelta(days=rng.randint(18 * 365, 40 * 365)),
                        "in_united_states": False, "can_be_derivative": False})
    return members
