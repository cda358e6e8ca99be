"""Short checks between sections: choose an answer or pick a date, and get specific feedback at once.

Three kinds, all built from the same two pieces (a control and a stack of prepared feedback panels,
one per choice, linked in the browser):

* :func:`choose`: a question with a few answers (choose the rule, spot the mistake); each answer has
  its own feedback, written to say what is wrong and where to look, not just "wrong";
* :func:`predict`: predict-then-reveal: the same, and every answer's feedback ends with the worked
  answer (the engine's own explanation);
* :func:`pick_day`: pick the last day to file on a calendar of the weeks around it (each day a button:
  click it, or Tab to it and press Enter; a slider's handle has no name a screen reader can read, so the
  calendar is buttons); the feedback for each day is worked out from the engine's deadline (where the
  count ends, which days are closed, the due and safe dates) and names the rule to look at, never just
  the date.

The feedback for every choice is prepared when the cell runs and switched in the browser (a
``jslink`` between the control's index and the stack), so it appears instantly, and works on the
offline course pages too, with no kernel. When a kernel is there, each first answer also moves the
notebook's :class:`Progress` line.

>>> progress = Progress("02 · Deadlines", total=2)
>>> q = choose("Which day is day 0?", [("The day of the decision", True, "Yes: the event day is not counted."),
...                                    ("The day after", False, "That is day 1: day 0 is the event itself.")],
...            key="day0", progress=progress)
>>> q.control.index = 1; q.control.index = 0
>>> progress.answered, progress.right_first_time
(1, 0)
>>> "1 of 2 checks answered" in progress.widget.value
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from html import escape

from asylum_teach.teaching.fast_figures import calendar_of, closed_words, deadline_alt, month_table
from asylum_teach.teaching.labels import written

RIGHT = ("&#x2713; Right.", "#007A5E")
SAFE = ("&#x2713; Safe, but not the last day.", "#007A5E")
NOT_YET = ("&#x2717; Not quite.", "#B34700")


@dataclass
class Progress:
    """One notebook's progress line: checks answered, and how many were right the first time."""

    notebook: str
    total: int
    first: dict = field(default_factory=dict)  # key -> right on the first answer

    def __post_init__(self):
        import ipywidgets as w

        self.widget = w.HTML(self._html())
        self.widget.add_class("at-progress")

    @property
    def answered(self) -> int:
        return len(self.first)

    @property
    def right_first_time(self) -> int:
        return sum(1 for v in self.first.values() if v)

    def record(self, key: str, correct: bool) -> None:
        if key not in self.first:
            self.first[key] = bool(correct)
            self.widget.value = self._html()

    def _html(self) -> str:
        done = min(self.answered, self.total)
        bar = "■" * done + "□" * (self.total - done)
        return (f'<p class="at-progress-line" style="margin:4px 0;font-size:15px"><b>Your progress in '
                f"{escape(self.notebook)}:</b> <span aria-hidden=\"true\">{bar}</span> {done} of {self.total} "
                f"checks answered, {self.right_first_time} right the first time. <small>(Counted while the "
                f"notebook runs in JupyterLab; nothing is sent anywhere.)</small></p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def feedback_html(verdict: tuple[str, str], text: str, reveal: str = "") -> str:
    word, colour = verdict
    return (f'<div class="at-feedback" role="status" style="border-left:5px solid {colour};padding:4px 10px;'
            f'margin:6px 0"><b>{word}</b> {text}{reveal}</div>')


class Check:
    """A question, a control whose ``index`` picks a prepared feedback panel, and the panels."""

    def __init__(self, question: str, control, panels: list[str], correct: list[bool], *, key: str,
                 progress: Progress | None = None, css: str = "at-check"):
        import ipywidgets as w

        self.key, self.progress, self.correct = key, progress, correct
        self.control = control
        self.panels = [w.HTML(p) for p in panels]
        self.stack = w.Stack(self.panels, selected_index=control.index)
        self.link = w.jslink((control, "index"), (self.stack, "selected_index"))
        control.observe(self._answered, names="index")
        head = w.HTML(WRAP_ANSWERS + f'<p class="at-question" style="margin:4px 0"><b>Check.</b> {question}</p>')
        self.widget = w.VBox([head, control, self.stack], layout=w.Layout(width="100%", max_width="900px",
                                                                          border="1px solid #BBBBBB",
                                                                          padding="4px 12px", margin="8px 0"))
        for name in css.split():
            self.widget.add_class(name)

    def _answered(self, change) -> None:
        index = change["new"]
        if index is None:
            return
        self.stack.selected_index = index  # the jslink does this in the browser; keep the kernel's copy in step
        if self.progress is not None and self.correct[index] is not None:
            self.progress.record(self.key, self.correct[index])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


#: ipywidgets gives each radio answer one line of fixed height, so a long answer ran over the next one at
#: 1280x720; in a check, answers wrap and each takes the height its text needs.
WRAP_ANSWERS = ("<style>.at-check .widget-radio-box label{height:auto;min-height:var(--jp-widgets-radio-item-height,24px);"
                "line-height:1.35;white-space:normal;align-items:flex-start;padding:2px 0}"
                ".at-check .widget-radio-box label input{flex:none;margin-top:3px}</style>")


def choose(question: str, options, *, key: str, progress: Progress | None = None, reveal: str = "") -> Check:
    """A question with answers ``(text, correct, feedback_html)``; the feedback shows when one is chosen."""
    import ipywidgets as w

    options = list(options)
    control = w.RadioButtons(options=[text for text, _ok, _fb in options], index=None,
                             description="Your answer", style={"description_width": "initial"},
                             layout=w.Layout(width="100%"))
    panels = [feedback_html(RIGHT if ok else NOT_YET, fb, reveal) for _text, ok, fb in options]
    return Check(question, control, panels, [ok for _t, ok, _f in options], key=key, progress=progress)


def predict(question: str, options, reveal: str, *, key: str, progress: Progress | None = None) -> Check:
    """Predict, then see the worked answer: every answer's feedback ends with ``reveal`` (HTML)."""
    return choose(question, options, key=key, progress=progress,
                  reveal=f'<div class="at-reveal" style="margin-top:6px"><b>The worked answer:</b>{reveal}</div>')


def day_feedback(deadline, day, calendar=None) -> tuple[tuple[str, str], str, bool]:
    """(verdict, feedback HTML, counts as right) for a student who picks ``day`` as the last day to file."""
    cal = calendar_of(deadline, calendar)
    due, safe, end, start = deadline.due, deadline.safe_date, deadline.counted_on, deadline.trigger
    closed = closed_words(day, cal)
    if day == due:
        return RIGHT, escape(deadline_alt(deadline, calendar)), True
    if safe and day == safe and safe != due:
        return SAFE, (f"{escape(written(day))} is the <b>safe date</b>: a filing then is timely under every "
                      f"reading of the rules. Under the default reading the last day is later; look at the open "
                      f"question the two readings turn on."), True
    if day > due:
        return NOT_YET, (f"Too late: {escape(written(day))} is after the last day. The court must "
                         f"<i>receive</i> the filing by then; count again from day 0, {escape(written(start))}."), False
    if end and day == end and closed:
        return NOT_YET, (f"That is where the count ends, but {escape(written(day))} is {escape(closed)}, and the "
                         "court is closed. Which rule moves a deadline that lands on a closed day, and in which "
                         "direction?"), False
    if closed:
        return NOT_YET, (f"The court is closed on {escape(written(day))} ({escape(closed)}): nothing can be received "
                         "that day. Where does the count really end?"), False
    n = (day - start).days
    where = f"day {n} after day 0" if n > 0 else ("day 0 itself" if n == 0 else f"{-n} days before day 0")
    return NOT_YET, (f"Earlier than the last day: {escape(written(day))} is {where}. A filing then would be on "
                     f"time, but the question asks for the last day. Remember that day 0 ({escape(written(start))}) "
                     "is not counted."), False


def pick_day(deadline, question: str, *, key: str, progress: Progress | None = None, calendar=None,
             before: int = 10, after: int = 6) -> Check:
    """Pick the last day to file on a calendar of the weeks around the deadline (click a day, or Tab to it
    and press Enter); each day's feedback and its month calendar (the picked day outlined, closed days
    named) are prepared in advance. The days are buttons, so each has a name a screen reader reads."""
    import ipywidgets as w

    cal = calendar_of(deadline, calendar)
    anchor = min(d for d in (deadline.counted_on, deadline.safe_date, deadline.due) if d)
    first = anchor - timedelta(days=before)
    first -= timedelta(days=first.weekday())  # whole weeks, Monday first, so the buttons line up as a calendar
    last = deadline.due + timedelta(days=after)
    last += timedelta(days=6 - last.weekday())
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    panels, correct = [], []
    for day in days:
        verdict, text, ok = day_feedback(deadline, day, calendar)
        table = month_table(day.year, day.month, cal, marks={day: ["chosen"]}, size="small")
        panels.append(f'<div style="display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start">{table}'
                      f'<div style="flex:1 1 280px">{feedback_html(verdict, text)}</div></div>')
        correct.append(ok)
    labels = [f"{d:%a} {d.day}" + (f" {d:%b}" if i == 0 or d.day == 1 else "") for i, d in enumerate(days)]
    control = w.ToggleButtons(options=list(zip(labels, days)), index=None, tooltips=[written(d) for d in days],
                              style={"button_width": "7.6em"}, layout=w.Layout(width="100%", max_width="56em"))
    check = Check(question + ' <span style="font-weight:normal">(click the day on the calendar, or press Tab to '
                             "reach it and Enter to pick it)</span>", control, panels, correct, key=key,
                  progress=progress, css="at-check at-pick-day")
    return check
