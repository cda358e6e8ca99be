"""A real browser through notebook 07 in JupyterLab: the whole notebook runs, and a student plays the
hearing rehearsal with the keyboard alone (focus a question's button, press Enter) to the debrief. One
JupyterLab serves every test of this module (tests/browser/lab.py).

The screenshots go to ``test-artifacts/browser-07-rehearsal*.png``.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.lab import ARTIFACTS, ROOT, chromium_page, jupyter_lab, need_chromium, run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    chromium = need_chromium()
    root = tmp_path_factory.mktemp("lab")
    shutil.copy2(ROOT / "notebooks" / "07_the_merits.ipynb", root / "07_the_merits.ipynb")
    with jupyter_lab(root) as url:
        yield url, chromium


def test_notebook_07_runs_and_the_rehearsal_is_played_with_the_keyboard(lab, tmp_path):
    from playwright.sync_api import expect

    from asylum_teach.model.case_record import credibility_lab_record
    from asylum_teach.reasoning.rehearsal import rehearsal

    url, chromium = lab
    steps = len(rehearsal(credibility_lab_record("notebook-07", "2026-12-01")).beats)
    with chromium_page(tmp_path / "profile", chromium, "07-rehearsal") as page:
        run_all(page, url, "07_the_merits.ipynb")
        widget = page.locator(".at-rehearsal").first
        expect(widget).to_be_attached(timeout=120_000)
        expect(page.locator(".at-case-file .at-paragraph").first).to_be_attached(timeout=30_000)
        widget.scroll_into_view_if_needed()
        for n in range(1, steps + 1):
            buttons = widget.locator(".at-rehearsal-question button")
            expect(buttons).to_have_count(3, timeout=30_000)
            if n == 1:
                widget.locator(".at-rehearsal-question").scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / "browser-07-rehearsal-questions.png"))
            buttons.nth(1).focus()  # a keyboard user reaches the second question
            page.keyboard.press("Enter")
            expect(widget.locator(f".at-step-{n} .at-outcome")).to_be_attached(timeout=30_000)
        expect(widget.locator(".at-rehearsal-debrief")).to_contain_text("Debrief", timeout=30_000)
        expect(widget.locator(".at-rehearsal-debrief")).to_contain_text("strongest credibility attack")
        widget.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "browser-07-rehearsal.png"))
