"""Read a submission without trusting it, and rebuild the notebook that will actually be run.

The graded notebook is the exercise *master* (from ``exercises/``) with only the student's answer
cells spliced in: everything else the student changed (setup cells, the parameters cell, metadata,
self-check cells) is ignored. An answer cell is found by its tag (``answer:<key>``, ``written:<key>``)
or, when a student's edit lost the tag, by the master's id for that cell. A missing, duplicated or
non-code answer cell is not an error: the question scores 0 and a note names the cell. These notes are
worded here, once, so the self-check, ``asylum-teach check`` and the grader say the same thing. After
each answer cell an *emit* cell reports that answer (see :mod:`extraction`), and the student id is
injected after the ``parameters`` cell the way papermill does it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.extraction import emit_source, preamble_source
from asylum_teach.grading.spec import ANSWER_TAG, PARAMETERS_TAG, WRITTEN_TAG, ExerciseSpec, answer_cell_id
from asylum_teach.safetext import clean

MAX_SUBMISSION_BYTES = 20 * 1024**2
MAX_ANSWER_SOURCE = 100_000
INJECTED_TAG = "injected-parameters"


@dataclass
class Submission:
    """A student's notebook as read: its answer sources, written answers, and what was wrong with it.

    ``problems`` (by question key) score that question 0; ``notices`` are graded-but-flagged remarks
    (a cell found by its id after losing its tag); ``invalid`` says why nothing could be read."""

    answers: dict = field(default_factory=dict)  # key -> source text (only for well-formed cells)
    written: dict = field(default_factory=dict)  # key -> markdown text
    problems: dict = field(default_factory=dict)  # key -> note (missing, duplicated, wrong cell type)
    notices: list = field(default_factory=list)
    invalid: str | None = None  # the whole file could not be read
    student_id: object = None  # what the notebook's own parameters cell says


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


def parse_notebook(content: bytes) -> tuple[dict | None, str | None]:
    """``(notebook as JSON, None)`` or ``(None, why it is not a readable notebook)``; never raises."""
    if len(content) > MAX_SUBMISSION_BYTES:
        return None, "the notebook file is too large to grade"
    try:
        raw = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "the notebook file is not valid JSON (it may be truncated or corrupted)"
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        return None, "the notebook file has no list of cells"
    return raw, None


def answer_cell_ids(master) -> dict[str, str]:
    """``{tag: cell id}`` of the master's answer and written cells (to find a cell whose tag was lost)."""
    out = {}
    for cell in master.cells:
        for tag in _tags(cell):
            if tag.startswith((ANSWER_TAG, WRITTEN_TAG)) and cell.get("id"):
                out[tag] = cell["id"]
    return out


def own_master(nb, spec: ExerciseSpec):
    """A student's own notebook made fit to rebuild from, for a check without the course's master: each
    answer cell tagged exactly once (a lost tag restored on the cell with that answer's id, copies of a
    tagged cell dropped). The notes about these cells come from :func:`read_submission`, as for the grader."""
    nb = copy.deepcopy(nb)
    tags = [ANSWER_TAG + k for k in spec.keys] + [WRITTEN_TAG + w.key for w in spec.written]
    cells = []
    for tag in tags:
        tagged = [c for c in nb.cells if tag in _tags(c)]
        if not tagged:
            tagged = [c for c in nb.cells if c.get("id") == answer_cell_id(tag)
                      and not any(t.startswith((ANSWER_TAG, WRITTEN_TAG)) for t in _tags(c))]
            for cell in tagged:
                cell.metadata.setdefault("tags", []).append(tag)
        keep = next((c for c in tagged if c.get("id") == answer_cell_id(tag)), tagged[0] if tagged else None)
        cells += [c for c in tagged if c is not keep]
    nb.cells = [c for c in nb.cells if not any(c is d for d in cells)]
    return nb


def read_submission(content: bytes, spec: ExerciseSpec, master) -> Submission:
    """Read a submission's bytes defensively. Never raises for a bad file: the result says what was wrong.

    All text in the result is storable (lone surrogates escaped)."""
    sub = Submission()
    raw, sub.invalid = parse_notebook(content)
    if raw is None:
        return sub
    cells = [c for c in raw["cells"] if isinstance(c, dict)]
    ids = answer_cell_ids(master)
    tagged: dict[str, list] = {}
    for cell in cells:
        for tag in _tags(cell):
            if tag.startswith((ANSWER_TAG, WRITTEN_TAG)):
                tagged.setdefault(tag, []).append(cell)
    untagged = {c.get("id"): c for c in cells
                if isinstance(c.get("id"), str) and not any(t.startswith((ANSWER_TAG, WRITTEN_TAG)) for t in _tags(c))}
    for prefix, keys, kind, into in ((ANSWER_TAG, spec.keys, "code", sub.answers),
                                     (WRITTEN_TAG, [w.key for w in spec.written], "markdown", sub.written)):
        for key in keys:
            tag = prefix + key
            found = tagged.get(tag, [])
            cell_id = next((i for i in (ids.get(tag), answer_cell_id(tag)) if i in untagged), None)
            if not found and cell_id is not None:
                found = [untagged[cell_id]]
                sub.notices.append(f"the cell for `{key}` lost its tag `{tag}`; it was found by its cell id "
                                   f"and graded: put the tag back")
            _take(found, key, tag, ids.get(tag), kind, into, sub.problems)
    sub.student_id = clean(parameter_value(raw, "student_id"))
    return sub


def _take(cells, key, tag, cell_id, cell_type, into, problems):
    if not cells:
        where = f" and its cell id `{cell_id}`" if cell_id else ""
        problems[key] = (f"the cell for `{key}` lost its tag `{tag}`{where} (or was deleted); "
                         "the grader will not see it: scored 0")
    elif len(cells) > 1:
        problems[key] = (f"the tag `{tag}` is on {len(cells)} cells (a copied or re-tagged cell?); the grader "
                         "cannot tell which is the answer: scored 0")
    elif cells[0].get("cell_type") != cell_type:
        problems[key] = f"the cell for `{key}` is no longer a {cell_type} cell: scored 0"
    elif len(_source(cells[0])) > MAX_ANSWER_SOURCE:
        problems[key] = f"the cell for `{key}` holds more than {MAX_ANSWER_SOURCE} characters; it was not run: scored 0"
    else:
        into[key] = clean(_source(cells[0]))


def rebuild(master, submission: Submission, spec: ExerciseSpec, student_id: str, nonce: str,
            parameters: dict | None = None):
    """The notebook to run: master cells, the student's answer sources, emit cells, and the student id
    injected in a cell after the ``parameters`` cell (tagged ``injected-parameters``, as papermill does)."""
    nb = copy.deepcopy(master)
    if not any(PARAMETERS_TAG in _tags(c) for c in nb.cells):
        raise GradingError("the exercise notebook has no cell tagged 'parameters'")
    params = {"student_id": student_id, **(parameters or {})}
    injected = nbformat.v4.new_code_cell("# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items()))
    injected.metadata["tags"] = [INJECTED_TAG]
    keys = set(spec.keys)
    cells = [_cell(preamble_source(nonce), role="preamble")]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        tags = _tags(cell)
        tag = next((t for t in tags if t.startswith(ANSWER_TAG)), None)
        key = tag[len(ANSWER_TAG):] if tag else None
        if key in keys:
            source = submission.answers.get(key)
            # a broken answer cell runs as nothing, so the question reads as unanswered
            cell.source = source if source is not None else "pass"
            cells.append(cell)
            cells.append(_cell(emit_source(nonce, key), role="emit", key=key))
        elif "selfcheck" in tags or INJECTED_TAG in tags:
            continue  # the self-check is a convenience for students; the grade never depends on it
        else:
            cells.append(cell)
            if PARAMETERS_TAG in tags:
                cells.append(injected)
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

    for cell in (nb.get("cells", []) if isinstance(nb, dict) else []):
        if isinstance(cell, dict) and PARAMETERS_TAG in _tags(cell) and cell.get("cell_type") == "code":
            try:
                tree = ast.parse(_source(cell))
            except (SyntaxError, ValueError, RecursionError):
                return None
            for node in tree.body:
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                        for t in node.targets):
                    try:
                        return ast.literal_eval(node.value)
                    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
                        return None
    return None
