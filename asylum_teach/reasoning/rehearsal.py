"""A hearing rehearsal scripted from a generated case file: counsel's direct examination, one choice a step.

Each step (a *beat*) is a planted discrepancy: the three claim events' discrepancies and the first
travel detail, in the order the events happened. At each beat counsel picks one of three questions; the
HYPOTHETICAL client answers from the case file (the declaration's account, the interview notes' header,
the explanation the file holds, never a new fact), and the feedback says whether the choice repairs the
inconsistency, exposes it, leaves it for DHS's cross-examination, or neither, with citations. Wording and
citations are data (``data/rehearsal.yaml``); nothing here is free text.

>>> from asylum_teach.model.case_record import credibility_lab_record
>>> r = rehearsal(credibility_lab_record("ada", "2026-12-01"))
>>> len(r.beats), [len(b.options) for b in r.beats]
(4, [3, 3, 3, 3])
>>> best = [next(o.key for o in b.options if o.outcome in ("repairs", "neutral") or b.discrepancy.materiality
...         == "material" and o.key == "confront") for b in r.beats]
>>> run = play(r, best)
>>> run.finished, run.counts["open"]
(True, 0)
>>> play(r, ["nope"])
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: step 1: 'nope' is not one of the questions here (explain, leading, skip)
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.citations import Citation, cite
from asylum_teach.model.case_record import CaseRecord, Discrepancy
from asylum_teach.model.declaration import DOC_NAMES
from asylum_teach.yaml_data import package_wording

OUTCOMES = ("repairs", "exposes", "open", "neutral")
ORDER = ("E1", "E2", "E3", "J1", "J2")


def script_words() -> dict:
    """``data/rehearsal.yaml`` (plain data; every citation id is checked when a rehearsal is built)."""
    return package_wording("rehearsal.yaml")


@dataclass(frozen=True)
class Option:
    key: str
    question: str
    answer: str
    outcome: str
    debrief: str
    citations: tuple[Citation, ...]

    @property
    def outcome_text(self) -> str:
        return script_words()["outcomes"][self.outcome]


@dataclass(frozen=True)
class Beat:
    discrepancy: Discrepancy
    topic: str
    options: tuple[Option, ...]

    def option(self, key: str) -> Option:
        for o in self.options:
            if o.key == key:
                return o
        raise KeyError(key)


@dataclass(frozen=True)
class Rehearsal:
    record: CaseRecord
    intro: str
    beats: tuple[Beat, ...]


def rehearsal(record: CaseRecord) -> Rehearsal:
    """The scripted direct examination for ``record`` (reproducible: option order follows the record's seed)."""
    w = script_words()
    chosen = [d for d in sorted(record.discrepancies, key=lambda d: ORDER.index(d.event))
              if d.event.startswith("E")]
    chosen.append(next(d for d in sorted(record.discrepancies, key=lambda d: ORDER.index(d.event))
                       if d.materiality == "trivial"))
    beats = tuple(_beat(record, d, w) for d in chosen)
    return Rehearsal(record, " ".join(w["intro"].format(full=record.client.name).split()), beats)


def _beat(record: CaseRecord, d: Discrepancy, w: dict) -> Beat:
    event = record.event(d.event)
    label = event.label
    declaration = [p for p in record.document("declaration").paragraphs if p.id in d.contradicted]
    psych = next((e.id for e in record.evidence if e.key == "psych-evaluation"), "")
    words = {"first": record.client.given_name, "label": label, "label_cap": label[:1].upper() + label[1:],
             "says": d.says, "record": d.record, "record_mine": d.record.replace("the client's ", "my ", 1), "doc": _lower_article(DOC_NAMES[d.document]), "doc_cap": DOC_NAMES[d.document],
             "interp": record.interpreter_language, "part": d.record, "cue": d.cue or "", "evidence": psych,
             "record_sentence": declaration[0].text if declaration else d.record}
    words["topic"] = w["topics"][d.kind].format(**words)
    kind = "material" if d.materiality == "material" else ("trivial" if d.materiality == "trivial" else d.explanation)
    options = []
    for spec in w["beats"][kind]:
        question = spec.get("question_omission") if d.kind == "omission" and "question_omission" in spec \
            else spec["question"]
        answer = spec.get("answer_omission") if d.kind == "omission" and "answer_omission" in spec else spec["answer"]
        options.append(Option(spec["key"], _text(question, words), _text(answer, words), spec["outcome"],
                              _text(spec["debrief"], words), tuple(cite(c) for c in spec["cites"])))
    random.Random(f"rehearsal|{record.seed}|{d.id}").shuffle(options)
    return Beat(d, words["topic"], tuple(options))


def _lower_article(name: str) -> str:
    """ "The I-589" -> "the I-589" (the document's own name keeps its capitals)."""
    return name.replace("The ", "the ", 1)


def _text(template: str, words: dict) -> str:
    text = " ".join(str(template).format(**words).split())
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Step:
    number: int
    beat: Beat
    option: Option


@dataclass(frozen=True)
class Run:
    """A path through the rehearsal: the steps taken, and, once every beat is played, the debrief."""

    rehearsal: Rehearsal
    steps: tuple[Step, ...]

    @property
    def finished(self) -> bool:
        return len(self.steps) == len(self.rehearsal.beats)

    @property
    def next_beat(self) -> Beat | None:
        return None if self.finished else self.rehearsal.beats[len(self.steps)]

    @property
    def counts(self) -> dict[str, int]:
        return {o: sum(s.option.outcome == o for s in self.steps) for o in OUTCOMES}

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for s in self.steps for c in s.option.citations))

    def debrief(self) -> tuple[str, str]:
        """Two paragraphs: what this path did, and what the brief must answer whatever the path."""
        w = script_words()["debrief"]
        record = self.rehearsal.record
        strongest = record.strongest
        head = w["head"].format(first=record.client.given_name, **self.counts)
        tail = w["strongest"].format(doc=_lower_article(DOC_NAMES[strongest.document]), label=record.event(strongest.event).label,
                                     paragraphs=" / ".join(strongest.paragraphs))
        return " ".join(head.split()), " ".join(tail.split())


def play(r: Rehearsal, choices) -> Run:
    """Play ``choices`` (option keys, one a beat, in order; fewer than the beats is a path in progress)."""
    choices = list(choices)
    if len(choices) > len(r.beats):
        raise InvalidInputError(f"the rehearsal has {len(r.beats)} steps, not {len(choices)}")
    steps = []
    for n, (beat, key) in enumerate(zip(r.beats, choices), 1):
        try:
            steps.append(Step(n, beat, beat.option(str(key))))
        except KeyError:
            keys = ", ".join(sorted(o.key for o in beat.options))
            raise InvalidInputError(f"step {n}: {str(key)[:40]!r} is not one of the questions here ({keys})") from None
    return Run(r, tuple(steps))
