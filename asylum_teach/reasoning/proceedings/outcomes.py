"""What an immigration judge's decision means, by its form and outcome.

The proceedings simulator records these consequences with the decision; the appeal decision aid
(:mod:`asylum_teach.reasoning.appeals`) lists them as its reasons.

>>> [c.severity for c in decision_consequences("written", "removal_ordered", None)]
['info', 'adverse']
"""

from __future__ import annotations

from asylum_teach.reasoning.proceedings.records import C, Consequence


def decision_consequences(form: str, outcome: str, bia_deadline) -> list[Consequence]:
    """What a decision means, for the simulator and the aid alike."""
    out = []
    if form == "oral":
        out.append(C("Oral decision: the appeal time runs from the day it is stated; a later summary memorandum "
                     "does not restart it.", "cfr-1003-37-a", "iskandarani"))
    else:
        out.append(C("Written decision: the appeal time runs from mailing or electronic service.",
                     "cfr-1003-37-a", "cfr-1003-38-b"))
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
    cites: tuple[str, ...] = ("cfr-1241-1",) if outcome != "asylum_granted" else ("cfr-1003-38-b",)
    if outcome in ("withholding_granted", "cat_granted"):
        cites += ("ina-241-b-3", "cfr-1208-16-17")
    out.append(C(text[0], *cites, severity=text[1]))
    if bia_deadline is not None and bia_deadline.under_litigation:
        out.append(C(f"The BIA appeal rule in force is under litigation: {bia_deadline.under_litigation}",
                     *bia_deadline.citations[:1], severity="warning", deadline=bia_deadline))
    for note in (bia_deadline.history if bia_deadline is not None else ()):
        out.append(C(f"History of this deadline: {note.text}", *note.version.citations, deadline=bia_deadline))
    return out
