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
from asylum_teach.law.rules import load_rules

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


def build(name: str, solution: bool):
    src = _load(name)
    spec = get_spec(src.EXERCISE)
    cells = [_md(src.INTRO + f"""

**How this exercise works.** Your id in the `parameters` cell below picks your own hypothetical case.
Answer each question by assigning the named variable in its answer cell (keep the cell and its tag;
the value's type must be exactly the one asked for). Use the library: every answer can be computed
with `asylum_teach`. Run the self-check cell at the end: it says right or wrong and where to look,
never the answer. Your grade comes from the instructor's grader, which re-runs your answer cells.
"""),
             _code(f'student_id = "demo"\nas_of = "{spec.default_as_of}"', tags=[PARAMETERS_TAG]),
             _code(src.SETUP)]
    for number, q in enumerate(spec.questions, 1):
        choices = ""
        if q.kind == "choice" and q.choices and not set(q.choices) <= set(load_rules()):
            choices = " Choose from: " + ", ".join(f"`{c}`" for c in q.choices) + "."
        elif q.kind == "choice":
            choices = " Use the engine's rule ids (`asylum_teach.load_rules()`)."
        cells.append(_md(f"**Q{number} ({q.points} point{'s' if q.points != 1 else ''}).** {q.prompt}{choices}  \n"
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
