"""Exercise "pathway": screen a generated hypothetical client for pathway and relief.

Each student gets their own client from :func:`asylum_teach.model.generator.generate_client` (seeded by
the student id) and answers with :func:`asylum_teach.reasoning.screening.screen`; the engine's own
answers come from the same two calls, and the rest of the key (which citations count) is the
instructor's, in ``solutions/keys/pathway.py``.

>>> sorted(SPEC.engine_answers("demo"))[:3]
['age_at_arrival', 'asylum_available', 'asylum_bars']
>>> client("demo") == client("demo")
True
"""

from __future__ import annotations

from datetime import date

from asylum_teach.dates import parse_date
from asylum_teach.grading.exercises._common import PATHWAY_LABELS
from asylum_teach.grading.spec import ExerciseSpec, Question, WrittenQuestion
from asylum_teach.model.client import age_on
from asylum_teach.model.generator import generate_client
from asylum_teach.reasoning.screening import PATHWAYS, screen

EXERCISE_ID = "pathway"
DEFAULT_AS_OF = "2026-09-01"


def client(student_id: str, as_of=DEFAULT_AS_OF):
    """The student's own hypothetical client (a generated, invented person)."""
    return generate_client(f"{EXERCISE_ID}:{student_id}", parse_date(as_of, name="as_of"))


#: The questions whose answer is what the engine returns for the case (the self-check decides them).
ENGINE_CHECKED = ("pathway", "age_at_arrival", "asylum_available", "asylum_bars", "withholding_available", "cat_form")


def engine_answers(student_id: str, as_of: date) -> dict:
    """The answers the screening itself gives for this student's client (and the client's age)."""
    c = client(student_id, as_of)
    s = screen(c.facts, as_of)
    arrival = c.facts.get("last_arrival_on")
    return {
        "pathway": s.pathway,
        "age_at_arrival": age_on(c.born_on, arrival) if arrival else None,
        "asylum_available": s.asylum.available,
        "asylum_bars": list(s.asylum.bars),
        "withholding_available": s.withholding.available,
        "cat_form": s.cat.form,
    }


QUESTIONS = (
    Question("pathway", "Which pathway is your client on?", "choice", choices=PATHWAYS,
             labels=PATHWAY_LABELS,
             review="Has DHS filed a Notice to Appear with the immigration court (INA 239(a))? Then the judge "
                    "hears the claim; an unaccompanied child applies to USCIS first (INA 208(b)(3)(C))."),
    Question("age_at_arrival", "How old (in whole years) was your client on the date of last arrival?", "int",
             review="Whole years from the date of birth to the date of the last arrival: a birthday not yet "
                    "reached in the year of arrival does not count."),
    Question("asylum_available", "Is asylum still available (not foreclosed by a bar on these facts)?", "bool",
             review="Check each bar to asylum against the facts: the filing bars of INA 208(a)(2) and the "
                    "mandatory bars of INA 208(b)(2), with any exception the facts make out."),
    Question("asylum_bars", "List the ids of the bars that apply to asylum (an empty list if none).", "set",
             review="List every bar to asylum that applies on these facts, by the id the screening gives it "
                    "(INA 208(a)(2), 208(b)(2)); a bar lifted by an exception does not count."),
    Question("withholding_available", "Is withholding of removal still available?", "bool",
             review="Withholding has its own bars (INA 241(b)(3)(B)); the one-year rule is not one of them."),
    Question("cat_form", "What form can CAT protection take: 'withholding', 'deferral', or None if open?",
             "optional-text",
             review="Protection under the Convention Against Torture takes two forms: the crimes and conduct that "
                    "bar relief reach one of them, and the other has no bars (8 CFR 1208.16(d)(2); 8 CFR 1208.17). "
                    "Which bars did the screening find?"),
    Question("asylum_standard_cite", "Give the authority the screening cites for asylum's standard of proof.",
             "text", review="What must an asylum applicant show about the chance of persecution, and which "
                            "authority sets that standard? Cite it as the screening's reasons do."),
    Question("pathway_cite", "Give one authority the screening cites for the pathway decision.", "text",
             review="Which authority decides who hears the claim (the Notice to Appear filed with the court, or "
                    "a child's route to USCIS)? Cite it as the screening's reasons do."),
)

WRITTEN = (
    WrittenQuestion("w_advice", "Write a short note to your supervising attorney: which pathway, which forms of "
                    "relief remain, and what the client must prove for each (cite the screening's sources).",
                    points=4, rubric=("pathway and why, with its citation (1)",
                                      "each form of relief: available or barred, and by what (1)",
                                      "the standard of proof for each form (1)",
                                      "clear and careful: says what is open for the judge (1)")),
)

SPEC = ExerciseSpec(EXERCISE_ID, "Pathway and relief screening", QUESTIONS, WRITTEN, engine_answers, DEFAULT_AS_OF,
                    ENGINE_CHECKED)
