"""Every course notebook is written for a student and runs top to bottom headless, with no errors.

The static checks read the committed notebooks: outputs cleared, a ``parameters`` cell, a client's
situation at the start and its resolution at the end, checks between the sections and a progress line
that counts them, setup code folded away, one idea per cell, no tooling words.

The run checks read the course as ``asylum-teach course build`` executes it (:mod:`tests.course_build`,
built once): no errors, every figure with alt text, every result as HTML for people (no pandas index,
no NaN, no code names outside code), widgets present, the notice shown.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from asylum_teach.glossary import FACTS
from asylum_teach.law.policies import load_policies
from asylum_teach.publish.course import notebook_paths, summarize
from tests.course_build import built_course

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = notebook_paths(ROOT / "notebooks")
REQUIRED = ["00_start_here", "00b_python_for_this_course", "01_pathway_choice", "02_deadlines", "03_hearing_stages",
            "04_appeals", "05_capstone_case_file"]
WIDGET_NOTEBOOKS = {"01_pathway_choice", "02_deadlines", "03_hearing_stages", "04_appeals", "05_capstone_case_file"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CHECK_CALLS = re.compile(r"\b(?:choose|predict|pick_day|next_deadline_check)\(")
CODE_NAMES = sorted((n for n in set(FACTS) | set(load_policies()) if "_" in n), key=len, reverse=True)  # snake_case only


def _read(path):
    return nbformat.read(path, as_version=4)


def test_the_course_has_every_required_notebook():
    assert set(REQUIRED) <= {p.stem for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_is_clean_and_introduces_itself(path):
    nb = _read(path)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs not cleared"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "as_of" in tagged[0].source and "student_id" in tagged[0].source
    info = summarize(nb)
    assert info["title"] and info["who"] and info["time"], f"{path.name}: opening cell needs who and time"
    assert "What you will be able to do" in nb.cells[0].source
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "date.today()" not in code and "datetime.now(" not in code
    assert "notice()" in code, f"{path.name}: show the not-legal-advice notice"
    assert "papermill" not in "\n".join(c.source for c in nb.cells).lower(), f"{path.name}: tooling words"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_opens_with_a_client_and_closes_by_resolving_it(path):
    headings = [c.source.splitlines()[0] for c in _read(path).cells if c.cell_type == "markdown"]
    assert "## Your client" in headings[:3], f"{path.name}: open with the client's situation"
    assert "## Back to your client" in headings[-3:], f"{path.name}: close by resolving it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_checks_between_sections_and_a_progress_line_that_counts_them(path):
    nb = _read(path)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    checks = len(CHECK_CALLS.findall(code))
    assert checks >= 2, f"{path.name}: only {checks} checks"
    total = re.search(r"Progress\([^)]*total=(\d+)\)", code)
    assert total and int(total.group(1)) == checks, f"{path.name}: the progress line counts {total and total.group(1)}, not {checks}"
    # checks sit between sections, not all at the end: the first comes before the last third of the notebook
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and CHECK_CALLS.search(c.source))
    assert first < 2 * len(nb.cells) // 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_setup_code_is_folded_and_each_cell_teaches_one_idea(path):
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type == "code" and re.search(r"^\s*(?:from \S+ )?import ", cell.source, re.M):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"{path.name} cell {i}: imports shown"
        if cell.cell_type == "markdown":
            words = len(cell.source.split())
            assert words <= 300, f"{path.name} cell {i}: {words} words; split it"
            assert len(re.findall(r"^## ", cell.source, re.M)) <= 1, f"{path.name} cell {i}: two sections in one cell"


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _prose(html: str) -> str:
    """HTML with code, preformatted text, tags and attribute values removed: what a student reads."""
    html = re.sub(r"<(code|pre|script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.xdist_group("course")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_headless_and_speaks_to_people(path):
    course = built_course()
    built = course.built[path.stem]
    assert built.error is None, built.error
    nb = _read(course.out / "executed" / path.name)
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    data = [o.get("data", {}) for o in outputs]
    html = [d.get("text/html", "") for d in data]
    assert any('<img alt="' in h or 'role="img"' in h for h in html), f"{path.name}: no figure with alt text"
    assert not any("image/png" in d for d in data), f"{path.name}: a figure without alt text"
    if path.stem in WIDGET_NOTEBOOKS:
        assert any(WIDGET_VIEW in d for d in data), f"{path.name}: no widget"
    joined = "\n".join(html)
    assert "Not legal advice" in joined
    assert 'class="dataframe"' not in joined and not re.search(r">\s*(NaN|NaT)\s*<", joined)
    widget_html = "\n".join(str(s.get("state", {}).get("value", "")) for s in
                            nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
                            .get("state", {}).values())
    prose = _prose(joined + widget_html)
    leaked = [n for n in CODE_NAMES if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", prose)]
    assert not leaked, f"{path.name}: code names shown as prose: {leaked[:5]}"
    streams = [o for o in outputs if o.output_type == "stream"]
    assert all(len(o.text.splitlines()) <= 20 for o in streams), f"{path.name}: a long printout"
    page = (course.out / f"{path.stem}.html").read_text(encoding="utf-8")
    assert re.search(r"<img alt=\"[^\"]+\" src=\"data:image/png;base64", page) or 'role="img"' in page
