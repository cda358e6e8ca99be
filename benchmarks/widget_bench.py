"""One widget interaction: a student changes the date in the deadline calculator; time recompute + redraw.

Uses :class:`asylum_teach.teaching.widgets.DeadlineCalculator` the way a notebook does, inside an
IPython shell so that the figure is really rendered to PNG (outside IPython the display helpers are
silent). One interaction = setting the date picker's value, which runs the widget's observer:
``deadline_for`` + the HTML explanation + the matplotlib figure rendered with Agg. The first build
(imports, rules loaded, calendar built) is timed apart. Prints one JSON object.

    python benchmarks/widget_bench.py 20
"""

from __future__ import annotations

import contextlib
import io
import json
import statistics
import sys
import time
from datetime import date, timedelta


def main(argv: list[str]) -> int:
    n = int(argv[0])
    t0 = time.perf_counter()
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    try:
        from asylum_teach.teaching.widgets import DeadlineCalculator
    except ImportError as exc:
        print(json.dumps({"skipped": f"asylum_teach.teaching.widgets not available: {exc}"}))
        return 0
    import_s = time.perf_counter() - t0
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        t0 = time.perf_counter()
        calc = DeadlineCalculator(rule_id="one-year-asylum", trigger="2025-01-10", as_of="2026-11-23")
        first_s = time.perf_counter() - t0
        times, compute = [], []
        start = date(2025, 1, 10)
        for i in range(1, n + 1):
            t0 = time.perf_counter()
            calc.trigger.value = start + timedelta(days=7 * i)  # what the date picker does
            times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            calc.compute()
            compute.append(time.perf_counter() - t0)
    print(json.dumps({"import_s": import_s, "first_build_s": first_s, "interactions": n,
                      "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
                      "compute_median_s": statistics.median(compute),
                      "redraw_rendered": "PNG" in sink.getvalue() or "Image" in sink.getvalue()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
