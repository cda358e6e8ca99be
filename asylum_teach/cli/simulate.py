"""``asylum-teach simulate SCENARIO_FILE [--as-of DATE] [--json]``: run a scripted removal case.

SCENARIO_FILE is a YAML file of dated actions, or the name of a packaged scenario (``--list`` shows
them). The output lists each stage with what happened, the deadlines it starts (from the deadline
engine) and its consequences, each with citations.

>>> from asylum_teach.cli import main
>>> main(["simulate", "no_such_scenario"])
2
"""

from __future__ import annotations

from asylum_teach.cli._common import date_arg, print_json


def register(subparsers) -> None:
    p = subparsers.add_parser("simulate", help="run a scripted removal case: stages, deadlines, consequences",
                              description="Run a scenario file of dated actions through the removal-proceedings "
                                          "simulator. Prints each stage, the deadlines it starts and the consequences, "
                                          "with citations. A teaching model, not legal advice.")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO_FILE",
                   help="a scenario YAML file, or the name of a packaged scenario (see --list)")
    p.add_argument("--as-of", type=date_arg("--as-of"), default=None,
                   help="show the case as of this date (YYYY-MM-DD); later steps are not run")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--list", action="store_true", help="list the packaged scenarios")
    p.add_argument("--actions", action="store_true", help="list the actions a scenario file may use, with parameters")
    p.set_defaults(handler=run)


def run(args) -> int:
    from asylum_teach.exceptions import InvalidInputError
    from asylum_teach.reasoning.render import render_simulation
    from asylum_teach.reasoning.scenarios import list_scenarios, load_scenario, run_scenario

    if args.actions:
        from asylum_teach.reasoning.proceedings.catalogue import describe_actions
        print(describe_actions())
        return 0
    if args.list:
        for name in list_scenarios():
            print(f"{name:28} {load_scenario(name).title}")
        return 0
    if not args.scenario:
        raise InvalidInputError("simulate: give a SCENARIO_FILE (or --list to see the packaged scenarios)")
    result = run_scenario(args.scenario, as_of=args.as_of)
    if args.json:
        print_json(result.to_dict())
    else:
        print(render_simulation(result))
    return 0
