"""What the benchmark scripts share: run a command and measure its process tree; percentiles; logging.

Memory: psutil samples the command and all its descendants every 50 ms (processes inside bubblewrap
are ordinary host processes, so they count). A process is on the *kernel* side if it is a Jupyter kernel
(``ipykernel_launcher``, or ``python -m asylum_teach.grading.kernel``) or was started by one: a student's
fork bomb is the student's. Everything else is *machinery*: the grader process and the bubblewrap
processes holding each sandbox. Peaks are kept as PSS sums (a page shared by k processes counts 1/k in
each, so libpython, numpy or a fresh fork's pages are not counted once per process, as RSS sums would).
CPU is user+system over every process seen, at its last sample.

Each command runs in its own session with ``JUPYTER_RUNTIME_DIR`` under a directory the run owns, so
:func:`reap_kernels` kills exactly the kernels a command left behind, by pid.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import psutil

SAMPLE_EVERY = 0.1
MB = 1024 * 1024
GRADING_KERNEL = "asylum_teach.grading.kernel"
GONE = (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(values) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def pct(values, q: float) -> float | None:
    """The ``q`` quantile (0..1) of ``values``, interpolated linearly between ranks; None if empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(fn, repeats: int) -> float:
    """Median seconds of ``repeats`` calls of ``fn(i)``."""
    out = []
    for i in range(repeats):
        t0 = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def last_json(text: str, what: str):
    """The JSON object on the last line a benchmark script printed."""
    try:
        return json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise RuntimeError(f"{what} printed no result") from None


@dataclass
class Measured:
    wall: float = 0.0
    returncode: int | None = None
    machinery_pss: int = 0
    tree_pss: int = 0
    cpu: float = 0.0
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    load: tuple = ()

    def raw(self) -> dict:
        """The numbers kept in results.json (MB, seconds)."""
        return {"wall": round(self.wall, 2), "cpu": round(self.cpu, 2), "returncode": self.returncode,
                "machinery_pss": round(self.machinery_pss / MB, 1), "tree_pss": round(self.tree_pss / MB, 1),
                "load": [round(x, 2) for x in self.load], "timed_out": self.timed_out}


def is_kernel_command(cmdline: list[str]) -> bool:
    """A kernel names ``ipykernel``/``ipykernel_launcher`` or the grading kernel among its first argv parts;
    bubblewrap, whose long command line ends with one, is machinery."""
    if not cmdline or os.path.basename(cmdline[0]) == "bwrap":
        return False
    return any(p == "ipykernel" or p == GRADING_KERNEL or "ipykernel_launcher" in p for p in cmdline[:4])


def _is_kernel(proc) -> bool:
    try:
        return is_kernel_command(proc.cmdline())
    except GONE:
        return False


def _kernel_side(procs: list, known: set[int]) -> set[int]:
    """Pids that are kernels or descend from one."""
    parents = {}
    for proc in procs:
        try:
            parents[proc.pid] = proc.ppid()
        except GONE:
            continue
    side = {pid for pid in parents if pid in known} | {p.pid for p in procs if p.pid in parents and _is_kernel(p)}
    while more := {pid for pid, parent in parents.items() if pid not in side and parent in side}:
        side |= more
    return side


def _sample(pid: int, result: Measured, stop: threading.Event) -> None:
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    kernels: set[int] = set()
    cpu: dict[int, float] = {}
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        kernels |= _kernel_side(procs, kernels)
        machinery = tree = 0
        for proc in procs:
            try:
                pss = proc.memory_full_info().pss
                t = proc.cpu_times()
            except GONE:
                continue
            cpu[proc.pid] = t.user + t.system
            tree += pss
            machinery += 0 if proc.pid in kernels else pss
        result.machinery_pss, result.tree_pss = max(result.machinery_pss, machinery), max(result.tree_pss, tree)
        result.cpu = sum(cpu.values())
        stop.wait(SAMPLE_EVERY)


def run_measured(command: list, *, env: dict | None = None, cwd=None, timeout: float = 3600) -> Measured:
    """Run ``command`` to completion (or kill its session at ``timeout``) and measure its tree."""
    result = Measured(load=(os.getloadavg()[0],))
    started = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in command], env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, text=True)
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, result, stop), daemon=True)
    sampler.start()
    out: dict = {}
    readers = [threading.Thread(target=lambda k=k, s=s: out.__setitem__(k, s.read()), daemon=True)
               for k, s in (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for r in readers:
        r.start()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        result.timed_out = True
        kill_tree(proc.pid)
        proc.wait()
    result.wall = time.perf_counter() - started
    result.returncode = proc.returncode
    result.load += (os.getloadavg()[0],)
    stop.set()
    sampler.join(timeout=5)
    kill_tree(proc.pid)  # anything the command left behind in its session (it would hold the pipes open)
    for r in readers:
        r.join(timeout=10)
    result.stdout, result.stderr = out.get("stdout") or "", out.get("stderr") or ""
    return result


def kill_tree(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def reap_kernels(owned_dir: str) -> list[int]:
    """Kill this user's kernels whose command line names ``owned_dir`` (ours, by construction)."""
    killed = []
    for proc in psutil.process_iter(["pid", "uids", "cmdline"]):
        try:
            if (proc.info["uids"] and proc.info["uids"].real == os.getuid() and _is_kernel(proc)
                    and any(owned_dir in part for part in proc.info["cmdline"] or [])):
                proc.kill()
                killed.append(proc.pid)
        except GONE:
            continue
    return killed
