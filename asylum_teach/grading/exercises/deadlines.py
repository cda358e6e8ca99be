"""Exercise "deadlines": compute a client's deadlines with the engine and explain how each was found.

Every student gets their own dates (seeded by the student id): an arrival, an immigration judge's
decision, a Board decision timed so that its 30th day falls on a federal holiday, a master calendar
hearing, and one situation to match with its rule. The engine's own answers come from
:func:`asylum_teach.law.engine.deadline_for`, exactly as the student is asked to call it; the rest of the
answer key (the holiday, the citations, the situation's rule, the day count) is the instructor's, in
``solutions/keys/deadlines.py``.

>>> s = scenario("demo", "2026-09-01")
>>> s == scenario("demo", "2026-09-01")
True
>>> sorted(SPEC.engine_answers("demo")) == sorted(ENGINE_CHECKED)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from asylum_teach import dates
from asylum_teach.court_calendar import LEGAL_HOLIDAY, CourtCalendar
from asylum_teach.dates import parse_date
from asylum_teach.grading.exercises._common import day_between, rng_for, rule_labels, weekday_labels, weekday_names
from asylum_teach.grading.spec import ExerciseSpec, Question, WrittenQuestion
from asylum_teach.law.engine import deadline_for
from asylum_teach.law.rules import get_rule, load_conventions, load_rules

EXERCISE_ID = "deadlines"
DEFAULT_AS_OF = "2026-09-01"

#: Situations a student matches with the rule that governs them (which rule: the instructor's key).
SITUATIONS = (
    "Your client moved to a new apartment while the case is before the immigration court. "
    "Which rule sets the deadline to tell the court?",
    "The immigration judge denied asylum today and your client wants the Board to review it. "
    "Which rule sets the deadline?",
    "The Board dismissed the appeal; your client wants a federal court of appeals to review it. "
    "Which rule sets the deadline?",
    "Your client was ordered removed in absentia after missing a hearing while in hospital. "
    "Which rule sets the deadline to ask the judge to undo that order?",
    "Your client filed for asylum and wants permission to work. Which rule says when the work "
    "permit application may first be filed?",
    "The judge scheduled the individual (merits) hearing. Which rule sets the deadline for "
    "filing evidence before it?",
)


@dataclass(frozen=True)
class Scenario:
    """One student's hypothetical dates (what the notebook shows; never the answers)."""

    student_id: str
    as_of: date
    last_arrival_on: date
    ij_decision_on: date
    bia_decision_on: date
    master_calendar_hearing_on: date
    situation: str

    def show(self) -> str:
        """The facts as the exercise prints them."""
        lines = [f"Hypothetical client for student {self.student_id!r} (as of {self.as_of.isoformat()}):",
                 f"  last arrival in the United States:      {self.last_arrival_on.isoformat()}",
                 f"  immigration judge's decision (a second client): {self.ij_decision_on.isoformat()}",
                 f"  Board's decision (a third client):      {self.bia_decision_on.isoformat()}",
                 f"  next master calendar hearing:           {self.master_calendar_hearing_on.isoformat()}",
                 f"  situation for question situation_rule:  {self.situation}"]
        return "\n".join(lines)


def _weekday_holidays(start: date, end: date) -> list[date]:
    cal = CourtCalendar()
    out, day = [], start
    while day <= end:
        closure = cal.closure(day)
        if closure is not None and closure.kind == LEGAL_HOLIDAY and day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return out


def scenario(student_id: str, as_of=DEFAULT_AS_OF) -> Scenario:
    """The student's own dates, from their id and the as-of date."""
    as_of = parse_date(as_of, name="as_of")
    rng = rng_for(EXERCISE_ID, str(student_id))
    arrival = day_between(rng, as_of - timedelta(days=340), as_of - timedelta(days=20))
    ij = day_between(rng, as_of - timedelta(days=20), as_of - timedelta(days=1), weekdays_only=True)
    holiday = rng.choice(_weekday_holidays(as_of - timedelta(days=330), as_of + timedelta(days=25)))
    master = day_between(rng, as_of + timedelta(days=20), as_of + timedelta(days=120), weekdays_only=True)
    situation = rng.choice(SITUATIONS)
    return Scenario(str(student_id), as_of, arrival, ij, holiday - timedelta(days=30), master, situation)


#: The questions whose answer is what the engine returns for the case (the self-check decides them).
ENGINE_CHECKED = ("one_year_due", "one_year_weekday", "appeal_due", "pfr_due", "pfr_roll_rule", "master_filing")


def engine_answers(student_id: str, as_of: date) -> dict:
    """The answers the engine itself gives for this student's case: the due dates of the rules the
    questions name, the weekday of one, the convention the petition-for-review rule rolls by."""
    s = scenario(student_id, as_of)
    one_year = deadline_for("one-year-asylum", s.last_arrival_on, as_of=as_of)
    master = deadline_for("filing-before-master", s.master_calendar_hearing_on, as_of=as_of)
    return {
        "one_year_due": one_year.due,
        "one_year_weekday": dates.weekday(one_year.due) if one_year.due else None,
        "appeal_due": deadline_for("bia-appeal", s.ij_decision_on, as_of=as_of).due,
        "pfr_due": deadline_for("petition-for-review", s.bia_decision_on, as_of=as_of).due,
        "pfr_roll_rule": get_rule("petition-for-review").version_on(as_of).roll,
        "master_filing": {"due": master.due, "safe_date": master.safe_date},
    }


QUESTIONS = (
    Question("one_year_due", "When is the one-year asylum filing deadline for your client?", "date",
             review="The one-year deadline (INA 208(a)(2)(B); 8 C.F.R. 1208.4(a)(2)) ends on the anniversary of "
                    "the last arrival; if that day is a weekend or legal holiday, which rule moves it, and where?"),
    Question("one_year_weekday", "On what weekday does that deadline fall?", "choice", choices=weekday_names(),
             labels=weekday_labels(),
             review="Name the weekday of the one-year deadline itself, after any move off a weekend or holiday."),
    Question("one_year_days_left", "How many calendar days from the as-of date to that deadline "
             "(negative if it has passed)?", "int",
             review="Count calendar days from the as-of date to the one-year deadline: weekends and holidays "
                    "count too, and a deadline already passed gives a negative number."),
    Question("appeal_due", "When must the notice of appeal (EOIR-26) reach the Board?", "date",
             review="The notice of appeal must reach the Board within the period 8 C.F.R. 1003.38(b) sets from "
                    "the judge's decision; the version of the rule in force on the decision date governs."),
    Question("pfr_due", "When is the petition for review due in the court of appeals?", "date",
             review="INA 242(b)(1): 30 days from the Board's final order. Is the 30th day a weekend or a legal "
                    "holiday, and if so, which rule moves the deadline, and to which day?"),
    Question("pfr_holiday", "The 30th day after the Board's decision is closed. Which holiday is it? "
             "(None if it is not a holiday.)", "optional-holiday",
             review="The 30th day after the Board's decision is a legal public holiday (5 U.S.C. 6103(a)): which "
                    "holiday falls on that date?"),
    Question("pfr_roll_rule", "Which counting convention moved the petition-for-review deadline off the "
             "closed day? Give its id.", "choice", choices=tuple(load_conventions()),
             labels=tuple((c, v["title"]) for c, v in load_conventions().items()),
             review="The 30th day is a federal holiday: which counting convention says what happens to a last "
                    "day on which the court is closed, and in which direction does it move the deadline?"),
    Question("pfr_roll_cite", "Give one authority (as cited by the engine) for moving a deadline that falls "
             "on a closed day to the next business day.", "text",
             review="Which authority says a period whose last day falls on a weekend or legal holiday runs to "
                    "the end of the next day the court is open? The deadline's explanation cites it beside the move."),
    Question("pfr_citation", "Give the statute (or another authority of the rule itself) that sets the "
             "petition-for-review deadline, as the engine cites it.", "text",
             review="The petition-for-review deadline comes from the statute on judicial review of removal "
                    "orders, not from the conventions that move a closed day; cite it as the explanation does."),
    Question("situation_rule", "Which rule id governs the situation in your scenario?", "choice",
             choices=tuple(sorted(load_rules())), labels=rule_labels(sorted(load_rules())),
             review="Ask what event starts the clock in your situation (a move, a decision, an order in absentia, "
                    "a filing, a hearing date) and which rule counts from that event."),
    Question("master_filing", "For a filing before the master calendar hearing, give the due date and the "
             "safe date.", "record", fields=(("due", "date"), ("safe_date", "date")),
             review="Filings before a master calendar hearing are counted back from the hearing (Immigration "
                    "Court Practice Manual, Appendix C). When that day is closed, the manual moves it toward the "
                    "hearing (the due date); the federal rules' reading moves it earlier (the safe date)."),
)

WRITTEN = (
    WrittenQuestion("w_safe_date", "Your supervisor asks why the filing-before-master deadline has a 'due' "
                    "date and a different 'safe' date. Explain to her, citing the sources the engine gives.",
                    points=4, rubric=("names the counting-back convention and its source (1)",
                                      "explains the roll toward the hearing vs. the previous business day (1)",
                                      "recommends the earlier date and says why (1)",
                                      "clear, client-ready writing (1)")),
)

SPEC = ExerciseSpec(EXERCISE_ID, "Deadlines: computing and explaining them", QUESTIONS, WRITTEN, engine_answers,
                    DEFAULT_AS_OF, ENGINE_CHECKED)

