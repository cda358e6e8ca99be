"""Exercise "hearing": follow a case through the stages of removal proceedings with the simulator.

Each student gets their own dated steps (service of the NTA, filing, the master calendar hearing where
the judge sets an I-589 date and the individual hearing, the I-589, the hearing and an oral decision)
and runs them through :func:`asylum_teach.reasoning.proceedings.simulate`. The engine's own answer is
the path the simulation takes; reading the stage records (which deadline, which warning) is the
student's work, checked by the instructor's key in ``solutions/keys/hearing.py``.

>>> case = scenario("demo")
>>> [s["action"] for s in case.steps][:3]
['serve_nta', 'file_nta', 'master_calendar']
>>> SPEC.engine_answers("demo")["path"][:2]
['nta_served', 'nta_filed']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from asylum_teach.dates import parse_date
from asylum_teach.grading.exercises._common import day_between, rng_for, rule_labels
from asylum_teach.grading.spec import ExerciseSpec, Question, WrittenQuestion
from asylum_teach.law.rules import load_rules
from asylum_teach.reasoning.proceedings import simulate

EXERCISE_ID = "hearing"
DEFAULT_AS_OF = "2026-09-01"
COURTS = ("Annandale", "Chicago", "San Francisco", "Houston - S. Gessner Road", "New York - Broadway", "Miami - Krome")


@dataclass(frozen=True)
class Case:
    """One student's case: the court, facts and dated steps to simulate (never the answers)."""

    student_id: str
    as_of: date
    court: str
    facts: dict
    steps: tuple

    def show(self) -> str:
        lines = [f"Case for student {self.student_id!r} at {self.court}, as of {self.as_of.isoformat()}",
                 f"  facts: {self.facts}"]
        lines += [f"  {i}. {s}" for i, s in enumerate(self.steps, 1)]
        return "\n".join(lines)


def scenario(student_id: str, as_of=DEFAULT_AS_OF) -> Case:
    as_of = parse_date(as_of, name="as_of")
    rng = rng_for(EXERCISE_ID, str(student_id))
    served = day_between(rng, as_of - timedelta(days=330), as_of - timedelta(days=260), weekdays_only=True)
    first_hearing = day_between(rng, served + timedelta(days=5), served + timedelta(days=25), weekdays_only=True)
    i589_due = day_between(rng, first_hearing + timedelta(days=28), first_hearing + timedelta(days=70))
    individual = day_between(rng, first_hearing + timedelta(days=120), first_hearing + timedelta(days=200),
                             weekdays_only=True)
    arrival = served - timedelta(days=rng.randint(30, 300))
    steps = (
        {"on": served.isoformat(), "action": "serve_nta", "hearing_on": first_hearing.isoformat()},
        {"on": (served + timedelta(days=2)).isoformat(), "action": "file_nta"},
        {"on": first_hearing.isoformat(), "action": "master_calendar", "relief_sought": ["asylum"],
         "i589_due_on": i589_due.isoformat(),
         "next_hearing": {"kind": "individual", "date": individual.isoformat()}},
        {"on": (i589_due - timedelta(days=rng.randint(0, 14))).isoformat(), "action": "file_i589"},
        *([{"on": (i589_due + timedelta(days=21)).isoformat(), "action": "biometrics", "completed": True}]
          if rng.random() < 0.5 else []),
        {"on": individual.isoformat(), "action": "individual_hearing"},
        {"on": individual.isoformat(), "action": "ij_decision", "outcome": "removal_ordered", "form": "oral"},
    )
    return Case(str(student_id), as_of, rng.choice(COURTS), {"last_arrival_on": arrival.isoformat()}, steps)


def run(case: Case):
    """The simulation the exercise asks for (the same call a student makes)."""
    return simulate([dict(s) for s in case.steps], facts=case.facts, court=case.court, as_of=case.as_of)


#: The questions whose answer is what the engine returns for the case (the self-check decides them).
ENGINE_CHECKED = ("path",)


def engine_answers(student_id: str, as_of: date) -> dict:
    """The answer the simulator itself gives for this student's case: the path of stages."""
    return {"path": list(run(scenario(student_id, as_of)).path)}


QUESTIONS = (
    Question("path", "List the stage ids your case passes through, in order.", "sequence",
             review="List the stages of removal proceedings the case passes through, from service of the Notice "
                    "to Appear to the judge's decision, in order, by the ids the simulation shows."),
    Question("days_notice", "How many days after service of the NTA is the first hearing?", "int",
             review="Count calendar days from service of the Notice to Appear to the date of the first hearing "
                    "(INA 239(b)(1))."),
    Question("notice_flagged", "Does the simulator flag a problem (a warning) at service of the NTA?", "bool",
             review="INA 239(b)(1) gives at least ten days between service of the Notice to Appear and the first "
                    "hearing, unless the respondent asks for an earlier one: was that notice given?"),
    Question("i589_rule", "Which rule id governs the I-589 date the judge set at the master calendar hearing?",
             "choice", choices=tuple(sorted(load_rules())), labels=rule_labels(sorted(load_rules())),
             review="At the master calendar hearing the judge set a date for the I-589: which rule makes a date "
                    "the judge sets into the deadline?"),
    Question("evidence_filing", "Give the due date and the safe date for filing evidence before the individual "
             "hearing.", "record", fields=(("due", "date"), ("safe_date", "date")),
             review="Filings before an individual hearing are counted back from the hearing (Immigration Court "
                    "Practice Manual, Appendix C). When that day is closed, the manual moves it toward the hearing "
                    "(the due date); the federal rules' reading moves it earlier (the safe date)."),
    Question("ead_earliest", "What is the earliest day to file the work permit application (I-765)?", "date",
             review="The waiting period for a work permit runs from the filing of a complete I-589 "
                    "(8 C.F.R. 208.7(a)(1)): when was it filed, and how long is the wait?"),
    Question("appeal_due", "When must the notice of appeal reach the Board after the oral decision?", "date",
             review="The notice of appeal must reach the Board within the period 8 C.F.R. 1003.38(b) sets from an "
                    "oral decision; the version of the rule in force on the decision date governs."),
    Question("hearing_warning", "Does the simulator warn about anything at the individual hearing?", "bool",
             review="Were biometrics completed before the individual hearing (8 CFR 1003.47)? If not, the "
                    "application may be deemed abandoned."),
)

WRITTEN = (
    WrittenQuestion("w_abandonment", "The client asks what happens if the I-589 is not filed by the judge's "
                    "date, and whether the work permit clock is affected. Answer with citations.", points=4,
                    rubric=("abandonment/waiver risk and its source (1)", "the EAD clock and what stops it (1)",
                            "practical steps before the date (1)", "clear, client-ready writing (1)")),
)

SPEC = ExerciseSpec(EXERCISE_ID, "Hearing stages: following a case", QUESTIONS, WRITTEN, engine_answers,
                    DEFAULT_AS_OF, ENGINE_CHECKED)
