"""Scoring in the grader's process: compare decoded answers with expected values, exactly.

Types are checked exactly (a date must be a ``datetime.date``, a string a ``str``); text is compared
after a fixed normalization (case, spaces and punctuation ignored), so "INA § 208(a)(2)(B)" and
"ina 208(a)(2)(b)" match. The result of each question says right or wrong and, when wrong, where to
look (a rule and citation) but never the expected value: :func:`safe_hint` drops any hint that would
give it away.

>>> from datetime import date
>>> from asylum_teach.grading.spec import Question
>>> q = Question("due", "When?", "date", review="rule one-year-asylum")
>>> judge(q, date(2027, 1, 4), date(2027, 1, 4))
(True, 'correct')
>>> judge(q, "2027-01-04", date(2027, 1, 4))
(False, 'wrong type: expected a datetime.date, got str')
>>> normalize("INA § 208(a)(2)(B)") == normalize("ina 208 (a)(2)(b)")
True
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from asylum_teach.grading.extraction import Missing, Unsupported
from asylum_teach.grading.spec import ExerciseSpec, Question

CORRECT, WRONG, NOT_ANSWERED, WRONG_TYPE, BAD_CELL, FORMAT_OK = (
    "correct", "wrong", "not answered", "wrong type", "answer cell problem", "format ok")
#: What the self-check says of a question only the instructor's grader can decide.
GRADER_DECIDES = "the right type; only your instructor's grader decides whether it is right"

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
    """Case-, space- and punctuation-insensitive form of a text answer ("§" is dropped)."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def _type_name(value) -> str:
    if isinstance(value, Unsupported):
        return value.type_name
    return type(value).__name__


def _accepted(expected) -> tuple:
    return tuple(expected) if isinstance(expected, (tuple, frozenset, set)) else (expected,)


def _check_kind(kind: str, given, expected) -> tuple[bool, str]:
    """(is right, note) for one value of one kind; type errors say which type was expected."""
    from asylum_teach.grading.spec import KINDS

    def wrong_type():
        return False, f"wrong type: expected {KINDS[kind]}, got {_type_name(given)}"

    if kind == "date":
        if type(given) is not date:
            return wrong_type()
        return given == expected, ""
    if kind == "optional-date":
        if given is None or type(given) is date:
            return given == expected, ""
        return wrong_type()
    if kind == "int":
        if type(given) is not int:
            return wrong_type()
        return given == expected, ""
    if kind == "bool":
        if type(given) is not bool:
            return wrong_type()
        return given is expected, ""
    if kind in ("choice", "text"):
        if type(given) is not str:
            return wrong_type()
        return any(normalize(given) == normalize(e) for e in _accepted(expected)), ""
    if kind == "optional-text":
        if given is None:
            return expected is None, ""
        if type(given) is not str:
            return wrong_type()
        return expected is not None and any(normalize(given) == normalize(e) for e in _accepted(expected)), ""
    if kind == "findings":
        if type(given) is not list or any(type(x) is not str for x in given):
            return wrong_type()
        if not expected:  # a format check (no planted record to score against)
            return True, ""
        from asylum_teach.grading.findings import score_findings

        result = score_findings(given, expected)
        return result.points == result.max_points, "" if result.points == result.max_points else result.summary
    if kind == "some-of":
        if type(given) is not list or any(type(x) is not str for x in given):
            return wrong_type()
        chosen = {normalize(x) for x in given}
        return bool(chosen) and chosen <= {normalize(x) for x in expected}, ""
    if kind == "set":
        if type(given) is not list or any(type(x) is not str for x in given):
            return wrong_type()
        return {normalize(x) for x in given} == {normalize(x) for x in expected}, ""
    if kind == "sequence":
        if type(given) is not list or any(type(x) is not str for x in given):
            return wrong_type()
        return [normalize(x) for x in given] == [normalize(x) for x in expected], ""
    raise ValueError(kind)


def judge(question: Question, given, expected) -> tuple[bool, str]:
    """Is ``given`` (already decoded) the right answer? Returns (right, note without the answer)."""
    if question.kind == "record":
        if type(given) is not dict:
            return False, f"wrong type: expected {question.type_hint}, got {_type_name(given)}"
        bad = []
        for name, kind in question.fields:
            if name not in given:
                bad.append(f"{name} (missing)")
                continue
            ok, note = _check_kind(kind, given[name], expected[name])
            if not ok:
                bad.append(f"{name} ({note})" if note else name)
        if bad:
            return False, "wrong in: " + "; ".join(bad)
        return True, CORRECT
    ok, note = _check_kind(question.kind, given, expected)
    if ok:
        return True, CORRECT
    if question.kind == "choice" and type(given) is str and question.choices and \
            normalize(given) not in {normalize(c) for c in question.choices}:
        return False, "not one of the listed choices"
    return False, note or WRONG


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
            results.append(QuestionResult(q.key, 0, q.points, FORMAT_OK if ok else WRONG_TYPE,
                                          GRADER_DECIDES if ok else note))
        elif q.kind == "findings" and type(given) is list and all(type(x) is str for x in given):
            results.append(_findings_result(q, given, expected[q.key]))
        else:
            exp = expected[q.key]
            ok, note = judge(q, given, exp)
            if ok:
                results.append(QuestionResult(q.key, q.points, q.points, CORRECT, CORRECT))
            else:
                verdict = WRONG_TYPE if note.startswith("wrong type") else WRONG
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
    """Is ``given`` of the type (and, for a choice, one of the choices) the question asks for?"""
    if question.kind == "record":
        if type(given) is not dict or set(given) != {name for name, _ in question.fields}:
            return False, f"wrong type: expected {question.type_hint}, got {_type_name(given)}"
        bad = [f"{name} ({note})" for name, kind in question.fields
               for ok, note in [_check_kind(kind, given[name], _example(kind))] if not ok and note]
        return (False, "wrong in: " + "; ".join(bad)) if bad else (True, "")
    ok, note = _check_kind(question.kind, given, _example(question.kind))
    if note:
        return False, note
    if question.kind == "choice" and question.choices and \
            normalize(given) not in {normalize(c) for c in question.choices}:
        return False, "not one of the listed choices"
    return True, ""


def _example(kind: str):
    """A value of the right type for ``kind``, to run a type check without an expected answer."""
    return {"date": date(2000, 1, 1), "optional-date": None, "int": 0, "bool": False, "set": [], "sequence": [],
            "optional-text": None, "findings": [], "some-of": []}.get(kind, "")
