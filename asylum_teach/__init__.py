"""asylum-teach: a teaching model of US defensive asylum. Not legal advice.

The public surface is small; everything is importable lazily so that ``import asylum_teach`` stays
fast in notebooks and in the grader.

>>> import asylum_teach
>>> asylum_teach.RULES_REFLECT_DATE
'2026-06-20'
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: The newest source date in the legal research the rules encode (see README, "What the rules reflect").
RULES_REFLECT_DATE = "2026-06-20"

_LAZY = {
    "deadline_for": "asylum_teach.law.engine",
    "load_rules": "asylum_teach.law.rules",
    "CourtCalendar": "asylum_teach.court_calendar",
}

__all__ = ["RULES_REFLECT_DATE", "__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'asylum_teach' has no attribute {name!r}")
