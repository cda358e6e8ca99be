"""Run one prepared notebook in a separate, limited process and collect the answers it reports.

:func:`run_notebook` is the only way grading executes student code. It

* makes a scratch directory outside the course tree (under the system temp dir) and deletes it after;
* starts :mod:`asylum_teach.grading.child` in a new session, inside bubblewrap when available
  (:mod:`asylum_teach.grading.sandbox`); the child sets address-space, file-size and core-dump limits
  on itself before it starts the kernel, so the kernel inherits them and cannot raise them;
* passes the job on stdin and reads results from a private pipe whose read end only the grader holds;
* caps what it reads from that pipe, and kills the whole process group at the notebook time limit.

What it returns is data only: decoded answers plus per-cell notes. Scoring happens elsewhere, in this
(grader) process. Set ``ASYLUM_TEACH_DEBUG=1`` to see the runner's and kernel's stderr when
debugging a runner problem.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from asylum_teach.grading import sandbox
from asylum_teach.grading.extraction import decode

MAX_CHANNEL_BYTES = 2_000_000


@dataclass(frozen=True)
class Limits:
    """Resource limits for one notebook run (the tests use small ones)."""

    cell_timeout: float = 30.0
    notebook_timeout: float = 120.0
    output_cap: int = 1_000_000  # bytes of output kept per notebook
    memory: int = 2 * 1024**3  # address space per process, bytes
    file_size: int = 64 * 1024**2


@dataclass
class RunResult:
    """What came back from one run: answers by key, notes about cells, an overall status."""

    answers: dict = field(default_factory=dict)
    cell_notes: list = field(default_factory=list)  # (cell index, status, detail)
    status: str = "ok"
    seconds: float = 0.0


def run_notebook(notebook: dict, nonce: str, limits: Limits = Limits()) -> RunResult:
    """Execute ``notebook`` (already rebuilt, with emitter cells) and return the reported answers."""
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="asylum-teach-run-"))
    read_fd, write_fd = os.pipe()
    job = json.dumps({"notebook": notebook, "nonce": nonce, "cell_timeout": limits.cell_timeout,
                      "output_cap": limits.output_cap, "memory": limits.memory,
                      "file_size": limits.file_size})
    command = [sys.executable, "-m", "asylum_teach.grading.child", str(write_fd)]
    env = {
        "PATH": os.path.dirname(sys.executable) + ":/usr/bin:/bin",
        "HOME": str(scratch),
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(scratch / "mpl"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "ASYLUM_TEACH_GRADING": "1",
        "LANG": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1",  # per-thread BLAS buffers would eat the address-space limit
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    result = RunResult()
    chunks: list[bytes] = []
    drop = _unprivileged_user(scratch)
    try:
        proc = subprocess.Popen(
            sandbox.wrap(command, scratch, write_fd), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=(None if os.environ.get("ASYLUM_TEACH_DEBUG") else subprocess.DEVNULL), pass_fds=(write_fd,), cwd=scratch, env=env,
            start_new_session=True, **drop)
    except OSError as exc:
        os.close(read_fd)
        os.close(write_fd)
        shutil.rmtree(scratch, ignore_errors=True)
        result.status = "runner-error"
        result.cell_notes.append((None, "runner-error", f"could not start the runner: {exc}"))
        return result
    os.close(write_fd)
    reader = threading.Thread(target=_drain, args=(read_fd, chunks), daemon=True)
    reader.start()
    try:
        proc.stdin.write(job.encode())
        proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=limits.notebook_timeout)
    except subprocess.TimeoutExpired:
        result.status = "timeout"
        result.cell_notes.append((None, "timeout",
                                  f"the notebook ran longer than {limits.notebook_timeout:g} s and was stopped"))
    finally:
        _kill_group(proc)
    reader.join(timeout=10)
    shutil.rmtree(scratch, ignore_errors=True)
    _parse_events(b"".join(chunks), result)
    result.seconds = time.monotonic() - started
    return result


def _unprivileged_user(scratch: Path) -> dict:
    """Without the sandbox, a grader running as root runs the notebook as ``nobody`` instead, so student
    code cannot write the gradebook or signal the grader's processes (it can still read what any user can)."""
    if sandbox.available() or os.geteuid() != 0 or not _nobody_can_run():
        return {}
    nobody = 65534
    for path in (scratch, *scratch.rglob("*")):
        os.chown(path, nobody, nobody)
    return {"user": nobody, "group": nobody, "extra_groups": []}


@functools.lru_cache(maxsize=1)
def _nobody_can_run() -> bool:
    """Can ``nobody`` start this Python and import the runner? (Not if Python lives under /root.)"""
    try:
        probe = subprocess.run([sys.executable, "-c", "import asylum_teach.grading.child, nbclient"],
                               user=65534, group=65534, extra_groups=[], cwd="/", capture_output=True,
                               timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": "/"})
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _drain(fd: int, chunks: list[bytes]) -> None:
    total = 0
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            data = pipe.read(65536)
            if not data:
                return
            if total < MAX_CHANNEL_BYTES:
                chunks.append(data[: MAX_CHANNEL_BYTES - total])
            total += len(data)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass


def _parse_events(raw: bytes, result: RunResult) -> None:
    final = None
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            event = json.loads(line, parse_constant=_reject)
        except (ValueError, RecursionError):
            continue
        if type(event) is not dict:
            continue
        kind = event.get("event")
        if kind == "answer" and type(event.get("key")) is str and event["key"] not in result.answers:
            result.answers[event["key"]] = decode(event.get("value"))
        elif kind == "cell":
            index = event.get("index") if type(event.get("index")) is int else None
            result.cell_notes.append((index, str(event.get("status"))[:40], str(event.get("detail", ""))[:300]))
        elif kind == "done":
            final = str(event.get("status"))[:40]
            if event.get("detail"):
                result.cell_notes.append((None, final, str(event["detail"])[:300]))
    if result.status == "ok":
        result.status = final if final else "crashed"


def _reject(name):
    raise ValueError(name)
