"""A real browser marks a written answer with the rubric-marking notebook, and the gradebook it writes is
the one ``asylum-teach rubric`` writes for the same marks (issue #12, item 7).

A class of two (ada: the solution, with a written answer full of markup; ben: untouched) is graded into
``graded/deadlines`` next to a copy of ``solutions/marking/rubric_marking.ipynb`` (its default folder).
Chromium runs the notebook, picks ada's ``w_safe_date``, checks that her answer shows as text, enters a
score and a comment per criterion and an overall comment, and saves. A copy of the same graded folder
marked with the CLI must then hold the same rubric rows, grades.csv, class report and feedback page.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from asylum_teach.grading.report import INDEX, feedback_path
from tests.browser import harness
from tests.grading.submissions import EXERCISE, SOLUTION

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

MARKS = ["1", "0.5", "1", "0"]
NOTES = ["cites the manual", "", "good advice", "<b>tidy up</b>"]
COMMENT = "Clear; say which date to file by."
ANSWER = "<script>alert(1)</script> The manual counts back 15 days **from** the hearing."


@pytest.fixture(scope="module")
def marking(chromium, tmp_path_factory):
    """JupyterLab serving the marking notebook beside a graded class; yields (url, root)."""
    root = tmp_path_factory.mktemp("marking")
    subs = root / "subs"
    subs.mkdir()
    nb = json.loads(SOLUTION.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "written:w_safe_date" in cell["metadata"].get("tags", []):
            cell["source"] = ANSWER
    (subs / "ada.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (subs / "ben.ipynb").write_text(EXERCISE.read_text(encoding="utf-8"), encoding="utf-8")
    out = root / "graded" / "deadlines"
    cli("grade", "deadlines", subs, "--out", out, "--no-progress", "--timeout", "60")
    shutil.copytree(out, root / "by-cli")
    shutil.copy2(harness.ROOT / "solutions" / "marking" / "rubric_marking.ipynb", root / "rubric_marking.ipynb")
    with harness.jupyterlab(root) as url:
        yield url, root


def cli(*args) -> None:
    """``asylum-teach ARGS`` in a process of its own: the session's Playwright leaves an event loop marked
    running in this one, which the grader's kernel runner refuses to share."""
    done = subprocess.run([sys.executable, "-m", "asylum_teach", *map(str, args)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr


def _rows(out):
    db = sqlite3.connect(out / "gradebook.sqlite")
    return (db.execute("SELECT * FROM rubric_criteria ORDER BY student, question, criterion").fetchall(),
            db.execute("SELECT * FROM rubric_scores ORDER BY student, question").fetchall())


def test_marking_in_the_browser_writes_what_the_cli_writes(marking, page_at):
    from playwright.sync_api import expect

    url, root = marking
    page = page_at(1400, 1000)
    with harness.evidence_on_failure(page, "browser-rubric-marking"):
        harness.run_notebook(page, url, "rubric_marking.ipynb")
        panel = page.locator(".at-marking").first
        expect(panel).to_be_attached(timeout=90_000)
        panel.scroll_into_view_if_needed()
        panel.locator(".at-student select").select_option("ada")
        panel.locator(".at-question select").select_option("w_safe_date")
        answer = panel.locator(".at-answer pre").first
        expect(answer).to_have_text(ANSWER, timeout=30_000)  # the markup shows as text
        assert panel.locator(".at-answer script").count() == 0
        for n, (points, note) in enumerate(zip(MARKS, NOTES), 1):
            box = panel.locator(f".at-criterion-{n} input").first
            box.fill(points)
            box.press("Tab")
            text = panel.locator(f".at-note-{n} input").first
            text.fill(note)
            text.press("Tab")
        comment = panel.locator(".at-comment textarea").first
        comment.fill(COMMENT)
        comment.press("Tab")
        panel.locator(".at-save button, button.at-save").first.click()
        expect(panel.locator(".at-status")).to_contain_text("saved: ada w_safe_date 2.5/4", timeout=30_000)
        harness.shot(page, "browser-rubric-marking")

    by_browser, by_cli = root / "graded" / "deadlines", root / "by-cli"
    notes = [a for n, text in enumerate(NOTES, 1) if text for a in ("--note", f"{n}={text}")]
    cli("rubric", by_cli, "ada", "w_safe_date", *MARKS, *notes, "--comment", COMMENT)
    assert _rows(by_browser) == _rows(by_cli)
    assert _rows(by_browser)[1][0][3:] == (2.5, 4.0, COMMENT)
    for name in ("grades.csv", INDEX):
        assert (by_browser / name).read_text(encoding="utf-8") == (by_cli / name).read_text(encoding="utf-8")
    assert feedback_path(by_browser, "ada").read_text(encoding="utf-8") == \
        feedback_path(by_cli, "ada").read_text(encoding="utf-8")
