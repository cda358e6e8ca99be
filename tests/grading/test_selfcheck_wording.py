"""The self-check speaks to a law student (issue 14, items 3 and 4): each line says right, not answered yet,
or not yet and why, in the law's words; never "WRONG: wrong", a Python type's name or an API to call.

The hints themselves (each question's ``review``) are read here too: they name the law and the question
to ask of it, never the toolkit's functions.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from asylum_teach.grading.extraction import decode, encode
from asylum_teach.grading.scoring import score
from asylum_teach.grading.selfcheck import report_lines
from asylum_teach.grading.spec import exercise_ids, get_spec
from tests.grading.submissions import expected

#: How a hint would speak the API, not the law: a call, a class's attribute, a module path, a command.
API = re.compile(r"\b[a-z_]{3,}\(|\(\)|\b[A-Z][a-z]+[A-Z]\w*\.|\b[A-Z]\w+\.[a-z_]+\b|asylum_teach\.|asylum-teach |\b\w+_\w+\(|"
                 r"StageRecord|AppealAid|Screening|Timeline|Deadline\.")


def _report(answers: dict) -> str:
    spec = get_spec("deadlines")
    answers = {k: decode(encode(v)) for k, v in answers.items()}  # as the kernel reports them
    return "\n".join(report_lines(score(spec, answers, {}, expected("deadlines", "ada"))))


def test_each_line_says_right_or_not_yet_and_why():
    exp = expected("deadlines", "ada")
    wrong_day = exp["appeal_due"].replace(day=1 if exp["appeal_due"].day != 1 else 2)
    text = _report({"one_year_due": exp["one_year_due"].strftime("%B %d, %Y"),  # written out: right
                    "appeal_due": wrong_day,                                     # a date, not the right one
                    "pfr_due": "31/12/2026",                                     # cannot be read
                    "one_year_weekday": ...})                                    # blank
    flat = " ".join(text.split())
    assert "Q1 one_year_due right" in flat
    assert "Q4 appeal_due not yet: that is not what the law gives for your case Look again: The notice of appeal" \
        in flat, text
    assert "Q5 pfr_due not yet: I could not read this as a date: dates written in numbers are read month/day/year" \
        in flat, text
    assert "Q2 one_year_weekday not answered yet" in flat
    assert "WRONG" not in text and "wrong type" not in text and not re.search(r"\b(str|ellipsis|NoneType)\b", text)


@pytest.mark.parametrize("exercise", exercise_ids())
def test_every_hint_speaks_the_law_not_the_api(exercise):
    for q in get_spec(exercise).questions:
        assert q.review, f"{exercise}/{q.key}: no hint"
        assert not API.search(q.review), f"{exercise}/{q.key}: {q.review}"


def test_the_hint_that_named_the_api_now_asks_the_legal_question():
    review = get_spec("deadlines").question("pfr_roll_rule").review
    assert "federal holiday" in review and "CourtCalendar" not in review and "version_on" not in review
    assert date(2026, 1, 1)  # (a date, so this module's imports stay honest)


def test_in_a_notebook_the_report_is_a_table_in_words_with_every_text_escaped():
    """Issue 14, item 3: the self-check is student-facing output, so in a notebook it is HTML; an answer's
    own words (here markup a student typed) are shown as text, never as markup."""
    from asylum_teach.grading.selfcheck import report_html

    spec = get_spec("deadlines")
    exp = expected("deadlines", "ada")
    answers = {k: decode(encode(v)) for k, v in {"one_year_due": exp["one_year_due"],
                                                  "situation_rule": "<img src=x onerror=alert(1)>"}.items()}
    results = score(spec, answers, {}, exp)
    html = report_html("Check of 02_deadlines.ipynb: <b>", ["note <script>"], results)
    assert "<img" not in html and "<script>" not in html and "&lt;b&gt;" in html
    rows = re.findall(r"<tr><td[^>]*>(Q\d+)</td><td[^>]*><code>(\w+)</code></td><td[^>]*>(.*?)</td></tr>", html)
    assert [r[0] for r in rows] == [f"Q{i}" for i in range(1, len(spec.questions) + 1)]
    said = {key: text for _q, key, text in rows}
    assert said["one_year_due"] == "✓ right"
    assert said["situation_rule"].startswith("not yet")
    assert "checked answers right" in html
