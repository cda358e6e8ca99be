"""``asylum-teach timeline FACTS_FILE [--as-of DATE] [--json | --plot FILE.png [--since DATE] | --ics FILE.ics]``.

Prints the events and every engine deadline, and what is due next; ``--json`` prints plain data;
``--plot`` writes a PNG figure (no display needed); ``--ics`` writes the deadlines still to meet, with
their safe dates, citations and the teaching-model notice, as a calendar file a supervisor can import
(:mod:`asylum_teach.teaching.calendar_file`).

>>> import tempfile, os
>>> from asylum_teach.cli import main
>>> path = os.path.join(tempfile.mkdtemp(), "f.json")
>>> _ = open(path, "w").write('{"as_of": "2026-03-02", "ij_decision_on": "2026-02-24", "nta_filed_on": "2025-01-06"}')
>>> main(["timeline", path])  # doctest: +ELLIPSIS
As of 2026-03-02, next: Notice of appeal to the Board of Immigration Appeals (Form EOIR-26), due Thursday 2026-03-26 ...
0
"""

from __future__ import annotations

from pathlib import Path

from asylum_teach.cli._common import date_arg, print_json
from asylum_teach.cli.screen import case_parser, load_case
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.reasoning.timeline import build_timeline
from asylum_teach.teaching.timeline_plot import plot_timeline


def register(subparsers) -> None:
    p = case_parser(subparsers, "timeline", "events and deadlines of a case, and what is due next",
                    "Build a hypothetical case's timeline: events from the facts and every deadline from the "
                    "engine, with safe dates and citations.")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--plot", metavar="FILE.png", help="write the timeline figure to a PNG file")
    out.add_argument("--ics", metavar="FILE.ics", help="write the pending deadlines (safe and due dates, citations) "
                                                       "to an iCalendar file")
    p.add_argument("--since", type=date_arg("--since"), default=None, help="with --plot: leave out items before this date")
    p.set_defaults(handler=run)


def run(args) -> int:
    case, as_of = load_case(args.facts_file, args.as_of)
    timeline = build_timeline(case.facts, as_of)
    if args.json:
        print_json(timeline.to_dict())
        return 0
    if args.ics:
        return _write_ics(args.ics, timeline, case)
    if args.plot:
        path = Path(args.plot)
        if path.suffix.lower() != ".png":
            raise InvalidInputError(f"--plot: {args.plot!r} must end in .png")
        try:
            plot_timeline(timeline, since=args.since).savefig(path, dpi=120)
        except OSError as exc:
            raise InvalidInputError(f"--plot: cannot write {args.plot} ({exc.strerror})") from None
        print(f"wrote {path}")
        return 0
    print(timeline.what_is_due_next())
    for i in timeline.items:
        when = i.on.isoformat() if i.on else "n/a       "
        safe = f" (safe date {i.safe_date.isoformat()})" if i.safe_date and i.safe_date != i.on else ""
        extra = f": {i.deadline.reason}" if i.status == "not-applicable" else ""
        print(f"  {when}  {i.status:<14} {i.label}{safe}{extra}")
    return 0


def _write_ics(target: str, timeline, case) -> int:
    from asylum_teach.teaching.calendar_file import count_events, timeline_calendar

    path = Path(target)
    if path.suffix.lower() != ".ics":
        raise InvalidInputError(f"--ics: {target!r} must end in .ics")
    client = f"{case.client.name} (hypothetical)" if case.client is not None else "hypothetical client"
    cal = timeline_calendar(timeline, client=client)
    try:
        path.write_bytes(cal.to_ical())
    except OSError as exc:
        raise InvalidInputError(f"--ics: cannot write {target} ({exc.strerror})") from None
    n = count_events(cal)
    print(f"wrote {path}: {n} calendar event{'' if n == 1 else 's'} for the deadlines still to meet "
          f"(teaching model, not legal advice)")
    return 0
