"""Solution source for the pathway exercise (instructor only)."""

EXERCISE = "pathway"
NOTEBOOK = "01_pathway"

INTRO = """
# Exercise 1: Pathway and relief screening

**For:** clinic students who have read the screening notebook.
**You will be able to:** screen an invented client for the affirmative or defensive pathway, say which
of asylum, withholding of removal and CAT protection remain available, and cite why.
**Time:** about 40 minutes.

Law covered: INA 208(a)(2) and 208(b)(2) (asylum bars), INA 239(a) (Notice to Appear), INA 241(b)(3)
(withholding), 8 C.F.R. 1208.16-1208.17 (CAT), INA 208(b)(3)(C) (unaccompanied children).
The client is HYPOTHETICAL. A teaching model, not legal advice.
"""

SETUP = """
from asylum_teach.model.client import age_on
from asylum_teach.reasoning.screening import screen
from asylum_teach.grading.exercises.pathway import client as my_client

client = my_client(student_id, as_of)
print(client.narrative)
print()
print("Facts:", dict(client.facts))
"""

SOLUTIONS = {
    "pathway": """
result = screen(client.facts, as_of)
for line in result.to_dict()["reasons"]:
    print(line)
pathway = result.pathway
""",
    "age_at_arrival": "age_at_arrival = age_on(client.born_on, client.facts['last_arrival_on'])",
    "asylum_available": "asylum_available = result.asylum.available",
    "asylum_bars": "asylum_bars = list(result.asylum.bars)",
    "withholding_available": "withholding_available = result.withholding.available",
    "cat_form": "cat_form = result.cat.form",
    "asylum_standard_cite": "asylum_standard_cite = result.asylum.standard_of_proof.citations[0].cite",
    "pathway_cite": "pathway_cite = result.pathway_steps[-1].citations[0].cite",
}

WRITTEN = {
    "w_advice": """
The client is in removal proceedings: the NTA has been filed, so the judge decides and the I-589 goes to
the court (INA 239(a); 8 CFR 1208.2(b)). Asylum is available unless a bar listed by the screening applies;
withholding of removal has its own, narrower bars and requires a clear probability of persecution
(INS v. Stevic [K]); CAT requires that torture is more likely than not. The judge, not the screening, decides
discretion and any question the screening leaves open.
""",
}
