"""A real browser through notebook 07 and exercise 06 in JupyterLab. Notebook 07 runs whole and a student
plays the hearing rehearsal with the keyboard alone (focus a question's button, press Enter) to the
debrief; exercise 06 runs whole, shows the student's own numbered case file and the self-check's verdict
on an untouched lab (every question not answered). The session's JupyterLab and Chromium serve both
(tests/browser/conftest.py).

The screenshots go to ``test-artifacts/browser-07-rehearsal*.png``.
"""

from __future__ import annotations

import pytest

from tests.browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


def test_notebook_07_runs_and_the_rehearsal_is_played_with_the_keyboard(lab, page_at):
    from playwright.sync_api import expect

    from asylum_teach.model.case_record import worked_example
    from asylum_teach.reasoning.rehearsal import rehearsal

    steps = len(rehearsal(worked_example("2026-12-01")).beats)
    page = page_at(1400, 1000)
    try:
        with harness.evidence_on_failure(page, "browser-07-rehearsal"):
            harness.run_notebook(page, lab, "07_the_merits.ipynb")
            widget = page.locator(".at-rehearsal").first
            expect(widget).to_be_attached(timeout=120_000)
            expect(page.locator(".at-case-file .at-paragraph").first).to_be_attached(timeout=30_000)
            widget.scroll_into_view_if_needed()
            for n in range(1, steps + 1):
                buttons = widget.locator(".at-rehearsal-question button")
                expect(buttons).to_have_count(3, timeout=30_000)
                if n == 1:
                    widget.locator(".at-rehearsal-question").scroll_into_view_if_needed()
                    harness.shot(page, "browser-07-rehearsal-questions")
                buttons.nth(1).focus()  # a keyboard user reaches the second question
                page.keyboard.press("Enter")
                expect(widget.locator(f".at-step-{n} .at-outcome")).to_be_attached(timeout=30_000)
            expect(widget.locator(".at-rehearsal-debrief")).to_contain_text("Debrief", timeout=30_000)
            expect(widget.locator(".at-rehearsal-debrief")).to_contain_text("strongest credibility attack")
            widget.scroll_into_view_if_needed()
            harness.shot(page, "browser-07-rehearsal")
    finally:
        harness.shutdown_kernels(lab)


def test_exercise_06_shows_the_case_file_and_the_self_check(lab, page_at):
    from playwright.sync_api import expect

    from asylum_teach.grading.exercises.credibility import case_file

    first = case_file("demo").documents[0].paragraphs[0]
    page = page_at(1400, 1000)
    try:
        with harness.evidence_on_failure(page, "browser-06-credibility"):
            harness.run_notebook(page, lab, "exercises/06_credibility.ipynb")
            paragraph = page.locator(f".at-case-file .at-paragraph#{first.id}").first
            expect(paragraph).to_be_attached(timeout=120_000)
            expect(paragraph).to_contain_text(first.text[:40])
            check = page.locator(".jp-Cell", has_text="Self-check").last
            output = page.locator(".jp-OutputArea-output", has_text="not answered").last
            expect(output).to_be_attached(timeout=120_000)
            expect(output).to_contain_text("discrepancies")
            check.scroll_into_view_if_needed()
            harness.shot(page, "browser-06-credibility")
    finally:
        harness.shutdown_kernels(lab)
