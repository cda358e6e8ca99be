"""Load on one clinic hub: N simulated students (default 30), beside one student on a single-user ``jupyter lab``.

A real hub (the shipped configuration, ``asylum_teach.hub.launch``) on this machine:

1. **spawn**: one server alone, then the other N-1 requested at once through the hub's REST API;
2. **idle memory**: PSS of each student's server once all are up and quiet;
3. **everyone at once**, in steps of 1, 5, 10, 20, ... N: every student of the step opens exercise 2 (a
   kernel through the sessions API) and runs its cells through the kernel's websocket at the same moment:
   setup, the answers (the instructor's solutions), the self-check. Times: from the first cell sent
   to the self-check's result ("Run All -> self-check"), and the self-check cell alone;
4. **class at work** (the target's model): all N with the exercise open, each pressing Run All once at a
   random moment within a minute, then running the submit cell (the real ``submit()`` through the
   service); PSS of each server plus its kernel afterwards;
5. **the peer**: a single-user ``jupyter lab`` serving the same notebook to one student, measured alike.

Prints one JSON object (the last line).

    python benchmarks/hub_load.py [--students 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from _measure import log, median, pct  # noqa: E402
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest  # noqa: E402
from tornado.websocket import websocket_connect  # noqa: E402

from asylum_teach.hub.launch import free_port, start_hub  # noqa: E402

NOTEBOOK = "clinic/exercises/02_deadlines.ipynb"
EXERCISE = ROOT / "exercises" / "02_deadlines.ipynb"
SOLUTION = ROOT / "solutions" / "02_deadlines.ipynb"
WINDOW_S = 60.0  # the class at work: each student runs the whole exercise once a minute
MB = 1024 * 1024


# ---------------------------------------------------------------------- notebooks and kernels
def answered(nb: dict) -> dict:
    """``nb`` with every answer cell replaced by the solution's (so the self-check has work to do)."""
    solution = json.loads(SOLUTION.read_text())
    by_tag = {t: "".join(c["source"]) for c in solution["cells"] for t in c["metadata"].get("tags", [])
              if t.startswith("answer:")}
    for cell in nb["cells"]:
        for tag in cell["metadata"].get("tags", []):
            if tag in by_tag:
                cell["source"] = by_tag[tag]
    return nb


def code_cells(nb: dict) -> list[tuple[str, str]]:
    """``(role, source)`` of each code cell: setup, answer, selfcheck, submit."""
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        tags = cell["metadata"].get("tags", [])
        role = ("selfcheck" if "selfcheck" in tags else "submit" if "submit" in tags
                else "answer" if any(t.startswith("answer:") for t in tags) else "setup")
        out.append((role, "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]))
    return out


class Kernel:
    """One kernel over the server's websocket (the JSON message protocol JupyterLab also speaks)."""

    def __init__(self, ws):
        self.ws, self.session = ws, uuid.uuid4().hex

    @classmethod
    async def open(cls, base: str, token: str, path: str):
        client = AsyncHTTPClient()
        body = json.dumps({"path": path, "type": "notebook", "name": Path(path).name, "kernel": {"name": "python3"}})
        resp = await client.fetch(f"{base}api/sessions", method="POST", body=body,
                                  headers={"Authorization": f"token {token}"}, request_timeout=300)
        session = json.loads(resp.body)
        ws_url = base.replace("http://", "ws://") + f"api/kernels/{session['kernel']['id']}/channels"
        ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"},
                                                 request_timeout=300))
        kernel = cls(ws)
        kernel.session_id = session["id"]
        await kernel.execute("1", timeout=300)  # the kernel is up and answering
        return kernel

    async def execute(self, code: str, timeout: float = 300) -> tuple[str, str]:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "username": "bench", "session": self.session, "msg_type": "execute_request",
                  "version": "5.3", "date": datetime.now(UTC).isoformat()}
        self.ws.write_message(json.dumps({
            "header": header, "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        out, status, idle, deadline = [], None, False, time.monotonic() + timeout
        while status is None or not idle:
            raw = await asyncio.wait_for(self.ws.read_message(), max(1.0, deadline - time.monotonic()))
            if raw is None:
                raise RuntimeError("the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                out.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return status, "".join(out)

    def close(self) -> None:
        self.ws.close()

    async def shutdown(self, base: str, token: str) -> None:
        self.close()
        try:
            await AsyncHTTPClient().fetch(f"{base}api/sessions/{self.session_id}", method="DELETE",
                                          headers={"Authorization": f"token {token}"}, request_timeout=120)
        except HTTPClientError:
            pass


async def prepare(base: str, token: str, path: str) -> dict:
    """The student's copy of the notebook with the answers in it, saved (as a student saves before running)."""
    client = AsyncHTTPClient()
    resp = await client.fetch(f"{base}api/contents/{path}?content=1", headers={"Authorization": f"token {token}"},
                              request_timeout=300)
    nb = answered(json.loads(resp.body)["content"])
    await client.fetch(f"{base}api/contents/{path}", method="PUT", request_timeout=300,
                       headers={"Authorization": f"token {token}"},
                       body=json.dumps({"type": "notebook", "format": "json", "content": nb}))
    return nb


async def run_all(kernel: Kernel, nb: dict, with_submit: bool) -> dict:
    """Run every code cell in order, as Run All does; times from the first cell to the self-check's result."""
    result: dict = {}
    started = time.monotonic()
    for role, source in code_cells(nb):
        if role == "submit" and not with_submit:
            continue
        t = time.monotonic()
        status, text = await kernel.execute(source)
        if role == "submit":
            result.update(submit_s=time.monotonic() - t, submitted="Submitted deadlines" in text,
                          submit_text=text.strip()[-300:])
            continue
        if status != "ok":
            result["error"] = f"{role} cell: {text.strip()[-300:]}"
        if role == "selfcheck":
            now = time.monotonic()
            result.update(run_all_to_selfcheck_s=now - started, selfcheck_s=now - t,
                          selfcheck_ok="Self-check for" in text)
    return result


async def run_student(base: str, token: str, path: str, with_submit: bool) -> dict:
    """Open the notebook's kernel, then Run All: returns the times and what the cells said."""
    nb = await prepare(base, token, path)
    t0 = time.monotonic()
    kernel = await Kernel.open(base, token, path)
    try:
        return {"kernel_start_s": time.monotonic() - t0, **await run_all(kernel, nb, with_submit)}
    finally:
        await kernel.shutdown(base, token)


# ---------------------------------------------------------------------- memory
def usage(pids) -> tuple[float, float]:
    """(PSS in MB, CPU seconds so far) summed over ``pids``."""
    pss = cpu = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            pss, cpu = pss + proc.memory_full_info().pss / MB, cpu + sum(proc.cpu_times()[:2])
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return pss, cpu


def processes_of(user: str) -> dict[str, list[int]]:
    """{"server": pids, "kernel": pids} of one hub user (their environment names them)."""
    marker = f"JUPYTERHUB_USER={user}".encode()
    found = {"server": [], "kernel": []}
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            env = Path(f"/proc/{proc.pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker not in env:
            continue
        cmd = " ".join(proc.info["cmdline"] or [])
        if "ipykernel" in cmd:
            found["kernel"].append(proc.pid)
        elif "singleuser" in cmd:
            found["server"].append(proc.pid)
    return found


# ---------------------------------------------------------------------- the hub
async def spawn_all(hub, users: list[str]) -> dict[str, float]:
    client = AsyncHTTPClient()
    headers = {"Authorization": f"token {hub.harness_token}"}

    async def one(user):
        t0 = time.monotonic()
        await client.fetch(f"{hub.url}/hub/api/users/{user}/server", method="POST", body="{}", headers=headers,
                           request_timeout=600)
        while True:
            resp = await client.fetch(f"{hub.url}/hub/api/users/{user}", headers=headers, request_timeout=120)
            server = json.loads(resp.body).get("servers", {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - t0
            if time.monotonic() - t0 > 600:
                raise RuntimeError(f"{user}'s server did not start in 600 s")
            await asyncio.sleep(0.25)

    times = await asyncio.gather(*(one(u) for u in users))
    return dict(zip(users, times))


async def work_step(hub, users: list[str], with_submit: bool) -> list[dict]:
    async def one(user):
        base = f"{hub.url}/user/{user}/"
        try:
            return {"user": user, **await run_student(base, hub.harness_token, NOTEBOOK, with_submit)}
        except Exception as exc:  # one student's failure is a row, not the end of the run
            return {"user": user, "error": f"{type(exc).__name__}: {exc}"}

    return await asyncio.gather(*(one(u) for u in users))


def summarise_step(n: int, rows: list[dict]) -> dict:
    ok = [r for r in rows if "run_all_to_selfcheck_s" in r and not r.get("error")]
    run_all = [r["run_all_to_selfcheck_s"] for r in ok]
    alone = [r["selfcheck_s"] for r in ok]
    return {"students": n, "ok": len(ok), "errors": [r["error"] for r in rows if r.get("error")][:3],
            "run_all_p50": pct(run_all, .5), "run_all_p95": pct(run_all, .95),
            "selfcheck_p50": pct(alone, .5), "selfcheck_p95": pct(alone, .95),
            "kernel_start_p50": pct([r["kernel_start_s"] for r in ok if "kernel_start_s" in r], .5),
            "kernel_start_p95": pct([r["kernel_start_s"] for r in ok if "kernel_start_s" in r], .95),
            "submitted": sum(1 for r in rows if r.get("submitted")),
            "submit_p95": pct([r["submit_s"] for r in rows if "submit_s" in r], .95)}


async def measure_hub(n: int, steps: list[int], state: Path) -> dict:
    users = [f"s{i:02d}" for i in range(1, n + 1)]
    log(f"starting a hub for {n} students in {state}")
    hub = start_hub(state, instructors=["instructor"], students=users,
                    extra_env={"ASYLUM_HUB_START_TIMEOUT": "600"}, timeout=180)
    out: dict = {"students": n}
    try:
        out["spawn_one_s"] = (await spawn_all(hub, users[:1]))[users[0]]
        t0 = time.monotonic()
        spawn = await spawn_all(hub, users[1:]) if n > 1 else {users[0]: out["spawn_one_s"]}
        out["spawn_wall_s"] = time.monotonic() - t0
        out["spawn_p50"], out["spawn_p95"] = pct(list(spawn.values()), .5), pct(list(spawn.values()), .95)
        out["spawn_cpu_s"] = median(usage(processes_of(u)["server"])[1] for u in users)
        await asyncio.sleep(10)  # quiet: start-up work done
        idle = [usage(processes_of(u)["server"])[0] for u in users]
        out["idle_pss_mb"] = {"median": median(idle), "max": max(idle), "sum": sum(idle)}
        out["steps"] = []
        for k in steps:
            t = time.monotonic()
            rows = await work_step(hub, users[:k], with_submit=False)
            step = summarise_step(k, rows)
            step["wall_s"] = time.monotonic() - t
            out["steps"].append(step)
            log(f"  {k} at once: Run All -> self-check p95 {step['run_all_p95'] or 0:.1f} s, errors {len(step['errors'])}")
        out["class"] = await class_at_work(hub, users, WINDOW_S)
        out["active_pss_mb"] = out["class"]["active_pss_mb"]
        out["service_submissions"] = count_submissions(hub)
    finally:
        hub.stop()
    return out


async def class_at_work(hub, users: list[str], window: float, seed: int = 0) -> dict:
    """Every student has the exercise open (kernel up); each presses Run All once, at a random moment in
    ``window`` seconds, then submits. Also: PSS of each server plus kernel while all kernels hold the exercise."""
    import random

    rng = random.Random(seed)
    opened, failed = [], []
    gate = asyncio.Semaphore(3)  # students open the exercise over the first minutes, not in one second
    try:
        async def open_one(user):
            base = f"{hub.url}/user/{user}/"
            async with gate:
                for attempt in (1, 2):
                    try:
                        nb = await prepare(base, hub.harness_token, NOTEBOOK)
                        opened.append((user, base, nb, await Kernel.open(base, hub.harness_token, NOTEBOOK)))
                        return
                    except Exception as exc:  # a kernel that died starting: the student reopens it once
                        if attempt == 2:
                            failed.append({"user": user, "error": f"opening: {type(exc).__name__}: {exc}"})

        await asyncio.gather(*(open_one(u) for u in users))
        await asyncio.sleep(5)

        async def later(user, base, nb, kernel, delay):
            await asyncio.sleep(delay)
            try:
                return {"user": user, **await run_all(kernel, nb, with_submit=True)}
            except Exception as exc:
                return {"user": user, "error": f"{type(exc).__name__}: {exc}"}

        t = time.monotonic()
        rows = await asyncio.gather(*(later(*o, rng.uniform(0, window)) for o in opened))
        out = summarise_step(len(users), [*rows, *failed])
        out.update(wall_s=time.monotonic() - t, window_s=window)
        await asyncio.sleep(3)
        per = []
        for user in users:
            procs = processes_of(user)
            per.append(usage(procs["server"] + procs["kernel"])[0])
        out["active_pss_mb"] = {"median": median(per), "max": max(per), "sum": sum(per)}
        return out
    finally:
        await asyncio.gather(*(k.shutdown(base, hub.harness_token) for _, base, _, k in opened),
                             return_exceptions=True)


def count_submissions(hub) -> int:
    import sqlite3

    con = sqlite3.connect(hub.state / "submissions" / "submissions.sqlite")
    try:
        return con.execute("SELECT COUNT(DISTINCT username) FROM submissions WHERE exercise = 'deadlines'").fetchone()[0]
    finally:
        con.close()


# ---------------------------------------------------------------------- the peer: single-user jupyter lab
async def measure_single_user(scratch: Path) -> dict:
    folder = scratch / "clinic" / "exercises"
    folder.mkdir(parents=True)
    shutil.copy2(EXERCISE, folder / EXERCISE.name)
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "JPY_"))}
    env.update(JUPYTER_RUNTIME_DIR=str(scratch / "runtime"), JUPYTERLAB_WORKSPACES_DIR=str(scratch / "ws"),
               MPLBACKEND="Agg")
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--ServerApp.root_dir={scratch}", f"--IdentityProvider.token={token}", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               *(["--allow-root"] if os.geteuid() == 0 else [])]
    log("single-user jupyter lab: starting")
    t0 = time.monotonic()
    proc = subprocess.Popen(command, cwd=scratch, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    client = AsyncHTTPClient()
    try:
        while True:
            try:
                await client.fetch(f"{base}api/status", headers={"Authorization": f"token {token}"}, request_timeout=5)
                break
            except Exception:
                if proc.poll() is not None or time.monotonic() - t0 > 120:
                    raise RuntimeError("jupyter lab did not start") from None
                await asyncio.sleep(0.2)
        out = {"start_s": time.monotonic() - t0}
        await asyncio.sleep(10)
        out["idle_pss_mb"] = usage([proc.pid])[0]
        row = await run_student(base, token, "clinic/exercises/" + EXERCISE.name, with_submit=False)
        out.update({k: row.get(k) for k in ("run_all_to_selfcheck_s", "selfcheck_s", "kernel_start_s", "error")})
        kernel = await Kernel.open(base, token, "clinic/exercises/" + EXERCISE.name)
        nb = json.loads(EXERCISE.read_text())
        for role, source in code_cells(nb):
            if role in ("setup", "selfcheck"):
                await kernel.execute(source)
        await asyncio.sleep(3)
        kids = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
        out["active_pss_mb"] = usage([proc.pid, *kids])[0]
        kernel.close()
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


async def main_async(args) -> dict:
    AsyncHTTPClient.configure(None, max_clients=4 * args.students + 20)
    scratch = Path(tempfile.mkdtemp(prefix="asylum-hub-bench-"))
    started = time.monotonic()
    try:
        steps = sorted({s for s in (1, 5, 10, 20, 30, 40, 60) if s < args.students} | {args.students})
        res: dict = {"cores": os.cpu_count()}
        res["hub"] = await measure_hub(args.students, steps, scratch / "hub")
        res["single_user"] = await measure_single_user(scratch / "single")
        res["total_s"] = time.monotonic() - started
        return res
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="simulated students (default 30)")
    args = parser.parse_args(argv)
    if args.students < 1:
        parser.error("--students must be at least 1")
    print(json.dumps(asyncio.run(main_async(args)), default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
