"""The feedback page speaks to the student: each verdict in words, never the gradebook's code word
(issue 14, item 2: the self-check said "WRONG: wrong"; the page said "wrong" and "answer cell problem")."""

from __future__ import annotations

import re

import pytest

from asylum_teach.grading import feedback
from asylum_teach.grading.records import GradedSubmission, Status
from asylum_teach.grading.scoring import QuestionResult
from asylum_teach.grading.spec import get_spec

# verdict in the gradebook -> what the student reads beside the question
WORDS = [
    ("correct", "right"),
    ("wrong", "not yet right"),
    ("not answered", "not answered"),
    ("could not read", "could not be read"),
    ("answer cell problem", "the answer cell did not run"),
]


@pytest.mark.parametrize("verdict, said", WORDS)
def test_each_verdict_reads_as_words(verdict, said):
    spec = get_spec("deadlines")
    q = spec.questions[0]
    points = q.points if verdict == "correct" else 0
    graded = GradedSubmission("ada", "ada.ipynb", Status.OK, (QuestionResult(q.key, points, q.points, verdict, ""),),
                              (), {}, {})
    html = feedback.render(spec, graded, {})
    heading = re.search(r"<h2>Q1 .*?</h2>", html, re.S).group(0)
    assert f">{said}</span>" in heading, heading
