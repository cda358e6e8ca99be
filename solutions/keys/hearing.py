"""Answer key for the hearing exercise (instructor only: never in the package or the student bundle).

``asylum-teach grade`` loads it from ``solutions/keys/`` and calls ``compute(student_id, as_of)``.
"""

from __future__ import annotations

from datetime import date

from asylum_teach.dates import parse_date
from asylum_teach.grading.exercises.hearing import engine_answers, run, scenario

EXERCISE = "hearing"


def _deadline(record, rule_id):
    return next(d for d in record.deadlines if d.rule_id == rule_id)


def compute(student_id: str, as_of: date) -> dict:
    case = scenario(student_id, as_of)
    result = run(case)
    by_stage = {r.stage.value: r for r in result.records}
    served = parse_date(case.steps[0]["on"], name="served")
    hearing = parse_date(case.steps[0]["hearing_on"], name="hearing")
    evidence = _deadline(by_stage["master_calendar"], "filing-before-individual")
    return {
        **engine_answers(student_id, as_of),
        "days_notice": (hearing - served).days,
        "notice_flagged": any(c.severity != "info" for c in by_stage["nta_served"].consequences),
        "i589_rule": next(d.rule_id for d in by_stage["master_calendar"].deadlines
                          if d.trigger == parse_date(case.steps[2]["i589_due_on"], name="i589")),
        "evidence_filing": {"due": evidence.due, "safe_date": evidence.safe_date},
        "ead_earliest": _deadline(by_stage["i589_filed"], "ead-application").due,
        "appeal_due": _deadline(by_stage["ij_decision"], "bia-appeal").due,
        "hearing_warning": any(c.severity != "info" for c in by_stage["individual_hearing"].consequences),
    }
