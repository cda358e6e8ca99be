"""Actions that bring a case to court and through its master calendar: affirmative referral, the NTA
(served and filed), custody redetermination, the master calendar hearing and a missed hearing (in
absentia). Also the helpers the other action modules share.

Each handler returns ``(happened, details, deadlines, consequences)``; deadlines always come from the
engine through ``state.deadline(rule_id, trigger)``.

>>> from asylum_teach.reasoning.proceedings import simulate
>>> r = simulate([{"on": "2025-03-03", "action": "serve_nta", "hearing_on": "2025-03-10"}])
>>> r.records[0].consequences[0].summary
'The first hearing is set 7 days after service of the NTA; INA 239(b)(1) requires at least 10 days unless the respondent asked in writing for an earlier hearing.'
"""

from __future__ import annotations

from asylum_teach.reasoning.actions import (DECIDED, NO_FINAL_ORDER, NOT_CLOSED, NTA_FILED, NTA_SERVED, Param,
                                            Requirement, action, court_param)
from asylum_teach.reasoning.proceedings import Consequence
from asylum_teach.reasoning.stages import Stage

HEARING = (Param("kind", "choice", True, ("master", "individual")), Param("date", "date", True))
EVIDENCE = (Param("filed_on", "date", True), Param("description", "str"),
            Param("purpose", "choice", choices=("merits", "rebuttal")))
RELIEF = ("asylum", "withholding", "cat", "voluntary_departure", "other")

ABANDON_CITE = "8 CFR 1003.31(c) (applications not filed by the judge's deadline deemed waived or abandoned) [K]"
BIOMETRICS_CITE = "8 CFR 1003.47(c)-(d) (biometrics not completed without good cause: application abandoned) [K]"
LATE_EVIDENCE_CITE = ("ICPM 3.1(d)(ii): the judge may decline to consider untimely filings [K]; ICPM 3.1(b): evidence "
                      "offered only to rebut or impeach is exempt from the advance deadline [P, 2008 text]")
EAD_STOP_CITE = "8 CFR 208.7(a)(2) (delay requested or caused by the applicant not counted) [P]"


def C(summary, *citations, severity="info", deadline=None) -> Consequence:
    return Consequence(summary, tuple(citations), severity, deadline)


def one_year(state):
    """The one-year deadline from last arrival, if the arrival date is known."""
    arrival = state.facts.get("last_arrival_on")
    return state.deadline("one-year-asylum", arrival) if arrival else None


def overdue(state, on) -> list[Consequence]:
    """Warnings for a judge-set I-589 deadline that has passed with nothing filed (once)."""
    due = state.i589_due
    if due is None or state.i589_filed_on or "i589_overdue" in state.warned or not due.due or on <= due.due:
        return []
    state.warned.add("i589_overdue")
    return [C(f"The I-589 was not filed by the judge's deadline ({due.due.isoformat()}): the judge may deem the "
              "application abandoned and pretermit it.", ABANDON_CITE, severity="adverse", deadline=due)]


def hearing_deadlines(state, kind, on):
    """Filing deadline before a scheduled hearing (non-detained defaults; detained: set by the judge)."""
    state.hearings[kind] = on
    return [state.deadline("filing-before-master" if kind == "master" else "filing-before-individual", on)]


def late_evidence(state, item) -> list[Consequence]:
    hearing = state.hearings.get("individual")
    if hearing is None or item.get("purpose") == "rebuttal":
        return []
    d = state.deadline("filing-before-individual", hearing)
    if d.applicable and item["filed_on"] > d.due:
        what = item.get("description") or "evidence"
        return [C(f"{what} filed {item['filed_on'].isoformat()}, after the filing deadline ({d.due.isoformat()}): "
                  "the judge may exclude it.", LATE_EVIDENCE_CITE, severity="warning", deadline=d)]
    return []


@action("refer_affirmative_case", Stage.AFFIRMATIVE_REFERRAL, params=(
        Param("i589_filed_on", "date", help="Date the affirmative I-589 was filed with USCIS."),
        Param("interview_on", "date")))
def refer(state, step):
    """USCIS did not grant an affirmative application of a person without status and referred it."""
    filed = step.get("i589_filed_on") or state.facts.get("affirmative_application_filed_on")
    if filed is None:
        from asylum_teach.exceptions import InvalidInputError
        raise InvalidInputError(f"step {step.index} (refer_affirmative_case), field 'i589_filed_on': missing "
                                "(or give the fact affirmative_application_filed_on)")
    state.set_facts(affirmative_referred_to_court=True, affirmative_application_filed_on=filed, i589_filed_on=filed)
    state.i589_filed_on = filed
    state.ead.start(filed)
    out = [C("The application goes to the immigration court with the NTA; the judge hears it de novo. The I-589 "
             "keeps its USCIS filing date.", *Stage.AFFIRMATIVE_REFERRAL.citations)]
    y = one_year(state)
    if y and y.applicable and filed > y.due:
        out.append(C("The I-589 was filed with USCIS after the one-year deadline: asylum is barred unless an "
                     "exception applies; withholding and CAT are not affected.",
                     "INA 208(a)(2)(B), (D) [P]", "8 CFR 1208.4(a) [P]", severity="adverse", deadline=y))
    return (f"Affirmative I-589 (filed {filed.isoformat()}) referred to the immigration court",
            {"i589_filed_on": filed}, [y, *state.ead.deadlines(state, step.on)], out)


@action("serve_nta", Stage.NTA_SERVED, params=(
        Param("hearing_on", "date", help="Date of the first master calendar hearing on the notice."),
        Param("requested_earlier_hearing", "bool"), Param("detained", "bool")),
        requires=(Requirement(lambda s: not s.reached(Stage.NTA_SERVED), "the NTA has already been served"),))
def serve_nta(state, step):
    """DHS serves the Notice to Appear."""
    state.set_facts(nta_served_on=step.on, **({"detained": step.get("detained")} if "detained" in step.params else {}))
    out, deadlines = [C("The NTA tells the respondent to give the court an address and report any change "
                        "immediately; notice sent to the last address supports an in absentia order.",
                        "INA 239(a)(1)(F), 240(b)(5) [P]")], []
    hearing = step.get("hearing_on")
    if hearing:
        state.hearings["master"] = hearing
        gap = (hearing - step.on).days
        if gap < 10 and not step.get("requested_earlier_hearing"):
            out.insert(0, C(f"The first hearing is set {gap} days after service of the NTA; INA 239(b)(1) requires "
                            "at least 10 days unless the respondent asked in writing for an earlier hearing.",
                            "INA 239(b)(1), 8 U.S.C. 1229(b)(1) [P]", severity="warning"))
        else:
            out.append(C(f"First hearing {gap} days after service (the 10-day minimum of INA 239(b)(1) is met).",
                         "INA 239(b)(1), 8 U.S.C. 1229(b)(1) [P]"))
    if state.i589_filed_on is None:
        deadlines.append(one_year(state))
    if state.facts.get("detained"):
        out.append(C("Detained docket: the judge sets faster filing deadlines; custody can be reviewed at a "
                     "bond (custody redetermination) hearing.", *Stage.CUSTODY_REDETERMINATION.citations[:2]))
    return "Notice to Appear served", {"hearing_on": hearing}, deadlines, out


@action("file_nta", Stage.NTA_FILED, params=(Param("court", "str"),), requires=(NTA_SERVED,))
def file_nta(state, step):
    """DHS files the NTA with the immigration court."""
    if step.get("court"):
        state.court = court_param(step, "court")
    state.set_facts(nta_filed_on=step.on, in_removal_proceedings=True)
    deadlines = [state.deadline("filing-before-master", state.hearings["master"])] if "master" in state.hearings else []
    where = state.court.name if state.court else "the immigration court"
    return (f"NTA filed with {where}; the court has jurisdiction and any I-589 is now filed there",
            {"court": state.court.name if state.court else None}, deadlines, [])


@action("bond_hearing", Stage.CUSTODY_REDETERMINATION, params=(
        Param("outcome", "choice", True, ("bond_set", "bond_denied", "no_jurisdiction")),
        Param("amount", "int"), Param("released_on", "date")),
        requires=(NTA_SERVED, Requirement(lambda s: bool(s.facts.get("detained")),
                                          "the respondent must be detained (fact detained: true) for a bond hearing")))
def bond_hearing(state, step):
    """The judge redetermines custody, separately from the removal hearing."""
    outcome, out = step.params["outcome"], []
    if outcome == "bond_set":
        amount = step.get("amount")
        if amount is not None and amount < 1500:
            out.append(C(f"A bond of ${amount} is below the $1,500 minimum of INA 236(a)(2)(A).",
                         "INA 236(a)(2)(A), 8 U.S.C. 1226(a)(2)(A) [P]", severity="warning"))
        out.append(C("Release on bond does not itself give work authorization.", "INA 236(a)(3) [P]"))
    elif outcome == "no_jurisdiction":
        out.append(C("The judge found no authority to hold a bond hearing (applicants for admission held under "
                     "INA 235(b)(2)(A)); challenges went to federal habeas courts.",
                     "Matter of Yajure Hurtado, 29 I&N Dec. 216 (BIA 2025) [S]", severity="adverse"))
    if step.get("released_on"):
        state.set_facts(detained=False)
        out.append(C("Released: from now on the non-detained filing defaults apply unless the judge sets others.",
                     "EOIR Policy Manual, Appendix C [P]"))
    else:
        out.append(C("Still detained: the detained docket moves faster and the judge sets the filing deadlines.",
                     "EOIR Policy Manual, Appendix C (detained cases: set by the court) [P]"))
    return f"Custody redetermination: {outcome.replace('_', ' ')}", dict(step.params), [], out


def _burden_on_removability(entry_place) -> "C":
    """Who proves what when the charges are contested depends on whether the person was admitted."""
    not_admitted = ("Not admitted (e.g. entered between ports): once DHS shows alienage, the respondent must prove "
                    "by clear and convincing evidence a lawful presence after a prior admission, or that they are "
                    "clearly and beyond doubt entitled to be admitted.")
    admitted = "Admitted (e.g. on a visa): DHS must prove deportability by clear and convincing evidence."
    if entry_place == "southwest-land-border-between-ports":
        text = f"Charges contested. {not_admitted}"
    else:
        text = f"Charges contested; the burden depends on admission. {admitted} {not_admitted}"
    return C(text, "INA 240(c)(2), 8 U.S.C. 1229a(c)(2) (a person not admitted) [P]",
             "INA 240(c)(3)(A), 8 U.S.C. 1229a(c)(3)(A) (an admitted person) [P]",
             "8 CFR 1240.8(c) (alienage first, then the respondent's burden) [S]")


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
                     *Stage.MASTER_CALENDAR.citations[1:], severity="warning"))
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
                     "a motion to rescind at any time for lack of notice.", "INA 240(b)(5)(A), (C)(ii) [P]",
                     severity="warning"))
    state.in_absentia_on = step.on
    state.final_order = (step.on, "in_absentia")
    stopped = state.ead.stop(step.on, "failure to appear at a hearing", state=state)
    deadlines = [state.deadline("in-absentia-reopen", step.on, in_absentia_reason=r)
                 for r in ("exceptional_circumstances", "lack_of_notice", "in_custody")]
    out += [C("Removal ordered in absentia. To undo it, move to reopen and rescind: within 180 days for "
              "exceptional circumstances; at any time for lack of notice or custody. Filing the motion stays "
              "removal.", "INA 240(b)(5)(C)(i)-(ii) [P]", severity="adverse"),
            C("There is no direct appeal to the BIA from an in absentia order; the remedy is the motion.",
              "ICPM 5.9(d) [P]"),
            *([C("Failing to appear is applicant-caused delay: the EAD clock stops.", EAD_STOP_CITE, "[S] examples")]
              if stopped else [])]
    if step.get("oral_warning_given"):
        out.append(C("Oral warning of the consequences was given: a 10-year bar on certain relief follows.",
                     "INA 240(b)(7) [P]", severity="adverse"))
    return f"Respondent missed the {step.get('hearing', 'master')} hearing", dict(step.params), deadlines, out


__all__ = ["C", "DECIDED", "one_year", "overdue"]
