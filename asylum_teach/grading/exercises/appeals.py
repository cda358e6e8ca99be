"""Exercise "appeals": after the judge's decision, weigh the options and their dates.

Each student gets their own decision (date, oral or written, the court) and, later, a Board decision,
and answers with :func:`asylum_teach.reasoning.appeals.appeal_options`, as the grader does. Decision
dates fall on both sides of March 9, 2026, when a 10-day appeal period was to take effect; a court
vacated it the night before, so every student's appeal is due in 30 days and the history says why.

>>> d = decision("demo")
>>> d == decision("demo")
True
>>> sorted(SPEC.engine_answers("demo"))[:2]
['available_options', 'bia_appeal_due']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from asylum_teach.dates import parse_date
from asylum_teach.grading.exercises._common import day_between, rng_for
from asylum_teach.grading.spec import ExerciseSpec, Question, WrittenQuestion
from asylum_teach.reasoning.appeals import appeal_options

EXERCISE_ID = "appeals"
DEFAULT_AS_OF = "2026-09-01"
COURTS = ("Annandale", "Chicago", "San Francisco", "Houston - S. Gessner Road", "New York - Broadway", "Miami - Krome",
          "Atlanta - Ted Turner Drive", "Boston", "Denver", "Seattle", "Newark", "Phoenix")
CIRCUITS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "DC")
_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh")
#: Other ways to name a circuit: "Ninth", "Ninth Circuit", "9th Cir.", "9"; "D.C. Circuit".
CIRCUIT_LABELS = tuple((c, form) for c, word in zip(CIRCUITS, _ORDINALS)
                       for form in (word, f"{word} Circuit", f"{c} Circuit", f"{c} Cir", c[:-2])) + (
    ("DC", "D.C. Circuit"), ("DC", "District of Columbia Circuit"), ("DC", "DC Cir"))


@dataclass(frozen=True)
class Decision:
    """One student's immigration judge decision and the later Board decision."""

    student_id: str
    as_of: date
    decided_on: date
    form: str
    served_on: date | None
    court: str
    bia_decided_on: date
    voluntary_departure: str | None = None
    asylum_on_merits: bool = True

    def show(self) -> str:
        served = f", served {self.served_on.isoformat()}" if self.served_on else ""
        why = ("denied asylum on the merits" if self.asylum_on_merits
               else "found the asylum application time-barred under the one-year rule (a threshold ruling, "
                    "not the merits)")
        return (f"Decision for student {self.student_id!r}: the {self.court} immigration judge {why} and ordered "
                f"removal in a {self.form} decision on {self.decided_on.isoformat()}{served}"
                f"{', granting voluntary departure at the conclusion of proceedings' if self.voluntary_departure else ''}. "
                f"(After an appeal, the Board decided it on {self.bia_decided_on.isoformat()}.) "
                f"As of {self.as_of.isoformat()}.")

    def aid(self):
        """The appeal decision aid for this decision (the call the exercise asks for)."""
        return appeal_options(self.decided_on, self.form, "removal_ordered", self.court, served_on=self.served_on,
                              as_of=self.decided_on, bia_decision_date=self.bia_decided_on,
                              voluntary_departure=self.voluntary_departure,
                              facts={"asylum_decided_on_merits": self.asylum_on_merits})


def decision(student_id: str, as_of=DEFAULT_AS_OF) -> Decision:
    as_of = parse_date(as_of, name="as_of")
    rng = rng_for(EXERCISE_ID, str(student_id))
    decided = day_between(rng, date(2026, 1, 12), date(2026, 5, 29), weekdays_only=True)
    form = rng.choice(("oral", "written"))
    served = decided + timedelta(days=rng.randint(1, 6)) if form == "written" else None
    court = rng.choice(COURTS)
    first = decided + timedelta(days=90)
    bia = day_between(rng, first, max(first, min(decided + timedelta(days=200), as_of - timedelta(days=1))),
                      weekdays_only=True)
    vd = rng.choice((None, "at_conclusion"))
    merits = rng.choice((True, False))  # it would have decided 10 or 30 days under the vacated 2026 rule
    return Decision(str(student_id), as_of, decided, form, served, court, bia, vd, merits)


#: Every answer is a field of the appeal aid the exercise builds: the self-check decides them all.
ENGINE_CHECKED = ("available_options", "bia_appeal_due", "bia_safe_date", "bia_version", "clock_starts", "reopen_due",
                  "pfr_circuit", "pfr_due")


def engine_answers(student_id: str, as_of: date) -> dict:
    """The answers the appeal aid itself gives for this student's decision."""
    d = decision(student_id, as_of)
    aid = d.aid()
    bia = aid.option("bia-appeal").deadlines[0]
    return {
        "available_options": [o.id for o in aid.options if o.available],
        "bia_appeal_due": bia.due,
        "bia_safe_date": bia.safe_date,
        "bia_version": bia.version,
        "clock_starts": bia.trigger,
        "reopen_due": aid.option("motion-to-reopen").deadlines[0].due,
        "pfr_circuit": aid.venue.circuit,
        "pfr_due": aid.option("petition-for-review").deadlines[0].due,
    }


QUESTIONS = (
    Question("available_options", "List the ids of the options available after this decision.", "set",
             review="After a removal order, which routes are open on this decision's dates and facts: review by "
                    "the Board, a motion to the judge, review in a court of appeals after the Board, departure?"),
    Question("clock_starts", "From which date does the appeal clock run?", "date",
             review="The appeal period runs from the day an oral decision is stated, or from the day a written "
                    "decision is served (8 CFR 1003.37-38)."),
    Question("bia_appeal_due", "When must the notice of appeal reach the Board?", "date",
             review="8 C.F.R. 1003.38(b) gives 30 days. The 10-day period announced for decisions from March 9, "
                    "2026 was vacated before it took effect: which period governs your decision?"),
    Question("bia_version", "Which version of the bia-appeal rule applies (its version id)?", "text",
             review="Which version of the appeal rule was in force on the decision date? A version vacated before "
                    "it took effect never applied; the rule's history lists each version by its id."),
    Question("bia_safe_date", "What is the safe date for the appeal (the earliest defensible date)?", "date",
             review="The safe date is the earliest date any reasonable reading could require: does a closed day "
                    "that not every reading counts (an observed holiday, an executive-order closure) move the "
                    "appeal deadline?"),
    Question("reopen_due", "When is a motion to reopen due?", "date",
             review="Rule motion-to-reopen (INA 240(c)(7)(C)(i)): 90 days from the final administrative order."),
    Question("pfr_circuit", "In which circuit would the petition for review be filed?", "choice", choices=CIRCUITS,
             labels=CIRCUIT_LABELS,
             review="INA 242(b)(2): the circuit where the immigration judge completed the proceedings."),
    Question("pfr_due", "When is the petition for review due after the Board's decision?", "date",
             review="Rule petition-for-review (INA 242(b)(1)), counted from the Board's decision."),
)

WRITTEN = (
    WrittenQuestion("w_strategy", "Your client can appeal to the Board or move the judge to reconsider or reopen. "
                    "Advise which to file and when, and what each does to the other's deadline.", points=4,
                    rubric=("the appeal deadline (30 days) and why the 2026 10-day rule does not apply, with "
                            "sources (1)",
                            "motions: their deadlines and that they do not toll the appeal/PFR (1)",
                            "the no-automatic-stay point for a petition for review (1)",
                            "a clear recommendation with the safe date (1)")),
)

SPEC = ExerciseSpec(EXERCISE_ID, "Appeals: options and deadlines after a decision", QUESTIONS, WRITTEN,
                    engine_answers, DEFAULT_AS_OF, ENGINE_CHECKED)
