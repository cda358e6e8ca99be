"""The removal-proceedings simulator, built as a one-way stack: each module imports only modules listed
before it here, never one after it (``tests/test_imports.py`` checks it):

    records        Step, Param, Requirement, ActionSpec, Consequence, StageRecord: plain data
    state          CaseState: the case while it runs; asks the deadline engine for every date
    registry       ACTIONS and the ``@action`` decorator
    requirements   what must come first (NTA served, NTA filed, a decision ...), in words
    deadlines      deadline helpers the handlers share (one year, judge's date, late filings)
    outcomes       what a judge's decision means (shared with the appeal decision aid)
    handlers/      one module a stage of the case: opening, master_calendar, application, merits,
                   docket, appeal, motions
    catalogue      parses a step against the registry and runs its action
    simulator      ``simulate(steps, ...)``: the case from first step to status

``from asylum_teach.reasoning.proceedings import simulate`` still works: the package resolves
:func:`simulate` and :class:`SimulationResult` from :mod:`.simulator` when first asked (a lazy name, so
that importing ``records`` does not import the whole stack).
"""

from __future__ import annotations

import importlib

_LAZY = {"simulate": "simulator", "SimulationResult": "simulator", "CaseState": "state",
         "Consequence": "records", "StageRecord": "records"}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
