"""Answers are read forgivingly where the law is not at stake, and never read two ways (issue 14, item 2).

The worked examples are in ``answers_read.yaml``, a table a law student can read: what was written and
what it is read as, or the sentence that says why it could not be read. They run as the kind ``answers`` of
the one worked-examples runner (tests/worked_examples.py). Each is read the way the grader
reads it: the value goes through the kernel's report (:mod:`.extraction`) and :func:`scoring.read_answer`,
the one reading that the grader, ``asylum-teach check`` and the self-check share.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from asylum_teach.grading.extraction import decode, encode
from asylum_teach.grading.scoring import judge
from asylum_teach.grading.spec import Question, get_spec

TABLE = yaml.safe_load((Path(__file__).with_name("answers_read.yaml")).read_text(encoding="utf-8"))
EXAMPLES = [(section, e) for section, rows in TABLE.items() for e in rows]
#: Words that would name a Python type to a student who never asked about types.
TYPE_NAMES = re.compile(r"\b(str|int|float|ellipsis|NoneType|datetime|tuple|Unsupported|Missing)\b|'(list|dict|date)'")


def _question(example) -> Question:
    if "question" in example:
        exercise, key = example["question"].split("/")
        return get_spec(exercise).question(key)
    return Question("answer", "?", example["kind"])


def _label(pair):
    section, e = pair
    return f"{e.get('question') or e['kind']}: {e['wrote']!r}"


def test_the_table_covers_every_form_the_brief_names():
    wrote = {str(e["wrote"]) for _, e in EXAMPLES}
    assert {"2026-08-10", "August 10, 2026", "Aug. 10, 2026", "10 August 2026", "8/10/2026", "Juneteenth", "MLK Day",
            "Presidents' Day", "Fourth of July", "Thanksgiving", "Christmas", "New Year's Day", "Columbus Day",
            "Indigenous Peoples' Day"} <= wrote


@pytest.mark.parametrize("wrote", ["8/10/2026", "August 10, 2026", "Aug. 10, 2026", "10 August 2026", date(2026, 8, 10)])
def test_every_spelling_of_the_right_date_scores_right_and_a_near_miss_does_not(wrote):
    q = get_spec("deadlines").question("appeal_due")
    assert judge(q, decode(encode(wrote)), date(2026, 8, 10)) == (True, "correct")
    assert judge(q, decode(encode(wrote)), date(2026, 10, 8))[0] is False  # 8/10 is never read as 10 August


@pytest.mark.parametrize("expected", [date(2026, 8, 13), date(2026, 1, 8), date(2026, 8, 1)])
def test_an_ambiguous_date_scores_wrong_whatever_the_answer(expected):
    q = get_spec("deadlines").question("appeal_due")
    for wrote in ("13/8/2026", "10.08.2026", "8/13/26", "Tuesday, August 13, 2026 or 14"):
        right, note = judge(q, wrote, expected)
        assert not right and note.startswith("I could not read this as a date"), (wrote, note)


def test_the_holiday_key_may_name_the_holiday_as_the_calendar_does():
    q = get_spec("deadlines").question("pfr_holiday")
    assert judge(q, "Juneteenth", ("Juneteenth National Independence Day",)) == (True, "correct")
    assert judge(q, "MLK day", ("Martin Luther King Jr. Day",)) == (True, "correct")
    assert judge(q, "Independence Day", ("Juneteenth National Independence Day",))[0] is False
    assert judge(q, None, ("Labor Day",))[0] is False and judge(q, "none", None) == (True, "correct")


def test_a_record_reads_its_parts_forgivingly():
    q = get_spec("deadlines").question("master_filing")
    expected = {"due": date(2026, 12, 14), "safe_date": date(2026, 12, 11)}
    assert judge(q, {"Due": "12/14/2026", "safe date": "December 11, 2026"}, expected) == (True, "correct")
    right, note = judge(q, {"due": "12/14/2026", "safe_date": "13/11/2026"}, expected)
    assert not right and note.startswith("not yet right: safe_date (I could not read this as a date")
    right, note = judge(q, ["12/14/2026"], expected)
    assert not right and note == 'I could not read this: write it in curly brackets, {"due": ..., "safe_date": ...}.'


def test_no_two_choices_of_any_question_read_alike():
    """A label that fitted two choices would let one answer be right two ways: the spec refuses it."""
    from asylum_teach.exceptions import GradingError

    with pytest.raises(GradingError, match="would read as two choices"):
        Question("c", "?", "choice", choices=("bia-appeal", "bia_appeal"))
    with pytest.raises(GradingError, match="would read as two choices"):
        Question("c", "?", "choice", choices=("a", "b"), labels=(("a", "Board"), ("b", "board")))
