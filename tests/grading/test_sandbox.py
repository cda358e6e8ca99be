"""Attacks on the sandbox itself, each checked from inside a real grading kernel (issue #12, item 1).

A grader running as root used to give the kernel uid 0 with every capability: an answer cell remounted
the Python environment read-write and planted code the grader imported later. Here each property is
asserted where the student's code runs. A property this machine cannot give (no cgroup, no bubblewrap)
makes its test skip with the reason the grader's startup line also prints.
"""

from __future__ import annotations

import os
import sys

import pytest

from asylum_teach.grading import cgroups, sandbox
from asylum_teach.grading.extraction import new_nonce
from asylum_teach.grading.runner import Limits, Runner
from tests.grading.kernels import GENEROUS, descendants, notebook, run_cells

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

MB = 1024**2


def _need_sandbox():
    if not sandbox.available():
        pytest.skip(f"no bubblewrap sandbox here: {sandbox.describe()}")


def _need_cgroup():
    _need_sandbox()
    backend, why = cgroups.backend()
    if backend is None:
        pytest.skip(f"no per-student cgroup here: {why}")


def test_kernel_has_no_privilege_inside():
    _need_sandbox()
    probe = ("import os\nstatus = dict(l.split(':', 1) for l in open('/proc/self/status').read().splitlines())\n"
             "seen = {'uid': os.getuid(), 'euid': os.geteuid(), 'gid': os.getgid(), 'groups': os.getgroups(),\n"
             "        'cap_eff': status['CapEff'].strip(), 'cap_prm': status['CapPrm'].strip(),\n"
             "        'cap_bnd': status['CapBnd'].strip(), 'no_new_privs': status['NoNewPrivs'].strip()}")
    result = run_cells(("seen", probe))
    seen = result.answers["seen"]
    assert seen["uid"] != 0 and seen["euid"] != 0 and seen["gid"] != 0, seen
    assert int(seen["cap_eff"], 16) == 0 and int(seen["cap_prm"], 16) == 0 and int(seen["cap_bnd"], 16) == 0, seen
    assert seen["no_new_privs"] == "1"


def test_remount_and_writes_to_the_environment_fail():
    """The attack that planted ``nbconvert/__init__.py`` and a ``.pth`` file: every place the grader imports
    from must stay unwritable, remount or not."""
    _need_sandbox()
    import nbconvert

    targets = [p for p in sys.path if p and os.path.isdir(p)] + [os.path.dirname(nbconvert.__file__), "/usr"]
    attack = f"""
import os, subprocess
targets = {targets!r}
remounts = [subprocess.run(['mount', '-o', 'remount,rw,bind', t, t], capture_output=True).returncode for t in targets]
written = []
for t in targets:
    for name in ('__init__.py', 'evil.pth'):
        try:
            with open(os.path.join(t, name), 'a') as f:
                f.write('')
            written.append(os.path.join(t, name))
        except OSError:
            pass
nested = subprocess.run(['unshare', '-Ur', 'true'], capture_output=True).returncode
result = [remounts, written, nested]
"""
    planted = [os.path.join(t, name) for t in targets for name in ("__init__.py", "evil.pth")]
    existing = {path for path in planted if os.path.exists(path)}
    seen = run_cells(("result", attack)).answers["result"]
    remounts, written, nested = seen
    assert all(code != 0 for code in remounts), remounts
    assert {path for path in planted if os.path.exists(path)} == existing  # nothing planted where the grader looks
    # inside, a write may succeed only in the kernel's own /tmp (a course kept under /tmp shows there as the
    # folders bubblewrap made to mount the package on), never in a folder bound from the host
    bound = [os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, os.path.dirname(nbconvert.__file__), "/usr")]
    import asylum_teach

    bound.append(os.path.dirname(os.path.realpath(asylum_teach.__file__)))
    assert all(path.startswith("/tmp/") for path in written), written
    assert not [w for w in written for b in bound if os.path.dirname(w) == b or os.path.dirname(w).startswith(b + "/")]
    assert nested != 0  # no nested user namespace to gain capabilities in


def test_kernel_runs_as_an_unprivileged_uid_outside():
    """Seen from the grader: every process of the sandbox (bubblewrap and the kernel) has a uid other
    than root and other than the grader's own, and no capability in the host's namespace."""
    _need_sandbox()
    if os.geteuid() != 0:
        pytest.skip("the grader is not root: kernels run as its own (unprivileged) uid")
    with Runner(GENEROUS, prestart=True) as runner:
        nonce = new_nonce()
        runner.run(notebook(nonce, ("x", "x = 1")), nonce)  # leaves a started spare kernel
        spare = runner._spare.manager.provisioner.process.pid
        import time

        time.sleep(1.0)
        tree = [spare] + [p for p in descendants() if _ancestor(spare, p)]
        seen = {}
        for pid in tree:
            try:
                status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status").read().splitlines())
            except OSError:
                continue
            seen[pid] = ([int(u) for u in status["Uid"].split()], int(status["CapEff"], 16))
    assert len(seen) >= 2, seen  # bubblewrap and at least the kernel
    for pid, (uids, caps) in seen.items():
        assert all(u != 0 for u in uids) and caps == 0, (pid, uids, caps)


def _ancestor(root: int, pid: int) -> bool:
    while pid > 1:
        if pid == root:
            return True
        try:
            pid = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
    return False


def test_the_257th_process_cannot_start():
    """A fork loop is stopped at 256 processes for the whole student, however it forks."""
    _need_sandbox()
    bomb = """
import os, time
r, w = os.pipe()
started = 0
for _ in range(400):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        os.close(w)
        os.read(r, 1)
        os._exit(0)
    started += 1
os.close(w)
for _ in range(started):
    os.wait()
"""
    result = run_cells(("started", bomb))
    started = result.answers["started"]
    assert 200 <= started < 256, started  # the kernel's own threads count too


def test_the_257th_megabyte_of_scratch_cannot_be_written():
    _need_sandbox()
    fill = """
import os
def fill(folder):
    written = 0
    block = b'x' * (1024 * 1024)
    try:
        with open(os.path.join(folder, 'big'), 'wb') as f:
            while written < 400:
                f.write(block)
                f.flush()
                written += 1
    except OSError:
        pass
    os.remove(os.path.join(folder, 'big'))
    return written
written = [fill('/tmp'), fill(os.getcwd()), fill(os.path.expanduser('~'))]
"""
    limits = Limits(cell_timeout=60, notebook_timeout=120, file_size=1024 * MB)
    written = run_cells(("written", fill), limits=limits).answers["written"]
    assert all(250 <= w < 256 for w in written), written  # /tmp, the working folder and home: one capped tmpfs


def test_no_host_folder_is_writable_once_the_kernel_runs():
    """The runtime folder (the kernel's sockets) is the one host folder bound writable; it is taken back
    before student code runs, so no working folder can fill the grader's disk. /dev is read-only and
    /dev/shm tiny."""
    _need_sandbox()
    if os.geteuid() != 0:
        pytest.skip("the grader is not root: the kernel's uid owns its runtime folder")
    attack = """
import os
def can_write(folder):
    try:
        with open(os.path.join(folder, 'x'), 'wb') as f:
            f.write(b'x')
        return True
    except OSError:
        return False
def shm_bytes():
    n = 0
    try:
        with open('/dev/shm/x', 'wb') as f:
            while n < 64:
                f.write(b'x' * 1024 * 1024); f.flush(); n += 1
    except OSError:
        pass
    return n
seen = [can_write(os.environ['JUPYTER_RUNTIME_DIR']), can_write('/dev'), shm_bytes()]
"""
    runtime_writable, dev_writable, shm_mb = run_cells(("seen", attack)).answers["seen"]
    assert runtime_writable is False and dev_writable is False and shm_mb <= 1


def test_memory_is_limited_for_all_of_a_students_processes_together():
    """Four processes of 400 MB each under a 1 GB limit: per-process limits would let all four live;
    the student's cgroup keeps at most two."""
    _need_cgroup()
    hog = """
import subprocess, sys, time
code = "x = b'1' * (400 * 1024 * 1024)\\nprint('ok', flush=True)\\nimport time\\ntime.sleep(60)"
kids = [subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE) for _ in range(4)]
said = [k.stdout.readline() for k in kids]  # 'ok', or b'' when the process was killed first
time.sleep(0.5)
alive = [sum(1 for s in said if s), sum(1 for k, s in zip(kids, said) if s and k.poll() is None)]
for k in kids:
    k.kill()
"""
    limits = Limits(cell_timeout=60, notebook_timeout=120, memory=1024 * MB)
    result = run_cells(("alive", hog), limits=limits)
    assert result.status == "ok", result
    allocated, alive = result.answers["alive"]
    assert allocated >= 1 and alive <= 2, result.answers


def test_cpu_is_limited_for_all_of_a_students_processes_together():
    """Two busy processes for 1.5 s under a one-core quota use at most about 1.5 s of CPU between them."""
    _need_cgroup()
    if os.cpu_count() < 2:
        pytest.skip("one core: two busy processes cannot exceed one core's worth anyway")
    spin = """
import os, time, resource
for _ in range(2):
    if os.fork() == 0:
        end = time.monotonic() + 1.5
        while time.monotonic() < end:
            pass
        os._exit(0)
os.wait(); os.wait()
used = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = used.ru_utime + used.ru_stime
"""
    cpu = run_cells(("cpu", spin)).answers["cpu"]
    assert cpu < 1.9, cpu  # unlimited, two cores would give about 3 s


def test_startup_line_says_how_kernels_are_isolated_and_limited():
    line = sandbox.describe(256 * MB)
    backend, why = cgroups.backend()
    if sandbox.available():
        assert line.startswith("sandbox: bubblewrap") and "no capabilities" in line and "scratch /tmp 256 MB" in line
    assert (backend.name in line) if backend else ("NO cgroup" in line and why in line)


def test_the_grader_imports_nothing_once_student_code_runs(tmp_path):
    """The planted ``nbconvert/__init__.py`` ran because the grader imported nbconvert only when it wrote
    the first feedback page, after student code had run. Here every import the grader makes after its
    first kernel starts is recorded (an audit hook, in a fresh interpreter), over a class with a right,
    a wrong and a broken submission, with feedback, CSV, report and a rubric mark."""
    import subprocess

    from tests.grading.submissions import EXERCISE, ROOT, SOLUTION

    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ada.ipynb").write_text(SOLUTION.read_text(encoding="utf-8"), encoding="utf-8")
    (subs / "ben.ipynb").write_text(EXERCISE.read_text(encoding="utf-8"), encoding="utf-8")
    (subs / "bad.ipynb").write_text("{", encoding="utf-8")
    script = f"""
import sys
from asylum_teach.grading import runner
late = []
started = []
def hook(event, args):
    if event == "import" and started and args[0] not in sys.modules:
        late.append(args[0])
sys.addaudithook(hook)
start = runner._Kernel.start
async def first(self):
    started.append(True)
    return await start(self)
runner._Kernel.start = first
from asylum_teach.cli import main
main(["grade", "deadlines", {str(subs)!r}, "--out", {str(tmp_path / "out")!r}, "--no-progress", "--timeout", "60"])
main(["rubric", {str(tmp_path / "out")!r}, "ada", "w_safe_date", "1", "1", "1", "1"])
print("LATE", sorted(set(late)))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    line = next((line for line in proc.stdout.splitlines() if line.startswith("LATE ")), None)
    assert line is not None, proc.stderr[-2000:]
    assert started_and_graded(tmp_path / "out")
    assert line == "LATE []", line


def started_and_graded(out) -> bool:
    import csv

    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        return {r["student"]: r["auto_score"] for r in csv.DictReader(f)} == {"ada": "11", "ben": "0", "bad": "0"}
