"""The whole course, built once per test process with ``asylum-teach course build``'s own function.

Every test that needs executed notebooks or the offline pages reads this one build (they share the
``xdist_group("course")``, so they run in the same worker process): the notebooks are executed once
per ``make test``, not once for the notebook checks and again for the offline-course test.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Course:
    out: Path
    built: dict
    seconds: float


@functools.lru_cache(maxsize=1)
def built_course() -> Course:
    from asylum_teach.publish.course import build

    scratch = Path(tempfile.mkdtemp(prefix="asylum-course-test-"))
    atexit.register(shutil.rmtree, scratch, True)
    started = time.monotonic()
    result = build(ROOT / "notebooks", scratch / "build", exercises=ROOT / "exercises", jobs=2)
    return Course(scratch / "build", {b.name: b for b in result}, time.monotonic() - started)
