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


@pytest.mark.slow
def test_a_graded_lab_gets_its_brief_marked_criterion_by_criterion(tmp_path):
    """The written paragraph goes through issue 12's rubric path: grade, then mark each criterion."""
    import csv

    from asylum_teach.cli import main
    from asylum_teach.grading.rubric import answers, mark

    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ada.ipynb").write_text((ROOT / "solutions" / "06_credibility.ipynb").read_text())
    out = tmp_path / "out"
    assert main(["grade", str(ROOT / "exercises" / "06_credibility.ipynb"), str(subs), "--out", str(out),
                 "--workers", "1", "--no-progress", "--timeout", "60"]) == 0
    (written,) = [a for a in answers(out) if a.student == "ada"]
    assert written.question.key == "w_brief" and "totality of the circumstances" in written.text
    assert len(written.question.criteria) == 6
    mark(out, "ada", "w_brief", [1, 1, 1, 1, 0.5, 1], comment="Cite the circuit's notice rule by name.")
    with open(out / "grades.csv", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["student"] == "ada")
    assert row["auto_score"] == "38" and row["manual_score"] == "5.5" and row["total"] == "43.5"
