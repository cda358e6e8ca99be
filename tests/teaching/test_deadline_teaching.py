"""The functions behind the deadline lesson: figures, explanations, the calculator widget, spot-the-error."""

from __future__ import annotations

from datetime import date

import matplotlib

matplotlib.use("Agg")

import pytest

from asylum_teach.law.engine import deadline_for
from asylum_teach.teaching import figures
from asylum_teach.teaching.explain import deadline_html, notice_html
from asylum_teach.teaching.notebook import figure_png
from asylum_teach.teaching.palette import MEANING, OKABE_ITO
from asylum_teach.teaching.spot_error import PUBLISHED_CLAIMS, check_claim
from asylum_teach.teaching.widgets import DeadlineCalculator

NEW_YEAR_2020 = date(2020, 1, 1)  # anniversary Fri 2021-01-01 is New Year's Day -> Mon 2021-01-04


def test_every_meaning_uses_an_okabe_ito_colour_or_a_neutral_tint():
    allowed = set(OKABE_ITO.values()) | {"#DDDDDD", "#D6ECF8"}
    assert set(MEANING.values()) <= allowed


def test_deadline_figure_marks_due_date_and_shows_the_end_month():
    d = deadline_for("one-year-asylum", NEW_YEAR_2020)
    fig = figures.deadline_figure(d)
    titles = [ax.get_title() for ax in fig.axes]
    assert "January 2021" in titles
    assert ("due", date(2021, 1, 4), "due") in figures.key_dates(d)
    assert d.counted_on == date(2021, 1, 1)
    assert figure_png(fig)[:4] == b"\x89PNG"


def test_count_back_figure_marks_the_safe_date_before_the_due_date():
    d = deadline_for("filing-before-individual", "2026-12-28", as_of="2026-11-23")
    marks = {m: day for m, day, _ in figures.key_dates(d)}
    assert marks["safe"] < marks["due"] < date(2026, 12, 28)
    figure_png(figures.deadline_figure(d))


def test_not_applicable_deadline_gets_a_text_figure():
    d = deadline_for("one-year-asylum", "2025-03-10", facts={"unaccompanied_child": True})
    fig = figures.deadline_figure(d)
    assert "not applicable" in fig.axes[0].texts[0].get_text()


def test_version_history_has_one_row_per_version():
    fig = figures.version_history_figure("filing-before-individual")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[1:] == ["icpm-2008-15-days", "icpm-2020-30-days", "dm-22-04-15-days", "owen-2025-30-days"]


def test_explanation_html_has_due_safe_steps_citations_and_escapes():
    d = deadline_for("one-year-asylum", "2019-01-25")
    html = deadline_html(d)
    assert '<span class="at-due">Monday 27 January 2020</span>' in html
    assert 'class="at-safe"' in html and "INA 208(a)(2)(B)" in html and "roll forward" in html
    assert "Not legal advice" in notice_html() and "2026" in notice_html()


def test_calculator_recomputes_when_a_student_changes_the_date():
    calc = DeadlineCalculator(rule_id="one-year-asylum", trigger="2019-01-25", as_of="2026-11-23")
    assert calc.result.due == date(2020, 1, 27)
    calc.trigger.value = NEW_YEAR_2020
    assert calc.result.due == date(2021, 1, 4)
    assert "Monday 4 January 2021" in calc.html.value and "Monday 4 January 2021" in calc.plot.value


def test_calculator_policy_toggle_moves_the_due_date():
    calc = DeadlineCalculator(rule_id="bia-appeal", trigger="2024-11-24", as_of="2026-11-23", figure=False)
    assert calc.result.due == date(2024, 12, 24)
    calc.policies["executive_order_closures"].value = "holiday"
    assert calc.result.due == date(2024, 12, 26)


def test_calculator_reports_bad_input_instead_of_raising():
    calc = DeadlineCalculator(rule_id="one-year-asylum", trigger="2019-01-25", as_of="2026-11-23", figure=False)
    calc.trigger.value = date(2045, 1, 1)  # past the court calendar's last year
    assert "Cannot answer" in calc.error.value and calc.html.value == "" and calc.plot.value == ""
    assert calc.result is None and "Not updated" in calc.status.value
    calc.trigger.value = NEW_YEAR_2020
    assert calc.result.due == date(2021, 1, 4) and calc.error.value == "" and "Up to date" in calc.status.value


def test_calculator_builds_its_figure_without_a_kernel():
    calc = DeadlineCalculator(rule_id="ead-application", trigger="2026-01-05", as_of="2026-11-23",
                              facts={"applicant_delay_days": 21})
    assert calc.result.kind == "earliest" and calc.result.due == date(2026, 6, 25)


@pytest.mark.parametrize("claim", PUBLISHED_CLAIMS, ids=lambda c: c.id)
def test_spot_the_error_cases(claim):
    expected = {"new-year": ("wrong", date(2021, 1, 4)), "saturday-anniversary": ("wrong", date(2020, 1, 27)),
                "minasyan": ("wrong", date(2002, 4, 9)), "nolo-control": ("right", date(2024, 4, 8))}[claim.id]
    check = check_claim(claim)
    assert (check.verdict, check.correct) == expected
    assert bool(check.mistakes) == (check.verdict == "wrong")


def test_calculator_fact_toggle_applies_the_unaccompanied_child_exemption():
    calc = DeadlineCalculator(rule_id="one-year-asylum", trigger="2019-01-25", as_of="2026-11-23", figure=False)
    assert calc.facts["unaccompanied_child"].value == "unknown"
    calc.facts["unaccompanied_child"].value = "yes"
    assert calc.result.applicable is False and "Not applicable" in calc.html.value


def test_fast_calendar_names_the_closed_day_and_marks_due_and_safe_in_words():
    # Order Wed 2026-06-03 + 30 days = Fri 2026-07-03, Independence Day observed (the 4th is a Saturday):
    # due Mon 2026-07-06 if the observed day counts as a holiday, safe date Fri 2026-07-03 (INA 240(c)(6)(B))
    from asylum_teach.teaching.fast_figures import deadline_calendar

    html = deadline_calendar(deadline_for("motion-to-reconsider", "2026-06-03", as_of="2026-11-23"))
    assert ">July 2026</caption>" in html and ">June 2026</caption>" not in html
    cell3 = html[html.index(">3<span"):html.index("</td>", html.index(">3<span"))]
    assert "safe" in cell3 and "closed: Independence Day (observed)" in cell3
    cell6 = html[html.index(">6<span"):html.index("</td>", html.index(">6<span"))]
    assert ">due<" in cell6
    assert 'role="img"' in html and "moves to Monday 6 July 2026" in html


def test_calculator_speaks_labels_not_code_names():
    calc = DeadlineCalculator(rule_id="bia-appeal", trigger="2024-11-24", as_of="2026-11-23", figure=False)
    descriptions = [c.description for c in (*calc.policies.values(), *calc.facts.values(), calc.delay)]
    assert "Executive-order closures" in descriptions and "Unaccompanied child" in descriptions
    assert not any("_" in d for d in descriptions)
    options = [label for label, _v in calc.policies["executive_order_closures"].options]
    assert options == ["Not a holiday", "Holiday"]


def test_calculator_controls_wrap_instead_of_overflowing():
    calc = DeadlineCalculator(figure=False)
    row = calc.widget.children[0]
    assert row.layout.flex_flow == "row wrap"
    for control in (calc.rule, *calc.policies.values(), *calc.facts.values()):
        assert control.layout.width == "100%" and control.layout.max_width


def _figures():
    from asylum_teach.model.personas import load_persona
    from asylum_teach.reasoning.appeals import appeal_options
    from asylum_teach.reasoning.scenarios import run_scenario
    from asylum_teach.reasoning.screening import screen
    from asylum_teach.teaching import case_figures, merits_figures, outcomes

    t = outcomes.load_outcomes()
    return {
        # one-year from Wed 2020-01-01: anniversary Fri 2021-01-01 (New Year's Day) -> Mon 2021-01-04
        "deadline": (lambda: figures.deadline_figure(deadline_for("one-year-asylum", NEW_YEAR_2020)),
                     ["New Year's Day", "Monday 4 January 2021"]),
        "versions": (lambda: figures.version_history_figure("filing-before-individual"),
                     ["15 days from Friday 26 August 2022", "30 days from"]),
        "law changes": (lambda: figures.law_changes_figure("2026-12-01"), ["court events", "The latest:"]),
        "screening": (lambda: case_figures.screening_figure(screen(load_persona("late-no-exception"), "2026-12-01")),
                      ["Asylum barred by One-year bar", "Withholding of removal available"]),
        "stage path": (lambda: case_figures.stage_path_figure(run_scenario("missed_master_in_absentia"), 3),
                       ["step 3 of 5", "Removal ordered in absentia on Tuesday 15 April 2025"]),
        # BIA appeal from an oral decision Mon 2026-06-01: 30 days, Wed 2026-07-01 (8 CFR 1003.38(b))
        "appeal options": (lambda: case_figures.appeal_options_figure(
            appeal_options("2026-06-01", "oral", "removal_ordered", "Annandale", as_of="2026-11-23")),
            ["due Wednesday 1 July 2026"]),
        "workload": (lambda: outcomes.workload_figure(t["eoir_workload"]), ["FY2008", "thousand"]),
        "backlog": (lambda: outcomes.backlog_figure(t["backlog_after_2020"]), ["million"]),
        "grant rates": (lambda: outcomes.grant_rate_figure(t["grant_rates_by_circumstance"]), ["highest", "%"]),
        # notebook 07: S-S-F-M- and R-E-R-M- (A.G. 2025-09-02) and K-E-S-G- (BIA 2025-07-18) are in force on
        # 2026-12-01, each from secondary sources only; A-B- I, II, III and S-S-F-M-, L-E-A- II, III, M-R-M-S-
        # and R-E-R-M-, and K-E-S-G- are the 9 changes since 2018 (A-B- III, L-E-A- II and III primary)
        "merits precedent": (lambda: merits_figures.doctrine_timeline_figure("2026-12-01"),
                             ["9 changes since 2018, 6 of them known only from secondary sources",
                              "Matter of S-S-F-M- (since Tuesday 2 September 2025, secondary source only)",
                              "Matter of K-E-S-G- (since Friday 18 July 2025"]),
    }


@pytest.mark.parametrize("name", list(_figures()))
def test_every_figure_states_its_finding_in_its_alt_text(name):
    make, words = _figures()[name]
    alt = make().get_label()
    assert alt and all(w in alt for w in words), alt
    assert "_" not in alt  # no code names
