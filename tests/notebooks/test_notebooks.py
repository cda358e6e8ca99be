"""Every course notebook runs top to bottom under papermill, with figures and widgets and no errors.

The notebooks are independent, so they carry no ``xdist_group``: under ``-n 2 --dist loadgroup`` they
spread over both workers. They run through :func:`asylum_teach.publish.execute.execute`, the same path
``make course`` uses, and each result is rendered to HTML as the course would render it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from asylum_teach.publish.course import notebook_paths, render_html, summarize
from asylum_teach.publish.execute import execute

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = notebook_paths(ROOT / "notebooks")
REQUIRED = ["00_start_here", "01_pathway_choice", "02_deadlines", "03_hearing_stages", "04_appeals",
            "05_capstone_case_file"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_the_course_has_every_required_notebook():
    assert set(REQUIRED) <= {p.stem for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_is_clean_and_introduces_itself(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs not cleared"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "as_of" in tagged[0].source and "student_id" in tagged[0].source
    info = summarize(nb)
    assert info["title"] and info["who"] and info["time"], f"{path.name}: opening cell needs who and time"
    first = nb.cells[0].source
    assert "What you will be able to do" in first
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "date.today()" not in code and "datetime.now(" not in code
    assert "notice()" in code, f"{path.name}: show the not-legal-advice notice"


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_headless(path, tmp_path):
    nb = execute(path, tmp_path / path.name)
    outputs = _outputs(nb)
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}" if errors else ""
    data = [o.get("data", {}) for o in outputs]
    html = [d.get("text/html", "") for d in data]
    assert any('<img alt="' in h or 'role="img"' in h for h in html), f"{path.name}: no figure with alt text"
    assert not any("image/png" in d for d in data), f"{path.name}: a figure without alt text"
    if path.stem != "00_start_here" and path.stem != "06_outcomes_data":
        assert any(WIDGET_VIEW in d for d in data), f"{path.name}: no widget"
    text = json.dumps([d.get("text/html", "") for d in data])
    assert "Not legal advice" in text
    page = render_html(nb, tmp_path / f"{path.stem}.html").read_text(encoding="utf-8")
    assert re.search(r"<img alt=\"[^\"]+\" src=\"data:image/png;base64", page) or 'role="img"' in page
