"""Student text made safe for each place it goes: the gradebook, a terminal, a spreadsheet, a file name.

Everything a student controls (file names, written answers, answer sources, what a kernel reports) is
hostile. One function per destination:

* :func:`storable`: lone surrogates (``"\\ud800"``, legal in JSON, illegal in UTF-8) become the visible
  escape ``\\ud800``, so SQLite, CSV and HTML writers never fail on them;
* :func:`terminal`: control characters (escape sequences that move the cursor, retitle the window or
  set the clipboard with OSC 52, bidirectional overrides) become visible escapes;
* :func:`csv_cell`: a cell a spreadsheet would run as a formula is neutralised, wherever a formula
  could start once a spreadsheet splits the text on its separator;
* :func:`page_name`: a file name for a student's page, readable and collision-free.

>>> storable("ok \\ud800 ok")
'ok \\\\ud800 ok'
>>> terminal("a\\x1b]52;c;ZXZpbA==\\x07b")
'a\\\\x1b]52;c;ZXZpbA==\\\\x07b'
>>> csv_cell("=HYPERLINK(1)"), csv_cell("ada;=cmd()"), csv_cell("ada")
("'=HYPERLINK(1)", "ada;'=cmd()", 'ada')
>>> page_name("ada~lee") != page_name("ada_lee")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls, DEL, and the characters that reorder or hide text on a terminal
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
# where a spreadsheet starts a formula: the cell's start, or after any separator it may split on
# (comma, semicolon, tab, pipe, a line break), allowing spaces and quotes in between
_SEPARATORS = ",;\t|\r\n"
_FORMULA_START = "=+-@\uff1d\uff0b\uff0d\uff20"  # with the full-width forms some spreadsheets accept
_FORMULA = re.compile(rf"(^|[{re.escape(_SEPARATORS)}])([\s\"']*)([{re.escape(_FORMULA_START)}])")


def storable(text: str) -> str:
    """``text`` with every lone surrogate written as its escape (``\\udXXX``): storable anywhere as UTF-8."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def clean(value):
    """:func:`storable` applied to every string inside ``value`` (dicts, lists, tuples, dataclasses)."""
    import dataclasses

    if isinstance(value, str):
        return storable(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: clean(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(clean(v) for v in value)
    return value


def terminal(text: str, *, lines: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters shown as escapes (``\\x1b``).

    With ``lines``, line breaks and tabs are kept (for showing a whole written answer)."""
    pattern = _CONTROL if lines else _CONTROL_LINE
    return pattern.sub(lambda m: _escape(m.group()), storable(str(text)))


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def csv_cell(value):
    """A CSV cell a spreadsheet will show as text: an apostrophe goes before every character that could
    start a formula (at the start, or after a separator, spaces or quotes). Numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    return _FORMULA.sub(lambda m: m.group(1) + m.group(2) + "'" + m.group(3), storable(value))


def page_name(student: str) -> str:
    """``<readable part>-<hash>``: the readable part is the id's letters, digits, ``-`` and ``_`` (at most
    40), the hash the first 10 hex digits of the id's SHA-256, so two ids never share a page."""
    digest = hashlib.sha256(storable(student).encode("utf-8")).hexdigest()[:10]
    readable = "".join(c for c in unicodedata.normalize("NFKD", student) if c.isascii() and (c.isalnum() or c in "-_"))
    return f"{readable[:40] or 'student'}-{digest}"
