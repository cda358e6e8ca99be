"""The active-learning checks: instant, specific feedback that speaks the law, and a progress line."""

from __future__ import annotations

from datetime import date

from asylum_teach.law.engine import deadline_for
from asylum_teach.teaching.checks import Progress, choose, day_feedback, pick_day, predict

# Order Wed 2026-06-03; a motion to reconsider is due 30 days later (INA 240(c)(6)(B)): day 30 is
# Fri 2026-07-03, Independence Day observed (the 4th is a Saturday); the roll gives Mon 2026-07-06, and
# the safe date is Fri 2026-07-03 (if the observed day is not a holiday).
RECONSIDER = deadline_for("motion-to-reconsider", "2026-06-03", as_of="2026-12-01")


def test_each_answer_has_its_own_feedback_linked_in_the_browser():
    q = choose("Which day is day 0?", [("The day of the decision", True, "The event day is not counted."),
                                       ("The day after", False, "That is day 1.")], key="day0")
    assert type(q.link).__name__ == "Link" and q.link.source == (q.control, "index")
    assert q.link.target == (q.stack, "selected_index") and q.stack.selected_index is None
    assert "Right." in q.panels[0].value and "Not quite." in q.panels[1].value and "That is day 1" in q.panels[1].value


def test_progress_counts_the_first_answer_of_each_check_only():
    progress = Progress("02", total=3)
    a = choose("?", [("x", False, "no"), ("y", True, "yes")], key="a", progress=progress)
    b = choose("?", [("x", True, "yes"), ("y", False, "no")], key="b", progress=progress)
    a.control.index = 0
    a.control.index = 1  # a second try: still answered once, not right the first time
    b.control.index = 0
    assert (progress.answered, progress.right_first_time) == (2, 1)
    assert "2 of 3 checks answered, 1 right the first time" in progress.widget.value


def test_predict_reveals_the_worked_answer_after_any_choice():
    q = predict("When is it due?", [("Fri 3 Jul", False, "The court is closed."), ("Mon 6 Jul", True, "Yes.")],
                reveal="<p>worked</p>", key="p")
    assert all("The worked answer:" in p.value and "<p>worked</p>" in p.value for p in q.panels)


def test_picking_each_day_gets_feedback_that_speaks_the_law_not_the_date():
    verdicts = {d: day_feedback(RECONSIDER, d) for d in (date(2026, 7, 2), date(2026, 7, 3), date(2026, 7, 4),
                                                         date(2026, 7, 6), date(2026, 7, 7))}
    right = [d for d, (_v, _t, ok) in verdicts.items() if ok]
    assert right == [date(2026, 7, 3), date(2026, 7, 6)]  # the safe date and the due date
    closed = verdicts[date(2026, 7, 4)][1]
    assert "Independence Day" in closed and "closed" in closed and "6 July" not in closed  # a hint, not the answer
    assert "day 29 after day 0" in verdicts[date(2026, 7, 2)][1]
    assert "Too late" in verdicts[date(2026, 7, 7)][1]
    assert "Safe, but not the last day." in verdicts[date(2026, 7, 3)][0][0]


def test_pick_day_prepares_a_calendar_and_feedback_for_every_day():
    progress = Progress("02", total=1)
    check = pick_day(RECONSIDER, "Pick the last day.", key="reconsider", progress=progress)
    days = [v for _label, v in check.control.options]
    assert len(check.panels) == len(days) and date(2026, 7, 6) in days and date(2026, 7, 3) in days
    assert days[0].weekday() == 0 and days[-1].weekday() == 6 and len(days) % 7 == 0  # whole weeks, as a calendar
    assert check.control.index is None and check.stack.selected_index is None
    labels = [label for label, _v in check.control.options]
    assert labels[days.index(date(2026, 7, 6))] == "Mon 6" and labels[days.index(date(2026, 7, 1))] == "Wed 1 Jul"
    assert check.control.tooltips[days.index(date(2026, 7, 6))] == "Monday 6 July 2026"
    check.control.value = date(2026, 7, 6)
    panel = check.panels[check.control.index].value
    assert "your pick" in panel and ">July 2026</caption>" in panel and "Right." in panel
    assert (progress.answered, progress.right_first_time) == (1, 1)
