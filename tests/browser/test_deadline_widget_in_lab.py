"""A real browser drives the deadline calculator in JupyterLab.

JupyterLab starts on a free localhost port, token-less, with its root in a scratch copy of the
deadline notebook (and scratch runtime and workspace folders), so nothing in the repository changes.
Debian's Chromium, driven by Playwright's Python API, runs the whole notebook, changes the date in the
calculator's date picker and checks the due date the widget shows.

Expected values, worked by hand (INA 208(a)(2)(B); 8 C.F.R. 1208.4(a)(2)(ii); Minasyan v. Mukasey):
* day 0 = Fri 2019-01-25: anniversary Sat 2020-01-25, roll to Mon 2020-01-27;
* day 0 = Wed 2020-01-01: anniversary Fri 2021-01-01 is New Year's Day, then a weekend: Mon 2021-01-04.

The screenshot goes to ``test-artifacts/browser-02-deadlines.png``. The test skips only when Chromium
is not installed (``make test`` installs it via scripts/system-deps.sh when it can).
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.lab import ARTIFACTS, ROOT, chromium_page, jupyter_lab, need_chromium, run_all

FIRST_DUE = "Monday 2020-01-27"
NEW_DAY0 = "2020-01-01"
NEW_DUE = "Monday 2021-01-04"

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    chromium = need_chromium()
    root = tmp_path_factory.mktemp("lab")
    shutil.copy2(ROOT / "notebooks" / "02_deadlines.ipynb", root / "02_deadlines.ipynb")
    with jupyter_lab(root) as url:
        yield url, chromium


def test_calculator_due_date_follows_the_date_picker(lab, tmp_path):
    from playwright.sync_api import expect

    url, chromium = lab
    with chromium_page(tmp_path / "profile", chromium, "02-deadlines") as page:
        run_all(page, url, "02_deadlines.ipynb")
        calc = page.locator(".at-deadline-calculator").first
        expect(calc).to_be_attached(timeout=90_000)
        calc.scroll_into_view_if_needed()
        due = calc.locator(".at-due").first
        expect(due).to_have_text(FIRST_DUE, timeout=60_000)

        picker = calc.locator(".at-trigger-date input[type='date']").first
        picker.fill(NEW_DAY0)
        picker.dispatch_event("change")
        expect(due).to_have_text(NEW_DUE, timeout=30_000)
        expect(calc.locator(".at-safe").first).to_have_text(NEW_DUE)
        calc.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "browser-02-deadlines.png"))
