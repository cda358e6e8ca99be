"""`asylum-teach course build`: notebooks become executed pages that work offline, plus an index that
renders each notebook's opening and links every notebook and exercise; kernel chatter goes to a log."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from asylum_teach.cli import main
from asylum_teach.publish.course import build, notebook_paths

pytestmark = [pytest.mark.notebook, pytest.mark.slow]
OPENING = ("# {title}\n\n**Who this is for.** Testers who read *markdown*.\n\n"
           "**What you will be able to do.**\n1. Read a page.\n2. Follow a link.\n\n**Time.** One minute.")


def _notebook(path, title, code="print(as_of)"):
    nb = new_notebook(cells=[
        new_markdown_cell(OPENING.format(title=title)),
        new_code_cell("as_of = '2026-11-23'", metadata={"tags": ["parameters"]}),
        new_code_cell("import os", metadata={"jupyter": {"source_hidden": True}}),
        new_code_cell(code),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    src, ex = root / "notebooks", root / "exercises"
    src.mkdir()
    ex.mkdir()
    _notebook(src / "00_ok.ipynb", "00 · Fine")
    _notebook(src / "00b_primer.ipynb", "00b · Between")
    _notebook(src / "01_bad.ipynb", "01 · Broken", code="raise ValueError('boom')")
    (src / "scratch.ipynb").write_text("not a course notebook")  # ignored: not NN_name.ipynb
    _notebook(ex / "01_task.ipynb", "Exercise 1: a task")
    out = root / "build"
    return root, out, {b.name: b for b in build(src, out, exercises=ex, jobs=2)}


def test_pages_index_and_failures(course):
    _root, out, built = course
    assert set(built) == {"00_ok", "00b_primer", "01_bad"}
    assert built["00_ok"].error is None and (out / "00_ok.html").read_text().count("2026-11-23") >= 1
    assert "boom" in built["01_bad"].error
    index = (out / "index.html").read_text()
    assert 'href="00_ok.html"' in index and 'href="00b_primer.html"' in index and "failed" in index.lower()
    assert "Not legal advice" in index


def test_index_renders_markdown_and_links_every_exercise(course):
    _root, out, _built = course
    index = (out / "index.html").read_text()
    assert "<em>markdown</em>" in index and "**" not in index and "<li>Follow a link.</li>" in index
    assert 'href="exercises/01_task.html"' in index and 'href="exercises/01_task.ipynb"' in index
    assert (out / "exercises" / "01_task.html").is_file() and (out / "exercises" / "01_task.ipynb").is_file()


def test_pages_load_the_widget_manager_from_the_course_not_a_cdn(course):
    _root, out, _built = course
    page = (out / "00_ok.html").read_text()
    exercise = (out / "exercises" / "01_task.html").read_text()
    assert "static/require.js" in page and "../static/require.js" in exercise
    for text in (page, exercise):
        assert "cdnjs" not in text and "jsdelivr" not in text and "unpkg" not in text
    assert (out / "static" / "html-manager" / "embed-amd.js").stat().st_size > 1_000_000
    assert (out / "static" / "require.js").is_file()


def test_hidden_setup_code_is_folded(course):
    _root, out, _built = course
    page = (out / "00_ok.html").read_text()
    assert '<details class="at-code"><summary>Show the code</summary>' in page


def test_cli_prints_one_line_per_notebook_and_sends_kernel_messages_to_the_log(course, capfd):
    root, _out, _built = course
    out = root / "b2"
    code = main(["course", "build", "--source", str(root / "notebooks"), "--exercises", str(root / "exercises"),
                 "--out", str(out), "--only", "00_ok"])
    captured = capfd.readouterr()
    assert code == 0
    assert "00_ok" in captured.out and "index:" in captured.out
    assert "IPKernelApp" not in captured.err and "WARNING" not in captured.err
    assert "--- 00_ok.ipynb: kernel output" in (out / "course-build.log").read_text()


def test_cli_refuses_a_folder_without_notebooks(tmp_path, capsys):
    assert main(["course", "build", "--source", str(tmp_path)]) == 2
    assert "no course notebooks" in capsys.readouterr().err


def test_notebook_names_include_one_lettered_insert(tmp_path):
    for name in ("00_start.ipynb", "00b_python.ipynb", "01_next.ipynb", "x1_no.ipynb", "001_no.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in notebook_paths(tmp_path)] == ["00_start.ipynb", "00b_python.ipynb", "01_next.ipynb"]
