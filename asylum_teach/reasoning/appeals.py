"""The appeal decision aid: after an immigration judge's decision, every option with its deadlines.

Given the decision's date, form (oral or written), outcome and court, :func:`appeal_options` lists the
BIA appeal (under the rule version in force for that decision date), motions to reconsider and to
reopen, rescission of an in absentia order, voluntary departure and how an appeal or a motion affects
it, and, after a BIA decision, the petition for review with its circuit and the stay question. Every
date comes from the deadline engine; the options are built in :mod:`.appeal_options`, their types are
in :mod:`.appeal_types`, and the venue for review (with the video-hearing split) in :mod:`.venue`.

>>> aid = appeal_options("2025-06-02", "oral", "removal_ordered", "Annandale")
>>> [o.id for o in aid.options]
['bia-appeal', 'motion-to-reconsider', 'motion-to-reopen', 'voluntary-departure', 'accept-decision', 'petition-for-review']
>>> aid.option("bia-appeal").deadlines[0].due
datetime.date(2025, 7, 2)
>>> aid.venue.circuit
'4th'
"""

from __future__ import annotations

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.courts import find_court
from asylum_teach.model.facts import as_facts
from asylum_teach.reasoning.appeal_options import build_options
from asylum_teach.reasoning.appeal_types import AidContext, AppealAid, Option
from asylum_teach.reasoning.proceedings.outcomes import decision_consequences
from asylum_teach.reasoning.venue import Venue, pfr_venue

__all__ = ["FORMS", "OUTCOMES", "AppealAid", "Option", "Venue", "appeal_options", "options_for", "pfr_venue"]

OUTCOMES = ("asylum_granted", "withholding_granted", "cat_granted", "removal_ordered", "in_absentia_order")
FORMS = ("oral", "written")


def appeal_options(decision_date, decision_form: str, outcome: str, court, *, served_on=None, as_of=None, facts=None,
                   voluntary_departure: str | None = None, bia_decision_date=None, hearing_mode: str = "in_person",
                   ij_court=None, policies=None, calendar=None) -> AppealAid:
    """Every option after an IJ decision, each with engine deadlines, considerations and citations.

    ``decision_form`` is ``oral`` or ``written`` (a written decision's clock runs from ``served_on``,
    defaulting to ``decision_date``). ``outcome`` is one of :data:`OUTCOMES`. ``voluntary_departure`` is
    ``pre_conclusion``, ``at_conclusion`` or None. Give ``bia_decision_date`` to see the petition-for-review
    deadline; without it the petition is described for later.

    Whether asylum was decided on the merits (``facts={"asylum_decided_on_merits": ...}``) is not read
    from the outcome: a denial on the one-year or another threshold bar is not one. It mattered only
    under the 2026 interim rule's 10-day period, which a court vacated before it took effect: every
    decision keeps 30 days, and the vacated rule appears in the deadline's history.
    """
    decided = parse_date(decision_date, name="decision date")
    if decision_form not in FORMS:
        raise InvalidInputError(f"decision: {decision_form!r} is not one of oral, written")
    if outcome not in OUTCOMES:
        raise InvalidInputError(f"outcome: {outcome!r} is not one of {', '.join(OUTCOMES)}")
    if voluntary_departure not in (None, "pre_conclusion", "at_conclusion"):
        raise InvalidInputError(f"voluntary departure: {voluntary_departure!r} is not pre_conclusion or at_conclusion")
    court = find_court(court)
    trigger = parse_date(served_on, name="served on") if served_on and decision_form == "written" else decided
    facts = dict(as_facts(facts or {}))
    facts["ij_decision_on"] = trigger
    ctx = AidContext(parse_date(as_of, name="as of") if as_of else trigger, facts, policies, calendar)
    bia_day = parse_date(bia_decision_date, name="BIA decision date") if bia_decision_date else None
    venue = pfr_venue(court, hearing_mode=hearing_mode, ij_court=ij_court)
    options = build_options(ctx, trigger, decision_form, outcome, voluntary_departure, bia_day, venue)
    decision = {"date": decided, "trigger": trigger, "form": decision_form, "outcome": outcome,
                "voluntary_departure": voluntary_departure, "bia_decision_date": bia_day}
    reasons = () if outcome == "in_absentia_order" else tuple(
        c.summary for c in decision_consequences(decision_form, outcome, None))
    return AppealAid(decision, court, tuple(options), venue, reasons)


def options_for(result, *, hearing_mode: str = "in_person", ij_court=None, policies=None, calendar=None) -> AppealAid:
    """The appeal decision aid for the judge's decision a simulated case reached.

    >>> from asylum_teach.reasoning.scenarios import run_scenario
    >>> aid = options_for(run_scenario("denial_appeal_pfr"))
    >>> str(aid.option("petition-for-review").deadlines[0].due)
    '2026-06-22'
    """
    if not result.decision:
        raise InvalidInputError("the case has no immigration judge decision yet: run it to an ij_decision step first")
    d = result.decision
    vd = None
    for r in result.records:
        if r.action == "voluntary_departure":
            vd = r.details.get("when")
    facts = {k: v for k, v in dict(result.facts or {}).items() if k not in ("ij_decision_on", "bia_decision_on")}
    if d["outcome"] not in OUTCOMES:
        raise InvalidInputError(f"the decision ({d['outcome']}) has no respondent's options to list")
    return appeal_options(d["on"], d["form"], d["outcome"],
                          result.court, served_on=d["trigger"], as_of=result.as_of, facts=facts,
                          voluntary_departure=vd, bia_decision_date=result.bia_decision_on, hearing_mode=hearing_mode,
                          ij_court=ij_court, policies=policies, calendar=calendar)
