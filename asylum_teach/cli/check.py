"""``asylum-teach check``: a student's self-check of a whole exercise notebook from the shell."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("check", help="run an exercise notebook and say which answers are right (never the answers)",
                       description="Execute the notebook papermill-style (student id injected after the "
                                   "parameters cell) in a separate process and print a per-question report.")
    p.add_argument("notebook", help="your exercise notebook")
    p.add_argument("--student-id", help="your id (default: the one in the notebook's parameters cell)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds for the whole notebook (default 120)")
    p.set_defaults(handler=_check)


def check_notebook(path: Path, student_id: str | None = None, timeout: float = 120.0):
    """Run ``path`` and score it; returns (student id, results, notes)."""
    from asylum_teach.exceptions import GradingError
    from asylum_teach.grading.batch import grade_one
    from asylum_teach.grading.rebuild import exercise_id_of, parameter_value, read_master
    from asylum_teach.grading.runner import Limits
    from asylum_teach.grading.spec import get_spec

    nb = read_master(path)
    spec = get_spec(exercise_id_of(nb))
    sid = student_id or parameter_value(nb, "student_id")
    if not isinstance(sid, str) or not sid.strip():
        raise GradingError("no student id: pass --student-id or set student_id in the parameters cell")
    limits = Limits(cell_timeout=max(timeout / 4, 1.0), notebook_timeout=timeout)
    status, results, notes, _, _ = grade_one(spec, nb, sid, path, limits)
    return sid, spec, status, results, notes


def _check(args) -> int:
    from asylum_teach.grading.sandbox import describe
    from asylum_teach.grading.selfcheck import report_lines

    print(describe(), file=sys.stderr)
    sid, spec, status, results, notes = check_notebook(Path(args.notebook), args.student_id, args.timeout)
    print(f"Check of {args.notebook}: {spec.title}, student {sid} (run status: {status})")
    for note in notes:
        print(f"  note: {note}")
    print("\n".join(report_lines(results)))
    return 0
