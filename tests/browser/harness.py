"""Real servers and a real browser for the browser tests and the latency benchmark (no pytest here).

* :func:`jupyterlab`: JupyterLab on a free loopback port, token-less, rooted in a scratch folder with
  its own runtime, workspace and settings folders (all cells attached to the page, no news pop-ups),
  stopped afterwards;
* :func:`voila`: a classroom app served by ``asylum-teach app``'s own command line;
* :func:`launch`: Debian's Chromium through Playwright;
* :func:`run_notebook`: open a notebook in JupyterLab, run all cells, wait until every cell has run;
* :func:`evidence_on_failure`: a screenshot and the browser console when a test fails;
* :func:`clipping`: every control inside a widget that is cut off, narrower than its content, or wider
  than the page;
* :func:`axe_problems`: the serious and critical WCAG 2.1 AA violations axe-core finds.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SIZES = ((1280, 720), (1920, 1080))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or ""):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server at {url} did not start:\n"
                                   + log.read_text(errors="replace")[-3000:]) from None
            time.sleep(0.5)


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


@contextlib.contextmanager
def jupyterlab(root: Path):
    """JupyterLab serving ``root``; yields its base URL."""
    settings = root / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    apputils = root / ".settings" / "@jupyterlab" / "apputils-extension"
    apputils.mkdir(parents=True, exist_ok=True)
    (apputils / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port = free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(root / ".runtime"), JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"),
               JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"), MPLBACKEND="Agg")
    log = root / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
             f"--ServerApp.root_dir={root}", "--IdentityProvider.token=", "--ServerApp.password=",
             "--ServerApp.disable_check_xsrf=True", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
             "--ServerApp.terminals_enabled=False", "--LabApp.expose_app_in_browser=True",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_http(f"{url}/api/status", proc, log)
            yield url
        finally:
            _stop(proc)


@contextlib.contextmanager
def voila(name: str, scratch: Path):
    """``asylum-teach app NAME`` (its own command line) on a free port; yields the app's URL."""
    from asylum_teach.publish.app import app_command

    port = free_port()
    log = scratch / f"voila-{name}.log"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(scratch / ".voila-runtime"), MPLBACKEND="Agg")
    with log.open("w") as out:
        proc = subprocess.Popen(app_command(name, port=port), cwd=scratch, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            _wait_http(url, proc, log)
            yield url
        finally:
            _stop(proc)


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def chromium_or_skip(who: str):
    """Debian's Chromium under a sync Playwright, closed after; ``who`` (the tests that need it) is skipped
    with one clear reason where Chromium or Playwright is missing. One sync Playwright at a time per process."""
    import pytest

    if not chromium_path():
        pytest.skip("Debian chromium is not installed and could not be installed here (run scripts/system-deps.sh "
                    f"as root); {who} need it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package (test extra) is missing")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser
        finally:
            browser.close()


def shutdown_kernels(url: str) -> None:
    """Stop every kernel the server runs (after each notebook), so they do not pile up."""
    with urllib.request.urlopen(f"{url}/api/sessions", timeout=10) as r:
        sessions = json.load(r)
    for s in sessions:
        req = urllib.request.Request(f"{url}/api/sessions/{s['id']}", method="DELETE")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(req, timeout=10)


def _accept_kernel_dialog(page, wait_ms: int) -> None:
    button = page.locator(".jp-Dialog .jp-mod-accept")
    try:
        button.first.wait_for(state="visible", timeout=wait_ms)
    except Exception:  # no dialog: the kernel started by itself
        return
    button.first.click()


#: Read from JupyterLab's own notebook model (the server exposes the app to the page): how many code
#: cells have run, and whether the kernel is still busy. Folded cells show no prompt, so the DOM cannot say.
RUN_STATE_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) return {cells: 0, done: 0, running: 1, errors: 0};
  const cells = panel.content.model.cells;
  let total = 0, done = 0, errors = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    total++;
    if (c.executionCount) done++;
    for (let j = 0; j < c.outputs.length; j++) if (c.outputs.get(j).type === 'error') errors++;
  }
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return {cells: total, done, running: kernel && kernel.status === 'busy' ? 1 : 0, errors};
}"""


def run_notebook(page, url: str, name: str, *, timeout_s: float = 150) -> dict:
    """Open ``name`` in JupyterLab (in a fresh workspace, so earlier tests' tabs and kernels are not
    reopened), Run All Cells, and wait until every code cell has an execution count."""
    workspace = "t" + "".join(ch for ch in name if ch.isalnum())[:40] + str(time.monotonic_ns())[-6:]
    page.goto(f"{url}/lab/workspaces/{workspace}/tree/{name}?reset", wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(state="attached", timeout=60_000)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], #jp-main-statusbar >> text=Idle") \
        .first.wait_for(state="attached", timeout=60_000)
    _accept_kernel_dialog(page, 5_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    _accept_kernel_dialog(page, 2_000)
    deadline = time.monotonic() + timeout_s
    state = {}
    while time.monotonic() < deadline:
        state = page.evaluate(RUN_STATE_JS)
        if state["errors"]:
            raise AssertionError(f"{name}: a cell failed in JupyterLab: {state}")
        if state["cells"] and state["done"] == state["cells"] and not state["running"]:
            return state
        page.wait_for_timeout(500)
    raise AssertionError(f"{name}: not every cell ran in {timeout_s:.0f} s: {state}")


CLIP_JS = """(root) => {
  const problems = [];
  const box = root.getBoundingClientRect();
  const limit = Math.min(document.documentElement.clientWidth, (root.closest('.jp-OutputArea-output, .jp-Cell, body')
                         || document.body).getBoundingClientRect().right) + 1;
  if (box.right > limit) problems.push(`widget ends at ${Math.round(box.right)} px, past its area (${Math.round(limit)} px)`);
  const canvas = document.createElement('canvas').getContext('2d');
  const name = el => (el.getAttribute('aria-label') || el.textContent || el.value || el.className).trim().slice(0, 40);
  for (const el of root.querySelectorAll('select, input, button, label, .widget-label, .widget-readout, textarea')) {
    const r = el.getBoundingClientRect();
    if (!r.width || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > limit) problems.push(`${el.tagName.toLowerCase()} "${name(el)}" is cut off at the right`);
    if (el.tagName === 'SELECT') {
      const st = getComputedStyle(el);
      canvas.font = `${st.fontSize} ${st.fontFamily}`;
      const text = el.selectedOptions.length ? el.selectedOptions[0].text : '';
      const room = el.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 18;
      const need = canvas.measureText(text).width;
      if (need > room + 1) problems.push(`select "${text.slice(0, 40)}" needs ${Math.round(need)} px, has ${Math.round(room)} px`);
    } else if (el.tagName === 'INPUT' && el.type === 'date') {
      if (el.clientWidth < 130) problems.push(`date box ${Math.round(el.clientWidth)} px wide: too narrow for a date`);
    } else if (el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${el.tagName.toLowerCase()} "${name(el)}" is narrower than its content (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  const answers = [...root.querySelectorAll('.widget-radio-box label')].map(el => [el, el.getBoundingClientRect()]);
  for (let i = 0; i < answers.length; i++) {
    const [el, r] = answers[i];
    if (el.scrollHeight > el.clientHeight + 1) problems.push(`answer "${name(el)}" runs out of its line (${el.scrollHeight} > ${el.clientHeight} px)`);
    if (i + 1 < answers.length && answers[i + 1][1].top < r.bottom - 1) problems.push(`answer "${name(el)}" overlaps the next one`);
  }
  return problems;
}"""


def clipping(locator) -> list[str]:
    """Controls in the widget at ``locator`` that are cut off or narrower than their content."""
    return locator.evaluate(CLIP_JS)


def axe_problems(page, context=None) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations (axe-core, through axe-playwright-python)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context=context, options=WCAG).response
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]), "example": v["nodes"][0]["html"][:200],
             "target": v["nodes"][0]["target"]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@contextlib.contextmanager
def evidence_on_failure(page, name: str):
    """If the block fails: a screenshot of ``page`` and its browser console (what ``page_at`` records) into
    ``test-artifacts/NAME-FAILED.png`` and ``NAME-console.log``."""
    try:
        yield page
    except Exception:
        shot(page, f"{name}-FAILED")
        (ARTIFACTS / f"{name}-console.log").write_text("\n".join(getattr(page, "console", [])), encoding="utf-8")
        raise


def shot(target, name: str) -> Path:
    """A screenshot of a page or an element into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path
