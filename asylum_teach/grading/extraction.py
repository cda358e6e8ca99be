"""Getting answers out of a student's kernel as plain JSON of exact types, and reading them back.

The student's kernel is untrusted. After each answer cell the graded notebook runs one extra cell that
calls an *emitter* defined in a preamble cell under a per-run random name. The emitter looks up the
answer variable and converts it to JSON using references it captured before any student code ran (so
patching ``json``, ``repr``, ``type`` or ``isinstance`` later changes nothing). Only these exact types
pass: ``None``, ``bool``, ``int``, finite ``float``, ``str``, ``datetime.date``, and ``list``/``tuple``/
``dict`` (string keys) of them. Anything else, including subclasses and objects that claim to equal
everything, arrives as ``{"$unsupported": "<type name>"}`` and scores 0 as the wrong type.

Whatever comes out of the kernel is only *data* to the grader: :func:`decode` parses it strictly and
never unpickles or evaluates anything. The worst a kernel can do to this channel is to claim answers
for its own student, which it could have written honestly.

>>> decode({"$date": "2027-03-01"})
datetime.date(2027, 3, 1)
>>> decode([1, "a", None])
[1, 'a', None]
>>> decode({"$unsupported": "AlwaysEqual"})
Unsupported(type_name='AlwaysEqual')
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date

from asylum_teach.safetext import storable

ANSWER_MIME = "application/vnd.asylum-teach.answer+json"
MAX_ANSWER_BYTES = 20_000

@dataclass(frozen=True)
class Unsupported:
    """A value whose type the grader does not accept (a custom object, a subclass, a datetime...)."""

    type_name: str


@dataclass(frozen=True)
class Missing:
    """The answer variable was never assigned (or its cell raised before assigning it)."""


def new_nonce() -> str:
    """A fresh random suffix for the emitter's name and the answer metadata."""
    return secrets.token_hex(8)


def preamble_source(nonce: str) -> str:
    """Code for the first cell of a graded notebook: defines the emitter ``_at_emit_<nonce>``."""
    return _preamble_template().replace("NONCE", nonce)


def emit_source(nonce: str, key: str) -> str:
    """Code for the cell that reports the answer variable ``key`` right after its answer cell."""
    return f"_at_emit_{nonce}({key!r}, globals())"


def make_encoder():
    """Return ``enc(value, depth)``: a value as JSON of exact types. Its source also runs in kernels.

    It binds every builtin it uses when it is created, so later monkey-patching cannot change it.
    """
    import datetime
    import math

    _type, _str, _list, _isfinite, _date = type, str, list, math.isfinite, datetime.date
    _iso, _name = datetime.date.isoformat, type.__dict__["__name__"].__get__

    def enc(v, depth=0):
        t = _type(v)
        if v is None or t is bool or t is int:
            return v
        if t is float:
            return v if _isfinite(v) else {"$unsupported": "non-finite float"}
        if t is _str:
            return v[:5000]
        if t is _date:
            return {"$date": _iso(v)}
        if depth < 4 and (t is _list or t is tuple):
            return [enc(x, depth + 1) for x in _list(v)[:100]]
        if depth < 4 and t is dict and all(_type(k) is _str for k in v):
            return {k[:100]: enc(x, depth + 1) for k, x in _list(dict.items(v))[:50]}
        try:
            return {"$unsupported": _str(_name(t))[:60]}
        except Exception:
            return {"$unsupported": "object"}

    return enc


_EMITTER = '''
def _at_make_emitter(nonce, enc):
    import json
    from IPython.display import publish_display_data
    _dumps, _publish = json.dumps, publish_display_data
    def emit(key, namespace):
        try:
            value = enc(namespace[key], 0) if key in namespace else {"$missing": True}
        except BaseException:
            value = {"$unsupported": "unreadable"}
        _publish({"application/vnd.asylum-teach.answer+json": _dumps({"key": key, "value": value})},
                 metadata={"nonce": nonce})
    return emit
_at_emit_NONCE = _at_make_emitter("NONCE", make_encoder())
del _at_make_emitter, make_encoder
'''


def _preamble_template() -> str:
    import inspect
    import textwrap

    return textwrap.dedent(inspect.getsource(make_encoder)) + _EMITTER


def encode(value):
    """The JSON form a kernel would report for ``value`` (used by the self-check)."""
    return make_encoder()(value, 0)


def decode(obj):
    """Turn one emitted JSON value back into Python, strictly (no code, no pickle). Strings come back
    storable: a lone surrogate a kernel reported is escaped (see :mod:`.safetext`)."""
    if type(obj) is str:
        return storable(obj)
    if obj is None or type(obj) in (bool, int, float):
        return obj
    if type(obj) is list:
        return [decode(x) for x in obj]
    if type(obj) is dict:
        if set(obj) == {"$date"} and type(obj["$date"]) is str:
            try:
                return date.fromisoformat(obj["$date"])
            except ValueError:
                return Unsupported("bad date")
        if set(obj) == {"$unsupported"}:
            return Unsupported(storable(str(obj["$unsupported"]))[:60])
        if set(obj) == {"$missing"}:
            return Missing()
        return {storable(str(k)): decode(v) for k, v in obj.items()}
    return Unsupported(type(obj).__name__)


def parse_payload(text: str) -> tuple[str, object] | None:
    """Parse one emitter payload ``{"key": ..., "value": ...}``; None if it is not one."""
    if not isinstance(text, str) or len(text) > MAX_ANSWER_BYTES:
        return None
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None
    if type(obj) is not dict or set(obj) != {"key", "value"} or type(obj["key"]) is not str:
        return None
    return obj["key"], obj["value"]


def _reject_constant(name):
    raise ValueError(f"non-standard JSON constant {name}")
