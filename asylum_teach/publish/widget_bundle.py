"""The JavaScript an offline course page needs to draw its widgets: fetched once with npm, kept locally.

A static notebook page stores each widget's state; a small program, the widget manager
``@jupyter-widgets/html-manager``, turns that state into the drop-downs, sliders and buttons. nbconvert's
page loads it (and require.js) from a CDN, so in a classroom without Wi-Fi every widget is blank. The
course build copies both into ``build/static/`` instead.

Where they come from: npm (``@jupyter-widgets/html-manager``, the major version that matches ipywidgets
8, and ``requirejs``), installed once into a project-local folder (inside the virtual environment, never
globally) and reused. Nothing is downloaded when the folder is already complete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from asylum_teach.exceptions import AsylumTeachError

#: npm packages and the versions that match ipywidgets 8 (html-manager 1.x renders widget state v2).
PACKAGES = ("@jupyter-widgets/html-manager@^1.0.15", "requirejs@^2.3.7")
MANAGER = Path("node_modules/@jupyter-widgets/html-manager/dist")
REQUIRE = Path("node_modules/requirejs/require.js")
#: The files a page loads, relative to the page: the manager (it finds its fonts beside itself).
EMBED = "static/html-manager/embed-amd.js"
REQUIRE_JS = "static/require.js"


class WidgetBundleError(AsylumTeachError):
    """The widget manager could not be fetched or found."""


def default_cache() -> Path:
    """Inside the active virtual environment when there is one, else the user's cache folder."""
    if sys.prefix != sys.base_prefix and os.access(sys.prefix, os.W_OK):
        return Path(sys.prefix) / "share" / "asylum-teach" / "npm"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "asylum-teach" / "npm"


def _complete(cache: Path) -> bool:
    return (cache / MANAGER / "embed-amd.js").is_file() and (cache / REQUIRE).is_file()


def ensure(cache: Path | str | None = None, *, log=None) -> Path:
    """The folder holding the installed packages, installing them with npm if they are missing."""
    cache = Path(cache) if cache else default_cache()
    if _complete(cache):
        return cache
    npm = shutil.which("npm")
    if not npm:
        raise WidgetBundleError("the offline course needs npm (Node.js) once, to fetch "
                                "@jupyter-widgets/html-manager; install Node.js and build again")
    cache.mkdir(parents=True, exist_ok=True)
    cmd = [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-save", "--prefix", str(cache),
           *PACKAGES]
    done = subprocess.run(cmd, cwd=cache, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600, check=False)
    if log is not None:
        log.write(f"$ {' '.join(cmd)}\n{done.stdout}\n")
    if done.returncode != 0 or not _complete(cache):
        tail = "\n".join(done.stdout.strip().splitlines()[-3:])
        raise WidgetBundleError(f"npm could not install the widget manager into {cache}: {tail}")
    return cache


def copy_into(out: Path | str, cache: Path | str | None = None, *, log=None) -> list[Path]:
    """Copy the widget manager (with its fonts) and require.js into ``out/static``; return the files."""
    source = ensure(cache, log=log)
    out = Path(out)
    target = out / EMBED
    target.parent.mkdir(parents=True, exist_ok=True)
    copied = []
    for item in sorted((source / MANAGER).iterdir()):
        if item.is_file() and item.suffix not in (".map", ".txt") and item.name != "libembed-amd.js" \
                and item.name != "embed.js":
            shutil.copy2(item, target.parent / item.name)
            copied.append(target.parent / item.name)
    shutil.copy2(source / REQUIRE, out / REQUIRE_JS)
    copied.append(out / REQUIRE_JS)
    return copied
