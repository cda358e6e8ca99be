"""`make course` path: a notebook folder becomes executed HTML pages plus an index that links them."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from asylum_teach.teaching.course import build, main


def _notebook(path, title, fail=False):
    nb = new_notebook(cells=[
        new_markdown_cell(f"# {title}\n\n**Who this is for.** Testers.\n\n**Time.** One minute."),
        new_code_cell("as_of = '2026-11-23'", metadata={"tags": ["parameters"]}),
        new_code_cell("raise ValueError('boom')" if fail else "print(as_of)"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, path)


def test_build_renders_pages_and_an_index_and_reports_failures(tmp_path):
    src = tmp_path / "notebooks"
    src.mkdir()
    _notebook(src / "00_ok.ipynb", "00 · Fine")
    _notebook(src / "01_bad.ipynb", "01 · Broken", fail=True)
    (src / "scratch.ipynb").write_text("not a course notebook")  # ignored: not NN_name.ipynb
    out = tmp_path / "build"
    built = {b.name: b for b in build(src, out, jobs=2)}
    assert set(built) == {"00_ok", "01_bad"}
    assert built["00_ok"].error is None and (out / "00_ok.html").read_text().count("2026-11-23") >= 1
    assert "boom" in built["01_bad"].error
    index = (out / "index.html").read_text()
    assert 'href="00_ok.html"' in index and "Testers." in index and "failed" in index and "Not legal advice" in index
    assert main(["build", "--source", str(src), "--out", str(tmp_path / "b2"), "--only", "00"]) == 0
