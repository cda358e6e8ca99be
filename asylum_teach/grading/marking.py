"""A marking panel for written answers, for the instructor's notebook (``solutions/marking/``).

Pick a student and a written question, read the whole answer (as plain text: nothing in it is rendered),
score each rubric criterion with a comment, and save. Saving calls :func:`asylum_teach.grading.rubric.mark`,
exactly what ``asylum-teach rubric`` calls, so the gradebook, grades.csv, the class report and the
student's feedback page come out the same whichever way the marks were given.

>>> callable(MarkingPanel)
True
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from asylum_teach.grading import rubric
from asylum_teach.safetext import storable


class MarkingPanel:
    """The widget: ``display(MarkingPanel(out_dir).widget)`` or just leave it as a cell's last value."""

    def __init__(self, out_dir):
        import ipywidgets as w

        self.out_dir = Path(out_dir)
        self._answers = {(a.student, a.question.key): a for a in rubric.answers(self.out_dir)}
        students = sorted({s for s, _ in self._answers})
        questions = sorted({q for _, q in self._answers})
        self.student = w.Dropdown(options=students, description="Student")
        self.question = w.Dropdown(options=questions, description="Question")
        self.student.add_class("at-student")
        self.question.add_class("at-question")
        self.answer = w.HTML()
        self.answer.add_class("at-answer")
        self.criteria = w.VBox()
        self.comment = w.Textarea(description="Comment", layout=w.Layout(width="90%"))
        self.comment.add_class("at-comment")
        self.save_button = w.Button(description="Save marks", button_style="primary")
        self.save_button.add_class("at-save")
        self.status = w.HTML()
        self.status.add_class("at-status")
        self._rows: list = []
        self.student.observe(lambda _: self.show(), names="value")
        self.question.observe(lambda _: self.show(), names="value")
        self.save_button.on_click(lambda _: self.save())
        self.widget = w.VBox([w.HBox([self.student, self.question]), self.answer, self.criteria, self.comment,
                              self.save_button, self.status])
        self.widget.add_class("at-marking")
        self.show()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def show(self) -> None:
        """Show the chosen answer, its rubric and any marks already given."""
        import ipywidgets as w

        answer = self._answers.get((self.student.value, self.question.value))
        self.status.value = ""
        if answer is None:
            self.answer.value, self.criteria.children, self._rows = "<i>no written answer to mark</i>", (), []
            return
        text = answer.text if answer.text else "(no answer)"
        self.answer.value = (f"<b>{escape(answer.question.prompt)}</b>"
                             f"<pre style='white-space: pre-wrap'>{escape(storable(text))}</pre>")
        rows = []
        for n, criterion in enumerate(answer.question.criteria, 1):
            given = answer.mark.criteria[n - 1] if answer.mark and n <= len(answer.mark.criteria) else (0.0, 0, "")
            points = w.BoundedFloatText(value=given[0], min=0, max=criterion.points, step=0.5,
                                        description=f"{n}. /{criterion.points:g}", layout=w.Layout(width="12rem"))
            note = w.Text(value=given[2], placeholder="comment", layout=w.Layout(width="40%"))
            points.add_class(f"at-criterion-{n}")
            note.add_class(f"at-note-{n}")
            rows.append((points, note, w.HBox([points, note, w.HTML(escape(criterion.text))])))
        self._rows = rows
        self.criteria.children = tuple(row[2] for row in rows)
        self.comment.value = answer.mark.comment if answer.mark else ""

    def save(self) -> None:
        """Record the marks shown (through :func:`rubric.mark`) and say what was saved."""
        from asylum_teach.exceptions import AsylumTeachError

        student, question = self.student.value, self.question.value
        try:
            mark = rubric.mark(self.out_dir, student, question, [row[0].value for row in self._rows],
                               [row[1].value for row in self._rows], self.comment.value)
        except AsylumTeachError as exc:
            self.status.value = f"<span style='color: #a4161a'>not saved: {escape(str(exc))}</span>"
            return
        self._answers = {(a.student, a.question.key): a for a in rubric.answers(self.out_dir)}
        self.status.value = f"saved: {escape(student)} {escape(question)} {mark.points:g}/{mark.max_points:g}"
