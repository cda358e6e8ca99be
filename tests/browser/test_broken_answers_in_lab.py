"""In JupyterLab, Run All goes past a blank and a broken answer to the self-check (issue 14, item 2).

A student's exercise 2 with Q1 left blank, Q2 computed from the blank Q1, and Q10 written without quotes
(``situation_rule = filing-before-individual``) used to stop Run All at Q2 with a TypeError about
'ellipsis'. Now each broken answer cell says why in one sentence, and the self-check at the end runs and
says the same thing about the saved notebook. The screenshot goes to
``test-artifacts/browser-02-broken-answers.png``.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

ANSWERS = {"one_year_weekday": "one_year_weekday = dates.weekday(one_year_due)",
           "situation_rule": "situation_rule = filing-before-individual"}
SAID = {"one_year_weekday": "it uses your answer to Q1 (one_year_due), which is still blank",
        "situation_rule": 'text needs quotes, e.g. "filing-before-individual"'}


@pytest.fixture(scope="module")
def broken(chromium, tmp_path_factory):
    """JupyterLab serving exercise 2 with a blank Q1, a Q2 computed from it and an unquoted Q10; yields its URL."""
    root = tmp_path_factory.mktemp("broken")
    nb = nbformat.read(harness.ROOT / "exercises" / "02_deadlines.ipynb", as_version=4)
    for cell in nb.cells:
        for key, source in ANSWERS.items():
            if f"answer:{key}" in cell.metadata.get("tags", []):
                cell.source = source
    nbformat.write(nb, str(root / "02_deadlines.ipynb"))
    with harness.jupyterlab(root) as url:
        yield url


def test_run_all_reaches_the_self_check_past_blank_and_broken_answers(broken, page_at):
    from playwright.sync_api import expect

    page = page_at(1400, 1000)
    with harness.evidence_on_failure(page, "browser-02-broken-answers"):
        harness.run_notebook(page, broken, "02_deadlines.ipynb")  # every cell runs, and none with an error
        check = page.locator(".jp-OutputArea-output", has_text="Check of").first
        expect(check).to_be_attached(timeout=120_000)  # Run All got to the last cell
        expect(check).to_contain_text("checked answers right", timeout=120_000)
        report = check.inner_text()
        for key, words in SAID.items():
            cell = page.locator(f".jp-CodeCell:has(.jp-InputArea :text('{ANSWERS[key][:20]}'))").first
            expect(cell.locator(".jp-OutputArea-output")).to_contain_text(words)
            assert f"{key} not yet: Python could not" in " ".join(report.split()), report  # wrapped between words
            assert words in " ".join(report.split()), report
        assert "Traceback" not in page.locator(".jp-Notebook").first.inner_text()
        assert "'ellipsis'" not in report and "WRONG" not in report
        check.scroll_into_view_if_needed()
        harness.shot(page, "browser-02-broken-answers")
