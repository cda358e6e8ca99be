"""Spreadsheets out of the gradebook: ``grades.csv`` for the instructor, ``canvas.csv`` for Canvas import.

``grades.csv`` names each student's file and feedback page (``feedback``, relative to the output
folder: tools that return pages to students read it from here) and keeps auto-graded and
instructor-marked points apart (``auto_score``/``auto_max``,
``manual_score``/``manual_max`` and the written questions still to mark in ``manual_pending``), so a
perfect notebook waiting for its rubric reads 11/11 auto and 0/4 manual pending, not 11/15. Every
text cell goes through :func:`~asylum_teach.safetext.csv_cell`.

``canvas.csv`` repeats the identity columns of the Canvas gradebook export it was given and writes the
score under the exact header of an existing assignment column (Canvas matches columns by header), read
from the roster or given by the instructor. People are matched exactly after NFC normalisation.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.gradebook import Gradebook
from asylum_teach.grading.roster import CANVAS_IDENTITY, POINTS_POSSIBLE, Roster, nfc
from asylum_teach.grading.spec import ExerciseSpec
from asylum_teach.safetext import csv_cell, page_name, terminal

GRADES_CSV = "grades.csv"
CANVAS_CSV = "canvas.csv"


def atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


def grade_rows(book: Gradebook, spec: ExerciseSpec) -> list[dict]:
    """One dict per graded student, auto and manual points apart, then every question's points."""
    out = []
    for student in book.students(spec.exercise_id):
        graded = book.recorded(spec.exercise_id, student)
        rubric = book.rubric(spec.exercise_id, student)
        manual = sum(m.points for m in rubric.values())
        row = {"student": student, "file": graded.source_file, "feedback": f"feedback/{page_name(student)}.html",
               "status": graded.status.value,
               "auto_score": graded.auto_score, "auto_max": spec.max_auto,
               "manual_score": manual, "manual_max": spec.max_written,
               "manual_pending": " ".join(w.key for w in spec.written if w.key not in rubric),
               "total": graded.auto_score + manual, "total_max": spec.max_score}
        points = {r.key: r.points for r in graded.results}
        for q in spec.questions:
            row[q.key] = points.get(q.key, 0)
        for w in spec.written:
            row[w.key] = rubric[w.key].points if w.key in rubric else ""
        out.append(row)
    return out


def _csv(header: list, rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([f"{v:g}" if isinstance(v, float) else csv_cell(v) for v in row])
    return buf.getvalue()


def write_grades_csv(book: Gradebook, spec: ExerciseSpec, out_dir: Path) -> Path:
    rows = grade_rows(book, spec)
    header = ["student", "file", "feedback", "status", "auto_score", "auto_max", "manual_score", "manual_max",
              "manual_pending", "total", "total_max", *spec.keys, *(w.key for w in spec.written)]
    path = Path(out_dir) / GRADES_CSV
    atomic_write(path, _csv(header, [[row[h] for h in header] for row in rows]))
    return path


def canvas_column(roster: Roster, spec: ExerciseSpec, given: str | None) -> str:
    """The header of the Canvas assignment column to fill: ``given`` (which must be one of the roster's
    assignment columns when it has any), or the one assignment column that names this exercise."""
    columns = roster.assignment_columns()
    if given is not None:
        given = nfc(given)
        if columns and given not in columns:
            raise GradingError(f"--canvas-column {terminal(given)!r} is not an assignment column of "
                               f"{terminal(roster.path.name)} (it has: {terminal('; '.join(columns))})")
        if not given:
            raise GradingError("--canvas-column is empty")
        return given
    words = {spec.exercise_id.casefold(), spec.title.casefold()}
    found = [c for c in columns if any(w in c.casefold() for w in words)]
    if len(found) == 1:
        return found[0]
    which = "none of" if not found else "more than one of"
    raise GradingError(f"cannot tell which Canvas assignment column is exercise {spec.exercise_id!r}: "
                       f"{which} the roster's columns ({terminal('; '.join(columns) or 'none')}) names it; "
                       "give the exact header with --canvas-column")


def write_canvas_csv(book: Gradebook, spec: ExerciseSpec, roster: Roster, column: str, path: Path) -> list[str]:
    """Canvas gradebook-import CSV: the roster's identity columns and ``column``. Returns the graded ids
    no one in the roster matched (their scores are not in the file)."""
    if not roster.is_canvas:
        raise GradingError(f"{terminal(roster.path.name)} is not a Canvas gradebook export")
    totals = {nfc(r["student"]): r["total"] for r in grade_rows(book, spec)}
    identity = [c for c in roster.header if c in CANVAS_IDENTITY]
    rows = [["    " + POINTS_POSSIBLE, *([""] * (len(identity) - 1)), f"{spec.max_score:g}"]]  # as Canvas writes it
    matched = set()
    for person in roster.people:
        hits = [person.student_id] if person.student_id in totals else sorted(person.ids() & set(totals))
        value = f"{totals[hits[0]]:g}" if len(hits) == 1 else ""
        matched.update(hits[:1] if len(hits) == 1 else [])
        rows.append([person.row.get(c, "") for c in identity] + [value])
    atomic_write(Path(path), _csv([*identity, column], rows))
    return sorted(set(totals) - matched)
