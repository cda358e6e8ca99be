"""The registry of actions (STYLE P12: a registry, not an if-chain).

A handler module declares each action with :func:`action`: the :class:`~asylum_teach.reasoning.stages.Stage`
it records, the parameters it takes and what must come first. A handler is
``fn(state, step) -> (happened, details, deadlines, consequences)``. The registry is complete once
:mod:`~asylum_teach.reasoning.proceedings.catalogue` has imported every handler module.
"""

from __future__ import annotations

from asylum_teach.reasoning.proceedings.records import ActionSpec
from asylum_teach.reasoning.stages import Stage

ACTIONS: dict[str, ActionSpec] = {}


def action(name: str, stage: Stage, *, params=(), requires=(), help=""):
    """Register a handler ``fn(state, step) -> (happened, details, deadlines, consequences)``."""

    def register(fn):
        if name in ACTIONS:
            raise ValueError(f"action {name!r} is registered twice")  # a bug in a handler module, not in data
        ACTIONS[name] = ActionSpec(name, stage, fn, tuple(params), tuple(requires), help or (fn.__doc__ or "").strip())
        return fn

    return register
