"""The catalogue of actions: parse a scenario step against it, describe it, and run an action.

Importing this module imports every handler module, so :data:`ACTIONS` (the registry) is complete.
Each action names the :class:`~asylum_teach.reasoning.stages.Stage` it records, the parameters it
takes (checked, with messages that name the step and the field) and what must come first.

>>> sorted(ACTIONS)[:4]
['administrative_closure', 'bia_briefing_schedule', 'bia_decision', 'biometrics']
>>> parse_step({"date": "2025-02-30", "action": "serve_nta"}, 4)
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: step 4 (serve_nta), field 'date': '2025-02-30' is not a real date (day is out of range for month)
>>> parse_step({"on": "2025-03-01", "action": "master_calendar", "pleadings": {"charges": "maybe"}}, 2)
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: step 2 (master_calendar), field 'pleadings.charges': 'maybe' is not one of concede, contest
"""

from __future__ import annotations

import difflib

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import InvalidDateError, InvalidInputError, InvalidTransitionError

# The handler modules register their actions when imported; one module a stage of the case.
from asylum_teach.reasoning.proceedings.handlers import (  # noqa: F401
    appeal,
    application,
    docket,
    master_calendar,
    merits,
    motions,
    opening,
)
from asylum_teach.reasoning.proceedings.records import StageRecord, Step
from asylum_teach.reasoning.proceedings.registry import ACTIONS

__all__ = ["ACTIONS", "describe_actions", "parse_step", "run_action"]


def parse_step(raw, index: int) -> Step:
    """Check one scenario step: its date, its action and every parameter, naming the step and field.

    A step is ``{"date": DATE, "action": NAME, ...parameters}`` (``on`` is accepted for ``date``).
    """
    if not isinstance(raw, dict):
        raise InvalidInputError(f"step {index}: expected a mapping with 'date' and 'action', got {type(raw).__name__}")
    name = raw.get("action")
    if not name:
        raise InvalidInputError(f"step {index}, field 'action': missing (every step says what happens)")
    spec = ACTIONS.get(str(name))
    if spec is None:
        close = difflib.get_close_matches(str(name), list(ACTIONS), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise InvalidInputError(f"step {index}, field 'action': unknown action {name!r}.{hint} "
                                f"Known actions: {', '.join(sorted(ACTIONS))}")
    where = f"step {index} ({name})"
    # the step's date: 'date' in YAML ('on' is read by YAML 1.1 as the boolean True), or 'on' from Python
    when = next((raw[k] for k in ("date", "on", True) if raw.get(k) is not None), None)
    if when is None:
        raise InvalidInputError(f"{where}, field 'date': missing (every step has a date)")
    on = _value(where, "date", "date", when, ())
    known = {p.name: p for p in spec.params}
    unknown = [k for k in raw if k not in known and k not in ("date", "on", True, "action", "note")]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(known), n=2)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise InvalidInputError(f"{where}, field {unknown[0]!r}: not a parameter of {name}.{hint} "
                                f"Parameters: {', '.join(known) or 'none'}")
    return Step(index, on, name, _params(where, spec.params, raw, prefix=""))


def _params(where, specs, raw, prefix) -> dict:
    out = {}
    for p in specs:
        value = raw.get(p.name)
        if value is None:
            if p.required:
                raise InvalidInputError(f"{where}, field '{prefix}{p.name}': missing. {p.help}".rstrip())
            continue
        out[p.name] = _value(where, prefix + p.name, p.kind, value, p.choices, p.fields)
    return out


def _value(where, fname, kind, value, choices, fields=()):
    def bad(why):
        return InvalidInputError(f"{where}, field '{fname}': {why}")

    if kind == "date":
        try:
            return parse_date(value, name="x")
        except InvalidDateError as exc:
            raise bad(str(exc).split(": ", 1)[1]) from None
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad(f"{value!r} is not true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad(f"{value!r} is not a whole number of zero or more")
        return value
    if kind == "str":
        return str(value)
    if kind == "choice":
        if str(value) not in choices:
            raise bad(f"{value!r} is not one of {', '.join(choices)}")
        return str(value)
    if kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise bad("expected a list")
        for item in items:
            if choices and str(item) not in choices:
                raise bad(f"{item!r} is not one of {', '.join(choices)}")
        return tuple(str(i) for i in items)
    if kind == "mapping":
        if not isinstance(value, dict):
            raise bad("expected a mapping")
        extra = [k for k in value if k not in {f.name for f in fields}]
        if extra:
            raise bad(f"unknown key {extra[0]!r}; expected {', '.join(f.name for f in fields)}")
        return _params(where, fields, value, prefix=f"{fname}.")
    if kind == "records":
        if not isinstance(value, list):
            raise bad("expected a list of mappings")
        return tuple(_value(where, f"{fname}[{i}]", "mapping", v, (), fields) for i, v in enumerate(value))
    raise AssertionError(kind)  # pragma: no cover


def describe_actions() -> str:
    """The scenario vocabulary: every action, the stage it records, its parameters and what comes first.

    >>> print(describe_actions().splitlines()[0])
    administrative_closure -> administrative_closure: The judge takes the case off the active docket (an option, not an outcome).
    """
    lines = []
    for name in sorted(ACTIONS):
        spec = ACTIONS[name]
        lines.append(f"{name} -> {spec.stage.value}: {spec.help}")
        for p in spec.params:
            kind = f"{p.kind}: {'|'.join(p.choices)}" if p.choices else p.kind
            lines.append(f"    {p.name} ({kind}{', required' if p.required else ''})")
        for req in spec.requires:
            lines.append(f"    needs: {req.text}")
    return "\n".join(lines)


def run_action(state, step: Step) -> StageRecord:
    """Check what must come first, then run the handler and record the stage."""
    spec = ACTIONS[step.action]
    for req in spec.requires:
        if not req.check(state):
            raise InvalidTransitionError(f"step {step.index} ({step.action} on {step.on}): {req.text}")
    happened, details, deadlines, consequences = spec.handler(state, step)
    return StageRecord(step=step.index, stage=spec.stage, on=step.on, action=step.action, happened=happened,
                       details=details, deadlines=[d for d in deadlines if d is not None],
                       consequences=list(consequences))
