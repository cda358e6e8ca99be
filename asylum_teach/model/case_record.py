"""A HYPOTHETICAL client's case file with planted inconsistencies, and the record of what was planted.

The generator writes, for a client, four documents and an evidence list, each paragraph with an id
the student cites (``DEC-4``, ``CFI-3``, ``I589-2``, ``CC-3``, ``EV-2``):

* the I-589 answers (Part B, in the client's words, short), or a draft if none was filed yet;
* a declaration in the client's voice (:mod:`asylum_teach.model.declaration` writes the words);
* the credible fear interview notes (a summary, third person) or, where there was no credible fear
  interview, the notes of the clinic's first intake interview;
* a short country-conditions excerpt, INVENTED and marked so;
* the evidence the client has, could obtain, or cannot reasonably obtain.

Each case file plants five discrepancies between the documents: one **material** (a fact at the heart
of the claim changes in the sworn I-589 and nothing explains it: the strongest credibility attack),
two **explainable** (the record holds the explanation: trauma, an interpreter, or the passage of
time) and two **trivial** (travel details no element depends on). Together they use every kind:
date, place, actor, omission. :class:`Discrepancy` records each one: its paragraphs, kind, class,
explanation, the paragraph holding the explanation, and why, with citations by registry id. The
grader reads this record; the documents show the students only the words.

Everything flows from ``random.Random`` seeded by a string (the seed and the client), so a student
id gives the same case file on every machine with the same Faker version (see
:mod:`asylum_teach.model.generator`).

>>> r = credibility_lab_record("ada", "2026-12-01")
>>> r == credibility_lab_record("ada", "2026-12-01"), len(r.discrepancies)
(True, 5)
>>> sorted({d.materiality for d in r.discrepancies}), sorted({d.kind for d in r.discrepancies})
(['explainable', 'material', 'trivial'], ['actor', 'date', 'omission', 'place'])
>>> all(d.deviating in r.paragraph_ids for d in r.discrepancies)
True
"""

from __future__ import annotations

import datetime as _dt
import random
from dataclasses import dataclass, field, replace

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.client import Client
from asylum_teach.model.declaration import Document, Paragraph, by_persecutor, render_documents, wording

KINDS = ("date", "place", "actor", "omission")
MATERIALITY = ("material", "explainable", "trivial")
EXPLANATIONS = ("trauma", "interpretation", "time", "none")
CRITERIA = ("immutability", "particularity", "social-distinction")
#: Events: three in the claim (E1 the first threat, E2 the escalation, E3 the worst), two on the journey.
CLAIM_EVENTS = ("E1", "E2", "E3")
JOURNEY_EVENTS = ("J1", "J2")
#: The claims a credibility lab draws (each has a particular social group to test).
LAB_CLAIMS = ("family-extortion", "sexual-orientation")


# ------------------------------------------------------------------------------------ the record's types
@dataclass(frozen=True)
class Event:
    """Something that happened, as the hypothetical's own truth has it (the declaration tells it so)."""

    id: str
    label: str
    on: _dt.date
    place: str
    actor: str


@dataclass(frozen=True)
class Discrepancy:
    """One planted inconsistency: where, what kind, how it should be classified, and why."""

    id: str
    kind: str
    materiality: str
    explanation: str
    event: str
    fact: str  # date | place | actor | event (an omission)
    document: str
    deviating: str  # the paragraph that departs from the other statements
    contradicted: tuple[str, ...]  # paragraphs of other documents that state the fact otherwise
    says: str
    record: str
    cue: str | None  # the paragraph that holds the explanation (explainable ones)
    reason: str
    cites: tuple[str, ...]

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return (self.deviating, *self.contradicted)


@dataclass(frozen=True)
class GroupCandidate:
    """A formulation of the particular social group found in, or proposed for, the file."""

    id: str
    basis: str  # family | sexual-orientation | sex-nationality | perceived-wealth
    wording: str


@dataclass(frozen=True)
class EvidenceItem:
    id: str
    key: str
    description: str
    status: str  # in-hand | obtainable | unavailable
    elements: tuple[str, ...]
    why: str = ""


@dataclass(frozen=True)
class CaseRecord:
    """The whole generated case file and what was planted in it."""

    seed: str
    as_of: _dt.date
    client: Client
    claim: str
    sex: str | None
    hearing_on: _dt.date
    events: tuple[Event, ...]
    documents: tuple[Document, ...]
    discrepancies: tuple[Discrepancy, ...]
    groups: tuple[GroupCandidate, ...]
    group_support: dict[str, str]  # criterion -> paragraph id that supports it (for the group to plead)
    evidence: tuple[EvidenceItem, ...]
    elements: tuple[str, ...]
    notice: str = field(default="")
    interpreter_language: str = ""

    @property
    def paragraph_ids(self) -> tuple[str, ...]:
        return tuple(p.id for d in self.documents for p in d.paragraphs)

    def paragraph(self, pid: str) -> Paragraph:
        for d in self.documents:
            for p in d.paragraphs:
                if p.id == pid:
                    return p
        raise InvalidInputError(f"no paragraph {pid!r} in this case file")

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    @property
    def strongest(self) -> Discrepancy:
        """The strongest credibility attack: the material discrepancy."""
        return next(d for d in self.discrepancies if d.materiality == "material")

    def event(self, event_id: str) -> Event:
        return next(e for e in self.events if e.id == event_id)


# ------------------------------------------------------------------------------------ generation
def credibility_lab_record(student_id, as_of) -> CaseRecord:
    """The credibility lab's case file for ``student_id``: a client after a credible fear interview, with
    an I-589 filed, a merits hearing ahead, and a claim that rests on a particular social group."""
    from asylum_teach.model.generator import generate_client, hypothetical_names

    as_of = parse_date(as_of, name="as_of")
    seed = f"credibility:{student_id}"
    client = generate_client(seed, as_of, scenario="border-credible-fear")
    rng = random.Random(f"lab|{seed}|{as_of.isoformat()}")
    claim = rng.choice(LAB_CLAIMS)
    spec = wording()["claims"][claim]
    persecutor = rng.choice(spec["persecutor_type"])
    sex = rng.choice(("female", "male"))
    namer = hypothetical_names(client.facts["country_of_nationality"], rng.getrandbits(64))
    sex = namer.surname_sex(client.family_name) or sex  # where family names have a sex, they decide
    client = _lab_client(client, rng, as_of, persecutor, sex, namer)
    return case_record(client, seed, claim=claim, sex=sex)


def worked_example(as_of) -> CaseRecord:
    """Notebook 07's worked example: one case file, the same for every student (a lab client of its own)."""
    return credibility_lab_record("notebook-07", as_of)


def _lab_client(client: Client, rng: random.Random, as_of: _dt.date, persecutor: str, sex: str, namer) -> Client:
    """The client's dates for the lab: arrival 200-500 days ago, the interview, NTA, master calendar
    hearing and I-589 in the past, the merits hearing ahead; the claim: a particular social group."""
    from asylum_teach.court_calendar import CourtCalendar
    from asylum_teach.model.narrative import intake_narrative

    cal = CourtCalendar()
    arrival = as_of - _dt.timedelta(days=rng.randint(200, 500))
    served = arrival + _dt.timedelta(days=rng.randint(12, 45))
    filed = served + _dt.timedelta(days=rng.randint(0, 14))
    master = cal.previous_business_day(filed + _dt.timedelta(days=rng.randint(30, 90)))
    i589 = master + _dt.timedelta(days=rng.randint(0, 30))
    hearing = cal.next_business_day(as_of + _dt.timedelta(days=rng.randint(30, 120)))
    given = namer.given(sex)
    facts = {k: v for k, v in client.facts.items() if k not in ("biometrics_due_on",)}
    facts.update(last_arrival_on=arrival, nta_served_on=served, nta_filed_on=filed, master_calendar_hearing_on=master,
                 i589_filed_on=i589, individual_hearing_on=hearing, credible_fear_found=True,
                 in_removal_proceedings=True, detained=False, protected_grounds=["particular_social_group"],
                 persecutor_type=persecutor, past_persecution=True, entry_place="southwest-land-border-port-of-entry",
                 lawful_pathway="none")
    from asylum_teach.model.facts import Facts

    checked = Facts(facts)
    out = replace(client, given_name=given, facts=checked, title="Credibility lab client (hypothetical)")
    return replace(out, narrative=intake_narrative(out.name, out.age(), checked, as_of))


def case_record(client: Client, seed, *, claim: str | None = None, sex: str | None = None) -> CaseRecord:
    """The case file for ``client`` (any generated or persona client), reproducible from ``seed``.

    The claim follows the client's protected grounds and persecutor type; ``claim`` names one instead.
    """
    w = wording()
    facts = client.facts
    rng = random.Random(f"case-record|{seed}|{client.client_id}|{client.as_of.isoformat()}")
    claim = claim or _pick_claim(facts, rng)
    if claim not in w["claims"]:
        raise InvalidInputError(f"claim: {claim!r} is not one of {', '.join(w['claims'])}")
    spec = w["claims"][claim]
    persecutor = facts.get("persecutor_type") or spec["persecutor_type"][0]
    if persecutor not in spec["persecutor_type"]:
        persecutor = spec["persecutor_type"][0]
    values = _values(client, spec, persecutor, rng, sex)
    events, journey = _events(client, spec, values, rng, persecutor)
    harmed = bool(facts.get("past_persecution", True))
    plan = _plan(rng)
    hearing = _hearing_on(client, rng)
    docs, told = render_documents(client=client, spec=spec, values=values, events=events, journey=journey,
                                  plan=plan, persecutor=persecutor, harmed=harmed, rng=rng, hearing_on=hearing)
    discrepancies = _discrepancies(plan, docs, told, events, journey, values, spec)
    offered = [g for g in spec.get("psg") or [] if g["basis"] != "sex-nationality" or sex]
    rng.shuffle(offered)  # the formulation stated in the I-589 is not always G1
    groups = tuple(GroupCandidate(f"G{i}", g["basis"], g["wording"].format_map(values))
                   for i, g in enumerate(offered, 1))
    support = _group_support(docs) if groups else {}
    evidence = tuple(EvidenceItem(*item) for item in told.evidence)
    elements = tuple(e for e in w["elements"] if _element_applies(e, groups, harmed))
    return CaseRecord(str(seed), client.as_of, client, claim, sex, hearing, (*events, *journey), docs, discrepancies,
                      groups, support, evidence, elements, w["notice"], told.interpreter_language)


def _pick_claim(facts, rng: random.Random) -> str:
    grounds = facts.get("protected_grounds") or ["political_opinion"]
    persecutor = facts.get("persecutor_type") or "state"
    fits = [name for name, spec in wording()["claims"].items()
            if set(spec["grounds"]) & set(grounds) and persecutor in spec["persecutor_type"]]
    return rng.choice(fits or ["political-opposition"])


def _invented_town(rng: random.Random, taken: set[str], first: str | None = None) -> str:
    parts = wording()["syllables"]
    while True:
        name = (first or rng.choice(parts["first"])) + rng.choice(parts["second"])
        if name not in taken:
            taken.add(name)
            return name


def _values(client: Client, spec: dict, persecutor: str, rng: random.Random, sex: str | None) -> dict:
    """The words a case file fills its templates with: people, places, the persecutor."""
    from asylum_teach.model.generator import hypothetical_names

    w = wording()
    country = client.facts.get("country_of_nationality") or "Honduras"
    namer = hypothetical_names(country, rng.getrandbits(64))
    given = namer.given
    taken: set[str] = set()
    town = _invented_town(rng, taken)
    v = {"first": client.given_name, "family": client.family_name, "full": client.name, "country": country,
         "nationality": w["demonyms"].get(country, country), "language": client.facts.get("language") or "English",
         "town": town, "town2": _invented_town(rng, taken), "town3": _invented_town(rng, taken),
         "twin": _invented_town(rng, taken, first=_first_part(town)), "transit": _invented_town(rng, taken),
         "transit2": _invented_town(rng, taken), "codename": rng.choice(w["codenames"]),
         "sex_plural": {"female": "women", "male": "men"}.get(sex or "", "people"),
         "relative": rng.choice(spec.get("relatives") or ["father"]),
         "business": rng.choice(spec.get("businesses") or ["shop"]),
         "party": rng.choice(spec.get("party") or ["the party"]), "faith": rng.choice(spec.get("faith") or ["the faith"]),
         "community": rng.choice(spec.get("community") or ["the community"]),
         "relative_name": given("male"), "partner": given(None), "helper": given(None), "helper2": given(None)}
    v["transit_where"] = ("in Mexico" if country != "Mexico" else "near the northern border")
    # where family names have a female and a male form, the relative's is not the client's: name him by his given name
    v["relative_full"] = v["relative_name"] if namer.gendered_surnames else f"{v['relative_name']} {v['family']}"
    v["kin"] = {"father": {"female": "daughter", "male": "son"}, "brother": {"female": "sister", "male": "brother"},
                "uncle": {"female": "niece", "male": "nephew"}}[v["relative"]].get(sex or "", {
                    "father": "child", "brother": "sibling", "uncle": "niece or nephew"}[v["relative"]])
    for key in ("group", "group_short", "other_actor"):
        raw = spec.get(key, spec.get("group") if key == "group_short" else None)
        if isinstance(raw, dict):
            raw = raw[persecutor]
        v[key] = raw.format_map(v) if raw else ""
    v["twin_town2"] = _invented_town(rng, taken, first=_first_part(v["town2"]))
    return v


def _first_part(name: str) -> str:
    return next(p for p in wording()["syllables"]["first"] if name.startswith(p))


def _events(client: Client, spec: dict, v: dict, rng: random.Random, persecutor: str):
    arrival = client.facts.get("last_arrival_on") or client.as_of - _dt.timedelta(days=rng.randint(200, 500))
    e3 = arrival - _dt.timedelta(days=rng.randint(25, 80))
    e2 = e3 - _dt.timedelta(days=rng.randint(120, 400))
    e1 = e2 - _dt.timedelta(days=rng.randint(400, 1200))
    out = []
    for eid, day in zip(CLAIM_EVENTS, (e1, e2, e3)):
        e = spec["events"][eid]
        place, actor = (by_persecutor(e[k], persecutor).format_map(v) for k in ("place", "actor"))
        out.append(Event(eid, e["label"].format_map(v), day, place, actor))
    j1 = e3 + _dt.timedelta(days=rng.randint(3, 12))
    j2 = j1 + _dt.timedelta(days=rng.randint(2, 4))
    v["stay_days"] = max(2, min(9, (arrival - j2).days - 2))
    journey = (Event("J1", "the departure from home", j1, f"the bus station in {v['town2']}", f"my cousin {v['helper']}"),
               Event("J2", f"the stay in {v['transit']}", j2, v["transit"], ""))
    return tuple(out), journey


def _hearing_on(client: Client, rng: random.Random) -> _dt.date:
    from asylum_teach.court_calendar import CourtCalendar

    set_on = client.facts.get("individual_hearing_on")
    if set_on and set_on > client.as_of:
        return set_on
    return CourtCalendar().next_business_day(client.as_of + _dt.timedelta(days=rng.randint(30, 90)))


# ------------------------------------------------------------------------------------ what to plant
@dataclass(frozen=True)
class Plant:
    """One planned deviation: which event's fact, in which document, and how it is to be classified."""

    materiality: str
    explanation: str
    event: str
    kind: str
    document: str


def _plan(rng: random.Random) -> tuple[Plant, ...]:
    """Five deviations: one material, two explainable (two of trauma, interpretation, time), two trivial;
    one per event, so a pair of paragraphs never holds two; every kind used at least once."""
    for _ in range(200):
        pair = sorted(rng.sample(("trauma", "interpretation", "time"), 2), key=("trauma", "interpretation", "time").index)
        material_event = rng.choice(("E2", "E3"))
        other = "E3" if material_event == "E2" else "E2"
        plants = [Plant("material", "none", material_event, rng.choice(("actor", "place", "omission")), "i589")]
        if "time" in pair:
            plants.append(Plant("explainable", "time", "E1", "date", rng.choice(("interview", "i589"))))
            rest = next(x for x in pair if x != "time")
            plants.append(Plant("explainable", rest, other, "date" if rest == "trauma" else "place", "interview"))
        else:
            plants.append(Plant("explainable", "trauma", other, "date", "interview"))
            plants.append(Plant("explainable", "interpretation", "E1", "place", "interview"))
        plants.append(Plant("trivial", "none", "J1", rng.choice(("date", "actor")), "interview"))
        plants.append(Plant("trivial", "none", "J2", rng.choice(("place", "omission")), "interview"))
        if {p.kind for p in plants} == set(KINDS):
            return tuple(plants)
    raise AssertionError("no plan covers every kind")  # pragma: no cover - 200 draws always find one


def _discrepancies(plan, docs, told, events, journey, v, spec) -> tuple[Discrepancy, ...]:
    """Each planned deviation, located: the deviating paragraph, the paragraphs it contradicts, the cue."""
    from asylum_teach.model.declaration import DOC_NAMES

    reasons = wording()["reasons"]
    by_event = {e.id: e for e in (*events, *journey)}
    out = []
    for n, p in enumerate(plan, 1):
        fact = "event" if p.kind == "omission" else p.kind
        deviating = told.deviating[(p.document, p.event)]
        contradicted = tuple(par.id for d in docs if d.id != p.document for par in d.paragraphs
                             if any(ev == p.event and (fact == "event" or f == fact) for ev, f in par.states))
        if p.kind == "omission":
            says, truth = "nothing", by_event[p.event].label
        else:
            says, truth = (_neutral(told.values[(doc, p.event, fact)]) for doc in (p.document, "declaration"))
        cue = told.cues.get(p.explanation)
        key = ("material-omission" if p.kind == "omission" else "material") if p.materiality == "material" else (
            "trivial" if p.materiality == "trivial" else p.explanation)
        words = {"fact": {"date": "the date of", "place": "the place of", "actor": "who acted in", "event": ""}[fact],
                 "label": by_event[p.event].label, "says": says, "record": truth, "doc": DOC_NAMES[p.document],
                 "label_cap": by_event[p.event].label[:1].upper() + by_event[p.event].label[1:],
                 "doc_in": DOC_NAMES[p.document][:1].lower() + DOC_NAMES[p.document][1:],
                 "cue": cue or "", "first": v["first"]}
        text = reasons[key]["text"].format_map(words)
        out.append(Discrepancy(f"D{n}", p.kind, p.materiality, p.explanation, p.event, fact, p.document, deviating,
                               contradicted, says, truth, cue, _sentence(text),
                               tuple(reasons[key]["cites"])))
    return tuple(out)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[0].upper() + text[1:]


def _neutral(value: str) -> str:
    return value.replace("my ", "the client's ", 1) if value.startswith("my ") else value


def _group_support(docs) -> dict[str, str]:
    """The paragraphs that support each criterion of the group to plead: who the client is (immutability),
    how the sworn application defines the group (particularity), how society sees it (social distinction)."""
    marks = {"identity": "immutability", "nexus": "particularity", "perception": "social-distinction"}
    out = {}
    for d in docs:
        for par in d.paragraphs:
            for ev, f in par.states:
                if ev == "claim" and f in marks and (f != "nexus" or d.id == "i589"):
                    out[marks[f]] = par.id
    return {c: out[c] for c in CRITERIA}


def _element_applies(element: str, groups, harmed: bool) -> bool:
    if element.startswith("psg-"):
        return bool(groups)
    if element == "past-harm":
        return harmed
    return True
