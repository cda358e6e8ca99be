"""Solution source for the capstone exercise (instructor only)."""

EXERCISE = "capstone"
NOTEBOOK = "05_capstone"

INTRO = """
# Exercise 5: Capstone, from intake to the next deadline

**For:** clinic students who have finished exercises 1-4.
**You will be able to:** take an invented client from intake facts to a screened case with a full
timeline: pathway, relief, bars, deadlines missed and pending, and a written plan. The client's case
file (the I-589 answers, a declaration, interview notes) comes from the credibility lab's generator.
**Time:** about 90 minutes.

Law covered: everything in exercises 1-4 (INA 208, 239, 240, 241(b)(3), 242; 8 C.F.R. 1003, 1208).
The client is HYPOTHETICAL. A teaching model, not legal advice.
"""

SETUP = """
from asylum_teach.reasoning.screening import screen
from asylum_teach.reasoning.timeline import build_timeline
from asylum_teach.grading.exercises.capstone import client as my_client

client = my_client(student_id, as_of)
print(client.narrative)

# The client's own documents, from the same generator as the credibility lab (notebook 07, exercise 06).
from asylum_teach.teaching.capstone import case_file_for
from asylum_teach.teaching.merits_view import case_file_html
from asylum_teach.teaching.notebook import show_html

show_html(case_file_html(case_file_for(client)))
"""

SOLUTIONS = {
    "pathway": """
result = screen(client.facts, as_of)
pathway = result.pathway
""",
    "asylum_available": "asylum_available = result.asylum.available",
    "asylum_bars": "asylum_bars = list(result.asylum.bars)",
    "withholding_available": "withholding_available = result.withholding.available",
    "event_count": """
timeline = build_timeline(client.facts, as_of)
print(timeline.to_frame())
event_count = len(timeline.events)
""",
    "passed_deadlines": "passed_deadlines = [i.key for i in timeline.deadlines if i.status == 'passed']",
    "one_year_status": """
item = next((i for i in timeline.items if i.key == "one-year-asylum"), None)
one_year_status = item.status if item else "not-applicable"
""",
    "next_deadline": """
pending = [i for i in timeline.due_next() if i.is_deadline]
print(timeline.what_is_due_next())
next_deadline = pending[0].key if pending else None
""",
    "next_deadline_on": "next_deadline_on = pending[0].on if pending else None",
}

WRITTEN = {
    "w_memo": """
Facts, pathway and relief follow the screening's reasons (INA 239(a); INA 208(a)(2)); each missed deadline
is listed with its rule and citation, and the plan meets the next deadline by its safe date.
""",
}
