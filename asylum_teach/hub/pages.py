"""The submission service's two pages: a student's own submissions and feedback, and the instructor's
exercise table. Tornado templates escape every value; the pages run no script (their CSP forbids it),
and the grading status refreshes itself with a meta refresh."""

from __future__ import annotations

from tornado.template import Template

_HEAD = """<!doctype html><html lang="en"><head><meta charset="utf-8">
{% if refresh %}<meta http-equiv="refresh" content="{{ refresh }}">{% end %}
<title>{{ title }}</title><style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
.late{color:#a00;font-weight:bold}.ok{color:#070}.muted{color:#666}form{display:inline}
pre{background:#f6f6f6;padding:.5rem;white-space:pre-wrap;max-height:20rem;overflow:auto}
</style></head><body>
<p class="muted">Signed in to the clinic hub as <b id="who">{{ user }}</b> · <a href="{{ hub }}home">Hub home</a>
{% if instructor %} · <a href="{{ prefix }}">My submissions</a> · <a href="{{ prefix }}instructor">Instructor</a>{% end %}</p>
"""

STUDENT = Template(_HEAD + """<h1>My submissions and feedback</h1>
<p>Submit an exercise from its notebook (run the <code>submit</code> cell at its end) or from a terminal with
<code>asylum-teach submit EXERCISE</code>. Your grade comes from your instructor's grader; feedback appears here
when it is returned, and in <code>clinic/feedback/</code> on your server when it starts (or at once with
<code>asylum-teach feedback</code>). Only you (and your instructors) can see this page's contents.</p>
<h2>Feedback</h2>
{% if feedback %}<table><tr><th>Exercise</th><th>Returned</th><th></th></tr>
{% for ex, at in feedback %}<tr><td>{{ ex }}</td><td>{{ at }}</td>
<td><a class="feedback-link" href="{{ prefix }}feedback/{{ url_escape(ex) }}">Open feedback for {{ ex }}</a></td></tr>{% end %}
</table>{% else %}<p id="no-feedback">No feedback returned yet.</p>{% end %}
<h2>Submissions</h2>
{% if submissions %}<table id="submissions"><tr><th>Exercise</th><th>Submitted</th><th>Due</th><th></th></tr>
{% for s in submissions %}<tr><td>{{ s.exercise }}</td><td>{{ s.submitted_at.isoformat(timespec="seconds") }}</td>
<td>{{ s.due_at.isoformat(timespec="seconds") if s.due_at else "no due date" }}</td>
<td>{% if s.late %}<span class="late">late</span>{% else %}<span class="ok">on time</span>{% end %}</td></tr>{% end %}
</table>{% else %}<p>You have not submitted anything yet.</p>{% end %}
<h2>Exercises on this hub</h2><table><tr><th>Exercise</th><th>Title</th><th>Due</th></tr>
{% for ex in exercises %}<tr><td>{{ ex.id }}</td><td>{{ ex.title }}</td><td>{{ ex.due or "no due date" }}</td></tr>{% end %}
</table></body></html>""")

INSTRUCTOR = Template(_HEAD + """<h1>Instructor: collect, grade, return</h1>
{% if message %}<p id="message"><b>{{ message }}</b></p>{% end %}
<p>Grading here runs <code>asylum-teach grade</code> on this machine, in its sandbox, on each student's latest
submission, keyed by hub login. To grade elsewhere: <code>asylum-teach hub collect EXERCISE FOLDER</code>, grade,
then <code>asylum-teach hub return EXERCISE FOLDER</code>.</p>
<table id="exercises"><tr><th>Exercise</th><th>Due (UTC)</th><th>Submitted</th><th>Grading</th><th>Returned</th></tr>
{% for ex in exercises %}<tr data-exercise="{{ ex.id }}"><td><b>{{ ex.id }}</b><br><span class="muted">{{ ex.title }}</span></td>
<td><form method="post" action="{{ prefix }}instructor/{{ url_escape(ex.id) }}/due">{% raw xsrf %}
<input name="due_at" size="22" placeholder="2026-12-01T17:00" value="{{ ex.due or '' }}"> <button>Set</button></form></td>
<td>{{ ex.students }} students{% if ex.late %}, <span class="late">{{ ex.late }} late</span>{% end %}</td>
<td><form method="post" action="{{ prefix }}instructor/{{ url_escape(ex.id) }}/grade">{% raw xsrf %}
<button class="grade" {% if ex.job_state == "running" or not ex.students %}disabled{% end %}>Collect and grade</button></form>
<span class="job-state">{{ ex.job_state }}</span>{% if ex.job_summary %}<br><span class="job-summary">{{ ex.job_summary }}</span>{% end %}</td>
<td>{{ ex.returned }}
<form method="post" action="{{ prefix }}instructor/{{ url_escape(ex.id) }}/return">{% raw xsrf %}
<button class="return" {% if ex.job_state not in ("graded", "returned") %}disabled{% end %}>Return feedback</button></form></td></tr>{% end %}
</table>
{% for ex in exercises %}{% if ex.log %}<h3>Grading log: {{ ex.id }}</h3><pre>{{ ex.log }}</pre>{% end %}{% end %}
</body></html>""")


def render(template: Template, **values) -> bytes:
    values.setdefault("refresh", None)
    values.setdefault("message", None)
    return template.generate(**values)
