"""The committed exercise and solution notebooks: cleared outputs, a parameters cell, one tagged cell per
question, and a solution that matches its exercise outside the answer cells (fast, no kernel)."""

from __future__ import annotations

import json

import pytest

from asylum_teach.grading.spec import get_spec
from tests.grading.submissions import ROOT

NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebook_is_clean_and_matches_its_spec(path):
    nb = json.loads(path.read_text())
    spec = get_spec(nb["metadata"]["asylum_teach"]["exercise"])
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, "outputs must be cleared"
    params = [c for c in nb["cells"] if "parameters" in _tags(c)]
    assert len(params) == 1 and "student_id" in "".join(params[0]["source"])
    for q in spec.questions:
        assert sum(f"answer:{q.key}" in _tags(c) for c in nb["cells"]) == 1, q.key
    for w in spec.written:
        assert sum(f"written:{w.key}" in _tags(c) for c in nb["cells"]) == 1, w.key
    assert sum("selfcheck" in _tags(c) for c in nb["cells"]) == 1


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.stem)
def test_solution_differs_from_exercise_only_in_answer_cells(path):
    ex = json.loads(path.read_text())
    sol = json.loads((ROOT / "solutions" / path.name).read_text())
    assert len(ex["cells"]) == len(sol["cells"])
    for a, b in zip(ex["cells"], sol["cells"]):
        if not any(t.startswith(("answer:", "written:")) for t in _tags(a)):
            assert a["source"] == b["source"]
        else:
            assert a["source"] != b["source"]
    assert ex["metadata"]["asylum_teach"] == {"exercise": sol["metadata"]["asylum_teach"]["exercise"]}
