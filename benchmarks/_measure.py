"""Run a command and measure it: wall time, exit code, and memory of its whole process tree.

Memory is sampled with psutil every ``SAMPLE_EVERY`` seconds over the command and all its
descendants (found by parent links, so processes inside a bubblewrap sandbox are included: they are
ordinary processes of this host). Each process is classed as a *kernel* (an ``ipykernel_launcher``, or
asylum-teach's own ``python -m asylum_teach.grading.kernel``, and every process a kernel starts: a
student's fork bomb or memory hog is the student's, not the grader's) or *machinery* (everything else:
the grader process, which drives the kernels and collects their outputs, and the bubblewrap processes
that hold each kernel's sandbox). Three peaks are kept:

* ``top_rss``: the command's own process (the grader itself);
* ``machinery_rss``: sum of RSS over the non-kernel processes (what the grading tool holds, incl. the
  notebook outputs it collects; the fair comparison between tools, since kernels run the same code);
  a fork that has not yet run ``exec`` (a few ms while a sandbox or kernel starts) is left out of every
  sum, since its pages are its parent's (see :func:`_unexeced_fork`);
* ``tree_rss``: sum over the whole tree, kernels included (shared pages counted once per process,
  so it overstates the real footprint a little).

The same two sums are also kept as PSS (proportional set size: a page shared by k processes counts
1/k in each), sampled every ``PSS_EVERY``-th time because it is dearer to read. RSS sums count shared
pages (libpython, numpy, zmq ...) once per process, so they overstate what a set of processes uses;
PSS sums do not.

CPU time is the sum, over every process seen in the tree, of its user+system time at its last sample.

``ru_maxrss`` from ``os.wait4`` is kept as a cross-check: the largest single process the command
waited for (Linux reports it in KiB), which sampling cannot miss.

Kernel hygiene: every benchmark command gets its own ``JUPYTER_RUNTIME_DIR`` and ``TMPDIR`` under a
directory this run owns, so the connection file of every kernel it starts (which appears on the
kernel's command line) names that directory. :func:`reap_kernels` kills exactly those kernels, by pid,
if any outlived their parent; nobody else's kernels are touched.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field

import psutil

SAMPLE_EVERY = 0.05
PSS_EVERY = 5  # PSS (reads /proc/PID/smaps_rollup, ~0.5 ms a process) on every 5th sample only
MB = 1024 * 1024


@dataclass
class Measured:
    label: str
    wall: float = 0.0
    returncode: int | None = None
    top_rss: int = 0
    machinery_rss: int = 0
    tree_rss: int = 0
    machinery_pss: int = 0
    tree_pss: int = 0
    ru_maxrss: int = 0  # bytes
    max_processes: int = 0
    samples: int = 0
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    extra: dict = field(default_factory=dict)

    def mb(self, name: str) -> float:
        return getattr(self, name) / MB


GRADING_KERNEL = "asylum_teach.grading.kernel"


def is_kernel_command(cmdline: list[str]) -> bool:
    """Is this command line a Jupyter kernel? An ``ipykernel_launcher`` (nbgrader, papermill, the floor)
    or asylum-teach's ``python -m asylum_teach.grading.kernel``, named in its first few argv parts (as
    an argument of its own, so ``python -c "...asylum_teach.grading.kernel..."`` is not one).
    Bubblewrap is sandbox machinery, never a kernel, although its (long) command line ends with one."""
    if not cmdline or os.path.basename(cmdline[0]) == "bwrap":
        return False
    return any(part == "ipykernel" or part == GRADING_KERNEL or "ipykernel_launcher" in part for part in cmdline[:4])


def _is_kernel(proc: psutil.Process) -> bool:
    try:
        return is_kernel_command(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


FORK_GRACE = 0.5  # seconds


def _unexeced_fork(proc: psutil.Process) -> bool:
    """A child that has just been forked and has not yet run ``exec`` (the grader's ``subprocess.Popen`` of a
    sandbox, for a few ms): same command line as its parent and younger than ``FORK_GRACE``. Its RSS is
    the parent's pages, shared copy-on-write, so counting it would add a second grader to the sum. A
    long-lived fork (a ``ProcessPoolExecutor`` worker) is counted once it is older than that."""
    try:
        if time.time() - proc.create_time() > FORK_GRACE:
            return False
        parent = proc.parent()
        return parent is not None and proc.cmdline() == parent.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def _student_side(procs: list, known: set[int]) -> set[int]:
    """The pids among ``procs`` that are kernels, or were started by a kernel (a student's own processes: a
    fork bomb's children, a memory hog's subprocesses), whatever their command line."""
    parents = {}
    for proc in procs:
        try:
            parents[proc.pid] = proc.ppid()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    side = {pid for pid in parents if pid in known} | {p.pid for p in procs if p.pid in parents and _is_kernel(p)}
    grown = True
    while grown:
        more = {pid for pid, parent in parents.items() if pid not in side and parent in side}
        side |= more
        grown = bool(more)
    return side


class _Sampler(threading.Thread):
    def __init__(self, pid: int, result: Measured):
        super().__init__(daemon=True)
        self.pid = pid
        self.result = result
        self.stop = threading.Event()
        self._kernels: set[int] = set()  # pids known to be kernels
        self.cpu: dict[int, float] = {}  # pid -> user+system seconds at its last sample

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            top = machinery = tree = machinery_pss = tree_pss = 0
            with_pss = self.result.samples % PSS_EVERY == 0
            self._kernels |= _student_side(procs, self._kernels)
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    times = proc.cpu_times()
                    self.cpu[proc.pid] = times.user + times.system
                except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                    continue
                # only a yes is cached: a process seen between fork and exec (bubblewrap's child before it
                # becomes the kernel, a kernel manager's child before it runs ipykernel) still has its parent's
                # command line, and caching that no would count the kernel as machinery for the rest of its life
                kernel = proc.pid in self._kernels
                if not kernel and proc.pid != self.pid and _unexeced_fork(proc):
                    continue  # its pages are its parent's, already counted
                tree += rss
                if not kernel:
                    machinery += rss
                if with_pss:
                    try:
                        pss = proc.memory_full_info().pss
                    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                        pss = 0
                    tree_pss += pss
                    if not kernel:
                        machinery_pss += pss
                if proc.pid == self.pid:
                    top = rss
            r = self.result
            r.top_rss, r.machinery_rss, r.tree_rss = max(r.top_rss, top), max(r.machinery_rss, machinery), \
                max(r.tree_rss, tree)
            r.machinery_pss, r.tree_pss = max(r.machinery_pss, machinery_pss), max(r.tree_pss, tree_pss)
            r.max_processes = max(r.max_processes, len(procs))
            r.samples += 1
            self.stop.wait(SAMPLE_EVERY)


def run_measured(label: str, command: list[str], *, env: dict | None = None, cwd=None,
                 timeout: float = 1800, capture: bool = True) -> Measured:
    """Run ``command`` to completion (or kill its tree at ``timeout``) and measure it."""
    result = Measured(label)
    out = subprocess.PIPE if capture else None
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=out, start_new_session=True,
                            text=True)
    sampler = _Sampler(proc.pid, result)
    sampler.start()
    collected: dict[str, str] = {}
    readers = []
    if capture:
        for name, stream in (("stdout", proc.stdout), ("stderr", proc.stderr)):
            t = threading.Thread(target=lambda n=name, s=stream: collected.__setitem__(n, s.read()), daemon=True)
            t.start()
            readers.append(t)
    deadline = started + timeout
    status = rusage = None
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            result.timed_out = True
            kill_tree(proc.pid)
            _, status, rusage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    result.wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    result.returncode = proc.returncode
    result.ru_maxrss = rusage.ru_maxrss * 1024
    sampler.stop.set()
    sampler.join(timeout=5)
    # CPU of every process seen in the tree, at its last sample (a process living < 50 ms may be missed;
    # rusage cannot be used: a sandboxed child killed by its group is never waited for, so its time is lost)
    result.extra["cpu_s"] = sum(sampler.cpu.values())
    kill_tree(proc.pid)  # anything the command left behind in its session
    for t in readers:
        t.join(timeout=10)
    result.stdout = collected.get("stdout") or ""
    result.stderr = collected.get("stderr") or ""
    return result


def kill_tree(pid: int) -> None:
    """SIGKILL the process group ``pid`` leads (we start every command in its own session)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def reap_kernels(owned_dir: str) -> list[int]:
    """Kill kernels whose command line names ``owned_dir`` (ours, by construction); return their pids."""
    killed = []
    me = os.getuid()
    for proc in psutil.process_iter(["pid", "uids", "cmdline"]):
        try:
            if proc.info["uids"] is None or proc.info["uids"].real != me:
                continue
            cmd = proc.info["cmdline"] or []
            if _is_kernel(proc) and any(owned_dir in part for part in cmd):
                proc.kill()
                killed.append(proc.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return killed


def median(values):
    values = sorted(values)
    if not values:
        return float("nan")
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def cpu_steal_fraction(before: list[int], after: list[int]) -> float:
    """Share of CPU time stolen by the hypervisor between two ``/proc/stat`` cpu lines."""
    deltas = [b - a for a, b in zip(before, after)]
    total = sum(deltas[:8]) or 1
    return deltas[7] / total if len(deltas) > 7 else 0.0


def read_cpu_times() -> list[int]:
    try:
        with open("/proc/stat") as fh:
            return [int(x) for x in fh.readline().split()[1:]]
    except OSError:
        return []
