"""The hearing rehearsal widget: play counsel at a short direct examination of a HYPOTHETICAL client.

A thin widget over :mod:`asylum_teach.reasoning.rehearsal`: at each step it shows the questions the
script offers as one button each, under the label "Your next question"; pressing a button (with the
mouse, or Tab to it and Enter or Space) asks that question. It then shows the client's answer from the
case file, what the choice did (repairs, exposes, leaves it for cross-examination) with citations, and,
after the last step, the debrief. "Start over" replays. Buttons, not radio buttons: in JupyterLab the
notebook's own arrow-key shortcuts take the keys a radio group needs (found by the browser test), while
a focused button keeps Enter and Space. Nothing waits for input, so a notebook that builds it runs
headless; a test drives it by pressing the buttons, as a student would.

>>> from asylum_teach.model.case_record import credibility_lab_record
>>> w = HearingRehearsal(credibility_lab_record("ada", "2026-12-01"))
>>> len(w.buttons), w.label.value
(3, '<b id="at-rehearsal-label">Your next question</b> (step 1 of 4)')
>>> w.buttons[0].click()
>>> len(w.run.steps), "at-step-1" in w.transcript.value
(1, True)
>>> w.restart.click(); len(w.run.steps)
0
"""

from __future__ import annotations

from html import escape

from asylum_teach.reasoning.rehearsal import play, rehearsal
from asylum_teach.teaching.explain import citation_items

#: Long questions wrap inside their buttons instead of being cut off.
_CSS = (".at-rehearsal-choice.jupyter-button{white-space:normal;height:auto;text-align:left;padding:6px 10px;"
        "line-height:1.4}")
_OUTCOME_COLOURS = {"repairs": "#009E73", "exposes": "#D55E00", "open": "#E69F00", "neutral": "#0072B2"}


class HearingRehearsal:
    """Radio buttons for the next question, an Ask button, the transcript, the feedback and the debrief."""

    def __init__(self, record=None, *, student_id: str = "demo", as_of="2026-12-01"):
        import ipywidgets as w

        from asylum_teach.model.case_record import credibility_lab_record

        self.script = rehearsal(record if record is not None else credibility_lab_record(student_id, as_of))
        self.choices: list[str] = []
        self._w = w
        self.label = w.HTML()
        self.label.add_class("at-rehearsal-label")
        self.choices_box = w.VBox(layout=w.Layout(width="100%"))
        self.choices_box.add_class("at-rehearsal-question")
        self.buttons: list = []
        self.restart = w.Button(description="Start over", tooltip="Clear the transcript and begin again")
        self.restart.add_class("at-rehearsal-restart")
        self.transcript = w.HTML()
        self.transcript.add_class("at-rehearsal-transcript")
        self.debrief = w.HTML()
        self.debrief.add_class("at-rehearsal-debrief")
        self.restart.on_click(lambda _b: self._restart())
        intro = w.HTML(f'<style>{_CSS}</style><p role="note">{escape(self.script.intro)}</p>')
        self.widget = w.VBox([intro, self.transcript, self.label, self.choices_box, self.restart, self.debrief])
        self.widget.add_class("at-rehearsal")
        self.run = play(self.script, [])
        self.refresh()

    def choose(self, key: str) -> None:
        """Ask the question with option key ``key`` at the current step (what its button does)."""
        self.choices.append(key)
        self.refresh()

    def _restart(self) -> None:
        self.choices = []
        self.refresh()

    def refresh(self) -> None:
        w = self._w
        self.run = play(self.script, self.choices)
        self.transcript.value = "".join(_step_html(s) for s in self.run.steps)
        beat = self.run.next_beat
        if beat is None:
            self.buttons = []
            self.choices_box.children = ()
            self.label.value = ""
            head, tail = self.run.debrief()
            self.debrief.value = (f'<div class="at-debrief" style="border-left:4px solid #0072B2;padding:4px 10px">'
                                  f"<h4>Debrief</h4><p>{escape(head)}</p><p>{escape(tail)}</p>"
                                  f"<p><b>Where the law says so:</b></p>{citation_items(self.run.citations)}</div>")
            return
        step = len(self.run.steps) + 1
        self.label.value = (f'<b id="at-rehearsal-label">Your next question</b> (step {step} of '
                            f"{len(self.script.beats)})")
        self.buttons = []
        for o in beat.options:
            b = w.Button(description=o.question, tooltip=o.question, layout=w.Layout(width="100%", height="auto"))
            b.add_class("at-rehearsal-choice")
            b.on_click(lambda _b, key=o.key: self.choose(key))
            self.buttons.append(b)
        self.choices_box.children = tuple(self.buttons)
        self.debrief.value = f"<p><i>{escape(beat.topic[:1].upper() + beat.topic[1:])}.</i></p>"

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
