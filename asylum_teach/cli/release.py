"""``asylum-teach release``: build the student bundle (no solutions; refuses on any leak)."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("release", help="build the student bundle: notebooks and exercises, without solutions",
                       description="Copy notebooks/ and exercises/ (outputs cleared) into a new OUT_DIR and "
                                   "refuse if any solution text, answer key or gradebook would leak.")
    p.add_argument("out", help="new folder for the bundle")
    p.add_argument("--course", default=".", help="course folder holding exercises/ and solutions/ (default: .)")
    p.set_defaults(handler=_release)


def _release(args) -> int:
    from asylum_teach.grading.release import build_release

    files = build_release(Path(args.course), Path(args.out))
    print(f"released {len(files)} files to {args.out}")
    return 0
