"""Read a submission without trusting it, and rebuild the notebook that will actually be run.

The graded notebook is the exercise *master* (from ``exercises/``) with only the student's answer
cells spliced in: everything else the student changed (setup cells, the parameters cell, metadata,
self-check cells) is ignored. Answer cells are matched by their tag (``answer:<key>``, ``written:<key>``).
A missing, duplicated or non-code answer cell is not an error: the question scores 0 and the note says
why. After each answer cell an *emit* cell reports that answer (see :mod:`extraction`), and the
student id is injected after the ``parameters`` cell the way papermill does it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.extraction import emit_source, preamble_source
from asylum_teach.grading.spec import ANSWER_TAG, PARAMETERS_TAG, WRITTEN_TAG, ExerciseSpec

MAX_SUBMISSION_BYTES = 20 * 1024**2
MAX_ANSWER_SOURCE = 20_000


@dataclass
class Submission:
    """A student's notebook as read from disk: its answer sources, written answers and problems."""

    answers: dict = field(default_factory=dict)  # key -> source text (only for well-formed cells)
    written: dict = field(default_factory=dict)  # key -> markdown text
    problems: dict = field(default_factory=dict)  # key -> note (missing, duplicated, wrong cell type)
    invalid: str | None = None  # the whole file could not be read


def exercise_id_of(master) -> str:
    """The exercise id recorded in a master notebook's metadata."""
    meta = master.metadata.get("asylum_teach", {})
    if not isinstance(meta, dict) or not meta.get("exercise"):
        raise GradingError("this notebook is not an asylum-teach exercise (no metadata.asylum_teach.exercise)")
    return str(meta["exercise"])


def read_master(path: Path):
    """Read an exercise master notebook (trusted, from the course tree)."""
    try:
        return nbformat.read(str(path), as_version=4)
    except FileNotFoundError:
        raise GradingError(f"notebook not found: {path}") from None
    except Exception as exc:
        raise GradingError(f"cannot read notebook {path}: {type(exc).__name__}") from None


def _tags(cell) -> list[str]:
    tags = cell.get("metadata", {}).get("tags", []) if isinstance(cell, dict) else []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _source(cell) -> str:
    src = cell.get("source", "")
    if isinstance(src, list):
        src = "".join(s for s in src if isinstance(s, str))
    return src if isinstance(src, str) else ""


def read_submission(path: Path, spec: ExerciseSpec) -> Submission:
    """Read ``path`` defensively. Never raises for a bad file: the result says what was wrong."""
    sub = Submission()
    try:
        if path.stat().st_size > MAX_SUBMISSION_BYTES:
            sub.invalid = "the notebook file is too large to grade"
            return sub
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        sub.invalid = "the notebook file is not valid JSON (it may be truncated or corrupted)"
        return sub
    cells = raw.get("cells") if isinstance(raw, dict) else None
    if not isinstance(cells, list):
        sub.invalid = "the notebook file has no list of cells"
        return sub
    found: dict[str, list] = {}
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        for tag in _tags(cell):
            if tag.startswith(ANSWER_TAG) or tag.startswith(WRITTEN_TAG):
                found.setdefault(tag, []).append(cell)
    for q in spec.questions:
        _take(found.get(ANSWER_TAG + q.key, []), q.key, "code", sub.answers, sub.problems)
    for w in spec.written:
        _take(found.get(WRITTEN_TAG + w.key, []), w.key, "markdown", sub.written, sub.problems)
    return sub


def _take(cells, key, cell_type, into, problems):
    if not cells:
        problems[key] = "answer cell missing (deleted, or its tag was changed): scored 0"
    elif len(cells) > 1:
        problems[key] = f"answer cell appears {len(cells)} times (duplicated or re-tagged): scored 0"
    elif cells[0].get("cell_type") != cell_type:
        problems[key] = f"answer cell is no longer a {cell_type} cell: scored 0"
    else:
        into[key] = _source(cells[0])[:MAX_ANSWER_SOURCE]


def rebuild(master, submission: Submission, spec: ExerciseSpec, student_id: str, nonce: str,
            parameters: dict | None = None):
    """The notebook to run: master cells, the student's answer sources, emit cells, injected id."""
    from papermill.parameterize import parameterize_notebook

    nb = copy.deepcopy(master)
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])  # papermill expects every cell to have a tag list
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.setdefault("papermill", {})
    params = {"student_id": student_id, **(parameters or {})}
    if not any(PARAMETERS_TAG in _tags(c) for c in nb.cells):
        raise GradingError("the exercise notebook has no cell tagged 'parameters'")
    nb = parameterize_notebook(nb, params, kernel_name="python3", language="python")
    keys = set(spec.keys)
    cells = [_cell(preamble_source(nonce), role="preamble")]
    for cell in nb.cells:
        tag = next((t for t in _tags(cell) if t.startswith(ANSWER_TAG)), None)
        key = tag[len(ANSWER_TAG):] if tag else None
        if key in keys:
            source = submission.answers.get(key)
            cell = copy.deepcopy(cell)
            # a broken answer cell runs as nothing, so the question reads as unanswered
            cell.source = source if source is not None else "pass"
            cells.append(cell)
            cells.append(_cell(emit_source(nonce, key), role="emit", key=key))
        elif "selfcheck" in _tags(cell):
            continue  # a convenience for students; the grade never depends on it
        else:
            cells.append(cell)
    nb.cells = cells
    return nb


def _cell(source: str, role: str, key: str | None = None):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["asylum_teach"] = {"role": role, **({"key": key} if key else {})}
    return cell


def locate_exercise(text: str, course_root: Path | None = None) -> Path:
    """An exercise master from a path, or from an exercise id looked up in ``COURSE/exercises/``."""
    path = Path(text)
    if path.suffix == ".ipynb" or path.exists():
        if not path.is_file():
            raise GradingError(f"exercise notebook not found: {path}")
        return path
    folder = (course_root or Path.cwd()) / "exercises"
    for candidate in sorted(folder.glob("*.ipynb")):
        try:
            meta = json.loads(candidate.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError):
            continue
        if isinstance(meta.get("asylum_teach"), dict) and meta["asylum_teach"].get("exercise") == text:
            return candidate
    raise GradingError(f"no exercise {text!r}: give a notebook path or an id found in {folder}")


def parameter_value(nb, name: str):
    """The literal value assigned to ``name`` in the notebook's ``parameters`` cell, or None."""
    import ast

    for cell in nb.cells:
        if PARAMETERS_TAG in _tags(cell) and cell.get("cell_type") == "code":
            try:
                tree = ast.parse(_source(cell))
            except SyntaxError:
                return None
            for node in tree.body:
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                        for t in node.targets):
                    try:
                        return ast.literal_eval(node.value)
                    except ValueError:
                        return None
    return None
