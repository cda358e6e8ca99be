"""The master calendar hearing (pleadings, relief named, the judge's filing dates, the next hearing) and
a missed hearing, which ends in an order of removal in absentia.

>>> _master_summary({"pleadings": {"allegations": "admit", "charges": "concede"}, "country_designated": "Peru",
...                  "relief_sought": ("asylum", "cat"), "interpreter_language": "Quechua"})
'Master calendar hearing held: allegations admit, charges concede; country designated: Peru; relief sought: asylum, cat; interpreter: Quechua'
"""

from __future__ import annotations

from asylum_teach.reasoning.proceedings.deadlines import (
    ABANDON_CITE,
    EAD_STOP_CITE,
    HEARING,
    hearing_deadlines,
    one_year,
    overdue,
)
from asylum_teach.reasoning.proceedings.records import C, Consequence, Param
from asylum_teach.reasoning.proceedings.registry import action
from asylum_teach.reasoning.proceedings.requirements import NO_FINAL_ORDER, NOT_CLOSED, NTA_FILED
from asylum_teach.reasoning.stages import Stage

RELIEF = ("asylum", "withholding", "cat", "voluntary_departure", "other")


def _burden_on_removability(entry_place) -> Consequence:
    """Who proves what when the charges are contested depends on whether the person was admitted."""
    not_admitted = ("Not admitted (e.g. entered between ports): once DHS shows alienage, the respondent must prove "
                    "by clear and convincing evidence a lawful presence after a prior admission, or that they are "
                    "clearly and beyond doubt entitled to be admitted.")
    admitted = "Admitted (e.g. on a visa): DHS must prove deportability by clear and convincing evidence."
    if entry_place == "southwest-land-border-between-ports":
        text = f"Charges contested. {not_admitted}"
    else:
        text = f"Charges contested; the burden depends on admission. {admitted} {not_admitted}"
    return C(text, "ina-240-c-2", "ina-240-c-3-A", "cfr-1240-8-c")


@action("master_calendar", Stage.MASTER_CALENDAR, params=(
        Param("pleadings", "mapping", fields=(Param("allegations", "choice", choices=("admit", "deny", "admit_some")),
                                              Param("charges", "choice", choices=("concede", "contest")))),
        Param("country_designated", "str"), Param("relief_sought", "list", choices=RELIEF),
        Param("i589_due_on", "date", help="The date the judge set for filing the I-589."),
        Param("filings_due_on", "date", help="Detained cases: the date the judge set for other filings."),
        Param("interpreter_language", "str"), Param("next_hearing", "mapping", fields=HEARING)),
        requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def master_calendar(state, step):
    """The respondent appears at a master calendar hearing."""
    out, deadlines = overdue(state, step.on), []
    state.attended_master = True
    state.set_facts(master_calendar_hearing_on=step.on)
    if step.get("interpreter_language"):
        state.set_facts(language=step.get("interpreter_language"), interpreter_needed=True)
    pleadings = step.get("pleadings", {})
    if pleadings.get("charges") == "contest":
        out.append(_burden_on_removability(state.facts.get("entry_place")))
    if step.get("i589_due_on"):
        state.i589_due = state.deadline("judge-set-date", step.get("i589_due_on"))
        deadlines.append(state.i589_due)
        out.append(C("The judge set a date to file the I-589; if it is not filed by then the application may be "
                     "deemed abandoned.", ABANDON_CITE, deadline=state.i589_due))
    elif "asylum" in step.get("relief_sought", ()) and state.i589_filed_on is None:
        out.append(C("Asylum named as relief but no I-589 filing date recorded: ask the judge for one.",
                     "appendix-c-judge-sets", severity="warning"))
    if step.get("filings_due_on"):
        deadlines.append(state.deadline("judge-set-date", step.get("filings_due_on")))
    if "asylum" in step.get("relief_sought", ()) and state.i589_filed_on is None:
        deadlines.append(one_year(state))
    nxt = step.get("next_hearing")
    if nxt:
        deadlines += hearing_deadlines(state, nxt["kind"], nxt["date"])
    return (_master_summary(step.params), {k: v for k, v in step.params.items()}, deadlines, out)


def _master_summary(p) -> str:
    """What happened at a master calendar hearing, in one line.

    >>> _master_summary({"pleadings": {"allegations": "admit", "charges": "concede"}, "country_designated": "Peru",
    ...                  "relief_sought": ("asylum", "cat"), "interpreter_language": "Quechua"})
    'Master calendar hearing held: allegations admit, charges concede; country designated: Peru; relief sought: asylum, cat; interpreter: Quechua'
    """
    parts = [", ".join(f"{k} {v}" for k, v in p.get("pleadings", {}).items())]
    if p.get("country_designated"):
        parts.append(f"country designated: {p['country_designated']}")
    if p.get("relief_sought"):
        parts.append(f"relief sought: {', '.join(p['relief_sought'])}")
    if p.get("interpreter_language"):
        parts.append(f"interpreter: {p['interpreter_language']}")
    parts = [x for x in parts if x]
    return "Master calendar hearing held" + (": " + "; ".join(parts) if parts else "")


@action("miss_hearing", Stage.IN_ABSENTIA_ORDER, params=(
        Param("hearing", "choice", choices=("master", "individual")), Param("notice_given", "bool"),
        Param("address_provided", "bool"), Param("oral_warning_given", "bool")),
        requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def miss_hearing(state, step):
    """The respondent does not appear; the judge orders removal in absentia."""
    out = []
    if step.get("notice_given") is False and step.get("address_provided", True):
        out.append(C("Written notice of the hearing was not given to the address on file: the order is open to "
                     "a motion to rescind at any time for lack of notice.", "ina-240-b-5-A", "ina-240-b-5-C-ii",
                     severity="warning"))
    state.in_absentia_on = step.on
    state.final_order = (step.on, "in_absentia")
    stopped = state.ead.stop(step.on, "failure to appear at a hearing", state=state)
    deadlines = [state.deadline("in-absentia-reopen", step.on, in_absentia_reason=r)
                 for r in ("exceptional_circumstances", "lack_of_notice", "in_custody")]
    out += [C("Removal ordered in absentia. To undo it, move to reopen and rescind: within 180 days for "
              "exceptional circumstances; at any time for lack of notice or custody. Filing the motion stays "
              "removal.", "ina-240-b-5-C-i-ii", severity="adverse"),
            C("There is no direct appeal to the BIA from an in absentia order; the remedy is the motion.",
              "icpm-5-9-d"),
            *([C("Failing to appear is applicant-caused delay: the EAD clock stops.", EAD_STOP_CITE, "ead-delay-examples")]
              if stopped else [])]
    if step.get("oral_warning_given"):
        out.append(C("Oral warning of the consequences was given: a 10-year bar on certain relief follows.",
                     "ina-240-b-7", severity="adverse"))
    return f"Respondent missed the {step.get('hearing', 'master')} hearing", dict(step.params), deadlines, out
