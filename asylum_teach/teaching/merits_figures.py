"""The figure of notebook 07: how the Board's precedent on particular social groups changed, 2014 to today.

One row per doctrine, one bar per version, from the day of the decision that made it to the day before
the next; the colour says the source's strength (blue: primary source seen; orange with hatching:
secondary sources only; grey: unverified), so a student sees at a glance that the 2025 changes rest on
secondary sources. A vertical line marks the as-of date. Meaning never rests on colour alone: each bar
carries its version's name, and the hatching repeats the strength. The alt text states the finding: how
many times the precedent changed since 2018 and on what sources, and the version in force on the as-of
date for each row, with its day and its source's strength.

>>> fig = doctrine_timeline_figure("2026-12-01")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
['Harm by private actors and domestic-violence groups', 'The family as a particular social group']
>>> print(fig.get_label())  # doctest: +NORMALIZE_WHITESPACE
The Board's and the Attorney General's precedent, version by version, to Tuesday 1 December 2026: 9 changes
since 2018, 6 of them known only from secondary sources. In force on Tuesday 1 December 2026: harm by private
actors and domestic-violence groups: Matter of S-S-F-M- (since Tuesday 2 September 2025, secondary source
only); the family as a particular social group: Matter of R-E-R-M- & J-D-R-M- (since Tuesday 2 September
2025, secondary source only); the test for a particular social group: Matter of K-E-S-G- (since Friday 18
July 2025, secondary source only).
"""

from __future__ import annotations

from datetime import date, timedelta

from asylum_teach.dates import parse_date
from asylum_teach.teaching.labels import written
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
        fig.set_label(doctrine_timeline_alt(day, doctrines))
        return fig


def doctrine_timeline_alt(day: date, doctrines=SHOWN, *, since: date = date(2018, 1, 1)) -> str:
    """The figure's finding in words: the changes since ``since`` and their sources, then what is in force."""
    from asylum_teach.law.merits import get_doctrine
    from asylum_teach.teaching.explain import STRENGTH_WORDS

    found = [get_doctrine(d) for d in doctrines]
    changes = [v for d in found for v in d.versions if v.effective_from and since <= v.effective_from <= day]
    secondary = sum(1 for v in changes if v.strength != "P")
    now = []
    for d in found:
        v = d.version_on(day)
        if v is None:
            now.append(f"{d.title.lower()}: no precedent in the model")
            continue
        when = f"since {written(v.effective_from)}, " if v.effective_from and v.day_known else ""
        now.append(f"{d.title[0].lower() + d.title[1:]}: {v.cites[0].cite.split(', ')[0]} "
                   f"({when}{STRENGTH_WORDS.get(v.strength, v.strength)})")
    counted = (f" {len(changes)} changes since {since.year}, {secondary} of them known only from secondary sources."
               if day >= since else "")
    return (f"The Board's and the Attorney General's precedent, version by version, to {written(day)}:{counted} "
            f"In force on {written(day)}: " + "; ".join(now) + ".")
