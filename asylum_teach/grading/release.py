"""The student bundle: course notebooks and exercises, never solutions, checked for leaks.

:func:`build_release` copies ``notebooks/`` and ``exercises/`` of a course folder into a new folder
(outputs cleared) and then refuses, deleting what it built, if the bundle contains any of:

* a notebook marked as a solution (``metadata.asylum_teach.solution``);
* a line of solution text: any non-trivial line of a solution notebook's answer or written cells that
  the exercise master does not itself contain;
* an answer key or grade file (``*.sqlite``, ``grades.csv``, ``canvas.csv``, anything under a
  ``solutions`` folder).

Expected answers are never stored anywhere, so there is no key file to leak; the check still looks.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.spec import ANSWER_TAG, WRITTEN_TAG

BUNDLED = ("notebooks", "exercises")
FORBIDDEN_NAMES = {"grades.csv", "canvas.csv"}
FORBIDDEN_SUFFIXES = {".sqlite", ".sqlite-wal", ".sqlite-shm", ".db"}
MIN_LINE = 12


def _cells(path: Path) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return []


def _text(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _significant(text: str) -> set[str]:
    out = set()
    for line in text.splitlines():
        line = line.strip()
        if len(line) >= MIN_LINE and not line.startswith("#"):
            out.add(line)
    return out


def solution_lines(course: Path) -> dict[str, str]:
    """``{line: where}`` for every line of solution text not present in the matching exercise."""
    found: dict[str, str] = {}
    for sol in sorted((course / "solutions").glob("*.ipynb")):
        master = course / "exercises" / sol.name
        shared = set()
        for cell in _cells(master):
            shared |= _significant(_text(cell))
        for cell in _cells(sol):
            tags = cell.get("metadata", {}).get("tags", [])
            if any(isinstance(t, str) and t.startswith((ANSWER_TAG, WRITTEN_TAG)) for t in tags):
                for line in _significant(_text(cell)) - shared:
                    found.setdefault(line, sol.name)
    return found


def leaks(bundle: Path, course: Path) -> list[str]:
    """Reasons the bundle may not be released (empty when it is clean)."""
    problems = []
    secret = solution_lines(course)
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        rel = path.relative_to(bundle)
        if "solutions" in rel.parts or path.name in FORBIDDEN_NAMES or path.suffix in FORBIDDEN_SUFFIXES:
            problems.append(f"{rel}: solutions, grades or a gradebook must not be released")
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".ipynb":
            try:
                meta = json.loads(text).get("metadata", {}).get("asylum_teach", {})
            except (ValueError, AttributeError):
                meta = {}
            if isinstance(meta, dict) and meta.get("solution"):
                problems.append(f"{rel}: is a solution notebook")
                continue
        hits = [line for line in secret if line in text]
        if hits:
            problems.append(f"{rel}: contains solution text from {secret[hits[0]]} "
                            f"({len(hits)} line{'s' if len(hits) != 1 else ''})")
    return problems


def _clear_outputs(path: Path) -> None:
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, str(path))


def build_release(course: Path, out_dir: Path) -> list[Path]:
    """Build the bundle in ``out_dir`` (which must not exist yet); raise GradingError on any leak."""
    course, out_dir = Path(course).resolve(), Path(out_dir).resolve()
    if not (course / "exercises").is_dir():
        raise GradingError(f"{course} is not a course folder (no exercises/ in it)")
    if out_dir.exists():
        raise GradingError(f"{out_dir} already exists; give a new folder for the release")
    if course / "solutions" in (out_dir, *out_dir.parents):
        raise GradingError("the release folder may not be inside solutions/")
    staging = Path(tempfile.mkdtemp(prefix=".release-", dir=out_dir.parent if out_dir.parent.is_dir() else None))
    try:
        for folder in BUNDLED:
            src = course / folder
            if not src.is_dir():
                continue
            shutil.copytree(src, staging / folder, ignore=shutil.ignore_patterns(
                ".ipynb_checkpoints", "__pycache__", "*.pyc", ".*"))
        for nb in staging.rglob("*.ipynb"):
            try:
                _clear_outputs(nb)
            except Exception:
                raise GradingError(f"cannot read {nb.relative_to(staging)} while clearing outputs") from None
        problems = leaks(staging, course)
        if problems:
            raise GradingError("release refused: " + "; ".join(problems[:5])
                               + (f"; and {len(problems) - 5} more" if len(problems) > 5 else ""))
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(p for p in out_dir.rglob("*") if p.is_file())
