"""Figures drawn as HTML and SVG instead of matplotlib: the deadline calendar and the appeal options.

Why: a widget's figure must follow its text at once. Drawing the deadline figure with matplotlib and
shipping it as a PNG took 150-300 ms in the kernel and 0.6-1.2 s until it was on screen; building the
same picture as HTML and SVG text takes about a millisecond, travels in the same message as the
explanation, and stays sharp at any zoom. The month calendars are real tables, so a screen reader
reads each day with its words ("due", "closed: Juneteenth").

Nothing here decides a date: every function draws what the engine returned. Colours come from
:mod:`.palette`; each colour is doubled by a word in the cell or beside the mark and by a border style,
so no meaning rests on colour alone. Each figure carries a sentence stating its finding, as its
``aria-label`` and as a visible caption.

>>> from asylum_teach.law.engine import deadline_for
>>> d = deadline_for("motion-to-reconsider", "2026-06-03", as_of="2026-12-01")
>>> print(deadline_alt(d))
Motion to reconsider: day 0 is Wednesday 3 June 2026. The count ends on Friday 3 July 2026, Independence Day (observed), when the court is closed, so the deadline moves to Monday 6 July 2026. File by the safe date, Friday 3 July 2026.
>>> html = deadline_calendar(d)
>>> "July 2026" in html and ">due<" in html and ">safe<" in html
True
"""

from __future__ import annotations

import calendar as _cal
import textwrap
from datetime import date, timedelta
from html import escape

from asylum_teach.court_calendar import WEEKEND
from asylum_teach.teaching.labels import written
from asylum_teach.teaching.palette import MEANING

#: Words and border styles for each marked meaning (the word is what a screen reader and a greyscale
#: printout see; the colour is a second signal).
MARK_STYLE = {
    "trigger": ("day 0", "solid"),
    "computed": ("count ends", "dotted"),
    "due": ("due", "solid"),
    "safe": ("safe", "dashed"),
    "alternative": ("other reading", "dotted"),
    "chosen": ("your pick", "double"),
}
#: Which mark outlines a day that has several (the first); every mark still gets its word.
_PRIORITY = ("chosen", "due", "safe", "trigger", "alternative", "computed")


def short(day: date) -> str:
    """``Fri 3 Jul 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def calendar_of(deadline, calendar=None):
    """The court calendar the deadline was counted on (its policies applied)."""
    from asylum_teach.law.engine import calendar_for

    return calendar_for(deadline, calendar)


def closed_words(day: date, cal) -> str | None:
    """Why the court is closed on ``day`` ("a Saturday", "Juneteenth"), or None if it is open."""
    c = cal.closure(day)
    if c is None:
        return None
    return f"a {c.name}" if c.kind == WEEKEND else c.name


def deadline_marks(deadline) -> list[tuple[str, date]]:
    """(meaning, date) for each date the figure marks: day 0, the end of the count, due, safe, others."""
    out = [("trigger", deadline.trigger)]
    if not deadline.applicable:
        return out
    if deadline.counted_on and deadline.counted_on != deadline.due:
        out.append(("computed", deadline.counted_on))
    out.append(("due", deadline.due))
    if deadline.kind != "earliest" and deadline.safe_date and deadline.safe_date != deadline.due:
        out.append(("safe", deadline.safe_date))
    for alt in deadline.alternatives:
        if alt.date not in (deadline.due, deadline.safe_date):
            out.append(("alternative", alt.date))
    return out


def deadline_alt(deadline, calendar=None) -> str:
    """The figure's finding in words: day 0, where the count ends and why it moves, the due and safe dates."""
    title = deadline.title
    if not deadline.applicable:
        return f"{title}: no deadline on these facts. {deadline.reason or ''}".strip()
    cal = calendar_of(deadline, calendar)
    text = f"{title}: day 0 is {written(deadline.trigger)}."
    word = "earliest day to file" if deadline.kind == "earliest" else "deadline"
    end = deadline.counted_on
    if end and end != deadline.due:
        why = closed_words(end, cal)
        reason = f", {why}, when the court is closed," if why else ","
        text += f" The count ends on {written(end)}{reason} so the {word} moves to {written(deadline.due)}."
    else:
        text += f" The {word} is {written(deadline.due)}."
    if deadline.kind != "earliest" and deadline.safe_date and deadline.safe_date != deadline.due:
        text += f" File by the safe date, {written(deadline.safe_date)}."
    return text


def month_table(year: int, month: int, cal, *, marks: dict | None = None, counted: tuple | None = None,
                size: str = "normal") -> str:
    """One month as an HTML table: weekends and closed days shaded and named, marked days outlined and named.

    ``marks`` maps a date to its meanings (keys of :data:`MARK_STYLE`); ``counted`` is the (first, last)
    day of the counted period, tinted.
    """
    marks = marks or {}
    cell = "2.9em" if size == "normal" else "2.4em"
    rows = []
    for week in _cal.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append("<td></td>")
                continue
            closure = cal.closure(day)
            notable = closure or cal.notable(day)
            bg, words = "#FFFFFF", []
            if counted and counted[0] <= day <= counted[1]:
                bg = MEANING["counted"]
            if closure is not None and closure.kind == WEEKEND:
                bg = MEANING["weekend"]
            elif closure is not None:
                bg, words = "#FBE3D6", [f"closed: {closure.name}"]
            elif notable is not None:  # a closure this reading treats as an open day
                words = [f"{notable.name}: counted as open"]
            border = "1px solid #BBBBBB"
            meanings = sorted(marks.get(day, ()), key=_PRIORITY.index)
            for m in meanings:
                words.insert(0, MARK_STYLE[m][0])
            if meanings:
                m = meanings[0]
                colour = "#000000" if m in ("trigger", "chosen") else MEANING[m]
                border = f"3px {MARK_STYLE[m][1]} {colour}"
            tag = "".join(f'<span style="display:block;font-size:70%;line-height:1.1">{escape(w)}</span>' for w in words)
            weight = "bold" if meanings else "normal"
            cells.append(f'<td style="border:{border};background:{bg};vertical-align:top;width:{cell};'
                         f'min-width:{cell};padding:2px 3px;font-weight:{weight}">{day.day}{tag}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col" style="font-weight:normal;color:#444;padding:0 2px">{d}</th>'
                   for d in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"))
    return (f'<table class="at-month" style="border-collapse:separate;border-spacing:2px;margin:0 12px 8px 0;'
            f'display:inline-table;vertical-align:top;font-size:14px;text-align:left">'
            f'<caption style="font-weight:bold;text-align:left">{_cal.month_name[month]} {year}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _strip_svg(deadline, marks, alt: str) -> str:
    """A dated strip from day 0 to the last mark: the counted period as a bar, each mark with its word."""
    days = [d for _, d in marks]
    start, end = min(days), max(days)
    span = max(1, (end - start).days)
    width, left, right = 900, 70, 830

    def x(day):
        return left + (right - left) * (day - start).days / span

    raw = deadline.counted_on or deadline.due or deadline.trigger
    lo, hi = sorted([deadline.trigger, raw])
    parts = [f'<line x1="{left - 20}" y1="60" x2="{right + 20}" y2="60" stroke="#888" stroke-width="1"/>',
             f'<rect x="{x(lo):.1f}" y="52" width="{max(2.0, x(hi) - x(lo)):.1f}" height="16" '
             f'fill="{MEANING["counted"]}" stroke="{MEANING["computed"]}"/>']
    shapes = {"trigger": "circle", "computed": "diamond", "due": "square", "safe": "triangle", "alternative": "cross"}
    placed: list[float] = []
    for meaning, day in marks:
        cx = x(day)
        colour = MEANING[meaning]
        shape = shapes[meaning]
        if shape == "circle":
            parts.append(f'<circle cx="{cx:.1f}" cy="60" r="7" fill="{colour}"/>')
        elif shape == "square":
            parts.append(f'<rect x="{cx - 8:.1f}" y="52" width="16" height="16" fill="{colour}"/>')
        elif shape == "diamond":
            parts.append(f'<path d="M{cx:.1f} 51 L{cx + 9:.1f} 60 L{cx:.1f} 69 L{cx - 9:.1f} 60 Z" fill="{colour}"/>')
        elif shape == "triangle":
            parts.append(f'<path d="M{cx:.1f} 50 L{cx + 9:.1f} 68 L{cx - 9:.1f} 68 Z" fill="{colour}"/>')
        else:
            parts.append(f'<path d="M{cx - 7:.1f} 53 L{cx + 7:.1f} 67 M{cx + 7:.1f} 53 L{cx - 7:.1f} 67" '
                         f'stroke="{colour}" stroke-width="3"/>')
        level = sum(1 for p in placed if abs(p - cx) < 150)
        placed.append(cx)
        y = (38, 90, 18, 110)[level % 4]
        anchor = "start" if cx < left + 60 else "end" if cx > right - 60 else "middle"
        label = f"{MARK_STYLE[meaning][0]}: {short(day)}"
        parts.append(f'<text x="{cx:.1f}" y="{y}" text-anchor="{anchor}" font-size="15" fill="#1a1a1a">'
                     f"{escape(label)}</text>")
    return (f'<svg class="at-strip" role="img" aria-label="{escape(alt)}" viewBox="0 0 {width} 120" '
            f'width="100%" style="max-width:{width}px;display:block" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{escape(alt)}</title>{''.join(parts)}</svg>")


def deadline_calendar(deadline, calendar=None) -> str:
    """The deadline as a strip from day 0 and the calendars of the months where the period ends."""
    alt = deadline_alt(deadline, calendar)
    caption = f'<figcaption style="margin:4px 0;font-size:15px">{escape(alt)}</figcaption>'
    if not deadline.applicable:
        return f'<figure class="at-calendar" aria-label="{escape(alt)}" style="margin:6px 0">{caption}</figure>'
    cal = calendar_of(deadline, calendar)
    marks = deadline_marks(deadline)
    by_day: dict[date, list[str]] = {}
    for meaning, day in marks:
        by_day.setdefault(day, []).append(meaning)
    raw = deadline.counted_on or deadline.due
    lo, hi = sorted([deadline.trigger, raw])
    counted = (lo + timedelta(days=1), hi) if lo < hi else None
    months = sorted({(d.year, d.month) for m, d in marks if m != "trigger"})[-3:]
    tables = "".join(month_table(y, m, cal, marks=by_day, counted=counted) for y, m in months)
    return (f'<figure class="at-calendar" role="group" aria-label="{escape(alt)}" style="margin:6px 0;max-width:100%">'
            f"{caption}{_strip_svg(deadline, marks, alt)}"
            f'<div style="display:flex;flex-wrap:wrap">{tables}</div>{legend()}</figure>')


def legend() -> str:
    """The key to the calendar, in words with the same colours and border styles."""
    def item(style, text):
        return (f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;width:1.1em;'
                f'height:1.1em;vertical-align:middle;{style}"></span> {escape(text)}</span>')

    items = [item(f"background:{MEANING['counted']};border:1px solid #BBB", "counted period"),
             item(f"background:{MEANING['weekend']};border:1px solid #BBB", "weekend"),
             item("background:#FBE3D6;border:1px solid #BBB", "closed (the cell names the day)"),
             item(f"border:3px solid {MEANING['due']}", "due"),
             item(f"border:3px dashed {MEANING['safe']}", "safe date"),
             item(f"border:3px dotted {MEANING['alternative']}", "other reading")]
    return f'<p class="at-legend" style="font-size:13px;margin:2px 0">{"".join(items)}</p>'


def appeal_alt(aid) -> str:
    """The appeal chart's finding: how many options are open and which deadline comes first."""
    rows = [(o, d) for o in aid.options for d in o.deadlines if d.applicable and d.due]
    open_rows = [(o, d) for o, d in rows if o.available]
    decided = aid.decision.get("date") if isinstance(aid.decision, dict) else None
    head = f"Options after the decision of {written(decided)}" if decided else "Options after the decision"
    available = sum(1 for o in aid.options if o.available)
    text = f"{head}: {available} of {len(aid.options)} available."
    if open_rows:
        first_o, first = min(open_rows, key=lambda r: (r[1].safe_date or r[1].due))
        text += f" First deadline: {first_o.title}, due {written(first.due)}"
        if first.safe_date and first.safe_date != first.due:
            text += f" (safe date {written(first.safe_date)})"
        text += "."
    return text


def appeal_chart(aid) -> str:
    """Each option's deadlines on one date axis (SVG), drawn to sit in a narrow column beside the inputs:
    per option, a line of text (its title and due date), then a bar from the trigger to a diamond at the
    due date, with a triangle at an earlier safe date; options not available are grey and say so."""
    alt = appeal_alt(aid)
    rows = [(o, d) for o in aid.options for d in o.deadlines if d.applicable and d.due]
    if not rows:
        return f'<figure class="at-appeal-chart" aria-label="{escape(alt)}"><figcaption>{escape(alt)}</figcaption></figure>'
    decided = aid.decision.get("date") if isinstance(aid.decision, dict) else None
    lo = min([d.trigger for _, d in rows] + ([decided] if decided else []))
    hi = max(d.due for _, d in rows)
    span = max(1, (hi - lo).days)
    width, left, right, top = 420, 12, 400, 34

    def x(day):
        return left + (right - left) * (day - lo).days / span

    parts, y = [], top
    for o, d in rows:
        colour = MEANING["due"] if o.available else "#767676"
        word = "earliest" if d.kind == "earliest" else "due"
        text = f"{o.title}{'' if o.available else ' (not available)'}: {word} {short(d.due)}"
        if d.safe_date and d.safe_date != d.due and d.kind != "earliest":
            text += f", safe {short(d.safe_date)}"
        for line in textwrap.wrap(text, 52):
            y += 17
            parts.append(f'<text x="{left}" y="{y}" font-size="14" fill="{"#1a1a1a" if o.available else "#595959"}">'
                         f"{escape(line)}</text>")
        y += 14
        parts.append(f'<line x1="{x(d.trigger):.1f}" y1="{y}" x2="{x(d.due):.1f}" y2="{y}" stroke="{colour}" '
                     f'stroke-width="3" opacity="0.5"/>')
        cx = x(d.due)
        parts.append(f'<path d="M{cx:.1f} {y - 7} L{cx + 7:.1f} {y} L{cx:.1f} {y + 7} L{cx - 7:.1f} {y} Z" fill="{colour}"/>')
        if d.safe_date and d.safe_date != d.due and d.kind != "earliest":
            sx = x(d.safe_date)
            parts.append(f'<path d="M{sx:.1f} {y - 8} L{sx + 7:.1f} {y + 6} L{sx - 7:.1f} {y + 6} Z" fill="{MEANING["safe"]}"/>')
        y += 12
    height = y + 26
    if decided:
        dx = x(decided)
        parts.insert(0, f'<line x1="{dx:.1f}" y1="{top - 8}" x2="{dx:.1f}" y2="{height - 22}" stroke="#000" '
                        f'stroke-dasharray="2 3"/><text x="{dx:.1f}" y="{top - 14}" font-size="13" '
                        f'text-anchor="{"start" if dx < width / 2 else "end"}">decision {escape(short(decided))}</text>')
    parts.append(f'<text x="{left}" y="{height - 6}" font-size="12" fill="#1a1a1a">diamond: due date · triangle: '
                 f"safe date · grey: not available</text>")
    svg = (f'<svg role="img" aria-label="{escape(alt)}" viewBox="0 0 {width} {height}" width="100%" '
           f'style="max-width:640px;display:block" xmlns="http://www.w3.org/2000/svg"><title>{escape(alt)}</title>'
           f"{''.join(parts)}</svg>")
    return (f'<figure class="at-appeal-chart" style="margin:4px 0">{svg}'
            f'<figcaption style="font-size:14px">{escape(alt)}</figcaption></figure>')
