"""The hearing rehearsal widget: play counsel at a short direct examination of a HYPOTHETICAL client.

A thin widget over :mod:`asylum_teach.reasoning.rehearsal`: it shows the questions the script offers at
each step as labelled radio buttons (reachable with Tab and the arrow keys), asks the chosen one with a
button, and shows the client's answer from the case file, what the choice did (repairs, exposes, leaves
it for cross-examination) with citations, and, after the last step, the debrief. "Start over" replays.
Nothing waits for input, so a notebook that builds it runs headless; a test drives it by setting the
radio value and pressing the button, as a student would.

>>> from asylum_teach.model.case_record import credibility_lab_record
>>> w = HearingRehearsal(credibility_lab_record("ada", "2026-12-01"))
>>> w.question.value = w.question.options[0][1]; w.ask.click()
>>> len(w.run.steps), "at-step-1" in w.transcript.value
(1, True)
>>> w.restart.click(); len(w.run.steps)
0
"""

from __future__ import annotations

from html import escape

from asylum_teach.reasoning.rehearsal import play, rehearsal
from asylum_teach.teaching.explain import citation_items

_OUTCOME_COLOURS = {"repairs": "#009E73", "exposes": "#D55E00", "open": "#E69F00", "neutral": "#0072B2"}


class HearingRehearsal:
    """Radio buttons for the next question, an Ask button, the transcript, the feedback and the debrief."""

    def __init__(self, record=None, *, student_id: str = "demo", as_of="2026-12-01"):
        import ipywidgets as w

        from asylum_teach.model.case_record import credibility_lab_record

        self.script = rehearsal(record if record is not None else credibility_lab_record(student_id, as_of))
        self.choices: list[str] = []
        self.question = w.RadioButtons(options=[], value=None, description="Your next question",
                                       style={"description_width": "150px"}, layout=w.Layout(width="100%"))
        self.question.add_class("at-rehearsal-question")
        self.ask = w.Button(description="Ask this question", button_style="primary",
                            tooltip="Ask the chosen question; the client answers from the case file")
        self.ask.add_class("at-rehearsal-ask")
        self.restart = w.Button(description="Start over", tooltip="Clear the transcript and begin again")
        self.restart.add_class("at-rehearsal-restart")
        self.transcript = w.HTML()
        self.transcript.add_class("at-rehearsal-transcript")
        self.status = w.HTML()
        self.debrief = w.HTML()
        self.debrief.add_class("at-rehearsal-debrief")
        self.ask.on_click(lambda _b: self._ask())
        self.restart.on_click(lambda _b: self._restart())
        intro = w.HTML(f'<p role="note">{escape(self.script.intro)}</p>')
        self.widget = w.VBox([intro, self.transcript, self.question, w.HBox([self.ask, self.restart]), self.status,
                              self.debrief])
        self.widget.add_class("at-rehearsal")
        self.run = play(self.script, [])
        self.refresh()

    def choose(self, key: str) -> None:
        """Ask the question with option key ``key`` at the current step (what the Ask button does)."""
        self.choices.append(key)
        self.refresh()

    def _ask(self) -> None:
        if self.question.value is None:
            self.status.value = "<p><b>Choose a question first</b> (Tab to the list, arrow keys to choose).</p>"
            return
        self.choose(self.question.value)

    def _restart(self) -> None:
        self.choices = []
        self.refresh()

    def refresh(self) -> None:
        self.run = play(self.script, self.choices)
        self.status.value = ""
        self.transcript.value = "".join(_step_html(s) for s in self.run.steps)
        beat = self.run.next_beat
        if beat is None:
            self.question.options = []
            self.question.disabled = self.ask.disabled = True
            head, tail = self.run.debrief()
            self.debrief.value = (f'<div class="at-debrief" style="border-left:4px solid #0072B2;padding:4px 10px">'
                                  f"<h4>Debrief</h4><p>{escape(head)}</p><p>{escape(tail)}</p>"
                                  f"<p><b>Where the law says so:</b></p>{citation_items(self.run.citations)}</div>")
            return
        self.question.disabled = self.ask.disabled = False
        self.question.options = [(o.question, o.key) for o in beat.options]
        self.question.value = None
        self.debrief.value = (f"<p><i>Step {len(self.run.steps) + 1} of {len(self.script.beats)}: "
                              f"{escape(beat.topic)}.</i></p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _step_html(step) -> str:
    o = step.option
    colour = _OUTCOME_COLOURS[o.outcome]
    return (f'<div class="at-step-{step.number}" style="border-left:4px solid {colour};padding:2px 10px;margin:6px 0">'
            f"<p><b>Counsel:</b> {escape(o.question)}</p><p><b>Client:</b> {escape(o.answer)}</p>"
            f'<p class="at-outcome" data-outcome="{escape(o.outcome)}"><b>{escape(o.outcome_text)}.</b> '
            f"{escape(o.debrief)}</p>{citation_items(o.citations)}</div>")
