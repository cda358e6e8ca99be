"""``asylum-teach appeal-options``: every option after an immigration judge's decision, with deadlines.

>>> from asylum_teach.cli import main
>>> main(["appeal-options", "--decision-date", "2025-06-02", "--decision", "oral",
...       "--outcome", "removal_ordered", "--court", "Atlantis"])
2
"""

from __future__ import annotations

from asylum_teach.cli._common import date_arg, key_value, print_json


def register(subparsers) -> None:
    from asylum_teach.reasoning.appeals import OUTCOMES

    p = subparsers.add_parser("appeal-options", help="options after an IJ decision: BIA appeal, motions, VD, PFR",
                              description="List every option after an immigration judge's decision with its deadlines "
                                          "(from the deadline engine), the considerations to weigh and the circuit for "
                                          "a petition for review. A teaching model, not legal advice.")
    p.add_argument("--decision-date", type=date_arg("--decision-date"), required=True,
                   help="date of the oral decision, or of the written decision")
    p.add_argument("--decision", choices=("oral", "written"), required=True, help="oral or written decision")
    p.add_argument("--outcome", choices=OUTCOMES, required=True, help="what the judge decided")
    p.add_argument("--court", required=True, help="immigration court (name or city)")
    p.add_argument("--served-on", type=date_arg("--served-on"), help="written decisions: date mailed or served")
    p.add_argument("--voluntary-departure", choices=("pre_conclusion", "at_conclusion"),
                   help="voluntary departure granted with the decision")
    p.add_argument("--bia-decision-date", type=date_arg("--bia-decision-date"),
                   help="date of the BIA's decision, to see the petition-for-review deadline")
    p.add_argument("--video", metavar="IJ_COURT", help="the hearing was by video with the judge sitting at IJ_COURT")
    p.add_argument("--as-of", type=date_arg("--as-of"), help="as-of date for the rule versions (default: decision)")
    p.add_argument("--fact", action="append", type=key_value, default=[], metavar="NAME=VALUE",
                   help="a glossary fact, e.g. asylum_decided_on_merits=false (repeatable)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run)


def run(args) -> int:
    from asylum_teach.reasoning.appeals import appeal_options
    from asylum_teach.reasoning.render import render_appeal_aid

    aid = appeal_options(args.decision_date, args.decision, args.outcome, args.court, served_on=args.served_on,
                         as_of=args.as_of, facts=dict(args.fact), voluntary_departure=args.voluntary_departure,
                         bia_decision_date=args.bia_decision_date,
                         hearing_mode="video" if args.video else "in_person", ij_court=args.video)
    if args.json:
        print_json(aid.to_dict())
    else:
        print(render_appeal_aid(aid))
    return 0
