"""The options the appeal decision aid lists, one small builder per option (see :mod:`.appeals`).

Each builder asks the engine for its dates through the :class:`~asylum_teach.reasoning.appeal_types.AidContext`
and returns an :class:`~asylum_teach.reasoning.appeal_types.Option` with considerations and citations.

>>> from asylum_teach.reasoning.appeals import appeal_options
>>> aid = appeal_options("2025-06-02", "oral", "in_absentia_order", "Chicago")
>>> [o.id for o in aid.options if o.available]
['rescind-in-absentia', 'petition-for-review']
>>> [d.applicable for d in aid.option("rescind-in-absentia").deadlines]
[True, False, False]
"""

from __future__ import annotations

from datetime import date

from asylum_teach.reasoning.appeal_types import AidContext, Option
from asylum_teach.reasoning.venue import NO_STAY, Venue

BIA_APPEAL_CITES = ("8 CFR 1003.38(b)-(c); 8 CFR 1240.15 [P]", "INA 208(d)(5)(A)(iv) [P]",
                    "Appellate Procedures for the BIA, interim final rule, FR Doc. 2026-02326 [P dates; S details]",
                    "Matter of Morales-Morales, 28 I&N Dec. 714 (BIA 2023) (equitable tolling) [P headnote; cite K]")
RECONSIDER_CITES = ("INA 240(c)(6) [P]", "8 CFR 1003.23(b)(1) (IJ); 8 CFR 1003.2(b)(2) (BIA) [P]")
REOPEN_CITES = ("INA 240(c)(7) [P]", "8 CFR 1003.23(b)(1) (IJ); 8 CFR 1003.2(c)(2) (BIA) [K/S]")
VD_CITES = ("INA 240B(a)-(b), (d) [P]", "8 CFR 1240.26(b) [P]", "8 CFR 1240.26(c)(3) (bond; proof of posting to the BIA within 30 days of an appeal); Matter of "
            "Gamero Perez, 25 I&N Dec. 164 (BIA 2010) [P]", "8 CFR 1240.26(c)(3) (at least $500, within 5 business "
            "days) [S]",
            "Dada v. Mukasey, 554 U.S. 1 (2008) [K]", "Monsalvo Velazquez v. Bondi (U.S. 2025) [P]")


def build_options(ctx: AidContext, trigger: date, form: str, outcome: str, vd: str | None, bia_day: date | None,
                  venue: Venue) -> list[Option]:
    """Every option for a decision of ``form`` and ``outcome`` whose clock starts on ``trigger``."""
    absentia = outcome == "in_absentia_order"
    waived = vd == "pre_conclusion"
    options = []
    if absentia:
        options.append(Option(
            "rescind-in-absentia", "Motion to reopen and rescind the in absentia order", True,
            tuple(ctx.deadline("in-absentia-reopen", trigger, in_absentia_reason=r)
                  for r in ("exceptional_circumstances", "lack_of_notice", "in_custody")),
            ("Exceptional circumstances (battery or extreme cruelty, serious illness of the respondent, or serious "
             "illness or death of a spouse, child or parent; not less compelling circumstances) must be shown "
             "within 180 days; lack of notice or custody may be raised at any time.",
             "Filing the motion stays removal while the judge decides it.",
             "There is no direct appeal to the BIA from an in absentia order; the denial of the motion can be appealed [K]."),
            ("INA 240(b)(5)(C)(i)-(ii) [P]", "INA 240(e)(1) [P]", "ICPM 5.9(d) [P]")))
    bia = ctx.deadline("bia-appeal", trigger)
    options.append(Option(
        "bia-appeal", "Appeal to the Board of Immigration Appeals (Form EOIR-26)", not absentia and not waived,
        (bia,) if not absentia else (),
        _bia_considerations(bia, form, outcome, waived, absentia), BIA_APPEAL_CITES))
    motion_from = bia_day or trigger
    board = ("After the BIA's decision the motion goes to the Board, and the time runs from its decision.",) \
        if bia_day else ("Assumption [K]: the time is counted here from the judge's decision date; the law counts it "
                         "from the final administrative order, which can be later (e.g. when the appeal time runs "
                         "out), so this date is the earliest reading.",)
    if not absentia:
        options.append(Option(
            "motion-to-reconsider", "Motion to reconsider" + (" (to the BIA)" if bia_day else " (to the judge)"), True,
            (ctx.deadline("motion-to-reconsider", motion_from),),
            ("Points to specific errors of law or fact in the decision, with authority; one motion only.",
             "Does not stay removal [S] and does not stop the appeal clock [K]: an appeal, if wanted, must still be "
             "filed on time.",
             "Filed while voluntary departure runs, it ends voluntary departure [S].", *board), RECONSIDER_CITES))
        options.append(Option(
            "motion-to-reopen", "Motion to reopen", True,
            (ctx.deadline("motion-to-reopen", motion_from),
             ctx.deadline("motion-to-reopen", motion_from, changed_country_conditions=True)),
            ("New facts, material and not available before, supported by evidence; one motion only.",
             "Changed country conditions: no time or number limit (second deadline shown).",
             "The time runs from the final administrative order: after an appeal, from the BIA's decision.",
             "Does not stay removal unless a stay is granted; filing during voluntary departure ends it [S].", *board),
            REOPEN_CITES + ("INA 240(c)(7)(C)(ii) [P]", "Matter of Goolcharan, 23 I&N Dec. 5 (BIA 2001) [P headnote]")))
    options.append(_vd_option(ctx, trigger, vd))
    if not absentia:
        options.append(Option(
            "accept-decision", "Accept the decision (waive appeal)", True, (),
            ("A grant becomes final (DHS may still appeal until the time runs)." if outcome == "asylum_granted" else
             "Waiving appeal makes the order final at once, and a later petition for review fails for lack of "
             "exhaustion: the court may review a final order only if the remedies available as of right (here, the "
             "BIA appeal) were exhausted. The rule is not jurisdictional, but the government can insist on it.",),
            ("8 CFR 1241.1(b) [K]", "INA 242(d)(1), 8 U.S.C. 1252(d)(1) (exhaustion) [P]",
             "Santos-Zacaria v. Garland, 598 U.S. 411 (2023) (exhaustion is a claim-processing rule) [P]")))
    options.append(_pfr_option(ctx, bia_day, venue, absentia))
    return options


def _bia_considerations(bia, form, outcome, waived, absentia):
    if absentia:
        return ("Not available: an in absentia order is challenged by a motion to rescind, not an appeal.",)
    if waived:
        return ("Not available: pre-conclusion voluntary departure requires waiving appeal.",)
    notes = [f"Rule version in force for this decision: {bia.version} ({bia.version_window}).",
             "Filed = received by the Board (no mailbox rule); the fee or fee-waiver request must arrive in the same time.",
             "While an appeal is pending the removal order is not executed [K].",
             "A late appeal is accepted only on equitable tolling (diligence plus an extraordinary circumstance)."]
    if bia.safe_date and bia.due and bia.safe_date != bia.due:
        notes.append(f"File by the safe date {bia.safe_date.isoformat()}: other defensible readings give an earlier date.")
    if bia.under_litigation:
        notes.append(f"Under litigation: {bia.under_litigation}")
    for h in bia.history:
        notes.append(f"History: {h.text}")
    if outcome == "asylum_granted":
        notes.append("After a grant it is DHS that may appeal; the respondent watches for a DHS notice of appeal.")
    if form == "oral":
        notes.append("Oral decision: the time is not restarted by the later summary memorandum.")
    return tuple(notes)


def _vd_option(ctx: AidContext, trigger: date, vd: str | None) -> Option:
    if vd is None:
        return Option("voluntary-departure", "Voluntary departure", False, (),
                      ("Not granted in this decision. At-conclusion voluntary departure is asked for before the judge "
                       "decides (1 year's presence, 5 years' good moral character, means and intent to depart, bond).",),
                      VD_CITES)
    rule = "vd-pre-conclusion" if vd == "pre_conclusion" else "vd-conclusion"
    deadlines = (ctx.deadline(rule, trigger),) + ((ctx.deadline("vd-bond", trigger),) if vd == "at_conclusion" else ())
    notes = ["Depart by the date shown or face a $1,000-$5,000 penalty and 10 years' bar on several forms of relief.",
             "A motion to reopen or reconsider filed within the period ends voluntary departure (the alternate "
             "removal order takes effect) [S]; a petition for review ends it too (30-day departure safe harbor reported [S])."]
    if vd == "at_conclusion":
        notes.insert(1, "Post the bond (at least $500) with DHS within 5 business days; on appeal, proof of posting must "
                        "reach the BIA within 30 days of filing the appeal or the Board will not reinstate it.")
    else:
        notes.insert(1, "Granted before conclusion: appeal was waived, so the BIA appeal is not available.")
    return Option("voluntary-departure", f"Voluntary departure ({vd.replace('_', ' ')})", True, deadlines,
                  tuple(notes), VD_CITES)


def _pfr_option(ctx: AidContext, bia_day: date | None, venue: Venue, absentia: bool) -> Option:
    if venue.settled:
        notes = [f"Venue: {venue.circuit} Circuit, where the judge completed the proceedings ({venue.court})."]
    else:
        circuits = " or ".join(dict.fromkeys(c for c, _, _ in venue.candidates))
        notes = [f"Venue: not settled for this video hearing - the {circuits} Circuit, depending on the circuit's view:"]
        notes += [f"  candidate: {c} Circuit - {theory} - {cite}" for c, theory, cite in venue.candidates]
    notes += [venue.caveat,
              "No automatic stay: the petition does not stop removal; move for a stay (Nken v. Holder standard).",
              "A motion to reopen or reconsider does not extend the 30 days [S]; file both if both are wanted."]
    if bia_day is None:
        notes.insert(0, "Later: 30 days from the BIA's final order (give the BIA decision date to see the date)."
                     if not absentia else "Review of an in absentia order is limited to notice, the reasons for absence "
                                          "and removability, after the motion route.")
    deadlines = (ctx.deadline("petition-for-review", bia_day),) if bia_day else ()
    cites = ("INA 242(b)(1)-(3) [P]", NO_STAY, "Riley v. Bondi (U.S. 2025) [P]", "Nken v. Holder, 556 U.S. 418 (2009) [K]",
             *venue.citations)
    return Option("petition-for-review", "Petition for review in the court of appeals", True, deadlines,
                  tuple(notes), tuple(dict.fromkeys(cites)))
