"""What a generated case file holds for counsel preparing the merits hearing.

Computed from the generator's own record (:mod:`asylum_teach.model.case_record`) and the dated merits
data (:mod:`asylum_teach.law.merits`): the particular social group to plead and why the other
formulations fail, criterion by criterion, on a date; the corroboration each element of the claim can
have; and the planted discrepancies as a table. The notebook's worked example, the rehearsal and the
credibility lab's answer key all call these functions, so a student and the grader see the same law.

>>> from asylum_teach.model.case_record import credibility_lab_record
>>> r = credibility_lab_record("ada", "2026-12-01")
>>> plead = group_to_plead(r)
>>> plead.candidate.basis, plead.fails
('sexual-orientation', ())
>>> [a.candidate.basis for a in group_analysis(r) if a.fails]
['sex-nationality']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from asylum_teach.dates import parse_date
from asylum_teach.law.citations import Citation
from asylum_teach.law.merits import CRITERIA, CriterionAnswer, group_test
from asylum_teach.model.case_record import CaseRecord, GroupCandidate


@dataclass(frozen=True)
class GroupAnalysis:
    """One formulation of the group, tested on the three criteria on a date."""

    candidate: GroupCandidate
    on: date
    tests: dict[str, CriterionAnswer]

    @property
    def fails(self) -> tuple[str, ...]:
        return tuple(c for c in CRITERIA if self.tests[c].status == "fails")

    @property
    def contested(self) -> tuple[str, ...]:
        return tuple(c for c in CRITERIA if self.tests[c].status in ("contested", None))

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for t in self.tests.values() for c in t.citations))


def group_analysis(record: CaseRecord, on=None) -> tuple[GroupAnalysis, ...]:
    """Every formulation in the file, tested as the precedent stood on ``on`` (default: the record's as-of date)."""
    day = parse_date(on, name="on") if on is not None else record.as_of
    return tuple(GroupAnalysis(c, day, group_test(c.basis, day)) for c in record.groups)


def group_to_plead(record: CaseRecord, on=None) -> GroupAnalysis:
    """The formulation to plead: none of its criteria fails, and the fewest are contested (file order breaks ties)."""
    candidates = [a for a in group_analysis(record, on) if not a.fails]
    if not candidates:
        from asylum_teach.exceptions import InvalidInputError

        raise InvalidInputError("no formulation of the group in this file survives all three criteria")
    return min(candidates, key=lambda a: len(a.contested))


def corroboration_plan(record: CaseRecord) -> dict[str, tuple[str, ...]]:
    """For each element of the claim, the evidence in the file that corroborates it and that the client has
    or can reasonably obtain (INA 208(b)(1)(B)(ii))."""
    return {element: tuple(e.id for e in record.evidence if element in e.elements and e.status != "unavailable")
            for element in record.elements}


def unavailable_evidence(record: CaseRecord) -> tuple[str, ...]:
    """Evidence the client does not have and cannot reasonably obtain: its absence needs explaining, not curing."""
    return tuple(e.id for e in record.evidence if e.status == "unavailable")


def discrepancy_rows(record: CaseRecord) -> list[dict]:
    """The planted discrepancies as rows (an instructor's view; the answer key is built from the same record)."""
    return [{"id": d.id, "paragraphs": " / ".join(d.paragraphs), "kind": d.kind, "class": d.materiality,
             "explanation": d.explanation, "explained in": d.cue or "", "why": d.reason} for d in record.discrepancies]
