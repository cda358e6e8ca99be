"""``asylum-teach client``: make or show a HYPOTHETICAL client. Never enter real client data.

- ``client new --seed S [--as-of DATE] [--scenario NAME] [--difficulty LEVEL] [--country NAME] [--json]``
- ``client personas`` lists the curated teaching personas; ``client show ID [--json]`` prints one.

Without ``--as-of`` the date is the toolkit's fixed research date (never "today"), so the same seed
always gives the same client.

>>> from asylum_teach.cli import main
>>> main(["client", "new", "--seed", "7", "--as-of", "2026-01-15", "--scenario", "uac", "--json"])  # doctest: +ELLIPSIS
{
  "notice": "HYPOTHETICAL CLIENTS ONLY: never enter real client data; ...",
  "client_id": "gen-7-2026-01-15",
...
0
"""

from __future__ import annotations

import asylum_teach
from asylum_teach.cli._common import date_arg, print_json
from asylum_teach.model.client import HYPOTHETICAL_NOTICE
from asylum_teach.model.generator import generate_client
from asylum_teach.model.personas import load_persona, persona_ids
from asylum_teach.model.scenarios import DIFFICULTIES, SCENARIOS


def register(subparsers) -> None:
    p = subparsers.add_parser("client", help="make or show a hypothetical client (never real data)",
                              description=f"Hypothetical clients for teaching. {HYPOTHETICAL_NOTICE}")
    sub = p.add_subparsers(dest="client_command", metavar="ACTION", parser_class=type(p))
    new = sub.add_parser("new", help="generate a reproducible hypothetical client from a seed")
    new.add_argument("--seed", required=True, help="any text or number, e.g. a student id")
    new.add_argument("--as-of", type=date_arg("--as-of"), default=None,
                     help=f"date the client is described as of (default: {asylum_teach.RULES_REFLECT_DATE})")
    new.add_argument("--scenario", choices=sorted(SCENARIOS), help="steer toward one teaching scenario")
    new.add_argument("--difficulty", choices=DIFFICULTIES, help="how much is left for the judge (default: medium)")
    new.add_argument("--country", help="a country from the curated list")
    new.add_argument("--json", action="store_true", help="print the client as JSON (a facts file for screen/timeline)")
    new.set_defaults(handler=run_new)
    lst = sub.add_parser("personas", help="list the curated teaching personas")
    lst.set_defaults(handler=run_personas)
    show = sub.add_parser("show", help="print one curated persona")
    show.add_argument("persona", help="persona id (see 'client personas')")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_show)
    p.set_defaults(handler=lambda args: p.print_help() or 2)


def run_new(args) -> int:
    client = generate_client(args.seed, args.as_of or asylum_teach.RULES_REFLECT_DATE, scenario=args.scenario,
                             difficulty=args.difficulty, country=args.country)
    _print(client, args.json)
    return 0


def run_personas(args) -> int:
    for pid in persona_ids():
        print(f"{pid:38} {load_persona(pid).title}")
    return 0


def run_show(args) -> int:
    _print(load_persona(args.persona), args.json)
    return 0


def _print(client, as_json: bool) -> None:
    if as_json:
        print_json(client.to_dict())
        return
    print(f"*** {HYPOTHETICAL_NOTICE} ***")
    print(f"{client.name} [{client.client_id}], born {client.born_on.isoformat()}, as of {client.as_of.isoformat()}")
    if client.title:
        print(client.title)
    if client.teaching_note:
        print(f"Teaching note: {' '.join(client.teaching_note.split())}")
    print()
    print(client.narrative)
    print()
    print("Facts:")
    for name, value in client.facts.to_dict().items():
        if name == "family_members":
            for m in value:
                print(f"  family_members: {m['relationship']} {m['given_name']}, born {m['born_on']}, "
                      f"derivative: {'yes' if m['can_be_derivative'] else 'no'}")
        else:
            print(f"  {name}: {value}")
