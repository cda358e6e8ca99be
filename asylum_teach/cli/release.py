"""``asylum-teach release``: build the student bundle (no solutions, no keys; refuses on any leak)."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("release", help="build the student bundle: notebooks and exercises, without solutions",
                       description="Copy notebooks/ and exercises/ (outputs cleared) into a new OUT_DIR and "
                                   "refuse if a solution answer, a model answer, an answer key or a gradebook "
                                   "would ship.")
    p.add_argument("out", help="new folder for the bundle")
    p.add_argument("--course", default=".", help="course folder holding exercises/ and solutions/ (default: .)")
    p.add_argument("--allow", action="append", default=[], metavar="FILE:LINE",
                   help="let one finding through after you reviewed it (as the refusal names it); repeatable, "
                        "and each one used is printed")
    p.set_defaults(handler=_release)


def _release(args) -> int:
    from asylum_teach.grading.release import build_release
    from asylum_teach.safetext import terminal

    files, allowed = build_release(Path(args.course), Path(args.out), args.allow)
    for leak in allowed:
        print(terminal(f"allowed after review (--allow): {leak}"))
    print(f"released {len(files)} files to {terminal(args.out)}")
    return 0
