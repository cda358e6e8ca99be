"""Solution source for the hearing-stages exercise (instructor only)."""

EXERCISE = "hearing"
NOTEBOOK = "03_hearing_stages"

INTRO = """
# Exercise 3: Hearing stages, step by step

**For:** clinic students who have worked through the proceedings notebook.
**You will be able to:** run a case through the stages of removal proceedings, read what each step
triggers (deadlines, warnings) and explain the risks to a client.
**Time:** about 45 minutes.

Law covered: INA 239 (Notice to Appear and notice of the first hearing), INA 240 (removal proceedings),
8 C.F.R. 1003.31 and 1003.47 (filing deadlines, biometrics; pinpoints unverified [K]), 8 C.F.R. 208.7 (work permit clock),
8 C.F.R. 1003.38 (appeal to the Board). A teaching model, not legal advice.
"""

SETUP = """
from datetime import date

from asylum_teach.reasoning.proceedings import simulate
from asylum_teach.reasoning.render import render_simulation
from asylum_teach.grading.exercises.hearing import scenario

case = scenario(student_id, as_of)
print(case.show())
"""

SOLUTIONS = {
    "path": """
result = simulate([dict(s) for s in case.steps], facts=case.facts, court=case.court, as_of=case.as_of)
print(render_simulation(result))
path = list(result.path)
""",
    "days_notice": """
served = date.fromisoformat(case.steps[0]["on"])
days_notice = (date.fromisoformat(case.steps[0]["hearing_on"]) - served).days
""",
    "notice_flagged": "notice_flagged = any(c.severity != 'info' for c in result.records[0].consequences)",
    "i589_rule": """
master = next(r for r in result.records if r.stage.value == "master_calendar")
i589_rule = next(d.rule_id for d in master.deadlines if d.trigger == date.fromisoformat(case.steps[2]["i589_due_on"]))
""",
    "evidence_filing": """
evidence = next(d for d in master.deadlines if d.rule_id == "filing-before-individual")
evidence_filing = {"due": evidence.due, "safe_date": evidence.safe_date}
""",
    "ead_earliest": """
filed = next(r for r in result.records if r.stage.value == "i589_filed")
ead_earliest = next(d.due for d in filed.deadlines if d.rule_id == "ead-application")
""",
    "appeal_due": """
decision = next(r for r in result.records if r.stage.value == "ij_decision")
appeal_due = next(d.due for d in decision.deadlines if d.rule_id == "bia-appeal")
""",
    "hearing_warning": """
hearing = next(r for r in result.records if r.stage.value == "individual_hearing")
hearing_warning = any(c.severity != "info" for c in hearing.consequences)
""",
}

WRITTEN = {
    "w_abandonment": """
If the I-589 is not filed by the date the judge set, the judge may deem the application waived or
abandoned (8 CFR 1003.31(c) [K]). The work-permit clock starts only with a complete I-589 (8 CFR 208.7(a)(1))
and any delay the applicant causes is not counted (8 CFR 208.7(a)(2)). File early, keep proof of
receipt, and complete biometrics as DHS instructs (8 CFR 1003.47 [K]).
""",
}
