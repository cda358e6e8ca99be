"""Exercise "capstone": one generated client, from screening through the case timeline.

Each student gets their own hypothetical client (:func:`asylum_teach.model.generator.generate_client`,
seeded by the student id), screens it (:func:`asylum_teach.reasoning.screening.screen`) and builds its
timeline (:func:`asylum_teach.reasoning.timeline.build_timeline`). The engine's own answers are the
screening's; reading the timeline (counting, finding what passed and what is next) is checked by the
instructor's key in ``solutions/keys/capstone.py``.

>>> sorted(SPEC.engine_answers("demo"))
['asylum_available', 'asylum_bars', 'pathway', 'withholding_available']
"""

from __future__ import annotations

from datetime import date

from asylum_teach.dates import parse_date
from asylum_teach.grading.exercises._common import PATHWAY_LABELS
from asylum_teach.grading.spec import ExerciseSpec, Question, WrittenQuestion
from asylum_teach.model.generator import generate_client
from asylum_teach.reasoning.screening import PATHWAYS, screen

EXERCISE_ID = "capstone"
DEFAULT_AS_OF = "2026-09-01"
#: The statuses a deadline item can have on the timeline (and not-applicable when the rule does not apply).
STATUSES = ("met", "missed", "disputed", "passed", "upcoming", "open", "not-applicable")


def client(student_id: str, as_of=DEFAULT_AS_OF):
    """The student's own hypothetical client (invented)."""
    return generate_client(f"{EXERCISE_ID}:{student_id}", parse_date(as_of, name="as_of"))


#: The questions whose answer is what the engine returns for the case (the self-check decides them).
ENGINE_CHECKED = ("pathway", "asylum_available", "asylum_bars", "withholding_available")


def engine_answers(student_id: str, as_of: date) -> dict:
    """The answers the screening itself gives for this student's client."""
    s = screen(client(student_id, as_of).facts, as_of)
    return {
        "pathway": s.pathway,
        "asylum_available": s.asylum.available,
        "asylum_bars": list(s.asylum.bars),
        "withholding_available": s.withholding.available,
    }


QUESTIONS = (
    Question("pathway", "Which pathway is your client on?", "choice", choices=PATHWAYS,
             labels=PATHWAY_LABELS,
             review="Has DHS filed a Notice to Appear with the immigration court (INA 239(a); 8 CFR 1208.2(b))? "
                    "That decides who hears the claim."),
    Question("asylum_available", "Is asylum still available?", "bool",
             review="Check the bars to asylum against the facts (INA 208(a)(2), 208(b)(2)), with any exception "
                    "the facts make out."),
    Question("asylum_bars", "List the ids of the bars to asylum (an empty list if none).", "set",
             review="List every bar to asylum that applies on these facts, by the id the screening gives it "
                    "(INA 208(a)(2), 208(b)(2))."),
    Question("withholding_available", "Is withholding of removal still available?", "bool",
             review="Withholding of removal has its own bars (INA 241(b)(3)(B)); the one-year rule is not one of "
                    "them."),
    Question("event_count", "How many events (not deadlines) are on your client's timeline?", "int",
             review="Count what has happened in the case (arrival, service, filings, hearings, decisions) on the "
                    "client's timeline; deadlines are not events."),
    Question("passed_deadlines", "List the rule ids of deadlines that have already passed unmet.", "set",
             review="Which deadlines' last days have gone by without the filing being made? Give the rule ids the "
                    "timeline shows."),
    Question("one_year_status", "What is the status of the one-year deadline on the timeline?", "choice",
             choices=STATUSES, review="Does the one-year rule apply to this client at all (INA 208(a)(2)(B))? If "
                                      "so, was the I-589 filed within the year, has the year run out, or is it still "
                                      "running on the as-of date?"),
    Question("next_deadline", "Which rule id is the next pending deadline (None if nothing is pending)?",
             "optional-text", review="Of the deadlines neither met nor passed, which comes first after the as-of "
                                     "date?"),
    Question("next_deadline_on", "On what date is that next deadline (None if nothing is pending)?",
             "optional-date", review="The last day of that next deadline, as the client's timeline computes it."),
)

WRITTEN = (
    WrittenQuestion("w_memo", "Write a one-page case memo: the client's situation, pathway, relief available "
                    "and barred, the deadlines already missed and the next ones, and your plan, with citations.",
                    points=6, rubric=("facts stated accurately and briefly (1)", "pathway with citation (1)",
                                      "relief analysis with bars and standards (1)",
                                      "deadlines: missed, next, and safe dates (1)",
                                      "a concrete plan with dates (1)", "professional, careful writing (1)")),
)

SPEC = ExerciseSpec(EXERCISE_ID, "Capstone: from intake to the next deadline", QUESTIONS, WRITTEN,
                    engine_answers, DEFAULT_AS_OF, ENGINE_CHECKED)
