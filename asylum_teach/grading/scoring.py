"""Scoring in the grader's process: read each decoded answer, then compare it with the expected value.

Reading comes first and is forgiving where the law is not at stake (:mod:`.reading`): ``"8/10/2026"``,
``"August 10, 2026"`` and ``date(2026, 8, 10)`` are the same date, "Juneteenth" is the holiday's standard
name, ``"Filing before individual"`` is the choice ``filing-before-individual``. An answer that cannot be
read (or could be read two ways) scores 0 with one plain sentence saying why. Text is compared after a
fixed normalization (case, spaces and punctuation ignored), so "INA § 208(a)(2)(B)" and
"ina 208(a)(2)(b)" match. Only exact Python types ever reach here (see :mod:`.extraction`): an object
that claims to equal everything arrives as unreadable. The result of each question says right or not
yet and, when not, where to look in the law, but never the expected value: :func:`safe_hint` drops any
hint that would give it away.

>>> from datetime import date
>>> from asylum_teach.grading.spec import Question
>>> q = Question("due", "When?", "date", review="rule one-year-asylum")
>>> judge(q, date(2027, 1, 4), date(2027, 1, 4)), judge(q, "1/4/2027", date(2027, 1, 4))
((True, 'correct'), (True, 'correct'))
>>> judge(q, 20270104, date(2027, 1, 4))
(False, 'I could not read this as a date: write it in quotes, e.g. "July 4, 1776" or "1776-07-04".')
>>> normalize("INA § 208(a)(2)(B)") == normalize("ina 208 (a)(2)(b)")
True
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from asylum_teach.grading.extraction import Missing, Unsupported
from asylum_teach.grading.reading import Reading, holiday_name, key, read
from asylum_teach.grading.spec import ExerciseSpec, Question

CORRECT, WRONG, NOT_ANSWERED, UNREADABLE, BAD_CELL, FORMAT_OK = (
    "correct", "wrong", "not answered", "could not read", "answer cell problem", "format ok")
#: Each verdict as the student reads it on the feedback page (the gradebook keeps the verdict itself).
SAID = {CORRECT: "right", WRONG: "not yet right", NOT_ANSWERED: "not answered", UNREADABLE: "could not be read",
        BAD_CELL: "the answer cell did not run", FORMAT_OK: "readable; marked by your instructor's grader"}
#: What the self-check says of a question only the instructor's grader can decide.
GRADER_DECIDES = "readable; only your instructor's grader decides whether it is right"

GENERIC_HINT = "Review the steps and citations in the library's explanation for your case."


@dataclass(frozen=True)
class QuestionResult:
    """The verdict on one auto-graded question. ``note`` is safe to show the student."""

    key: str
    points: float
    max_points: float
    verdict: str
    note: str
    review: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def normalize(text: str) -> str:
    """Case-, space- and punctuation-insensitive form of a text answer ("§" is dropped): :func:`.reading.key`."""
    return key(text)


def _accepted(expected) -> tuple:
    return tuple(expected) if isinstance(expected, (tuple, frozenset, set)) else (expected,)


def _read(kind: str, given, question: Question | None = None) -> Reading:
    """The one reading of an answer (see :mod:`.reading`); a value the kernel could not report is unread."""
    if isinstance(given, (Unsupported, Missing)):
        given = _UNREADABLE
    if question is not None and kind == "choice":
        return read(kind, given, choices=question.choices, labels=question.labels)
    return read(kind, given)


_UNREADABLE = object()


def _same(kind: str, value, expected) -> bool:
    """Is the answer as read (``value``) the expected one, or one of several accepted ones?"""
    if kind in ("date", "optional-date", "int"):
        return value == expected
    if kind == "bool":
        return value is expected
    if kind == "optional-holiday":  # the key may name the holiday as the calendar does, "(observed)" and all
        if value is None or expected is None:
            return value is None and expected is None
        return any(value == (holiday_name(e) or e) for e in _accepted(expected))
    if kind in ("choice", "text", "optional-text"):
        if value is None or expected is None:
            return value is None and expected is None
        return any(normalize(value) == normalize(e) for e in _accepted(expected))
    if kind == "findings":
        if not expected:  # a format check (no planted record to score against)
            return True
        from asylum_teach.grading.findings import score_findings

        result = score_findings(value, expected)
        return result.points == result.max_points
    if kind == "some-of":
        chosen = {normalize(x) for x in value}
        return bool(chosen) and chosen <= {normalize(x) for x in expected}
    if kind == "set":
        return {normalize(x) for x in value} == {normalize(x) for x in expected}
    if kind == "sequence":
        return [normalize(x) for x in value] == [normalize(x) for x in expected]
    raise ValueError(kind)


def _fields(question: Question, given) -> tuple[dict | None, str]:
    """A record's fields by their own names (spelt forgivingly: "safe date" is ``safe_date``), or a problem."""
    form = "{" + ", ".join(f'"{name}": ...' for name, _ in question.fields) + "}"
    if type(given) is not dict:
        return None, f"I could not read this: write it in curly brackets, {form}."
    wanted = {key(name): name for name, _ in question.fields}
    out = {}
    for name, value in given.items():
        if key(name) not in wanted or wanted[key(name)] in out:
            return None, f"I could not read this: it should hold exactly {form}."
        out[wanted[key(name)]] = value
    return out, ""


def read_answer(question: Question, given) -> Reading:
    """How the grader reads ``given`` (a decoded answer) for ``question``: the reading every check judges."""
    return _read(question.kind, given, question)


def judge(question: Question, given, expected) -> tuple[bool, str]:
    """Is ``given`` (already decoded) the right answer? Returns (right, note without the answer)."""
    if question.kind == "record":
        fields, problem = _fields(question, given)
        if fields is None:
            return False, problem
        bad = []
        for name, kind in question.fields:
            if name not in fields:
                bad.append(f"{name} (missing)")
                continue
            reading = _read(kind, fields[name])
            if not reading.ok:
                bad.append(f"{name} ({reading.problem})")
            elif not _same(kind, reading.value, expected[name]):
                bad.append(name)
        if bad:
            return False, "not yet right: " + "; ".join(bad)
        return True, CORRECT
    reading = _read(question.kind, given, question)
    if reading.problem is not None:
        return False, reading.problem
    if _same(question.kind, reading.value, expected):
        return True, CORRECT
    if question.kind == "findings":
        from asylum_teach.grading.findings import score_findings

        return False, score_findings(reading.value, expected).summary
    return False, WRONG


def safe_hint(hint: str, expected) -> str:
    """``hint`` unless it contains the expected answer (in any spelling); then a generic hint."""
    values = []
    for e in (expected.values() if isinstance(expected, dict) else _accepted(expected)):
        for v in (e.values() if isinstance(e, dict) else _accepted(e)):
            if isinstance(v, date):
                values += [v.isoformat(), f"{v:%B} {v.day}", f"{v:%b} {v.day}", f"{v.month}/{v.day}/{v.year}"]
            elif isinstance(v, (list, tuple, set, frozenset)):
                values += [str(x) for x in v]
            elif v is not None and not isinstance(v, bool):
                values.append(str(v))
    flat = normalize(hint)
    for v in values:
        n = normalize(v)
        if len(n) >= 3 and n in flat:
            return GENERIC_HINT
        if isinstance(v, str) and v.isdigit() and re.search(rf"\b{re.escape(v)}\b", hint):
            return GENERIC_HINT
    return hint


def score(spec: ExerciseSpec, answers: dict, problems: dict, expected: dict) -> list[QuestionResult]:
    """One :class:`QuestionResult` per auto-graded question, in the spec's order.

    ``expected`` holds the expected answer of each question that can be decided here: every question
    for the instructor's grader (from the answer key), only those the engine itself gives for a
    student's self-check. A question without one gets its format checked (:data:`FORMAT_OK`)."""
    results = []
    for q in spec.questions:
        given = answers.get(q.key, Missing())
        if q.key in problems:
            results.append(QuestionResult(q.key, 0, q.points, BAD_CELL, problems[q.key]))
        elif isinstance(given, Missing) or (isinstance(given, Unsupported) and given.type_name == "ellipsis"):
            hint = safe_hint(q.review or GENERIC_HINT, expected[q.key]) if q.key in expected else ""
            results.append(QuestionResult(q.key, 0, q.points, NOT_ANSWERED, "not answered", hint))
        elif q.key not in expected:
            ok, note = format_check(q, given)
            results.append(QuestionResult(q.key, 0, q.points, FORMAT_OK if ok else UNREADABLE,
                                          GRADER_DECIDES if ok else note))
        elif q.kind == "findings" and _read(q.kind, given).ok:
            results.append(_findings_result(q, _read(q.kind, given).value, expected[q.key]))
        else:
            exp = expected[q.key]
            ok, note = judge(q, given, exp)
            if ok:
                results.append(QuestionResult(q.key, q.points, q.points, CORRECT, CORRECT))
            else:
                verdict = UNREADABLE if note.startswith("I could not read") else WRONG
                results.append(QuestionResult(q.key, 0, q.points, verdict, note,
                                              safe_hint(q.review or GENERIC_HINT, exp)))
    return results


def _findings_result(q: Question, given: list, planted: list) -> QuestionResult:
    """Partial credit for findings in a case file (asylum_teach.grading.findings): points per discrepancy
    found and classified, a point off for each line that matches none; the note counts, never names."""
    from asylum_teach.grading.findings import score_findings

    result = score_findings(given, planted)
    points = round(result.points * q.points / result.max_points, 2) if result.max_points else 0.0
    if points == q.points:
        return QuestionResult(q.key, q.points, q.points, CORRECT, CORRECT)
    return QuestionResult(q.key, points, q.points, WRONG, result.summary, q.review or GENERIC_HINT)


def format_check(question: Question, given) -> tuple[bool, str]:
    """Can ``given`` be read as an answer to ``question`` (a date, one of the choices...)? (ok, problem)"""
    if question.kind == "record":
        fields, problem = _fields(question, given)
        if fields is None:
            return False, problem
        bad = [f"{name} (missing)" if name not in fields else f"{name} ({_read(kind, fields[name]).problem})"
               for name, kind in question.fields if name not in fields or not _read(kind, fields[name]).ok]
        return (False, "not yet readable: " + "; ".join(bad)) if bad else (True, "")
    reading = _read(question.kind, given, question)
    return (True, "") if reading.ok else (False, reading.problem or "")


