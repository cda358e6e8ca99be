"""The appeal decision aid: after an immigration judge's decision, every option with its deadlines.

Given the decision's date, form (oral or written), outcome and court, :func:`appeal_options` lists the
BIA appeal (under the rule version in force for that decision date), motions to reconsider and to
reopen, rescission of an in absentia order, voluntary departure and how an appeal or a motion affects
it, and, after a BIA decision, the petition for review with its circuit and the stay question. Every
date comes from the deadline engine; this module adds the considerations a student should weigh.

Venue for a petition for review is not a simple look-up when the hearing was by video: the circuits
disagree, and :func:`pfr_venue` teaches the split instead of picking a side.

>>> aid = appeal_options("2025-06-02", "oral", "removal_ordered", "Annandale")
>>> [o.id for o in aid.options]
['bia-appeal', 'motion-to-reconsider', 'motion-to-reopen', 'voluntary-departure', 'accept-decision', 'petition-for-review']
>>> aid.option("bia-appeal").deadlines[0].due
datetime.date(2025, 7, 2)
>>> aid.venue.circuit
'4th'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.engine import deadline_for
from asylum_teach.model.courts import Court, find_court
from asylum_teach.model.facts import as_facts
from asylum_teach.dates import parse_date
from asylum_teach.reasoning.proceedings import Consequence

OUTCOMES = ("asylum_granted", "withholding_granted", "cat_granted", "removal_ordered", "in_absentia_order")
FORMS = ("oral", "written")

HERRERA_ALCALA = "Herrera-Alcala v. Garland (4th Cir. 2022) (venue follows where the IJ sat) [S]"
SARR = "Sarr v. Garland (2d Cir. 2022) (venue follows the charging document absent a change of venue) [S]"
YANG_YOU_LEE = "Yang You Lee v. Lynch, 791 F.3d 1261 (10th Cir. 2015) (multi-factor inquiry) [S]"
BIBIANO = "Bibiano v. Lynch, 834 F.3d 966 (9th Cir. 2016) (venue not jurisdictional; transfer possible) [S]"
VENUE_STATUTE = "INA 242(b)(2), 8 U.S.C. 1252(b)(2) (circuit in which the IJ completed the proceedings) [P]"
NO_STAY = "INA 242(b)(3)(B), 8 U.S.C. 1252(b)(3)(B) (no automatic stay) [P]"


@dataclass(frozen=True)
class Option:
    """One thing the respondent (or DHS) can do, with engine deadlines and what to weigh."""

    id: str
    title: str
    available: bool
    deadlines: tuple = ()
    considerations: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "available": self.available,
                "deadlines": [d.to_dict() for d in self.deadlines], "considerations": list(self.considerations),
                "citations": list(self.citations)}


@dataclass(frozen=True)
class Venue:
    """The circuit for a petition for review, and the competing answers when the hearing was by video."""

    circuit: str
    court: str
    hearing_mode: str
    candidates: tuple = ()  # (circuit, theory, citation)
    caveat: str = ""
    citations: tuple[str, ...] = ()

    @property
    def settled(self) -> bool:
        return len({c for c, _, _ in self.candidates}) <= 1

    def to_dict(self) -> dict:
        return {"circuit": self.circuit, "court": self.court, "hearing_mode": self.hearing_mode,
                "settled": self.settled, "candidates": [{"circuit": c, "theory": t, "citation": x}
                                                        for c, t, x in self.candidates],
                "caveat": self.caveat, "citations": list(self.citations)}


@dataclass(frozen=True)
class AppealAid:
    decision: dict
    court: Court
    options: tuple[Option, ...]
    venue: Venue
    reasons: tuple[str, ...] = field(default=())

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for o in self.options for c in o.citations))

    def to_dict(self) -> dict:
        return {"decision": {k: v.isoformat() if isinstance(v, date) else v for k, v in self.decision.items()},
                "court": self.court.to_dict(), "options": [o.to_dict() for o in self.options],
                "venue": self.venue.to_dict(), "reasons": list(self.reasons), "citations": list(self.citations)}


def pfr_venue(court, *, hearing_mode: str = "in_person", ij_court=None, venue_changed_from=None) -> Venue:
    """Which circuit hears a petition for review, and the video-hearing split.

    In person the answer is the circuit where the court sits (INA 242(b)(2)). By video, with the judge
    sitting elsewhere (an adjudication center, say), the circuits disagree:

    >>> v = pfr_venue("Oakdale", hearing_mode="video", ij_court="Falls Church")
    >>> v.settled, [c for c, _, _ in v.candidates]
    (False, ['4th', '5th'])
    >>> pfr_venue("Chicago").circuit
    '7th'
    """
    court = find_court(court)
    if hearing_mode not in ("in_person", "video"):
        raise InvalidInputError(f"hearing_mode: {hearing_mode!r} is not one of in_person, video")
    if hearing_mode == "in_person":
        return Venue(court.circuit, court.name, hearing_mode, ((court.circuit, "where the court sits", VENUE_STATUTE),),
                     "If any hearing was held by video with the judge elsewhere, venue may be contested (see the split).",
                     (VENUE_STATUTE,))
    judge = find_court(ij_court) if ij_court else None
    candidates = []
    if judge:
        candidates.append((judge.circuit, f"where the judge sat ({judge.name})", HERRERA_ALCALA))
    candidates.append((court.circuit, f"where the proceedings were docketed and the respondent appeared ({court.name})",
                       SARR if not venue_changed_from else f"{SARR}; venue was changed, so the new court"))
    caveat = ("Video hearing: the statute asks where the judge 'completed the proceedings'. The Fourth Circuit looks "
              "to where the judge sat; the Second Circuit to where the proceedings commenced under the charging "
              "document, absent a change of venue; the Tenth weighs several factors. The Ninth holds venue is not "
              "jurisdictional, so a petition in the wrong circuit can be kept or transferred. Teach both answers; "
              "which circuit's law governs the merits is a further question the BIA addressed in Matter of Garcia "
              "(2023) [S].")
    # the headline circuit is the docket court's; ``settled`` is False and the candidates carry the split
    return Venue(court.circuit, court.name, hearing_mode, tuple(candidates), caveat,
                 (VENUE_STATUTE, HERRERA_ALCALA, SARR, YANG_YOU_LEE, BIBIANO))


def decision_consequences(form: str, outcome: str, bia_deadline) -> list[Consequence]:
    """What a decision means, for the simulator and the aid alike."""
    out = []
    if form == "oral":
        out.append(Consequence("Oral decision: the appeal time runs from the day it is stated; a later summary "
                               "memorandum does not restart it.", ("8 CFR 1003.37(a) [P]",
                                                                   "Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025) [P]")))
    else:
        out.append(Consequence("Written decision: the appeal time runs from mailing or electronic service.",
                               ("8 CFR 1003.37(a), 1003.38(b) [P]",)))
    text = {
        "asylum_granted": ("Asylum granted. DHS may appeal within the same time; if it does not, the grant is final.",
                           "info"),
        "withholding_granted": ("Asylum denied, withholding of removal granted: a removal order is entered but not "
                                "executed to that country; no derivatives and no path to permanent residence.", "warning"),
        "cat_granted": ("Asylum and withholding denied, CAT protection granted: removal to that country is barred; "
                        "no derivatives and no path to permanent residence.", "warning"),
        "removal_ordered": ("All relief denied: removal ordered. The order becomes final if appeal is waived or the "
                            "appeal time passes.", "adverse"),
        "terminated": ("Proceedings terminated: no removal order.", "info"),
    }[outcome]
    cites = ("8 CFR 1241.1 (finality of the order) [K]",) if outcome != "asylum_granted" else ("8 CFR 1003.38(b) [P]",)
    if outcome in ("withholding_granted", "cat_granted"):
        cites += ("INA 241(b)(3) [P]; 8 CFR 1208.16-1208.17 [K]",)
    out.append(Consequence(text[0], cites, text[1]))
    if bia_deadline is not None and bia_deadline.under_litigation:
        out.append(Consequence(f"The BIA appeal rule in force is under litigation: {bia_deadline.under_litigation}",
                               tuple(c.shown() for c in bia_deadline.citations[:1]), "warning", bia_deadline))
    for note in (bia_deadline.history if bia_deadline is not None else ()):
        out.append(Consequence(f"History of this deadline: {note.text}",
                               tuple(c.shown() for c in note.version.citations), "info", bia_deadline))
    return out


def _dl(rule, trigger, ctx, **facts):
    return deadline_for(rule, trigger, as_of=ctx["as_of"], facts={**ctx["facts"], **facts},
                        policies=ctx["policies"], calendar=ctx["calendar"])


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
    ctx = {"as_of": parse_date(as_of, name="as of") if as_of else trigger, "facts": facts, "policies": policies,
           "calendar": calendar}
    from asylum_teach.reasoning.appeal_options import build_options

    bia_day = parse_date(bia_decision_date, name="BIA decision date") if bia_decision_date else None
    venue = pfr_venue(court, hearing_mode=hearing_mode, ij_court=ij_court)
    options = build_options(ctx, trigger, decision_form, outcome, voluntary_departure, bia_day, venue, _dl)
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
