"""``asylum-teach hub``: the instructor's side of the clinic hub (due dates, collect, return), and the demo."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("hub", help="clinic hub: set due dates, collect submissions, return feedback, run the demo",
                       description="Talk to the hub's submission service as an instructor (in a terminal on the "
                                   "hub, or elsewhere with --hub URL and ASYLUM_TEACH_HUB_TOKEN).")
    p.add_argument("--hub", help="the hub's address, e.g. https://clinic.example.edu (default: this hub)")
    cmds = p.add_subparsers(dest="hub_command", metavar="ACTION", parser_class=type(p))
    due = cmds.add_parser("due", help="set an exercise's due date (late submissions are flagged against it)")
    due.add_argument("exercise")
    due.add_argument("due_at", help="2026-12-01T17:00 (the hub's time zone) or with an offset; 'none' clears it")
    due.set_defaults(handler=_due)
    col = cmds.add_parser("collect", help="download each student's latest submission into a new folder",
                          description="Writes FOLDER/submissions/*.ipynb (named by a hash of the login), "
                                      "FOLDER/roster.csv and FOLDER/submissions.csv; then grade with "
                                      "asylum-teach grade EXERCISE FOLDER/submissions --out FOLDER/graded "
                                      "--roster FOLDER/roster.csv")
    col.add_argument("exercise")
    col.add_argument("folder", help="a new folder")
    col.set_defaults(handler=_collect)
    ret = cmds.add_parser("return", help="return the feedback pages in FOLDER/graded to each student")
    ret.add_argument("exercise")
    ret.add_argument("folder", help="the folder 'collect' made and 'grade' wrote into (FOLDER/graded)")
    ret.set_defaults(handler=_return)
    demo = cmds.add_parser("demo", help="start a demo hub on localhost (an instructor and three students)")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--state", default="build/hub-demo", help="scratch folder (default build/hub-demo)")
    demo.set_defaults(handler=_demo)
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])


def _due(args) -> int:
    from asylum_teach.hub.client import Client

    value = None if args.due_at.lower() in ("none", "") else args.due_at
    answer = Client(hub=args.hub).set_due(args.exercise, value)
    print(f"{answer['exercise']}: due {answer['due_at'] or 'never (no due date)'}")
    return 0


def _collect(args) -> int:
    from asylum_teach.hub.client import Client
    from asylum_teach.hub.collection import write_collection

    records = Client(hub=args.hub).collect(args.exercise)
    subs = write_collection(Path(args.folder), records)
    late = sum(1 for r in records if r["late"])
    print(f"collected {len(records)} submissions of {args.exercise} ({late} late) into {subs}")
    print(f"next: asylum-teach grade {args.exercise} {subs} --out {Path(args.folder) / 'graded'} "
          f"--roster {Path(args.folder) / 'roster.csv'}")
    return 0


def _return(args) -> int:
    import sys

    from asylum_teach.hub import HubError
    from asylum_teach.hub.client import Client
    from asylum_teach.hub.collection import GRADED, feedback_pages, read_roster

    client = Client(hub=args.hub)
    pages, problems = feedback_pages(Path(args.folder) / GRADED, read_roster(Path(args.folder)))
    returned = 0
    for user, page in sorted(pages.items()):
        try:
            client.return_page(args.exercise, user, page.read_bytes())
            returned += 1
        except HubError as exc:
            problems.append(f"{user}: {exc}")
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"returned {returned} feedback pages of {args.exercise}")
    return 1 if problems else 0


def _demo(args) -> int:
    from asylum_teach.hub.launch import demo

    return demo(Path(args.state), args.port)
