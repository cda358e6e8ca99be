"""``asylum-teach course build``: the course as static pages that work offline (see :mod:`asylum_teach.publish.course`).

Prints one line per notebook and where the index is; what the kernels say goes to ``OUT/course-build.log``.
Exits non-zero if any notebook failed (the index names it).
"""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("course", help="build the course as static pages (works offline)",
                       description="Course tools. 'course build' executes every notebook and writes the offline "
                                   "course. A teaching model, not legal advice.")
    course_sub = p.add_subparsers(dest="course_command", metavar="ACTION", parser_class=type(p))
    b = course_sub.add_parser("build", help="execute the notebooks and write the offline course",
                              description="Execute every notebook (NN_name.ipynb) and write OUT/index.html, one page "
                                          "per notebook and exercise, and OUT/static/ (the widget manager, so widgets "
                                          "work with no network).")
    b.add_argument("--source", default="notebooks", help="folder with the course notebooks (default: notebooks)")
    b.add_argument("--exercises", default="exercises", help="folder with the exercise notebooks (default: exercises)")
    b.add_argument("--out", default="build", help="output folder (default: build)")
    b.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default: 2)")
    b.add_argument("--only", nargs="*", help="build only notebooks whose file name contains one of these")
    b.add_argument("--timeout", type=float, default=None, help="seconds a cell may run before the build fails (default: 60)")
    b.set_defaults(handler=_build)
    p.set_defaults(handler=lambda _args: (p.print_help(), 2)[1])


def _build(args) -> int:
    from asylum_teach.exceptions import InvalidInputError
    from asylum_teach.publish.course import LOG_NAME, build, notebook_paths
    from asylum_teach.publish.execute import CELL_TIMEOUT

    if not Path(args.source).is_dir():
        raise InvalidInputError(f"--source: {args.source!r} is not a folder")
    if not notebook_paths(args.source):
        raise InvalidInputError(f"--source: no course notebooks (NN_name.ipynb) in {args.source}")
    if args.jobs < 1:
        raise InvalidInputError("--jobs must be at least 1")
    if args.timeout is not None and args.timeout <= 0:
        raise InvalidInputError("--timeout must be a positive number of seconds")
    built = build(args.source, args.out, exercises=args.exercises, jobs=args.jobs, only=args.only,
                  timeout=args.timeout or CELL_TIMEOUT)
    for item in built:
        state = "ok" if not item.error else f"FAILED {item.error.splitlines()[0][:200]}"
        print(f"{item.name:30s} {item.seconds:6.1f}s  {state}")
    out = Path(args.out)
    print(f"index: {out / 'index.html'}   (kernel messages: {out / LOG_NAME})")
    if not built:
        print("asylum-teach: error: no notebook matched --only", file=sys.stderr)
        return 1
    return 1 if any(b.error for b in built) else 0
