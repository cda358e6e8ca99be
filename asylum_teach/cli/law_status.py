"""``asylum-teach law-status``: the litigation register, as known on a date."""

from __future__ import annotations

from asylum_teach.cli._common import date_arg, print_json


def register(sub) -> None:
    p = sub.add_parser("law-status", help="which rules and bars a court has vacated, stayed or left standing",
                       description="Print the litigation register: every rule or bar whose force depends on a "
                                   "court, its dated events, what is in force and the open question. A teaching "
                                   "model, not legal advice.")
    p.add_argument("--as-of", type=date_arg("--as-of"), default=None,
                   help="show what was known on this date (default: the date the register was last checked)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=_law_status)


def _law_status(args) -> int:
    from asylum_teach.law.litigation import report

    result = report(args.as_of)
    if args.json:
        print_json(result.to_dict())
    else:
        print(result.explain())
    return 0
