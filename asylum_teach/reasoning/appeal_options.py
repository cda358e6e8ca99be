"""The options the appeal decision aid lists, one small builder per option (see :mod:`.appeals`).

Each builder asks the engine for its dates through the :class:`~asylum_teach.reasoning.appeal_types.AidContext`
and returns an :class:`~asylum_teach.reasoning.appeal_types.Option` with considerations and citations. The
builders decide which considerations apply; what they say and cite is in ``data/appeals.yaml``
(:mod:`.appeal_wording`).

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
from asylum_teach.reasoning.appeal_wording import option_citations, say, title
from asylum_teach.reasoning.venue import Venue


def build_options(ctx: AidContext, trigger: date, form: str, outcome: str, vd: str | None, bia_day: date | None,
                  venue: Venue) -> list[Option]:
    """Every option for a decision of ``form`` and ``outcome`` whose clock starts on ``trigger``."""
    absentia = outcome == "in_absentia_order"
    waived = vd == "pre_conclusion"
    options = []
    if absentia:
        options.append(_option(
            "rescind-in-absentia", True,
            tuple(ctx.deadline("in-absentia-reopen", trigger, in_absentia_reason=r)
                  for r in ("exceptional_circumstances", "lack_of_notice", "in_custody")),
            ("rescind-exceptional-circumstances", "rescind-stays-removal", "rescind-no-direct-appeal")))
    bia = ctx.deadline("bia-appeal", trigger)
    options.append(Option("bia-appeal", title("bia-appeal"), not absentia and not waived,
                          (bia,) if not absentia else (), _bia_considerations(bia, form, outcome, waived, absentia),
                          option_citations("bia-appeal")))
    motion_from = bia_day or trigger
    board = ("motion-to-board",) if bia_day else ("motion-assumption",)
    if not absentia:
        options.append(_option(
            "motion-to-reconsider", True, (ctx.deadline("motion-to-reconsider", motion_from),),
            ("reconsider-errors", "reconsider-no-stay", "reconsider-ends-vd", *board),
            suffix=" (to the BIA)" if bia_day else " (to the judge)"))
        options.append(_option(
            "motion-to-reopen", True,
            (ctx.deadline("motion-to-reopen", motion_from),
             ctx.deadline("motion-to-reopen", motion_from, changed_country_conditions=True)),
            ("reopen-new-facts", "reopen-changed-country", "reopen-from-final-order", "reopen-no-stay", *board)))
    options.append(_vd_option(ctx, trigger, vd))
    if not absentia:
        options.append(_option("accept-decision", True, (),
                               ("accept-grant",) if outcome == "asylum_granted" else ("accept-exhaustion",)))
    options.append(_pfr_option(ctx, bia_day, venue, absentia))
    return options


def _option(option_id: str, available: bool, deadlines: tuple, says: tuple[str, ...], suffix: str = "") -> Option:
    """An option whose considerations are fixed texts of ``data/appeals.yaml``."""
    return Option(option_id, title(option_id) + suffix, available, deadlines, tuple(say(k) for k in says),
                  option_citations(option_id))


def _bia_considerations(bia, form, outcome, waived, absentia) -> tuple[str, ...]:
    if absentia:
        return (say("bia-not-available-in-absentia"),)
    if waived:
        return (say("bia-not-available-waived"),)
    notes = [say("bia-version", version=bia.version, window=bia.version_window),
             say("bia-receipt"), say("bia-no-execution"), say("bia-late-appeal")]
    if bia.safe_date and bia.due and bia.safe_date != bia.due:
        notes.append(say("bia-safe-date", safe=bia.safe_date.isoformat()))
    if bia.under_litigation:
        notes.append(say("bia-under-litigation", text=bia.under_litigation))
    for h in bia.history:
        notes.append(say("bia-history", text=h.text))
    if outcome == "asylum_granted":
        notes.append(say("bia-dhs-appeal"))
    if form == "oral":
        notes.append(say("bia-oral"))
    return tuple(notes)


def _vd_option(ctx: AidContext, trigger: date, vd: str | None) -> Option:
    if vd is None:
        return _option("voluntary-departure", False, (), ("vd-not-granted",))
    rule = "vd-pre-conclusion" if vd == "pre_conclusion" else "vd-conclusion"
    deadlines = (ctx.deadline(rule, trigger),) + ((ctx.deadline("vd-bond", trigger),) if vd == "at_conclusion" else ())
    middle = "vd-bond-and-proof" if vd == "at_conclusion" else "vd-pre-conclusion-waived"
    return _option("voluntary-departure", True, deadlines,
                   ("vd-depart-or-penalty", middle, "vd-ended-by-motion-or-review"),
                   suffix=f" ({vd.replace('_', ' ')})")


def _pfr_option(ctx: AidContext, bia_day: date | None, venue: Venue, absentia: bool) -> Option:
    if venue.settled:
        notes = [say("pfr-venue-settled", circuit=venue.circuit, court=venue.court)]
    else:
        circuits = " or ".join(dict.fromkeys(c for c, _, _ in venue.candidates))
        notes = [say("pfr-venue-split", circuits=circuits)]
        notes += [say("pfr-venue-candidate", circuit=c, theory=theory, cite=cite) for c, theory, cite in venue.candidates]
    notes += [venue.caveat, say("pfr-no-stay"), say("pfr-motions-do-not-extend")]
    if bia_day is None:
        notes.insert(0, say("pfr-in-absentia-review" if absentia else "pfr-later"))
    deadlines = (ctx.deadline("petition-for-review", bia_day),) if bia_day else ()
    shown = (*option_citations("petition-for-review"), *venue.citations)
    return Option("petition-for-review", title("petition-for-review"), True, deadlines,
                  tuple(notes), tuple(dict.fromkeys(shown)))
