"""``asylum-teach app deadlines``: the calculator and the appeal explorer for a projector, in Chromium.

The app is started with the CLI's own command line (Voila on loopback). The page must show both widgets
and no code at all, answer a change of date (INA 208(a)(2)(B); 8 C.F.R. 1208.4(a)(2)(ii): day 0 Wed
2020-01-01, anniversary Fri 2021-01-01 is New Year's Day, then a weekend: Mon 2021-01-04), fit at
1280x720 and 1920x1080 (screenshots in ``test-artifacts/``) and pass axe-core (no serious or critical
WCAG 2.1 AA problem).
"""

from __future__ import annotations

import json

import pytest

from tests.browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def app(chromium, tmp_path_factory):
    with harness.voila("deadlines", tmp_path_factory.mktemp("voila")) as url:
        yield url


def test_the_deadlines_app_shows_widgets_without_code_and_recomputes(app, page_at):
    page = page_at(1280, 720)
    try:
        page.goto(app, wait_until="domcontentloaded")
        calc = page.locator(".at-deadline-calculator").first
        calc.wait_for(timeout=120_000)
        page.locator(".at-appeals").first.wait_for(timeout=60_000)
        text = page.inner_text("body")
        assert "Not legal advice" in text
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeCell .cm-editor, .cm-content, .highlight").count() == 0
        assert "import " not in text and "DeadlineCalculator(" not in text and "Traceback" not in text
        for width, height in harness.SIZES:
            page.set_viewport_size({"width": width, "height": height})
            for selector in (".at-deadline-calculator", ".at-appeals"):
                widget = page.locator(selector).first
                widget.scroll_into_view_if_needed()
                assert not harness.clipping(widget), (selector, width)
                page.evaluate("el => el.scrollIntoView({block: 'start'})", widget.element_handle())
                harness.shot(page, f"voila-deadlines-{selector.strip('.')}-{width}x{height}")
        picker = calc.locator(".at-trigger-date input[type='date']").first
        picker.fill("2020-01-01")
        picker.dispatch_event("change")
        page.wait_for_function("() => [...document.querySelectorAll('.at-deadline-calculator .at-due')]"
                               ".some(e => e.textContent === 'Monday 4 January 2021')", timeout=30_000)
        problems = harness.axe_problems(page)
        assert not problems, json.dumps(problems, indent=1)
    except Exception:
        harness.shot(page, "voila-deadlines-FAILED")
        raise


def test_the_app_command_refuses_an_unknown_app_or_port():
    from asylum_teach.cli import main

    assert main(["app", "deadlines", "--port", "70000"]) == 2
    with pytest.raises(SystemExit):
        main(["app", "nonsense"])
