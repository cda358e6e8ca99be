"""Thin widgets for a case: the screening questionnaire, the hearing-stage stepper, the appeal explorer
and the capstone timeline. Each reads its inputs, calls one reasoning function, and shows that
function's own reasons and citations with a figure (see :mod:`.widgets` for the pattern).

>>> q = ScreeningQuestionnaire(as_of="2026-11-23", persona="late-no-exception", figure=False)
>>> q.result.asylum.available
False
>>> q.answers["extraordinary_circumstances"].value = "yes"; q.answers["filed_within_reasonable_period"].value = "yes"
>>> q.result.asylum.available
True
"""

from __future__ import annotations

from asylum_teach.exceptions import AsylumTeachError
from asylum_teach.glossary import FACTS, parse_date
from asylum_teach.teaching.explain import deadline_html, reasons_html
from asylum_teach.teaching.notebook import show_figure

_TRI = {"unknown": None, "yes": True, "no": False}
_WIDE = {"description_width": "260px"}

#: Questions the screening asks, by glossary fact, grouped as a clinic intake would.
SCREENING_QUESTIONS = {
    "How the case started": ("in_removal_proceedings", "detained", "credible_fear_found",
                             "affirmative_referred_to_court", "unaccompanied_child"),
    "Filing and the one-year rule": ("prior_asylum_denial", "changed_circumstances", "extraordinary_circumstances",
                                     "filed_within_reasonable_period"),
    "Bars": ("persecutor_of_others", "aggravated_felony", "particularly_serious_crime", "serious_nonpolitical_crime",
             "security_or_terrorism_bar", "firmly_resettled"),
}


def _label(fact: str) -> str:
    return fact.replace("_", " ").capitalize()


class _Thin:
    """Shared shape: ``compute`` (one library call), ``refresh`` (show it), ``widget`` (what is displayed)."""

    figure = True

    def _start(self, controls):
        import ipywidgets as w

        self.html = w.HTML()
        self.error = w.HTML()
        self.plot = w.Output()
        self.result = None
        for c in controls:
            c.observe(lambda _change: self.refresh(), names="value")

    def refresh(self) -> None:
        try:
            self.result = self.compute()
        except AsylumTeachError as exc:  # inconsistent facts, an unknown court: say so and keep the widget alive
            self.error.value = f"<b>Cannot answer:</b> {exc}"
            self.html.value = ""  # never leave an answer on screen for inputs it does not belong to
            self.plot.clear_output()
            return
        self.error.value = ""
        self.html.value = self.render(self.result)
        if self.figure:
            self.plot.clear_output(wait=True)
            show_figure(self.draw(self.result), self.plot)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


class ScreeningQuestionnaire(_Thin):
    """Yes/no/unknown questions and two dates over :func:`asylum_teach.reasoning.screening.screen`."""

    def __init__(self, as_of="2026-11-23", persona: str | None = None, figure: bool = True):
        import ipywidgets as w

        from asylum_teach.model.personas import load_persona

        self.figure = figure
        self.as_of = parse_date(as_of, name="as_of")
        start = dict(load_persona(persona).facts) if persona else {}
        self.base = start  # facts the questions do not ask about (grounds, dates of hearings...)
        self.arrival = w.DatePicker(value=start.get("last_arrival_on"), description="Last arrival",
                                    style=_WIDE)
        self.filed = w.DatePicker(value=start.get("i589_filed_on"), description="I-589 received (if filed)",
                                  style=_WIDE)
        self.answers = {}
        boxes = [w.HTML("<b>Dates</b>"), self.arrival, self.filed]
        for group, facts in SCREENING_QUESTIONS.items():
            boxes.append(w.HTML(f"<b>{group}</b>"))
            for fact in facts:
                value = {v: k for k, v in _TRI.items()}.get(start.get(fact), "unknown")
                dd = w.Dropdown(options=list(_TRI), value=value, description=_label(fact), style=_WIDE,
                                layout=w.Layout(width="400px"), tooltip=FACTS[fact].meaning)
                self.answers[fact] = dd
                boxes.append(dd)
        self._start([self.arrival, self.filed, *self.answers.values()])
        self.widget = w.VBox([w.HBox([w.VBox(boxes), w.VBox([self.error, self.html],
                                                            layout=w.Layout(width="55%"))]), self.plot])
        self.widget.add_class("at-screening")
        self.refresh()

    def facts(self) -> dict:
        facts = {k: v for k, v in self.base.items() if k not in self.answers}
        for k in ("last_arrival_on", "i589_filed_on"):
            facts.pop(k, None)
        facts.update({k: _TRI[c.value] for k, c in self.answers.items() if _TRI[c.value] is not None})
        if self.arrival.value:
            facts["last_arrival_on"] = self.arrival.value
        if self.filed.value:
            facts["i589_filed_on"] = self.filed.value
        return facts

    def compute(self):
        from asylum_teach.reasoning.screening import screen

        return screen(self.facts(), self.as_of)

    @staticmethod
    def render(s) -> str:
        from asylum_teach.reasoning.screening_rules import cite_text

        head = f"<p><b>Pathway:</b> {s.pathway}</p>"
        parts = [head]
        for r in (s.asylum, s.withholding, s.cat):
            state = "available" if r.available else "barred by " + ", ".join(r.bars)
            reasons = [o.explanation + (f" <i>Question for the judge:</i> {o.question}" if o.question else "")
                       for o in r.steps] + [r.standard_of_proof.explanation]
            parts.append(reasons_html(f"{r.relief}: {state}", reasons, [cite_text(c) for c in r.citations]))
        path = [o.explanation for o in s.pathway_steps]
        parts.insert(1, reasons_html("How the case reached this pathway", path,
                                     [cite_text(c) for o in s.pathway_steps for c in o.citations]))
        return "".join(parts).replace("&lt;i&gt;", "<i>").replace("&lt;/i&gt;", "</i>")

    @staticmethod
    def draw(s):
        from asylum_teach.teaching.case_figures import screening_figure

        return screening_figure(s)


class CaseStepper(_Thin):
    """Pick a scenario (a path a case can take) and step through it with
    :func:`asylum_teach.reasoning.scenarios.run_scenario`; each step shows what happened, the deadlines
    it started and its consequences with citations."""

    def __init__(self, scenario: str = "clean_grant", step: int = 1, figure: bool = True):
        import ipywidgets as w

        from asylum_teach.reasoning.scenarios import list_scenarios, load_scenario

        self.figure = figure
        self.scenario = w.Dropdown(options=[(load_scenario(n).title, n) for n in list_scenarios()], value=scenario,
                                   description="Path", layout=w.Layout(width="640px"))
        self.step = w.IntSlider(value=step, min=1, max=30, description="Step")
        self.back = w.Button(description="◀ back")
        self.next = w.Button(description="next ▶")
        self.back.on_click(lambda _b: setattr(self.step, "value", max(1, self.step.value - 1)))
        self.next.on_click(lambda _b: setattr(self.step, "value", min(self.step.max, self.step.value + 1)))
        self._start([self.scenario, self.step])
        self.widget = w.VBox([self.scenario, w.HBox([self.back, self.step, self.next]), self.error, self.html,
                              self.plot])
        self.widget.add_class("at-stepper")
        self.refresh()

    def compute(self):
        from asylum_teach.reasoning.scenarios import run_scenario

        result = run_scenario(self.scenario.value)
        self.step.max = len(result.records)
        return result

    def current(self):
        return self.result.records[min(self.step.value, len(self.result.records)) - 1]

    def render(self, result) -> str:
        rec = self.current()
        colour = {"info": "#0072B2", "warning": "#E69F00", "adverse": "#D55E00"}
        items = "".join(f'<li style="border-left:5px solid {colour[c.severity]};padding-left:6px;list-style:none">'
                        f"<b>{c.severity}</b>: {_esc(c.summary)} <small>({_esc('; '.join(c.citations))})</small></li>"
                        for c in rec.consequences)
        deadlines = "".join(f"<details><summary>{_esc(d.title)}: due {d.due or '-'} "
                            f"(safe {d.safe_date or '-'})</summary>{deadline_html(d)}</details>"
                            for d in rec.deadlines)
        cites = "".join(f"<li>{_esc(c)}</li>" for c in rec.stage.citations)
        return (f"<h4>Step {rec.step} of {len(result.records)} - {rec.on:%a %Y-%m-%d}: {_esc(rec.stage.title)}</h4>"
                f'<p class="at-happened">{_esc(rec.happened)}</p><ul>{items}</ul>{deadlines}'
                f"<p><b>Where the law says so:</b></p><ul>{cites}</ul>"
                f"<p><i>Case status at the end of this path: {_esc(result.status)}</i></p>")

    def draw(self, result):
        from asylum_teach.teaching.case_figures import stage_path_figure

        return stage_path_figure(result, self.step.value)


class AppealExplorer(_Thin):
    """The decision's date, form, outcome and court in; :func:`asylum_teach.reasoning.appeals.appeal_options` out."""

    def __init__(self, decision_date="2026-06-01", outcome="removal_ordered", court="Annandale",
                 as_of="2026-11-23", figure: bool = True):
        import ipywidgets as w

        from asylum_teach.model.courts import load_courts
        from asylum_teach.reasoning.appeals import FORMS, OUTCOMES

        self.figure = figure
        self.as_of = parse_date(as_of, name="as_of")
        style = {"description_width": "170px"}
        self.decided = w.DatePicker(value=parse_date(decision_date, name="decision"), description="Decision",
                                    style=style)
        self.form = w.ToggleButtons(options=list(FORMS), value="oral", description="Form", style=style)
        self.outcome = w.Dropdown(options=list(OUTCOMES), value=outcome, description="Outcome", style=style)
        self.merits = w.Dropdown(options=list(_TRI), value="unknown", description="Asylum on the merits?",
                                 style=style)
        self.vd = w.Dropdown(options=[("none", None), ("before conclusion", "pre_conclusion"),
                                      ("at conclusion", "at_conclusion")], value=None,
                             description="Voluntary departure", style=style)
        names = sorted(c.name.replace(" Immigration Court", "") for c in load_courts())
        self.court = w.Dropdown(options=names, value=court, description="Court", style=style)
        self.mode = w.ToggleButtons(options=["in_person", "video"], value="in_person", description="Hearing",
                                    style=style)
        self.judge_at = w.Dropdown(options=names, value=court, description="Judge sat at (video)", style=style)
        self.bia = w.DatePicker(value=None, description="BIA decision (if any)", style=style)
        controls = [self.decided, self.form, self.outcome, self.merits, self.vd, self.court, self.mode, self.judge_at,
                    self.bia]
        self._start(controls)
        self.widget = w.VBox([w.HBox([w.VBox(controls[:5]), w.VBox(controls[5:])]), self.error, self.html, self.plot])
        self.widget.add_class("at-appeals")
        self.refresh()

    def compute(self):
        from asylum_teach.reasoning.appeals import appeal_options

        facts = {} if _TRI[self.merits.value] is None else {"asylum_decided_on_merits": _TRI[self.merits.value]}
        return appeal_options(self.decided.value, self.form.value, self.outcome.value, self.court.value,
                              as_of=self.as_of, facts=facts, voluntary_departure=self.vd.value,
                              bia_decision_date=self.bia.value, hearing_mode=self.mode.value,
                              ij_court=self.judge_at.value if self.mode.value == "video" else None)

    @staticmethod
    def render(aid) -> str:
        parts = [reasons_html("The decision", aid.reasons, aid.citations)]
        for opt in aid.options:
            state = "available" if opt.available else "not available"
            dates = "".join(f"<li>{_esc(d.title)}: <b>{'due ' + d.due.isoformat() if d.applicable else 'no deadline'}"
                            f"</b>{' (safe ' + d.safe_date.isoformat() + ')' if d.applicable and d.safe_date != d.due else ''}"
                            f"{'' if d.applicable else ' - ' + _esc(d.reason or '')}</li>" for d in opt.deadlines)
            parts.append(f'<details {"open" if opt.available else ""}><summary><b>{_esc(opt.title)}</b> '
                         f"({state})</summary><ul>{dates}</ul>"
                         + reasons_html("What to weigh", opt.considerations, opt.citations) + "</details>")
        return "".join(parts)

    @staticmethod
    def draw(aid):
        from asylum_teach.teaching.case_figures import appeal_options_figure

        return appeal_options_figure(aid)


class CaseTimeline(_Thin):
    """Move the as-of date through one client's case; :func:`asylum_teach.reasoning.timeline.build_timeline`
    says what has happened and what is due next (on the file as it stood that day, see :mod:`.capstone`)."""

    def __init__(self, client, as_of, figure: bool = True):
        import ipywidgets as w

        self.figure = figure
        self.client = client
        self.when = w.DatePicker(value=parse_date(as_of, name="as_of"), description="As of")
        self._start([self.when])
        self.widget = w.VBox([self.when, self.error, self.html, self.plot])
        self.widget.add_class("at-timeline")
        self.refresh()

    def compute(self):
        from asylum_teach.reasoning.timeline import build_timeline
        from asylum_teach.teaching.capstone import facts_known_on

        return build_timeline(facts_known_on(self.client, self.when.value), self.when.value)

    @staticmethod
    def render(timeline) -> str:
        rows = "".join(f"<tr><td>{i.on or '-'}</td><td>{_esc(i.label)}</td>"
                       f"<td>{_esc(i.status)}</td></tr>" for i in timeline.items)
        return (f"<p><b>{_esc(timeline.what_is_due_next())}</b></p>"
                f'<table style="text-align:left"><tr><th>date</th><th>item</th><th>status</th></tr>{rows}</table>')

    @staticmethod
    def draw(timeline):
        from asylum_teach.teaching.timeline_plot import plot_timeline

        return plot_timeline(timeline)


def _esc(text) -> str:
    from html import escape

    return escape(str(text))
