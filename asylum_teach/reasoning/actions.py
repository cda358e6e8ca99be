"""The actions that move a case, as a registry (STYLE P12: a registry, not an if-chain).

Each action names the :class:`Stage` it records, the parameters it takes (checked, with messages that
name the step and the field) and what must come first. The handlers live in
:mod:`asylum_teach.reasoning.actions_court` (NTA, custody, master calendar, in absentia),
:mod:`asylum_teach.reasoning.actions_application` (I-589, biometrics, continuances, evidence, individual
hearing, abandonment), :mod:`asylum_teach.reasoning.actions_outcome` (decision, voluntary departure,
address, venue, closure, prosecutorial discretion) and :mod:`asylum_teach.reasoning.actions_review`
(appeal, review and motions).

>>> _load(); sorted(ACTIONS)[:4]
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
from dataclasses import dataclass, field
from datetime import date

from asylum_teach.exceptions import InvalidDateError, InvalidInputError, InvalidTransitionError
from asylum_teach.dates import parse_date
from asylum_teach.reasoning.stages import Stage


@dataclass(frozen=True)
class Param:
    """One parameter of an action. ``kind``: date, bool, str, int, choice, list, mapping, records."""

    name: str
    kind: str
    required: bool = False
    choices: tuple = ()
    fields: tuple = ()  # for mapping / records: nested Params
    help: str = ""


@dataclass(frozen=True)
class Requirement:
    """Something that must be true before an action; ``message`` says what must come first."""

    check: object  # callable(state) -> bool
    message: str


@dataclass(frozen=True)
class ActionSpec:
    name: str
    stage: Stage
    handler: object
    params: tuple[Param, ...] = ()
    requires: tuple[Requirement, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Step:
    index: int
    on: date
    action: str
    params: dict = field(default_factory=dict)

    def get(self, name, default=None):
        value = self.params.get(name)
        return default if value is None else value


ACTIONS: dict[str, ActionSpec] = {}


def action(name: str, stage: Stage, *, params=(), requires=(), help=""):
    """Register a handler ``fn(state, step) -> (happened, details, deadlines, consequences)``."""

    def register(fn):
        ACTIONS[name] = ActionSpec(name, stage, fn, tuple(params), tuple(requires), help or (fn.__doc__ or "").strip())
        return fn

    return register


def parse_step(raw, index: int) -> Step:
    """Check one scenario step: its date, its action and every parameter, naming the step and field.

    A step is ``{"date": DATE, "action": NAME, ...parameters}`` (``on`` is accepted for ``date``).
    """
    if not isinstance(raw, dict):
        raise InvalidInputError(f"step {index}: expected a mapping with 'date' and 'action', got {type(raw).__name__}")
    name = raw.get("action")
    if not name:
        raise InvalidInputError(f"step {index}, field 'action': missing (every step says what happens)")
    _load()
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
    _load()
    lines = []
    for name in sorted(ACTIONS):
        spec = ACTIONS[name]
        lines.append(f"{name} -> {spec.stage.value}: {spec.help}")
        for p in spec.params:
            kind = f"{p.kind}: {'|'.join(p.choices)}" if p.choices else p.kind
            lines.append(f"    {p.name} ({kind}{', required' if p.required else ''})")
        for req in spec.requires:
            lines.append(f"    needs: {req.message}")
    return "\n".join(lines)


def court_param(step: Step, field: str):
    """Look up a court named in a step, naming the step and field if it is unknown."""
    from asylum_teach.model.courts import find_court

    try:
        return find_court(step.params[field])
    except InvalidInputError as exc:
        raise InvalidInputError(f"step {step.index} ({step.action}), field '{field}': {exc}") from None


def run_action(state, step: Step):
    """Check what must come first, then run the handler and record the stage."""
    from asylum_teach.reasoning.proceedings import StageRecord

    spec = ACTIONS[step.action]
    for req in spec.requires:
        if not req.check(state):
            raise InvalidTransitionError(f"step {step.index} ({step.action} on {step.on}): {req.message}")
    happened, details, deadlines, consequences = spec.handler(state, step)
    return StageRecord(step=step.index, stage=spec.stage, on=step.on, action=step.action, happened=happened,
                       details=details, deadlines=[d for d in deadlines if d is not None],
                       consequences=list(consequences))


def _load() -> None:
    """Import the handler modules (they register themselves)."""
    import asylum_teach.reasoning.actions_application  # noqa: F401
    import asylum_teach.reasoning.actions_court  # noqa: F401
    import asylum_teach.reasoning.actions_outcome  # noqa: F401
    import asylum_teach.reasoning.actions_review  # noqa: F401


# --- requirements shared by the handler modules -------------------------------------------------

def _nta_served(s):
    return s.reached(Stage.NTA_SERVED) or s.reached(Stage.AFFIRMATIVE_REFERRAL)


NTA_SERVED = Requirement(_nta_served, "the Notice to Appear must be served first (INA 239(a))")
NTA_FILED = Requirement(lambda s: s.reached(Stage.NTA_FILED),
                        "the NTA must be filed with the immigration court first: until then the court has no case "
                        "(8 CFR 1003.14(a) [K])")
MASTER_HELD = Requirement(lambda s: s.attended_master,
                          "a master calendar hearing must come first: the respondent pleads and names the relief "
                          "sought there")
NOT_CLOSED = Requirement(lambda s: not s.closed,
                         "the case is administratively closed: it must be recalendared first")
NO_FINAL_ORDER = Requirement(lambda s: s.final_order is None and s.decision is None,
                             "the judge has already decided the case: use an appeal or a motion instead")
DECIDED = Requirement(lambda s: s.decision is not None or s.final_order is not None,
                      "the judge must decide the case first")
