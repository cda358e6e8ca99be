"""Classroom apps: a notebook's widgets served by Voilà, with no code showing, for a projector.

``asylum-teach app deadlines`` serves ``teaching/apps/deadlines.ipynb`` (the deadline calculator and the
appeal explorer) on this machine only (127.0.0.1), with the sources stripped: students see the
widgets and their explanations, never a cell of code, and never a traceback.

>>> app_command("deadlines", port=8866)[3:6]
['--no-browser', '--port=8866', '--Voila.ip=127.0.0.1']
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

from asylum_teach.exceptions import InvalidInputError

#: App name -> notebook in asylum_teach/teaching/apps/.
APPS = {"deadlines": "deadlines.ipynb"}


def app_notebook(name: str) -> Path:
    if name not in APPS:
        raise InvalidInputError(f"unknown app {name!r}; the apps are: {', '.join(sorted(APPS))}")
    return Path(str(resources.files("asylum_teach") / "teaching" / "apps" / APPS[name]))


def app_command(name: str, *, port: int = 8866, ip: str = "127.0.0.1", open_browser: bool = False) -> list[str]:
    """The Voilà command line that serves app ``name``."""
    if not 0 < port < 65536:
        raise InvalidInputError(f"--port: {port} is not a port number (1-65535)")
    return [sys.executable, "-m", "voila", *([] if open_browser else ["--no-browser"]), f"--port={port}",
            f"--Voila.ip={ip}", "--VoilaConfiguration.strip_sources=True",
            "--VoilaConfiguration.show_tracebacks=False", "--theme=light", str(app_notebook(name))]


def serve(name: str, *, port: int = 8866, open_browser: bool = False) -> int:
    """Run the app until interrupted; returns Voilà's exit code."""
    cmd = app_command(name, port=port, open_browser=open_browser)
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 130
