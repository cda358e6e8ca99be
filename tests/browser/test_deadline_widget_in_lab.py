"""A real browser drives the deadline calculator in JupyterLab.

JupyterLab starts on a free localhost port, token-less, with its root in a scratch copy of the
deadline notebook (and scratch runtime and workspace folders), so nothing in the repository changes.
Debian's Chromium, driven by Playwright's Python API, runs the whole notebook, changes the date in the
calculator's date picker and checks the due date the widget shows.

Expected values, worked by hand (INA 208(a)(2)(B); 8 C.F.R. 1208.4(a)(2)(ii); Minasyan v. Mukasey):
* day 0 = Fri 2019-01-25: anniversary Sat 2020-01-25, roll to Mon 2020-01-27;
* day 0 = Wed 2020-01-01: anniversary Fri 2021-01-01 is New Year's Day, then a weekend: Mon 2021-01-04.

The screenshot goes to ``test-artifacts/browser-02-deadlines.png``. The test skips only when Chromium
is not installed (``make test`` installs it via scripts/system-deps.sh when it can).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
FIRST_DUE = "Monday 2020-01-27"
NEW_DAY0 = "2020-01-01"
NEW_DUE = "Monday 2021-01-04"

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Debian chromium is not installed and could not be installed here "
                    "(run scripts/system-deps.sh as root); the real-browser test needs it")
    pytest.importorskip("playwright.sync_api", reason="the playwright Python package (test extra) is missing")
    root = tmp_path_factory.mktemp("lab")
    shutil.copy2(ROOT / "notebooks" / "02_deadlines.ipynb", root / "02_deadlines.ipynb")
    port = _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(root / ".runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"), MPLBACKEND="Agg")
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.root_dir={root}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
         "--ServerApp.terminals_enabled=False", *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + (root / "lab.log").read_text()[-3000:])
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _accept_kernel_dialog(page, wait_ms: int = 8_000) -> None:
    """JupyterLab may ask which kernel to start; accept the notebook's own (Python 3)."""
    button = page.locator(".jp-Dialog .jp-mod-accept")
    try:
        button.first.wait_for(state="visible", timeout=wait_ms)
    except Exception:  # no dialog: the kernel started by itself
        return
    button.first.click()


def test_calculator_due_date_follows_the_date_picker(lab, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    console: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(  # a fresh profile in a scratch folder
            str(tmp_path / "profile"), executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            headless=True, viewport={"width": 1400, "height": 1000},
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            page.goto(f"{lab}/lab/tree/02_deadlines.ipynb", wait_until="domcontentloaded")
            expect(page.locator(".jp-Notebook").first).to_be_visible(timeout=60_000)
            # the kernel must be ready before "Run All" (the status shows Idle)
            expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                                "#jp-main-statusbar >> text=Idle").first).to_be_attached(timeout=60_000)
            _accept_kernel_dialog(page)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

            _accept_kernel_dialog(page, wait_ms=3_000)
            calc = page.locator(".at-deadline-calculator").first
            expect(calc).to_be_attached(timeout=90_000)
            calc.scroll_into_view_if_needed()
            due = calc.locator(".at-due").first
            expect(due).to_have_text(FIRST_DUE, timeout=60_000)

            picker = calc.locator(".at-trigger-date input[type='date']").first
            picker.fill(NEW_DAY0)
            picker.dispatch_event("change")
            expect(due).to_have_text(NEW_DUE, timeout=30_000)
            expect(calc.locator(".at-safe").first).to_have_text(NEW_DUE)
            calc.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser-02-deadlines.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "browser-02-deadlines-FAILED.png"), full_page=True)
            (ARTIFACTS / "browser-02-deadlines-console.log").write_text("\n".join(console), encoding="utf-8")
            raise
        finally:
            browser.close()
