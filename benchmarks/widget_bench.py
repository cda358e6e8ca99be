"""Widget latency as a student sees it: from a changed input to the updated text and figure on screen.

In JupyterLab and Chromium (the browser tests' harness, :mod:`tests.browser.harness`), a notebook shows
the deadline calculator and the appeal explorer. Each interaction sets a new date in the widget's date
picker; a MutationObserver waits until the explanation shows the new answer and the figure's alt text
states it (both computed here with the same library, so a stale figure never counts), then one more
animation frame. Where the time goes: the same updates' library call, HTML text and SVG figure timed in
this process (the kernel's share). One JSON line.

    python benchmarks/widget_bench.py 30        # interactions per widget (after 3 warm-ups)
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from _measure import pct, timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = "2026-11-23"
START = date(2026, 1, 5)
WARMUP = 3


def _summary(ms):
    return {"n": len(ms), "p50_ms": pct(ms, 0.5), "p95_ms": pct(ms, 0.95), "max_ms": max(ms)}


def in_kernel(n: int) -> dict:
    """Median ms of each step of one update, in this process."""
    from asylum_teach.law.engine import deadline_for
    from asylum_teach.reasoning.appeals import appeal_options
    from asylum_teach.teaching.explain import deadline_html
    from asylum_teach.teaching.explain_case import appeal_aid_html
    from asylum_teach.teaching.fast_figures import appeal_chart, deadline_calendar

    days = [START + timedelta(days=7 * (i + 1)) for i in range(n)]
    d = [deadline_for("bia-appeal", day, as_of=AS_OF) for day in days]
    a = [appeal_options(day, "oral", "removal_ordered", "Annandale", as_of=AS_OF) for day in days]
    ms = 1000
    return {
        "calculator": {"compute_ms": ms * timed(lambda i: deadline_for("bia-appeal", days[i], as_of=AS_OF), n),
                       "text_ms": ms * timed(lambda i: deadline_html(d[i]), n),
                       "figure_ms": ms * timed(lambda i: deadline_calendar(d[i]), n)},
        "explorer": {"compute_ms": ms * timed(lambda i: appeal_options(days[i], "oral", "removal_ordered",
                                                                       "Annandale", as_of=AS_OF), n),
                     "text_ms": ms * timed(lambda i: appeal_aid_html(a[i]), n),
                     "figure_ms": ms * timed(lambda i: appeal_chart(a[i]), n)},
    }


NOTEBOOK_CELLS = [
    "from asylum_teach.teaching.widgets import DeadlineCalculator\n"
    "from asylum_teach.teaching.widgets_case import AppealExplorer",
    f'DeadlineCalculator(rule_id="bia-appeal", trigger="{START}", as_of="{AS_OF}")',
    f'AppealExplorer(decision_date="{START}", as_of="{AS_OF}")',
]

MEASURE_JS = """async ({root, input, day, textSel, textWant, figSel, figWant}) => {
  const box = document.querySelector(root);
  const field = box.querySelector(input);
  const textOk = () => { const t = box.querySelector(textSel); return !!t && t.textContent.includes(textWant); };
  const figOk = () => { const f = box.querySelector(figSel); return !!f && f.getAttribute('aria-label') === figWant; };
  return await new Promise(resolve => {
    let textAt = null, figAt = null, done = false;
    const t0 = performance.now();
    const check = () => {
      const now = performance.now();
      if (textAt === null && textOk()) textAt = now - t0;
      if (figAt === null && figOk()) figAt = now - t0;
      if (!done && textAt !== null && figAt !== null) {
        done = true;
        observer.disconnect();
        requestAnimationFrame(() => resolve({total: performance.now() - t0, text: textAt, figure: figAt}));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(box, {subtree: true, childList: true, characterData: true, attributes: true});
    field.value = day;
    field.dispatchEvent(new Event('change', {bubbles: true}));
    setTimeout(() => { if (!done) { done = true; observer.disconnect(); resolve({timeout: true, text: textAt, figure: figAt}); } }, 15000);
  });
}"""


def in_browser(n: int) -> dict:
    import nbformat
    from playwright.sync_api import sync_playwright

    from asylum_teach.law.engine import deadline_for
    from asylum_teach.reasoning.appeals import appeal_options
    from asylum_teach.teaching.fast_figures import appeal_alt, deadline_alt
    from asylum_teach.teaching.labels import written
    from tests.browser import harness

    if not harness.chromium_path():
        return {"skipped": "Debian chromium is not installed"}
    scratch = Path(tempfile.mkdtemp(prefix="asylum-latency-"))
    try:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in NOTEBOOK_CELLS],
                                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                               "language": "python"}})
        nbformat.write(nb, scratch / "latency.ipynb")
        out = {}
        with harness.jupyterlab(scratch) as url, sync_playwright() as p:
            browser = harness.launch(p)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            harness.run_notebook(page, url, "latency.ipynb")
            for widget in ("calculator", "explorer"):
                rows = []
                for i in range(n + WARMUP):
                    day = START + timedelta(days=7 * (i + 1) + (0 if widget == "calculator" else 1))
                    if widget == "calculator":
                        d = deadline_for("bia-appeal", day, as_of=AS_OF)
                        args = {"root": ".at-deadline-calculator", "input": ".at-trigger-date input[type='date']",
                                "textSel": ".at-due", "textWant": written(d.due), "figSel": ".at-calendar",
                                "figWant": deadline_alt(d)}
                    else:
                        aid = appeal_options(day, "oral", "removal_ordered", "Annandale", as_of=AS_OF)
                        args = {"root": ".at-appeals", "input": "input[type='date']",
                                "textSel": ".at-explanation", "textWant": f"Decision of {written(day)}",
                                "figSel": ".at-appeal-chart svg", "figWant": appeal_alt(aid)}
                    result = page.evaluate(MEASURE_JS, dict(args, day=day.isoformat()))
                    if i >= WARMUP:
                        rows.append(result)
                ok = [r for r in rows if not r.get("timeout")]
                out[widget] = {"both_on_screen": _summary([r["total"] for r in ok]) if ok else None,
                               "text": _summary([r["text"] for r in ok]) if ok else None,
                               "figure": _summary([r["figure"] for r in ok]) if ok else None,
                               "timeouts": len(rows) - len(ok)}
            browser.close()
            harness.shutdown_kernels(url)
        return out
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 30
    result = {"interactions": n, "warmup": WARMUP, "kernel": in_kernel(n), "browser": in_browser(n)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
