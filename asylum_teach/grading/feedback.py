"""Per-student feedback pages: one self-contained HTML file each, written by the grader itself.

What goes in: the scores, each question's verdict and, for a wrong answer, where to look (a rule and
citation, already filtered by :func:`scoring.safe_hint`), the student's own answer code and written
text, the instructor's rubric marks criterion by criterion, and notes about broken cells or limits.
What never goes in: expected values, the exercise's solution cells, outputs produced by the student's
code.

Every page is static HTML with a Content-Security-Policy that forbids scripts, remote loads and
frames: no MathJax (``$...$`` in an error message stays text), no highlighter (hostile text cannot
make the grader spend minutes on it), no remote fonts. Everything that is not our own text passes
through :func:`html.escape`; code and written answers are shown verbatim in ``<pre>`` blocks, cut at
``MAX_SHOWN`` characters with a note.

>>> "<script>" in page("<script>", "t", [("h2", "<b>x</b>")])
False
"""

from __future__ import annotations

import os
import threading
from html import escape
from pathlib import Path
from typing import Any

from asylum_teach.grading.records import GradedSubmission
from asylum_teach.grading.scoring import CORRECT, FORMAT_OK, SAID
from asylum_teach.safetext import storable

MAX_SHOWN = 20_000
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-top: 1px solid #ddd; padding-top: 1rem; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.right { color: #11632d; } .wrong { color: #a4161a; } .muted { color: #666; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.bar { display: inline-block; height: .8rem; background: #4a7ab8; vertical-align: middle; }
"""


def page(title: str, heading: str, parts: list[tuple[str, str]]) -> str:
    """A whole page. ``parts`` are ``(tag, html)`` pairs whose html the caller has already escaped; the
    tags used here are ``p``, ``h2``, ``pre``, ``ul`` (items joined), ``table`` and ``raw``."""
    body = []
    for tag, html in parts:
        if tag == "raw":
            body.append(html)
        elif tag == "ul":
            body.append(f"<ul>{html}</ul>")
        else:
            body.append(f"<{tag}>{html}</{tag}>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width">\n'
            f"<title>{escape(storable(title))}</title><style>{STYLE}</style></head>\n"
            f"<body><h1>{escape(storable(heading))}</h1>\n" + "\n".join(body) + "\n</body></html>\n")


def shown(text: str) -> str:
    """Student text for a ``<pre>``: escaped, and cut at ``MAX_SHOWN`` characters with a note."""
    text = storable(text)
    if len(text) > MAX_SHOWN:
        return escape(text[:MAX_SHOWN]) + escape(f"\n… ({len(text) - MAX_SHOWN} more characters not shown)")
    return escape(text)


def render(spec, graded: GradedSubmission, rubric: dict[str, Any]) -> str:
    """The feedback page for one student (``rubric``: ``{question: RubricMark}``)."""
    e = escape
    manual = sum(m.points for m in rubric.values())
    pending = [w.key for w in spec.written if w.key not in rubric]
    parts = [("p", f"Student: <b>{e(graded.student)}</b><br>File: {e(graded.source_file)}<br>"
                   f"Auto-graded: <b>{graded.auto_score:g} / {spec.max_auto:g}</b><br>"
                   f"Written (instructor): <b>{manual:g} / {spec.max_written:g}</b>"
                   f"{' (not yet marked: ' + e(', '.join(pending)) + ')' if pending else ''}<br>"
                   f"Run status: {e(graded.status.value)}"),
             ("p", "For a wrong answer this page says where to look, never the answer.")]
    if graded.notes:
        parts.append(("p", "<b>Notes about your notebook:</b>"))
        parts.append(("ul", "".join(f"<li>{e(n)}</li>" for n in graded.notes)))
    for number, r in enumerate(graded.results, 1):
        q = spec.question(r.key)
        mark = "right" if r.verdict == CORRECT else ("muted" if r.verdict == FORMAT_OK else "wrong")
        parts.append(("h2", f"Q{number} <code>{e(r.key)}</code>: {r.points:g} / {r.max_points:g}: "
                            f'<span class="{mark}">{e(SAID.get(r.verdict, r.verdict))}</span>'))
        lines = [e(q.prompt)]
        if r.verdict != CORRECT:
            if r.note and r.note != r.verdict:
                lines.append(f"Why: {e(r.note)}")
            if r.review:
                lines.append(f"Review: {e(r.review)}")
        parts.append(("p", "<br>".join(lines)))
        if graded.sources.get(r.key):
            parts.append(("pre", shown(graded.sources[r.key])))
    for w in spec.written:
        marked = rubric.get(w.key)
        score = f"{marked.points:g} / {w.points:g}" if marked else f"not yet marked (of {w.points:g})"
        parts.append(("h2", f"Written <code>{e(w.key)}</code>: {score}"))
        parts.append(("p", e(w.prompt)))
        rows = []
        for n, criterion in enumerate(w.criteria):
            got = marked.criteria[n] if marked and n < len(marked.criteria) else None
            points = f"{got[0]:g} / {criterion.points:g}" if got else f"– / {criterion.points:g}"
            rows.append(f"<tr><td>{e(criterion.text)}</td><td>{points}</td><td>{e(got[2]) if got else ''}</td></tr>")
        parts.append(("table", "<tr><th>Criterion</th><th>Points</th><th>Comment</th></tr>" + "".join(rows)))
        if marked and marked.comment:
            parts.append(("p", f"Instructor's comment: {e(marked.comment)}"))
        text = graded.written.get(w.key)
        parts.append(("pre", shown(text) if text else '<span class="muted">(no answer)</span>'))
    return page(f"Feedback: {spec.title}", f"Feedback: {spec.title}", parts)


def write(path: Path, html: str) -> None:
    """Write ``html`` at ``path`` atomically (a temporary file with a short name, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".tmp-{os.getpid()}-{threading.get_ident()}.html"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
