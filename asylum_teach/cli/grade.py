"""``asylum-teach grade``: grade a folder of submissions (sandboxed, resumable, parallel).

Exit status: 0 when every submission was graded, 1 when some could not be (a corrupt file, a link, an
unknown student, a grader failure: the summary names them, and every other grade is written), 2 for
bad arguments or when grading cannot start.
"""

from __future__ import annotations

import sys
from pathlib import Path

from asylum_teach.cli._common import positive_seconds

MAX_LISTED = 20


def register(sub) -> None:
    p = sub.add_parser("grade", help="grade every *.ipynb in a folder against an exercise",
                       description="Rebuild each submission from the exercise master, run it in a sandbox, "
                                   "score it in the grader, and write grades.csv, gradebook.sqlite, a class "
                                   "report (index.html) and per-student HTML feedback to OUT_DIR. Re-running "
                                   "resumes. Exits 1 when a submission could not be graded.")
    p.add_argument("exercise", help="exercise notebook (exercises/NN_name.ipynb) or exercise id (deadlines)")
    p.add_argument("submissions", help="folder of student notebooks; the file stem is the student id unless a "
                                       "roster says otherwise")
    p.add_argument("--out", required=True, help="output folder (gradebook, grades.csv, index.html, feedback/)")
    p.add_argument("--workers", type=int, default=None,
                   help="notebooks graded in parallel (default: one per CPU core this process may use, at most 8)")
    p.add_argument("--timeout", type=positive_seconds, default=120.0,
                   help="seconds per notebook, any positive number (default 120)")
    p.add_argument("--cell-timeout", type=positive_seconds, default=None,
                   help="seconds per cell, any positive number (default: a quarter of --timeout)")
    p.add_argument("--roster", help="who each file belongs to: a CSV with columns file,student_id, or a Canvas "
                                    "gradebook export (Canvas bulk-download file names are recognised)")
    p.add_argument("--id-column", help="with a Canvas roster: the column holding the student id that seeds each "
                                       "variant (default: SIS Login ID, else SIS User ID, else ID)")
    p.add_argument("--canvas", metavar="ROSTER", help="a Canvas gradebook export; writes OUT/canvas.csv for import "
                                                      "(a Canvas --roster does this too)")
    p.add_argument("--canvas-column", help="the exact header of the Canvas assignment column to fill (default: the "
                                           "one assignment column of the Canvas export that names this exercise)")
    p.add_argument("--keys", help="folder of the instructor's answer keys (default: solutions/keys of the course "
                                  "that holds the exercise)")
    p.add_argument("--student", help="regrade only this student (even if already graded)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--unsandboxed", action="store_true",
                   help="grade even without a sandbox (no bubblewrap, not root): student code then runs as you "
                        "and could rewrite the gradebook; only for submissions you trust")
    p.set_defaults(handler=_grade)


def _grade(args) -> int:
    from asylum_teach.exceptions import GradingError
    from asylum_teach.grading.batch import grade_class, require_isolation
    from asylum_teach.grading.rebuild import locate_exercise
    from asylum_teach.grading.roster import read_roster
    from asylum_teach.grading.runner import Limits
    from asylum_teach.grading.sandbox import describe
    from asylum_teach.safetext import terminal

    if args.workers is not None and args.workers < 1:  # before any output; grade_class checks it too
        raise GradingError("--workers must be at least 1")
    if args.canvas and not Path(args.canvas).is_file():
        raise GradingError(f"Canvas roster not found: {terminal(args.canvas)}")
    exercise = locate_exercise(args.exercise)
    roster = read_roster(Path(args.roster), args.id_column) if args.roster else None
    canvas = read_roster(Path(args.canvas), args.id_column) if args.canvas else None
    if canvas is not None and not canvas.is_canvas:
        raise GradingError(f"--canvas {terminal(args.canvas)} is not a Canvas gradebook export")
    cell_timeout = args.cell_timeout if args.cell_timeout is not None else args.timeout / 4
    limits = Limits(cell_timeout=cell_timeout, notebook_timeout=args.timeout)
    require_isolation(args.unsandboxed)  # before a word of output: refusing is then one clear line
    print(describe(limits.scratch), file=sys.stderr)
    report = grade_class(exercise, Path(args.submissions), Path(args.out), workers=args.workers, limits=limits,
                         keys_dir=Path(args.keys) if args.keys else None,
                         roster=roster, only=args.student, progress=not args.no_progress, canvas_roster=canvas,
                         canvas_column_name=args.canvas_column, unsandboxed=args.unsandboxed)
    out = Path(args.out)
    print(f"{report.summary()}; see {out / 'grades.csv'} and {out / 'index.html'}")
    if not report.graded and not report.up_to_date:
        print(f"warning: no submissions (*.ipynb files) in {terminal(args.submissions)}", file=sys.stderr)
    if report.skipped_files:
        print(f"skipped (not *.ipynb, or hidden): {_listing(report.skipped_files)}", file=sys.stderr)
    if report.not_graded:
        print(f"could not be graded (see their notes in grades.csv and feedback): {_listing(report.not_graded)}",
              file=sys.stderr)
    if report.not_in_canvas:
        print(f"warning: not in the Canvas roster, so not in canvas.csv: {_listing(report.not_in_canvas)}",
              file=sys.stderr)
    if report.canvas_pending:
        print(f"note: {report.canvas_pending} students have written answers still to mark; canvas.csv holds "
              "their points so far", file=sys.stderr)
    return 1 if report.failed else 0


def _listing(names: list[str]) -> str:
    from asylum_teach.safetext import terminal

    shown = ", ".join(terminal(n) for n in names[:MAX_LISTED])
    return shown + (f", and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else "")
