"""Per-student feedback as HTML, made with nbconvert from a notebook the grader writes itself.

What goes in: the total, each question's verdict and, for a wrong answer, where to look (a rule and
citation, already filtered by :func:`scoring.safe_hint`), the student's own answer code and written
text, and any notes about broken cells or limits. What never goes in: expected values, the exercise's
solution cells, outputs produced by the student's code. Everything that came from the student (code,
written text, and any text the kernel reported, such as a type name) is escaped: code sits in code
cells, which nbconvert escapes when highlighting; any other dynamic text is turned into HTML entities
(:func:`md_escape`) before it reaches a markdown cell, so neither HTML nor markdown links survive.

>>> md_escape("<script>[x](javascript:1)")
'&#60;script&#62;&#91;x&#93;&#40;javascript&#58;1&#41;'
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import nbformat

from asylum_teach.grading.scoring import CORRECT

_local = threading.local()


def md_escape(text: str) -> str:
    """Every character but letters, digits and spaces as an HTML entity (safe in markdown and HTML)."""
    return re.sub(r"[^A-Za-z0-9 ]", lambda m: f"&#{ord(m.group())};", str(text))


def _exporter():
    if not hasattr(_local, "exporter"):
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(template_name="lab")
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
        _local.exporter = exporter
    return _local.exporter


def feedback_notebook(spec, student: str, status: str, results, notes, answer_sources: dict,
                      written: dict, rubric: dict):
    """The feedback as a notebook (markdown we wrote, code cells holding the student's text)."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    auto = sum(r.points for r in results)
    manual = sum(p for p, _ in rubric.values())
    cells = [md(f"# Feedback: {md_escape(spec.title)}\n\n"
                f"Student: **{md_escape(student)}**  \n"
                f"Auto-graded: **{auto:g} / {spec.max_auto:g}**  \n"
                f"Written (instructor): **{manual:g} / {spec.max_written:g}**"
                f"{'' if rubric else ' (not yet graded)'}  \n"
                f"Run status: {md_escape(status)}\n\n"
                "For a wrong answer this page says where to look, never the answer.")]
    if notes:
        cells.append(md("**Notes about your notebook:**\n\n" + "\n".join(f"- {md_escape(n)}" for n in notes)))
    for number, r in enumerate(results, 1):
        q = spec.question(r.key)
        lines = [f"### Q{number} `{r.key}`: {r.points:g} / {r.max_points:g}: {md_escape(r.verdict)}",
                 md_escape(q.prompt)]
        if r.verdict != CORRECT:
            if r.note and r.note != r.verdict:
                lines.append(f"Why: {md_escape(r.note)}")
            if r.review:
                lines.append(f"Review: {md_escape(r.review)}")
        cells.append(md("\n\n".join(lines)))
        if answer_sources.get(r.key):
            cells.append(code(answer_sources[r.key]))
    for w in spec.written:
        points, comment = rubric.get(w.key, (None, ""))
        score = f"{points:g} / {w.points:g}" if points is not None else f"not yet graded (of {w.points:g})"
        text = [f"### Written `{w.key}`: {score}", md_escape(w.prompt)]
        if comment:
            text.append(f"Instructor's comment: {md_escape(comment)}")
        cells.append(md("\n\n".join(text)))
        cells.append(code(written.get(w.key) or "(no answer)"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write_feedback(path: Path, nb) -> None:
    """Render ``nb`` to HTML at ``path`` atomically (write a temporary file, then rename)."""
    html, _ = _exporter().from_notebook_node(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
