"""Draw a case timeline on a dated axis, readable on a projected slide.

One row per item, earliest at the top. Events are circles; deadlines are diamonds at the due date, with
a triangle at the safe date when it is earlier and a thin line back to the trigger. Everything before
the as-of date sits on a grey band and is drawn in grey; the as-of date is a labelled vertical line.
Colours come from :mod:`.palette` (Okabe-Ito, safe for the common colour-vision deficiencies), and every
colour is doubled by a marker shape and a text status, so nothing depends on colour alone. The figure's
label is its alt text: one sentence that states what it shows (see :func:`.notebook.alt_text`).

The figure is a plain :class:`matplotlib.figure.Figure`, not a pyplot figure: it needs no display and
renders with the Agg canvas when saved, so it works the same in a notebook, the CLI and the grader.

>>> import datetime as dt
>>> from asylum_teach.reasoning.timeline import build_timeline
>>> t = build_timeline({"last_arrival_on": "2025-08-10", "nta_filed_on": "2025-09-10",
...                     "master_calendar_hearing_on": "2026-04-21"}, dt.date(2026, 3, 2))
>>> fig = plot_timeline(t)
>>> [label.get_text() for label in fig.axes[0].get_yticklabels()][:2]
['One-year deadline to apply for asylum\\n(upcoming)', 'Master calendar hearing (scheduled)']
>>> fig.get_label()
'Case timeline as of Monday 2 March 2026: 5 dated items. Next deadline: Filings before a master calendar hearing (when a ruling is requested), due Monday 6 April 2026.'
"""

from __future__ import annotations

import datetime as _dt
import textwrap

from asylum_teach.teaching.labels import written
from asylum_teach.teaching.palette import OKABE_ITO

PAST_GREY = "#8C8C8C"
STATUS_COLOURS = {"scheduled": OKABE_ITO["blue"], "upcoming": OKABE_ITO["vermillion"],
                  "open": OKABE_ITO["bluish_green"], "met": OKABE_ITO["bluish_green"],
                  "missed": OKABE_ITO["reddish_purple"], "disputed": OKABE_ITO["yellow"], "passed": PAST_GREY,
                  "past": PAST_GREY}
MARKERS = {"event": "o", "deadline": "D", "earliest": "s"}


def timeline_alt(timeline, rows) -> str:
    """The figure's finding in one sentence: how many items, and the next deadline (or none)."""
    pending = [i for i in timeline.due_next() if i.is_deadline]
    head = f"Case timeline as of {written(timeline.as_of)}: {len(rows)} dated items."
    if not pending:
        return head + " No deadline is pending."
    return head + f" Next deadline: {pending[0].label}, due {written(pending[0].on)}."


def plot_timeline(timeline, *, title: str | None = None, width: float = 14.0, font_size: int = 15,
                  since: _dt.date | None = None):
    """A Figure of the timeline's dated items (not-applicable deadlines are listed in a footnote).

    ``since`` zooms in: items dated before it are left out, so a long case's last months stay legible.
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    rows = [i for i in timeline.items if i.on is not None and (since is None or i.on >= since)]
    skipped = [i for i in timeline.items if i.on is None]
    fig = Figure(figsize=(width, max(4.5, 0.62 * len(rows) + 2.6)), layout="constrained")
    fig.set_label(timeline_alt(timeline, rows))
    ax = fig.add_subplot()
    rows = rows[::-1]  # earliest at the top
    as_of = timeline.as_of
    for y, item in enumerate(rows):
        colour = PAST_GREY if item.on < as_of and item.status not in ("met", "missed", "disputed", "open") else \
            STATUS_COLOURS.get(item.status, OKABE_ITO["black"])
        if item.is_deadline and item.trigger:
            ax.plot([item.trigger, item.on], [y, y], color=colour, linewidth=1.2, alpha=0.5)
        if item.is_deadline and item.safe_date and item.safe_date != item.on:
            ax.plot([item.safe_date], [y], marker="^", markersize=12, color=OKABE_ITO["orange"], linestyle="none")
        ax.plot([item.on], [y], marker=MARKERS[item.kind], markersize=12, color=colour, linestyle="none",
                markeredgecolor="black", markeredgewidth=0.8)
    ax.set_yticks(range(len(rows)), [textwrap.fill(f"{i.label} ({i.status})", 44) for i in rows],
                  fontsize=font_size - 2)
    dated = [i.on for i in rows] + [as_of] + [max(i.trigger, since or i.trigger) for i in rows if i.trigger]
    lo, hi = min(dated) - _dt.timedelta(days=20), max(dated) + _dt.timedelta(days=20)
    ax.set_xlim(date2num(lo), date2num(hi))
    ax.axvspan(date2num(lo), date2num(as_of), color="#EEEEEE", zorder=0)
    ax.axvline(date2num(as_of), color=OKABE_ITO["black"], linewidth=2)
    right_half = (as_of - lo) > (hi - lo) / 2
    ax.text(date2num(as_of), len(rows) - 0.4, f" as of {as_of.isoformat()} ", fontsize=font_size - 1,
            va="bottom", ha="right" if right_half else "left", fontweight="bold")
    ax.set_ylim(-0.8, len(rows) + 0.4)
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.tick_params(axis="x", labelsize=font_size - 2)
    ax.grid(axis="x", color="#DDDDDD")
    ax.set_title(title or "Case timeline (hypothetical client)", fontsize=font_size + 3, loc="left")
    fig.legend(handles=_legend(), loc="outside lower center", ncol=4, fontsize=font_size - 3, frameon=False)
    if skipped:
        ax.set_xlabel("Not applicable here: " + ", ".join(i.label for i in skipped), fontsize=font_size - 4,
                      loc="left")
    return fig


def _legend():
    from matplotlib.lines import Line2D

    def h(marker, colour, label):
        return Line2D([], [], marker=marker, color=colour, linestyle="none", markersize=11, label=label,
                      markeredgecolor="black", markeredgewidth=0.8)
    return [h("o", OKABE_ITO["blue"], "event (scheduled)"), h("D", OKABE_ITO["vermillion"], "deadline (upcoming)"),
            h("^", OKABE_ITO["orange"], "safe date (file by)"),
            h("s", OKABE_ITO["bluish_green"], "earliest date (open / met)"),
            h("D", OKABE_ITO["reddish_purple"], "missed"), h("D", OKABE_ITO["yellow"], "disputed (depends on the reading)"),
            h("o", PAST_GREY, "past"),
            Line2D([], [], color="black", linewidth=2, label="as-of date")]
