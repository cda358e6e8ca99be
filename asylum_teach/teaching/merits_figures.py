"""The figure of notebook 07: how the Board's precedent on particular social groups changed, 2014 to today.

One row per doctrine, one bar per version, from the day of the decision that made it to the day before
the next; the colour says the source's strength (blue: primary source seen; orange with hatching:
secondary sources only; grey: unverified), so a student sees at a glance that the 2025 changes rest on
secondary sources. A vertical line marks the as-of date. Meaning never rests on colour alone: each bar
carries its version's name, and the hatching repeats the strength.

>>> fig = doctrine_timeline_figure("2026-12-01")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
['Harm by private actors and domestic-violence groups', 'The family as a particular social group']
"""

from __future__ import annotations

from datetime import date, timedelta

from asylum_teach.dates import parse_date
from asylum_teach.teaching.palette import OKABE_ITO, projector_style

STYLE = {"P": (OKABE_ITO["blue"], None), "S": (OKABE_ITO["orange"], "//"), "K": ("#999999", "..")}
SHOWN = ("private-harm", "family-psg", "psg-test")


def doctrine_timeline_figure(as_of, *, doctrines=SHOWN, start: date = date(2013, 1, 1)):
    """Versions of ``doctrines`` from ``start`` to ``as_of`` (a matplotlib Figure, drawn with Agg)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from asylum_teach.law.merits import get_doctrine

    day = parse_date(as_of, name="as_of")
    end = max(day, start) + timedelta(days=120)
    with projector_style():
        fig = Figure(figsize=(12, 1.2 + 1.1 * len(doctrines)), layout="constrained")
        ax = fig.add_subplot()
        for row, doctrine_id in enumerate(doctrines):
            d = get_doctrine(doctrine_id)
            for v in d.versions:
                lo = max(v.effective_from or start, start)
                hi = min(v.effective_to or end, end)
                if hi <= lo:
                    continue
                colour, hatch = STYLE[v.strength]
                ax.barh(row, (hi - lo).days, left=lo, height=0.55, color=colour, alpha=0.35 if hatch else 0.8,
                        hatch=hatch, edgecolor=colour, linewidth=1)
                ax.text(lo + timedelta(days=25), row, v.id, va="center", fontsize=10)
        ax.axvline(day, color=OKABE_ITO["black"], linestyle="--", linewidth=1.2)
        ax.text(day, len(doctrines) - 0.45, f" as of {day.isoformat()}", fontsize=10, va="bottom")
        ax.set_yticks(range(len(doctrines)), [get_doctrine(d).title for d in doctrines])
        ax.invert_yaxis()
        ax.set_xlim(start, end)
        ax.set_title("The Board's and the Attorney General's precedent, version by version", loc="left")
        fig.legend(handles=[Patch(facecolor=STYLE["P"][0], alpha=0.8, label="primary source seen"),
                            Patch(facecolor=STYLE["S"][0], alpha=0.35, hatch="//", edgecolor=STYLE["S"][0],
                                  label="secondary sources only")],
                   loc="outside lower center", ncols=2, frameon=False, fontsize=10)
        return fig
