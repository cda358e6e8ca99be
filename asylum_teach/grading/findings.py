"""A student's findings in a case file, one line each, read forgivingly and scored against the planted record.

A finding is one line of plain words a law student can write without Python beyond quotes and a list:
the two paragraphs that disagree, what kind of discrepancy it is, its class, and its explanation, with
the paragraph that holds the explanation when there is one::

    "CFI-5 DEC-5 date explainable trauma DEC-10"
    "I589-3 vs DEC-4: actor, material"
    "cfi 7 / dec 7 date trivial"

Order, case, punctuation and spacing do not matter; ``I-589-3`` and ``i589 3`` are the same paragraph;
common synonyms are understood (``who`` for actor, ``interpreter`` for interpretation, ``missing`` for
omission). The first two paragraph ids are the pair; for an explainable one, name the paragraph that
holds the explanation after them (naming a third paragraph of the same discrepancy is harmless).

Scoring is per planted discrepancy, four points each: found (both paragraphs belong to it, one of them
the paragraph that departs from the others), kind, class, and explanation (for an explainable one, the
right explanation and the paragraph that holds it; otherwise "none" or nothing). A line that matches no
discrepancy, or one already matched, costs a point, so listing every pair of paragraphs earns nothing;
the total never goes below zero. Feedback counts what was found and right, never says which.

>>> parse_finding("I-589-3 vs dec 4: Who, MATERIAL").paragraphs, parse_finding("I-589-3 vs dec 4: Who, MATERIAL").kind
(('I589-3', 'DEC-4'), 'actor')
>>> planted = [{"deviating": "CFI-5", "paragraphs": ["CFI-5", "DEC-5", "I589-4"], "kind": "date",
...             "materiality": "explainable", "explanation": "trauma", "cue": "DEC-10"}]
>>> score_findings(["DEC-5 CFI-5 date explainable trauma DEC-10"], planted).points
4.0
>>> score_findings(["DEC-5 CFI-5 date explainable interpretation", "DEC-1 CFI-1 place trivial"], planted).points
2.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PARAGRAPH = re.compile(r"(?<![A-Za-z0-9])(I\s*-?\s*589|DEC|CFI|CC|EV)\s*[-–.]?\s*(\d{1,3})(?!\d)", re.I)
WORDS = {
    "kind": {"date": "date", "when": "date", "time-of": "date", "place": "place", "where": "place",
             "location": "place", "actor": "actor", "who": "actor", "person": "actor", "persecutor": "actor",
             "omission": "omission", "omitted": "omission", "missing": "omission", "left-out": "omission"},
    "materiality": {"material": "material", "explainable": "explainable", "explained": "explainable",
                    "trivial": "trivial", "minor": "trivial"},
    "explanation": {"trauma": "trauma", "memory": "trauma", "interpretation": "interpretation",
                    "interpreter": "interpretation", "translation": "interpretation", "time": "time",
                    "passage-of-time": "time", "none": "none", "no-explanation": "none"},
}
POINTS_PER_DISCREPANCY = 4


@dataclass(frozen=True)
class Finding:
    """One line, understood: the paragraphs named (in order) and the words recognised."""

    text: str
    paragraphs: tuple[str, ...]
    kind: str | None = None
    materiality: str | None = None
    explanation: str | None = None

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(self.paragraphs[:2])

    @property
    def cue(self) -> str | None:
        return self.paragraphs[2] if len(self.paragraphs) > 2 else None


def paragraph_id(prefix: str, number: str) -> str:
    """The case file's spelling of a paragraph id (``i-589``, ``3`` -> ``I589-3``)."""
    p = re.sub(r"[\s-]", "", prefix).upper()
    return f"{p}-{int(number)}"


def parse_finding(text) -> Finding:
    """Read one line (see the module docstring). Words it does not know are ignored."""
    text = str(text)[:500]
    paragraphs = tuple(dict.fromkeys(paragraph_id(*m.groups()) for m in PARAGRAPH.finditer(text)))
    rest = PARAGRAPH.sub(" ", text).lower().replace("passage of time", "passage-of-time") \
        .replace("no explanation", "no-explanation").replace("left out", "left-out")
    found: dict[str, str] = {}
    for word in re.findall(r"[a-z][a-z-]*", rest):
        for slot, table in WORDS.items():
            if word in table and slot not in found:
                found[slot] = table[word]
    # "time" alone is the explanation; a "date" word names the kind
    return Finding(text, paragraphs, found.get("kind"), found.get("materiality"), found.get("explanation"))


@dataclass(frozen=True)
class FindingsScore:
    points: float
    max_points: float
    found: int
    classified: int
    extra: int
    planted: int
    notes: tuple[str, ...] = field(default=())

    @property
    def summary(self) -> str:
        """What a student may read: counts only, never which discrepancy or which answer."""
        parts = [f"{self.found} of {self.planted} discrepancies found",
                 f"{self.classified} of them fully classified (kind, class and explanation)"]
        if self.extra:
            parts.append(f"{self.extra} line{'s' if self.extra != 1 else ''} matched no discrepancy or repeated "
                         "one (a point off each)")
        return "; ".join(parts) + "."


def score_findings(lines, planted: list[dict]) -> FindingsScore:
    """Score the student's lines against the planted discrepancies (plain dicts from the instructor's key)."""
    findings = [parse_finding(line) for line in lines] if isinstance(lines, list) else []
    matched: dict[int, Finding] = {}
    extra = 0
    for f in findings:
        hit = next((i for i, d in enumerate(planted) if i not in matched and _matches(f, d)), None)
        if hit is None:
            extra += 1
        else:
            matched[hit] = f
    points, classified = 0.0, 0
    for i, d in enumerate(planted):
        m = matched.get(i)
        if m is None:
            continue
        got = 1 + (m.kind == d["kind"]) + (m.materiality == d["materiality"]) + _explained(m, d)
        classified += got == POINTS_PER_DISCREPANCY
        points += got
    total = float(POINTS_PER_DISCREPANCY * len(planted))
    return FindingsScore(max(0.0, points - extra), total, len(matched), classified, extra, len(planted))


def _matches(f: Finding, d: dict) -> bool:
    pair = f.pair
    return len(pair) == 2 and pair <= set(d["paragraphs"]) and d["deviating"] in pair


def _explained(f: Finding, d: dict) -> bool:
    """Right explanation: for an explainable one, its kind and the paragraph that holds it (any id after the
    pair); otherwise "none" or no word, and no paragraph outside the discrepancy offered as an explanation."""
    more = set(f.paragraphs[2:])
    if d["materiality"] != "explainable":
        return f.explanation in (None, "none") and more <= set(d["paragraphs"])
    return f.explanation == d["explanation"] and d["cue"] in more
