"""A case's results as HTML for people: the screening, a step of a case, the options after a decision,
the timeline, the client's facts and narrative.

Each function takes what a reasoning function returned and lays it out with its own reasons and
citations, in words (:mod:`.labels`), with dates written out and each deadline's worked count one
click away. Nothing here decides anything.

>>> from asylum_teach.reasoning.scenarios import run_scenario
>>> html = record_html(run_scenario("missed_master_in_absentia"), 3)
>>> html.count("Motion to rescind an in-absentia removal order:")
3
>>> "no time limit" in html and "Tuesday 14 October 2025" in html and "due -" not in html
True
"""

from __future__ import annotations

from html import escape

from asylum_teach.teaching.explain import Markup, citation_items, deadline_html, plain, reasons_html, table_html
from asylum_teach.teaching.labels import choice_label, named, value_text, written

#: How each consequence is marked: a word and a symbol as well as a colour.
SEVERITY = {"info": ("ordinary course", "●", "#0072B2"), "warning": ("risk to act on", "▲", "#B35900"),
            "adverse": ("adverse", "✖", "#D55E00")}
RELIEF_TITLES = {"asylum": "Asylum", "withholding": "Withholding of removal", "cat": "Protection under CAT"}
STATUS_WORDS = {"past": "past", "scheduled": "scheduled", "met": "met", "missed": "missed",
                "disputed": "disputed (timely under one reading only)", "passed": "passed", "upcoming": "upcoming",
                "open": "open", "not-applicable": "not applicable"}


def _cites(citations) -> list[str]:
    from asylum_teach.reasoning.screening_rules import cite_text

    return [c if isinstance(c, str) else cite_text(c) for c in citations]


def screening_html(s) -> str:
    """Pathway, then each form of relief: available or barred, why, the questions for the judge."""
    parts = [f'<p class="at-pathway"><b>Pathway:</b> {escape(choice_label(s.pathway))}</p>',
             reasons_html("How the case reached this pathway", [o.explanation for o in s.pathway_steps],
                          _cites(c for o in s.pathway_steps for c in o.citations))]
    for r in (s.asylum, s.withholding, s.cat):
        title = RELIEF_TITLES.get(r.relief, r.relief)
        if not r.available:
            state = "barred by " + ", ".join(choice_label(b) for b in r.bars)
        elif r.open_bars:
            state = "available, with open questions"
        else:
            state = "available"
        if r.relief == "cat" and r.form:
            state += f" ({choice_label(r.form).lower()})"
        reasons = [Markup(escape(plain(o.explanation)) + (f" <i>Question for the judge:</i> {escape(plain(o.question))}"
                                                          if o.question else "")) for o in r.steps]
        reasons.append(r.standard_of_proof.explanation)
        parts.append(reasons_html(f"{title}: {state}", reasons, _cites(r.citations)))
    return "".join(parts)


def screening_summary_html(s) -> str:
    """One line per form of relief (available, or barred and by what), after the pathway."""
    rows = []
    for r in (s.asylum, s.withholding, s.cat):
        state = "available" if r.available else "barred by " + ", ".join(choice_label(b) for b in r.bars)
        if r.available and r.open_bars:
            state += "; open: " + ", ".join(choice_label(b) for b in r.open_bars)
        rows.append({"protection": RELIEF_TITLES.get(r.relief, r.relief), "on these facts": state})
    return (f'<p class="at-pathway"><b>Pathway:</b> {escape(choice_label(s.pathway))}. '
            f"{escape(plain(s.pathway_steps[0].explanation))}</p>" + table_html(rows))


def simulation_summary_html(result) -> str:
    """A simulated case as one table: each step's date, stage, what happened and the deadlines it starts."""
    rows = [{"step": r.step, "date": r.on, "stage": r.stage.title, "what happened": plain(r.happened),
             "deadlines it starts": Markup("<br>".join(escape(_deadline_line(d)) for d in r.deadlines) or "-")}
            for r in result.records]
    return table_html(rows, css="at-simulation")


def _deadline_line(d) -> str:
    if not d.applicable:
        return f"{d.title}: no time limit ({plain(d.reason or 'not applicable on these facts')})"
    word = "earliest" if d.kind == "earliest" else "due"
    safe = f" (safe date {written(d.safe_date)})" if d.safe_date and d.safe_date != d.due and d.kind != "earliest" else ""
    return f"{d.title}: {word} {written(d.due)}{safe}"


def consequences_html(consequences) -> str:
    items = []
    for c in consequences:
        word, mark, colour = SEVERITY.get(c.severity, SEVERITY["info"])
        items.append(f'<li style="border-left:5px solid {colour};padding-left:6px;list-style:none;margin:3px 0">'
                     f'<span aria-hidden="true">{mark}</span> <b>{word}:</b> {escape(plain(c.summary))} '
                     f"<small>({escape('; '.join(_cites(c.citations)))})</small></li>")
    return f'<ul class="at-consequences" style="padding-left:0">{"".join(items)}</ul>' if items else ""


def record_html(result, step: int) -> str:
    """Step ``step`` (1-based) of a simulated case: what happened, its consequences, the deadlines it starts."""
    records = result.records
    step = max(1, min(step, len(records)))
    rec = records[step - 1]
    deadlines = "".join(f"<details><summary>{escape(_deadline_line(d))}</summary>{deadline_html(d)}</details>"
                        for d in rec.deadlines)
    deadlines = f"<p><b>Deadlines this step starts</b> (open one for the worked count):</p>{deadlines}" if deadlines else ""
    return (f'<h4 class="at-step">Step {step} of {len(records)} · {escape(written(rec.on))}: '
            f"{escape(rec.stage.title)}</h4>"
            f'<p class="at-happened">{escape(plain(rec.happened))}</p>{consequences_html(rec.consequences)}{deadlines}'
            f"<p><b>Where the law says so:</b></p>{citation_items(_cites(rec.stage.citations))}"
            f"<p><i>Where this path ends: {escape(plain(result.status))}.</i></p>")


def simulation_html(result) -> str:
    """Every step of a simulated case, as :func:`record_html` shows one."""
    return "".join(f'<section style="margin-bottom:10px">{record_html(result, i)}</section>'
                   for i in range(1, len(result.records) + 1))


def appeal_aid_html(aid, *, open_sections: bool = False) -> str:
    """The decision, then each option folded to one line (title, available or not, first deadline)."""
    dec, court = aid.decision, aid.court
    head = (f"<p><b>Decision of {escape(written(dec['date']))}</b> ({escape(choice_label(dec['form']).lower())}): "
            f"{escape(choice_label(dec['outcome']))} · {escape(court.name)} ({escape(court.state)}, "
            f"{escape(court.circuit)} Circuit)</p>")
    parts = [head, f"<details {'open' if open_sections else ''}><summary>Why these options</summary>"
             f"{reasons_html('The decision', aid.reasons, _cites(aid.citations), level=5)}</details>"]
    for opt in aid.options:
        first = next((d for d in opt.deadlines if d.applicable), None)
        when = f": {_deadline_line(first).split(': ', 1)[1]}" if first else ""
        state = "available" if opt.available else "not available"
        dates = "".join(f"<li>{escape(_deadline_line(d))}</li>" for d in opt.deadlines)
        parts.append(f'<details class="at-option" {"open" if open_sections else ""}><summary><b>{escape(opt.title)}</b> '
                     f"({state}){escape(when)}</summary><ul>{dates}</ul>"
                     + reasons_html("What to weigh", opt.considerations, _cites(opt.citations), level=5) + "</details>")
    venue = aid.venue
    cands = "".join(f"<li>{escape(c)} Circuit: {escape(plain(t))} <small>({escape(str(x))})</small></li>"
                    for c, t, x in venue.candidates)
    parts.append(f"<details><summary><b>Where a petition for review goes:</b> {escape(venue.circuit)} Circuit"
                 f"</summary><ul>{cands}</ul><p>{escape(plain(venue.caveat))}</p></details>")
    return "".join(parts)


def next_due_sentence(timeline) -> str:
    """What is due next, in words (or that nothing is pending)."""
    pending = [i for i in timeline.due_next() if i.is_deadline]
    if not pending:
        return f"As of {written(timeline.as_of)}, no deadline in this timeline is pending."
    i = pending[0]
    safe = f" (safe date {written(i.safe_date)})" if i.safe_date and i.safe_date != i.on else ""
    return f"As of {written(timeline.as_of)}, next: {i.label}, due {written(i.on)}{safe}."


def timeline_html(timeline) -> str:
    """What is due next, then every item: date, what, status, safe date."""
    rows = [{"date": i.on, "what": i.label, "status": STATUS_WORDS.get(i.status, i.status),
             "safe date": i.safe_date if i.safe_date and i.safe_date != i.on else None} for i in timeline.items]
    return (f'<p class="at-next"><b>{escape(next_due_sentence(timeline))}</b></p>'
            + table_html(rows, css="at-timeline-table"))


def facts_html(facts) -> str:
    """A client's facts: each label with the name a student types (``client.facts['...']``) and its value."""
    rows = [{"fact": Markup(named(k)), "value": value_text(k, v)} for k, v in dict(facts).items()]
    return table_html(rows, css="at-facts")


def narrative_html(text: str) -> str:
    """An intake narrative as paragraphs."""
    paras = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f'<p style="max-width:48rem">{escape(" ".join(p.split()))}</p>' for p in paras)
