"""Per-student control groups: one cgroup per graded notebook, holding every process the student starts.

Limits per process (``RLIMIT_AS``...) let four processes of 1 GB each reach 4 GB, and a fork loop start
thousands of processes. A cgroup counts them together: its memory limit covers all the student's
processes and the pages of its scratch ``/tmp`` (tmpfs pages are charged to the cgroup that wrote them),
its pids limit counts every process and thread, and its CPU quota caps the cores it can use.

Three ways to get one, tried in this order by :func:`backend`:

* **cgroup v2**, written directly when the grader may (root, with the ``memory`` and ``pids``
  controllers enabled, or enableable, below the grader's own cgroup);
* **cgroup v1**, written directly when the grader may (root, ``memory`` and ``pids`` hierarchies
  mounted and writable), as on hosts and VMs without a unified hierarchy;
* a **systemd scope** per kernel (``systemd-run --scope``, ``--user`` for a grader that is not root),
  where systemd runs and lets the grader make one: the usual case on a Linux desktop;
* otherwise none, and the caller falls back to per-process limits and says so.

Each cgroup is a child of the grader's own cgroup (never above it: a student is always inside the
limits the grader itself runs under), named ``asylum-teach-<grader pid>-<n>`` so that cgroups left by
a killed grader are found and removed by the next one (:func:`sweep`).

A process joins its cgroup before it execs the sandbox: :func:`launcher` is a ``/bin/sh`` prefix that
writes its own pid into each ``cgroup.procs`` and then execs the rest of the command (or
``systemd-run --scope``, which moves itself into a new scope and then execs it), so every process of the
student's, from the first, is counted.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PREFIX = "asylum-teach-"
CPU_PERIOD_US = 100_000
SESSION_ENV = ("XDG_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS")  # what systemd-run --user needs to find systemd
_counter = itertools.count(1)
_LAUNCH = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 126; shift; done; shift; exec "$@"'


@dataclass(frozen=True)
class Request:
    """What one student's cgroup allows."""

    memory: int  # bytes, every process together (and their tmpfs pages)
    processes: int  # tasks (processes and threads) at once
    cpus: float  # cores' worth of CPU time


class Cgroup:
    """One student's cgroup: one directory per hierarchy (one for v2; memory, pids and cpu for v1)."""

    def __init__(self, dirs: tuple[Path, ...]):
        self.dirs = dirs

    @property
    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs]

    def pids(self) -> set[int]:
        found: set[int] = set()
        for d in self.dirs:
            try:
                found |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
            except (OSError, ValueError):
                pass
        return found

    def kill(self) -> None:
        """Kill every process in the cgroup (``cgroup.kill`` where the kernel has it)."""
        for d in self.dirs:
            try:
                (d / "cgroup.kill").write_text("1")
                return
            except OSError:
                pass
        for _ in range(50):  # v1: read and kill until empty (a fork between reads is caught next round)
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.002)

    def remove(self, wait: float = 0.0) -> bool:
        """Remove the cgroup's directories; False if a process is still exiting (try again later)."""
        deadline = time.monotonic() + wait
        while True:
            left = []
            for d in self.dirs:
                try:
                    d.rmdir()
                except FileNotFoundError:
                    pass
                except OSError:
                    left.append(d)
            self.dirs = tuple(left)
            if not left or time.monotonic() >= deadline:
                return not left
            time.sleep(0.01)


class _Backend:
    name = "none"

    def __init__(self, roots: tuple[Path, ...]):
        self.roots = roots  # the grader's own cgroup directory in each hierarchy

    def create(self, request: Request) -> Cgroup:
        name = f"{PREFIX}{os.getpid()}-{next(_counter)}"
        made = []
        try:
            for root in self.roots:
                d = root / name
                d.mkdir()
                made.append(d)
            self._limit(tuple(made), request)
        except OSError:
            Cgroup(tuple(made)).remove()
            raise
        return Cgroup(tuple(made))

    def _limit(self, dirs, request: Request) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def sweep(self) -> None:
        """Remove cgroups left by graders that are gone (their processes killed first)."""
        for root in self.roots:
            for d in root.glob(f"{PREFIX}*-*"):
                if owner_gone(d.name, PREFIX):
                    group = Cgroup((d,))
                    group.kill()
                    group.remove(wait=0.5)


class _V2(_Backend):
    name = "cgroup v2"

    def _limit(self, dirs, request: Request) -> None:
        (d,) = dirs
        (d / "memory.max").write_text(str(request.memory))
        _try_write(d / "memory.swap.max", "0")
        (d / "pids.max").write_text(str(request.processes))
        if (d / "cpu.max").exists():
            (d / "cpu.max").write_text(f"{int(request.cpus * CPU_PERIOD_US)} {CPU_PERIOD_US}")


class _V1(_Backend):
    name = "cgroup v1"

    def _limit(self, dirs, request: Request) -> None:
        for d in dirs:
            if (d / "memory.limit_in_bytes").exists():
                (d / "memory.limit_in_bytes").write_text(str(request.memory))
                _try_write(d / "memory.memsw.limit_in_bytes", str(request.memory))  # no swapping past it
            if (d / "pids.max").exists():
                (d / "pids.max").write_text(str(request.processes))
            if (d / "cpu.cfs_quota_us").exists():
                (d / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
                (d / "cpu.cfs_quota_us").write_text(str(int(request.cpus * CPU_PERIOD_US)))


class _Scope(Cgroup):
    """A systemd scope: systemd makes it around the kernel and removes it when its last process exits
    (every student process is inside the sandbox's PID namespace, so it ends with the sandbox)."""

    def __init__(self, request: Request):
        super().__init__(())
        self.request = request

    def kill(self) -> None:
        pass

    def remove(self, wait: float = 0.0) -> bool:
        return True


class _Systemd(_Backend):
    name = "systemd scope"

    def __init__(self, user: bool):
        super().__init__(())
        self.user = user

    def create(self, request: Request) -> Cgroup:
        return _Scope(request)

    def prefix(self, request: Request) -> list[str]:
        return ["systemd-run", *(["--user"] if self.user else []), "--scope", "--quiet", "--collect",
                "-p", f"MemoryMax={request.memory}", "-p", "MemorySwapMax=0", "-p", f"TasksMax={request.processes}",
                "-p", f"CPUQuota={int(request.cpus * 100)}%", "--"]

    def sweep(self) -> None:
        pass


def _systemd() -> tuple[_Systemd | None, str]:
    import shutil
    import subprocess

    if not shutil.which("systemd-run") or not Path("/run/systemd/system").is_dir():
        return None, "no systemd"
    backend = _Systemd(user=os.geteuid() != 0)
    try:
        done = subprocess.run([*backend.prefix(Request(64 * 1024**2, 8, 1.0)), "/bin/true"], capture_output=True,
                              timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"systemd-run failed ({type(exc).__name__})"
    if done.returncode != 0:
        return None, "systemd-run cannot make a scope here: " + done.stderr.decode(errors="replace").strip()[:120]
    return backend, ""


def _try_write(path: Path, text: str) -> None:
    try:
        path.write_text(text)
    except OSError:
        pass


def owner_gone(name: str, prefix: str) -> bool:
    """Is ``name`` (``<prefix><grader pid>-...``) left by another grader process that no longer runs?"""
    owner = name[len(prefix):].split("-", 1)[0]
    if not owner.isdigit() or int(owner) == os.getpid():
        return False
    try:
        os.kill(int(owner), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, filesystem type, super options) of every cgroup mount, from /proc/self/mountinfo."""
    out: list[tuple[str, str, set[str]]] = []
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(fields) >= 5 and len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
            out.append((fields[4].replace("\\040", " "), tail[0], set(tail[2].split(","))))
    return out


def _own_paths() -> dict[str, str]:
    """``{controller or "" for v2: path of this process's cgroup}`` from /proc/self/cgroup."""
    out: dict[str, str] = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in (parts[1].split(",") if parts[1] else [""]):
                out[controller] = parts[2]
    return out


def _v2_root() -> tuple[Path | None, str]:
    own = _own_paths().get("")
    mount = next((m for m, kind, _ in _mounts() if kind == "cgroup2"), None)
    if own is None or mount is None:
        return None, "no cgroup v2 hierarchy"
    root = Path(mount) / own.lstrip("/")
    try:
        available = set((root / "cgroup.controllers").read_text().split())
    except OSError:
        return None, "cgroup v2: cannot read the grader's cgroup"
    missing = {"memory", "pids"} - available
    if missing:
        return None, f"cgroup v2: the {' and '.join(sorted(missing))} controller is not available to the grader"
    enabled = set((root / "cgroup.subtree_control").read_text().split())
    wanted = [c for c in ("memory", "pids", "cpu") if c in available and c not in enabled]
    if wanted:
        try:
            (root / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in wanted))
        except OSError as exc:
            return None, (f"cgroup v2: cannot enable {', '.join(wanted)} below the grader's cgroup "
                          f"({exc.strerror}; it holds processes or is not delegated)")
    if not os.access(root, os.W_OK):
        return None, "cgroup v2: the grader's cgroup is not writable"
    return root, ""


def _v1_roots() -> tuple[tuple[Path, ...] | None, str]:
    own = _own_paths()
    roots = []
    for controller in ("memory", "pids", "cpu"):
        mount = next((m for m, kind, opts in _mounts() if kind == "cgroup" and controller in opts), None)
        if mount is None or controller not in own:
            if controller == "cpu":
                continue  # no CPU quota, but memory and process limits still hold
            return None, f"cgroup v1: no {controller} hierarchy"
        root = Path(mount) / own[controller].lstrip("/")
        if root in roots:
            continue  # controllers mounted together ("cpu,cpuacct")
        if not os.access(root, os.W_OK):
            return None, f"cgroup v1: {root} is not writable"
        roots.append(root)
    return tuple(roots), ""


_lock = threading.Lock()
_chosen: list = []


def backend() -> tuple[_Backend | None, str]:
    """The cgroup backend this grader can use (probed once: a test cgroup is made and removed), or
    None and the reason none can."""
    with _lock:
        if not _chosen:
            _chosen.append(_probe())
        return _chosen[0]


def _probe() -> tuple[_Backend | None, str]:
    if os.environ.get("ASYLUM_TEACH_NO_CGROUP"):
        return None, "cgroups turned off (ASYLUM_TEACH_NO_CGROUP)"
    reasons = []
    root, why = _v2_root()
    candidates: list[_V1 | _V2] = []
    if root is not None:
        candidates.append(_V2((root,)))
    else:
        reasons.append(why)
    roots, why = _v1_roots()
    if roots is not None:
        candidates.append(_V1(roots))
    else:
        reasons.append(why)
    for candidate in candidates:
        try:
            group = candidate.create(Request(memory=64 * 1024**2, processes=8, cpus=1.0))
        except OSError as exc:
            reasons.append(f"{candidate.name}: cannot make a cgroup ({exc.strerror})")
            continue
        group.remove()
        candidate.sweep()
        return candidate, ""
    scope, why = _systemd()
    if scope is not None:
        return scope, ""
    reasons.append(why)
    return None, "; ".join(reasons) or "no cgroup hierarchy"


def launcher(group: Cgroup | None) -> list[str]:
    """A command prefix that moves itself into ``group`` and then execs the rest (none without a group)."""
    if group is None:
        return []
    if isinstance(group, _Scope):
        return _Systemd(user=os.geteuid() != 0).prefix(group.request)
    return ["/bin/sh", "-c", _LAUNCH, "sh", *group.procs_files, "--"]
