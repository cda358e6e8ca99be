"""One JupyterLab and one Chromium for every browser test in the worker (they share ``xdist_group("browser")``).

The servers are real and started here on loopback (see :mod:`tests.browser.harness`); the tests skip
only when Debian's Chromium is missing (``make test`` installs it with scripts/system-deps.sh when it can).
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser import harness


# Package scope: the sync Playwright stops when the browser tests are done, so a later test in the same
# worker (the hub's browser test) can start its own; within tests/browser every test shares this one.
@pytest.fixture(scope="package")
def chromium():
    with harness.chromium_or_skip("the real-browser tests") as browser:
        yield browser


@pytest.fixture(scope="package")
def lab(chromium, tmp_path_factory):
    """JupyterLab serving the course as a student has it: the notebooks, and the exercises in ``exercises/``."""
    root = tmp_path_factory.mktemp("lab")
    for nb in (harness.ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy2(nb, root / nb.name)
    (root / "exercises").mkdir()
    for nb in (harness.ROOT / "exercises").glob("*.ipynb"):
        shutil.copy2(nb, root / "exercises" / nb.name)
    with harness.jupyterlab(root) as url:
        yield url


@pytest.fixture
def page_at(chromium):
    """``page_at(width, height)``: a fresh tab of the shared browser; closed after the test."""
    contexts = []

    def make(width=1280, height=720):
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.console = []
        page.on("console", lambda m: page.console.append(f"{m.type}: {m.text}"))
        return page

    yield make
    for context in contexts:
        context.close()
