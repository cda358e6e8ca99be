"""Write every exercise notebook (``exercises/``) and its solution (``solutions/``) from one source.

Instructor-only: this file and ``solutions/sources/`` hold solution code and never go into a student
bundle (``asylum-teach release`` refuses if any of it leaks). Prompts and answer types come from the
exercise specs in ``asylum_teach.grading.exercises``, so a notebook and its grader cannot drift apart.

    .venv/bin/python solutions/build_notebooks.py        # rewrite all ten notebooks, outputs cleared
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat

from asylum_teach.grading.spec import ANSWER_TAG, PARAMETERS_TAG, WRITTEN_TAG, answer_cell_id, get_spec

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "sources"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_solution_{name}", SOURCES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _md(text: str, tags=()):
    cell = nbformat.v4.new_markdown_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _code(text: str, tags=()):
    cell = nbformat.v4.new_code_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _choices(q) -> str:
    """The choices of a choice question, each with its label where it has one (what the student may type)."""
    if q.kind != "choice" or not q.choices:
        return ""
    labels = dict(q.labels)
    if len(q.choices) > 8:  # a long list (rule ids): one a line, with what each is
        return "\n\nChoose one:\n" + "\n".join(f"- `{c}`" + (f": {labels[c]}" if c in labels else "")
                                              for c in q.choices) + "\n\n"
    return " Choose from: " + ", ".join(f"`{c}`" + (f" ({labels[c]})" if c in labels else "")
                                        for c in q.choices) + "."


def _folded(text: str):
    """A code cell JupyterLab shows folded (its first line, a comment, says what it does)."""
    cell = _code(text)
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def build(name: str, solution: bool):
    src = _load(name)
    spec = get_spec(src.EXERCISE)
    cells = [_md(src.INTRO + """

**How this exercise works.** Your id in the `parameters` cell below picks your own hypothetical case.
Answer each question by assigning the named variable in its answer cell (keep the cell and its tag).
Put text and dates in quotes: `situation_rule = "bia-appeal"`, `appeal_due = "August 10, 2026"`
(a date in numbers is read month/day/year, as US courts write it). Capitals, spaces, hyphens and
underscores in a choice do not matter. If Python cannot read an answer, the cell says why in one
sentence and the cells after it still run. Every answer can be computed with `asylum_teach`, as the
notebooks show. Run the self-check cell at the end: it says right or not yet and where to look in the
law, never the answer. Your grade comes from the instructor's grader, which re-runs your answer cells.
"""),
             _code(f'student_id = "demo"\nas_of = "{spec.default_as_of}"', tags=[PARAMETERS_TAG]),
             _folded(f'''
# Answer cells that Python cannot read say why in words, and the cells after them still run.
from asylum_teach.grading.answer_cells import forgive_answers

forgive_answers("{spec.exercise_id}")
'''),
             _code(src.SETUP)]
    for number, q in enumerate(spec.questions, 1):
        cells.append(_md(f"**Q{number} ({q.points} point{'s' if q.points != 1 else ''}).** {q.prompt}{_choices(q)}  \n"
                         f"Assign `{q.key}`: {q.type_hint}."))
        body = src.SOLUTIONS[q.key] if solution else f"{q.key} = ...  # your answer"
        cells.append(_code(body, tags=[ANSWER_TAG + q.key]))
    for w in spec.written:
        rubric = "\n".join(f"- {r}" for r in w.rubric)
        cells.append(_md(f"**Written ({w.points} points, graded by your instructor).** {w.prompt}\n\n"
                         f"Rubric:\n{rubric}"))
        text = src.WRITTEN[w.key] if solution else "_Write your answer here._"
        cells.append(_md(text, tags=[WRITTEN_TAG + w.key]))
    cells.append(_md("### Self-check\nRun this cell after answering. It never shows the answers."))
    cells.append(_code(f'from asylum_teach.grading.selfcheck import check\n\ncheck("{spec.exercise_id}", '
                       "globals(), student_id, as_of)", tags=["selfcheck"]))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["asylum_teach"] = {"exercise": spec.exercise_id, **({"solution": True} if solution else {})}
    for i, cell in enumerate(nb.cells):  # stable ids so rebuilding gives identical files
        cell.id = f"{spec.exercise_id[:12]}-{i:02d}"
        for tag in cell.metadata.get("tags", []):
            if tag.startswith((ANSWER_TAG, WRITTEN_TAG)):
                cell.id = answer_cell_id(tag)  # a cell whose tag is lost is still found by this id
    return nb


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in SOURCES.glob("*.py") if not p.stem.startswith("_"))
    for name in names:
        src = _load(name)
        for solution, folder in ((False, "exercises"), (True, "solutions")):
            path = ROOT / folder / f"{src.NOTEBOOK}.ipynb"
            nbformat.write(build(name, solution), str(path))
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
