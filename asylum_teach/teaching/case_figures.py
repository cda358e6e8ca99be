"""Figures for a case: the screening result, the path through the stages, and the options after a decision.

Each function draws what a reasoning function returned (a ``Screening``, a ``SimulationResult``, an
``AppealAid``); none decides anything. Colours come from :mod:`.palette`, and each colour is paired
with a word or a marker shape.

>>> import matplotlib; matplotlib.use("Agg")
>>> from asylum_teach.reasoning.screening import screen
>>> fig = screening_figure(screen({"in_removal_proceedings": True, "last_arrival_on": "2025-01-10"}, "2026-11-23"))
>>> [t.get_text() for t in fig.axes[0].texts][:3]
['Asylum', 'Withholding of removal', 'CAT']
"""

from __future__ import annotations

import textwrap
from datetime import timedelta

from asylum_teach.teaching.fast_figures import appeal_alt
from asylum_teach.teaching.labels import choice_label, written
from asylum_teach.teaching.palette import MEANING, projector_style

_RELIEF_TITLES = {"asylum": "Asylum", "withholding": "Withholding of removal", "cat": "CAT"}
_SEVERITY = {"info": ("info", "o"), "warning": ("warning", "s"), "adverse": ("adverse", "X")}


def _figure(width, height):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def screening_figure(screening):
    """Three cards (asylum, withholding, CAT): available or barred, the bars and the standard of proof."""
    from matplotlib.patches import FancyBboxPatch

    reliefs = (screening.asylum, screening.withholding, screening.cat)
    with projector_style():
        fig = _figure(12, 4.2)
        fig.set_label(f"Screening as of {written(screening.as_of)}, {choice_label(screening.pathway).lower()} pathway: "
                      + "; ".join(f"{_RELIEF_TITLES.get(r.relief, r.relief)} "
                                  + ("available" if r.available else "barred by " + ", ".join(choice_label(b) for b in r.bars))
                                  for r in reliefs) + ".")
        ax = fig.add_subplot()
        ax.set_xlim(0, 3)
        ax.set_ylim(0, 1)
        ax.axis("off")
        for i, r in enumerate(reliefs):
            colour = MEANING["good"] if r.available else MEANING["adverse"]
            ax.add_patch(FancyBboxPatch((i + 0.05, 0.05), 0.9, 0.8, boxstyle="round,pad=0.01", facecolor="white",
                                        edgecolor=colour, lw=4, hatch=None if r.available else "//"))
            ax.text(i + 0.5, 0.78, _RELIEF_TITLES.get(r.relief, r.relief), ha="center", va="center",
                    fontsize=15, fontweight="bold")
        for i, r in enumerate(reliefs):
            colour = MEANING["good"] if r.available else MEANING["adverse"]
            state = "AVAILABLE" if r.available else "BARRED"
            if r.relief == "cat" and r.form:
                state += f"\n({r.form})"
            ax.text(i + 0.5, 0.63, state, ha="center", va="center", fontsize=14, color=colour, fontweight="bold")
            detail = ("barred by: " + ", ".join(choice_label(b) for b in r.bars)) if r.bars else "no bar found on these facts"
            ax.text(i + 0.5, 0.43, _wrap(detail, 34), ha="center", va="center", fontsize=11)
            ax.text(i + 0.5, 0.2, _wrap("standard: " + r.standard_of_proof.explanation.split(":")[-1].strip(), 38),
                    ha="center", va="center", fontsize=10, color="#333333")
        ax.set_title(f"Screening as of {written(screening.as_of)} - pathway: {choice_label(screening.pathway)}", loc="left")
        return fig


def stage_path_figure(result, upto: int | None = None):
    """The stages a simulated case passed through, in date order, up to record ``upto`` (1-based).

    Each step is a marker at its date; its shape and colour give the worst consequence at that step
    (circle: ordinary, square: warning, cross: adverse). Later steps are drawn faint.
    """
    import matplotlib.dates as mdates

    records = result.records
    upto = len(records) if upto is None else max(1, min(upto, len(records)))
    with projector_style():
        fig = _figure(12, 1.4 + 0.42 * len(records))
        here = records[upto - 1]
        adverse = sum(1 for r in records[:upto] if any(c.severity == "adverse" for c in r.consequences))
        fig.set_label(f"The case path, step {upto} of {len(records)}: {here.stage.title} on {written(here.on)}; "
                      f"{adverse} of the steps so far had an adverse consequence.")
        ax = fig.add_subplot()
        for i, rec in enumerate(records):
            severities = [c.severity for c in rec.consequences] or ["info"]
            worst = "adverse" if "adverse" in severities else "warning" if "warning" in severities else "info"
            meaning, marker = _SEVERITY[worst]
            done = i < upto
            ax.plot(rec.on, i, marker=marker, markersize=13 if i == upto - 1 else 10, linestyle="none",
                    color=MEANING[meaning], alpha=1 if done else 0.25, zorder=3)
            ax.text(rec.on, i, f"   {rec.stage.title}", va="center", fontsize=11,
                    fontweight="bold" if i == upto - 1 else None, alpha=1 if done else 0.35)
        ax.plot([r.on for r in records[:upto]], range(upto), color="#999999", lw=1, zorder=1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.invert_yaxis()
        first, last = records[0].on, records[-1].on
        span = max(30, (last - first).days)
        ax.set_xlim(first - timedelta(days=span // 20 + 5), last + timedelta(days=span // 2 + 10))
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_title(f"Step {upto} of {len(records)} (circle ordinary, square warning, "
                     f"cross adverse)", loc="left")
        return fig


def appeal_options_figure(aid):
    """Each option's deadlines on one date axis: due (diamond) and safe date (triangle) after the decision."""
    import matplotlib.dates as mdates

    rows = []
    for opt in aid.options:
        for d in opt.deadlines:
            if d.applicable and d.due:
                rows.append((opt, d))
    with projector_style():
        fig = _figure(12, 1.6 + 0.55 * max(1, len(rows)))
        fig.set_label(appeal_alt(aid))
        ax = fig.add_subplot()
        decided = aid.decision["date"] if isinstance(aid.decision, dict) and "date" in aid.decision else None
        for i, (opt, d) in enumerate(rows):
            colour = MEANING["due"] if opt.available else "#999999"
            ax.plot([d.trigger, d.due], [i, i], color=colour, lw=2, alpha=0.5)
            ax.plot(d.due, i, marker="D", markersize=10, color=colour, linestyle="none")
            if d.safe_date and d.safe_date != d.due:
                ax.plot(d.safe_date, i, marker="^", markersize=11, color=MEANING["safe"], linestyle="none")
            label = "earliest" if d.kind == "earliest" else "due"
            ax.text(d.due, i, f"  {label} {d.due:%a %d %b %Y}", va="center", fontsize=11)
        ax.set_yticks(range(len(rows)), [_wrap(o.title, 42) for o, d in rows])
        ax.invert_yaxis()
        if rows:
            lo = min(d.trigger for _, d in rows)
            hi = max(d.due for _, d in rows)
            ax.set_xlim(lo - timedelta(days=5), hi + timedelta(days=max(40, (hi - lo).days // 3)))
        if decided:
            ax.axvline(decided, color=MEANING["trigger"], linestyle=":", lw=1.5)
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_title("Options after the decision: diamond = due, triangle = safe date (grey = not available)",
                     loc="left")
        return fig
