"""Start a real JupyterHub, with its proxy and the submission service, on loopback in a scratch folder.

Used by ``make hub`` (:func:`demo`), the hub tests and the load benchmark, all with the configuration we
ship (``deploy/hub/jupyterhub_config.py``), the demo (shared-password) authenticator and the simple spawner. The proxy
is configurable-http-proxy from the npm registry, installed into ``.venv/node`` by
``scripts/hub-deps.sh`` (which also installs Debian's nodejs when it may).

A *harness* token (an extra hub service, allowed only with the demo authenticator on loopback) lets
the tests and the benchmark create users' tokens and start servers through the hub's REST API.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from asylum_teach.exceptions import HubError

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "deploy" / "hub" / "jupyterhub_config.py"
HUB_DEPS = REPO / "scripts" / "hub-deps.sh"
SERVICE = "asylum-submit"
DEMO_USERS = {"instructors": ["instructor"], "students": ["ada", "bao", "chidi"]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_proxy(install: bool = True) -> str:
    """The configurable-http-proxy program: on PATH, in .venv/node, or installed there now."""
    local = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    if shutil.which("configurable-http-proxy"):
        return shutil.which("configurable-http-proxy")
    if not install:
        raise HubError("configurable-http-proxy is not installed (run scripts/hub-deps.sh)")
    done = subprocess.run(["bash", str(HUB_DEPS), str(local.parents[2])], capture_output=True, text=True)
    if done.returncode != 0 or not local.exists():
        raise HubError((done.stderr.strip().splitlines() or ["scripts/hub-deps.sh failed"])[-1])
    return str(local)


def prepare_course(course_root: Path, out: Path) -> tuple[Path, str]:
    """Release the course (``asylum-teach release``) into ``out``; returns (bundle, note).

    If the release refuses the whole course, the exercises alone are released (still leak-checked
    against the solutions) and the note says why."""
    if out.exists():
        shutil.rmtree(out)
    run = [sys.executable, "-m", "asylum_teach", "release"]
    done = subprocess.run([*run, str(out), "--course", str(course_root)], capture_output=True, text=True)
    if done.returncode == 0:
        return out, ""
    staging = out.with_name(out.name + "-exercises-only")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for part in ("exercises", "solutions"):
        shutil.copytree(course_root / part, staging / part, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    again = subprocess.run([*run, str(out), "--course", str(staging)], capture_output=True, text=True)
    shutil.rmtree(staging, ignore_errors=True)
    if again.returncode != 0:
        raise HubError(f"the course could not be released: {again.stderr.strip() or done.stderr.strip()}")
    return out, f"the full course release was refused ({done.stderr.strip()}); the hub serves the exercises only"


@dataclass
class Hub:
    """A running hub: its public URL, scratch folder, process and a harness token."""

    url: str
    state: Path
    proc: subprocess.Popen
    harness_token: str
    password: str
    course_note: str = ""
    log_path: Path | None = None
    _stopped: bool = field(default=False, repr=False)

    @property
    def service_url(self) -> str:
        return f"{self.url}/services/{SERVICE}/"

    def api(self, method: str, path: str, body=None, token: str | None = None, timeout: float = 60):
        """Call the hub's REST API (``/hub/api/...``); returns the decoded JSON (or None)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.url}/hub/api/{path.lstrip('/')}", data=data, method=method,
                                     headers={"Authorization": f"token {token or self.harness_token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def token_for(self, user: str, scopes: list[str] | None = None) -> str:
        """A new API token of ``user`` (by default: may call the submission service, as that user)."""
        body = {"note": "test", "scopes": scopes if scopes is not None else [f"access:services!service={SERVICE}"]}
        return self.api("POST", f"users/{user}/tokens", body)["token"]

    def start_servers(self, *users: str, timeout: float = 120) -> None:
        """Start these users' servers through the hub's REST API (as the hub would on their login), all
        at once, and wait until each is ready."""
        self._servers("POST", users, True, timeout)

    def stop_servers(self, *users: str, timeout: float = 60) -> None:
        """Stop these users' servers (those that run) and wait until the hub says they are gone."""
        self._servers("DELETE", users, False, timeout)

    def _servers(self, method: str, users, ready: bool, timeout: float) -> None:
        for user in users:
            try:
                self.api(method, f"users/{user}/server", {} if method == "POST" else None)
            except urllib.error.HTTPError as exc:
                if exc.code not in (400, 404):  # 400: already running (POST); 404: not running (DELETE)
                    raise HubError(f"the hub refused to {'start' if ready else 'stop'} {user}'s server: "
                                   f"{exc.code}") from None
        deadline, waiting = time.monotonic() + timeout, list(users)
        while waiting:
            server = (self.api("GET", f"users/{waiting[0]}").get("servers") or {}).get("")
            if bool(server and server.get("ready") and not server.get("pending")) if ready else not server:
                waiting.pop(0)
                continue
            if time.monotonic() > deadline:
                raise HubError(f"{waiting[0]}'s server did not {'start' if ready else 'stop'} within {timeout:.0f} s:"
                               f"\n{self.log()[-3000:]}")
            time.sleep(0.3)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path and self.log_path.exists() else ""

    def stop(self) -> None:
        """Stop the hub (which stops its proxy, service and servers), then anything of ours left behind."""
        if self._stopped:
            return
        self._stopped = True
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        for _ in range(2):  # twice: a kernel may have been starting while its server stopped
            for pid in _processes_using(self.state):
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.5)


def _processes_using(state: Path) -> list[int]:
    """Processes started for this hub (their environment names its scratch folder), but not us."""
    marker = f"ASYLUM_HUB_STATE={state}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def start_hub(state: Path, *, instructors: list[str], students: list[str], port: int | None = None,
              course_root: Path = REPO, password: str | None = None, extra_env: dict | None = None,
              timeout: float = 180) -> Hub:
    """Start the shipped hub configuration in ``state`` (a scratch folder) and wait until it serves (up to
    ``timeout``: on a loaded 2-core machine one hub took 90 s to start with its proxy and services)."""
    state = Path(state).resolve()
    state.mkdir(parents=True, exist_ok=True)
    proxy = find_proxy()
    course, note = prepare_course(Path(course_root), state / "course")
    password = password or secrets.token_urlsafe(12)
    harness = secrets.token_hex(32)
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "JPY_", "ASYLUM_HUB_"))}
    env.update({
        "ASYLUM_HUB_STATE": str(state), "ASYLUM_HUB_COURSE": str(course),
        "ASYLUM_HUB_EXERCISES": str(Path(course_root).resolve() / "exercises"),
        "ASYLUM_HUB_AUTH": "demo", "ASYLUM_HUB_SPAWNER": "simple", "ASYLUM_HUB_DEMO_PASSWORD": password,
        "ASYLUM_HUB_INSTRUCTORS": ",".join(instructors), "ASYLUM_HUB_STUDENTS": ",".join(students),
        "ASYLUM_HUB_IP": "127.0.0.1", "ASYLUM_HUB_PORT": str(port), "ASYLUM_HUB_HUB_PORT": str(free_port()),
        "ASYLUM_HUB_PROXY_API_PORT": str(free_port()), "ASYLUM_HUB_SERVICE_PORT": str(free_port()),
        "ASYLUM_HUB_PROXY": proxy, "ASYLUM_HUB_HARNESS_TOKEN": harness,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), str(Path(proxy).parent), env.get("PATH", "")]),
    })
    env.update(extra_env or {})
    log_path = state / "jupyterhub.log"
    log = log_path.open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=state, env=env,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    log.close()
    hub = Hub(f"http://127.0.0.1:{port}", state, proc, harness, password, note, log_path)
    try:
        _wait_until_serving(hub, timeout)
    except BaseException:
        hub.stop()
        raise
    return hub


def _wait_until_serving(hub: Hub, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if hub.proc.poll() is not None:
            raise HubError(f"JupyterHub exited (code {hub.proc.returncode}):\n{hub.log()[-3000:]}")
        try:
            hub.api("GET", "", timeout=5)
            urllib.request.urlopen(hub.service_url + "api/me", timeout=5)
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):  # the service answers (and wants a login): ready
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise HubError(f"JupyterHub did not serve within {timeout:.0f} s:\n{hub.log()[-3000:]}")
        time.sleep(0.3)


def demo(state: Path, port: int = 8000) -> int:
    """``make hub``: a demo hub on localhost until Ctrl-C (or SIGTERM), which stops everything it started."""
    state = Path(state).resolve()

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)  # even where the shell started us with Ctrl-C ignored
    signal.signal(signal.SIGTERM, interrupt)
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))
    except OSError:
        old, port = port, free_port()
        print(f"port {old} is busy: using {port}", file=sys.stderr)
    print("starting the demo hub (JupyterHub, configurable-http-proxy, the submission service) ...", file=sys.stderr)
    hub = start_hub(state, port=port, password="clinic-demo", **DEMO_USERS)
    if hub.course_note:
        print(f"note: {hub.course_note}", file=sys.stderr)
    users = ", ".join(DEMO_USERS["instructors"] + DEMO_USERS["students"])
    print(f"\nDemo hub running. Log in at  {hub.url}/hub/login\n"
          f"  users: {users} (instructor is in the 'instructors' group); password: {hub.password}\n"
          f"  submissions and feedback: {hub.service_url}   instructor page: {hub.service_url}instructor\n"
          f"  state and log: {state}\nPress Ctrl-C to stop.", flush=True)
    try:
        while hub.proc.poll() is None:
            time.sleep(1)
        print(f"JupyterHub exited (code {hub.proc.returncode}); see {hub.log_path}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopping the demo hub ...", file=sys.stderr)
        return 0
    finally:
        hub.stop()


if __name__ == "__main__":
    sys.exit(demo(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "build" / "hub-demo"))
