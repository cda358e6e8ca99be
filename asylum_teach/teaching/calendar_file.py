"""A case's deadlines as a calendar file (iCalendar, RFC 5545) a supervisor can import.

Each deadline still to meet becomes an all-day event on its **safe date** ("File by"), and, where the
due date differs, a second event on the due date ("Last day"). Every event says what the deadline is,
both dates, the other defensible readings, each citation with its link, and that this is a teaching
model about a hypothetical client. Nothing is computed here: the dates are the timeline's, which are
the engine's.

Deterministic: the same timeline gives the same file. ``DTSTAMP`` (required by RFC 5545) is the as-of
date, not the time the file was written, and each ``UID`` is derived from the client, the rule and the
date, so importing a newer export updates events instead of duplicating them. Text is escaped by the
``icalendar`` library, so a fact file cannot inject calendar lines.

>>> from asylum_teach.reasoning.timeline import build_timeline
>>> t = build_timeline({"ij_decision_on": "2026-02-24", "nta_filed_on": "2025-01-06"}, "2026-03-02")
>>> cal = timeline_calendar(t, client="Demo client")
>>> [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat()) for e in cal.walk("VEVENT")][:1]
[('File by: Notice of appeal to the Board of Immigration Appeals (Form EOIR-26) (Demo client)', '2026-03-26')]
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time

from asylum_teach.teaching.explain import plain
from asylum_teach.teaching.labels import choice_label, policy_label, written

DISCLAIMER = ("Teaching model, not legal advice: a hypothetical client. Check the cited source, the judge's "
              "orders and any court decision before relying on this date.")
PRODID = "-//asylum-teach//teaching model (not legal advice)//EN"
#: Deadline statuses exported: those still to meet on the as-of date (and dated on or after it).
PENDING = ("upcoming", "open")


def _cite(c) -> str:
    url = getattr(c, "url", None)
    cite = getattr(c, "cite", str(c))
    strength = getattr(c, "strength", None)
    tag = f" [{strength}]" if strength and strength != "P" else ""
    return f"- {cite}{tag}" + (f" <{url}>" if url else "")


def _reading(policy: str) -> str:
    name, _, value = policy.partition("=")
    return f"{policy_label(name)}: {choice_label(value).lower()}" if value else policy_label(name)


def _description(item, client: str) -> str:
    d = item.deadline
    if d.kind == "earliest":
        lines = [f"{d.title} ({client}).", f"Earliest day to file: {written(d.due)}."]
    else:
        lines = [f"{d.title} ({client}).", f"Due: {written(d.due)}.", f"Safe date (file by): {written(d.safe_date)}."]
    lines += [f"Other reading: {written(a.date)} if {_reading(a.policy)} ({plain(a.reason)})" for a in d.alternatives]
    lines += [f"Rule {d.rule_id}, version {d.version}; counted from {written(item.trigger)}.", "Where the law says so:"]
    lines += [_cite(c) for c in d.citations]
    lines.append(DISCLAIMER)
    return "\n".join(lines)


def _uid(client: str, rule: str, which: str, day) -> str:
    digest = hashlib.sha256(f"{client}|{rule}|{which}".encode()).hexdigest()[:16]
    return f"{digest}-{which}-{day.isoformat()}@asylum-teach"


def one_line(text: str) -> str:
    """A name for a calendar: control characters and line breaks become spaces, runs of spaces one."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())


def timeline_calendar(timeline, *, client: str = "hypothetical client"):
    """An ``icalendar.Calendar`` with the timeline's pending deadlines (safe date, and due date if later)."""
    from icalendar import Calendar, Event, vText

    client = one_line(client) or "hypothetical client"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(f"asylum-teach: {client}"))
    stamp = datetime.combine(timeline.as_of, time(0, 0), tzinfo=UTC)
    for item in timeline.deadlines:
        d = item.deadline
        if item.status not in PENDING or not d.applicable or d.due is None or d.due < timeline.as_of:
            continue
        marks = [("file-by", d.safe_date or d.due, "File by")]
        if d.safe_date and d.safe_date != d.due and d.kind != "earliest":
            marks.append(("last-day", d.due, "Last day"))
        if d.kind == "earliest":
            marks = [("earliest", d.due, "Earliest day")]
        for which, day, word in marks:
            event = Event()
            event.add("uid", _uid(client, d.rule_id, which, day))
            event.add("dtstamp", stamp)
            event.add("dtstart", day)  # a date: an all-day event
            event.add("summary", f"{word}: {item.label} ({client})")
            event.add("description", _description(item, client))
            event.add("categories", ["asylum-teach", "deadline", which])
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    return cal


def count_events(cal) -> int:
    return len(cal.walk("VEVENT"))
