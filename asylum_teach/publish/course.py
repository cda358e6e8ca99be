"""Build the course: execute every notebook, render it as a page that works offline, and write an index.

``asylum-teach course build`` (what ``make course`` runs) reads ``notebooks/NN_*.ipynb`` and
``exercises/NN_*.ipynb`` from the current directory and writes into ``build/``:

* ``NN_name.html`` for each notebook, executed top to bottom with its default parameters (through
  :func:`asylum_teach.publish.execute.execute`), with its figures and its saved widget state;
* ``exercises/NN_name.html`` (the questions, not executed) and ``exercises/NN_name.ipynb`` to download;
* ``static/``: the widget manager and require.js (:mod:`.widget_bundle`), so every widget draws with the
  network off;
* ``index.html``: each notebook's opening (who it is for, what you will be able to do, the time),
  rendered from its markdown, with links to every notebook and exercise;
* ``course-build.log``: everything the kernels and the execution machinery say, instead of the terminal.

The committed notebooks are never modified.

>>> summarize({"cells": [{"cell_type": "markdown", "source": "# 02 · Deadlines\\n**Time.** About 75 minutes."}]})["time"]
'About 75 minutes.'
"""

from __future__ import annotations

import concurrent.futures
import html
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from asylum_teach.publish import widget_bundle
from asylum_teach.publish.execute import CELL_TIMEOUT, execute

NOTEBOOK_NAME = re.compile(r"^\d\d[a-z]?_[a-z0-9_]+\.ipynb$")
TEMPLATES = Path(__file__).resolve().parent / "templates"
LOG_NAME = "course-build.log"


@dataclass
class Built:
    name: str
    html: Path | None
    seconds: float
    summary: dict
    error: str | None = None


def notebook_paths(source: Path | str = "notebooks") -> list[Path]:
    """The course notebooks in order (``NN_name.ipynb``, or ``NNa_name.ipynb`` for one between two)."""
    return sorted(p for p in Path(source).glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def _text(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def summarize(nb) -> dict:
    """Title, audience, goals and time, read from the notebook's opening markdown cell."""
    first = next((_text(c) for c in nb["cells"] if c.get("cell_type") == "markdown"), "")
    title = next((line.lstrip("# ").strip() for line in first.splitlines() if line.startswith("#")), "")

    def field(*labels: str) -> str:
        for label in labels:
            m = re.search(rf"\*\*{re.escape(label)}\*\*\s*(.*?)(?:\n\s*\n|\Z)", first, re.S)
            if m:
                return m.group(1).strip()
        return ""

    return {"title": title, "who": field("Who this is for.", "For:"),
            "goals": field("What you will be able to do.", "You will be able to:"),
            "time": " ".join(field("Time.", "Time:").split())}


def render_html(nb, target: Path | str, *, static_prefix: str = "", index: str = "index.html") -> Path:
    """Write a notebook as one page: images inline, widget state kept, scripts from ``static_prefix``."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="asylum_course", extra_template_basedirs=[str(TEMPLATES)],
                            widget_renderer_url=static_prefix + widget_bundle.EMBED,
                            require_js_url=static_prefix + widget_bundle.REQUIRE_JS)
    body, _ = exporter.from_notebook_node(nb, resources={"course_index": index})
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def _inline(text: str) -> str:
    """Markdown for a run of text inside a paragraph (the outer <p> removed)."""
    rendered = _markdown(text).strip()
    return rendered[3:-4] if rendered.startswith("<p>") and rendered.endswith("</p>") else rendered


def _quiet_worker(log_path: str) -> None:
    """In each build process: everything written to stderr or logged goes to the build log."""
    import logging

    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    logging.basicConfig(level=logging.WARNING, force=True)


def _build_one(path: Path, out: Path, timeout: float) -> Built:
    import nbformat

    start = time.monotonic()
    executed = out / "executed" / path.name
    try:
        with open(out / LOG_NAME, "a", encoding="utf-8") as log:
            log.write(f"--- {path.name}: kernel output\n")
            log.flush()
            nb = execute(path, executed, timeout=timeout, kernel_log=log)
        target = render_html(nb, out / path.with_suffix(".html").name)
        return Built(path.stem, target, time.monotonic() - start, summarize(nb))
    except Exception as exc:  # report every notebook's failure on the index, then fail the build
        summary = summarize(nbformat.read(path, as_version=4))
        return Built(path.stem, None, time.monotonic() - start, summary, f"{type(exc).__name__}: {exc}")


def _render_exercise(path: Path, out: Path) -> Built:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    folder = out / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, folder / path.name)
    page = render_html(nb, folder / path.with_suffix(".html").name, static_prefix="../", index="../index.html")
    return Built(path.stem, page, 0.0, summarize(nb))


def _entry(b: Built, href_prefix: str = "") -> str:
    s = b.summary
    title = html.escape(s.get("title") or b.name)
    link = f'<a href="{html.escape(href_prefix + b.html.name)}">{title}</a>' if b.html else title
    parts = [f'<section class="at-entry"><h3>{link}</h3>']
    if b.error:
        parts.append(f'<p class="at-failed"><b>Failed to build:</b> {html.escape(b.error[:400])}</p>')
    if s.get("who"):
        parts.append(f"<p><b>Who it is for.</b> {_inline(s['who'])}</p>")
    if s.get("goals"):
        parts.append(f'<div class="at-goals"><b>What you will be able to do.</b>{_markdown(s["goals"])}</div>')
    if s.get("time"):
        parts.append(f"<p><b>Time.</b> {html.escape(s['time'])}</p>")
    return "".join(parts) + "</section>"


def _index(built: list[Built], exercises: list[Built], rules_date: str) -> str:
    lessons = "".join(_entry(b) for b in built)
    if exercises:
        rows = "".join(f'<li><a href="exercises/{html.escape(b.html.name)}">{html.escape(b.summary.get("title") or b.name)}'
                       f'</a> (<a href="exercises/{html.escape(b.name)}.ipynb" download>download the notebook</a>)'
                       f"{' - ' + html.escape(b.summary['time']) if b.summary.get('time') else ''}</li>"
                       for b in exercises)
        ex = (f'<h2 id="exercises">Exercises</h2><p>Graded exercises: open each in JupyterLab, answer in the cells '
              f"marked for answers, and hand it in as your instructor says.</p><ul>{rows}</ul>")
    else:
        ex = ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>asylum-teach: the course</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;font-size:18px;
line-height:1.5;color:#1a1a1a}} a{{color:#0050a0}} h3{{margin-bottom:.2rem}}
.at-entry{{border-bottom:1px solid #ccc;padding:.4rem 0 .8rem}} .at-failed{{color:#a33000}}
.notice{{border-left:4px solid #D55E00;padding:.3rem .8rem}} .at-goals ol{{margin-top:.2rem}}</style></head><body>
<main>
<h1>asylum-teach: US defensive asylum, a teaching course</h1>
<p class="notice"><b>Not legal advice.</b> A teaching model. The rules reflect sources up to {html.escape(rules_date)};
check the current regulation, practice manual and any court order before relying on a date.</p>
<p>Each lesson below is a notebook run top to bottom with its default inputs; its widgets work on this page
too, without a network. To change the inputs and see the law recompute, open the notebooks in JupyterLab
(<code>make lab</code>).</p>
<h2 id="lessons">Lessons</h2>
{lessons}
{ex}
</main></body></html>
"""


def build(source: Path | str = "notebooks", out: Path | str = "build", *, exercises: Path | str | None = "exercises",
          jobs: int = 2, only: list[str] | None = None, timeout: float = CELL_TIMEOUT,
          npm_cache: Path | str | None = None) -> list[Built]:
    """Execute and render every course notebook into ``out``, render the exercises, write the index."""
    from asylum_teach import RULES_REFLECT_DATE

    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    log_path = out / LOG_NAME
    log_path.write_text("", encoding="utf-8")
    with open(log_path, "a", encoding="utf-8") as log:
        widget_bundle.copy_into(out, npm_cache, log=log)
    paths = [p.resolve() for p in notebook_paths(source) if not only or any(o in p.name for o in only)]
    # Processes, not threads: papermill changes the working directory of the whole process.
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs), initializer=_quiet_worker,
                                                initargs=(str(log_path),)) as pool:
        built = list(pool.map(_build_one, paths, [out] * len(paths), [timeout] * len(paths)))
    rendered = []
    if exercises and Path(exercises).is_dir():
        rendered = [_render_exercise(p, out) for p in notebook_paths(exercises)
                    if not only or any(o in p.name for o in only)]
    (out / "index.html").write_text(_index(built, rendered, RULES_REFLECT_DATE), encoding="utf-8")
    return built
