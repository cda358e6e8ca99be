"""The student bundle: course notebooks and exercises, never solutions or answer keys, checked for leaks.

:func:`build_release` copies ``notebooks/`` and ``exercises/`` of a course folder into a new folder
(outputs cleared) and then refuses, deleting what it built, if the bundle contains any of:

* a notebook marked as a solution (``metadata.asylum_teach.solution``), anything under a ``solutions``
  or ``keys`` folder, a gradebook or a grades file;
* a **solution answer**: a statement of a solution's answer cell that assigns that question's answer
  variable, compared as code in the bundle's code (re-formatting does not hide it) and without spaces
  in its prose (markdown cells, text files);
* a sentence of a **written model answer** (eight words or more, compared word for word, without case,
  punctuation or spacing);
* **instructor code**: a function of an answer key or a solution source (compared as code), or a copy of
  any instructor-side file.

Lines that a lesson and a solution merely share (``print(render_appeal_aid(aid))``) are not answers and
are not flagged. A reviewed false positive is let through only by ``allow`` (``FILE:LINE``, as the
refusal names it), and every allowance is reported back so the release log shows it; an allowance that
matches nothing is an error, so none outlives its reason.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.spec import ANSWER_TAG, WRITTEN_TAG
from asylum_teach.safetext import terminal

BUNDLED = ("notebooks", "exercises")
INSTRUCTOR = "solutions"
FORBIDDEN_NAMES = {"grades.csv", "canvas.csv", "gradebook.sqlite"}
FORBIDDEN_SUFFIXES = {".sqlite", ".sqlite-wal", ".sqlite-shm", ".db"}
FORBIDDEN_FOLDERS = {"solutions", "keys"}
MIN_SENTENCE_WORDS = 8
TEXT_SUFFIXES = {".ipynb", ".py", ".md", ".txt", ".csv", ".json", ".yaml", ".yml", ".html", ".rst"}


@dataclass(frozen=True)
class Leak:
    """One finding: where (``file:line`` in the bundle) and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class Secrets:
    """What must not ship, gathered from the course's instructor side."""

    answers: dict  # normalised answer statement -> "solution NAME, question KEY"
    sentences: dict  # normalised sentence -> "model answer in NAME"
    functions: dict  # normalised function source -> "instructor code FILE"
    files: dict  # file bytes -> instructor file


def _cells(path: Path) -> list[dict]:
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def _text(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _tags(cell) -> list[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _statements(source: str) -> list[tuple[ast.stmt, str]]:
    """``(statement, normalised code)`` for each statement of ``source`` (nested ones included); none
    when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return []
    return [(node, ast.unparse(node)) for node in ast.walk(tree) if isinstance(node, ast.stmt)]


def _assigns(node: ast.stmt, name: str) -> bool:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    else:
        return False
    return any(isinstance(t, ast.Name) and t.id == name for t in targets)


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [_norm(s) for s in re.split(r"(?<=[.;:!?])\s+", flat) if len(s.split()) >= MIN_SENTENCE_WORDS]


def _norm(text: str) -> str:
    """The words of ``text``, lower-cased, one space apart: punctuation, case and spacing do not hide a copy."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def secrets(course: Path) -> Secrets:
    """Everything of the course's instructor side that must not ship."""
    answers: dict = {}
    sentences: dict = {}
    functions: dict = {}
    files: dict = {}
    instructor = course / INSTRUCTOR
    for sol in sorted(instructor.glob("*.ipynb")):
        for cell in _cells(sol):
            for tag in _tags(cell):
                if tag.startswith(ANSWER_TAG):
                    key = tag[len(ANSWER_TAG):]
                    for node, code in _statements(_text(cell)):
                        if _assigns(node, key):
                            answers.setdefault(code, f"the answer to {key} in solutions/{sol.name}")
                elif tag.startswith(WRITTEN_TAG):
                    for sentence in _sentences(_text(cell)):
                        sentences.setdefault(sentence, f"the model answer {tag[len(WRITTEN_TAG):]} in "
                                                       f"solutions/{sol.name}")
    for path in sorted(p for p in instructor.rglob("*") if p.is_file()) if instructor.is_dir() else []:
        try:
            files.setdefault(path.read_bytes(), f"a copy of {path.relative_to(course)}")
        except OSError:
            continue
        if path.suffix == ".py":
            for node, code in _statements(path.read_text(encoding="utf-8", errors="replace")):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    functions.setdefault(code, f"the function {node.name} of {path.relative_to(course)}")
    return Secrets(answers, sentences, functions, files)


def _code_blocks(path: Path, text: str) -> list[tuple[int, str]]:
    """``(first line in the file, code)`` for each piece of code in a bundle file."""
    if path.suffix == ".py":
        return [(1, text)]
    if path.suffix != ".ipynb":
        return []
    lines = text.splitlines()
    out = []
    for cell in _cells(path):
        if cell.get("cell_type") == "code":
            code = _text(cell)
            out.append((_line_of(lines, code.split("\n", 1)[0]), code))
    return out


def _line_of(lines: list[str], fragment: str) -> int:
    """The 1-based line of ``lines`` (a file as written) holding ``fragment`` (JSON-escaped in a notebook)."""
    for probe in (json.dumps(fragment)[1:-1], fragment):
        if probe.strip():
            for n, line in enumerate(lines, 1):
                if probe.strip() in line:
                    return n
    return 1


def leaks(bundle: Path, course: Path) -> list[Leak]:
    """Every leak in ``bundle`` (empty when it is clean)."""
    found: list[Leak] = []
    hidden = secrets(course)
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        rel = path.relative_to(bundle).as_posix()
        if FORBIDDEN_FOLDERS & set(path.relative_to(bundle).parts[:-1]) or path.name in FORBIDDEN_NAMES \
                or path.suffix in FORBIDDEN_SUFFIXES:
            found.append(Leak(f"{rel}:1", "solutions, answer keys, grades or a gradebook must not be released"))
            continue
        raw = path.read_bytes()
        if raw in hidden.files:
            found.append(Leak(f"{rel}:1", hidden.files[raw]))
            continue
        if path.suffix not in TEXT_SUFFIXES:
            continue
        text = raw.decode("utf-8", errors="replace")
        if path.suffix == ".ipynb":
            try:
                meta = json.loads(text).get("metadata", {}).get("asylum_teach", {})
            except (ValueError, AttributeError):
                meta = {}
            if isinstance(meta, dict) and meta.get("solution"):
                found.append(Leak(f"{rel}:1", "is a solution notebook"))
                continue
        lines = text.splitlines()
        for start, code in _code_blocks(path, text):
            for node, normal in _statements(code):
                what = hidden.answers.get(normal) or hidden.functions.get(normal)
                if what:
                    first = code.splitlines()[node.lineno - 1] if node.lineno <= len(code.splitlines()) else ""
                    found.append(Leak(f"{rel}:{_line_of(lines, first) if first else start}", what))
        prose = text if path.suffix != ".ipynb" else " ".join(
            _text(c) for c in _cells(path) if c.get("cell_type") != "code")
        bare = re.sub(r"\s+", "", prose)
        for answer, what in hidden.answers.items():  # an answer pasted into prose or a string
            if re.sub(r"\s+", "", answer) in bare:
                found.append(Leak(f"{rel}:{_line_of(lines, answer.split('=')[0].strip() + ' =')}", what))
        flat = _norm(text if path.suffix != ".ipynb" else " ".join(_text(c) for c in _cells(path)))
        for sentence, what in hidden.sentences.items():
            if f" {sentence} " in f" {flat} ":
                words = sentence.split()
                found.append(Leak(f"{rel}:{_line_of(lines, ' '.join(words[:3]))}", what))
    return list(dict.fromkeys(found))


def _clear_outputs(path: Path) -> None:
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, str(path))


def build_release(course: Path, out_dir: Path, allow: Sequence[str] = ()) -> tuple[list[Path], list[Leak]]:
    """Build the bundle in ``out_dir`` (which must not exist yet); raise GradingError on any leak not in
    ``allow``. Returns the files released and the leaks let through by ``allow``."""
    course, out_dir = Path(course).resolve(), Path(out_dir).resolve()
    if not (course / "exercises").is_dir():
        raise GradingError(f"{terminal(str(course))} is not a course folder (no exercises/ in it)")
    if out_dir.exists():
        raise GradingError(f"{terminal(str(out_dir))} already exists; give a new folder for the release")
    if course / INSTRUCTOR in (out_dir, *out_dir.parents):
        raise GradingError("the release folder may not be inside solutions/")
    for item in allow:
        if not re.fullmatch(r".+:\d+", item):
            raise GradingError(f"--allow {terminal(item)!r} must look like FILE:LINE, as a refusal names it")
    staging = Path(tempfile.mkdtemp(prefix=".release-", dir=out_dir.parent if out_dir.parent.is_dir() else None))
    try:
        for folder in BUNDLED:
            src = course / folder
            if not src.is_dir():
                continue
            shutil.copytree(src, staging / folder, symlinks=True, ignore=shutil.ignore_patterns(
                ".ipynb_checkpoints", "__pycache__", "*.pyc", ".*"))
        for path in staging.rglob("*"):
            if path.is_symlink():
                raise GradingError(f"release refused: {path.relative_to(staging)} is a symbolic link (it could "
                                   "bring in anything, solutions included); the release holds only files")
        for nb in staging.rglob("*.ipynb"):
            try:
                _clear_outputs(nb)
            except Exception:
                raise GradingError(f"cannot read {nb.relative_to(staging)} while clearing outputs") from None
        found = leaks(staging, course)
        allowed = [leak for leak in found if leak.where in allow]
        stale = sorted(set(allow) - {leak.where for leak in found})
        if stale:
            raise GradingError(f"release refused: --allow {', '.join(stale)} matches no finding (remove it)")
        problems = [leak for leak in found if leak.where not in allow]
        if problems:
            raise GradingError("release refused: " + "; ".join(str(p) for p in problems[:5])
                               + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
                               + " (after review, --allow FILE:LINE lets one through)")
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(p for p in out_dir.rglob("*") if p.is_file()), allowed
