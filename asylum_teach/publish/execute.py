"""Run a notebook top to bottom, headless, with papermill: deterministic, and loud when a cell stalls.

Why not plain papermill. nbclient imitates a front end for ``ipywidgets.Output``: when a cell displays
something inside an Output widget, nbclient sends the widget's new state back to the kernel as a
``comm_msg`` on the *shell* socket, from the task that reads IOPub. At the same moment the task that
waits for the cell's ``execute_reply`` sits in ``shell_channel.get_msg(timeout=...)``, polling the same
socket. ZeroMQ signals a readable socket through an edge-triggered file descriptor; the send consumes
the edge, the poll is never woken, and it sleeps until its timeout (the whole cell timeout: 60 s, 300 s,
or forever with none). Then pyzmq polls once more without waiting, finds the reply that arrived long
before, and papermill reports success. That was the intermittent "hang" of notebooks 02 and 05
(``CaseTimeline`` drew its figure into an Output widget): 2 runs in 6 under load, and any notebook
whose cells display into an Output widget can do it (jupyter/nbclient#312).

Two fixes, both here and in the widgets:

* every wait on a kernel channel polls in slices of :data:`POLL_SLICE` seconds, so a lost wake-up costs
  at most one slice, and the timeout still counts from the start of the wait;
* the course's widgets no longer use Output widgets at all (their figures are HTML), so nbclient has
  nothing to send back.

And a cell that does run into its timeout fails: nbclient raises, and a cell whose recorded duration
reached the limit is reported as :class:`NotebookTimeoutError` too, never as a success.

The kernel's own warnings (its stderr and stdout streams outside any cell) go to ``kernel_log``
instead of the terminal.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from queue import Empty

from asylum_teach.exceptions import AsylumTeachError

#: Per-cell limit for the course. Every cell runs in a few seconds; the limit turns a stuck kernel into
#: a bounded wait and a failure, never a build that does not end.
CELL_TIMEOUT = 60
#: Longest time one wait on a kernel channel may sleep before it polls again (seconds).
POLL_SLICE = 0.2
ENGINE = "asylum-teach"


class NotebookTimeoutError(AsylumTeachError):
    """A notebook cell ran into its execution timeout (or the kernel never answered)."""


class NotebookFailedError(AsylumTeachError):
    """A notebook cell raised an error."""


def sliced(channel, slice_seconds: float = POLL_SLICE) -> None:
    """Make ``channel.get_msg(timeout)`` poll in short slices, keeping its overall timeout.

    Raises ``queue.Empty`` only when the whole timeout has passed, as before; ``timeout=None`` still waits
    for ever, but wakes up every slice to look again, so a notification lost to a concurrent send on the
    same socket costs one slice instead of the whole timeout.
    """
    original = channel.get_msg
    if getattr(original, "_asylum_sliced", False):
        return

    async def get_msg(timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            step = slice_seconds if deadline is None else max(0.0, min(slice_seconds, deadline - time.monotonic()))
            try:
                return await original(timeout=step)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    get_msg._asylum_sliced = True
    channel.get_msg = get_msg


def _client_class():
    from nbclient.util import run_sync
    from papermill.clientwrap import PapermillNotebookClient
    from traitlets import Any

    class Client(PapermillNotebookClient):
        """papermill's client with sliced channel polls and the kernel's own output sent to a log file."""

        kernel_log = Any(None, allow_none=True)

        async def async_start_new_kernel(self, **kwargs):
            if self.kernel_log is not None:
                kwargs.setdefault("stdout", self.kernel_log)
                kwargs.setdefault("stderr", self.kernel_log)
            return await super().async_start_new_kernel(**kwargs)

        async def async_start_new_kernel_client(self):
            kc = await super().async_start_new_kernel_client()
            sliced(kc.shell_channel)
            sliced(kc.iopub_channel)
            return kc

        # the synchronous wrappers are bound to the base class's coroutines; rebind them to ours
        start_new_kernel = run_sync(async_start_new_kernel)
        start_new_kernel_client = run_sync(async_start_new_kernel_client)

    return Client


def _register_engine() -> None:
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    if ENGINE in papermill_engines._engines:
        return
    client_class = _client_class()

    class Engine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            log = kwargs.pop("log", None) or logger
            final = merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                                 kernel_name=kernel_name, log=log,
                                 log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            return client_class(nb_man, **final).execute()

    papermill_engines.register(ENGINE, Engine)


def _first_line(cell) -> str:
    lines = [line for line in cell.source.splitlines() if line.strip()]
    return lines[0][:80] if lines else ""


def check_durations(nb, timeout: float, name: str) -> None:
    """Raise :class:`NotebookTimeoutError` if any cell's recorded duration reached ``timeout``."""
    for index, cell in enumerate(nb.cells):
        duration = (cell.get("metadata", {}).get("papermill") or {}).get("duration")
        if duration is not None and timeout and duration >= timeout - 0.5:
            raise NotebookTimeoutError(f"{name}: cell {index} ({_first_line(cell)!r}) ran {duration:.0f} s, into "
                                       f"its {timeout:.0f} s timeout")


def execute(path: Path | str, out: Path | str, *, parameters: dict | None = None, timeout: float = CELL_TIMEOUT,
            kernel_log=None, cwd: Path | str | None = None):
    """Run one notebook top to bottom and return the executed notebook (also written to ``out``).

    The working directory is a scratch copy of the notebook (or ``cwd``), so a notebook that writes
    files cannot touch the repository. A failing cell raises :class:`NotebookFailedError` naming the
    cell and the error; a cell that runs into ``timeout`` raises :class:`NotebookTimeoutError`.
    ``kernel_log`` is an open file for the kernel's own warnings (default: discarded).
    """
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    _register_engine()
    path, out = Path(path).resolve(), Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    sink = kernel_log
    with tempfile.TemporaryDirectory(prefix="asylum-run-") as scratch:
        work = Path(scratch) / path.name
        shutil.copy2(path, work)
        if sink is None:
            sink = open(Path(scratch) / "kernel.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
        try:
            nb = pm.execute_notebook(str(work), str(out), parameters=parameters or {}, kernel_name="python3",
                                     cwd=str(cwd or scratch), progress_bar=False, execution_timeout=timeout,
                                     request_save_on_cell_execute=False, engine_name=ENGINE, kernel_log=sink)
        except CellTimeoutError as exc:
            raise NotebookTimeoutError(f"{path.name}: a cell ran into its {timeout:.0f} s timeout "
                                       f"({str(exc).splitlines()[0]})") from None
        except DeadKernelError:
            raise NotebookFailedError(f"{path.name}: the kernel died") from None
        except PapermillExecutionError as exc:
            raise NotebookFailedError(f"{path.name}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}") \
                from None
        finally:
            if sink is not kernel_log:
                sink.close()
    check_durations(nb, timeout, path.name)
    return nb
