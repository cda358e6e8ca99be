"""The widgets behind notebooks 01, 03, 04 and 05, driven as a student would, without a browser."""

from __future__ import annotations

from datetime import date

import matplotlib

matplotlib.use("Agg")

import ipywidgets as w
import pytest

from asylum_teach.model.generator import generate_client
from asylum_teach.teaching.capstone import facts_known_on
from asylum_teach.teaching.case_figures import appeal_options_figure, screening_figure, stage_path_figure
from asylum_teach.teaching.notebook import figure_png
from asylum_teach.teaching.widgets_case import AppealExplorer, CaseStepper, CaseTimeline, ScreeningQuestionnaire

AS_OF = "2026-11-23"


def _tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def test_questionnaire_exception_answers_reopen_asylum_and_explain_it():
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="late-no-exception", figure=False)
    assert not q.result.asylum.available and "One-year bar" in q.html.value
    q.answers["changed_circumstances"].value = "yes"
    q.answers["filed_within_reasonable_period"].value = "yes"
    assert q.result.asylum.available
    assert "208(a)(2)" in q.html.value  # the citation travels with the reason


def test_questionnaire_firm_resettlement_bars_asylum_but_not_withholding():
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="late-changed-circumstances", figure=False)
    q.answers["firmly_resettled"].value = "yes"
    assert not q.result.asylum.available and q.result.withholding.available
    assert figure_png(screening_figure(q.result))[:4] == b"\x89PNG"


def test_questionnaire_says_a_future_filing_date_in_words_on_that_field():
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="border-credible-fear", figure=False)
    q.filed.value = date(2027, 1, 1)  # an I-589 "received" after the as-of date
    assert q.result is None and q.html.value == "" and q.plot.value == ""
    note = q.notes["i589_filed_on"].value
    assert "Friday 1 January 2027" in note and "after the as-of date Monday 23 November 2026" in note
    assert "i589_filed_on" not in note and "2027-01-01" not in note


def test_following_the_notebook_no_longer_proceedings_explains_the_hidden_conflict_and_clears_the_result():
    # notebook 01 asks the student to answer "in removal proceedings: no" for a client whose file has an
    # NTA filed with the court (late-no-exception): 8 C.F.R. 1003.14(a), jurisdiction vests on filing
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="late-no-exception")
    assert q.result is not None and q.plot.value.startswith('<figure class="at-figure"')
    q.answers["in_removal_proceedings"].value = "no"
    assert q.result is None and q.html.value == "" and q.plot.value == ""
    note = q.notes["in_removal_proceedings"].value
    assert "“In removal proceedings”: no" in note and "“Notice to Appear filed with the court”" in note
    assert "nta_filed_on" not in note and "in_removal_proceedings" not in note
    assert "See the note under “In removal proceedings”" in q.error.value
    q.answers["in_removal_proceedings"].value = "yes"
    assert q.result is not None and q.notes["in_removal_proceedings"].value == "" and q.error.value == ""


def test_questionnaire_date_pickers_have_room_for_a_date():
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="late-no-exception", figure=False)
    for picker in (q.arrival, q.filed):
        width, label = int(picker.layout.max_width[:-2]), int(picker.style.description_width[:-2])
        assert width - label >= 150  # the 32 px date boxes of issue 14


def test_stepper_moves_through_a_path_and_shows_consequences():
    s = CaseStepper(scenario="missed_master_in_absentia", step=1, figure=False)
    first = s.current().stage.value
    assert s.back.disabled and not s.next.disabled
    s.next.click()
    assert s.step.value == 2 and s.current().stage.value != first and not s.back.disabled
    s.step.value = s.count
    assert s.next.disabled and "Step 5 of 5" in s.html.value
    assert figure_png(stage_path_figure(s.result, 2))[:4] == b"\x89PNG"


def test_stepper_starts_again_at_step_one_on_another_path():
    s = CaseStepper(scenario="missed_master_in_absentia", step=4, figure=False)
    assert s.step.value == 4
    s.scenario.value = "clean_grant"
    assert s.step.value == 1 and s.count == len(s.result.records) and "Step 1 of" in s.html.value
    assert s.back.disabled


def test_stepper_names_each_ground_of_the_motion_to_rescind():
    # INA 240(b)(5)(C): 180 days for exceptional circumstances (order Tue 2025-04-15 -> Tue 2025-10-14);
    # at any time for lack of notice or custody
    s = CaseStepper(scenario="missed_master_in_absentia", step=3, figure=False)
    html = s.html.value
    assert "due Tuesday 14 October 2025" in html
    assert html.count("no time limit") == 2 and "not receiving notice" in html and "custody" in html
    assert "due - (safe -)" not in html


def test_appeal_explorer_keeps_30_days_on_both_sides_of_the_vacated_2026_rule():
    a = AppealExplorer(decision_date="2026-03-06", as_of=AS_OF, figure=False)
    due = {o.id: o.deadlines[0].due for o in a.result.options if o.deadlines}
    assert due["bia-appeal"] == date(2026, 4, 6)  # 30 days (decision before 2026-03-09)
    a.decided.value = date(2026, 3, 9)
    due = {o.id: o.deadlines[0].due for o in a.result.options if o.deadlines}
    assert due["bia-appeal"] == date(2026, 4, 8)  # still 30 days: the 10-day rule was vacated on 2026-03-08
    assert "vacated by a court" in a.html.value
    assert a.judge_at.disabled
    a.mode.value = "video"
    assert not a.judge_at.disabled
    a.judge_at.value = "Fort Worth Immigration Adjudication Center"
    assert len(a.result.venue.candidates) == 2 and "Herrera-Alcala" in a.html.value
    assert figure_png(appeal_options_figure(a.result))[:4] == b"\x89PNG"


def test_appeal_explorer_folds_its_options_and_draws_its_chart_beside_the_inputs():
    a = AppealExplorer(decision_date="2026-06-01", as_of=AS_OF)
    assert "<details open" not in a.html.value and a.html.value.count('<details class="at-option"') == len(a.result.options)
    assert "Wednesday 1 July 2026" in a.plot.value and 'role="img"' in a.plot.value
    inputs_row = a.widget.children[0]
    assert a.plot in list(_tree(inputs_row)) and a.decided in list(_tree(inputs_row))


def test_case_timeline_walks_a_generated_client_backwards_in_time():
    client = generate_client("demo", AS_OF)
    t = CaseTimeline(client, AS_OF, figure=False)
    assert "next" in t.html.value
    t.when.value = client.facts["last_arrival_on"]
    assert t.error.value == "" and "nta_served_on" not in facts_known_on(client, t.when.value)


@pytest.mark.parametrize("make", [
    lambda: ScreeningQuestionnaire(as_of=AS_OF, persona="late-no-exception"),
    lambda: CaseStepper(scenario="clean_grant"),
    lambda: AppealExplorer(as_of=AS_OF),
    lambda: CaseTimeline(generate_client("demo", AS_OF), AS_OF),
], ids=["questionnaire", "stepper", "appeals", "timeline"])
def test_widgets_draw_figures_as_html_with_alt_text_and_use_no_output_widget(make):
    widget = make()
    assert not any(isinstance(x, w.Output) for x in _tree(widget.widget))  # see publish.execute: no lost wake-ups
    assert 'alt="' in widget.plot.value or 'aria-label="' in widget.plot.value
    assert "Up to date" in widget.status.value
