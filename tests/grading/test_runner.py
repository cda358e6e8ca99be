"""The runner on its own: a notebook that ignores interrupts is stopped at the notebook time limit,
the answers reported before it are kept, and no process is left behind."""

from __future__ import annotations

import os
import time
from datetime import date

import pytest

from asylum_teach.grading.extraction import Missing, new_nonce
from asylum_teach.grading.runner import Limits, run_notebook
from tests.grading.kernels import descendants as _descendants
from tests.grading.kernels import notebook as _notebook

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]


def test_interrupt_ignoring_loop_hits_the_notebook_limit_and_keeps_earlier_answers():
    nonce = new_nonce()
    nb = _notebook(nonce,
                   ("a", "import datetime\na = datetime.date(2027, 1, 4)"),
                   ("b", "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
                   ("c", "c = 3"), ("d", "d = 4"), ("e", "e = 5"), ("f", "f = 6"))
    started = time.monotonic()
    result = run_notebook(nb, nonce, Limits(cell_timeout=2, notebook_timeout=7))
    elapsed = time.monotonic() - started
    assert result.status == "timeout"
    assert result.answers["a"] == date(2027, 1, 4)
    assert "c" not in result.answers or isinstance(result.answers["c"], Missing)
    assert elapsed < 20
    time.sleep(0.5)
    assert _descendants() == []


def test_forged_answer_output_without_the_nonce_is_ignored():
    """A cell that prints something shaped like an answer report cannot set an answer."""
    nonce = new_nonce()
    forge = ("from IPython.display import publish_display_data\n"
             "publish_display_data({'application/vnd.asylum-teach.answer+json': "
             "'{\"key\": \"x\", \"value\": 42}'}, metadata={'nonce': 'guess'})\nx = 1")
    result = run_notebook(_notebook(nonce, ("x", forge)), nonce, Limits(cell_timeout=10, notebook_timeout=60))
    assert result.answers == {"x": 1}


def test_one_huge_print_is_capped_as_it_streams_and_later_answers_still_arrive():
    """A single 10 MB print leaves the kernel in small messages, so the cap stops it and the grader's
    memory never holds it; the answers before and after are reported."""
    nonce = new_nonce()
    nb = _notebook(nonce, ("a", "a = 1\nprint('x' * 10_000_000)"), ("b", "b = 2"))
    result = run_notebook(nb, nonce, Limits(cell_timeout=10, notebook_timeout=60, output_cap=100_000))
    assert result.status == "output-cap"
    assert result.answers == {"a": 1, "b": 2}
    assert [(i, s) for i, s, _ in result.cell_notes] == [(1, "output-cap")]


def test_every_notebook_gets_a_fresh_kernel_and_scratch_even_with_a_prestarted_one():
    """Student 1 leaves a global, a file in its home and a background process; student 2's kernel
    (the one the runner started while student 1 ran) sees none of them."""
    from asylum_teach.grading.runner import Runner

    first, second = new_nonce(), new_nonce()
    leave = ("import os, subprocess\nleftover = 1\nopen('mark.txt', 'w').write('hi')\n"
             "subprocess.Popen(['sleep', '600'])\nhome = os.getcwd()")
    with Runner(Limits(cell_timeout=10, notebook_timeout=60), prestart=True) as runner:
        one = runner.run(_notebook(first, ("home", leave)), first)
        look = (f"import os\nfound = ['leftover' in globals(), os.path.exists({one.answers['home']!r} + '/mark.txt'), "
                "os.path.exists('mark.txt'), any(b'sleep' in open(f'/proc/{p}/cmdline', 'rb').read() "
                "for p in os.listdir('/proc') if p.isdigit())]")
        two = runner.run(_notebook(second, ("found", look)), second)
    assert one.status == "ok" and two.status == "ok"
    assert two.answers["found"] == [False, False, False, False]
    time.sleep(0.5)
    assert _descendants() == []  # the sleep, both kernels and the spare are gone


def test_the_kernel_is_limited_and_warmed_before_the_first_cell():
    nonce = new_nonce()
    source = ("import resource, sys\n"
              "seen = [resource.getrlimit(resource.RLIMIT_AS)[1], 'asylum_teach.court_calendar' in sys.modules]")
    limits = Limits(cell_timeout=10, notebook_timeout=60, memory=1536 * 1024**2)
    warm = run_notebook(_notebook(nonce, ("seen", source)), nonce, limits, warm=("asylum_teach.court_calendar",))
    cold = run_notebook(_notebook(nonce, ("seen", source)), nonce, limits)
    assert warm.answers["seen"] == [1536 * 1024**2, True]
    assert cold.answers["seen"] == [1536 * 1024**2, False]


def test_a_grader_started_through_a_dotted_path_still_starts_its_kernels(tmp_path):
    """``../.venv/bin/python`` names folders the sandbox does not show; the kernel command must not."""
    import subprocess
    import sys
    from pathlib import Path

    sub = tmp_path / "sub"  # a folder the sandbox does not show
    sub.mkdir()
    python = Path(sys.executable).absolute()
    dotted = "../" * len(sub.parts[1:]) + str(python)[1:]  # relative to sub, as ../.venv/bin/python is
    nonce = new_nonce()
    script = ("import json, sys\nfrom asylum_teach.grading.runner import Limits, run_notebook\n"
              f"r = run_notebook(json.loads(sys.stdin.read()), {nonce!r}, Limits(cell_timeout=10, notebook_timeout=60))\n"
              "print(r.status, r.answers)")
    import json
    out = subprocess.run([dotted, "-c", script], input=json.dumps(_notebook(nonce, ("x", "x = 7"))),
                         capture_output=True, text=True, timeout=120, cwd=sub)
    assert out.stdout.strip() == "ok {'x': 7}", out.stderr[-500:]


def test_a_kernel_exits_when_its_grader_is_gone_however_it_went(tmp_path):
    """The lifeline: a grading kernel lives while the pipe's write end is open, and exits once it closes,
    as when the grader is killed before bubblewrap could arm ``--die-with-parent``."""
    import subprocess
    import sys

    from asylum_teach.grading import kernel

    read_end, write_end = os.pipe()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "JUPYTER_PLATFORM_DIRS": "1",
           "JUPYTER_RUNTIME_DIR": str(tmp_path), kernel.LIFELINE_ENV: str(read_end)}
    proc = subprocess.Popen([sys.executable, "-m", "asylum_teach.grading.kernel", "-f", str(tmp_path / "k.json")],
                            env=env, pass_fds=(read_end,), cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(read_end)
    try:
        time.sleep(3)
        assert proc.poll() is None, "the kernel should live while its grader does"
        os.close(write_end)
        assert proc.wait(timeout=10) != 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_scratch_left_by_a_killed_grader_is_swept_and_a_living_ones_kept(tmp_path):
    import subprocess
    import tempfile

    from asylum_teach.grading import runner

    gone = subprocess.Popen(["true"])
    gone.wait()
    living = subprocess.Popen(["sleep", "30"])
    try:
        stale = tempfile.mkdtemp(prefix=f"{runner.SCRATCH_PREFIX}{gone.pid}-")
        kept = tempfile.mkdtemp(prefix=f"{runner.SCRATCH_PREFIX}{living.pid}-")
        runner._sweep_stale_scratch.__wrapped__()
        assert not os.path.exists(stale) and os.path.isdir(kept)
    finally:
        living.kill()
        os.rmdir(kept)
