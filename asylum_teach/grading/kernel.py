"""The kernel a graded notebook runs in: ``python -m asylum_teach.grading.kernel -f CONNECTION_FILE``.

It is an ordinary IPython kernel with four things done first, before any student code can run:

* it sets its own address-space, file-size, core-dump and (in a sandbox) process-count limits (soft and
  hard, so the student's code, which runs in this process and any it starts, cannot raise them again);
  the student's cgroup, when there is one, limits all of its processes together on top of these;
* it sends printed output in chunks of at most ``OUTPUT_CHUNK`` characters (IPython would otherwise
  gather everything printed in 0.2 s into one message, which for a print loop is tens of megabytes),
  so the grader can count a flood as it streams and stop it at the output cap;
* it watches a *lifeline*, a pipe whose only write end the grader holds: when the grader dies, however
  it dies, the pipe reads as closed and the kernel exits (bubblewrap's ``--die-with-parent`` misses a
  grader killed in the instant between starting bubblewrap and bubblewrap arming it);
* it imports the modules named in ``ASYLUM_TEACH_WARM`` (the exercise's own module, and so the law
  engine, the rules and the court calendar). The grader starts the next notebook's kernel while the
  current one runs, so this work happens while a core would otherwise wait, and the notebook's setup
  cell then finds the library already imported. It changes no result: these are the modules the setup
  cell imports anyway, from the same read-only package.

:mod:`asylum_teach.grading.runner` starts it (inside the bubblewrap sandbox when there is one) and
talks to it over Jupyter's usual sockets.
"""

from __future__ import annotations

import importlib
import os
import sys

LIMITS_ENV = "ASYLUM_TEACH_LIMITS"  # "address-space-bytes,file-size-bytes,processes" (0: no process limit)
LIFELINE_ENV = "ASYLUM_TEACH_LIFELINE"  # a pipe's read end; the grader holds the only write end
WARM_ENV = "ASYLUM_TEACH_WARM"  # comma-separated module names
OUTPUT_CHUNK = 64 * 1024  # characters of printed output per message, at most


def _limit(spec: str) -> None:
    import resource

    memory, file_size, processes = (int(part) for part in (spec.split(",") + ["0"])[:3])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if processes:
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))


def _watch_lifeline(fd: str) -> None:
    import threading

    def watch():
        try:
            while os.read(int(fd), 1):
                pass
        except (OSError, ValueError):
            pass
        os._exit(1)

    threading.Thread(target=watch, name="asylum-teach-lifeline", daemon=True).start()


def _chunk_output() -> None:
    from ipykernel.iostream import OutStream

    write = OutStream.write

    def chunked(self, string):
        if not isinstance(string, str):
            return write(self, string)  # ipykernel's own error
        for start in range(0, max(len(string), 1), OUTPUT_CHUNK):  # a long write leaves as several messages
            piece = string[start:start + OUTPUT_CHUNK]
            write(self, piece)
            self._asylum_pending += len(piece)
            if self._asylum_pending >= OUTPUT_CHUNK:
                self._asylum_pending = 0
                self.flush()
        return len(string)

    OutStream._asylum_pending = 0  # type: ignore[attr-defined]  # the chunker's counter, per stream
    OutStream.write = chunked  # type: ignore[method-assign]  # every print leaves in 64 KB pieces


def _warm(names: str) -> None:
    for name in filter(None, names.split(",")):
        try:
            module = importlib.import_module(name)
            warm = getattr(module, "warm", None)
            if callable(warm):
                warm()
        except Exception:  # a warm-up failure only costs the time it would have saved
            pass


def main(argv: list[str]) -> None:
    _limit(os.environ.pop(LIMITS_ENV, f"{2 * 1024**3},{64 * 1024**2},0"))
    lifeline = os.environ.pop(LIFELINE_ENV, "")
    if lifeline:
        _watch_lifeline(lifeline)
    _chunk_output()
    _warm(os.environ.pop(WARM_ENV, ""))
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
