"""The credibility lab (exercise 06): the solution earns every auto-graded point for 20 random student
ids, a blank earns none, the self-check decides nothing, and the answer key lives only with the instructor.

Random ids are drawn from a seeded generator (letters, digits, spaces, accents, punctuation), so the run
is the same every time but the ids are none a person chose. The solution's code is executed in-process,
as tests/grading/test_solutions_many_students.py does; the kernel path is in test_all_exercises.py.
"""

from __future__ import annotations

import random
import string

import pytest

from asylum_teach.grading.extraction import Missing, decode, encode
from asylum_teach.grading.scoring import CORRECT, FORMAT_OK, NOT_ANSWERED, score
from asylum_teach.grading.spec import get_spec
from tests.grading.submissions import ROOT, expected, load
from tests.grading.test_solutions_many_students import _run

SPEC = get_spec("credibility")
ALPHABET = string.ascii_letters + string.digits + " -_.'éñøç"
IDS = [("".join(random.Random(f"lab-{n}").choices(ALPHABET, k=random.Random(n).randint(3, 14)))).strip() or "x"
       for n in range(20)]


@pytest.mark.slow
@pytest.mark.parametrize("student", IDS)
def test_the_solution_earns_every_auto_point_for_a_random_id(student):
    ns = _run(load(ROOT / "solutions" / "06_credibility.ipynb"), student)
    answers = {q.key: decode(encode(ns[q.key])) for q in SPEC.questions}
    results = score(SPEC, answers, {}, expected("credibility", student))
    assert [r.key for r in results if r.verdict != CORRECT] == []
    assert sum(r.points for r in results) == SPEC.max_auto == 38


def test_a_blank_lab_earns_nothing():
    results = score(SPEC, {q.key: Missing() for q in SPEC.questions}, {}, expected("credibility", "blank"))
    assert sum(r.points for r in results) == 0 and {r.verdict for r in results} == {NOT_ANSWERED}
    untouched = _run(load(ROOT / "exercises" / "06_credibility.ipynb"), "blank")
    answers = {q.key: decode(encode(untouched[q.key])) for q in SPEC.questions}
    assert sum(r.points for r in score(SPEC, answers, {}, expected("credibility", "blank"))) == 0


def test_the_self_check_decides_no_answer_and_names_none():
    ns = _run(load(ROOT / "solutions" / "06_credibility.ipynb"), "ada")
    answers = {q.key: decode(encode(ns[q.key])) for q in SPEC.questions}
    results = score(SPEC, answers, {}, SPEC.engine_answers("ada"))
    assert {r.verdict for r in results} == {FORMAT_OK} and all(r.points == 0 for r in results)


def test_the_lab_is_per_student_and_the_key_is_not_in_the_package():
    keys = [expected("credibility", s)["discrepancies"] for s in ("ada", "ben", "chen")]
    assert keys[0] != keys[1] != keys[2]
    package = ROOT / "asylum_teach"
    assert not list(package.rglob("keys/credibility.py"))
    assert "def compute" not in (package / "grading" / "exercises" / "credibility.py").read_text()
