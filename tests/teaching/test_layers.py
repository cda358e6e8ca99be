"""The layer order of DESIGN.md for the parts issue 14 moved: figures live in teaching/, build tools in
publish/ (beside the CLI), and nothing below reaches up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "asylum_teach"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


@pytest.mark.parametrize("layer, forbidden", [
    ("teaching", ("asylum_teach.grading", "asylum_teach.publish", "asylum_teach.cli", "asylum_teach.hub")),
    ("reasoning", ("asylum_teach.teaching", "asylum_teach.grading", "asylum_teach.publish", "asylum_teach.cli",
                   "matplotlib")),
    ("publish", ("asylum_teach.cli", "asylum_teach.grading")),
])
def test_no_layer_imports_one_above_it(layer, forbidden):
    bad = [(p.name, m) for p in (PACKAGE / layer).rglob("*.py") for m in _imports(p)
           if any(m == f or m.startswith(f + ".") for f in forbidden)]
    assert not bad, bad


def test_the_timeline_figure_and_the_course_build_have_moved():
    assert not (PACKAGE / "reasoning" / "timeline_plot.py").exists()
    assert not (PACKAGE / "teaching" / "course.py").exists()
    assert (PACKAGE / "teaching" / "timeline_plot.py").is_file() and (PACKAGE / "publish" / "course.py").is_file()
