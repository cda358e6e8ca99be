"""The sandbox a student's kernel runs in: no privilege, no network, no view of the course, per-student limits.

When the grader runs as root (the usual case in containers and CI) a plain ``bwrap`` would keep every
capability for the sandboxed process, and a student's cell could remount the Python environment
read-write and plant code the grader imports later. So a kernel is started through a chain in which
each step gives something up before the next one runs:

1. ``/bin/sh`` joins the student's own cgroup (:mod:`.cgroups`): memory, process and CPU limits for
   everything the student starts, counted together;
2. (root only) when the Python environment sits in a folder other users cannot enter (a pyenv under
   ``/root``, say), ``unshare --mount`` makes a private mount namespace in which root binds those
   folders onto empty folders of the kernel's scratch directory, which the next steps can reach;
3. ``setpriv`` (only when the grader is root) becomes a dedicated unprivileged uid with no
   supplementary groups and sets ``no_new_privs``, so nothing below can gain a privilege back;
4. ``bwrap`` makes a new user namespace (the kernel is uid ``SANDBOX_UID`` inside, an unprivileged uid
   outside), drops every capability (``--cap-drop ALL``), forbids further user namespaces, and unshares
   the network, PIDs, IPC and UTS.

Inside, the kernel sees the system's ``/usr`` and the Python environment and the ``asylum_teach``
package read-only (and nothing else of the course tree: no ``solutions/``, no exercise masters, no
gradebook, no output folder), a read-only ``/dev`` with a 1 MB ``/dev/shm``, its own ``/proc``, and one
size-capped ``/tmp`` that is its home and working directory. The only host folder it may write is its
runtime folder (the kernel's sockets), and only until the kernel is ready: :func:`seal` takes that
folder back before any student code runs.

Without a cgroup the limits fall back to per-process ones (address space, processes per kernel) and the
startup line (:func:`describe`) says so. Without ``bwrap``, a root grader runs kernels as ``nobody``;
otherwise they would run as the grading user, and ``asylum-teach grade`` refuses unless told
``--unsandboxed``.
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from asylum_teach.exceptions import GradingError
from asylum_teach.grading import cgroups

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
SANDBOX_UID = 1000  # the kernel's uid (and gid) inside the sandbox
KERNEL_UIDS = (2_000_000_000, 1_000_000)  # first outside uid for kernels of a root grader, and how many
SHM_BYTES = 1024**2
_BIND = 'while [ "$1" != -- ]; do mount --bind "$1" "$2" || exit 126; shift 2; done; shift; exec "$@"'


def _root() -> bool:
    return os.geteuid() == 0


def kernel_uid() -> int | None:
    """The outside uid for a new kernel: a fresh unprivileged uid (no user has it) when the grader is
    root and can drop to one; None when the kernel runs as the grader's own uid (a non-root grader,
    whose user namespace maps only its own uid)."""
    if not _root() or not _unprivileged_works():
        return None
    first, count = KERNEL_UIDS
    return first + secrets.randbelow(count)


@functools.lru_cache(maxsize=1)
def bwrap_path() -> str | None:
    """The path of a *working* ``bwrap`` (it must be able to make a sandbox here), or None."""
    if os.environ.get("ASYLUM_TEACH_NO_SANDBOX"):
        return None
    path = shutil.which("bwrap")
    if not path:
        return None
    return path if _probe([path, *_base_args(SHM_BYTES, SHM_BYTES), "--", "/bin/true"]) else None


@functools.lru_cache(maxsize=1)
def _unprivileged_works() -> bool:
    """Can a root grader run the whole sandbox as an unprivileged uid? Not without ``setpriv`` (nor, when
    a folder of the Python environment is closed to other users, without ``unshare`` and ``mount``)."""
    if bwrap_path() is None or shutil.which("setpriv") is None:
        return False
    if _hidden_paths() and not (shutil.which("unshare") and shutil.which("mount")):
        return False
    probe_dir = Path(tempfile.mkdtemp(prefix="asylum-teach-probe-"))
    try:
        (probe_dir / "runtime").mkdir()
        uid = KERNEL_UIDS[0]
        hand_over(probe_dir, uid, probing=True)
        command = wrap([sys.executable, "-c", "import asylum_teach.grading.kernel"], probe_dir, uid=uid, group=None,
                       scratch_bytes=SHM_BYTES, probing=True)
        return _probe(command)
    finally:
        shutil.rmtree(probe_dir, ignore_errors=True)


def _probe(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30, cwd="/").returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def available() -> bool:
    return bwrap_path() is not None


def isolation() -> str | None:
    """How student code is kept from the grader's files: ``"bubblewrap"``; ``"nobody"`` (no bwrap, but the
    grader is root and can run kernels as user ``nobody``); or None (kernels would run as the grader)."""
    if available():
        return "bubblewrap"
    if _root() and _nobody_can_run():
        return "nobody"
    return None


def describe(scratch_bytes: int | None = None) -> str:
    """The startup line: how kernels are isolated and limited on this machine, including what is missing."""
    kind = isolation()
    if kind is None:
        return UNSANDBOXED_WARNING + " " + limits_note(scratch_bytes)
    if kind == "nobody":
        return NOBODY_NOTE + "; " + limits_note(scratch_bytes)
    if not _root():
        who = (f"as your uid outside and uid {SANDBOX_UID} inside a user namespace, no capabilities, "
               "no_new_privs")
    elif _unprivileged_works():
        who = (f"as an unprivileged uid of its own outside (no user has it) and uid {SANDBOX_UID} inside a "
               "user namespace, no capabilities, no_new_privs")
    else:
        who = (f"WARNING: as uid {SANDBOX_UID} with no capabilities inside, but as root OUTSIDE (setpriv is "
               "missing, or the Python environment is not readable by other users: move it out of /root)")
    return (f"sandbox: bubblewrap, {who}; no network, read-only system, no view of the course tree; "
            + limits_note(scratch_bytes))


def limits_note(scratch_bytes: int | None = None) -> str:
    group, why = cgroups.backend()
    if group is not None:
        note = f"per-student limits: {group.name} (memory, processes and CPU counted for all of a student's processes)"
    else:
        note = (f"per-student limits: NO cgroup ({why}); falling back to per-process limits (address space "
                "per process, processes per kernel)")
    if scratch_bytes and available():
        note += f"; scratch /tmp {scratch_bytes // 1024**2} MB"
    return note


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


def _setpriv(uid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs", "--"]


def _base_args(scratch_bytes: int, shm_bytes: int) -> list[str]:
    args = ["--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
            "--cap-drop", "ALL", "--disable-userns", "--die-with-parent", "--new-session",
            "--proc", "/proc", "--dev", "/dev", "--size", str(shm_bytes), "--perms", "1777", "--tmpfs", "/dev/shm",
            "--remount-ro", "/dev", "--size", str(scratch_bytes), "--perms", "1777", "--tmpfs", "/tmp"]
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


@functools.lru_cache(maxsize=1)
def _read_only_paths() -> tuple[Path, ...]:
    """Host folders the kernel needs read-only beyond the system: the Python environment, the package."""
    ro = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), _package_dir()}
    return tuple(sorted(p for p in ro if not str(p).startswith("/usr")))


def _open_to_others(path: Path) -> bool:
    """Can a user other than the owner (and not in its group) enter ``path`` and every folder above it?"""
    import stat

    for folder in (path, *path.parents):
        try:
            mode = os.stat(folder).st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH or (folder == path and not mode & stat.S_IROTH):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _hidden_paths() -> tuple[Path, ...]:
    """The read-only folders an unprivileged uid could not reach by their path (bound privately instead)."""
    return tuple(p for p in _read_only_paths() if not _open_to_others(p))


def _bwrap_command(command: list[str], runtime: Path, scratch_bytes: int, shm_bytes: int,
                   sources: dict[Path, Path]) -> list[str]:
    bwrap = bwrap_path()
    if bwrap is None:
        raise GradingError("bubblewrap (bwrap) is not available: student code cannot be sandboxed here")
    args = [bwrap, *_base_args(scratch_bytes, shm_bytes)]
    for path in _read_only_paths():
        args += ["--ro-bind", str(sources.get(path, path)), str(path)]
    venv = Path(sys.prefix)
    if venv != venv.resolve():
        args += ["--symlink", str(venv.resolve()), str(venv)]
    args += ["--bind", str(runtime), str(runtime), "--remount-ro", "/",  # bwrap's own root: read-only too
             "--chdir", "/tmp", "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp"]
    for name in cgroups.SESSION_ENV:  # given to systemd-run only, never to the kernel
        args += ["--unsetenv", name]
    return [*args, "--", *command]


def home(scratch: Path) -> str:
    """The kernel's home and working directory: its private ``/tmp`` in the sandbox, else ``scratch``."""
    return "/tmp" if available() else str(scratch)


def wrap(command: list[str], scratch: Path, *, uid: int | None, group: cgroups.Cgroup | None,
         scratch_bytes: int, probing: bool = False) -> list[str]:
    """``command`` prefixed so that it runs in ``group``, as ``uid`` outside, inside the sandbox, with the
    folder ``scratch/runtime`` (its sockets) as the only host folder it can write."""
    prefix = cgroups.launcher(group)
    kind = "bubblewrap" if probing else isolation()
    if kind == "bubblewrap":
        sources: dict[Path, Path] = {}
        if uid is not None and _hidden_paths():
            sources = {path: scratch / f"ro{i}" for i, path in enumerate(_hidden_paths())}
            pairs = [str(x) for path, mount in sources.items() for x in (path, mount)]
            prefix += ["unshare", "--mount", "--", "/bin/sh", "-c", _BIND, "sh", *pairs, "--"]
        if uid is not None:
            prefix += _setpriv(uid)
        return prefix + _bwrap_command(command, scratch / "runtime", scratch_bytes, SHM_BYTES, sources)
    if kind == "nobody":
        return prefix + _setpriv(NOBODY) + command
    return prefix + command


def hand_over(scratch: Path, uid: int | None, probing: bool = False) -> int | None:
    """Let ``uid`` (the kernel's outside uid) reach its runtime folder; returns the uid to :func:`seal` with.

    Only a root grader changes owners; a non-root grader's kernels run as its own uid."""
    kind = "bubblewrap" if probing else isolation()
    if kind == "nobody":
        uid = NOBODY
    if uid is None or not _root():
        return None
    runtime = scratch / "runtime"
    os.chmod(scratch, 0o711)
    if kind == "bubblewrap":
        for i, _ in enumerate(_hidden_paths()):  # mount points for the private binds
            (scratch / f"ro{i}").mkdir(mode=0o755, exist_ok=True)
        targets = [runtime, *runtime.iterdir()]
    else:
        targets = [scratch, *scratch.rglob("*")]
    for path in targets:
        os.chown(path, uid, uid)
    return uid


def seal(scratch: Path) -> None:
    """Once the kernel is ready: take its runtime folder back (root-owned, mode 0700), so that student
    code can no longer write any host folder. Its sockets are already bound; the grader still connects."""
    if not _root() or isolation() != "bubblewrap":
        return
    runtime = scratch / "runtime"
    try:
        os.chown(runtime, 0, 0)
        os.chmod(runtime, 0o700)
    except OSError:
        pass
