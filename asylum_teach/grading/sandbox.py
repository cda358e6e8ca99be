"""The bubblewrap sandbox a student notebook runs in, when ``bwrap`` is available.

Inside the sandbox the student's kernel sees: the system's read-only ``/usr`` (and the usual
symlinks), the Python environment read-only, the ``asylum_teach`` package directory read-only (and
nothing else of the course tree: no ``solutions/``, no exercise masters, no gradebook, no output
folder), a private ``/tmp``, and one scratch directory as its home and working directory. It has no
network (a new network namespace with only loopback; the grader reaches the kernel through Unix sockets
in the scratch directory), its own PID namespace and session, and dies with the grader. Every notebook
gets a sandbox of its own, so nothing one student's code leaves behind can reach another's.

Without ``bwrap`` the notebook still runs in a separate process, in a scratch directory outside the
course tree, with the same time, memory and output limits. A grader running as root then runs it as
user ``nobody``, which cannot write the gradebook; otherwise it would run as the grading user, able to
read the solutions and rewrite the gradebook, so ``asylum-teach grade`` refuses unless told
``--unsandboxed``. :func:`describe` says which case applies and the CLI prints it.
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
    "in a scratch directory, with time/memory/output limits, but can read your files and change the gradebook. "
    "Install the Debian package 'bubblewrap' to sandbox it."
)
NOBODY_NOTE = ("sandbox: none (bubblewrap is not available); notebooks run as user 'nobody', so student code "
               "cannot change the gradebook, but it can read whatever any user can")
REFUSAL = ("no sandbox: bubblewrap (bwrap) is not available here, so student code would run as you and could "
           "read the solutions and rewrite the gradebook. Install the Debian package 'bubblewrap' (Linux), or "
           "pass --unsandboxed to grade anyway, only submissions you trust")
NOBODY = 65534


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


def isolation() -> str | None:
    """How student code is kept from the grader's files: ``"bubblewrap"``; ``"nobody"`` (no bwrap, but the
    grader is root and can run kernels as user ``nobody``); or None (kernels would run as the grader)."""
    if available():
        return "bubblewrap"
    if os.geteuid() == 0 and _nobody_can_run():
        return "nobody"
    return None


def describe() -> str:
    """One line saying whether grading is sandboxed."""
    return {"bubblewrap": "sandbox: bubblewrap (no network, read-only system, no view of the course tree)",
            "nobody": NOBODY_NOTE}.get(isolation(), UNSANDBOXED_WARNING)


def unprivileged_user(scratch: Path) -> dict:
    """Popen arguments that run a kernel as ``nobody`` when that is the isolation (scratch handed over),
    else none."""
    if isolation() != "nobody":
        return {}
    for path in (scratch, *scratch.rglob("*")):
        os.chown(path, NOBODY, NOBODY)
    return {"user": NOBODY, "group": NOBODY, "extra_groups": []}


@functools.lru_cache(maxsize=1)
def _nobody_can_run() -> bool:
    """Can ``nobody`` start this Python and import the grading kernel? (Not if Python lives under /root.)"""
    try:
        probe = subprocess.run([sys.executable, "-c", "import asylum_teach.grading.kernel, ipykernel.kernelapp"],
                               user=NOBODY, group=NOBODY, extra_groups=[], cwd="/", capture_output=True,
                               timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": "/"})
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


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
