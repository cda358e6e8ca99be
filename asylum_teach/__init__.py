"""asylum-teach: a teaching model of US defensive asylum. Not legal advice.

The public surface is small; everything is importable lazily so that ``import asylum_teach`` stays
fast in notebooks and in the grader.

>>> import asylum_teach
>>> asylum_teach.RULES_REFLECT_DATE          # from the data: the newest rule check or litigation check
'2026-12-01'
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"  # the one place the version is written (pyproject reads it)

_LAZY = {
    "deadline_for": ("asylum_teach.law.engine", "deadline_for"),
    "load_rules": ("asylum_teach.law.rules", "load_rules"),
    "CourtCalendar": ("asylum_teach.court_calendar", "CourtCalendar"),
    "generate_client": ("asylum_teach.model.generator", "generate_client"),
    "load_persona": ("asylum_teach.model.personas", "load_persona"),
    "screen_eligibility": ("asylum_teach.reasoning.screening", "screen"),
    "compute_timeline": ("asylum_teach.reasoning.timeline", "build_timeline"),
    "simulate": ("asylum_teach.reasoning.proceedings", "simulate"),
    "appeal_options": ("asylum_teach.reasoning.appeals", "appeal_options"),
    "find_court": ("asylum_teach.model.courts", "find_court"),
}

__all__ = ["RULES_REFLECT_DATE", "__version__", *_LAZY]


def rules_reflect_date() -> str:
    """The date the rules reflect: the newest ``last_verified_on`` of a rule or ``last_checked_on`` of a
    case in the litigation register (README, "A teaching model, not legal advice", states it too)."""
    from asylum_teach.law.litigation import newest_check
    from asylum_teach.law.rules import load_rules

    verified = max(v.last_verified_on for r in load_rules().values() for v in r.versions)
    return max(verified, newest_check()).isoformat()


def __getattr__(name: str):
    if name == "RULES_REFLECT_DATE":
        return rules_reflect_date()
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'asylum_teach' has no attribute {name!r}")
