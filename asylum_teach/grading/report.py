"""The class report, ``OUT/index.html``: the whole class on one self-contained page for the instructor.

It lists every student with a link to their feedback page, shows each auto-graded question's success
rate (a table and an inline SVG chart: nothing is loaded from anywhere), names who is stuck (a run that
did not finish, or fewer than half the auto-graded points), and lists the written answers still to mark.
It is rewritten after every grading run and every rubric mark, from the gradebook alone.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from asylum_teach.grading.exports import atomic_write, grade_rows
from asylum_teach.grading.feedback import page
from asylum_teach.grading.gradebook import Gradebook
from asylum_teach.grading.records import Status
from asylum_teach.grading.scoring import CORRECT
from asylum_teach.grading.spec import ExerciseSpec
from asylum_teach.safetext import page_name

INDEX = "index.html"
FEEDBACK_DIR = "feedback"
STUCK_SHARE = 0.5


def feedback_path(out_dir: Path, student: str) -> Path:
    return Path(out_dir) / FEEDBACK_DIR / f"{page_name(student)}.html"


def success_rates(book: Gradebook, spec: ExerciseSpec) -> dict[str, tuple[int, int]]:
    """``{question: (students right, students graded)}``; submissions that could not be run do not count."""
    rates = {q.key: [0, 0] for q in spec.questions}
    for student in book.students(spec.exercise_id):
        graded = book.recorded(spec.exercise_id, student)
        if not graded.status.graded:
            continue
        for r in graded.results:
            if r.key in rates:
                rates[r.key][1] += 1
                rates[r.key][0] += r.verdict == CORRECT
    return {k: (right, total) for k, (right, total) in rates.items()}


def stuck(rows: list[dict]) -> list[tuple[str, str]]:
    """``(student, why)`` for each student who needs a look."""
    out = []
    for row in rows:
        status = Status(row["status"])
        if status not in (Status.OK, Status.ERRORS):
            out.append((row["student"], f"run status {status.value}"))
        elif row["auto_max"] and row["auto_score"] < STUCK_SHARE * row["auto_max"]:
            out.append((row["student"], f"{row['auto_score']:g} of {row['auto_max']:g} auto-graded points"))
    return out


def chart(rates: dict[str, tuple[int, int]]) -> str:
    """A horizontal bar chart of success rates as inline SVG (escaped labels, no script)."""
    height, width, label = 22, 300, 190
    bars = []
    for i, (key, (right, total)) in enumerate(rates.items()):
        share = right / total if total else 0
        y = i * height
        bars.append(f'<text x="0" y="{y + 15}" font-size="13">{escape(key)}</text>'
                    f'<rect x="{label}" y="{y + 4}" width="{share * width:.1f}" height="14" fill="#4a7ab8"/>'
                    f'<text x="{label + share * width + 6:.1f}" y="{y + 15}" font-size="12">{share:.0%}</text>')
    total_height = max(len(rates) * height, height)
    return (f'<svg role="img" aria-label="success rate per question" '
            f'width="{label + width + 60}" height="{total_height}">' + "".join(bars) + "</svg>")


def write_report(book: Gradebook, spec: ExerciseSpec, out_dir: Path) -> Path:
    e = escape
    rows = grade_rows(book, spec)
    rates = success_rates(book, spec)
    parts = [("p", f"{len(rows)} students graded. Auto-graded: {spec.max_auto:g} points; written, marked by you: "
                   f"{spec.max_written:g} points.")]
    table = ["<tr><th>Student</th><th>File</th><th>Status</th><th>Auto</th><th>Written</th><th>To mark</th></tr>"]
    for row in rows:
        link = row["feedback"]
        table.append(f'<tr><td><a href="{e(link)}">{e(row["student"])}</a></td><td>{e(row["file"])}</td>'
                     f'<td>{e(row["status"])}</td><td>{row["auto_score"]:g} / {row["auto_max"]:g}</td>'
                     f'<td>{row["manual_score"]:g} / {row["manual_max"]:g}</td>'
                     f'<td>{e(row["manual_pending"])}</td></tr>')
    parts += [("h2", "Students"), ("table", "".join(table)), ("h2", "Success rate per question"),
              ("raw", chart(rates))]
    rate_rows = "".join(f"<tr><td>{e(k)}</td><td>{right} of {total}</td></tr>" for k, (right, total) in rates.items())
    parts.append(("table", "<tr><th>Question</th><th>Right</th></tr>" + rate_rows))
    who = stuck(rows)
    parts.append(("h2", f"Who is stuck ({len(who)})"))
    parts.append(("ul", "".join(f"<li>{e(s)}: {e(why)}</li>" for s, why in who) or "<li>no one</li>"))
    pending = [(row["student"], row["manual_pending"]) for row in rows if row["manual_pending"]]
    parts.append(("h2", f"Written answers to mark ({len(pending)} students)"))
    parts.append(("ul", "".join(f"<li>{e(s)}: {e(keys)}</li>" for s, keys in pending) or "<li>none</li>"))
    path = Path(out_dir) / INDEX
    atomic_write(path, page(f"Class report: {spec.title}", f"Class report: {spec.title}", parts))
    return path
