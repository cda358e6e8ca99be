"""Thin widgets: read the inputs, call one library function, show its explanation and a figure.

Each widget class keeps its computation in :meth:`compute` (one call into the library) and its
display in :meth:`refresh`, so a test can drive it without a browser: set the input widgets' values
(as a student would) and read ``.result`` and ``.html``. Nothing waits for input, so a notebook that
builds a widget runs headless under papermill.

>>> calc = DeadlineCalculator(rule_id="one-year-asylum", trigger="2019-01-25", as_of="2026-11-23", figure=False)
>>> calc.result.due.isoformat()
'2020-01-27'
>>> calc.trigger.value = date(2020, 1, 1)        # what the date picker does when a student changes it
>>> calc.result.due.isoformat()
'2021-01-04'
"""

from __future__ import annotations

from datetime import date  # noqa: F401 - the doctest above uses it

from asylum_teach.law.engine import deadline_for
from asylum_teach.law.policies import load_policies
from asylum_teach.law.rules import load_rules
from asylum_teach.dates import parse_date
from asylum_teach.teaching.explain import deadline_html
from asylum_teach.teaching.figures import deadline_figure
from asylum_teach.teaching.notebook import show_figure

#: Yes/no facts some rules read, as tri-state choices (unknown lets the engine show both readings).
FACT_TOGGLES = {
    "unaccompanied_child": "Unaccompanied child",
    "detained": "Detained",
    "asylum_decided_on_merits": "Asylum decided on the merits",
    "changed_country_conditions": "Changed country conditions",
}
_TRI = {"unknown": None, "yes": True, "no": False}  # shown words -> fact values


class DeadlineCalculator:
    """Date pickers, a rule selector, policy toggles and fact toggles over :func:`deadline_for`."""

    def __init__(self, rule_id: str = "one-year-asylum", trigger="2025-01-10", as_of="2026-11-23",
                 policies: dict | None = None, facts: dict | None = None, figure: bool = True):
        import ipywidgets as w

        self.figure = figure
        rules = load_rules()
        self.rule = w.Dropdown(options=[(f"{r.title} [{r.id}]", r.id) for r in rules.values()], value=rule_id,
                               description="Rule", layout=w.Layout(width="640px"), style={"description_width": "80px"})
        self.trigger = w.DatePicker(value=parse_date(trigger, name="trigger"), description="Day 0",
                                    style={"description_width": "80px"})
        self.as_of = w.DatePicker(value=parse_date(as_of, name="as_of"), description="As of",
                                  style={"description_width": "80px"})
        self.trigger.add_class("at-trigger-date")
        self.as_of.add_class("at-as-of-date")
        chosen = dict(policies or {})
        self.policies = {
            name: w.Dropdown(options=[(f"{v} (what-if)" if a.what_if else v, v) for v, a in p.values.items()],
                             value=chosen.get(name, p.default), description=name,
                             style={"description_width": "190px"}, layout=w.Layout(width="420px"),
                             tooltip=p.question)
            for name, p in load_policies().items()
        }
        given = dict(facts or {})
        self.facts = {
            name: w.Dropdown(options=list(_TRI), value={v: k for k, v in _TRI.items()}[given.get(name)],
                             description=label, style={"description_width": "190px"}, layout=w.Layout(width="320px"))
            for name, label in FACT_TOGGLES.items()
        }
        self.delay = w.BoundedIntText(value=int(given.get("applicant_delay_days", 0)), min=0, max=3650,
                                      description="Applicant delay (days)", style={"description_width": "190px"},
                                      layout=w.Layout(width="320px"))
        self.out_html = w.HTML()
        self.out_html.add_class("at-explanation")
        self.out_figure = w.Output()
        self.error = w.HTML()
        controls = [self.rule, self.trigger, self.as_of, *self.policies.values(), *self.facts.values(), self.delay]
        for c in controls:
            c.observe(self._changed, names="value")
        left = w.VBox([self.rule, w.HBox([self.trigger, self.as_of]), w.HTML("<b>Facts</b>"),
                       *self.facts.values(), self.delay])
        right = w.VBox([w.HTML("<b>Open questions (policies)</b>"), *self.policies.values()])
        self.widget = w.VBox([w.HBox([left, right]), self.error, self.out_html, self.out_figure])
        self.widget.add_class("at-deadline-calculator")
        self.result = None
        self.html = ""
        self.refresh()

    # -- the one library call
    def compute(self):
        facts = {k: _TRI[c.value] for k, c in self.facts.items() if _TRI[c.value] is not None}
        if self.delay.value:
            facts["applicant_delay_days"] = self.delay.value
        return deadline_for(self.rule.value, self.trigger.value, as_of=self.as_of.value, facts=facts,
                            policies={k: c.value for k, c in self.policies.items()})

    def refresh(self) -> None:
        from asylum_teach.exceptions import AsylumTeachError

        if self.trigger.value is None or self.as_of.value is None:
            self.error.value = "<b>Choose both dates.</b>"
            return
        try:
            self.result = self.compute()
        except AsylumTeachError as exc:  # a date outside the calendar, a bad fact: say so, keep going
            self.error.value = f"<b>Cannot compute:</b> {exc}"
            self.out_html.value = ""  # never leave an answer on screen for inputs it does not belong to
            self.out_figure.clear_output()
            return
        self.error.value = ""
        self.html = deadline_html(self.result)
        self.out_html.value = self.html
        if self.figure:
            self.out_figure.clear_output(wait=True)
            show_figure(deadline_figure(self.result), self.out_figure)

    def _changed(self, _change) -> None:
        self.refresh()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def deadline_calculator(**kwargs) -> DeadlineCalculator:
    """Build the deadline calculator (see :class:`DeadlineCalculator` for the arguments)."""
    return DeadlineCalculator(**kwargs)

