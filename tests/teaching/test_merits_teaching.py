"""Notebook 07's helpers and the hearing rehearsal widget, driven without a browser.

The widget is driven the way a student drives it: choose a radio button, press Ask. Its HTML is checked
for what the student must see (the client's answer from the file, the outcome, the citations, the
debrief), and for escaping: a paragraph or a name cannot inject markup.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from asylum_teach.model.case_record import credibility_lab_record
from asylum_teach.reasoning.credibility import group_analysis
from asylum_teach.teaching.merits_figures import doctrine_timeline_figure
from asylum_teach.teaching.merits_view import case_file_html, doctrine_html, group_html, planted_html, split_html
from asylum_teach.teaching.rehearsal import HearingRehearsal

AS_OF = "2026-12-01"


@pytest.fixture(scope="module")
def record():
    return credibility_lab_record("widget", AS_OF)


def _best(beat):
    return next(i for i, o in enumerate(beat.options) if o.outcome in ("repairs", "neutral") or o.key == "confront")


def test_a_student_plays_the_rehearsal_to_the_debrief(record):
    w = HearingRehearsal(record)
    assert "Your next question" in w.label.value and len(w.buttons) == 3
    assert [b.description for b in w.buttons] == [o.question for o in w.script.beats[0].options]
    for n, beat in enumerate(w.script.beats, 1):
        w.buttons[_best(beat)].click()
        step = w.transcript.value
        assert f"at-step-{n}" in step and "<b>Client:</b>" in step
    assert w.buttons == [] and w.choices_box.children == ()
    assert "Debrief" in w.debrief.value and record.strongest.deviating in w.debrief.value
    assert "0 left for cross-examination" in w.debrief.value
    w.restart.click()
    assert w.run.steps == () and len(w.buttons) == 3 and "Debrief" not in w.debrief.value


def test_the_widget_escapes_what_it_shows(record):
    evil = replace(record, client=replace(record.client, given_name="<img src=x onerror=alert(1)>"))
    w = HearingRehearsal(evil)
    w.buttons[0].click()
    assert "<img" not in w.widget.children[0].value + w.transcript.value
    doc = evil.documents[0]
    bad = replace(evil, documents=(replace(doc, paragraphs=(replace(doc.paragraphs[0], text="<script>x</script>"),)),))
    assert "<script>" not in case_file_html(bad) and "&lt;script&gt;" in case_file_html(bad)


def test_the_doctrine_table_marks_the_version_in_force_on_the_date():
    html = doctrine_html("family-psg", "2022-01-01")
    row = html.split('class="at-version-now"')[1].split("</tr>")[0]
    assert "L-E-A- II vacated" in row.replace("L-E-A- II is vacated", "L-E-A- II vacated")


def test_a_split_table_shows_only_what_was_decided_by_the_date():
    assert "Barajas-Romero" not in split_html("withholding-nexus", "2016-06-01")
    assert "Barajas-Romero" in split_html("withholding-nexus", "2017-01-18")


def test_the_instructor_table_and_the_group_table(record):
    assert planted_html(record).count("<tr>") == 6
    html = group_html(group_analysis(record))
    assert "fails" in html and record.groups[0].wording in html


def test_the_figure_draws_one_row_per_doctrine_and_hatches_secondary_sources():
    fig = doctrine_timeline_figure(AS_OF)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 3
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert hatched, "versions known from secondary sources (S-S-F-M-, R-E-R-M-) are hatched"


def test_the_tables_write_their_dates_out():
    # L-E-A- III (A.G.) vacated L-E-A- II on 2021-06-16; it was in force on 2022-01-01
    html = doctrine_html("family-psg", "2022-01-01")
    row = html.split('class="at-version-now"')[1].split("</tr>")[0]
    assert "16 June 2021" in row and "In force on Saturday 1 January 2022" in row and "2021-06-16" not in row
    # Barajas-Romero v. Lynch (9th Cir.), decided 2017-01-18
    split = split_html("withholding-nexus", "2017-01-18")
    assert "As known on Wednesday 18 January 2017" in split and "18 January 2017" in split.split("Barajas")[0]


def test_the_client_plan_answers_from_the_record(record):
    from asylum_teach.reasoning.credibility import group_to_plead
    from asylum_teach.teaching.labels import written
    from asylum_teach.teaching.merits_view import client_plan_html

    html = client_plan_html(record)
    attack = record.strongest
    assert written(record.hearing_on) in html and f"Plead {group_to_plead(record).candidate.id}" in html
    assert attack.deviating in html and "INA 208(b)(1)(B)(iii)" in html
    for e in record.evidence:
        assert (e.id in html) == (e.status != "in-hand"), e  # obtain what can be had, explain what cannot
    evil = replace(record, groups=tuple(replace(g, wording="<script>x</script>") for g in record.groups))
    assert "<script>" not in client_plan_html(evil)


@pytest.mark.parametrize("student, day", [("notebook-07", "2026-12-01"), ("notebook-07", "2024-03-01"),
                                          ("notebook-07", "2019-01-01"), ("ada", "2026-12-01"), ("ben", "2025-08-01")])
def test_notebook_07_checks_are_built_from_the_record_and_name_the_law(student, day):
    from asylum_teach.model.case_record import credibility_lab_record
    from asylum_teach.reasoning.credibility import unavailable_evidence
    from asylum_teach.teaching.merits_checks import corroboration_question, discrepancy_question, group_question

    record = credibility_lab_record(student, day)
    for question, options in (group_question(record), discrepancy_question(record), corroboration_question(record)):
        assert any(ok for _t, ok, _f in options), question
        for text, _ok, feedback in options:
            assert len(text) <= 90, text  # a radio button's label does not wrap: longer ones overlap the next
            assert "INA " in feedback or "Matter of" in feedback or "C.F.R." in feedback, feedback
    _q, options = discrepancy_question(record)
    assert [t.split(":")[0] for t, ok, _f in options if ok] == [record.strongest.materiality]
    _q, options = corroboration_question(record)
    assert {t for t, ok, _f in options if ok} <= set(unavailable_evidence(record)) | {"None: everything on the list can be had"}
    _q, options = group_question(record)
    fails = {a.candidate.id: a.fails for a in group_analysis(record)}
    asked = _q.split("offers ")[1].split(",")[0]
    assert {t.replace(" ", "-") for t, ok, _f in options if ok} == (set(fails[asked]) or {"none:-it-can-be-pleaded"})
