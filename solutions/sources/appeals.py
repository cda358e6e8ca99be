"""Solution source for the appeals exercise (instructor only)."""

EXERCISE = "appeals"
NOTEBOOK = "04_appeals"

INTRO = """
# Exercise 4: Appeals, motions and the petition for review

**For:** clinic students who have worked through the appeals notebook.
**You will be able to:** list a client's options after an immigration judge's decision, compute each
deadline under the rule version in force, find the circuit for a petition for review, and advise.
**Time:** about 45 minutes.

Law covered: 8 C.F.R. 1003.37-1003.38 and what happened to the 2026 interim rule (appeal to the Board),
INA 240(c)(6)-(7)
(motions to reconsider and reopen), INA 240B (voluntary departure), INA 242(b) (petition for review).
A teaching model, not legal advice.
"""

SETUP = """
from asylum_teach.reasoning.appeals import appeal_options
from asylum_teach.reasoning.render import render_appeal_aid
from asylum_teach.grading.exercises.appeals import decision

case = decision(student_id, as_of)
print(case.show())
"""

SOLUTIONS = {
    "available_options": """
aid = appeal_options(case.decided_on, case.form, "removal_ordered", case.court, served_on=case.served_on,
                     as_of=case.decided_on, bia_decision_date=case.bia_decided_on,
                     voluntary_departure=case.voluntary_departure,
                     facts={"asylum_decided_on_merits": case.asylum_on_merits})
print(render_appeal_aid(aid))
available_options = [o.id for o in aid.options if o.available]
""",
    "clock_starts": """
appeal = aid.option("bia-appeal").deadlines[0]
clock_starts = appeal.trigger
""",
    "bia_appeal_due": "bia_appeal_due = appeal.due",
    "bia_version": "bia_version = appeal.version",
    "bia_safe_date": "bia_safe_date = appeal.safe_date",
    "reopen_due": "reopen_due = aid.option('motion-to-reopen').deadlines[0].due",
    "pfr_circuit": "pfr_circuit = aid.venue.circuit",
    "pfr_due": "pfr_due = aid.option('petition-for-review').deadlines[0].due",
}

WRITTEN = {
    "w_strategy": """
File the notice of appeal with the Board by the safe date, 30 days after the decision (8 CFR
1003.38(b)). The 2026 interim rule would have cut this to 10 days for decisions from March 9, 2026, but
the District Court for the District of Columbia vacated that part on March 8, before it took effect
(Amica Center v. EOIR [S]; FR Doc. 2026-02326), so it is history, not the law. A motion to reconsider (30 days) or reopen (90 days) does not toll the later petition for
review (INA 240(c)(6)-(7); secondary sources; Stone v. INS [K]); a petition for review does not stop
removal without a stay (INA 242(b)(3)(B); Nken v. Holder [K]).
""",
}
