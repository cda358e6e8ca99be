"""Helpers for the capstone: the same client's file as it stood on an earlier day, and the client's case file.

A generated client is described as of one date. To walk the case forward, the capstone asks what the
file held on each earlier day: events dated after that day had not happened yet, so they are left out
(scheduled hearings stay, as the court had already set them), together with any fact that depends on a
left-out event. The result is checked by the same validation as any client.

>>> from asylum_teach.model.generator import generate_client
>>> client = generate_client("demo", "2026-11-23")
>>> arrival = client.facts["last_arrival_on"]
>>> known = facts_known_on(client, arrival)
>>> "last_arrival_on" in known, "nta_served_on" in known
(True, False)

The capstone client's documents (I-589 answers, declaration, interview notes, an invented country
excerpt, evidence) come from the same generator as the credibility lab's (notebook 07, exercise 06):

>>> case_file_for(client).client is client
True
"""

from __future__ import annotations

from asylum_teach.glossary import FACTS, parse_date
from asylum_teach.model.facts import Facts, as_facts
from asylum_teach.model.validation import NEEDS, SCHEDULED_FACTS, check_facts


def facts_known_on(client_or_facts, day) -> Facts:
    """The facts as they stood on ``day``: later past-events (and facts that need them) removed."""
    day = parse_date(day, name="day")
    facts = dict(as_facts(client_or_facts))
    for name, value in list(facts.items()):
        if FACTS[name].kind == "date" and name not in SCHEDULED_FACTS and value > day:
            del facts[name]
    for name, needed in NEEDS:
        if name in facts and needed not in facts:
            del facts[name]
    known = as_facts(facts)
    check_facts(known, day)
    return known


def case_file_for(client, seed=None):
    """The case file of ``client``, written by the credibility lab's generator (reproducible from the seed)."""
    from asylum_teach.model.case_record import case_record

    return case_record(client, seed if seed is not None else client.seed or client.client_id)


def next_deadline_check(timeline, *, key: str = "next-deadline", progress=None):
    """Predict, from a client's own timeline, which deadline comes next; each answer says why or why not."""
    from html import escape

    from asylum_teach.teaching.checks import choose
    from asylum_teach.teaching.labels import written

    pending = [i for i in timeline.due_next() if i.is_deadline]
    nxt = pending[0] if pending else None
    options = []
    for item in timeline.deadlines:
        if item is nxt:
            safe = f" (safe date {written(item.safe_date)})" if item.safe_date and item.safe_date != item.on else ""
            options.append((item.label, True, escape(f"It is due {written(item.on)}{safe}, before anything else "
                                                     "still open in this file.")))
        elif item.status in ("upcoming", "open") and item.on:
            options.append((item.label, False, escape(f"That one is still ahead, but later: due {written(item.on)}. "
                                                      "Which comes sooner?")))
        elif item.status == "not-applicable":
            why = item.deadline.reason if item.deadline else ""
            options.append((item.label, False, escape(f"That one does not apply on these facts. {why}")))
        elif item.on:
            options.append((item.label, False, escape(f"That one is behind us: it was due {written(item.on)} "
                                                      f"({item.status}).")))
    options = sorted(options, key=lambda o: o[0])[:5]
    if nxt is None:
        options.append(("No deadline is pending", True, "Right: everything in this file is met, passed or not "
                        "applicable as of this date."))
    elif not any(ok for _t, ok, _f in options):
        options.append((nxt.label, True, escape(f"It is due {written(nxt.on)}.")))
    else:
        options.append(("No deadline is pending", False, "Look again at the timeline: one deadline is still open."))
    return choose(f"As of {written(timeline.as_of)}, which deadline comes next in this client's file?", options,
                  key=key, progress=progress)

