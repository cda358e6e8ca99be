"""The widgets behind notebooks 01, 03, 04 and 05, driven as a student would, without a browser."""

from __future__ import annotations

from datetime import date

import matplotlib

matplotlib.use("Agg")

from asylum_teach.model.generator import generate_client
from asylum_teach.teaching.capstone import facts_known_on
from asylum_teach.teaching.case_figures import appeal_options_figure, screening_figure, stage_path_figure
from asylum_teach.teaching.notebook import figure_png
from asylum_teach.teaching.widgets_case import AppealExplorer, CaseStepper, CaseTimeline, ScreeningQuestionnaire

AS_OF = "2026-11-23"


def test_questionnaire_exception_answers_reopen_asylum_and_explain_it():
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="late-no-exception", figure=False)
    assert not q.result.asylum.available and "one-year" in q.html.value
    q.answers["changed_circumstances"].value = "yes"
    q.answers["filed_within_reasonable_period"].value = "yes"
    assert q.result.asylum.available
    assert "208(a)(2)" in q.html.value  # the citation travels with the reason


def test_questionnaire_firm_resettlement_bars_asylum_but_not_withholding():
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="late-changed-circumstances", figure=False)
    q.answers["firmly_resettled"].value = "yes"
    assert not q.result.asylum.available and q.result.withholding.available
    assert figure_png(screening_figure(q.result))[:4] == b"\x89PNG"


def test_questionnaire_reports_inconsistent_dates_instead_of_raising():
    q = ScreeningQuestionnaire(as_of=AS_OF, persona="border-credible-fear", figure=False)
    q.filed.value = date(2027, 1, 1)  # an I-589 "received" after the as-of date
    assert "Cannot answer" in q.error.value and q.html.value == ""


def test_stepper_moves_through_a_path_and_shows_consequences():
    s = CaseStepper(scenario="missed_master_in_absentia", step=1, figure=False)
    first = s.current().stage.value
    s.next.click()
    assert s.step.value == 2 and s.current().stage.value != first
    s.step.value = s.step.max
    assert "Step" in s.html.value and s.step.max == len(s.result.records)
    assert figure_png(stage_path_figure(s.result, 2))[:4] == b"\x89PNG"


def test_appeal_explorer_keeps_30_days_on_both_sides_of_the_vacated_2026_rule():
    a = AppealExplorer(decision_date="2026-03-06", as_of=AS_OF, figure=False)
    due = {o.id: o.deadlines[0].due for o in a.result.options if o.deadlines}
    assert due["bia-appeal"] == date(2026, 4, 6)  # 30 days (decision before 2026-03-09)
    a.decided.value = date(2026, 3, 9)
    due = {o.id: o.deadlines[0].due for o in a.result.options if o.deadlines}
    assert due["bia-appeal"] == date(2026, 4, 8)  # still 30 days: the 10-day rule was vacated on 2026-03-08
    assert "vacated by a court" in a.html.value
    a.mode.value = "video"
    a.judge_at.value = "Fort Worth Immigration Adjudication Center"
    assert len(a.result.venue.candidates) == 2 and "Herrera-Alcala" in a.html.value
    assert figure_png(appeal_options_figure(a.result))[:4] == b"\x89PNG"


def test_case_timeline_walks_a_generated_client_backwards_in_time():
    client = generate_client("demo", AS_OF)
    t = CaseTimeline(client, AS_OF, figure=False)
    assert "next" in t.html.value
    t.when.value = client.facts["last_arrival_on"]
    assert t.error.value == "" and "nta_served_on" not in facts_known_on(client, t.when.value)
