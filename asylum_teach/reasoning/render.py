"""Plain-text views of a simulated case and of the appeal decision aid (the CLI and notebooks print these).

>>> from asylum_teach.reasoning.scenarios import run_scenario
>>> text = render_simulation(run_scenario("clean_grant"))
>>> text.splitlines()[0]
'Scenario clean_grant - as of 2025-11-05 - status: asylum granted (final)'
"""

from __future__ import annotations

from asylum_teach.law.citations import legend

MARK = {"info": "-", "warning": "!", "adverse": "!!"}


def deadline_line(d) -> str:
    """One line for an engine deadline: title, due (or why none), safe date, version."""
    if not d.applicable:
        return f"{d.title} [{d.rule_id}]: no deadline - {d.reason}"
    word = "earliest" if d.kind == "earliest" else "due"
    safe = f" (safe date {d.safe_date.isoformat()})" if d.safe_date and d.safe_date != d.due else ""
    return f"{d.title} [{d.rule_id}]: {word} {d.due.isoformat()}{safe}; trigger {d.trigger.isoformat()}, version {d.version}"


def deadline_cites(d) -> str:
    return "; ".join(f"{c.cite} [{c.strength}]" for c in d.citations[:2])


def render_simulation(result) -> str:
    lines = [f"Scenario {result.name} - as of {result.as_of.isoformat()} - status: {result.status}"]
    if result.court:
        lines.append(f"Court: {result.court.name} ({result.court.state}, {result.court.circuit} Circuit)")
    for r in result.records:
        lines.append("")
        what = r.stage.title if r.happened == r.stage.title else f"{r.stage.title}: {r.happened}"
        lines.append(f"{r.step:>2}. {r.on.isoformat()}  {what}")
        for d in r.deadlines:
            lines.append(f"      deadline: {deadline_line(d)}")
            lines.append(f"                cites: {deadline_cites(d)}")
        for c in r.consequences:
            lines.append(f"   {MARK[c.severity]:>3} {c.summary}")
            lines.append(f"         ({'; '.join(c.citations)})")
        lines.append(f"      law: {'; '.join(r.stage.citations)}")
    ead = result.ead
    lines.append("")
    if ead.get("started_on"):
        lines.append(f"EAD clock: started {ead['started_on']}; {ead['days_counted']} days counted as of {ead['as_of']}; "
                     f"{ead['applicant_delay_days']} days of applicant-caused delay"
                     + (f"; ended: {ead['ended']}" if ead.get("ended") else ""))
        for stop in ead["stops"]:
            lines.append(f"   stopped {stop['from']} to {stop['until'] or 'now'} ({stop['days']} days): {stop['reason']}")
        for d in ead["deadlines"]:
            lines.append(f"   {d['title']} [{d['rule']}]: earliest {d['due']}")
    else:
        lines.append(f"EAD clock: {ead['note']}")
    if result.skipped_after_as_of:
        lines.append(f"({result.skipped_after_as_of} later step(s) not run: they are after the as-of date)")
    lines.append(f"A teaching model, not legal advice. {legend()}.")
    return "\n".join(lines)


def render_appeal_aid(aid) -> str:
    """Every option after the decision, with engine deadlines and what to weigh.

    >>> from asylum_teach.reasoning.appeals import appeal_options
    >>> print(render_appeal_aid(appeal_options("2026-03-10", "oral", "removal_ordered", "Denver")).splitlines()[0])
    Decision of 2026-03-10 (oral): removal ordered - Denver Immigration Court (CO, 10th Circuit)
    """
    dec, court = aid.decision, aid.court
    lines = [f"Decision of {dec['date'].isoformat()} ({dec['form']}): {dec['outcome'].replace('_', ' ')} - "
             f"{court.name} ({court.state}, {court.circuit} Circuit)"]
    if court.is_historical:
        lines.append("  note: this court is historical (closed or replaced); check where the case now sits.")
    lines += [f"  {r}" for r in aid.reasons]
    for n, o in enumerate(aid.options, start=1):
        lines.append("")
        lines.append(f"{n}. {o.title}" + ("" if o.available else "  [not available]"))
        for d in o.deadlines:
            lines.append(f"     deadline: {deadline_line(d)}")
        for c in o.considerations:
            lines.append(f"     * {c}")
        lines.append(f"     law: {'; '.join(o.citations)}")
    lines.append("")
    lines.append(f"A teaching model, not legal advice. {legend()}.")
    return "\n".join(lines)
