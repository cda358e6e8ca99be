"""A blank or broken answer never stops the cells after it (issue 14, item 2).

Before: ``situation_rule = filing-before-individual`` (text without quotes, a NameError), or a blank
``one_year_due = ...`` that a later answer computed with (a TypeError naming 'ellipsis'), stopped Run All
in JupyterLab and papermill alike, so the self-check and submit cells never ran. Now the exercise's first
cell installs :mod:`asylum_teach.grading.answer_cells`: an answer cell Python cannot read or run says why
in one sentence and the notebook goes on. The grader, which runs without it, says the same sentence.

Each student answer below is one a law student with little Python writes, with the sentence they get.
"""

from __future__ import annotations

import queue
import re

import nbformat
import papermill
import pytest

from asylum_teach.grading.selfcheck import check_file
from tests.grading.submissions import ROOT

pytestmark = [pytest.mark.slow]

#: (question, what the student wrote, the start of what the answer cell and the self-check say)
BROKEN = [
    ("one_year_weekday", "one_year_weekday = dates.weekday(one_year_due)",
     "Python could not run your answer to Q2 (one_year_weekday): it uses your answer to Q1 (one_year_due), which "
     "is still blank or could not be read."),
    ("one_year_days_left", "one_year_days_left = (one_year_due - date.fromisoformat(as_of)).days",
     "Python could not run your answer to Q3 (one_year_days_left): it uses your answer to Q1 (one_year_due)"),
    ("appeal_due", "appeal_due = August 10, 2026",
     'Python could not read your answer to Q4 (appeal_due): a date needs quotes, e.g. "August 10, 2026".'),
    ("pfr_due", "pfr_due = 2026-08-10",
     'Python could not read your answer to Q5 (pfr_due): a date needs quotes, e.g. "2026-08-10".'),
    ("pfr_roll_rule", "pfr_roll_rule = 'next-business-day",
     "Python could not read line 1 of your answer to Q7 (pfr_roll_rule): a quote is not closed."),
    ("pfr_roll_cite", "pfr_roll_cite = [c.cite for c in pfr.citations][0]",
     "Python could not run your answer to Q8 (pfr_roll_cite): it uses pfr, which is not defined yet."),
    ("situation_rule", "situation_rule = filing-before-individual",
     'Python could not read your answer to Q10 (situation_rule): text needs quotes, e.g. "filing-before-individual".'),
]
#: What an answer that runs but cannot be read is told at once (the grader's reading, in the kernel)
UNREADABLE = ("pfr_holiday", "pfr_holiday = 6103",
              "Your answer to Q6 (pfr_holiday): I could not read this as the name of a federal holiday")
TYPE_NAMES = re.compile(r"'(str|int|ellipsis|NoneType|datetime\.date|list)'|Traceback|Error\b")


def _broken_exercise(path):
    nb = nbformat.read(ROOT / "exercises" / "02_deadlines.ipynb", as_version=4)
    for cell in nb.cells:
        for key, source, _ in [*BROKEN, UNREADABLE]:
            if f"answer:{key}" in cell.metadata.get("tags", []):
                cell.source = source
    nbformat.write(nb, str(path))
    return path


def _outputs(nb, key) -> str:
    cell = next(c for c in nb.cells if f"answer:{key}" in c.metadata.get("tags", []) or key in
                c.metadata.get("tags", []))
    # printed lines, and the self-check's report (a table, with its plain text beside it)
    return "".join(o.get("text", "") if o.get("output_type") == "stream" else o.get("data", {}).get("text/plain", "")
                   for o in cell.outputs if o.get("output_type") in ("stream", "display_data"))


def test_papermill_runs_past_every_broken_answer_to_the_self_check(tmp_path):
    """papermill stops at the first error it sees: every cell ran and the self-check reports each answer."""
    nb = papermill.execute_notebook(str(_broken_exercise(tmp_path / "in.ipynb")), str(tmp_path / "out.ipynb"),
                                    parameters={"student_id": "ada"}, kernel_name="python3", progress_bar=False,
                                    execution_timeout=120)
    for key, _, said in BROKEN:
        assert _outputs(nb, key).startswith(said), (key, _outputs(nb, key))
        assert not TYPE_NAMES.search(_outputs(nb, key)), _outputs(nb, key)
    assert _outputs(nb, UNREADABLE[0]).startswith(UNREADABLE[2]), _outputs(nb, UNREADABLE[0])
    report = _outputs(nb, "selfcheck")
    flat = " ".join(report.split())  # the report wraps its lines between words
    for key, _, said in BROKEN:
        assert f"{key} not yet: {said.split('. ')[0]}" in flat, (key, report)
    assert "Q1 one_year_due not answered yet" in flat
    assert all(len(line) <= 100 for line in report.splitlines()[2:-1]), report  # the questions
    assert not TYPE_NAMES.search(report) and "WRONG" not in report, report


def test_the_grader_says_the_same_sentences_about_the_saved_notebook(tmp_path):
    """``asylum-teach check`` (the grader's path: its kernels run without the transformer) reads the cells'
    errors and says what the student's kernel said."""
    checked = check_file(_broken_exercise(tmp_path / "02_deadlines.ipynb"), "ada")
    notes = {r.key: r.note for r in checked.graded.results}
    for key, _, said in BROKEN:
        assert notes[key].startswith(said.split(". ")[0].rstrip(".")), (key, notes[key])
    assert notes["pfr_holiday"].startswith("readable") or "federal holiday" in notes["pfr_holiday"]
    assert all(not TYPE_NAMES.search(n) for n in notes.values()), notes


def test_jupyterlab_run_all_goes_on_past_a_broken_answer_cell():
    """JupyterLab's Run All sends every cell at once with ``stop_on_error``: the kernel aborts the queue at the
    first error. A broken answer cell now replies "ok", so the cells queued after it run. The cell is known by
    the id JupyterLab sends (``answer-<key>``) even when the student deleted the assignment."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        cells = [
            (None, 'student_id = "ada"\nas_of = "2026-09-01"'),
            (None, 'from asylum_teach.grading.answer_cells import forgive_answers\nforgive_answers("deadlines")'),
            ("answer-situation_rule", "filing-before-individual"),          # no assignment left at all
            ("answer-one_year_due", "one_year_due = ..."),
            ("answer-one_year_weekday", "from asylum_teach import dates\none_year_weekday = dates.weekday(one_year_due)"),
            ("deadlines-29", 'print("the self-check cell ran")'),
        ]
        ids = []
        for cell_id, code in cells:  # all queued at once, as Run All does
            msg = kc.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                     "user_expressions": {}, "allow_stdin": False,
                                                     "stop_on_error": True},
                                 metadata={"cellId": cell_id} if cell_id else {})
            kc.shell_channel.send(msg)
            ids.append(msg["header"]["msg_id"])
        replies = {}
        while not set(ids) <= set(replies):
            reply = kc.get_shell_msg(timeout=60)
            replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        assert [replies[i] for i in ids] == ["ok"] * len(ids), replies
        printed = []
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=2)
            except queue.Empty:
                break
            if msg["msg_type"] == "stream":
                printed.append(msg["content"]["text"])
            elif msg["msg_type"] == "display_data":  # the self-check's report: a table, its plain text beside it
                printed.append(msg["content"]["data"].get("text/plain", ""))
        text = "".join(printed)
        assert 'Python could not read your answer to Q10 (situation_rule): text needs quotes, and the answer its ' \
               'name, e.g. situation_rule = "filing-before-individual".' in text, text
        assert "it uses your answer to Q1 (one_year_due), which is still blank" in text, text
        assert "the self-check cell ran" in text and not TYPE_NAMES.search(text), text
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_other_cells_and_good_answers_run_as_before(tmp_path):
    """The transformer touches answer cells only, and an answer cell runs as IPython runs it: its last
    expression is shown, magics work, and a cell that is not an answer still raises as usual."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        def run(code):
            reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: shown.append(m))
            return reply["content"]["status"]

        shown: list = []
        assert run('from asylum_teach.grading.answer_cells import forgive_answers\nforgive_answers("deadlines")') == "ok"
        assert run('forgive_answers("deadlines")') == "ok"  # the setup cell run twice installs it once
        assert run("get_ipython().input_transformers_post.__len__()") == "ok"
        assert run('situation_rule = "bia-appeal"\nsituation_rule.upper()') == "ok"
        assert run("%time pfr_citation = 'INA 242(b)(1)'") == "ok"
        assert run("pfr_citation") == "ok"
        assert run("1/0") == "error"  # not an answer cell: an error is an error
        results = [m["content"]["data"]["text/plain"] for m in shown if m["msg_type"] in ("execute_result",
                                                                                           "display_data")]
        assert results[:2] == ["1", "'BIA-APPEAL'"] and "'INA 242(b)(1)'" in results, results
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
