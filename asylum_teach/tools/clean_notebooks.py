"""Notebooks are committed with outputs cleared: check them, or clear them.

    python -m asylum_teach.tools.clean_notebooks --check notebooks/*.ipynb   # exit 1 and name each dirty file
    python -m asylum_teach.tools.clean_notebooks notebooks/*.ipynb           # clear outputs in place

With no file names it takes every notebook under notebooks/, exercises/ and solutions/.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", outputs=[], execution_count=3)])
>>> dirty(nb), dirty(clear(nb))
(True, False)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

FOLDERS = ("notebooks", "exercises", "solutions")


def dirty(nb) -> bool:
    return any(c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None) for c in nb.cells)


def clear(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asylum_teach.tools.clean_notebooks",
                                     description="Check or clear the outputs of committed notebooks.")
    parser.add_argument("--check", action="store_true", help="only report notebooks with outputs; exit 1 if any")
    parser.add_argument("paths", nargs="*", help="notebooks (default: every one under notebooks/, exercises/, solutions/)")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.paths] or sorted(p for f in FOLDERS for p in Path(f).rglob("*.ipynb")
                                                   if ".ipynb_checkpoints" not in p.parts)
    found = []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except (OSError, ValueError) as exc:
            print(f"{path}: cannot read this notebook ({exc})", file=sys.stderr)
            return 2
        if dirty(nb):
            found.append(path)
            if not args.check:
                nbformat.write(clear(nb), path)
    for path in found:
        print(f"{path}: {'has outputs' if args.check else 'outputs cleared'}")
    return 1 if args.check and found else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
