"""Solution source for the deadlines exercise (instructor only)."""

EXERCISE = "deadlines"
NOTEBOOK = "02_deadlines"

INTRO = """
# Exercise 2: Deadlines, computed and explained

**For:** students in a removal-defense clinic who have worked through the deadlines notebook.
**You will be able to:** compute a client's filing and appeal deadlines with the deadline engine, and
say *why* each date is what it is: the weekday, the holiday that moved it, the rule and its citation.
**Time:** about 45 minutes.

Law covered: INA 208(a)(2)(B) and 8 C.F.R. 1208.4(a)(2) (one-year deadline); 8 C.F.R. 1003.38(b)
(appeal to the Board); INA 242(b)(1) (petition for review); Immigration Court Practice Manual,
Appendix C (filings before a master calendar hearing); 5 U.S.C. 6103 (legal holidays).
A teaching model, not legal advice.
"""

SETUP = """
from datetime import date

from asylum_teach import dates
from asylum_teach.court_calendar import CourtCalendar
from asylum_teach.law.engine import deadline_for
from asylum_teach.grading.exercises.deadlines import scenario

case = scenario(student_id, as_of)
print(case.show())
"""

SOLUTIONS = {
    "one_year_due": """
one_year = deadline_for("one-year-asylum", case.last_arrival_on, as_of=as_of)
print(one_year.explain())
one_year_due = one_year.due
""",
    "one_year_weekday": "one_year_weekday = dates.weekday(one_year_due)",
    "one_year_days_left": "one_year_days_left = (one_year_due - date.fromisoformat(as_of)).days",
    "appeal_due": """
appeal = deadline_for("bia-appeal", case.ij_decision_on, as_of=as_of)
print(appeal.explain())
appeal_due = appeal.due
""",
    "pfr_due": """
pfr = deadline_for("petition-for-review", case.bia_decision_on, as_of=as_of)
print(pfr.explain())
pfr_due = pfr.due
""",
    "pfr_holiday": """
day_30 = [s.date for s in pfr.steps if s.label.startswith("day 30")][0]
closure = CourtCalendar().closure(day_30)
pfr_holiday = closure.name if closure and closure.kind == "legal-holiday" else None
""",
    "pfr_roll_rule": """
from asylum_teach.law.rules import get_rule, load_conventions

pfr_roll_rule = get_rule("petition-for-review").version_on(date.fromisoformat(as_of)).roll
print(load_conventions()[pfr_roll_rule]["title"])
""",
    "pfr_roll_cite": """
pfr_roll_cite = [c.cite for c in pfr.citations if "Monsalvo" in c.cite][0]
""",
    "pfr_citation": "pfr_citation = pfr.citations[0].cite",
    "situation_rule": """
SITUATION_TO_RULE = {
    "moved to a new apartment": "address-change-court", "Board to review": "bia-appeal",
    "federal court of appeals": "petition-for-review", "in absentia": "in-absentia-reopen",
    "work permit": "ead-application", "individual (merits) hearing": "filing-before-individual",
}
situation_rule = next(rule for words, rule in SITUATION_TO_RULE.items() if words in case.situation)
""",
    "master_filing": """
master = deadline_for("filing-before-master", case.master_calendar_hearing_on, as_of=as_of)
print(master.explain())
master_filing = {"due": master.due, "safe_date": master.safe_date}
""",
}

WRITTEN = {
    "w_safe_date": """
The practice manual counts back 15 days from the hearing and, when that day is a weekend or holiday,
construes the deadline to fall on the next business day, toward the hearing (Immigration Court Practice
Manual (2008) ch. 3.1(c)). Later editions were not verified and federal rules move backward-counted
deadlines earlier (FRCP 6(a)(5)), so the engine offers the previous business day as the safe date. We
should file by the earlier, safe date: it is timely under either reading.
""",
}
