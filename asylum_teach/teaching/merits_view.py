"""HTML for notebook 07 and the credibility lab: the merits data, a case file, a group test, the rehearsal.

Nothing here decides law. Each function lays out what :mod:`asylum_teach.law.merits`,
:mod:`asylum_teach.model.case_record` or :mod:`asylum_teach.reasoning.credibility` computed, with human
labels and each citation's strength. Every string is escaped: a name or a paragraph cannot inject markup.
The CSS classes (``at-version-now``, ``at-paragraph``, ``at-doc``) are stable for the browser test.

>>> html = doctrine_html("private-harm", "2021-06-16")
>>> 'class="at-version-now"' in html and "A-B- III" in html
True
"""

from __future__ import annotations

from html import escape

from asylum_teach.dates import parse_date
from asylum_teach.teaching.explain import STRENGTH_WORDS, citation_items
from asylum_teach.teaching.labels import written

STATUS_WORDS = {"met": "met", "contested": "contested: needs evidence and argument", "fails": "fails",
                None: "nothing in the model"}
STATUS_MARKS = {"met": "✔", "contested": "?", "fails": "✘", None: "–"}
_TABLE = 'style="text-align:left;border-collapse:collapse"'
_CELL = 'style="text-align:left;vertical-align:top;padding:4px 8px;border-top:1px solid #ccc"'


def _strength(c) -> str:
    return (f'<abbr title="{escape(STRENGTH_WORDS.get(c.strength, ""))}">[{escape(c.strength)}]</abbr>'
            if c is not None else "")


def _day(d, day_known: bool = True) -> str:
    """A date in a table, written out (``16 June 2021``); only the year where the day was not seen."""
    return str(d.year) if not day_known else f"{d.day} {d:%B %Y}"


def _cell(text: str, **attrs) -> str:
    extra = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<td {_CELL}{extra}>{text}</td>"


def topic_html(topic_id: str) -> str:
    """A topic of notebook 07: the rule in plain words, its elements, the authorities with their strength."""
    from asylum_teach.law.merits import load_merits

    t = load_merits().topics[topic_id]
    items = "".join(f"<li>{escape(e)}</li>" for e in t.elements)
    return (f'<div class="at-topic"><p>{escape(t.rule)}</p>'
            + (f"<p><b>The elements</b></p><ul>{items}</ul>" if items else "")
            + f"<p><b>Where the law says so</b> (last verified {escape(written(t.last_verified_on))}):</p>"
            + citation_items(t.cites) + "</div>")


def doctrine_html(doctrine_id: str, as_of) -> str:
    """A doctrine's versions as a table, the one in force on ``as_of`` marked, with the open question."""
    from asylum_teach.law.merits import board_precedent_on

    now = board_precedent_on(doctrine_id, as_of)
    d = now.doctrine
    rows = []
    for v in d.versions:
        current = now.version is not None and v.id == now.version.id
        start = "earlier" if v.effective_from is None else _day(v.effective_from, v.day_known)
        end = _day(v.effective_to) if v.effective_to else "(still)"
        who = escape(v.cites[0].cite.split(" (")[0])
        mark = ' class="at-version-now"' if current else ""
        rows.append(f"<tr{mark}>{_cell(escape(start))}{_cell(escape(end))}"
                    f"{_cell(('<b>In force on ' + escape(written(now.on)) + ':</b> ') if current else '')}"
                    f"{_cell(escape(v.holding))}{_cell(who + ' ' + _strength(v.cites[0]))}</tr>")
    body = "".join(rows)
    head = (f"<thead><tr><th {_CELL}>from</th><th {_CELL}>to</th><th {_CELL}></th><th {_CELL}>what the precedent said"
            f"</th><th {_CELL}>deciding authority</th></tr></thead>")
    stale = "".join(f'<p class="at-stale"><b>{escape(r)}</b></p>' for r in now.reasons if r.startswith("CHECK"))
    return (f'<div class="at-doctrine" data-doctrine="{escape(d.id)}"><p><b>{escape(d.question)}</b> '
            f"The version is chosen by {escape(_selected(d.selected_by))}.</p>"
            f"<table {_TABLE}>{head}<tbody>{body}</tbody></table>{stale}"
            f"<p><i>Open question</i> (last verified {escape(written(d.last_verified_on))}): "
            f"{escape(d.open_question)}</p></div>")


def _selected(selected_by: str) -> str:
    from asylum_teach.law.merits import SELECTED_BY

    return SELECTED_BY[selected_by]


def split_html(split_id: str, as_of) -> str:
    """A circuit split: each court's rulings to ``as_of``, the Board's side, and the open question."""
    from asylum_teach.law.merits import COURT_NAMES, board_precedent_on, get_split

    s = get_split(split_id)
    day = parse_date(as_of, name="as_of")
    rows = []
    board = board_precedent_on(s.board, day)
    if board.version is not None and board.version.position:
        v = board.version
        since = "earlier" if v.effective_from is None else _day(v.effective_from, v.day_known)
        rows.append(f"<tr>{_cell('Board / Attorney General')}{_cell(escape(since))}"
                    f"{_cell('<b>' + escape(s.positions[v.position]) + '</b>')}"
                    f"{_cell(escape(v.cites[0].cite.split(' (')[0]) + ' ' + _strength(v.cites[0]))}</tr>")
    for r in s.rulings:
        if r.effective_from is not None and r.effective_from > day:
            continue
        since = "earlier" if r.effective_from is None else _day(r.effective_from, r.day_known)
        rows.append(f"<tr>{_cell(escape(COURT_NAMES[r.court]))}{_cell(escape(since))}"
                    f"{_cell('<b>' + escape(s.positions[r.position]) + '</b> ' + escape(r.holding))}"
                    f"{_cell(escape(r.cites[0].cite.split(' (')[0]) + ' ' + _strength(r.cites[0]))}</tr>")
    head = (f"<thead><tr><th {_CELL}>court</th><th {_CELL}>since</th><th {_CELL}>position</th>"
            f"<th {_CELL}>authority</th></tr></thead>")
    return (f'<div class="at-split" data-split="{escape(s.id)}"><p><b>{escape(s.question)}</b> '
            f"As known on {escape(written(day))}:</p><table {_TABLE}>{head}<tbody>{''.join(rows)}</tbody></table>"
            f"<p><i>Open question</i> (last verified {escape(written(s.last_verified_on))}): "
            f"{escape(s.open_question)}</p></div>")


def answer_html(answer) -> str:
    """A :class:`~asylum_teach.law.merits.PrecedentAnswer` or ``CircuitAnswer`` with its reasons and authority."""
    title = getattr(getattr(answer, "doctrine", None), "title", None) or answer.split.title
    text = answer.holding
    items = "".join(f"<li>{escape(r)}</li>" for r in answer.reasons)
    return (f'<div class="at-answer"><p><b>{escape(title)}</b>: {escape(text)}</p><ul>{items}</ul>'
            + citation_items(answer.citations) + "</div>")


# ------------------------------------------------------------------------------------ the case file
def case_file_html(record, documents=None) -> str:
    """The case file as a student reads it: each document with its HYPOTHETICAL label and numbered paragraphs."""
    parts = [f'<div class="at-case-file"><p class="at-notice" style="border-left:4px solid #D55E00;'
             f'padding:4px 10px"><b>{escape(record.notice)}</b></p>']
    for doc in record.documents:
        if documents and doc.id not in documents:
            continue
        made = f", {escape(doc.status)}" if doc.status else ""
        paras = "".join(f'<p class="at-paragraph" id="{escape(p.id)}"><b>[{escape(p.id)}]</b> {escape(p.text)}</p>'
                        for p in doc.paragraphs)
        parts.append(f'<details class="at-doc" data-doc="{escape(doc.id)}" open><summary><b>{escape(doc.title)}</b>'
                     f"{made}</summary>{paras}</details>")
    parts.append("</div>")
    return "".join(parts)


def planted_html(record) -> str:
    """The generator's record of what it planted: the instructor's view, never a student's."""
    rows = "".join(f"<tr>{_cell(escape(d.id))}{_cell(escape(' / '.join(d.paragraphs)))}{_cell(escape(d.kind))}"
                   f"{_cell(escape(d.materiality))}{_cell(escape(d.explanation))}{_cell(escape(d.cue or ''))}"
                   f"{_cell(escape(d.reason))}</tr>" for d in record.discrepancies)
    head = "".join(f"<th {_CELL}>{h}</th>" for h in ("id", "paragraphs", "kind", "class", "explanation",
                                                     "explained in", "why"))
    return f'<table class="at-planted" {_TABLE}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def group_html(analyses) -> str:
    """Each formulation of the group against the three criteria, with the reason and authority for each."""
    from asylum_teach.law.merits import CRITERIA

    head = f"<th {_CELL}>formulation</th>" + "".join(f"<th {_CELL}>{escape(c.replace('-', ' '))}</th>" for c in CRITERIA)
    rows = []
    for a in analyses:
        cells = []
        for c in CRITERIA:
            t = a.tests[c]
            who = escape(t.citations[0].cite.split(" (")[0]) + " " + _strength(t.citations[0]) if t.citations else ""
            cells.append(_cell(f"<b>{STATUS_MARKS[t.status]} {escape(STATUS_WORDS[t.status])}</b><br>"
                               f"<small>{escape(t.why)}<br>{who}</small>"))
        rows.append(f"<tr>{_cell('<b>' + escape(a.candidate.id) + '</b> ' + escape(a.candidate.wording))}"
                    f"{''.join(cells)}</tr>")
    return (f'<table class="at-groups" {_TABLE}><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def evidence_html(record, plan: dict) -> str:
    """Each element of the claim with the evidence that can corroborate it."""
    from asylum_teach.model.declaration import wording

    labels = wording()["elements"]
    rows = "".join(f"<tr>{_cell(escape(labels[e]))}{_cell(escape(', '.join(ids) or 'none in the file'))}</tr>"
                   for e, ids in plan.items())
    return (f'<table class="at-corroboration" {_TABLE}><thead><tr><th {_CELL}>element of the claim</th>'
            f"<th {_CELL}>evidence in the file</th></tr></thead><tbody>{rows}</tbody></table>")


def finding_line(d) -> str:
    """A planted discrepancy written as the credibility lab asks for a finding: the two paragraphs that
    disagree, the kind, the class, and for an explainable one the explanation and where it is."""
    words = [d.deviating, d.contradicted[0], d.kind, d.materiality]
    if d.materiality == "explainable":
        words += [d.explanation, d.cue or ""]
    return " ".join(w for w in words if w)


def client_plan_html(record) -> str:
    """Notebook 07's answer to its client, from the record: the hearing date, the group to plead, the
    strongest credibility attack and how to meet it, and the evidence to gather or to explain."""
    from asylum_teach.reasoning.credibility import group_to_plead
    from asylum_teach.teaching.labels import written

    plead = group_to_plead(record)
    attack = record.strongest
    contested = ", ".join(c.replace("-", " ") for c in plead.contested)
    gather = [e.id for e in record.evidence if e.status == "obtainable"]
    missing = [e for e in record.evidence if e.status == "unavailable"]
    if attack.document == "i589":
        meet = ("if the I-589 is wrong, correct it on the record at the start of the hearing: an honest mistake "
                "corrected is not a deliberately fabricated material element (8 C.F.R. 1208.20)")
    else:
        meet = "prepare her to explain it in her own words; the record holds no explanation, and you invent none"
    said = (f"says nothing of {escape(attack.record)}" if attack.kind == "omission"
            else f"says {escape(attack.says)}, where {escape(' and '.join(attack.contradicted))} say {escape(attack.record)}")
    items = [
        f"<b>The merits hearing</b> is on {escape(written(record.hearing_on))}.",
        f"<b>Plead {escape(plead.candidate.id)}</b>, {escape(plead.candidate.wording)}: it fails no criterion; "
        + (f"prove {escape(contested)} with evidence (Matter of M-E-V-G-)." if contested else
           "the fight is over membership and nexus."),
        f"<b>The strongest credibility attack</b>: {escape(attack.deviating)} {said}, and nothing in the record "
        f"explains it (INA 208(b)(1)(B)(iii)). Direct examination should face it, and {meet}.",
        f"<b>Corroborate</b> each element (INA 208(b)(1)(B)(ii)): obtain {escape(', '.join(gather) or 'nothing more')}"
        + ("; explain why " + "; ".join(f"{escape(e.id)} cannot be had" + (f": {escape(e.why)}" if e.why else "")
                                        for e in missing)
           if missing else "") + ".",
    ]
    return '<ul class="at-client-plan">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
