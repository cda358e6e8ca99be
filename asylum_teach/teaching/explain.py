"""Turn what the library computed into short HTML a student reads next to a widget or a worked example.

Nothing here computes law: each function takes a result (an engine ``Deadline``, a stage record, an
option) and lays out its own steps, reasons and citations. Text is escaped, so facts typed into a
widget cannot inject markup. The CSS class names (``at-due``, ``at-safe`` ...) are stable: the
real-browser test reads the due date through them.

>>> from asylum_teach.law.engine import deadline_for
>>> html = deadline_html(deadline_for("one-year-asylum", "2019-01-25"))
>>> '<span class="at-due">Monday 2020-01-27</span>' in html
True
"""

from __future__ import annotations

from html import escape

from asylum_teach import RULES_REFLECT_DATE, dates

STRENGTH_WORDS = {
    "P": "checked against primary text",
    "S": "secondary source only",
    "K": "background knowledge, unverified",
}

NOTICE = ("This is a teaching model. The rules reflect sources up to {date}; check the current "
          "regulation, practice manual and any court order before relying on a date.")


def notice_html() -> str:
    """The not-legal-advice notice with the date the rules reflect, as every notebook shows it."""
    return ('<div class="at-notice" style="border-left:4px solid #D55E00;padding:4px 10px;margin:6px 0">'
            f"<b>Not legal advice.</b> {escape(NOTICE.format(date=RULES_REFLECT_DATE))}</div>")


def _date(d) -> str:
    return dates.long(d) if d else "-"


def citation_items(citations) -> str:
    """An HTML list of citations; engine ``Citation`` objects or plain strings (which carry their tag)."""
    items = []
    for c in citations:
        if hasattr(c, "cite"):
            tag = f'<abbr title="{escape(STRENGTH_WORDS.get(c.strength, ""))}">[{escape(c.strength)}]</abbr>'
            link = f' <a href="{escape(c.url)}" target="_blank" rel="noopener">source</a>' if c.url else ""
            items.append(f"<li>{tag} {escape(c.cite)}{link}</li>")
        else:
            items.append(f"<li>{escape(str(c))}</li>")
    return '<ul class="at-citations">' + "".join(items) + "</ul>"


def steps_table(steps) -> str:
    """The engine's worked steps as a three-column table: what, date (with weekday), why."""
    rows = "".join(
        f'<tr><td style="text-align:left">{escape(s.label)}</td><td style="text-align:left">{escape(_date(s.date))}</td>'
        f'<td style="text-align:left">{escape(s.note or "")}</td></tr>'
        for s in steps
    )
    return ('<table class="at-steps" style="text-align:left"><thead><tr><th>step</th><th>date</th><th>why</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def deadline_html(d, *, show_citations: bool = True) -> str:
    """The full explanation of one engine ``Deadline``: result, alternatives, steps, citations, notes."""
    head = f'<div class="at-deadline"><h4>{escape(d.title)} <code>{escape(d.rule_id)}</code></h4>'
    version = (f"<p>Rule version <code>{escape(d.version)}</code> ({escape(d.version_window)}), "
               f"source strength [{escape(d.source_strength)}] ({escape(STRENGTH_WORDS.get(d.source_strength, ''))}).</p>")
    parts = [head, version]
    if d.what_if:
        parts.append(f'<p class="at-what-if" style="border-left:4px solid #D55E00;padding-left:8px"><b>What-if, not '
                     f"the law in force:</b> {escape(d.what_if)}</p>")
    if d.under_litigation:
        parts.append(f'<p class="at-litigation"><b>Under litigation:</b> {escape(d.under_litigation)}</p>')
    for h in d.history:
        parts.append(f'<p class="at-history"><b>History of this rule:</b> {escape(h.text)}</p>')
    if d.check_before_relying:
        parts.append('<p class="at-stale"><b>Check before relying:</b> the court status behind this rule was last '
                     "checked more than 90 days before the as-of date.</p>")
    if not d.applicable:
        parts.append(f'<p class="at-result"><b>Not applicable:</b> <span class="at-due">none</span> - '
                     f"{escape(d.reason or '')}</p>")
    else:
        word = "Earliest permitted day" if d.kind == "earliest" else "Due"
        parts.append(f'<p class="at-result"><b>{word}:</b> <span class="at-due">{escape(_date(d.due))}</span>')
        if d.kind != "earliest":
            parts.append(f' &nbsp; <b>Safe date:</b> <span class="at-safe">{escape(_date(d.safe_date))}</span>')
        parts.append("</p>")
        if d.alternatives:
            alts = "".join(f"<li>{escape(_date(a.date))} if <code>{escape(a.policy)}</code>: {escape(a.reason)}</li>"
                           for a in d.alternatives)
            parts.append(f'<p>Other defensible readings give:</p><ul class="at-alternatives">{alts}</ul>')
    parts.append(steps_table(d.steps))
    if show_citations:
        parts.append("<p><b>Where the law says so:</b></p>" + citation_items(d.citations))
    if d.notes:
        parts.append(f'<p class="at-notes"><b>Notes:</b> {escape(d.notes)}</p>')
    parts.append("</div>")
    return "".join(parts)


def reasons_html(title: str, reasons, citations, *, css: str = "at-explanation") -> str:
    """A titled list of reasons followed by the citations, for results that are not deadlines."""
    items = "".join(f"<li>{escape(str(r))}</li>" for r in reasons)
    return (f'<div class="{escape(css)}"><h4>{escape(title)}</h4><ul>{items}</ul>'
            f"<p><b>Where the law says so:</b></p>{citation_items(citations)}</div>")


def law_status_html(report) -> str:
    """The litigation register as known on a date (``asylum_teach.law.litigation.report``), as a table:
    each provision with its status, the last event, and a "check before relying" flag when stale."""
    from asylum_teach.law.litigation import STATUS_WORDS

    rows = []
    for case in report.cases:
        stale = case.is_stale(report.as_of)
        for st in report.statuses(case):
            since = f"{st.event.kind} {st.event.when}" if st.event else "-"
            flag = "<b>check before relying</b>" if stale else f"checked {case.last_checked_on.isoformat()}"
            rows.append(f"<tr><td>{escape(case.provisions[st.provision])}</td><td>{escape(case.case)}</td>"
                        f"<td><b>{escape(STATUS_WORDS[st.status])}</b></td><td>{escape(since)}</td><td>{flag}</td></tr>")
    return ('<table class="at-law-status" style="text-align:left"><thead><tr><th>rule or bar</th><th>case</th>'
            f'<th>status on {escape(report.as_of.isoformat())}</th><th>since</th><th>last checked</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
