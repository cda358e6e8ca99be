"""Run prepared notebooks, each in a fresh, limited, sandboxed kernel, and collect the answers they report.

A :class:`Runner` is one worker slot. It is the only way grading executes student code:

* every notebook gets a **fresh kernel** (:mod:`asylum_teach.grading.kernel`) in its own cgroup
  (:mod:`asylum_teach.grading.cgroups`: memory, processes and CPU for all its processes together) and
  its own sandbox (:mod:`asylum_teach.grading.sandbox`): an unprivileged uid with no capabilities, no
  network, no view of the course tree, its own process ids and a size-capped ``/tmp`` as its home;
  no two students ever share a kernel, a sandbox, a cgroup, a ``/tmp`` or a scratch directory;
* the kernel sets address-space, file-size, core-dump and process limits on itself before it runs
  anything, so the student's code inherits them and cannot raise them;
* this process drives the kernel with nbclient over Jupyter's sockets (Unix sockets in the scratch
  directory, since the sandbox has no network). Student code never runs here and cannot reach it: it
  sees only its own kernel's sockets, and the messages it sends are size-limited, their outputs are
  dropped as they arrive (only errors and the nonce-stamped answer reports are kept), and a cell that
  prints past the output cap is interrupted;
* at the notebook time limit, or when the notebook is done, the sandbox and everything in it is killed
  and the scratch directory deleted.

**Overlap.** While one notebook runs, the runner has already started the next notebook's kernel, which
spends that time importing the library (the exercise's own module, named in ``warm``). Starting a
kernel is mostly waiting on a new process, so a worker rarely waits for one. The spare kernel has run
no student code; it is handed to exactly one notebook and killed after it.

What :meth:`Runner.run` returns is data only: decoded answers plus per-cell notes. Scoring happens
elsewhere. Set ``ASYLUM_TEACH_DEBUG=1`` to see the kernels' stderr when debugging a runner problem.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asylum_teach.exceptions import GradingError
from asylum_teach.grading import cgroups, sandbox
from asylum_teach.grading import kernel as kernel_entry
from asylum_teach.grading.extraction import ANSWER_MIME, decode, parse_payload

MAX_RESTARTS = 2
# What one kernel can make this process hold: a larger message frame drops the connection, and past
# the queue limit further output is dropped (a flooding kernel's output is thrown away anyway).
MAX_MESSAGE_BYTES = 2 * 1024**2
MAX_QUEUED_MESSAGES = 64
KEPT_DETAIL = 300
SCRATCH_PREFIX = "asylum-teach-run-"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one student's notebook run (the tests use small ones).

    ``memory``, ``processes`` and ``cpus`` hold for all of a student's processes together when the
    student has a cgroup (:mod:`.cgroups`); without one, ``memory`` limits each process's address space
    and ``processes`` the processes of the kernel's uid in its sandbox."""

    cell_timeout: float = 30.0
    notebook_timeout: float = 120.0
    output_cap: int = 1_000_000  # bytes of output a cell may print before it is interrupted
    memory: int = 2 * 1024**3  # bytes for all of the student's processes (and each one's address space)
    file_size: int = 64 * 1024**2  # largest file a kernel may write
    processes: int = 256  # processes and threads at once
    cpus: float = 1.0  # cores' worth of CPU time
    scratch: int = 256 * 1024**2  # size of the private /tmp (home and working directory)

    def __post_init__(self):
        import math

        for name in ("cell_timeout", "notebook_timeout", "output_cap", "memory", "file_size", "processes",
                     "cpus", "scratch"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or value <= 0:
                raise GradingError(f"limit {name} must be a positive number, got {value!r}")


@dataclass
class RunResult:
    """What came back from one run: answers by key, notes about cells, an overall status."""

    answers: dict = field(default_factory=dict)
    cell_notes: list = field(default_factory=list)  # (cell index, status, detail)
    status: str = "ok"
    seconds: float = 0.0


def run_notebook(notebook: dict, nonce: str, limits: Limits = Limits(), warm: tuple[str, ...] = ()) -> RunResult:
    """Execute one ``notebook`` (already rebuilt, with emitter cells) and return the reported answers."""
    with Runner(limits, warm, prestart=False) as runner:
        return runner.run(notebook, nonce)


class Runner:
    """One worker slot: notebooks one after another, each in a fresh sandboxed kernel (see the module doc).

    Use it from one thread, as a context manager; :meth:`close` kills the spare kernel."""

    def __init__(self, limits: Limits = Limits(), warm: tuple[str, ...] = (), prestart: bool = True):
        self.limits = limits
        self.warm = tuple(warm)
        self.prestart = prestart
        self._loop = asyncio.new_event_loop()
        self._spare: _Kernel | None = None
        self._current: list[_Kernel] = []  # the running notebook's kernels, for abort()
        self._aborted = False
        self._context: Any = None  # a zmq.asyncio.Context, made on the first kernel start
        _sweep_stale_scratch()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def abort(self) -> None:
        """Stop at once (safe from another thread): kill the running notebook's kernel and the spare; the
        notebook in progress ends as ``runner-error`` and no new one starts."""
        self._aborted = True
        for kernel in [*self._current, *([self._spare] if self._spare else [])]:
            kernel.kill()

    def close(self) -> None:
        if self._spare is not None:
            self._spare.kill()
            self._spare = None
        if self._context is not None:
            self._context.destroy(linger=0)
            self._context = None
        if not self._loop.is_closed():
            for task in asyncio.all_tasks(self._loop):  # nbclient's pollers of the last kernel
                task.cancel()
            self._loop.run_until_complete(asyncio.sleep(0))
            self._loop.close()

    def run(self, notebook: dict, nonce: str) -> RunResult:
        """Execute ``notebook`` in a fresh kernel; never raises for anything the notebook does."""
        started = time.monotonic()
        result = RunResult()
        try:
            result.status = self._loop.run_until_complete(self._run(notebook, nonce, result))
        except Exception as exc:  # report, never stop the batch
            result.status = "runner-error"
            result.cell_notes.append((None, "runner-error", f"{type(exc).__name__}: {exc}"[:KEPT_DETAIL]))
        result.seconds = time.monotonic() - started
        return result

    # -- kernels ---------------------------------------------------------------------------------

    async def _take_kernel(self) -> _Kernel:
        if self._aborted:
            raise RuntimeError("grading was interrupted")
        kernel, self._spare = self._spare, None
        if kernel is None or not kernel.alive():
            if kernel is not None:
                kernel.kill()
            kernel = await self._launch()
        if self.prestart:
            self._spare = await self._launch()
        return kernel

    async def _launch(self) -> _Kernel:
        import zmq
        import zmq.asyncio

        if self._context is None:
            self._context = zmq.asyncio.Context()
            self._context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
            self._context.setsockopt(zmq.RCVHWM, MAX_QUEUED_MESSAGES)
            self._context.setsockopt(zmq.LINGER, 0)
        return await _Kernel(self.limits, self.warm, self._context).start()

    # -- one notebook ----------------------------------------------------------------------------

    async def _run(self, notebook: dict, nonce: str, result: RunResult) -> str:
        import nbformat

        nb = nbformat.from_dict(notebook)
        client = _capped_client(nb, self.limits)
        kernels: list[_Kernel] = []
        self._current = kernels
        expired: list[bool] = []

        def expire() -> None:  # at the notebook time limit: kill the kernel; its cell then ends at once
            expired.append(True)
            for kernel in kernels:
                kernel.kill()

        watchdog = self._loop.call_later(self.limits.notebook_timeout, expire)
        try:
            status = await self._cells(nb, nonce, client, kernels, result, expired)
        except Exception:
            if not expired:
                raise
            status = "timeout"
        finally:
            watchdog.cancel()
            for kernel in kernels:
                kernel.kill()
            if client.kc is not None:
                client.kc.stop_channels()
        if expired:
            result.cell_notes.append((None, "timeout", f"the notebook ran longer than "
                                                       f"{self.limits.notebook_timeout:g} s and was stopped"))
            return "timeout"
        return status

    async def _cells(self, nb, nonce: str, client, kernels: list, result: RunResult, expired: list) -> str:
        from nbclient.exceptions import DeadKernelError

        done: list[int] = []
        reported: set[str] = set()
        status, start, current = "ok", 0, 0
        for _attempt in range(MAX_RESTARTS + 1):
            if expired:
                break
            kernel = await self._take_kernel()
            kernels.append(kernel)
            client.km, client.kc = kernel.manager, None
            try:
                client.kc = kernel.manager.client(context=self._context)  # our socket limits, not a new context
                client.kc.start_channels()
                await client.kc.wait_for_ready(timeout=client.startup_timeout)
                kernel.seal()
                client.kc.allow_stdin = False
                for idx in done:  # replay after a kernel death, without re-reporting answers
                    current = idx
                    await client.async_execute_cell(copy.deepcopy(nb.cells[idx]), idx)
                for idx in range(start, len(nb.cells)):
                    cell = nb.cells[idx]
                    current = idx
                    if cell.cell_type != "code":
                        continue
                    await client.async_execute_cell(cell, idx)
                    if idx in client.emit_cells:
                        _report_answers(cell, nonce, reported, result)
                    else:
                        done.append(idx)
                        status = _report_cell(cell, idx, client, result, status)
                return status
            except DeadKernelError:
                if expired:
                    break
                result.cell_notes.append((current, "kernel-died", "the kernel died while running this cell"))
                status = "kernel-died"
                if current in done:
                    done.remove(current)
                start = current + 1
                kernel.kill()
                if client.kc is not None:
                    client.kc.stop_channels()
                    client.kc = None
        return status


class _Kernel:
    """One kernel in its own scratch directory, cgroup and sandbox: launched, not yet waited for."""

    def __init__(self, limits: Limits, warm: tuple[str, ...], context):
        from jupyter_client.manager import AsyncKernelManager

        self.limits, self.warm = limits, warm
        self.scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
        runtime = self.scratch / "runtime"
        runtime.mkdir()
        self.uid = sandbox.kernel_uid()
        backend, _ = cgroups.backend()
        self.group = backend.create(cgroups.Request(limits.memory, limits.processes, limits.cpus)) if backend else None
        self.manager = AsyncKernelManager(context=context, transport="ipc", ip=str(runtime / "k"),
                                          connection_file=str(runtime / "kernel.json"))
        self.manager._kernel_spec = _kernel_spec()
        plain = self.manager.format_kernel_cmd
        self.manager.format_kernel_cmd = lambda extra_arguments=None: sandbox.wrap(  # type: ignore[method-assign]
            plain(extra_arguments), self.scratch, uid=self.uid, group=self.group, scratch_bytes=limits.scratch)

    async def start(self) -> _Kernel:
        debug = bool(os.environ.get("ASYLUM_TEACH_DEBUG"))
        quiet = None if debug else subprocess.DEVNULL
        self.manager.write_connection_file()
        sandbox.hand_over(self.scratch, self.uid)  # the kernel's uid may read its connection file, bind sockets
        # ``independent``: inside the sandbox the kernel's parent is the sandbox's init, so it must not poll
        # its parent (bubblewrap kills it when this process dies); unsandboxed it polls this process as usual
        await self.manager.start_kernel(env=_environment(self.scratch, self.limits, self.warm), cwd=str(self.scratch),
                                        independent=sandbox.available(), stdout=quiet, stderr=quiet,
                                        pass_fds=(_lifeline(),))
        return self

    def seal(self) -> None:
        """The kernel is ready (its sockets are bound): from now on it can write no host folder."""
        sandbox.seal(self.scratch)

    def alive(self) -> bool:
        process = getattr(self.manager.provisioner, "process", None)
        return process is not None and process.poll() is None

    def kill(self) -> None:
        """Kill the kernel's sandbox and every process in its cgroup; delete its scratch directory."""
        process = getattr(self.manager.provisioner, "process", None)
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.group is not None:
            self.group.kill()
        if process is not None:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover
                pass
        if self.group is not None and not self.group.remove(wait=0.5):
            _LEFT_GROUPS.append(self.group)  # a process still exiting: removed by a later kill
        for group in list(_LEFT_GROUPS):
            if group.remove():
                _LEFT_GROUPS.remove(group)
        self.manager._close_control_socket()  # else a class of hundreds would pile up open sockets
        shutil.rmtree(self.scratch, ignore_errors=True)


_LEFT_GROUPS: list = []


@functools.lru_cache(maxsize=1)
def _kernel_spec():
    """The kernel command: this Python running :mod:`asylum_teach.grading.kernel`. Interrupts go as a
    message on the control socket (the kernel then signals itself), since a signal from here would reach
    the sandbox's init rather than the kernel."""
    from jupyter_client.kernelspec import KernelSpec

    return KernelSpec(argv=[_python(), "-m", kernel_entry.__name__, "-f", "{connection_file}",
                            "--HistoryManager.hist_file=:memory:"],
                      display_name="asylum-teach grading", language="python", interrupt_mode="message")


def _python() -> str:
    """This interpreter's path without ``..`` parts: started as ``benchmarks/../.venv/bin/python`` it
    would name a folder the sandbox does not show."""
    return os.path.normpath(os.path.abspath(sys.executable))


def _environment(scratch: Path, limits: Limits, warm: tuple[str, ...]) -> dict:
    home = sandbox.home(scratch)
    backend, _ = cgroups.backend()
    # processes per kernel uid: per sandbox in its user namespace; a cgroup counts them otherwise
    processes = limits.processes if sandbox.available() or backend is None else 0
    session = {k: os.environ[k] for k in cgroups.SESSION_ENV if k in os.environ} if backend and backend.name == \
        "systemd scope" else {}  # for systemd-run --user; bwrap unsets them inside the sandbox
    return {
        **session,
        "PATH": os.path.dirname(_python()) + ":/usr/bin:/bin",
        "HOME": home,
        "USER": "student",
        "LOGNAME": "student",
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{home}/.mpl",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "ASYLUM_TEACH_GRADING": "1",
        "LANG": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1",  # per-thread BLAS buffers would eat the address-space limit
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        kernel_entry.LIMITS_ENV: f"{limits.memory},{limits.file_size},{processes}",
        kernel_entry.WARM_ENV: ",".join(warm),
        kernel_entry.LIFELINE_ENV: str(_lifeline()),
    }


@functools.lru_cache(maxsize=1)
def _lifeline() -> int:
    """The read end of a pipe whose write end only this process holds (it is not inheritable), handed
    to every kernel: when this process dies the pipe reads as closed and the kernels exit."""
    read_end, _write_end = os.pipe()  # the write end stays open, unreferenced, until this process ends
    return read_end


@functools.lru_cache(maxsize=1)
def _sweep_stale_scratch() -> None:
    """Delete scratch directories left by graders that were killed (named with their process id)."""
    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        if cgroups.owner_gone(path.name, SCRATCH_PREFIX):
            shutil.rmtree(path, ignore_errors=True)


def _capped_client(nb, limits: Limits):
    """An nbclient for ``nb`` that keeps only what grading reads: the answer reports of emit cells and
    (trimmed) errors. Every other output is counted and dropped as it arrives; a cell past
    ``limits.output_cap`` bytes is interrupted."""
    from nbclient import NotebookClient
    from traitlets import Float

    class CappedClient(NotebookClient):
        # nbclient declares an integer timeout: 7.5 s (a quarter of --timeout 30) was refused for every
        # cell and every notebook scored 0. Its polling works in float seconds.
        timeout = Float(None, allow_none=True)
        output_cap: int = 0
        output_used: dict[int, int] = {}
        capped_cells: set[int] = set()
        emit_cells: set[int] = set()

        def output(self, outs, msg, display_id, cell_index):
            if cell_index in self.emit_cells:  # the answer report: a few small outputs, never capped away
                if len(outs) >= 4 or len(json.dumps(msg.get("content", {}), default=str)) > 50_000:
                    return None
                return super().output(outs, msg, display_id, cell_index)
            if msg.get("msg_type") == "error":  # always keep the (trimmed) error, so notes stay right
                content = msg.get("content", {})
                content["traceback"] = [str(t)[:2000] for t in content.get("traceback", [])[-5:]]
                return super().output(outs, msg, display_id, cell_index)
            used = self.output_used.get(cell_index, 0) + len(json.dumps(msg.get("content", {}), default=str))
            self.output_used[cell_index] = used
            if used > self.output_cap and cell_index not in self.capped_cells:
                self.capped_cells.add(cell_index)
                asyncio.ensure_future(_interrupt(self.km))
            return None

        def clear_output(self, outs, msg, cell_index):
            return None

        def handle_comm_msg(self, outs, msg, cell_index):
            return None

    client = CappedClient(
        nb, log=_QUIET, timeout=limits.cell_timeout, interrupt_on_timeout=True,
        error_on_timeout={"ename": "CellTimeout", "evalue": "the cell ran longer than its time limit"},
        allow_errors=True, startup_timeout=60, record_timing=False, shutdown_kernel="immediate",
        resources={"metadata": {"path": "."}})
    client.output_cap = limits.output_cap
    client.output_used, client.capped_cells = {}, set()
    client.emit_cells = {i for i, c in enumerate(nb.cells) if c.metadata.get("asylum_teach", {}).get("role") == "emit"}
    return client


_QUIET = logging.getLogger("asylum_teach.grading.nbclient")  # nbclient's timeout chatter: notes say it
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


async def _interrupt(km):
    try:
        await km.interrupt_kernel()
    except Exception:
        pass


def _report_cell(cell, idx, client, result: RunResult, status: str) -> str:
    if idx in client.capped_cells:
        result.cell_notes.append((idx, "output-cap", "output exceeded the cap; the cell was interrupted"))
        return "output-cap" if status == "ok" else status
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            ename = str(out.get("ename", "Error"))[:80]
            if ename in ("CellTimeout", "KeyboardInterrupt"):
                result.cell_notes.append((idx, "timeout", "the cell hit its time limit and was interrupted"))
                return "timeout" if status in ("ok", "errors") else status
            result.cell_notes.append((idx, "error", f"{ename}: {str(out.get('evalue', ''))[:200]}"))
            return "errors" if status == "ok" else status
    return status


def _report_answers(cell, nonce: str, reported: set, result: RunResult) -> None:
    for out in cell.get("outputs", []):
        if out.get("output_type") != "display_data" or out.get("metadata", {}).get("nonce") != nonce:
            continue
        parsed = parse_payload(out.get("data", {}).get(ANSWER_MIME))
        if parsed is None:
            continue
        key, value = parsed
        if key in reported or key != cell.metadata["asylum_teach"]["key"]:
            continue
        reported.add(key)
        result.answers[key] = decode(value)
