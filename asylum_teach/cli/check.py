"""``asylum-teach check``: a student's self-check of a whole exercise notebook from the shell."""

from __future__ import annotations

import sys
from pathlib import Path

from asylum_teach.cli._common import positive_seconds


def register(sub) -> None:
    p = sub.add_parser("check", help="run an exercise notebook and say which answers are right (never the answers)",
                       description="Check the saved notebook the way the grader will: find the answer cells by "
                                   "tag or cell id, re-run them in a fresh kernel (student id injected after the "
                                   "parameters cell), and print a per-question report.")
    p.add_argument("notebook", help="your exercise notebook")
    p.add_argument("--student-id", help="your id (default: the one in the notebook's parameters cell)")
    p.add_argument("--timeout", type=positive_seconds, default=120.0,
                   help="seconds for the whole notebook (default 120)")
    p.add_argument("--master", help="an untouched copy of the exercise to rebuild from (default: your notebook)")
    p.add_argument("--keys", help="(instructors) the answer keys' folder: decide every question, as the grader does")
    p.set_defaults(handler=_check)


def _check(args) -> int:
    from asylum_teach.grading.runner import Limits
    from asylum_teach.grading.sandbox import describe
    from asylum_teach.grading.selfcheck import check_file, print_report

    print(describe(), file=sys.stderr)
    limits = Limits(cell_timeout=args.timeout / 4, notebook_timeout=args.timeout)
    key = None
    if args.keys:
        from asylum_teach.grading.keys import find_key
        from asylum_teach.grading.rebuild import exercise_id_of, read_master
        from asylum_teach.grading.spec import get_spec

        key = find_key(get_spec(exercise_id_of(read_master(Path(args.notebook)))), keys_dir=Path(args.keys))
    checked = check_file(Path(args.notebook), args.student_id, limits=limits, key=key,
                         master=Path(args.master) if args.master else None)
    print_report(checked, args.notebook)
    return 0
