"""Help for the "Python for this course" notebook: run a broken line safely and say what the error means.

A student meets three or four errors in the whole course. Each shows as a red block that ends in a
line such as ``NameError: name 'bia' is not defined``. :func:`read_error` runs a line the way a cell
would, catches what goes wrong, and shows that last line with a sentence in plain words about what to
change, so the notebook can show an error and keep running.

>>> print(explain_error(NameError("name 'bia' is not defined")))
Python looked for something called bia and found nothing. Text (a rule id, a choice, a date written as text) goes in quotes: "bia-appeal". A name you made yourself must be assigned in a cell you have run.
>>> read_error('due = "2026-06-01"; due()').error
"TypeError: 'str' object is not callable"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

_EXPLAIN = (
    (SyntaxError, None, "Python could not read the line at all. Look for a missing quote, bracket or comma, "
                        "or a date written without quotes (write \"2026-06-01\")."),
    (NameError, re.compile(r"name '([^']+)' is not defined"),
     "Python looked for something called {0} and found nothing. Text (a rule id, a choice, a date written as "
     "text) goes in quotes: \"bia-appeal\". A name you made yourself must be assigned in a cell you have run."),
    (TypeError, re.compile(r"'(\w[\w.]*)' object is not callable"),
     "That is a value, not something to call: remove the brackets () after it (write appeal.due, not appeal.due())."),
    (TypeError, re.compile(r"unsupported operand type\(s\) for -: 'str' and|for -: '\w+' and 'str'"),
     "Two dates can be subtracted, but this one is text. Turn text into a date first: "
     "date.fromisoformat(\"2026-06-01\")."),
    (AttributeError, re.compile(r"has no attribute '([^']+)'"),
     "That result has no field called {0}. Check the spelling against the fields the notebook shows "
     "(for a deadline: due, safe_date, steps, citations)."),
    (KeyError, None, "There is no entry with that key in the dictionary. Check its spelling, and whether it is "
                     "text in quotes."),
    (IndexError, None, "The list has fewer items than the position asked for. Positions start at 0: the first "
                       "item is [0]."),
)


def explain_error(exc: BaseException) -> str:
    """A sentence about what to change, for the common errors of the course; the library's own errors
    already say what is wrong, so their message is kept."""
    from asylum_teach.exceptions import AsylumTeachError

    if isinstance(exc, AsylumTeachError):
        return ("The toolkit's own message above says which value is wrong and what it expected. Fix that value "
                "and run the cell again.")
    for kind, pattern, text in _EXPLAIN:
        if isinstance(exc, kind):
            m = pattern.search(str(exc)) if pattern else None
            if pattern is None or m:
                return text.format(*(m.groups() if m else ()))
    return "Read the last line of the error: it names the kind of problem and, usually, the value that caused it."


@dataclass
class ErrorReading:
    code: str
    error: str | None
    meaning: str

    def _repr_html_(self) -> str:
        if self.error is None:
            return f"<p>This line runs without an error: <code>{escape(self.code)}</code></p>"
        return (f'<div class="at-error-reading" style="border-left:5px solid #B34700;padding:4px 10px;margin:6px 0">'
                f"<p style=\"margin:2px 0\">The line <code>{escape(self.code)}</code> stops with:</p>"
                f'<pre style="white-space:pre-wrap;margin:4px 0">{escape(self.error)}</pre>'
                f'<p style="margin:2px 0"><b>What it means:</b> {escape(self.meaning)}</p></div>')


def read_error(code: str, namespace: dict | None = None) -> ErrorReading:
    """Run ``code`` in ``namespace`` (a scratch copy), and return the error it stops with, explained."""
    scope = dict(namespace or {})
    try:
        exec(compile(code, "<cell>", "exec"), scope)  # noqa: S102 - the notebook's own teaching example
    except Exception as exc:  # noqa: BLE001 - showing any error is the point
        name = type(exc).__name__
        return ErrorReading(code, f"{name}: {exc}" if str(exc) else name, explain_error(exc))
    return ErrorReading(code, None, "")
