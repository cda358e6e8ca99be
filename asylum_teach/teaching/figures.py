"""Figures for the deadline lessons: a timeline strip plus month calendars, and a rule's version history.

Every function takes what the library computed (an engine ``Deadline``, a ``Rule``) and returns a
matplotlib ``Figure``; none decides a date. Colours come from :mod:`.palette` (Okabe-Ito), and every
colour is doubled by a label, a hatch or a line style so the figure reads in greyscale too.

>>> import matplotlib; matplotlib.use("Agg")
>>> from asylum_teach.law.engine import deadline_for
>>> fig = deadline_figure(deadline_for("one-year-asylum", "2020-01-01"))
>>> [ax.get_title() for ax in fig.axes][1:]
['January 2021']
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

from asylum_teach.court_calendar import WEEKEND, CourtCalendar
from asylum_teach.law.rules import get_rule
from asylum_teach.teaching.palette import MEANING, projector_style

_PRIORITY = ("trigger", "due", "safe", "computed", "alternative")  # which dates get a text label first


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def calendar_for(deadline, calendar: CourtCalendar | None = None) -> CourtCalendar:
    """The court calendar the deadline was counted on, rebuilt from its chosen policies.

    A ``calendar`` passed in (e.g. with instructor closures) is used as the base.
    """
    from asylum_teach.law.engine import calendar_for as engine_calendar_for

    return engine_calendar_for(deadline, calendar)


def key_dates(deadline) -> list[tuple[str, date, str]]:
    """(meaning, date, label) for every date the figure marks, in the order they are drawn."""
    out = [("trigger", deadline.trigger, "day 0 (trigger)")]
    raw = deadline.counted_on
    if not deadline.applicable:
        return out
    word = "earliest day" if deadline.kind == "earliest" else "due"
    if raw and raw != deadline.due:
        out.append(("computed", raw, "count ends"))
    out.append(("due", deadline.due, word))
    if deadline.safe_date and deadline.safe_date != deadline.due and deadline.kind != "earliest":
        out.append(("safe", deadline.safe_date, "safe date"))
    for alt in deadline.alternatives:
        if alt.date not in (deadline.due, deadline.safe_date):
            out.append(("alternative", alt.date, "alternative"))
    return out


def deadline_figure(deadline, *, calendar: CourtCalendar | None = None):
    """A timeline strip from day 0 to the due date, above calendars of the months where the period ends."""
    with projector_style():
        from asylum_teach.teaching.fast_figures import deadline_alt

        if not deadline.applicable:
            fig = _figure(10, 1.6)
            fig.set_label(deadline_alt(deadline, calendar))
            ax = fig.add_subplot()
            ax.axis("off")
            ax.text(0.01, 0.5, f"{deadline.title}: not applicable.\n{_wrap(deadline.reason or '', 110)}",
                    va="center", fontsize=13)
            return fig
        cal = calendar_for(deadline, calendar)
        marks = key_dates(deadline)
        months = sorted({(d.year, d.month) for m, d, _ in marks if m != "trigger"})[-3:]
        fig = _figure(max(10, 4.2 * len(months)), 6.4)
        fig.set_label(deadline_alt(deadline, calendar))
        grid = fig.add_gridspec(2, len(months), height_ratios=[1, 2.6])
        _timeline(fig.add_subplot(grid[0, :]), deadline, marks)
        for i, (year, month) in enumerate(months):
            _month(fig.add_subplot(grid[1, i]), year, month, deadline, marks, cal)
        _legend(fig)
        return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _timeline(ax, deadline, marks):
    import matplotlib.dates as mdates

    days = [d for _, d, _ in marks]
    start, end = min(days), max(days)
    pad = max(2, (end - start).days // 25)
    ax.set_xlim(start - timedelta(days=pad), end + timedelta(days=pad))
    ax.axhline(0, color="#888888", lw=1, zorder=0)
    raw = deadline.counted_on or deadline.due
    lo, hi = sorted([deadline.trigger, raw])
    ax.barh(0, (hi - lo).days, left=lo, height=0.45, color=MEANING["counted"], edgecolor=MEANING["computed"],
            zorder=1, label="counted period")
    styles = {"trigger": ("o", 9), "computed": ("D", 9), "due": ("*", 18), "safe": ("^", 12),
              "alternative": ("X", 11)}
    placed: list[date] = []
    near = max(1, (end - start).days // 8)
    for meaning, day, label in sorted(marks, key=lambda m: _PRIORITY.index(m[0])):
        marker, size = styles[meaning]
        ax.plot(day, 0, marker=marker, markersize=size, color=MEANING[meaning], zorder=3, linestyle="none")
        level = sum(1 for d in placed if abs((d - day).days) <= near)
        placed.append(day)
        if level > 1:  # a third label nearby would collide; the calendar below shows that date
            continue
        below = level == 1
        ax.annotate(f"{label}\n{day:%a %d %b %Y}", (day, 0), xytext=(0, -12 if below else 12),
                    textcoords="offset points", ha="center", va="top" if below else "bottom", fontsize=11,
                    color=MEANING[meaning])
    ax.set_ylim(-1.8, 1.8)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_title(f"{deadline.title} - rule version {deadline.version}", loc="left")


def _cell_kind(day: date, cal: CourtCalendar):
    """(meaning, counted) for a day: counted=False marks a closure this calendar treats as open."""
    closed = cal.closure(day)
    if closed:
        return closed.kind, True
    notable = cal.notable(day)
    if notable:
        return notable.kind, False
    return None, True


def _month(ax, year, month, deadline, marks, cal):
    from matplotlib.patches import Rectangle

    ax.set_title(f"{_cal.month_name[month]} {year}")
    weeks = _cal.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ax.set_xlim(0, 7)
    ax.set_ylim(len(weeks), -0.6)
    ax.axis("off")
    for col, name in enumerate(("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")):
        ax.text(col + 0.5, -0.3, name, ha="center", va="center", fontsize=11, color="#444444")
    raw = deadline.counted_on or deadline.due
    lo, hi = sorted([deadline.trigger, raw])
    outline = {}
    for meaning, day, _ in marks:
        outline.setdefault(day, meaning)
    for row, week in enumerate(weeks):
        for col, day in enumerate(week):
            if day.month != month:
                continue
            kind, counted = _cell_kind(day, cal)
            face, hatch = "white", None
            if lo < day <= hi:
                face = MEANING["counted"]
            if kind == WEEKEND:
                face = MEANING["weekend"]
            elif kind and counted:
                face = MEANING.get(kind, MEANING["legal-holiday"])
            elif kind:
                hatch = "///"
            ax.add_patch(Rectangle((col + 0.04, row + 0.04), 0.92, 0.92, facecolor=face, hatch=hatch,
                                   edgecolor=MEANING.get(kind, MEANING["legal-holiday"]) if kind and not counted else "#BBBBBB", lw=0.8))
            meaning = outline.get(day)
            if meaning:
                style = {"due": "-", "safe": "--", "alternative": ":", "computed": "-.", "trigger": "-"}[meaning]
                ax.add_patch(Rectangle((col + 0.04, row + 0.04), 0.92, 0.92, fill=False, lw=3.2,
                                       edgecolor=MEANING[meaning], linestyle=style))
            dark = kind in ("legal-holiday", "observed-holiday") and counted
            ax.text(col + 0.5, row + 0.52, str(day.day), ha="center", va="center", fontsize=12,
                    color="white" if dark else "black", fontweight="bold" if meaning in ("due", "safe") else None)


def _legend(fig):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=MEANING["counted"], edgecolor=MEANING["computed"], label="counted period"),
        Patch(facecolor=MEANING["weekend"], edgecolor="#BBBBBB", label="weekend"),
        Patch(facecolor=MEANING["legal-holiday"], label="legal holiday or observed day"),
        Patch(facecolor=MEANING["executive-order"], label="EO closure (closed)"),
        Patch(facecolor="white", edgecolor=MEANING["executive-order"], hatch="///", label="closure treated as open"),
        Line2D([], [], color=MEANING["due"], lw=3, label="due / earliest"),
        Line2D([], [], color=MEANING["safe"], lw=3, linestyle="--", label="safe date"),
        Line2D([], [], color=MEANING["alternative"], lw=3, linestyle=":", label="alternative"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False, fontsize=10.5)


def version_history_figure(rule_id: str, *, start: date = date(2007, 1, 1), end: date = date(2027, 1, 1)):
    """Each version of a rule as a bar over the years it was in force, labelled with its period.

    A version announced but never in force (the 2026 10-day BIA rule, vacated the night before it
    began) is drawn as an outlined, cross-hatched bar from its announced start, labelled "never in force".
    """
    rule = get_rule(rule_id)
    with projector_style():
        fig = _figure(11, 1.2 + 0.55 * len(rule.versions))
        fig.set_label(versions_alt(rule))
        ax = fig.add_subplot()
        for i, v in enumerate(rule.versions):
            lo = max(v.effective_from or start, start)
            hi = min(v.effective_to or end, end)
            if hi < start:
                continue
            label = f"{v.period} days" if v.period is not None else "not modelled"
            colour = {15: MEANING["safe"], 30: MEANING["due"], 10: MEANING["adverse"]}.get(v.period, "#999999")
            if v.never_in_force:
                ax.barh(i, (hi - lo).days, left=lo, color="white", hatch="xx", edgecolor=colour, lw=1.5)
                ax.text(lo - timedelta(days=60), i, f"{label}: announced, vacated, never in force [{v.source_strength}]",
                        ha="right", va="center", fontsize=12, fontweight="bold")
                continue
            ax.barh(i, (hi - lo).days, left=lo, color=colour, hatch=None if v.source_strength == "P" else "//",
                    edgecolor="white")
            wide = (hi - lo).days > 5 * 365
            ax.text(lo + (hi - lo) / 2 if wide else hi + timedelta(days=60), i, f"{label} [{v.source_strength}]",
                    ha="center" if wide else "left", va="center", color="white" if wide else "black",
                    fontsize=12, fontweight="bold")
            if v.uncertain_from:
                ax.axvline(v.uncertain_from, color=MEANING["alternative"], linestyle=":", lw=2)
        ax.set_yticks(range(len(rule.versions)), [v.version for v in rule.versions])
        ax.invert_yaxis()
        ax.set_xlim(start, end)
        extra = "; cross-hatched outline = never in force" if rule.history else ""
        ax.set_title(f"{rule.title}\nversions over time; hatched = secondary source only; dotted = uncertain start{extra}",
                     loc="left")
        return fig


def versions_alt(rule) -> str:
    """The version history in words: each period with the date it began, and any never in force."""
    from asylum_teach.teaching.labels import written

    parts = []
    for v in rule.versions:
        period = f"{v.period} days" if v.period is not None else "a period not modelled"
        start = written(v.effective_from) if v.effective_from else "earlier years"
        parts.append(f"{period} announced for {start}, never in force" if v.never_in_force
                     else f"{period} from {start}")
    return f"{rule.title}: {len(rule.versions)} versions: " + "; ".join(parts) + "."


#: The rows of "What changed, and when": rule versions by rule id, and the border rules by regulation.
CHANGE_RULES = ("filing-before-individual", "bia-appeal", "bia-brief", "ead-application")
#: How each kind of court event is marked: a shape and a colour (never colour alone), and a drawing order.
_EVENT_MARKS = {"vacated": ("X", "adverse"), "held-unlawful": ("X", "adverse"), "affirmed": ("X", "adverse"),
                "stayed": ("s", "warning"), "took-effect": ("o", "good"), "judgment-vacated": ("o", "good"),
                "reversed": ("o", "good"), "announced": ("^", "info"), "filed": ("v", "info")}
_OTHER_MARK = ("D", "trigger")  # appeals, final rules, abeyance, decisions not to appeal


def _changes_alt(as_of, start, rows, events) -> str:
    from asylum_teach.teaching.labels import written

    text = (f"What changed, and when, as known on {written(as_of)}: {len(rows)} rules since {start.year}, "
            f"with {len(events)} court events.")
    if events:
        last, case = events[-1]
        text += f" The latest: {last.kind.replace('-', ' ')} on {written(last.date)} ({case})."
    return text


def law_changes_figure(as_of, *, start: date = date(2019, 1, 1), rows: str = "all"):
    """"What changed, and when": every rule version, border rule and court event from ``start`` to ``as_of``.

    One row per rule (its versions as bars, labelled with their period) and per border rule (its window
    of covered entries), with the litigation register's events marked on the row they decide. Events
    after ``as_of`` are not drawn: the figure shows what was known on that day. ``rows`` is ``all``,
    ``rules`` (deadline rules only) or ``border`` (the border rules only).
    """
    from asylum_teach.dates import parse_date
    from asylum_teach.law.litigation import load_register
    from asylum_teach.reasoning.screening_border import border_rules

    as_of = parse_date(as_of, name="as_of")
    end = as_of
    which = rows
    rows = []  # (label, [(lo, hi, text, colour, never)], (case, provision) pairs)
    for rule_id in (CHANGE_RULES if which in ("all", "rules") else ()):
        rule = get_rule(rule_id)
        bars = []
        for v in rule.versions:
            lo, hi = max(v.effective_from or start, start), min(v.effective_to or end, end)
            if hi < start or lo > end:
                continue
            text = f"{v.period} d" if v.period is not None else "n/m"
            colour = {15: MEANING["safe"], 30: MEANING["due"], 10: MEANING["adverse"], 20: MEANING["warning"],
                      21: MEANING["due"], 150: MEANING["due"], 365: MEANING["adverse"]}.get(v.period, "#999999")
            bars.append((lo, hi, text + (" never in force" if v.never_in_force else ""), colour, v.never_in_force))
        cases = {(v.litigation.case, v.litigation.provision) for v in rule.versions if v.litigation}
        rows.append((_wrap(rule.title, 34), bars, cases))
    for b in (border_rules() if which in ("all", "border") else ()):
        hi = min(b.entries_to or end, end)
        rows.append((_wrap(b.name, 34), [(b.entries_from, hi, "entries covered", MEANING["alternative"], False)],
                     {(b.case, b.provision)}))
    register = load_register()
    events = sorted(((e, case_id) for _label, _bars, cases in rows for case_id, provision in cases
                    for e in [x for x in register[case_id].events_known_on(as_of) if x.date >= start
                              and (not x.sets or provision in x.sets)]), key=lambda pair: pair[0].date)
    with projector_style():
        fig = _figure(12, 1.6 + 0.62 * len(rows))
        fig.set_label(_changes_alt(as_of, start, rows, [(e, register[c].case) for e, c in events]))
        ax = fig.add_subplot()
        for i, (_label, bars, cases) in enumerate(rows):
            for lo, hi, text, colour, never in bars:
                if hi <= lo:
                    continue
                if never:
                    ax.barh(i, (hi - lo).days, left=lo, color="white", hatch="xx", edgecolor=colour, height=0.5)
                else:
                    ax.barh(i, (hi - lo).days, left=lo, color=colour, alpha=0.85, height=0.5, edgecolor="white")
                ax.text(lo + timedelta(days=20), i - 0.33, text, fontsize=10, va="bottom")
            for case_id, provision in sorted(cases):
                for e in register[case_id].events_known_on(as_of):
                    if e.date < start or (e.sets and provision not in e.sets):
                        continue  # an event about another provision of the same rule
                    marker, meaning = _EVENT_MARKS.get(e.kind, _OTHER_MARK)
                    ax.plot(e.date, i, marker=marker, color=MEANING[meaning], markersize=11, markeredgecolor="black",
                            zorder=9 if marker == "X" else 6, linestyle="")
        ax.set_yticks(range(len(rows)), [r[0] for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(start, end + timedelta(days=30))
        what = {"all": "rule versions, border rules and court events", "rules": "deadline rules and court events",
                "border": "the border rules' covered entries and court events"}[which]
        ax.set_title(f"What changed, and when: {what}, {start.year} to {as_of.isoformat()}", loc="left")
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], marker=m, color=MEANING[k], linestyle="", markersize=10, markeredgecolor="black",
                          label=name) for name, (m, k) in
                   (("took effect", _EVENT_MARKS["took-effect"]), ("announced", _EVENT_MARKS["announced"]),
                    ("suit filed", _EVENT_MARKS["filed"]), ("stayed", _EVENT_MARKS["stayed"]),
                    ("vacated / held unlawful", _EVENT_MARKS["vacated"]), ("other (appeal, final rule)", _OTHER_MARK))]
        fig.legend(handles=handles, loc="outside lower center", ncols=6, frameon=False, fontsize=10)
        return fig
