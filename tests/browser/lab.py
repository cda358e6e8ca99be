"""A real JupyterLab for the browser tests: started on a free localhost port, token-less, rooted in a
scratch folder (with scratch runtime and workspace folders), stopped after; and a page of the shared Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyter_lab(root: Path):
    """JupyterLab serving ``root``; yields its base URL."""
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


def accept_kernel_dialog(page, wait_ms: int = 8_000) -> None:
    """JupyterLab may ask which kernel to start; accept the notebook's own (Python 3)."""
    button = page.locator(".jp-Dialog .jp-mod-accept")
    try:
        button.first.wait_for(state="visible", timeout=wait_ms)
    except Exception:  # no dialog: the kernel started by itself
        return
    button.first.click()


def run_all(page, url: str, notebook: str) -> None:
    """Open ``notebook`` in Lab, wait for its kernel, and run every cell."""
    from playwright.sync_api import expect

    page.goto(f"{url}/lab/tree/{notebook}", wait_until="domcontentloaded")
    expect(page.locator(".jp-Notebook").first).to_be_visible(timeout=60_000)
    # the kernel must be ready before "Run All" (the status shows Idle)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                        "#jp-main-statusbar >> text=Idle").first).to_be_attached(timeout=60_000)
    accept_kernel_dialog(page)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    accept_kernel_dialog(page, wait_ms=3_000)


@contextlib.contextmanager
def chromium_page(browser, name: str):
    """A page in a fresh context (its own cookies and storage) of the shared Chromium: the ``chromium``
    fixture of tests/browser/conftest.py, since a second sync Playwright cannot start in a process whose
    first one still runs. If the test fails, a full-page screenshot and the browser console go to
    ``test-artifacts/browser-NAME-FAILED.*``."""
    ARTIFACTS.mkdir(exist_ok=True)
    console: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    try:
        yield page
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"browser-{name}-FAILED.png"), full_page=True)
        (ARTIFACTS / f"browser-{name}-console.log").write_text("\n".join(console), encoding="utf-8")
        raise
    finally:
        context.close()
