"""The built course (``asylum-teach course build``) with the network off, in Chromium.

Every request that is not a local file is blocked and recorded. Each page must then draw its widgets
from the saved state with the bundled widget manager (no CDN), the checks must answer a click with
their feedback (the feedback panels are linked in the page, no kernel needed), the index must link
every notebook and exercise, and axe-core must find no serious or critical WCAG 2.1 AA problem on any
page. Screenshots at 1280x720 and 1920x1080 go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser import harness
from tests.course_build import built_course

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("course")]


def _offline(page):
    blocked = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return blocked


@pytest.fixture(scope="module")
def course():
    built = built_course()
    failed = {n: b.error for n, b in built.built.items() if b.error}
    assert not failed, failed
    return built.out


def _wait_for_widgets(page) -> None:
    page.wait_for_function("() => document.querySelectorAll('.jupyter-widgets .widget-html, .widget-radio-box, "
                           ".widget-toggle-buttons').length > 0", timeout=60_000)


def test_index_links_every_notebook_and_exercise_and_passes_axe(course, page_at):
    page = page_at(1280, 720)
    blocked = _offline(page)
    page.goto((course / "index.html").as_uri())
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    pages = sorted(p.name for p in course.glob("[0-9]*.html"))
    exercises = sorted(p.name for p in (course / "exercises").glob("*.html"))
    assert pages and exercises
    assert set(pages) <= set(links) and {f"exercises/{e}" for e in exercises} <= set(links)
    assert all((course / href).exists() for href in links if not href.startswith("http"))
    assert "**" not in page.inner_text("body")  # markdown is rendered, not shown raw
    assert not harness.axe_problems(page)
    for width, height in harness.SIZES:
        page.set_viewport_size({"width": width, "height": height})
        harness.shot(page, f"course-index-{width}x{height}")
    assert not blocked


@pytest.mark.parametrize("name", ["00_start_here", "00b_python_for_this_course", "01_pathway_choice", "02_deadlines",
                                  "03_hearing_stages", "04_appeals", "05_capstone_case_file", "06_outcomes_data",
                                  "07_the_merits"])
def test_course_page_draws_its_widgets_offline_and_passes_axe(course, page_at, name):
    page = page_at(1280, 720)
    blocked = _offline(page)
    page.goto((course / f"{name}.html").as_uri())
    _wait_for_widgets(page)
    page.wait_for_timeout(500)
    body = page.inner_text("body")
    assert "Error displaying widget" not in body and "Not legal advice" in body
    problems = harness.axe_problems(page)
    assert not problems, json.dumps(problems, indent=1)
    for width, height in harness.SIZES:
        page.set_viewport_size({"width": width, "height": height})
        widget = page.locator(".at-deadline-calculator, .at-screening, .at-stepper, .at-appeals, .at-timeline, .at-check").first
        widget.scroll_into_view_if_needed()
        problems = harness.clipping(widget)
        assert not problems, problems
        harness.shot(page, f"course-{name}-{width}x{height}")
    assert not blocked, blocked


def test_saved_widgets_show_their_answers_and_checks_answer_without_a_kernel(course, page_at):
    page = page_at(1280, 720)
    blocked = _offline(page)
    page.goto((course / "02_deadlines.html").as_uri())
    _wait_for_widgets(page)
    calc = page.locator(".at-deadline-calculator").first
    # the calculator as saved: one-year deadline, day 0 Fri 2019-01-25, anniversary Sat 2020-01-25 -> Mon 2020-01-27
    assert calc.locator(".at-due").first.inner_text() == "Monday 27 January 2020"
    assert "Monday 27 January 2020" in calc.locator(".at-calendar figcaption").first.inner_text()
    check = page.locator(".at-pick-day", has_text="Tuesday 27 October 2026").first
    check.scroll_into_view_if_needed()
    check.get_by_role("button", name="Thu 26", exact=True).click()
    feedback = check.locator(".at-feedback:visible").first
    feedback.wait_for(timeout=10_000)
    assert "Thanksgiving" in feedback.inner_text()
    choice = page.locator(".at-check", has_text="executive order").first
    choice.scroll_into_view_if_needed()
    choice.locator("input[type='radio']").first.check()
    assert re.search(r"Right\.", choice.locator(".at-feedback:visible").first.inner_text())
    harness.shot(page, "course-02_deadlines-check-answered-offline")
    assert not blocked


def test_a_merits_check_answers_offline_with_the_law(course, page_at):
    """Notebook 07's worked example as of 2026-12-01: G3 "Uzbek women" fails particularity (Matter of
    K-E-S-G-, BIA 2025-07-18: a group defined by sex, or sex and nationality, alone is not particular)."""
    page = page_at(1280, 720)
    blocked = _offline(page)
    page.goto((course / "07_the_merits.html").as_uri())
    _wait_for_widgets(page)
    check = page.locator(".at-check", has_text="Which of the three criteria").first
    check.scroll_into_view_if_needed()
    check.locator("input[type='radio']").nth(2).check()  # social distinction: contested, not failed
    assert "contested, not failed" in check.locator(".at-feedback:visible").first.inner_text()
    check.locator("input[type='radio']").nth(1).check()  # particularity
    feedback = check.locator(".at-feedback:visible").first.inner_text()
    assert "Right." in feedback and "K-E-S-G-" in feedback
    harness.shot(page, "course-07_the_merits-check-answered-offline")
    assert not blocked


@pytest.mark.parametrize("name", ["01_pathway", "02_deadlines", "03_hearing_stages", "04_appeals", "05_capstone",
                                  "06_credibility"])
def test_exercise_pages_render_and_pass_axe(course, page_at, name):
    path = course / "exercises" / f"{name}.html"
    if not path.exists():
        pytest.skip(f"no exercise {name} in exercises/")
    page = page_at(1280, 720)
    blocked = _offline(page)
    page.goto(path.as_uri())
    assert "Self-check" in page.inner_text("body") or "self-check" in page.inner_text("body").lower()
    problems = harness.axe_problems(page)
    assert not problems, json.dumps(problems, indent=1)
    assert not blocked


def test_long_check_answers_wrap_and_never_run_over_the_next(course, page_at):
    """ipywidgets gives each radio answer one line of fixed height: at 700 px (JupyterLab at 1280x720 with a
    side panel open is not far off) notebook 04's longer answers ran over the next answer."""
    page = page_at(700, 720)
    _offline(page)
    page.goto((course / "04_appeals.html").as_uri())
    _wait_for_widgets(page)
    checks = page.locator(".at-check")
    assert checks.count() >= 2
    problems = [p for i in range(checks.count()) for p in harness.clipping(checks.nth(i))
                if "overlaps" in p or "runs out" in p]
    assert not problems, problems
