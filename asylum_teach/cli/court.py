"""``asylum-teach court NAME``: a court's state, circuit and verification status.

>>> from asylum_teach.cli import main
>>> main(["court", "Annandale"])
Annandale Immigration Court (Annandale, VA)
  circuit for a petition for review: 4th (28 U.S.C. 41; 48 U.S.C. 1821(a) (Northern Mariana Islands) [P])
  verification: secondary - [S] name and place confirmed on the cited secondary page; check EOIR's roster before relying on it
  source: https://lgilawyers.com/?p=159633
0
"""

from __future__ import annotations

from asylum_teach.cli._common import print_json
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.courts import find_court, load_courts


def register(subparsers) -> None:
    p = subparsers.add_parser("court", help="look up an immigration court: state, circuit, verification status",
                              description="Look up an immigration court by name or city (forgiving: typos get the "
                                          "closest matches). Prints its state, federal circuit and how well the row "
                                          "is verified.")
    p.add_argument("name", nargs="?", help="court name or city, e.g. 'Annandale' or 'Varick'")
    p.add_argument("--list", action="store_true", help="list every court")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run)


def run(args) -> int:
    if args.list:
        courts = load_courts()
        if args.json:
            print_json([c.to_dict() for c in courts])
        else:
            for c in courts:
                print(f"{c.name:55} {c.state:3} {c.circuit:5} {c.status:20} {c.verification}")
        return 0
    if not args.name:
        raise InvalidInputError("court: give a court name or city, or --list")
    court = find_court(args.name)
    if args.json:
        print_json(court.to_dict())
    else:
        print(court.describe())
    return 0
