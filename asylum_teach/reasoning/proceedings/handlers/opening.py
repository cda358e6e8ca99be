"""Opening the case: an affirmative case referred to the court, the Notice to Appear (served, then
filed), and custody (a bond hearing).

>>> from asylum_teach.reasoning.proceedings.simulator import simulate
>>> r = simulate([{"on": "2025-03-03", "action": "serve_nta", "hearing_on": "2025-03-10"}])
>>> r.records[0].consequences[0].summary
'The first hearing is set 7 days after service of the NTA; INA 239(b)(1) requires at least 10 days unless the respondent asked in writing for an earlier hearing.'
"""

from __future__ import annotations

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.reasoning.proceedings.deadlines import one_year
from asylum_teach.reasoning.proceedings.records import C, Param, Requirement
from asylum_teach.reasoning.proceedings.registry import action
from asylum_teach.reasoning.proceedings.requirements import NTA_SERVED
from asylum_teach.reasoning.stages import Stage


@action("refer_affirmative_case", Stage.AFFIRMATIVE_REFERRAL, params=(
        Param("i589_filed_on", "date", help="Date the affirmative I-589 was filed with USCIS."),
        Param("interview_on", "date")))
def refer(state, step):
    """USCIS did not grant an affirmative application of a person without status and referred it."""
    filed = step.get("i589_filed_on") or state.facts.get("affirmative_application_filed_on")
    if filed is None:
        raise InvalidInputError(f"step {step.index} (refer_affirmative_case), field 'i589_filed_on': missing "
                                "(or give the fact affirmative_application_filed_on)")
    state.set_facts(affirmative_referred_to_court=True, affirmative_application_filed_on=filed, i589_filed_on=filed)
    state.i589_filed_on = filed
    state.ead.start(filed)
    out = [C("The application goes to the immigration court with the NTA; the judge hears it de novo. The I-589 "
             "keeps its USCIS filing date.", "cfr-208-14-c", "referral-de-novo")]
    y = one_year(state)
    if y and y.applicable and filed > y.due:
        out.append(C("The I-589 was filed with USCIS after the one-year deadline: asylum is barred unless an "
                     "exception applies; withholding and CAT are not affected.",
                     "ina-208-a-2-B", "ina-208-a-2-D", "cfr-1208-4-a", severity="adverse", deadline=y))
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
                        "ina-239-a-1-F", "ina-240-b-5")], []
    hearing = step.get("hearing_on")
    if hearing:
        state.hearings["master"] = hearing
        gap = (hearing - step.on).days
        if gap < 10 and not step.get("requested_earlier_hearing"):
            out.insert(0, C(f"The first hearing is set {gap} days after service of the NTA; INA 239(b)(1) requires "
                            "at least 10 days unless the respondent asked in writing for an earlier hearing.",
                            "ina-239-b-1", severity="warning"))
        else:
            out.append(C(f"First hearing {gap} days after service (the 10-day minimum of INA 239(b)(1) is met).",
                         "ina-239-b-1"))
    if state.i589_filed_on is None:
        deadlines.append(one_year(state))
    if state.facts.get("detained"):
        out.append(C("Detained docket: the judge sets faster filing deadlines; custody can be reviewed at a "
                     "bond (custody redetermination) hearing.", "ina-236-a", "cfr-1003-19"))
    return "Notice to Appear served", {"hearing_on": hearing}, deadlines, out


@action("file_nta", Stage.NTA_FILED, params=(Param("court", "str"),), requires=(NTA_SERVED,))
def file_nta(state, step):
    """DHS files the NTA with the immigration court."""
    if step.get("court"):
        state.court = step.court("court")
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
                         "ina-236-a-2-A", severity="warning"))
        out.append(C("Release on bond does not itself give work authorization.", "ina-236-a-3"))
    elif outcome == "no_jurisdiction":
        out.append(C("The judge found no authority to hold a bond hearing (applicants for admission held under "
                     "INA 235(b)(2)(A)); challenges went to federal habeas courts.",
                     "yajure-hurtado", severity="adverse"))
    if step.get("released_on"):
        state.set_facts(detained=False)
        out.append(C("Released: from now on the non-detained filing defaults apply unless the judge sets others.",
                     "appendix-c"))
    else:
        out.append(C("Still detained: the detained docket moves faster and the judge sets the filing deadlines.",
                     "appendix-c-detained"))
    return f"Custody redetermination: {outcome.replace('_', ' ')}", dict(step.params), [], out
