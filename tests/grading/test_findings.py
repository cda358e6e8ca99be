"""Findings in a case file: read forgivingly, scored per planted discrepancy, never gamed by listing everything.

The planted record comes from the generator itself; the solution's lines (one per planted discrepancy,
written from the record) score full marks for 20 students, and blank, junk or shotgun answers score 0.
"""

from __future__ import annotations

import itertools

import pytest

from asylum_teach.grading.findings import POINTS_PER_DISCREPANCY, parse_finding, score_findings
from asylum_teach.model.case_record import credibility_lab_record


def planted(record):
    return [{"deviating": d.deviating, "paragraphs": list(d.paragraphs), "kind": d.kind,
             "materiality": d.materiality, "explanation": d.explanation, "cue": d.cue} for d in record.discrepancies]


def solution_lines(record):
    return [" ".join(x for x in (d.deviating, d.contradicted[0], d.kind, d.materiality,
                                 d.explanation if d.materiality == "explainable" else "", d.cue or "") if x)
            for d in record.discrepancies]


@pytest.mark.parametrize("text, paragraphs, kind, materiality, explanation", [
    ("CFI-5 DEC-5 date explainable trauma DEC-10", ("CFI-5", "DEC-5", "DEC-10"), "date", "explainable", "trauma"),
    ("I-589-3 vs dec 4: Who, MATERIAL", ("I589-3", "DEC-4"), "actor", "material", None),
    ("i589 3 / DEC 4 — where; trivial", ("I589-3", "DEC-4"), "place", "trivial", None),
    ("cfi-7, dec-8: left out, minor", ("CFI-7", "DEC-8"), "omission", "trivial", None),
    ("CFI-3 DEC-3 place explainable interpreter (CFI-1)", ("CFI-3", "DEC-3", "CFI-1"), "place", "explainable",
     "interpretation"),
    ("DEC-3 I589-2 date explained, passage of time, see DEC-10", ("DEC-3", "I589-2", "DEC-10"), "date",
     "explainable", "time"),
    ("", (), None, None, None),
    ("<script>alert(1)</script>", (), None, None, None),
])
def test_a_line_is_read_forgivingly(text, paragraphs, kind, materiality, explanation):
    f = parse_finding(text)
    assert (f.paragraphs, f.kind, f.materiality, f.explanation) == (paragraphs, kind, materiality, explanation)


@pytest.mark.parametrize("student", [f"student-{i}" for i in range(20)])
def test_the_solution_scores_full_marks_and_a_blank_scores_zero(student):
    record = credibility_lab_record(student, "2026-12-01")
    full = score_findings(solution_lines(record), planted(record))
    assert full.points == full.max_points == POINTS_PER_DISCREPANCY * 5 and full.classified == 5
    assert score_findings([], planted(record)).points == 0
    assert score_findings(..., planted(record)).points == 0


def test_listing_every_pair_of_paragraphs_earns_nothing():
    record = credibility_lab_record("shotgun", "2026-12-01")
    ids = record.paragraph_ids
    every = [f"{a} {b} date material" for a, b in itertools.combinations(ids, 2)]
    s = score_findings(every, planted(record))
    assert s.points == 0 and s.found == 5 and s.extra > 100


def test_a_repeated_finding_costs_a_point_and_the_feedback_names_no_answer():
    record = credibility_lab_record("repeat", "2026-12-01")
    lines = solution_lines(record)
    s = score_findings(lines + [lines[0]], planted(record))
    assert s.points == s.max_points - 1 and s.extra == 1
    for d in record.discrepancies:
        assert d.deviating not in s.summary and d.kind not in s.summary.replace("kind,", "")


def test_a_wrong_class_or_explanation_loses_only_its_point():
    record = credibility_lab_record("partial", "2026-12-01")
    d = next(x for x in record.discrepancies if x.materiality == "explainable")
    wrong = " ".join((d.deviating, d.contradicted[0], d.kind, "trivial"))
    s = score_findings([wrong], planted(record))
    assert s.points == 2 and s.found == 1 and s.classified == 0
