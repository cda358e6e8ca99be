"""The words of a HYPOTHETICAL case file: the declaration in the client's voice, the I-589 answers, the
interview notes, the invented country-conditions excerpt and the evidence inventory.

:mod:`asylum_teach.model.case_record` decides what happened and what to plant; this module writes it
down, document by document, from the wording in ``data/case_files.yaml``. Each document shows each
event as that document tells it: the declaration tells the record's own truth, and a planted deviation
changes one fact of one event in one other document. Every paragraph records the (event, fact) pairs it
states, so the record can say exactly which paragraphs a discrepancy sets against each other.

>>> day_text(__import__("datetime").date(2024, 3, 4)), month_text(__import__("datetime").date(2024, 3, 4))
('4 March 2024', 'March 2024')
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace

from asylum_teach.model.countries import country as find_country
from asylum_teach.yaml_data import package_wording

DOC_NAMES = {"i589": "The I-589", "interview": "The interview notes", "declaration": "The declaration",
             "country": "The country-conditions excerpt", "evidence": "The evidence inventory"}
PREFIXES = {"i589": "I589", "declaration": "DEC", "interview": "CFI", "country": "CC", "evidence": "EV"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def wording() -> dict:
    """``data/case_files.yaml``: the claims, the documents' words, the reasons (plain data)."""
    return package_wording("case_files.yaml")


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of a document; ``states`` names the (event, fact) pairs it tells."""

    id: str
    text: str
    states: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Document:
    id: str  # i589 | declaration | interview | country | evidence
    title: str
    made_on: _dt.date | None
    status: str  # what the document is: filed, signed, notes, invented excerpt, list
    paragraphs: tuple[Paragraph, ...]


def by_persecutor(value, persecutor: str):
    """A wording that differs with who persecutes (a dict keyed state / non_state) or not (a string)."""
    return value[persecutor] if isinstance(value, dict) else value



def day_text(day: _dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_text(day: _dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def part_of_year(day: _dt.date) -> str:
    return "early in" if day.month <= 4 else ("in the middle of" if day.month <= 8 else "late in")


@dataclass
class Told:
    """How each document told each fact, which paragraph deviates, and where the explanations are."""

    values: dict = field(default_factory=dict)  # (doc, event, fact) -> the fact as that document shows it
    deviating: dict = field(default_factory=dict)  # (doc, event) -> paragraph id
    cues: dict = field(default_factory=dict)  # explanation -> paragraph id
    evidence: list = field(default_factory=list)  # [id, key, description, status, elements, why]
    interpreter_language: str = ""


@dataclass
class _View:
    """One event as one document tells it."""

    on: _dt.date
    place: str
    actor: str
    omitted: bool = False
    approximate: bool = False


def _cap(text: str) -> str:
    """Capital letters where a sentence starts with a filled-in phrase ("two men ...")."""
    text = text[:1].upper() + text[1:]
    return re.sub(r'([a-z0-9)"]\. )([a-z])', lambda m: m.group(1) + m.group(2).upper(), text)




def render_documents(*, client, spec, values, events, journey, plan, persecutor, harmed, rng, hearing_on):
    """The five documents of the case file, and what each told (see :class:`Told`)."""
    w = wording()
    dw = w["documents"]
    v = dict(values)
    facts = client.facts
    as_of = client.as_of
    plants = {(p.document, p.event): p for p in plan}
    explained = {p.explanation: p for p in plan if p.materiality == "explainable"}
    arrival = facts.get("last_arrival_on") or journey[1].on + _dt.timedelta(days=v["stay_days"] + 1)
    cfi = bool(facts.get("credible_fear_found"))
    interview_on = min(as_of, arrival + _dt.timedelta(days=rng.randint(6, 30) if cfi else rng.randint(40, 200)))
    i589_on = facts.get("i589_filed_on")
    latest = max(d for d in (interview_on, i589_on, arrival) if d is not None)
    declaration_on = max(latest, as_of - _dt.timedelta(days=rng.randint(3, 20)))
    languages = find_country(v["country"]).languages if v["country"] else (v["language"],)
    v.update(arrival=day_text(arrival), interview_on=day_text(interview_on), declaration_on=day_text(declaration_on),
             i589_on=day_text(i589_on) if i589_on else "", e3_label=events[2].label,
             interp_language=languages[0] if "interpretation" in explained and v["language"] != languages[0]
             else v["language"])
    v["language_note"] = "" if v["interp_language"] == v["language"] else f"; A.'s best language is {v['language']}"
    told = Told(interpreter_language=v["interp_language"])

    def make_view(doc: str, e) -> _View:
        out = _View(e.on, e.place, e.actor)
        if doc == "declaration" and e.id == "E1" and "time" in explained:
            out.approximate = True
        p = plants.get((doc, e.id))
        if p is None:
            return out
        if p.kind == "date":
            out.on = _shift(e, p, rng, events)
        elif p.kind == "place":
            out.place = _other_place(e, p, spec, v, persecutor)
        elif p.kind == "actor":
            out.actor = by_persecutor(spec["other_actor"], persecutor).format_map(v) if e.id.startswith("E") \
                else f"my uncle {v['helper2']}"
        else:
            out.omitted = True
        return out

    views = {(doc, e.id): make_view(doc, e) for doc in ("declaration", "i589", "interview") for e in (*events, *journey)}

    def view(doc: str, e) -> _View:
        return views[(doc, e.id)]

    def event_words(doc: str, e, vw: _View, voice: str) -> dict:
        raw = spec["events"][e.id]
        text = raw if e.id == "E1" else raw["harm" if harmed else "threat"]
        pron = {"i589": {"me": "me", "my": "my", "us": "us"},
                "interview": {"me": "A.", "my": "A.'s", "us": "them"}}.get(doc, {})
        words = {**v, **pron, "actor": vw.actor, "place": vw.place, "month": month_text(vw.on),
                 "date": f"a day {part_of_year(vw.on)} {vw.on.year} that I cannot name more exactly"
                 if vw.approximate else day_text(vw.on)}
        return {"text": text[voice].format_map(words), "words": words}

    docs = []

    # ---- the declaration (the client's voice: the record's own truth)
    d = dw["declaration"]
    paras: list[tuple[str, tuple]] = [(d["opening"].format_map(v), ()),
                                      (by_persecutor(spec["identity"], persecutor).format_map(v), (("claim", "identity"),))]
    for e in events:
        vw = view("declaration", e)
        paras.append((_cap(event_words("declaration", e, vw, "dec")["text"]), _states(e.id)))
        _record(told, "declaration", e.id, vw)
    paras.append((by_persecutor(spec["police"], persecutor).format_map(v), (("claim", "police"),)))
    j1, j2 = journey
    v_dep = view("declaration", j1)
    paras.append((_cap(d["departure"].format_map({**v, "departure": day_text(v_dep.on), "helper_cap": v_dep.actor,
                                                  "departure_place": v_dep.place})), _states("J1")))
    _record(told, "declaration", "J1", v_dep, journey=True)
    paras.append((d["stay"].format_map(v), (("J2", "place"), ("J2", "listed"))))
    told.values[("declaration", "J2", "place")] = v["transit"]
    paras.append((d["arrival"].format_map(v) + (" " + d["interview"].format_map(v) if cfi else ""), ()))
    if "trauma" in explained:
        label = next(e.label for e in events if e.id == explained["trauma"].event)
        paras.append((d["memory"].format_map({**v, "label": label}), (("cue", "trauma"),)))
    if "time" in explained:
        years = (arrival - events[0].on).days // 365
        paras.append((d["time"].format_map({**v, "label_cap": events[0].label[:1].upper() + events[0].label[1:],
                                            "years": "more than a year" if years < 2 else f"more than {years} years",
                                            "part": part_of_year(events[0].on),
                                            "year": events[0].on.year}), (("cue", "time"),)))
    paras.append((spec["fear"].format_map(v), (("claim", "fear"),)))
    paras.append((d["closing"].format_map(v), ()))
    paras = [(_cap(text), states) for text, states in paras]
    docs.append(_document("declaration", d["title"].format_map(v), declaration_on,
                          f"signed on {day_text(declaration_on)}", paras, told))

    # ---- the I-589 answers
    d = dw["i589"]
    listed = [e for e in events if not view("i589", e).omitted]
    paras = [(_cap(d["summary"].format_map({**v, "events": _series([e.label for e in listed])})),
              tuple((e.id, "listed") for e in listed))]
    for e in events:
        vw = view("i589", e)
        _record(told, "i589", e.id, vw)
        if vw.omitted:
            continue
        paras.append((d["event"].format_map({"month": month_text(vw.on), "short": event_words(
            "i589", e, vw, "short")["text"]}), _states(e.id)))
    groups = spec.get("psg") or []
    nexus = by_persecutor(spec["nexus"], persecutor).format_map({**v, "psg_plead": groups[0]["wording"].format_map(v)
                                                          if groups else ""})
    if groups:
        nexus += " " + d["group"].format_map({"psg_plead": groups[0]["wording"].format_map(v)})
    paras.append((d["nexus"].format_map({"nexus": nexus}), (("claim", "nexus"),)))
    paras.append((d["police"].format_map({"police_short": by_persecutor(spec["police_short"], persecutor).format_map(v)}),
                  (("claim", "police"),)))
    paras.append((d["fear"].format_map({"fear_short": spec["fear_short"].format_map(v)}), (("claim", "fear"),)))
    paras.append((d["entry"].format_map(v), ()))
    paras.append((d["warning"].format_map(v), ()))
    status = d["filed"].format_map(v) if i589_on else d["draft"]
    docs.append(_document("i589", d["title"], i589_on, status, paras, told))
    if not i589_on:
        docs[-1] = _retitled(docs[-1], "HYPOTHETICAL - Draft " + d["title"])

    # ---- the interview notes
    d = dw["interview"]
    poor = "interpretation" in explained
    paras = [(d["header_poor_line" if poor else "header"].format_map(v), (("cue", "interpretation"),) if poor else ())]
    listed = [e for e in events if not view("interview", e).omitted]
    paras.append((d["summary"].format_map({**v, "events": _series([e.label for e in listed])}),
                  tuple((e.id, "listed") for e in listed)))
    for e in events:
        vw = view("interview", e)
        _record(told, "interview", e.id, vw)
        text = d["event"].format_map({"label": e.label, "month": month_text(vw.on),
                                      "short": event_words("interview", e, vw, "short")["text"]})
        p = plants.get(("interview", e.id))
        if p is not None and p.explanation == "interpretation":
            text += d["repeat"]
        paras.append((text, _states(e.id)))
    paras.append((d["police"].format_map({"police_short": by_persecutor(spec["police_short"], persecutor).format_map(v)}),
                  (("claim", "police"),)))
    v_dep, v_stay = view("interview", j1), view("interview", j2)
    helper = v_dep.actor.replace("my ", "A.'s ", 1)
    text = d["journey"].format_map({**v, "departure": day_text(v_dep.on), "helper": helper,
                                    "departure_place": v_dep.place})
    states = list(_states("J1"))
    if not v_stay.omitted:
        text += d["stay"].format_map({**v, "transit": v_stay.place})
        states.append(("J2", "place"))
    text += d["arrival"].format_map(v)
    paras.append((text, tuple(states)))
    _record(told, "interview", "J1", v_dep, journey=True)
    _record(told, "interview", "J2", v_stay, journey=True)
    paras.append((d["fear"].format_map({"fear_short": spec["fear_short"].format_map(v)}), (("claim", "fear"),)))
    paras.append((d["finding" if cfi else "finding_intake"], ()))
    docs.append(_document("interview", d["title" if cfi else "title_intake"], interview_on,
                          "notes", paras, told))

    # ---- the invented country-conditions excerpt
    d = dw["country"]
    cc = spec["country"]
    excerpt = [(by_persecutor(cc[key], persecutor).format_map(v), (("claim", key),))
               for key in ("reach", "protection", "perception")]
    rng.shuffle(excerpt)  # a report's order follows its own logic, not the claim's
    paras = [(d["notice"].format_map(v), ()), *excerpt]
    docs.append(_document("country", d["title"].format_map(v), None, "invented excerpt",
                          paras, told))

    # ---- the evidence inventory
    d = dw["evidence"]
    items = [*w["evidence"], *(spec.get("evidence") or [])]
    rng.shuffle(items)  # the inventory is in the order things came in, not by element
    paras = []
    for item in items:
        if item["key"] in ("medical-record", "photographs") and not harmed:
            continue
        status, description = item["status"], item["description"].format_map(v)
        if item["key"] == "psych-evaluation" and "trauma" in explained:
            status = "in-hand"
            description += "; it describes nightmares and difficulty placing events in time"
        why = item.get("why", "")
        text = f"{description}. Status: {d['statuses'][status]}" + (f" ({why})." if why else ".")
        paras.append((text, (("item", item["key"]),)))
        told.evidence.append([None, item["key"], description, status, tuple(item["elements"]), why])
    docs.append(_document("evidence", d["title"], None, "list", paras, told))
    for item, par in zip(told.evidence, docs[-1].paragraphs):
        item[0] = par.id
    return tuple(docs), told


def _states(event_id: str) -> tuple:
    return ((event_id, "date"), (event_id, "place"), (event_id, "actor"))


def _record(told: Told, doc: str, event_id: str, vw: _View, journey: bool = False) -> None:
    for fact in ("date", "place", "actor"):
        if fact == "date":
            value = (f"{part_of_year(vw.on)} {vw.on.year}" if vw.approximate else
                     day_text(vw.on) if doc == "declaration" or journey else month_text(vw.on))
        else:
            value = getattr(vw, fact)
        told.values[(doc, event_id, fact)] = value


def _series(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _document(doc_id, title, made_on, status, paras, told: Told):
    prefix = PREFIXES[doc_id]
    out = []
    for n, (text, states) in enumerate(paras, 1):
        pid = f"{prefix}-{n}"
        out.append(Paragraph(pid, " ".join(text.split()), tuple(states)))
        for ev, fact in states:
            if ev == "cue":
                told.cues[fact] = pid
    doc = Document(doc_id, f"HYPOTHETICAL - {title}", made_on, status, tuple(out))
    _locate_deviations(doc, told)
    return doc


def _locate_deviations(doc, told: Told) -> None:
    """Where a document departs from the record: the paragraph that tells the event (or, for an omission,
    the paragraph that should have listed or told it)."""
    for par in doc.paragraphs:
        for ev, fact in par.states:
            if fact == "date" or (ev == "J2" and fact == "place"):
                told.deviating.setdefault((doc.id, ev), par.id)
    if doc.id in ("i589", "interview"):
        summary = doc.paragraphs[1 if doc.id == "interview" else 0].id
        for ev in ("E1", "E2", "E3"):
            told.deviating.setdefault((doc.id, ev), summary)
    journey = next((p.id for p in doc.paragraphs if ("J1", "date") in p.states), None)
    if journey:
        told.deviating.setdefault((doc.id, "J2"), journey)


def _retitled(doc, title: str):
    return replace(doc, title=title)


def _shift(e, p, rng, events) -> _dt.date:
    """A planted date: weeks off for trauma, months off for time, days off for a trivial travel date."""
    if p.explanation == "time":  # into another part of the year, so the declaration's "early in 2021" differs too
        steps = [s for s in (-4, -3, -2, 2, 3, 4) if 1 <= e.on.month + s <= 12
                 and part_of_year(e.on.replace(month=e.on.month + s, day=1)) != part_of_year(e.on)]
        return e.on.replace(month=e.on.month + rng.choice(steps), day=min(e.on.day, 28))
    if p.explanation == "trauma":
        days = rng.randint(35, 70)
        return e.on - _dt.timedelta(days=days) if e.id == "E3" or rng.random() < 0.5 else e.on + _dt.timedelta(days=days)
    days = rng.randint(2, 4)
    room = (e.on - events[2].on).days
    return e.on + _dt.timedelta(days=days if room < 8 or rng.random() < 0.5 else -days)


def _other_place(e, p, spec, v, persecutor: str) -> str:
    """A planted place: a name that sounds alike (an interpreter's slip), or another place altogether."""
    if e.id == "J2":
        return v["transit2"]
    raw = by_persecutor(spec["events"][e.id]["place"], persecutor)
    if p.explanation == "interpretation":
        swapped = {**v, "town": v["twin"], "town2": v["twin_town2"]}
    else:
        swapped = {**v, "town": v["town3"], "town2": v["town3"]}
    return raw.format_map(swapped)
