"""Build the course: execute every notebook with papermill, render static HTML, write an index page.

``python -m asylum_teach.teaching.course build`` (what ``make course`` runs) reads ``notebooks/NN_*.ipynb``
from the current directory, executes each in a scratch copy with its default parameters, and writes
``build/NN_name.html`` (outputs, figures and widget state embedded) plus ``build/index.html``, which
lists each notebook with its audience, what it teaches and its time, as each notebook's first cell
states them. The committed notebooks are never modified.

The test suite executes the notebooks through :func:`execute` too, so ``make test`` and ``make course``
run them the same way.

>>> summarize({"cells": [{"cell_type": "markdown", "source": "# 02 · Deadlines\\n**Time.** About 75 minutes."}]})
{'title': '02 · Deadlines', 'who': '', 'time': 'About 75 minutes.'}
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: Per-cell limit. Every cell in the course runs in a few seconds; the limit turns a stuck kernel
#: message into a bounded wait instead of a build that never ends.
CELL_TIMEOUT = 45
NOTEBOOK_NAME = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")


@dataclass
class Built:
    name: str
    html: Path | None
    seconds: float
    summary: dict
    error: str | None = None


def notebook_paths(source: Path | str = "notebooks") -> list[Path]:
    """The course notebooks in order (``NN_name.ipynb``)."""
    return sorted(p for p in Path(source).glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def execute(path: Path | str, out: Path | str, *, parameters: dict | None = None, timeout: int = CELL_TIMEOUT):
    """Run one notebook top to bottom with papermill in a scratch copy of its folder; return the result.

    The working directory is a temporary copy of the notebook's folder, so a notebook that writes files
    cannot touch the repository. Raises papermill's ``PapermillExecutionError`` on a failing cell.
    """
    import papermill as pm

    path, out = Path(path).resolve(), Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="asylum-course-") as scratch:
        work = Path(scratch) / path.name
        shutil.copy2(path, work)
        return pm.execute_notebook(str(work), str(out), parameters=parameters or {}, kernel_name="python3",
                                   cwd=scratch, progress_bar=False, execution_timeout=timeout,
                                   request_save_on_cell_execute=False)


def render_html(nb, target: Path | str) -> Path:
    """Write an executed notebook as one self-contained HTML page (images inline, widget state kept)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    target = Path(target)
    target.write_text(body, encoding="utf-8")
    return target


def _text(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def summarize(nb) -> dict:
    """Title, audience and time, read from the notebook's opening cell."""
    first = next((_text(c) for c in nb["cells"] if c.get("cell_type") == "markdown"), "")
    title = next((line.lstrip("# ").strip() for line in first.splitlines() if line.startswith("#")), "")

    def field(label: str) -> str:
        m = re.search(rf"\*\*{label}\*\*\s*(.*?)(?:\n\s*\n|\Z)", first, re.S)
        return " ".join(m.group(1).split()) if m else ""

    return {"title": title, "who": field("Who this is for."), "time": field("Time.")}


def _index(built: list[Built], rules_date: str) -> str:
    rows = []
    for b in built:
        link = (f'<a href="{html.escape(b.html.name)}">{html.escape(b.summary.get("title") or b.name)}</a>'
                if b.html else html.escape(b.name))
        status = "" if not b.error else f'<br><b style="color:#D55E00">failed:</b> {html.escape(b.error[:300])}'
        rows.append(f"<tr><td>{link}{status}</td><td>{html.escape(b.summary.get('who', ''))}</td>"
                    f"<td>{html.escape(b.summary.get('time', ''))}</td></tr>")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>asylum-teach: the course</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;font-size:18px;line-height:1.45}}
table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #ccc;padding:.5rem;vertical-align:top;text-align:left}}
.notice{{border-left:4px solid #D55E00;padding:.3rem .8rem}}</style></head><body>
<h1>asylum-teach: US defensive asylum, a teaching course</h1>
<p class="notice"><b>Not legal advice.</b> A teaching model. The rules reflect sources up to {html.escape(rules_date)};
check the current regulation, practice manual and any court order before relying on a date.</p>
<p>Each page below is a notebook executed top to bottom with its default parameters. Open the notebooks in
JupyterLab (<code>make lab</code>) to use the widgets interactively.</p>
<table><thead><tr><th>Notebook</th><th>Who it is for</th><th>Time</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""


def _build_one(path: Path, out: Path) -> Built:
    import nbformat

    start = time.monotonic()
    executed = out / "executed" / path.name
    try:
        nb = execute(path, executed)
        target = render_html(nb, out / path.with_suffix(".html").name)
        return Built(path.stem, target, time.monotonic() - start, summarize(nb))
    except Exception as exc:  # report every notebook's failure on the index, then fail the build
        summary = summarize(nbformat.read(path, as_version=4))
        return Built(path.stem, None, time.monotonic() - start, summary, f"{type(exc).__name__}: {exc}")


def build(source: Path | str = "notebooks", out: Path | str = "build", *, jobs: int = 2,
          only: list[str] | None = None) -> list[Built]:
    """Execute and render every course notebook into ``out`` and write ``out/index.html``."""
    from asylum_teach import RULES_REFLECT_DATE

    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = [p.resolve() for p in notebook_paths(source) if not only or any(o in p.name for o in only)]
    # Processes, not threads: papermill changes the working directory of the whole process.
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        built = list(pool.map(_build_one, paths, [out] * len(paths)))
    (out / "index.html").write_text(_index(built, RULES_REFLECT_DATE), encoding="utf-8")
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asylum_teach.teaching.course")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="execute the notebooks and render the static HTML course")
    b.add_argument("--source", default="notebooks", help="folder with NN_name.ipynb notebooks")
    b.add_argument("--out", default="build", help="output folder (index.html goes here)")
    b.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    b.add_argument("--only", nargs="*", help="build only notebooks whose name contains one of these")
    args = parser.parse_args(argv)
    built = build(args.source, args.out, jobs=args.jobs, only=args.only)
    for item in built:
        state = "ok" if not item.error else f"FAILED {item.error.splitlines()[0][:200]}"
        print(f"{item.name:28s} {item.seconds:6.1f}s  {state}")
    print(f"index: {Path(args.out) / 'index.html'}")
    if not built:
        print("no notebooks found", file=sys.stderr)
        return 1
    return 1 if any(b.error for b in built) else 0


if __name__ == "__main__":
    raise SystemExit(main())
