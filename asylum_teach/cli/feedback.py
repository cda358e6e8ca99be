"""``asylum-teach feedback``: a student copies the feedback returned to them into ``clinic/feedback/``."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("feedback", help="copy the feedback returned to you on the clinic hub into clinic/feedback/",
                       description="Fetch every feedback page your instructors returned to you and write each one "
                                   "into clinic/feedback/ in your hub server (also done when your server starts). "
                                   "Run it in a terminal of your hub server; it never replaces a file of yours.")
    p.set_defaults(handler=_feedback)


def _feedback(args) -> int:
    import sys

    from asylum_teach.hub.client import fetch_mine

    result = fetch_mine()
    for line in result.lines():
        print(line, file=sys.stderr if line.startswith("warning:") else sys.stdout)
    return 1 if result.problems else 0
