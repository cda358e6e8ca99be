"""``asylum-teach screen FACTS_FILE [--as-of DATE] [--json]``: pathway and relief screening.

The facts file is JSON or YAML: a client (``client new --json``, a persona) or a bare mapping of
glossary facts. The as-of date is ``--as-of``, else the file's ``as_of``. A malformed file gets one
line naming the field and a non-zero exit.

>>> import tempfile, os
>>> from asylum_teach.cli import main
>>> path = os.path.join(tempfile.mkdtemp(), "f.yaml")
>>> _ = open(path, "w").write("last_arrival_on: 2025-01-02\\npersecutor_of_others: yes\\nprotected_grounds: [race]\\n")
>>> main(["screen", path, "--as-of", "2026-03-02", "--json"])  # doctest: +ELLIPSIS
{
  "pathway": "affirmative",
  "relief": {
    "asylum": {
      "available": false,
      "bars": [
        "one-year-bar",
        "persecutor-bar"
      ],
...
0
"""

from __future__ import annotations

from asylum_teach.cli._common import date_arg, print_json
from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.case_file import read_case_file
from asylum_teach.model.client import HYPOTHETICAL_NOTICE
from asylum_teach.reasoning.screening import screen


def register(subparsers) -> None:
    p = case_parser(subparsers, "screen", "pathway and asylum/withholding/CAT screening for a facts file",
                    "Screen a hypothetical client's facts: pathway, and for asylum, withholding and CAT the bars, "
                    "standard of proof and cited reasons.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run)


def case_parser(subparsers, name: str, help: str, description: str):
    """A sub-command reading FACTS_FILE [--as-of DATE], with the hypothetical-only notice in its help."""
    p = subparsers.add_parser(name, help=help, description=f"{description} {HYPOTHETICAL_NOTICE}")
    p.add_argument("facts_file", metavar="FACTS_FILE", help="JSON or YAML facts or client file")
    p.add_argument("--as-of", type=date_arg("--as-of"), default=None, help="date to look from (default: the file's as_of)")
    return p


def load_case(path, as_of):
    """Read the file and settle the as-of date: the option, else the file's, else an error naming it."""
    case = read_case_file(path)
    as_of = as_of or case.as_of
    if as_of is None:
        raise InvalidInputError(f"{path}: as_of: the file has no as_of; pass --as-of YYYY-MM-DD")
    return case, as_of


def run(args) -> int:
    case, as_of = load_case(args.facts_file, args.as_of)
    result = screen(case.facts, as_of)
    if args.json:
        print_json(result.to_dict())
    else:
        print(result.explain())
    return 0
