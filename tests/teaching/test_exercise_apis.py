"""Every API an exercise needs is first shown, worked, in a course notebook (issue 14, item 2).

The solution sources (``solutions/sources/*.py``) are the instructor's worked answers to every exercise
question, each a few lines of Python. Each function, method, attribute and dictionary key they use must
appear in a code cell of some notebook in ``notebooks/``, so a student who follows only the notebooks
has seen every move an exercise needs. Names read from the exercise's own ``case`` object (printed by
the exercise's first cell) and Python built-ins are left out.
"""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "solutions" / "sources").glob("*.py"))
EXERCISE_LOCAL = {"case"}  # the exercise's own scenario object; its fields are printed by case.show()


def _snippets(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("SETUP", "SOLUTIONS") for t in node.targets):
            value = ast.literal_eval(node.value)
            out += [value] if isinstance(value, str) else list(value.values())
    return out


def _root(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.value if not isinstance(node, ast.Call) else node.func
    return getattr(node, "id", None)


def used_names(code: str) -> set[str]:
    """Functions called, attributes read and string keys subscripted in a snippet of solution code."""
    names, local = set(), set(EXERCISE_LOCAL)
    tree = ast.parse(code)
    for node in ast.walk(tree):  # the exercise's own helpers (its scenario maker) are not course APIs
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("asylum_teach.grading.exercises"):
            local |= {a.asname or a.name for a in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _root(node) not in local:
            names.add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in local:
            names.add(node.func.id)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            if _root(node) not in local:
                names.add(f"[{node.slice.value!r}]")
        elif isinstance(node, ast.ImportFrom) and not (node.module or "").startswith("asylum_teach.grading"):
            names |= {a.name for a in node.names}
    return {n for n in names if n not in dir(builtins) and not n.startswith("_")}


def notebook_code() -> str:
    code = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code += [c.source for c in nb.cells if c.cell_type == "code"]
    return "\n".join(code)


def shown(name: str, code: str) -> bool:
    if name.startswith("["):
        key = name[2:-2]
        return f'["{key}"]' in code or f"['{key}']" in code
    return re.search(rf"(?<![\w]){re.escape(name)}\b", code) is not None


def test_the_solution_sources_are_read():
    assert len(SOURCES) >= 5
    names = set().union(*(used_names(s) for p in SOURCES for s in _snippets(p)))
    assert {"deadline_for", "closure", "version_on", "load_conventions", "citations"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_every_api_an_exercise_needs_is_worked_in_a_notebook(path):
    code = notebook_code()
    needed = set().union(*(used_names(s) for s in _snippets(path)))
    missing = sorted(n for n in needed if not shown(n, code))
    assert not missing, f"{path.stem}: shown in no notebook: {', '.join(missing)}"


# The lesson each exercise follows, where its moves are worked on the lesson's own example (the lab
# asks for the merits on a case file: notebook 07 shows every one of them on its worked example).
LESSON = {"credibility": "07_the_merits"}


@pytest.mark.parametrize("name", sorted(LESSON))
def test_every_api_an_exercise_needs_is_worked_in_its_own_lesson(name):
    nb = nbformat.read(ROOT / "notebooks" / f"{LESSON[name]}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    needed = set().union(*(used_names(s) for s in _snippets(ROOT / "solutions" / "sources" / f"{name}.py")))
    assert {"credibility_lab_record", "group_support", "corroboration_plan", "['psg-distinction']"} <= needed
    missing = sorted(n for n in needed if not shown(n, code))
    assert not missing, f"{name}: not worked in notebook {LESSON[name]}: {', '.join(missing)}"
