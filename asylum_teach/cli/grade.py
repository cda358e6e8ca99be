"""``asylum-teach grade``: grade a folder of submissions (sandboxed, resumable, parallel)."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("grade", help="grade every *.ipynb in a folder against an exercise",
                       description="Rebuild each submission from the exercise master, run it in a sandbox, "
                                   "score it in the grader, and write grades.csv, gradebook.sqlite and "
                                   "per-student HTML feedback to OUT_DIR. Re-running resumes.")
    p.add_argument("exercise", help="exercise notebook (exercises/NN_name.ipynb) or exercise id (deadlines)")
    p.add_argument("submissions", help="folder of student notebooks; the file stem is the student id")
    p.add_argument("--out", required=True, help="output folder (gradebook, grades.csv, feedback/)")
    p.add_argument("--workers", type=int, default=None,
                   help="notebooks graded in parallel (default: one per CPU core this process may use, at most 8)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per notebook (default 120)")
    p.add_argument("--cell-timeout", type=float, default=None, help="seconds per cell (default: timeout/4)")
    p.add_argument("--roster", help="CSV with columns file,student_id mapping file stems to student ids")
    p.add_argument("--canvas", metavar="ROSTER", help="a Canvas gradebook export; writes OUT/canvas.csv for import")
    p.add_argument("--student", help="regrade only this student (even if already graded)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--unsandboxed", action="store_true",
                   help="grade even without a sandbox (no bubblewrap, not root): student code then runs as you "
                        "and could rewrite the gradebook; only for submissions you trust")
    p.set_defaults(handler=_grade)


def _grade(args) -> int:
    from asylum_teach.exceptions import GradingError
    from asylum_teach.grading.batch import grade_class, read_roster, require_isolation
    from asylum_teach.grading.rebuild import locate_exercise
    from asylum_teach.grading.runner import Limits
    from asylum_teach.grading.sandbox import describe

    if args.timeout <= 0 or (args.cell_timeout is not None and args.cell_timeout <= 0):
        raise GradingError("timeouts must be positive numbers of seconds")
    if args.workers is not None and args.workers < 1:  # before any output; grade_class checks it too
        raise GradingError("--workers must be at least 1")
    if args.canvas and not Path(args.canvas).is_file():
        raise GradingError(f"Canvas roster not found: {args.canvas}")
    exercise = locate_exercise(args.exercise)
    roster = read_roster(Path(args.roster)) if args.roster else None
    limits = Limits(cell_timeout=args.cell_timeout or max(args.timeout / 4, 1.0), notebook_timeout=args.timeout)
    require_isolation(args.unsandboxed)  # before a word of output: refusing is then one clear line
    print(describe(), file=sys.stderr)
    report = grade_class(exercise, Path(args.submissions), Path(args.out), workers=args.workers, limits=limits,
                         roster=roster, only=args.student, progress=not args.no_progress,
                         canvas_roster=Path(args.canvas) if args.canvas else None, unsandboxed=args.unsandboxed)
    print(f"graded {len(report.graded)}, already up to date {len(report.skipped)}, failed {len(report.failed)}; "
          f"see {Path(args.out) / 'grades.csv'}")
    if report.not_in_canvas:
        print(f"warning: not in the Canvas roster, so not in canvas.csv: {', '.join(report.not_in_canvas)}",
              file=sys.stderr)
    return 1 if report.failed else 0
