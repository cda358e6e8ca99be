"""Turn what the library computed into short HTML a student reads next to a widget or a worked example.

Nothing here computes law: each function takes a result (an engine ``Deadline``, the litigation
register) and lays out its own steps, reasons and citations, in words: dates written out, policies
by their labels, no code names except where a student types them (then beside their label). Text is
escaped, so facts typed into a widget cannot inject markup. The CSS class names (``at-due``,
``at-safe`` ...) are stable: the real-browser tests read the due date through them. Explanations of a
case (screening, stages, appeal options, timeline) are in :mod:`.explain_case`.

>>> from asylum_teach.law.engine import deadline_for
>>> html = deadline_html(deadline_for("one-year-asylum", "2019-01-25"))
>>> '<span class="at-due">Monday 27 January 2020</span>' in html
True
>>> plain("roll forward: 2026-07-03 is closed (Independence Day (observed) (observed-holiday)); day 30 is Friday 2026-07-03")
'roll forward: Friday 3 July 2026 is closed (Independence Day (observed)); day 30 is Friday 3 July 2026'
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from asylum_teach import RULES_REFLECT_DATE
from asylum_teach.teaching.labels import choice_label, fact_label, named, policy_label, written

STRENGTH_WORDS = {
    "P": "checked against primary text",
    "S": "secondary source only",
    "K": "background knowledge, unverified",
}

NOTICE = ("This is a teaching model. The rules reflect sources up to {date}; check the current "
          "regulation, practice manual and any court order before relying on a date.")

_WEEKDAY_ISO = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (\d{4})-(\d{2})-(\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_KIND = re.compile(r" \((?:legal-holiday|observed-holiday|weekend|executive-order|inauguration-day|instructor)\)")


def _fact_names():
    from asylum_teach.glossary import FACTS

    names = sorted((n for n in FACTS if "_" in n), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


_FACT_NAME = _fact_names()


def plain(text) -> str:
    """Engine prose for people: ISO dates written out, closure-kind codes dropped (the name says it), fact
    names given as their labels ("the version is chosen by “Immigration judge's decision”")."""
    def day(m):
        try:
            return written(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            return m.group(0)

    text = _FACT_NAME.sub(lambda m: f"“{fact_label(m.group(1))}”", _KIND.sub("", str(text)))
    return _ISO.sub(day, _WEEKDAY_ISO.sub(day, text))


def notice_html() -> str:
    """The not-legal-advice notice with the date the rules reflect, as every notebook shows it."""
    return ('<div class="at-notice" style="border-left:4px solid #D55E00;padding:4px 10px;margin:6px 0">'
            f"<b>Not legal advice.</b> {escape(NOTICE.format(date=RULES_REFLECT_DATE))}</div>")


def citation_items(citations) -> str:
    """An HTML list of citations; engine ``Citation`` objects or plain strings (which carry their tag)."""
    items = []
    for c in citations:
        if hasattr(c, "cite"):
            tag = f'<abbr title="{escape(STRENGTH_WORDS.get(c.strength, ""))}">[{escape(c.strength)}]</abbr>'
            cite = (f'<a href="{escape(c.url)}" target="_blank" rel="noopener">{escape(c.cite)}</a>' if c.url
                    else escape(c.cite))
            items.append(f"<li>{tag} {cite}</li>")
        else:
            items.append(f"<li>{escape(str(c))}</li>")
    return '<ul class="at-citations">' + "".join(items) + "</ul>"


def table_html(rows, *, caption: str | None = None, css: str = "at-table", code: tuple = ()) -> str:
    """A list of dicts (or a DataFrame) as a plain table: the keys are the column headings, dates written
    out, missing values as a dash, text wrapped; no index column. Values that are HTML already are passed
    as :class:`Markup`; the columns named in ``code`` hold names a student types, shown as code."""
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a pandas DataFrame: its rows, never its index
        frame = rows
        rows = [{str(k).replace("_", " "): _scalar(v) for k, v in r.items()} for r in frame.to_dict("records")]
    rows = list(rows)
    if not rows:
        return "<p><i>Nothing to show.</i></p>"
    columns = list(dict.fromkeys(k for r in rows for k in r))

    def cell(v, column=None):
        if column in code and v is not None:
            return f"<code>{escape(str(v))}</code>"
        if isinstance(v, Markup):
            return str(v)
        if v is None or (isinstance(v, float) and v != v):  # None or NaN
            return "-"
        if isinstance(v, date):
            return escape(written(v))
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, float):
            return f"{v:,.0f}" if v.is_integer() else f"{v:,g}"
        if isinstance(v, int):
            return f"{v:,}" if abs(v) >= 10000 else str(v)
        return escape(plain(v))

    pad = "padding:3px 10px 3px 0;border-bottom:1px solid #DDDDDD"
    head = "".join(f'<th scope="col" style="text-align:left;{pad}">{escape(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f'<td style="text-align:left;vertical-align:top;white-space:normal;{pad}">'
                                    f"{cell(r.get(c), c)}</td>" for c in columns) + "</tr>" for r in rows)
    cap = f'<caption style="text-align:left;font-weight:bold">{escape(caption)}</caption>' if caption else ""
    return (f'<table class="{escape(css)}" style="text-align:left;border-collapse:collapse;max-width:100%">'
            f"{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _scalar(v):
    """A pandas cell as a plain value: NaN and NaT as None, timestamps as dates, numpy numbers as Python's."""
    if v is None:
        return None
    try:
        if v != v:  # NaN, NaT
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "to_pydatetime"):
        return v.to_pydatetime().date()
    if hasattr(v, "item"):
        return v.item()
    return v


class Markup(str):
    """A string that is HTML already (for :func:`table_html`)."""


def steps_table(steps) -> str:
    """The engine's worked steps as a three-column table: what, date (with weekday), why."""
    rows = "".join(
        f'<tr><td style="text-align:left">{escape(plain(s.label))}</td>'
        f'<td style="text-align:left">{escape(written(s.date) if s.date else "-")}</td>'
        f'<td style="text-align:left;white-space:normal">{escape(plain(s.note or ""))}</td></tr>'
        for s in steps
    )
    return ('<table class="at-steps" style="text-align:left"><thead><tr><th scope="col">step</th><th scope="col">date</th>'
            f'<th scope="col">why</th></tr></thead><tbody>{rows}</tbody></table>')


def reading(policy: str) -> str:
    """``observed_holidays=not-holiday`` as 'Observed holidays: not a holiday (<code>…</code>)'."""
    name, _, value = policy.partition("=")
    if not value:
        return named(name)
    return (f"{escape(policy_label(name))}: {escape(choice_label(value).lower())} "
            f"(<code>{escape(name)}={escape(value)}</code>)")


def deadline_html(d, *, show_citations: bool = True) -> str:
    """The full explanation of one engine ``Deadline``: result, alternatives, steps, citations, notes."""
    head = f'<div class="at-deadline"><h4>{escape(d.title)} <code>{escape(d.rule_id)}</code></h4>'
    version = (f"<p>Rule version <code>{escape(d.version)}</code> ({escape(plain(d.version_window))}), "
               f"source strength [{escape(d.source_strength)}] ({escape(STRENGTH_WORDS.get(d.source_strength, ''))}).</p>")
    parts = [head, version]
    if d.what_if:
        parts.append(f'<p class="at-what-if" style="border-left:4px solid #D55E00;padding-left:8px"><b>What-if, not '
                     f"the law in force:</b> {escape(plain(d.what_if))}</p>")
    if d.under_litigation:
        parts.append(f'<p class="at-litigation"><b>Under litigation:</b> {escape(plain(d.under_litigation))}</p>')
    for h in d.history:
        parts.append(f'<p class="at-history"><b>History of this rule:</b> {escape(plain(h.text))}</p>')
    if d.check_before_relying:
        parts.append('<p class="at-stale"><b>Check before relying:</b> the court status behind this rule was last '
                     "checked more than 90 days before the as-of date.</p>")
    if not d.applicable:
        parts.append(f'<p class="at-result"><b>Not applicable:</b> <span class="at-due">none</span> - '
                     f"{escape(plain(d.reason or ''))}</p>")
    else:
        word = "Earliest permitted day" if d.kind == "earliest" else "Due"
        parts.append(f'<p class="at-result"><b>{word}:</b> <span class="at-due">{escape(written(d.due))}</span>')
        if d.kind != "earliest":
            parts.append(f' &nbsp; <b>Safe date:</b> <span class="at-safe">{escape(written(d.safe_date))}</span>')
        parts.append("</p>")
        if d.alternatives:
            alts = "".join(f"<li>{escape(written(a.date))} if {reading(a.policy)}: {escape(plain(a.reason))}</li>"
                           for a in d.alternatives)
            parts.append(f'<p>Other defensible readings give:</p><ul class="at-alternatives">{alts}</ul>')
    parts.append(steps_table(d.steps))
    if show_citations:
        parts.append("<p><b>Where the law says so:</b></p>" + citation_items(d.citations))
    if d.notes:
        parts.append(f'<p class="at-notes"><b>Notes:</b> {escape(plain(d.notes))}</p>')
    parts.append("</div>")
    return "".join(parts)


def reasons_html(title: str, reasons, citations, *, css: str = "at-explanation", level: int = 4) -> str:
    """A titled list of reasons followed by the citations, for results that are not deadlines.

    Reasons are plain text (escaped); pass :class:`Markup` for a reason that carries its own HTML."""
    items = "".join(f"<li>{r if isinstance(r, Markup) else escape(plain(r))}</li>" for r in reasons)
    return (f'<div class="{escape(css)}"><h{level}>{escape(title)}</h{level}><ul>{items}</ul>'
            f"<p><b>Where the law says so:</b></p>{citation_items(citations)}</div>")


def law_status_html(report) -> str:
    """The litigation register as known on a date (``asylum_teach.law.litigation.report``), as a table:
    each provision with its status, the last event, and a "check before relying" flag when stale."""
    from asylum_teach.law.litigation import STATUS_WORDS

    rows = []
    for case in report.cases:
        stale = case.is_stale(report.as_of)
        for st in report.statuses(case):
            since = f"{st.event.kind.replace('-', ' ')} {plain(st.event.when)}" if st.event else "-"
            flag = "<b>check before relying</b>" if stale else f"checked {escape(written(case.last_checked_on))}"
            rows.append(f"<tr><td>{escape(case.provisions[st.provision])}</td><td>{escape(case.case)}</td>"
                        f"<td><b>{escape(STATUS_WORDS[st.status])}</b></td><td>{escape(since)}</td><td>{flag}</td></tr>")
    return ('<table class="at-law-status" style="text-align:left"><thead><tr><th scope="col">rule or bar</th>'
            f'<th scope="col">case</th><th scope="col">status on {escape(written(report.as_of))}</th>'
            f'<th scope="col">since</th><th scope="col">last checked</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
