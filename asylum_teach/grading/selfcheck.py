"""A student's check of their own exercise: right or wrong and where to look, never the answer.

:func:`check_file` is what ``asylum-teach check`` runs, and what the self-check cell at the end of an
exercise runs on the notebook's saved file (JupyterLab tells a kernel its notebook's path). It takes the
grader's own path (:class:`~asylum_teach.grading.checker.Checker`): the answer cells are found by tag
or cell id exactly as the grader finds them, re-run in a fresh kernel, and scored by the same code, so
a lost tag or a duplicated cell shows here as it will in the grade. Without the instructor's answer
key it decides only the questions whose answer the engine itself gives, and checks the format of the
others, saying that the grader alone decides them.

It is a convenience only: the grade comes from the instructor's grader, which re-runs the notebook in
its sandbox against the course's master (see :mod:`asylum_teach.grading.batch`).
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading.checker import Checker
from asylum_teach.grading.extraction import decode, encode
from asylum_teach.grading.records import GradedSubmission
from asylum_teach.grading.runner import Limits
from asylum_teach.grading.scoring import CORRECT, FORMAT_OK, NOT_ANSWERED, WRONG, score
from asylum_teach.grading.spec import ExerciseSpec, get_spec
from asylum_teach.safetext import terminal

MAX_NOTEBOOK_BYTES = 20 * 1024**2
WIDTH = 100  # a report line wraps between words, never in one (JupyterLab would break it mid-word)


@dataclass(frozen=True)
class Checked:
    """One check of one notebook: the exercise and the record the grader's path produced."""

    spec: ExerciseSpec
    graded: GradedSubmission


def expected_for(spec: ExerciseSpec, key=None):
    """What a check may decide: every answer with the instructor's ``key``, else the engine's own."""
    return key.expected if key is not None else spec.engine_answers


def check_file(path: Path, student_id: str | None = None, *, master: Path | None = None, key=None,
               limits: Limits = Limits()) -> Checked:
    """Check the notebook saved at ``path`` the way the grader will (as ``student_id``, default the one in
    its parameters cell), against ``master`` (default: the notebook itself) and ``key`` (default: none)."""
    import nbformat

    from asylum_teach.grading.rebuild import exercise_id_of, own_master, parameter_value, parse_notebook, read_master

    path = Path(path)
    try:
        content = path.read_bytes()[: MAX_NOTEBOOK_BYTES + 1]
    except OSError as exc:
        raise GradingError(f"cannot read notebook {terminal(str(path))}: {exc.strerror}") from None
    raw, invalid = parse_notebook(content)
    if raw is None:
        raise GradingError(f"{terminal(str(path))}: {invalid}")
    try:
        own = nbformat.reads(content.decode("utf-8"), as_version=4)  # sources joined, as read_master gives them
        spec = get_spec(exercise_id_of(own))
    except GradingError:
        raise
    except Exception as exc:
        raise GradingError(f"{terminal(str(path))} is not an exercise notebook ({type(exc).__name__})") from None
    sid = student_id or parameter_value(raw, "student_id")
    if not isinstance(sid, str) or not sid.strip():
        raise GradingError("no student id: pass --student-id or set student_id in the parameters cell")
    reference = read_master(master) if master is not None else own_master(own, spec)
    checker = Checker(spec, reference, expected_for(spec, key), limits)
    return Checked(spec, checker.check(sid.strip(), path.name, content))


def report_lines(results) -> list[str]:
    """Readable lines for a list of :class:`~asylum_teach.grading.scoring.QuestionResult`, one question
    after another (Q1, Q2... in the exercise's order): right, or not yet and why, in the law's words."""
    lines = []
    for number, r in enumerate(results, 1):
        head = f"  Q{number:<3}{r.key:<24}"
        text = [mark(r)] + ([_look_again(r)] if _look_again(r) else [])
        parts = [part for t in text for part in textwrap.wrap(t, max(40, WIDTH - len(head)), break_long_words=False,
                                                              break_on_hyphens=False)]  # ids stay whole
        lines.append(head + f"\n{' ' * len(head)}".join(parts))
    lines.append("  " + _summary(results))
    return [terminal(line, lines=True) for line in lines]


def _look_again(result) -> str:
    return f"Look again: {result.review}" if result.review and result.verdict not in (CORRECT, NOT_ANSWERED) else ""


def _summary(results) -> str:
    decided = [r for r in results if r.verdict != FORMAT_OK]
    right = sum(1 for r in decided if r.verdict == CORRECT)
    summary = f"{right} of {len(decided)} checked answers right"
    others = len(results) - len(decided)
    if others:
        summary += f"; {others} more can be read, and only your instructor's grader decides them"
    return summary + ". This is a self-check only: your grade comes from the instructor's grader."


def report_html(heading: str, notes, results) -> str:
    """The same report as :func:`report_lines`, as a table for the notebook: a row per question, in words
    (the verdict in words, so colour is never the only signal); every text escaped."""
    from html import escape as e

    rows = []
    for number, r in enumerate(results, 1):
        said, look = mark(r), _look_again(r)
        sign, colour = ("✓ ", "#1b5e20") if r.verdict == CORRECT else ("", "#8a4b00")
        rows.append(f'<tr><td style="padding:2px 8px;vertical-align:top">Q{number}</td>'
                    f'<td style="padding:2px 8px;vertical-align:top"><code>{e(r.key)}</code></td>'
                    f'<td style="padding:2px 8px;vertical-align:top;color:{colour}">{sign}{e(said)}'
                    f'{" " + e(look) if look else ""}</td></tr>')
    noted = "".join(f"<li>{e(n)}</li>" for n in notes)
    return (f'<div class="at-selfcheck" style="max-width:900px"><p><b>{e(heading)}</b></p>'
            + (f"<ul>{noted}</ul>" if noted else "")
            + '<table style="border-collapse:collapse;text-align:left"><tr><th style="padding:2px 8px">Question</th>'
            '<th style="padding:2px 8px">Your answer in</th><th style="padding:2px 8px">Self-check</th></tr>'
            + "".join(rows) + f"</table><p>{e(_summary(results))}</p></div>")


def _show(text: str, html: str) -> None:
    """In a notebook's kernel, the report as HTML (with the plain text beside it for papermill and
    plain front ends); anywhere else, the plain text."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is None or not hasattr(shell, "kernel"):
        print(text)
        return
    from IPython.display import display

    display({"text/plain": text, "text/html": html}, raw=True)


def mark(result) -> str:
    """What the self-check says of one answer: right, not answered yet, or not yet and why."""
    if result.verdict == CORRECT:
        return "right"
    if result.verdict == NOT_ANSWERED:
        return "not answered yet"
    if result.verdict == FORMAT_OK:
        return "can be read; your instructor's grader decides it"
    if result.verdict == WRONG or result.note in ("", WRONG):
        return "not yet: that is not what the law gives for your case"
    return f"not yet: {result.note}"


def print_report(checked: Checked, where: str) -> None:
    """The report on a checked file: plain lines in a terminal, a table in a notebook."""
    graded = checked.graded
    heading = f"Check of {where}: {checked.spec.title}, student {graded.student} (run status: {graded.status.value})"
    text = "\n".join([terminal(heading), *(terminal(f"  note: {n}") for n in graded.notes),
                      *report_lines(graded.results)])
    _show(text, report_html(heading, graded.notes, graded.results))


def notebook_path(namespace: dict, exercise_id: str) -> Path | None:
    """The saved file of the notebook this kernel runs, when the front end says which (JupyterLab does) and
    that file is this exercise (a kernel may inherit the variable from whatever started it)."""
    import json

    for candidate in (os.environ.get("JPY_SESSION_NAME"), namespace.get("__session__"),
                      namespace.get("__vsc_ipynb_file__")):
        if isinstance(candidate, str) and candidate.endswith(".ipynb") and os.path.isfile(candidate):
            try:
                meta = json.loads(Path(candidate).read_bytes()[:MAX_NOTEBOOK_BYTES]).get("metadata", {})
            except (OSError, ValueError, AttributeError):
                continue
            if isinstance(meta, dict) and isinstance(meta.get("asylum_teach"), dict) and \
                    meta["asylum_teach"].get("exercise") == exercise_id:
                return Path(candidate)
    return None


def _off_this_loop(fn, *args):
    """Call ``fn(*args)``, on a thread of its own when this thread already runs an event loop.

    The grader's runner drives kernels with an event loop of its own; a notebook's kernel (ipykernel)
    runs the cell inside its event loop, where starting another fails ("Cannot run the event loop while
    another loop is running": every self-check in JupyterLab graded itself an error; found by the
    credibility lab's browser test)."""
    import asyncio
    import threading

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args)
    box: dict = {}

    def work():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # re-raised on the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=work, name="asylum-teach-self-check", daemon=True)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def check(exercise_id: str, namespace: dict, student_id: str, as_of=None) -> None:
    """The self-check cell: check this notebook's saved file as the grader will and print the report.

    When the kernel cannot tell which file it runs (papermill, a plain console), it checks the answer
    variables in ``namespace`` with the same scoring and says so."""
    if os.environ.get("ASYLUM_TEACH_GRADING"):
        return
    path = notebook_path(namespace, exercise_id)
    if path is not None:
        print("Checking the saved notebook (save first: unsaved changes are not seen) ...")
        print_report(_off_this_loop(check_file, path, str(student_id)), path.name)
        return
    from asylum_teach.grading.answer_cells import problems_for

    spec = get_spec(exercise_id)
    answers = {q.key: decode(encode(namespace[q.key])) for q in spec.questions if q.key in namespace}
    problems = {k: v for k, v in problems_for(exercise_id).items() if k not in answers}
    results = score(spec, answers, problems, expected_for(spec)(str(student_id)))
    heading = f"Self-check for {spec.title} (student {student_id}):"
    note = ("this kernel does not know its notebook's file, so the answer variables in memory were checked; "
            "run `asylum-teach check NOTEBOOK` to check the saved file the way the grader reads it")
    text = "\n".join([terminal(heading), f"  ({note})", *report_lines(results)])
    _show(text, report_html(heading, [note], results))
