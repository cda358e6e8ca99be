"""The bubblewrap sandbox a student notebook runs in, when ``bwrap`` is available.

Inside the sandbox the student's kernel sees: the system's read-only ``/usr`` (and the usual
symlinks), the Python environment read-only, the ``asylum_teach`` package directory read-only (and
nothing else of the course tree: no ``solutions/``, no exercise masters, no gradebook, no output
folder), a private ``/tmp``, and one scratch directory as its home and working directory. It has no
network (a new network namespace with only loopback; the grader reaches the kernel through Unix sockets
in the scratch directory), its own PID namespace and session, and dies with the grader. Every notebook
gets a sandbox of its own, so nothing one student's code leaves behind can reach another's.

Without ``bwrap`` the notebook still runs in a separate process, in a scratch directory outside the
course tree, with the same time, memory and output limits, but it can read whatever the grading user
can. :func:`describe` says so plainly and the CLI prints it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

UNSANDBOXED_WARNING = (
    "WARNING: bubblewrap (bwrap) is not available: grading is UNSANDBOXED. Student code runs as you, "
    "in a scratch directory, with time/memory/output limits, but can read your files. "
    "Install the Debian package 'bubblewrap' to sandbox it."
)


@functools.lru_cache(maxsize=1)
def bwrap_path() -> str | None:
    """The path of a *working* ``bwrap`` (it must be able to create namespaces here), or None."""
    if os.environ.get("ASYLUM_TEACH_NO_SANDBOX"):
        return None
    path = shutil.which("bwrap")
    if not path:
        return None
    try:
        probe = subprocess.run([path, *_base_args(), "--", "/bin/true"], capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if probe.returncode == 0 else None


def available() -> bool:
    return bwrap_path() is not None


def describe() -> str:
    """One line saying whether grading is sandboxed."""
    if available():
        return "sandbox: bubblewrap (no network, read-only system, no view of the course tree)"
    return UNSANDBOXED_WARNING


def _base_args() -> list[str]:
    args = ["--unshare-all", "--die-with-parent", "--new-session",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for top in ("/usr", "/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/ssl"):
        if os.path.exists(top):
            args += ["--ro-bind", top, top]
    for link in ("bin", "sbin", "lib", "lib64", "lib32"):
        target = f"/{link}"
        if os.path.islink(target):
            args += ["--symlink", os.readlink(target), target]
        elif os.path.isdir(target):
            args += ["--ro-bind", target, target]
    return args


def _package_dir() -> Path:
    import asylum_teach

    return Path(asylum_teach.__file__).resolve().parent


def wrap(command: list[str], scratch: Path) -> list[str]:
    """``command`` prefixed so that it runs inside the sandbox with ``scratch`` as home and cwd."""
    path = bwrap_path()
    if path is None:
        return command
    args = [path, *_base_args()]
    ro = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), _package_dir()}
    for extra in sorted(ro):
        if str(extra).startswith("/usr"):
            continue
        args += ["--ro-bind", str(extra), str(extra)]
    venv = Path(sys.prefix)
    if venv != venv.resolve():
        args += ["--symlink", str(venv.resolve()), str(venv)]
    args += ["--bind", str(scratch), str(scratch), "--chdir", str(scratch),
             "--setenv", "HOME", str(scratch), "--setenv", "TMPDIR", "/tmp"]
    return [*args, "--", *command]
