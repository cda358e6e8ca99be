"""Actions before and at the immigration court: NTA, custody, master and individual hearings, the
I-589, biometrics, continuances, evidence, abandonment, the decision, voluntary departure, address,
venue, administrative closure and prosecutorial discretion.

Each handler returns ``(happened, details, deadlines, consequences)``; deadlines always come from the
engine through ``state.deadline(rule_id, trigger)``.

>>> from asylum_teach.reasoning.proceedings import simulate
>>> r = simulate([{"on": "2025-03-03", "action": "serve_nta", "hearing_on": "2025-03-10"}])
>>> r.records[0].consequences[0].summary
'The first hearing is set 7 days after service of the NTA; INA 239(b)(1) requires at least 10 days unless the respondent asked in writing for an earlier hearing.'
"""

from __future__ import annotations

from asylum_teach.reasoning.actions import (DECIDED, MASTER_HELD, NO_FINAL_ORDER, NOT_CLOSED, NTA_FILED, NTA_SERVED,
                                            Param, Requirement, action, court_param)
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
        out.append(C("Charges contested: DHS must prove removability at a contested hearing.",
                     "INA 240(c)(3), 8 U.S.C. 1229a(c)(3) [K]"))
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


@action("file_i589", Stage.I589_FILED, params=(Param("served_on_dhs", "bool"), Param("complete", "bool")),
        requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def file_i589(state, step):
    """The I-589 is filed with the court (and served on DHS)."""
    out, supplement = [], state.i589_filed_on is not None
    if supplement and not state.facts.get("affirmative_referred_to_court"):
        from asylum_teach.exceptions import InvalidTransitionError
        raise InvalidTransitionError(f"step {step.index} (file_i589 on {step.on}): the I-589 is already filed "
                                     f"({state.i589_filed_on.isoformat()}); use file_evidence to supplement it")
    if not supplement:
        state.i589_filed_on = step.on
        state.set_facts(i589_filed_on=step.on)
        y = one_year(state)
        if y and y.applicable and step.on > y.due:
            out.append(C(f"Filed after the one-year deadline ({y.due.isoformat()}): asylum is barred unless changed or "
                         "extraordinary circumstances are shown; withholding and CAT are not affected.",
                         "INA 208(a)(2)(B), (D) [P]", "8 CFR 1208.4(a) [P]", severity="adverse", deadline=y))
        elif y and y.applicable:
            out.append(C(f"Filed within one year of the last arrival (deadline {y.due.isoformat()}).",
                         "INA 208(a)(2)(B) [P]", deadline=y))
    if state.i589_due and state.i589_due.due and step.on > state.i589_due.due:
        out.append(C(f"Filed after the judge's deadline ({state.i589_due.due.isoformat()}): the judge may treat the "
                     "application as abandoned or refuse it.", ABANDON_CITE, severity="adverse", deadline=state.i589_due))
    if step.get("served_on_dhs") is False:
        out.append(C("Not served on DHS: every filing must be served on the other party.",
                     "8 CFR 1003.32(a) [K]", severity="warning"))
    if step.get("complete", True) and not supplement:
        state.ead.start(step.on)
    elif not step.get("complete", True):
        out.append(C("An incomplete application does not start the EAD clock.", "8 CFR 208.7(a)(1) [P]",
                     severity="warning"))
    out.append(C("Follow DHS pre-order instructions for biometrics; missing them without good cause may lead "
                 "to abandonment.", BIOMETRICS_CITE, "DHS pre-order instructions [S]"))
    what = "Supplemental I-589 filed (the referred application is already before the court)" if supplement else \
        "I-589 filed with the court and served on DHS"
    return what, dict(step.params), state.ead.deadlines(state, step.on) if not supplement else [], out


@action("biometrics", Stage.BIOMETRICS, params=(Param("completed", "bool"),),
        requires=(Requirement(lambda s: s.i589_filed_on is not None, "the I-589 must be filed first: biometrics "
                                                                     "follow DHS pre-order instructions for it"),))
def biometrics(state, step):
    """Biometrics appointment under DHS instructions."""
    if step.get("completed", True):
        state.biometrics_done = True
        state.ead.resume(step.on)
        return "Biometrics completed", {}, [], []
    out = [C("Biometrics not completed: without good cause the application may be deemed abandoned.", BIOMETRICS_CITE,
             severity="adverse")]
    if state.ead.stop(step.on, "biometrics not completed", state=state):
        out.append(C("Failing to comply with fingerprint requirements is applicant-caused delay: the EAD clock stops "
                     "until biometrics are done.", EAD_STOP_CITE, severity="warning"))
    return "Biometrics appointment missed", {}, [], out


@action("request_continuance", Stage.CONTINUANCE, params=(
        Param("requested_by", "choice", True, ("respondent", "dhs", "court")),
        Param("hearing", "choice", choices=("master", "individual")),
        Param("new_hearing_on", "date", True), Param("granted", "bool")),
        requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def continuance(state, step):
    """A party asks to move a hearing (or the court moves it)."""
    kind = step.get("hearing", "individual" if "individual" in state.hearings else "master")
    if step.get("granted") is False:
        return "Continuance denied", dict(step.params), [], [C("Continuance denied: the hearing goes ahead.",
                                                               "8 CFR 1003.29 [K]", severity="warning")]
    old = state.hearings.get(kind, step.on)
    out = overdue(state, step.on)
    if step.params["requested_by"] == "respondent" and state.ead.stop(
            old, "continuance requested by the respondent", until=step.params["new_hearing_on"], state=state):
        out.append(C(f"Respondent-requested continuance: the EAD clock stops from {old.isoformat()} to "
                     f"{step.params['new_hearing_on'].isoformat()}.", EAD_STOP_CITE, severity="warning"))
    elif step.params["requested_by"] != "respondent" and state.ead.started_on:
        out.append(C("Continuance not requested by the respondent: the EAD clock keeps running.", EAD_STOP_CITE))
    deadlines = hearing_deadlines(state, kind, step.params["new_hearing_on"])
    return f"{kind.title()} hearing moved to {step.params['new_hearing_on'].isoformat()}", dict(step.params), deadlines, out


@action("file_evidence", Stage.EVIDENCE_FILED, params=(
        Param("description", "str"), Param("purpose", "choice", choices=("merits", "rebuttal"))),
        requires=(NTA_FILED, NO_FINAL_ORDER))
def file_evidence(state, step):
    """Evidence filed with the court before the individual hearing."""
    item = {"filed_on": step.on, **step.params}
    return f"Evidence filed: {step.get('description', 'documents')}", dict(step.params), [], late_evidence(state, item)


@action("individual_hearing", Stage.INDIVIDUAL_HEARING, params=(
        Param("testimony", "bool"), Param("cross_examination", "bool"), Param("witnesses", "list"),
        Param("interpreter_language", "str"), Param("evidence", "records", fields=EVIDENCE)),
        requires=(NTA_FILED, MASTER_HELD, NOT_CLOSED, NO_FINAL_ORDER))
def individual_hearing(state, step):
    """The merits hearing: testimony, cross-examination, witnesses, evidence, interpreter."""
    state.hearings.setdefault("individual", step.on)
    state.set_facts(individual_hearing_on=step.on)
    out = overdue(state, step.on)
    if state.i589_filed_on is None:
        out.append(C("No I-589 is before the judge: there is no asylum application to hear.", ABANDON_CITE,
                     severity="adverse"))
    elif not state.biometrics_done:
        out.append(C("No record of biometrics: the judge cannot grant relief until DHS reports them, and failure "
                     "without good cause may be treated as abandonment.", BIOMETRICS_CITE, severity="warning"))
    for item in step.get("evidence", ()):
        out += late_evidence(state, item)
    if step.get("testimony", True):
        out.append(C("The respondent testified and was cross-examined by DHS; credibility is judged on the "
                     "totality of the circumstances.", "INA 208(b)(1)(B)(ii)-(iii) [P]"))
    extra = [f"witnesses: {', '.join(step.get('witnesses'))}" if step.get("witnesses") else "",
             f"interpreter: {step.get('interpreter_language')}" if step.get("interpreter_language") else ""]
    extra = "; ".join(x for x in extra if x)
    return "Individual hearing held" + (f" ({extra})" if extra else ""), dict(step.params), [], out


@action("deem_abandoned", Stage.APPLICATION_ABANDONED, params=(
        Param("reason", "choice", True, ("i589_not_filed", "biometrics_not_completed")),),
        requires=(NTA_FILED, NO_FINAL_ORDER))
def deem_abandoned(state, step):
    """The judge deems the application abandoned."""
    reason = step.params["reason"]
    if reason == "i589_not_filed":
        due = state.i589_due
        if due is None or state.i589_filed_on or step.on <= due.due:
            from asylum_teach.exceptions import InvalidTransitionError
            raise InvalidTransitionError(f"step {step.index} (deem_abandoned on {step.on}): the judge's I-589 deadline "
                                         "must have passed with no I-589 filed first")
        cite = ABANDON_CITE
    else:
        cite = BIOMETRICS_CITE
    state.ead.ended = "application abandoned"
    out = overdue(state, step.on) + [
        C("The asylum, withholding and CAT applications are deemed abandoned; the judge may order removal (or grant "
          "voluntary departure). The respondent can appeal, or move to reopen with good cause.", cite,
          severity="adverse")]
    return "Application deemed abandoned", dict(step.params), [], out


OUTCOMES = ("asylum_granted", "withholding_granted", "cat_granted", "removal_ordered", "terminated")


@action("ij_decision", Stage.IJ_DECISION, params=(
        Param("form", "choice", True, ("oral", "written")), Param("outcome", "choice", True, OUTCOMES),
        Param("served_on", "date", help="Written decisions: the date it was mailed or served."),
        Param("asylum_decided_on_merits", "bool")),
        requires=(Requirement(lambda s: s.reached(Stage.INDIVIDUAL_HEARING) or s.reached(Stage.APPLICATION_ABANDONED),
                              "an individual hearing must come first (or the application must be deemed abandoned)"),
                  NO_FINAL_ORDER))
def ij_decision(state, step):
    """The immigration judge decides, orally or in writing."""
    from asylum_teach.reasoning.appeals import decision_consequences

    form, outcome = step.params["form"], step.params["outcome"]
    trigger = step.get("served_on", step.on) if form == "written" else step.on
    merits = step.get("asylum_decided_on_merits", not state.reached(Stage.APPLICATION_ABANDONED))
    state.set_facts(ij_decision_on=trigger, asylum_decided_on_merits=merits)
    deadlines = [state.deadline(rule, trigger) for rule in ("bia-appeal", "motion-to-reconsider", "motion-to-reopen")]
    state.decision = {"on": step.on, "trigger": trigger, "form": form, "outcome": outcome, "bia_deadline": deadlines[0]}
    out = decision_consequences(form, outcome, deadlines[0])
    if outcome != "asylum_granted" and state.ead.started_on and not state.ead.ended:
        state.ead.ended = "asylum not granted by the judge"
        out.append(C("If the judge denies asylum before an EAD is granted, the EAD application is denied (the "
                     "clock matters again only if the case is reopened or remanded).", "8 CFR 208.7(a)(1) [P]"))
    if outcome == "terminated":
        state.ended = "proceedings terminated"
    return f"IJ decision ({form}): {outcome.replace('_', ' ')}", {"trigger": trigger, **step.params}, deadlines, out


@action("voluntary_departure", Stage.VOLUNTARY_DEPARTURE, params=(
        Param("when", "choice", True, ("pre_conclusion", "at_conclusion")), Param("bond_amount", "int"),
        Param("bond_posted_on", "date")), requires=(NTA_FILED, MASTER_HELD))
def voluntary_departure(state, step):
    """The judge grants voluntary departure before or at the conclusion of proceedings."""
    when = step.params["when"]
    state.vd = {"when": when, "on": step.on}
    out = [C("Failure to depart in time: civil penalty of $1,000-$5,000 and 10 years' ineligibility for "
             "voluntary departure, cancellation, adjustment, change of status and registry.",
             "INA 240B(d)(1); 8 CFR 1240.26(a) [P]")]
    if when == "pre_conclusion":
        if state.decision is not None:
            from asylum_teach.exceptions import InvalidTransitionError
            raise InvalidTransitionError(f"step {step.index} (voluntary_departure on {step.on}): pre-conclusion "
                                         "voluntary departure must be granted before the judge decides the case")
        state.appeal_waived = True
        state.final_order = (step.on, "ij")
        state.ended = "voluntary departure granted before conclusion"
        out.insert(0, C("Granted before the conclusion of proceedings: removability conceded, other relief withdrawn, "
                        "appeal waived.", "8 CFR 1240.26(b)(1)(i) [P]"))
        return "Voluntary departure granted (before conclusion)", dict(step.params), [
            state.deadline("vd-pre-conclusion", step.on)], out
    if state.decision is None:
        from asylum_teach.exceptions import InvalidTransitionError
        raise InvalidTransitionError(f"step {step.index} (voluntary_departure on {step.on}): voluntary departure at "
                                     "the conclusion of proceedings comes with the judge's decision")
    amount = step.get("bond_amount")
    if amount is not None and amount < 500:
        out.append(C(f"A bond of ${amount} is below the $500 minimum.", "8 CFR 1240.26(c)(3) [P]", severity="warning"))
    bond = state.deadline("vd-bond", step.on)
    posted = step.get("bond_posted_on")
    if posted and bond.due and posted > bond.due:
        out.append(C(f"Bond posted {posted.isoformat()}, after the due date {bond.due.isoformat()}: the grant is at risk; "
                     "the duty to depart and the penalties remain.", "8 CFR 1240.26(c)(3) [P]", "[S] penalties remain",
                     severity="adverse", deadline=bond))
    out += [C("If the respondent appeals, proof that the bond was posted must reach the BIA within 30 days of filing "
              "the appeal, or the Board will not reinstate voluntary departure.",
              "8 CFR 1240.26(c)(3); Matter of Gamero Perez (BIA 2010) [S]", severity="warning"),
            C("A motion to reopen or reconsider filed within the period ends voluntary departure; a petition for review "
              "ends it too.", "Dada v. Mukasey, 554 U.S. 1 (2008) [K]; 8 CFR 1240.26 [S summary]", severity="warning")]
    return "Voluntary departure granted (at conclusion)", dict(step.params), [
        state.deadline("vd-conclusion", step.on), bond], out


@action("change_address", Stage.CHANGE_OF_ADDRESS, params=(Param("reported_on", "date"),), requires=(NTA_SERVED,))
def change_address(state, step):
    """The respondent moves; Form EOIR-33 to the court (or to the BIA while an appeal is pending)."""
    d = state.deadline("address-change-bia" if state.at_bia else "address-change-court", step.on)
    out = []
    reported = step.get("reported_on")
    if reported is None or (d.due and reported > d.due):
        out.append(C("Not reported in time: hearing notices go to the old address and still support an in absentia "
                     "order.", "INA 240(b)(5)(A)-(B) [P]", severity="warning", deadline=d))
    where = "BIA (EOIR-33/BIA)" if state.at_bia else "immigration court (EOIR-33/IC)"
    return f"Address changed; notice due to the {where}", dict(step.params), [d], out


@action("change_venue", Stage.CHANGE_OF_VENUE, params=(Param("to_court", "str", True), Param("granted", "bool")),
        requires=(NTA_FILED, NO_FINAL_ORDER))
def change_venue(state, step):
    """A motion to change venue to another immigration court."""
    target = court_param(step, "to_court")
    if step.get("granted") is False:
        return f"Motion to change venue to {target.name} denied", dict(step.params), [], []
    state.venue_changed_from, state.court = state.court, target
    return f"Venue changed to {target.name}", {"to_court": target.name}, [], [
        C("The case now proceeds before the new court; the circuit for a later petition for review may change too.",
          *Stage.CHANGE_OF_VENUE.citations)]


@action("administrative_closure", Stage.ADMINISTRATIVE_CLOSURE, requires=(NTA_FILED, NOT_CLOSED, NO_FINAL_ORDER))
def administrative_closure(state, step):
    """The judge takes the case off the active docket (an option, not an outcome)."""
    state.closed = True
    return "Case administratively closed", {}, [], [
        C("Off the active calendar, no removal order; either party may later ask to recalendar. Whether closure "
          "stops the EAD clock is not modelled.", *Stage.ADMINISTRATIVE_CLOSURE.citations)]


@action("recalendar", Stage.RECALENDARED, params=(Param("next_hearing", "mapping", fields=HEARING),),
        requires=(Requirement(lambda s: s.closed, "the case must be administratively closed first"),))
def recalendar(state, step):
    """A closed case returns to the active docket."""
    state.closed = False
    nxt = step.get("next_hearing")
    return "Case recalendared", dict(step.params), hearing_deadlines(state, nxt["kind"], nxt["date"]) if nxt else [], []


@action("prosecutorial_discretion", Stage.PROSECUTORIAL_DISCRETION, params=(
        Param("outcome", "choice", True, ("dismissed", "administratively_closed", "declined")),),
        requires=(NTA_SERVED,))
def prosecutorial_discretion(state, step):
    """DHS exercises (or declines) prosecutorial discretion."""
    outcome = step.params["outcome"]
    out = [C("Prosecutorial discretion is DHS's choice, not relief: it gives no status.",
             *Stage.PROSECUTORIAL_DISCRETION.citations)]
    if outcome == "dismissed":
        state.ended = "proceedings dismissed (prosecutorial discretion)"
        out.append(C("With proceedings dismissed, an asylum application must be filed (or re-filed) with USCIS; the "
                     "one-year deadline still runs from the last arrival.", "8 CFR 1208.2(b) [K]",
                     "INA 208(a)(2)(B) [P]", severity="warning"))
    elif outcome == "administratively_closed":
        state.closed = True
    return f"Prosecutorial discretion: {outcome.replace('_', ' ')}", dict(step.params), \
        [one_year(state)] if outcome == "dismissed" and state.i589_filed_on is None else [], out


__all__ = ["C", "DECIDED", "one_year", "overdue"]
