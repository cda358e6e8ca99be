"""Thin widgets: read the inputs, call one library function, show its explanation and a figure.

Each widget class keeps its computation in :meth:`compute` (one call into the library), its text in
:meth:`render` and its figure in :meth:`draw`, so a test can drive it without a browser: set the input
widgets' values (as a student would) and read ``.result`` and ``.html``. Nothing waits for input, so a
notebook that builds a widget runs headless under papermill.

What every widget shares (:class:`ThinWidget`):

* the figure is HTML (an SVG or table, or an ``<img>`` with alt text), never an ``ipywidgets.Output``:
  it arrives with the text, and a headless run has nothing to wait for (see
  :mod:`asylum_teach.publish.execute`);
* a status line says "Updating..." while the library computes and "Up to date" after, so a student
  sees that a change was taken;
* a problem (a date outside the calendar, facts that contradict each other) is said in words where it
  arises, and every old result is cleared: nothing stays on screen for inputs it does not belong to;
* layouts wrap: the controls flow into one column on a narrow screen instead of being cut off.

>>> calc = DeadlineCalculator(rule_id="one-year-asylum", trigger="2019-01-25", as_of="2026-11-23")
>>> calc.result.due.isoformat()
'2020-01-27'
>>> calc.trigger.value = date(2020, 1, 1)        # what the date picker does when a student changes it
>>> calc.result.due.isoformat(), "Monday 4 January 2021" in calc.plot.value
('2021-01-04', True)
"""

from __future__ import annotations

from datetime import date  # noqa: F401 - the doctest above uses it
from html import escape

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import AsylumTeachError
from asylum_teach.law.engine import deadline_for
from asylum_teach.law.policies import load_policies
from asylum_teach.law.rules import load_rules
from asylum_teach.teaching.explain import deadline_html, plain
from asylum_teach.teaching.fast_figures import deadline_calendar
from asylum_teach.teaching.labels import choice_label, fact_label, policy_label

#: Yes/no facts some rules read, as tri-state choices (unknown lets the engine show both readings).
FACT_TOGGLES = ("unaccompanied_child", "detained", "asylum_decided_on_merits", "changed_country_conditions")
TRI = {"unknown": None, "yes": True, "no": False}  # shown words -> fact values
UPDATING = '<span class="at-status" role="status" style="color:#6b4e00">&#x23F3; Updating...</span>'
DONE = '<span class="at-status" role="status" style="color:#1a1a1a">&#x2713; Up to date</span>'
FAILED = '<span class="at-status" role="status" style="color:#a33000">&#x26A0; Not updated: see the problem above</span>'


def label_width(labels, minimum: int = 60) -> str:
    """A label column wide enough for the longest label (about 8 px a character at the widgets' 13 px)."""
    return f"{max(minimum, 8 * max(len(text) for text in labels) + 8)}px"


def labelled(description: str, width: str | None = None, *, room: int = 200) -> dict:
    """Keyword arguments for a control with a visible label that is never cut off: the label column is
    ``width`` (default: wide enough for this label) and the control gets ``room`` px beside it."""
    import ipywidgets as w

    width = width or label_width([description])
    return {"description": description, "description_allow_html": False, "style": {"description_width": width},
            "layout": w.Layout(width="100%", max_width=f"{int(width[:-2]) + room}px")}


def flow(children, **layout):
    """A row that wraps into a column when the screen is narrow."""
    import ipywidgets as w

    return w.Box(children, layout=w.Layout(display="flex", flex_flow="row wrap", align_items="flex-start",
                                           width="100%", **layout))


def column(children, *, basis: str = "420px", grow: int = 1):
    import ipywidgets as w

    return w.VBox(children, layout=w.Layout(flex=f"{grow} 1 {basis}", min_width="0", margin="0 16px 8px 0"))


class ThinWidget:
    """Shared shape: ``compute`` (one library call), ``render`` (text), ``draw`` (figure HTML), ``widget``."""

    figure = True
    #: Facts the widget's own controls set, by glossary name (for saying where a problem is).
    fields: dict = {}

    def _start(self, controls) -> None:
        import ipywidgets as w

        self.status = w.HTML(DONE)
        self.error = w.HTML()
        self.html = w.HTML()
        self.plot = w.HTML()
        self.html.add_class("at-explanation")
        self.plot.add_class("at-figure-box")
        self.result = None
        for c in controls:
            c.observe(self._changed, names="value")

    def _changed(self, _change) -> None:
        self.refresh()

    def problem(self, exc) -> str:
        """The problem in words, as HTML (widgets that can point at a field override this)."""
        return f'<p class="at-problem" role="alert"><b>Cannot answer:</b> {escape(plain(exc))}</p>'

    def refresh(self) -> None:
        self.status.value = UPDATING
        try:
            result = self.compute()
        except AsylumTeachError as exc:  # bad or contradictory input: say so, clear every old answer
            self.result = None
            self.error.value = self.problem(exc)
            self.html.value = ""
            self.plot.value = ""
            self.status.value = FAILED
            return
        self.result = result
        self.error.value = ""
        self.cleared()
        self.html.value = self.render(result)
        if self.figure:
            self.plot.value = self.draw(result)
        self.status.value = DONE

    def cleared(self) -> None:
        """Hook: forget per-field problem notes once the inputs are consistent again."""

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


class DeadlineCalculator(ThinWidget):
    """Date pickers, a rule selector, policy choices and fact choices over :func:`deadline_for`."""

    def __init__(self, rule_id: str = "one-year-asylum", trigger="2025-01-10", as_of="2026-11-23",
                 policies: dict | None = None, facts: dict | None = None, figure: bool = True):
        import ipywidgets as w

        self.figure = figure
        rules = load_rules()
        self.rule = w.Dropdown(options=[(r.title, r.id) for r in rules.values()], value=rule_id,
                               **labelled("Rule", "60px", room=620))
        self.trigger = w.DatePicker(value=parse_date(trigger, name="trigger"), **labelled("Day 0 (trigger)", "130px"))
        self.as_of = w.DatePicker(value=parse_date(as_of, name="as_of"), **labelled("As of", "130px"))
        self.trigger.add_class("at-trigger-date")
        self.as_of.add_class("at-as-of-date")
        chosen = dict(policies or {})
        policies = load_policies()
        pw = label_width([policy_label(n) for n in policies])
        self.policies = {
            name: w.Dropdown(options=[(choice_label(v) + (" (what-if)" if a.what_if else ""), v)
                                      for v, a in p.values.items()],
                             value=chosen.get(name, p.default), tooltip=p.question,
                             **labelled(policy_label(name), pw, room=190))
            for name, p in policies.items()
        }
        given = dict(facts or {})
        fw = label_width([fact_label(n) for n in (*FACT_TOGGLES, "applicant_delay_days")])
        self.facts = {name: w.Dropdown(options=list(TRI), value={v: k for k, v in TRI.items()}[given.get(name)],
                                       **labelled(fact_label(name), fw, room=130))
                      for name in FACT_TOGGLES}
        self.delay = w.BoundedIntText(value=int(given.get("applicant_delay_days", 0)), min=0, max=3650,
                                      **labelled(fact_label("applicant_delay_days"), fw, room=130))
        controls = [self.rule, self.trigger, self.as_of, *self.policies.values(), *self.facts.values(), self.delay]
        self._start(controls)
        left = column([self.rule, self.trigger, self.as_of, w.HTML("<b>Facts</b> (unknown shows both readings)"),
                       *self.facts.values(), self.delay])
        right = column([w.HTML("<b>Open questions</b> (how to read the rules)"), *self.policies.values()])
        self.widget = w.VBox([flow([left, right]), self.status, self.error, self.plot, self.html],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("at-deadline-calculator")
        self.refresh()

    def compute(self):
        if self.trigger.value is None or self.as_of.value is None:
            from asylum_teach.exceptions import InvalidInputError

            raise InvalidInputError("choose both dates: day 0 and as of")
        facts = {k: TRI[c.value] for k, c in self.facts.items() if TRI[c.value] is not None}
        if self.delay.value:
            facts["applicant_delay_days"] = self.delay.value
        return deadline_for(self.rule.value, self.trigger.value, as_of=self.as_of.value, facts=facts,
                            policies={k: c.value for k, c in self.policies.items()})

    @staticmethod
    def render(result) -> str:
        return deadline_html(result)

    @staticmethod
    def draw(result) -> str:
        return deadline_calendar(result)


def deadline_calculator(**kwargs) -> DeadlineCalculator:
    """Build the deadline calculator (see :class:`DeadlineCalculator` for the arguments)."""
    return DeadlineCalculator(**kwargs)
