"""Attacks on the instructor: their browser, terminal and spreadsheet (issue #12, item 3).

* Feedback pages loaded MathJax from the web, so ``$...$`` in an error message typeset live links and a
  fake "Grade corrected".
* ``rubric OUT`` printed raw terminal escapes from a written answer (line overwrite, window title, OSC 52
  clipboard).
* CSV formula cells were checked on the first character only.
* Canvas matching used ``casefold``, so a file named ``ſam`` overwrote sam's Canvas score.
* ``ada~lee`` and ``ada_lee`` shared a feedback page.
* Pygments highlighting of hostile text cost about 40 s of grader CPU per submission.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import unicodedata

import pytest

from asylum_teach.cli import main
from asylum_teach.grading import feedback
from asylum_teach.grading.records import GradedSubmission, Status
from asylum_teach.grading.report import INDEX, feedback_path
from asylum_teach.grading.scoring import QuestionResult
from asylum_teach.grading.spec import get_spec
from asylum_teach.safetext import csv_cell, page_name, terminal
from tests.grading.submissions import EXERCISE, SOLUTION, load, replace

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

MATH = r"$\href{https://evil.example}{\text{Grade corrected: 11/11}}$"
ESCAPES = "\x1b[2K\r\x1b[1A\x1b]0;owned\x07\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m"
SEPARATORS = [",", ";", "\t", "|"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("output")
    subs, out = base / "subs", base / "out"
    subs.mkdir()
    solution = SOLUTION.read_text(encoding="utf-8")
    nb = replace(load(SOLUTION), "pfr_holiday", f'pfr_holiday = r"{MATH}"')  # shown in the answer's source
    for cell in nb["cells"]:
        if "written:w_safe_date" in cell["metadata"].get("tags", []):
            cell["source"] = "A long answer that goes well past seventy characters, to be read whole. " + ESCAPES + \
                             " And it ends here, after the escapes."
    (subs / "typeset.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    for name in ("ada~lee", "ada_lee", "sam", "ſam", "=HYPERLINK(1)", "@SUM(1)", "x,=1+1", "x;=1+1", "x|=1+1",
                 "x -cmd", "x\uff1d1"):
        blank = name in ("ada_lee", "ſam")  # an untouched exercise: 0 points, unlike its look-alike
        (subs / f"{name}.ipynb").write_text(EXERCISE.read_text(encoding="utf-8") if blank else solution,
                                            encoding="utf-8")
    roster = base / "canvas.csv"
    login = unicodedata.normalize("NFD", "jos\u00e9")  # a Canvas export in NFD; the file name is NFC
    (subs / f"{unicodedata.normalize('NFC', login)}.ipynb").write_text(solution, encoding="utf-8")
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section,Exercise 2 (77)\n"
                      "    Points Possible,,,,,15\n"
                      f"\"Sam, Sam\",201,S201,sam,Clinic,\n\"José\",202,S202,{login},Clinic,\n", encoding="utf-8")
    code = main(["grade", "deadlines", str(subs), "--out", str(out), "--workers", "2", "--no-progress",
                 "--timeout", "60", "--canvas", str(roster), "--canvas-column", "Exercise 2 (77)"])
    return {"code": code, "out": out}


def test_feedback_pages_are_self_contained_and_typeset_nothing(graded):
    html = feedback_path(graded["out"], "typeset").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html.lower() and "mathjax" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing loaded from anywhere
    assert "$\\href{https://evil.example}" in html  # the student's text, shown as text


def test_every_page_including_the_class_report_loads_nothing(graded):
    for path in [graded["out"] / INDEX, *(graded["out"] / "feedback").glob("*.html")]:
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html.lower() and "http://" not in html and "https://" not in html.replace(
            "https://evil.example", ""), path.name


def test_rubric_listing_shows_the_whole_answer_without_terminal_escapes(graded, capsys):
    assert main(["rubric", str(graded["out"])]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\r" not in out
    assert "\\x1b]52;c;cm0gLXJmIH4=\\x07" in out  # visible, harmless
    assert "to be read whole." in out and "after the escapes." in out  # not cut at 70 characters


def test_terminal_text_keeps_no_control_character():
    hostile = "".join(chr(c) for c in range(0x00, 0xA0)) + "\u202e\u2066\u200b\ufeff\ud800"
    shown = terminal(hostile)
    assert all(c.isprintable() for c in shown), [c for c in shown if not c.isprintable()]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_no_csv_field_starts_a_formula_whatever_the_separator(graded, separator):
    """Read grades.csv and canvas.csv as a spreadsheet would with each separator: no field may start
    (after spaces and quotes) with a formula character."""
    for name in ("grades.csv", "canvas.csv"):
        text = (graded["out"] / name).read_text(encoding="utf-8")
        for row in csv.reader(io.StringIO(text), delimiter=separator):
            for field in row:
                start = field.lstrip(" \"'")
                if field.lstrip(" \"")[:1] == "'":
                    continue
                assert not start[:1] or start[:1] not in "=+-@\uff1d\uff0b\uff0d\uff20", (name, separator, field)


@pytest.mark.parametrize("separator", SEPARATORS + ["\n", "\r"])
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\uff1d"])
def test_csv_cell_neutralises_a_formula_after_each_separator(separator, start):
    cell = csv_cell(f"ada{separator} \"{start}cmd|' /C calc'!A0")
    assert f"'{start}cmd" in cell


def test_canvas_matching_is_exact_after_nfc(graded):
    rows = list(csv.reader(io.StringIO((graded["out"] / "canvas.csv").read_text(encoding="utf-8"))))
    assert rows[0][-1] == "Exercise 2 (77)"
    scores = {r[3]: r[-1] for r in rows[2:]}
    assert scores["sam"] == "11"  # sam's own grade, not ſam's (casefold would make them one)
    assert scores[unicodedata.normalize("NFD", "jos\u00e9")] == "11"  # NFD login, NFC file name


def test_ids_that_clean_up_alike_get_pages_of_their_own(graded):
    one, two = feedback_path(graded["out"], "ada~lee"), feedback_path(graded["out"], "ada_lee")
    assert one != two and page_name("ada~lee") != page_name("ada_lee")
    assert "11 / 11" in one.read_text(encoding="utf-8") and "0 / 11" in two.read_text(encoding="utf-8")


def test_hostile_text_renders_in_well_under_a_second():
    """What Pygments spent ~40 s on: long lines of nested brackets, quotes and escapes."""
    spec = get_spec("deadlines")
    hostile = ("(" * 5000 + "'''\\" + "[{" * 5000 + "\n") * 20 + "\x00" * 1000
    results = tuple(QuestionResult(q.key, 0, q.points, "wrong", "wrong") for q in spec.questions)
    graded = GradedSubmission("eve", "eve.ipynb", Status.OK, results, (hostile[:400],),
                              {"w_safe_date": hostile}, {q.key: hostile for q in spec.questions})
    started = time.process_time()
    html = feedback.render(spec, graded, {})
    assert time.process_time() - started < 1.0
    assert "more characters not shown" in html and len(html) < 2_000_000
