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

from asylum_teach.model.facts import Facts, as_facts
from asylum_teach.glossary import FACTS, parse_date
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
