"""Thin widgets for a case: the screening questionnaire, the hearing-stage stepper, the appeal explorer
and the capstone timeline. Each reads its inputs, calls one reasoning function, and shows that
function's own reasons and citations with a figure (see :mod:`.widgets` for what they share).

>>> q = ScreeningQuestionnaire(as_of="2026-11-23", persona="late-no-exception", figure=False)
>>> q.result.asylum.available
False
>>> q.answers["extraordinary_circumstances"].value = "yes"; q.answers["filed_within_reasonable_period"].value = "yes"
>>> q.result.asylum.available
True
>>> q.answers["in_removal_proceedings"].value = "no"    # this client's file has an NTA filed with the court
>>> q.result is None, q.html.value
(True, '')
>>> "Notice to Appear filed with the court" in q.notes["in_removal_proceedings"].value
True
"""

from __future__ import annotations

import re
from html import escape

from asylum_teach.glossary import FACTS, parse_date
from asylum_teach.teaching.explain import plain
from asylum_teach.teaching.labels import choice_label, fact_label, value_text
from asylum_teach.teaching.widgets import TRI, ThinWidget, column, flow, label_width, labelled

#: Questions the screening asks, by glossary fact, grouped as a clinic intake would.
SCREENING_QUESTIONS = {
    "How the case started": ("in_removal_proceedings", "detained", "credible_fear_found",
                             "affirmative_referred_to_court", "unaccompanied_child"),
    "Filing and the one-year rule": ("prior_asylum_denial", "changed_circumstances", "extraordinary_circumstances",
                                     "filed_within_reasonable_period"),
    "Bars": ("persecutor_of_others", "aggravated_felony", "particularly_serious_crime", "serious_nonpolitical_crime",
             "security_or_terrorism_bar", "firmly_resettled"),
}
_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def conflict_words(message: str, facts: dict) -> str:
    """A validation message for people: each fact name as its label in quotes, with the value the file
    holds for it; true/false as yes/no."""
    def name(m):
        key = m.group(0)
        if key not in FACTS:
            return key
        value = facts.get(key)
        said = hasattr(value, "isoformat") and value.isoformat() in message
        shown = f" ({value_text(key, value)})" if value is not None and not isinstance(value, bool) and not said else ""
        return f"“{fact_label(key)}”{shown}"

    text = _NAME.sub(name, str(message))
    text = re.sub(r": false\b", ": no", re.sub(r": true\b", ": yes", text))
    return plain(text)


class ScreeningQuestionnaire(ThinWidget):
    """Yes/no/unknown questions and two dates over :func:`asylum_teach.reasoning.screening.screen`."""

    def __init__(self, as_of="2026-11-23", persona: str | None = None, figure: bool = True):
        import ipywidgets as w

        from asylum_teach.model.personas import load_persona

        self.figure = figure
        self.as_of = parse_date(as_of, name="as_of")
        start = dict(load_persona(persona).facts) if persona else {}
        self.base = start  # facts the questions do not ask about (grounds, dates of hearings...)
        self.arrival = w.DatePicker(value=start.get("last_arrival_on"), **labelled(fact_label("last_arrival_on"), "200px"))
        self.filed = w.DatePicker(value=start.get("i589_filed_on"), **labelled("I-589 received (if filed)", "200px"))
        qw = label_width([fact_label(f) for facts in SCREENING_QUESTIONS.values() for f in facts])
        self.answers, self.notes = {}, {}
        boxes = [w.HTML("<b>Dates</b>")]
        for fact, picker in (("last_arrival_on", self.arrival), ("i589_filed_on", self.filed)):
            self.notes[fact] = w.HTML()
            boxes += [picker, self.notes[fact]]
        for group, facts in SCREENING_QUESTIONS.items():
            boxes.append(w.HTML(f"<b>{escape(group)}</b>"))
            for fact in facts:
                value = {v: k for k, v in TRI.items()}.get(start.get(fact), "unknown")
                dd = w.Dropdown(options=list(TRI), value=value, tooltip=FACTS[fact].meaning,
                                **labelled(fact_label(fact), qw, room=130))
                self.answers[fact] = dd
                self.notes[fact] = w.HTML()
                boxes += [dd, self.notes[fact]]
        self._start([self.arrival, self.filed, *self.answers.values()])
        self.widget = w.VBox([flow([column(boxes, basis="400px", grow=0),
                                    column([self.status, self.error, self.html], basis="420px")]), self.plot],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("at-screening")
        self.refresh()

    def facts(self) -> dict:
        facts = {k: v for k, v in self.base.items() if k not in self.answers}
        for k in ("last_arrival_on", "i589_filed_on"):
            facts.pop(k, None)
        facts.update({k: TRI[c.value] for k, c in self.answers.items() if TRI[c.value] is not None})
        if self.arrival.value:
            facts["last_arrival_on"] = self.arrival.value
        if self.filed.value:
            facts["i589_filed_on"] = self.filed.value
        return facts

    def compute(self):
        from asylum_teach.reasoning.screening import screen

        return screen(self.facts(), self.as_of)

    def problem(self, exc) -> str:
        """Say the contradiction in words on each field it names, and above the result."""
        facts = self.facts()
        words = conflict_words(str(exc), facts)
        named = [n for n in dict.fromkeys(_NAME.findall(str(exc))) if n in self.notes]
        self.cleared()
        for n in named:
            self.notes[n].value = (f'<p class="at-field-problem" role="alert" style="margin:0 0 6px 12px;'
                                   f'border-left:4px solid #D55E00;padding-left:6px">&#x26A0; <b>This answer '
                                   f"conflicts with the client's file:</b> {escape(words)}</p>")
        where = (" See the note under " + ", ".join(f"“{fact_label(n)}”" for n in named) + ".") if named else ""
        return (f'<p class="at-problem" role="alert"><b>No screening for these answers.</b> {escape(words)}.'
                f"{escape(where)}</p>")

    def cleared(self) -> None:
        for note in self.notes.values():
            note.value = ""

    @staticmethod
    def render(s) -> str:
        from asylum_teach.teaching.explain_case import screening_html

        return screening_html(s)

    @staticmethod
    def draw(s) -> str:
        from asylum_teach.teaching.case_figures import screening_figure
        from asylum_teach.teaching.notebook import figure_html

        return figure_html(screening_figure(s))


class CaseStepper(ThinWidget):
    """Pick a scenario (a path a case can take) and step through it with
    :func:`asylum_teach.reasoning.scenarios.run_scenario`; each step shows what happened, the deadlines
    it started and its consequences with citations. Changing the path starts again at step 1; *back* and
    *next* are off at the first and last step."""

    def __init__(self, scenario: str = "clean_grant", step: int = 1, figure: bool = True):
        import ipywidgets as w

        from asylum_teach.reasoning.scenarios import list_scenarios, load_scenario

        self.figure = figure
        self.scenario = w.Dropdown(options=[(load_scenario(n).title, n) for n in list_scenarios()], value=scenario,
                                   **labelled("Path", "60px", room=560))
        # the steps are buttons (a slider's handle has no name a screen reader can read)
        self.step = w.ToggleButtons(options=[("1", 1)], value=1, description="Step",
                                    style={"description_width": "40px", "button_width": "2.6em"},
                                    layout=w.Layout(width="auto", max_width="100%"))
        self.back = w.Button(description="◀ back", tooltip="previous step", layout=w.Layout(width="auto"))
        self.next = w.Button(description="next ▶", tooltip="next step", layout=w.Layout(width="auto"))
        self.back.on_click(lambda _b: setattr(self.step, "value", max(1, self.step.value - 1)))
        self.next.on_click(lambda _b: setattr(self.step, "value", min(self.count, self.step.value + 1)))
        self._run = None
        self._start([self.step])
        self.scenario.observe(self._new_path, names="value")
        self.widget = w.VBox([self.scenario, flow([self.back, self.step, self.next]), self.status, self.error,
                              self.html, self.plot], layout=w.Layout(width="100%"))
        self.widget.add_class("at-stepper")
        self._load(step)

    def _load(self, step: int) -> None:
        from asylum_teach.reasoning.scenarios import run_scenario

        self._run = run_scenario(self.scenario.value)
        count = len(self._run.records)
        self._loading = True  # one refresh for the new path, not one per control change
        try:
            self.step.options = [(str(i), i) for i in range(1, count + 1)]
            self.step.value = max(1, min(step, count))
        finally:
            self._loading = False
        self.refresh()

    @property
    def count(self) -> int:
        """How many steps the current path has."""
        return len(self.step.options)

    def _changed(self, change) -> None:
        if not getattr(self, "_loading", False):
            self.refresh()

    def _new_path(self, _change) -> None:
        self._load(1)

    def compute(self):
        return self._run

    def current(self):
        return self._run.records[min(self.step.value, len(self._run.records)) - 1]

    def refresh(self) -> None:
        super().refresh()
        self.back.disabled = self.step.value <= 1
        self.next.disabled = self.step.value >= self.count

    def render(self, result) -> str:
        from asylum_teach.teaching.explain_case import record_html

        return record_html(result, self.step.value)

    def draw(self, result) -> str:
        from asylum_teach.teaching.case_figures import stage_path_figure
        from asylum_teach.teaching.notebook import figure_html

        return figure_html(stage_path_figure(result, self.step.value))


class AppealExplorer(ThinWidget):
    """The decision's date, form, outcome and court in; :func:`asylum_teach.reasoning.appeals.appeal_options`
    out. The chart sits beside the inputs; each option below is folded to one line."""

    def __init__(self, decision_date="2026-06-01", outcome="removal_ordered", court="Annandale",
                 as_of="2026-11-23", figure: bool = True):
        import ipywidgets as w

        from asylum_teach.model.courts import load_courts
        from asylum_teach.reasoning.appeals import FORMS, OUTCOMES

        self.figure = figure
        self.as_of = parse_date(as_of, name="as_of")
        width = label_width(["Board decision (if any)"])  # one aligned column of labels

        def field(description, **kw):
            return labelled(description, width, **kw)

        self.decided = w.DatePicker(value=parse_date(decision_date, name="decision"), **field("Decision"))
        self.form = w.ToggleButtons(options=[(choice_label(f), f) for f in FORMS], value="oral", **field("Form"))
        self.form.style.button_width = "auto"
        self.outcome = w.Dropdown(options=[(choice_label(o), o) for o in OUTCOMES], value=outcome, **field("Outcome"))
        self.merits = w.Dropdown(options=list(TRI), value="unknown", tooltip=FACTS["asylum_decided_on_merits"].meaning,
                                 **field("On the merits?"))
        self.vd = w.Dropdown(options=[("none", "none"), ("before the end", "pre_conclusion"),
                                      ("at the end", "at_conclusion")], value="none", **field("Voluntary departure"))
        names = [(_court_label(n), n) for n in sorted(c.name.replace(" Immigration Court", "") for c in load_courts())]
        self.court = w.Dropdown(options=names, value=court, **field("Court", room=230))
        self.mode = w.ToggleButtons(options=[("In person", "in_person"), ("Video", "video")], value="in_person",
                                    **field("Hearing"))
        self.mode.style.button_width = "auto"
        self.judge_at = w.Dropdown(options=names, value=court, disabled=True, **field("Judge sat at (video)", room=230))
        self.bia = w.DatePicker(value=None, **field("Board decision (if any)"))
        controls = [self.decided, self.form, self.outcome, self.merits, self.vd, self.court, self.mode, self.judge_at,
                    self.bia]
        self._start(controls)
        self.widget = w.VBox([flow([column(controls, basis="420px", grow=0),
                                    column([self.status, self.error, self.plot], basis="340px")]), self.html],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("at-appeals")
        self.refresh()

    def compute(self):
        from asylum_teach.reasoning.appeals import appeal_options

        self.judge_at.disabled = self.mode.value != "video"
        facts = {} if TRI[self.merits.value] is None else {"asylum_decided_on_merits": TRI[self.merits.value]}
        vd = None if self.vd.value == "none" else self.vd.value
        return appeal_options(self.decided.value, self.form.value, self.outcome.value, self.court.value,
                              as_of=self.as_of, facts=facts, voluntary_departure=vd,
                              bia_decision_date=self.bia.value, hearing_mode=self.mode.value,
                              ij_court=self.judge_at.value if self.mode.value == "video" else None)

    @staticmethod
    def render(aid) -> str:
        from asylum_teach.teaching.explain_case import appeal_aid_html

        return appeal_aid_html(aid)

    @staticmethod
    def draw(aid) -> str:
        from asylum_teach.teaching.fast_figures import appeal_chart

        return appeal_chart(aid)


def _court_label(name: str) -> str:
    """A court's name short enough for a drop-down: 'Fort Worth (adjudication center)'."""
    return name.replace(" Immigration Adjudication Center", " (adjudication center)")


class CaseTimeline(ThinWidget):
    """Move the as-of date through one client's case; :func:`asylum_teach.reasoning.timeline.build_timeline`
    says what has happened and what is due next (on the file as it stood that day, see :mod:`.capstone`)."""

    def __init__(self, client, as_of, figure: bool = True):
        import ipywidgets as w

        self.figure = figure
        self.client = client
        self.when = w.DatePicker(value=parse_date(as_of, name="as_of"), **labelled("As of", "80px"))
        self._start([self.when])
        self.widget = w.VBox([self.when, self.status, self.error, self.html, self.plot], layout=w.Layout(width="100%"))
        self.widget.add_class("at-timeline")
        self.refresh()

    def compute(self):
        from asylum_teach.exceptions import InvalidInputError
        from asylum_teach.reasoning.timeline import build_timeline
        from asylum_teach.teaching.capstone import facts_known_on

        if self.when.value is None:
            raise InvalidInputError("choose a date")
        return build_timeline(facts_known_on(self.client, self.when.value), self.when.value)

    @staticmethod
    def render(timeline) -> str:
        from asylum_teach.teaching.explain_case import timeline_html

        return timeline_html(timeline)

    def draw(self, timeline) -> str:
        from asylum_teach.teaching.notebook import figure_html
        from asylum_teach.teaching.timeline_plot import plot_timeline

        return figure_html(plot_timeline(timeline, title=f"{self.client.name} (hypothetical)"))
