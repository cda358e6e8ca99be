"""Exercise "credibility": the credibility lab, on the student's own generated case file.

Each student gets a HYPOTHETICAL client's case file (:func:`asylum_teach.model.case_record.credibility_lab_record`,
seeded by the student id): the I-589 answers, a declaration, the credible fear interview notes, an invented
country-conditions excerpt and an evidence inventory, every paragraph numbered. The student marks the
planted discrepancies and classifies each (one plain line each, :mod:`asylum_teach.grading.findings`),
chooses and tests the particular social group, plans corroboration for each element, and writes the
paragraph of the brief that answers the strongest credibility attack (rubric-graded).

Nothing here is decided by the engine for the self-check: the answers are the student's reading of the
file, scored by the instructor's grader from the generator's own record (``solutions/keys/credibility.py``).

>>> f = case_file("demo")
>>> [d.id for d in f.documents]
['declaration', 'i589', 'interview', 'country', 'evidence']
>>> SPEC.max_auto, SPEC.max_written, SPEC.engine_answers("demo")
(38, 6, {})
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from asylum_teach.dates import parse_date
from asylum_teach.grading.spec import ExerciseSpec, Question, WrittenQuestion
from asylum_teach.model.case_record import credibility_lab_record

EXERCISE_ID = "credibility"
DEFAULT_AS_OF = "2026-12-01"
STATUSES = ("met", "contested", "fails")
GROUPS = ("G1", "G2", "G3")
#: The elements of the claim, each with the question that asks for its corroboration.
ELEMENT_QUESTIONS = (("identity", "corroborate_identity"), ("past-harm", "corroborate_past_harm"),
                     ("nexus", "corroborate_nexus"), ("psg-membership", "corroborate_membership"),
                     ("psg-distinction", "corroborate_distinction"),
                     ("state-protection", "corroborate_state_protection"), ("future-risk", "corroborate_future_risk"))
CRITERIA_QUESTIONS = (("immutability", "immutability"), ("particularity", "particularity"),
                      ("social-distinction", "social_distinction"))


@dataclass(frozen=True)
class CaseFile:
    """What the student reads: the documents and the group formulations on the table (not what was planted)."""

    student_id: str
    as_of: date
    notice: str
    client_name: str
    documents: tuple
    groups: tuple
    elements: dict

    def groups_text(self) -> str:
        lines = ["Formulations of the particular social group on the table (HYPOTHETICAL):"]
        lines += [f"  {g.id}: {g.wording}" for g in self.groups]
        return "\n".join(lines)


def case_file(student_id: str, as_of=DEFAULT_AS_OF) -> CaseFile:
    """The student's own case file (invented), as the exercise notebook shows it."""
    from asylum_teach.model.declaration import wording

    day = parse_date(as_of, name="as_of")
    record = credibility_lab_record(str(student_id), day)
    labels = wording()["elements"]
    return CaseFile(str(student_id), day, record.notice, record.client.name, record.documents, record.groups,
                    {e: labels[e] for e in record.elements})


#: No answer here is the engine's own: the self-check checks formats only.
ENGINE_CHECKED: tuple[str, ...] = ()


def engine_answers(student_id: str, as_of: date) -> dict:
    return {}


_FINDINGS = ("Mark every discrepancy planted in your case file (there are five). Write one line for each: "
             "the two paragraph ids that disagree; the kind (date, place, actor or omission); the class "
             "(material, explainable or trivial); and, for an explainable one, the explanation (trauma, "
             "interpretation or time) with the id of the paragraph that holds it. For example, a line in "
             "the form \"CFI-9 DEC-1 place explainable interpretation CFI-1\" (that one is made up).")

QUESTIONS = (
    Question("discrepancies", _FINDINGS, "findings", points=20,
             review="INA 208(b)(1)(B)(iii): compare each event, fact by fact, across the I-589, the declaration "
                    "and the interview notes (notebook 07, section 7); a lapse of time, trauma or an interpreter "
                    "explains only where the record says so."),
    Question("group_to_plead", "Which formulation of the particular social group do you plead?", "choice",
             points=2, choices=GROUPS,
             review="Test each formulation on the three criteria as the precedent stands on the as-of date "
                    "(Matter of M-E-V-G-; notebook 07, section 4)."),
    *(Question(key, f"For the group you plead: is {label.replace('-', ' ')} met, contested (it needs evidence and "
               "argument), or does it fail, as the precedent stands on the as-of date?", "choice",
               choices=STATUSES, review="The dated versions of the Board's precedent on groups (notebook 07, "
                                         "section 4) and the 2025 decisions.")
      for label, key in CRITERIA_QUESTIONS),
    *(Question(f"{key}_evidence", f"Which paragraph of the case file best supports {label.replace('-', ' ')} for "
               "the group you plead? Give its id.", "text",
               review="Immutability is about who the client is, particularity about how the group is defined, "
                      "social distinction about how the society sees it (Matter of W-G-R-).")
      for label, key in CRITERIA_QUESTIONS),
    Question("rejected_groups", "For each formulation you do not plead, list each criterion it fails, one string "
             "each, in the form \"G2 particularity\".", "set", points=2,
             review="Matter of A-M-E- & J-G-U- (BIA 2007) and Matter of K-E-S-G- (BIA 2025): which criterion did "
                    "each decide?"),
    *(Question(key, f"Corroboration: list the evidence ids (EV-...) that can corroborate this element: "
               f"{element.replace('-', ' ')}. Name only evidence the client has or can reasonably obtain.",
               "some-of", review="INA 208(b)(1)(B)(ii): what each item proves, and whether it can be had.")
      for element, key in ELEMENT_QUESTIONS),
    Question("unavailable", "List the evidence ids the client does not have and cannot reasonably obtain (their "
             "absence must be explained, not cured).", "set",
             review="INA 208(b)(1)(B)(ii) and Matter of L-A-C-: read each item's status in the inventory."),
)

WRITTEN = (
    WrittenQuestion("w_brief", "Write the paragraph of the brief that answers the strongest credibility attack "
                    "in your case file: the material discrepancy DHS will press. Cite the record by paragraph id "
                    "and the law by citation.", points=6,
                    rubric=("states the attack precisely, with the paragraphs that disagree (1)",
                            "states the standard: the totality of the circumstances, INA 208(b)(1)(B)(iii) (1)",
                            "puts each statement in its context (when, how and in what language it was made) (1)",
                            "marshals corroboration of the core account from the file, INA 208(b)(1)(B)(ii) (1)",
                            "uses the circuit's law where it matters (notice and a chance to explain; reliability "
                            "of interview records) (1)",
                            "candid: invents no explanation the record does not hold (8 C.F.R. 1208.20) (1)")),
)

SPEC = ExerciseSpec(EXERCISE_ID, "The credibility lab: a case file, its inconsistencies, its group and its proof",
                    QUESTIONS, WRITTEN, engine_answers, DEFAULT_AS_OF, ENGINE_CHECKED)
