"""Scoring, extraction and rebuilding, without running any notebook (fast)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from asylum_teach.grading.extraction import Missing, Unsupported, decode, encode, parse_payload
from asylum_teach.grading.rebuild import read_master, read_submission
from asylum_teach.grading.scoring import GENERIC_HINT, judge, safe_hint, score
from asylum_teach.grading.spec import Question, exercise_ids, get_spec, seed_for
from asylum_teach.law.engine import deadline_for
from tests.grading.submissions import EXERCISE, SOLUTION, cell_of, load
from tests.grading.submissions import expected as answer_expected

SPEC = get_spec("deadlines")


class AlwaysEqual:
    def __eq__(self, other):
        return True


class SneakyStr(str):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value, expected", [
    (date(2027, 1, 4), {"$date": "2027-01-04"}),
    ("Monday", "Monday"),
    (3, 3),
    (True, True),
    (None, None),
    ({"due": date(2026, 1, 2)}, {"due": {"$date": "2026-01-02"}}),
    ((1, "a"), [1, "a"]),
    (AlwaysEqual(), {"$unsupported": "AlwaysEqual"}),
    (SneakyStr("x"), {"$unsupported": "SneakyStr"}),
    (float("nan"), {"$unsupported": "non-finite float"}),
    (..., {"$unsupported": "ellipsis"}),
])
def test_encode_accepts_exact_types_only(value, expected):
    assert encode(value) == expected


def test_decode_is_strict_data_only():
    assert decode({"$date": "2027-02-30"}) == Unsupported("bad date")
    assert decode({"$missing": True}) == Missing()
    assert decode({"$date": "2027-02-03", "x": 1}) == {"$date": "2027-02-03", "x": 1}  # not a date
    assert parse_payload('{"key": "q", "value": NaN}') is None
    assert parse_payload("x" * 30000) is None
    assert parse_payload(json.dumps({"key": "q", "value": 1, "extra": 2})) is None


def test_judge_checks_types_exactly():
    q = Question("d", "?", "date")
    assert judge(q, date(2027, 1, 4), date(2027, 1, 4)) == (True, "correct")
    assert judge(q, Unsupported("AlwaysEqual"), date(2027, 1, 4))[0] is False
    assert judge(Question("n", "?", "int"), True, 1)[0] is False  # a bool is not an int
    t = Question("c", "?", "text")
    assert judge(t, "ina 242(b)(1)", ("INA 242(b)(1)",))[0] is True
    assert judge(t, "INA 242", ("INA 242(b)(1)",))[0] is False
    o = Question("h", "?", "optional-text")
    assert judge(o, None, None)[0] is True and judge(o, None, ("Veterans Day",))[0] is False
    r = Question("m", "?", "record", fields=(("due", "date"), ("safe_date", "date")))
    assert judge(r, {"due": date(2026, 1, 2)}, {"due": date(2026, 1, 2), "safe_date": date(2026, 1, 1)}) == (
        False, "not yet right: safe_date (missing)")


def test_hint_never_contains_the_answer():
    assert safe_hint("Look at rule bia-appeal.", ("bia-appeal",)) == GENERIC_HINT
    assert safe_hint("Due on 2027-01-04.", date(2027, 1, 4)) == GENERIC_HINT
    assert safe_hint("Due on January 4.", date(2027, 1, 4)) == GENERIC_HINT
    assert safe_hint("Look at rule bia-appeal.", ("petition-for-review",)) == "Look at rule bia-appeal."


@pytest.mark.parametrize("exercise", exercise_ids())
@pytest.mark.parametrize("student", ["ada", "ben", "x-17"])
def test_no_review_hint_reveals_an_expected_answer(exercise, student):
    spec = get_spec(exercise)
    expected = answer_expected(exercise, student)
    results = score(spec, {}, {}, expected)
    for r in results:
        assert r.verdict == "not answered"
        assert safe_hint(r.review, expected[r.key]) == r.review


def test_expected_answers_match_the_engine_directly():
    """Cross-check the spec against the engine for one student (the spec adds no law of its own)."""
    from asylum_teach.grading.exercises.deadlines import scenario

    s = scenario("ada")
    exp = answer_expected("deadlines", "ada")
    assert exp["one_year_due"] == deadline_for("one-year-asylum", s.last_arrival_on, as_of="2026-09-01").due
    assert exp["pfr_due"] > s.bia_decision_on + (exp["pfr_due"] - exp["pfr_due"])
    assert (exp["pfr_due"] - s.bia_decision_on).days > 30  # the 30th day was a holiday, so it rolled
    assert exp["pfr_holiday"] is not None


def test_seeds_differ_per_student_and_exercise():
    assert seed_for("deadlines", "ada") != seed_for("deadlines", "ben")
    assert seed_for("deadlines", "ada") != seed_for("capstone", "ada")
    assert answer_expected("deadlines", "ada") != answer_expected("deadlines", "ben")


def test_read_submission_notes_broken_cells():
    master = read_master(EXERCISE)
    nb = load(SOLUTION)
    cell_of(nb, "appeal_due")["metadata"]["tags"] = ["answer:pfr_due"]
    cell_of(nb, "pfr_holiday")["cell_type"] = "markdown"
    sub = read_submission(json.dumps(nb).encode(), SPEC, master)
    assert sub.problems["appeal_due"].startswith("the cell for `appeal_due` lost its tag `answer:appeal_due`")
    assert "the tag `answer:pfr_due` is on 2 cells" in sub.problems["pfr_due"]
    assert "no longer a code cell" in sub.problems["pfr_holiday"]
    assert "one_year_due" in sub.answers and sub.invalid is None


def test_a_cell_that_lost_its_tag_is_found_by_its_id_and_named():
    master = read_master(EXERCISE)
    nb = load(SOLUTION)
    cell_of(nb, "one_year_due")["metadata"]["tags"] = []
    sub = read_submission(json.dumps(nb).encode(), SPEC, master)
    assert "one_year_due" in sub.answers and "one_year_due" not in sub.problems
    assert sub.notices == ["the cell for `one_year_due` lost its tag `answer:one_year_due`; it was found by its "
                           "cell id and graded: put the tag back"]
    nb["cells"] = [c for c in nb["cells"] if c.get("metadata", {}).get("tags") != []] + [
        {"cell_type": "code", "id": "someone-else", "metadata": {}, "source": "one_year_due = 1", "outputs": [],
         "execution_count": None}]
    sub = read_submission(json.dumps(nb).encode(), SPEC, master)
    assert sub.problems["one_year_due"].startswith("the cell for `one_year_due` lost its tag `answer:one_year_due` "
                                                    "and its cell id")
    assert sub.problems["one_year_due"].endswith("the grader will not see it: scored 0")


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"cells": 5}', b"\x00\xff", b'{"cells": [' * 100000])
def test_read_submission_never_raises_on_garbage(content):
    assert read_submission(content, SPEC, read_master(EXERCISE)).invalid


def test_lone_surrogates_in_a_submission_are_stored_escaped():
    nb = load(SOLUTION)
    for cell in nb["cells"]:
        if "written:w_safe_date" in cell["metadata"].get("tags", []):
            cell["source"] = "bad \ud800 text"
    text = json.dumps(nb)  # JSON may carry a lone surrogate as an escape
    assert "\\ud800" in text
    sub = read_submission(text.encode(), SPEC, read_master(EXERCISE))
    assert sub.written["w_safe_date"] == "bad \\ud800 text"
    sub.written["w_safe_date"].encode("utf-8")


def test_exercise_master_stores_no_answers():
    text = EXERCISE.read_text()
    for sid in ("demo", "ada"):
        for value in answer_expected("deadlines", sid).values():
            if isinstance(value, date):
                assert value.isoformat() not in text
    assert '"solution": true' not in text


def test_six_exercises_each_with_six_auto_and_one_written_question():
    assert exercise_ids() == ["appeals", "capstone", "credibility", "deadlines", "hearing", "pathway"]
    for exercise in exercise_ids():
        spec = get_spec(exercise)
        assert len(spec.questions) >= 6 and len(spec.written) >= 1, exercise
        assert len({q.kind for q in spec.questions}) >= 3, exercise  # a mix of answer types


@pytest.mark.parametrize("exercise", exercise_ids())
def test_expected_answers_vary_by_student(exercise):
    answers = [answer_expected(exercise, s) for s in ("ada", "ben", "chen", "dan")]
    assert any(a != answers[0] for a in answers[1:])


def test_every_court_an_exercise_draws_is_known():
    from asylum_teach.grading.exercises import appeals, hearing
    from asylum_teach.model.courts import find_court

    for name in set(appeals.COURTS) | set(hearing.COURTS):
        assert find_court(name)


# ------------------------------------------------------------------------------------ the credibility lab's kinds
@pytest.mark.parametrize("given, expected, right", [
    (["EV-1"], ["EV-1", "EV-2"], True),           # some of the right ones is enough
    (["ev 1", "EV-2"], ["EV-1", "EV-2"], True),   # spelled forgivingly
    (["EV-1", "EV-4"], ["EV-1", "EV-2"], False),  # but never a wrong one
    ([], ["EV-1"], False),                        # and never none
])
def test_some_of_is_at_least_one_and_only_right_ones(given, expected, right):
    from asylum_teach.grading.spec import Question

    assert judge(Question("c", "?", "some-of"), given, expected)[0] is right


def test_findings_earn_partial_points_and_the_note_names_no_answer():
    from asylum_teach.grading.spec import get_spec
    from asylum_teach.model.case_record import credibility_lab_record

    spec = get_spec("credibility")
    q = spec.question("discrepancies")
    record = credibility_lab_record("partial", "2026-12-01")
    planted = [{"deviating": d.deviating, "paragraphs": list(d.paragraphs), "kind": d.kind,
                "materiality": d.materiality, "explanation": d.explanation, "cue": d.cue} for d in record.discrepancies]
    d = record.discrepancies[0]
    (result,) = [r for r in score(spec, {"discrepancies": [f"{d.deviating} {d.contradicted[0]} {d.kind}"]}, {},
                                  {"discrepancies": planted}) if r.key == "discrepancies"]
    assert 0 < result.points < q.points and result.verdict == "wrong" and "1 of 5 discrepancies found" in result.note
    assert d.deviating not in result.note + result.review
    (typed,) = [r for r in score(spec, {"discrepancies": 5}, {}, {"discrepancies": planted})
                if r.key == "discrepancies"]
    assert typed.verdict == "could not read" and typed.points == 0 and typed.note.startswith("I could not read")
