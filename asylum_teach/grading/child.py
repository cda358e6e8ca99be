"""The process that runs one rebuilt notebook (``python -m asylum_teach.grading.child FD``).

It is started by :mod:`asylum_teach.grading.runner`, inside the bubblewrap sandbox when there is one,
reads a job (a notebook plus limits) as JSON on stdin, and executes the notebook with nbclient in a
fresh kernel. Everything it learns goes back to the grader as JSON lines on file descriptor ``FD``, a
pipe the grader opened. The descriptor is made non-inheritable at once, so the kernel (which runs the
student's code in yet another process) never holds it, and this process marks itself non-dumpable so
the kernel cannot reach it through ``/proc``.

Events written (one JSON object per line):

* ``{"event": "answer", "key": K, "value": V}``: the answer variable ``K`` right after its cell;
* ``{"event": "cell", "index": I, "status": S, "detail": D}`` for each cell that did not end cleanly
  (``error``, ``timeout``, ``output-cap``, ``kernel-died``);
* ``{"event": "done", "status": S}`` at the end.

The grader decides nothing from these events except which answers were given; scoring is its own.
"""

from __future__ import annotations

import copy
import json
import os
import sys

from asylum_teach.grading.extraction import ANSWER_MIME, parse_payload

MAX_RESTARTS = 2


def _no_dump() -> None:
    """Not dumpable (no /proc access from the kernel); killed if the grader dies."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None)
        libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except Exception:  # pragma: no cover - not Linux
        pass


class _Channel:
    def __init__(self, fd: int):
        self._fd = fd

    def send(self, **event) -> None:
        data = (json.dumps(event, allow_nan=False) + "\n").encode()
        view = memoryview(data)
        while view:
            n = os.write(self._fd, view)
            view = view[n:]


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """An nbclient that drops a cell's outputs past ``output_cap`` bytes, as they stream, and
        interrupts that cell."""

        output_used: dict = {}
        output_cap = 1_000_000
        capped_cells: set = set()
        emit_cells: set = set()

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
            if used > self.output_cap:
                if cell_index not in self.capped_cells:
                    self.capped_cells.add(cell_index)
                    import asyncio

                    asyncio.ensure_future(_interrupt(self.km))
                return None
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


async def _interrupt(km):
    try:
        result = km.interrupt_kernel()
        if hasattr(result, "__await__"):
            await result
    except Exception:
        pass


def run(job: dict, channel: _Channel) -> str:
    """Execute the job's notebook cell by cell; return the overall status."""
    import nbformat
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.from_dict(job["notebook"])
    nonce = job["nonce"]
    client = _client_class()(
        nb,
        timeout=job["cell_timeout"],
        interrupt_on_timeout=True,
        error_on_timeout={"ename": "CellTimeout", "evalue": "the cell ran longer than its time limit"},
        allow_errors=True,
        kernel_name="python3",
        startup_timeout=60,
        record_timing=False,
        resources={"metadata": {"path": os.getcwd()}},
    )
    client.output_cap = job["output_cap"]
    client.capped_cells = set()
    client.output_used = {}
    done: list[int] = []
    reported: set[str] = set()
    status = "ok"
    start = 0
    current = 0
    client.emit_cells = {i for i, c in enumerate(nb.cells)
                         if c.metadata.get("asylum_teach", {}).get("role") == "emit"}
    for _attempt in range(MAX_RESTARTS + 1):
        try:
            with client.setup_kernel():
                for idx in done:  # replay after a kernel death, without re-reporting answers
                    current = idx
                    client.execute_cell(copy.deepcopy(nb.cells[idx]), idx)
                for idx in range(start, len(nb.cells)):
                    cell = nb.cells[idx]
                    current = idx
                    if cell.cell_type != "code":
                        continue
                    client.execute_cell(cell, idx)
                    is_emit = cell.metadata.get("asylum_teach", {}).get("role") == "emit"
                    if is_emit:
                        _report_answers(cell, nonce, reported, channel)
                    else:
                        done.append(idx)
                        status = _report_cell(cell, idx, client, channel, status)
            return status
        except DeadKernelError:
            channel.send(event="cell", index=current, status="kernel-died",
                         detail="the kernel died while running this cell")
            status = "kernel-died"
            if current in done:
                done.remove(current)
            start = current + 1
            client.km = None
            client.kc = None
    return status


def _report_cell(cell, idx, client, channel, status):
    if idx in client.capped_cells:
        channel.send(event="cell", index=idx, status="output-cap",
                     detail="output exceeded the cap; the cell was interrupted")
        return "output-cap" if status == "ok" else status
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            ename = str(out.get("ename", "Error"))[:80]
            if ename in ("CellTimeout", "KeyboardInterrupt"):
                channel.send(event="cell", index=idx, status="timeout", detail="the cell hit its time limit and was interrupted")
                return "timeout" if status in ("ok", "errors") else status
            channel.send(event="cell", index=idx, status="error",
                         detail=f"{ename}: {str(out.get('evalue', ''))[:200]}")
            return "errors" if status == "ok" else status
    return status


def _report_answers(cell, nonce, reported, channel):
    for out in cell.get("outputs", []):
        if out.get("output_type") != "display_data":
            continue
        if out.get("metadata", {}).get("nonce") != nonce:
            continue
        parsed = parse_payload(out.get("data", {}).get(ANSWER_MIME))
        if parsed is None:
            continue
        key, value = parsed
        if key in reported or key != cell.metadata["asylum_teach"]["key"]:
            continue
        reported.add(key)
        channel.send(event="answer", key=key, value=value)


def _limit(memory: int, file_size: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    fd = int(argv[0])
    os.set_inheritable(fd, False)
    _no_dump()
    channel = _Channel(fd)
    job = json.loads(sys.stdin.read())
    _limit(job["memory"], job["file_size"])
    try:
        status = run(job, channel)
    except Exception as exc:  # report, never hang the grader
        channel.send(event="done", status="runner-error", detail=f"{type(exc).__name__}: {exc}"[:300])
        return 1
    channel.send(event="done", status=status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
