"""Answer key for the credibility lab (instructor only: never in the package or the student bundle).

``asylum-teach grade`` loads it from ``solutions/keys/`` and calls ``compute(student_id, as_of)``. Every
expected answer comes from the generator's own record of what it planted
(:func:`asylum_teach.model.case_record.credibility_lab_record`) and from the dated merits data, through
the same functions notebook 07 shows (:mod:`asylum_teach.reasoning.credibility`).
"""

from __future__ import annotations

from datetime import date

from asylum_teach.grading.exercises.credibility import CRITERIA_QUESTIONS, ELEMENT_QUESTIONS, engine_answers
from asylum_teach.model.case_record import credibility_lab_record
from asylum_teach.reasoning.credibility import corroboration_plan, group_analysis, group_to_plead, unavailable_evidence

EXERCISE = "credibility"


def compute(student_id: str, as_of: date) -> dict:
    record = credibility_lab_record(student_id, as_of)
    plead = group_to_plead(record)
    plan = corroboration_plan(record)
    return {
        **engine_answers(student_id, as_of),
        "discrepancies": [{"deviating": d.deviating, "paragraphs": list(d.paragraphs), "kind": d.kind,
                           "materiality": d.materiality, "explanation": d.explanation, "cue": d.cue}
                          for d in record.discrepancies],
        "group_to_plead": plead.candidate.id,
        **{key: plead.tests[criterion].status for criterion, key in CRITERIA_QUESTIONS},
        **{f"{key}_evidence": record.group_support[criterion] for criterion, key in CRITERIA_QUESTIONS},
        "rejected_groups": [f"{a.candidate.id} {c}" for a in group_analysis(record) if a.candidate != plead.candidate
                            for c in a.fails],
        **{key: list(plan[element]) for element, key in ELEMENT_QUESTIONS},
        "unavailable": list(unavailable_evidence(record)),
    }
