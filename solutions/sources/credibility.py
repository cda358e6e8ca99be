"""Solution source for the credibility lab (instructor only)."""

EXERCISE = "credibility"
NOTEBOOK = "06_credibility"

INTRO = """
# Exercise 6: The credibility lab

**For:** clinic students who have worked through notebook 07 (the merits).
**You will be able to:** read a client's case file as the judge and DHS will; mark and classify every
inconsistency between the I-589, the declaration and the credible fear interview notes; choose and test
the particular social group; plan corroboration element by element; and answer the strongest credibility
attack in a brief.
**Time:** about 90 minutes.

**No Python beyond notebook 00b.** Each answer is a word in quotes (`"G1"`, `"met"`, `"DEC-2"`) or a list
of them in square brackets (`["EV-1", "EV-3"]`); for the discrepancies, one line of plain words per
discrepancy, in quotes, in a list. Notebook 07, section 7, shows the form.

Law covered: INA 101(a)(42)(A), 208(b)(1)(B)(i)-(iii); 8 C.F.R. 1208.13; Matter of M-E-V-G- and Matter of
W-G-R- (2014); the 2025 decisions on groups; Matter of L-A-C- (2015). Your client, every person and the
country excerpt are HYPOTHETICAL. A teaching model, not legal advice.
"""

SETUP = """
from asylum_teach.grading.exercises.credibility import case_file
from asylum_teach.teaching.merits_view import case_file_html
from asylum_teach.teaching.notebook import notice, show_html

notice()
case = case_file(student_id, as_of)
show_html(case_file_html(case))
print(case.groups_text())
"""

SOLUTIONS = {
    "discrepancies": """
from asylum_teach.model.case_record import credibility_lab_record
from asylum_teach.reasoning.credibility import corroboration_plan, group_analysis, group_to_plead, unavailable_evidence

record = credibility_lab_record(student_id, as_of)
plead = group_to_plead(record)
plan = corroboration_plan(record)

discrepancies = [" ".join(x for x in (d.deviating, d.contradicted[0], d.kind, d.materiality,
                                      d.explanation if d.materiality == "explainable" else "", d.cue or "") if x)
                 for d in record.discrepancies]
print("\\n".join(discrepancies))
""",
    "group_to_plead": "group_to_plead = plead.candidate.id",
    "immutability": 'immutability = plead.tests["immutability"].status',
    "particularity": 'particularity = plead.tests["particularity"].status',
    "social_distinction": 'social_distinction = plead.tests["social-distinction"].status',
    "immutability_evidence": 'immutability_evidence = record.group_support["immutability"]',
    "particularity_evidence": 'particularity_evidence = record.group_support["particularity"]',
    "social_distinction_evidence": 'social_distinction_evidence = record.group_support["social-distinction"]',
    "rejected_groups": """
rejected_groups = [f"{a.candidate.id} {c}" for a in group_analysis(record) if a.candidate != plead.candidate
                   for c in a.fails]
""",
    "corroborate_identity": 'corroborate_identity = list(plan["identity"])',
    "corroborate_past_harm": 'corroborate_past_harm = list(plan["past-harm"])',
    "corroborate_nexus": 'corroborate_nexus = list(plan["nexus"])',
    "corroborate_membership": 'corroborate_membership = list(plan["psg-membership"])',
    "corroborate_distinction": 'corroborate_distinction = list(plan["psg-distinction"])',
    "corroborate_state_protection": 'corroborate_state_protection = list(plan["state-protection"])',
    "corroborate_future_risk": 'corroborate_future_risk = list(plan["future-risk"])',
    "unavailable": "unavailable = list(unavailable_evidence(record))",
}

WRITTEN = {
    "w_brief": """
(A model for the pattern; the ids are the student's own.) DHS will point to one discrepancy: the I-589
(I589-n) names a different actor for the central event, or a different place, or leaves the event out,
while the declaration (DEC-n) and the interview notes (CFI-n) agree with each other. The judge weighs it in
the totality of the circumstances (INA 208(b)(1)(B)(iii); Matter of J-Y-C-, 24 I&N Dec. 260 (BIA 2007)):
the two fuller statements, made months apart and one of them to an asylum officer weeks after arrival,
tell the same event on the same day in the same place. The record corroborates that core account: the
medical record and photographs of the injuries (EV-n), a witness letter (EV-n), and the country excerpt on
the persecutor's reach (CC-n) (INA 208(b)(1)(B)(ii)). The record holds no explanation for the form's words,
and this brief offers none: the client will be asked about it directly at the hearing, and the application
will be corrected on the record if it is wrong. In the Ninth and Third Circuits the applicant is entitled to
notice of any further corroboration the judge expects and a chance to provide it or explain its absence
(Ren v. Holder, 648 F.3d 1079 (9th Cir. 2011)).
""",
}
