"""Deadline helpers shared by the handler modules: each asks the engine, then says what a missed date means.

>>> from asylum_teach.reasoning.proceedings.simulator import simulate
>>> steps = [{"date": "2025-01-06", "action": "serve_nta", "hearing_on": "2025-02-03"},
...          {"date": "2025-01-08", "action": "file_nta"},
...          {"date": "2025-02-03", "action": "master_calendar", "i589_due_on": "2025-03-03"},
...          {"date": "2025-03-10", "action": "request_continuance", "requested_by": "dhs", "hearing": "master",
...           "new_hearing_on": "2025-04-07"}]
>>> simulate(steps).records[-1].consequences[0].summary[:60]
"The I-589 was not filed by the judge's deadline (2025-03-03)"
"""

from __future__ import annotations

from asylum_teach.reasoning.proceedings.records import C, Consequence, Param

#: The parameters of a hearing set for later (``next_hearing``); :func:`hearing_deadlines` takes them.
HEARING = (Param("kind", "choice", True, ("master", "individual")), Param("date", "date", True))

# Citation ids (data/citations.yaml) the handlers share.
ABANDON_CITE = "cfr-1003-31-c"                              # an I-589 not filed by the judge's date
BIOMETRICS_CITE = "cfr-1003-47"                             # biometrics not completed
LATE_EVIDENCE_CITES = ("icpm-3-1-d-ii", "icpm-3-1-b-rebuttal")  # untimely filings; rebuttal exempt
EAD_STOP_CITE = "cfr-208-7-a-2"                             # applicant-caused delay stops the EAD clock


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
    """A warning when evidence for the merits comes after the filing deadline before the individual hearing."""
    hearing = state.hearings.get("individual")
    if hearing is None or item.get("purpose") == "rebuttal":
        return []
    d = state.deadline("filing-before-individual", hearing)
    if d.applicable and item["filed_on"] > d.due:
        what = item.get("description") or "evidence"
        return [C(f"{what} filed {item['filed_on'].isoformat()}, after the filing deadline ({d.due.isoformat()}): "
                  "the judge may exclude it.", *LATE_EVIDENCE_CITES, severity="warning", deadline=d)]
    return []


def late(d, on, what, *cites, severity="adverse") -> list[Consequence]:
    """A consequence when a filing on ``on`` comes after deadline ``d`` (none when it is on time)."""
    if d is not None and d.applicable and d.due and on > d.due:
        return [C(f"{what} filed {on.isoformat()}, after the deadline {d.due.isoformat()}.", *cites,
                  severity=severity, deadline=d)]
    return []
