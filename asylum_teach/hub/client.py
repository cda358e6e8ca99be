"""Talking to the submission service: a student's ``submit()``, and the instructor's collect and return.

Who you are is the token you send, never a name: in a student's server the hub gives every kernel
and terminal the server's own token (``$JUPYTERHUB_API_TOKEN``), which the service turns back into
the student's login. From elsewhere an instructor creates a token on the hub's token page and passes
it in ``$ASYLUM_TEACH_HUB_TOKEN`` with the hub's address (``--hub`` or ``$ASYLUM_TEACH_HUB_URL``).
"""

from __future__ import annotations

import base64
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

from asylum_teach.exceptions import HubError
from asylum_teach.hub.names import exercise_id

SERVICE = "asylum-submit"


class Client:
    """The service at ``url`` (ending in ``/services/asylum-submit/``), asked with ``token``."""

    def __init__(self, url: str | None = None, token: str | None = None, hub: str | None = None):
        env = os.environ
        if url is None:
            hub = hub or env.get("ASYLUM_TEACH_HUB_URL")
            url = f"{hub.rstrip('/')}/services/{SERVICE}/" if hub else env.get("ASYLUM_TEACH_SUBMIT_URL")
        token = token or env.get("ASYLUM_TEACH_HUB_TOKEN") or env.get("JUPYTERHUB_API_TOKEN")
        if not url:
            raise HubError("no clinic hub to talk to: run this on the hub, or give --hub URL "
                           "(or set ASYLUM_TEACH_HUB_URL)")
        if not token:
            raise HubError("no hub token: run this on the hub, or create a token on the hub's token page "
                           "and set ASYLUM_TEACH_HUB_TOKEN")
        self.url, self.token = url.rstrip("/") + "/", token

    def send(self, method: str, path: str, body: bytes | None = None, content_type: str = "application/json",
             timeout: float = 60, limit: int | None = None):
        """``(body, headers)`` of the service's answer; an answer longer than ``limit`` bytes is refused."""
        req = urllib.request.Request(self.url + path, data=body, method=method, headers={
            "Authorization": f"token {self.token}", "Content-Type": content_type, "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                data = resp.read() if limit is None else resp.read(limit + 1)
                headers = resp.headers
        except urllib.error.HTTPError as exc:
            raise HubError(f"the submission service said {exc.code}: {_error_text(exc)}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise HubError(f"cannot reach the submission service at {self.url}: {getattr(exc, 'reason', exc)}") from None
        if limit is not None and len(data) > limit:
            raise HubError(f"the service's answer is larger than {limit} bytes: refused")
        return data, headers

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str = "application/json",
                timeout: float = 60):
        data, headers = self.send(method, path, body, content_type, timeout)
        return json.loads(data) if headers.get_content_type() == "application/json" else data

    # ------------------------------------------------------------------ students
    def submit(self, exercise: str, data: bytes) -> dict:
        return self.request("POST", f"api/submissions/{exercise_id(exercise)}", data)

    def mine(self, timeout: float = 60) -> dict:
        return self.request("GET", "api/submissions", timeout=timeout)

    def feedback_page(self, exercise: str, limit: int, timeout: float = 60) -> tuple[bytes, str | None]:
        """This login's returned page for ``exercise`` and the Content-Security-Policy it is served with."""
        data, headers = self.send("GET", f"api/feedback/{exercise_id(exercise)}", timeout=timeout, limit=limit)
        if headers.get_content_type() != "text/html":
            raise HubError(f"the service sent {headers.get_content_type()} for the feedback page of {exercise}, "
                           "not an HTML page")
        return data, headers.get("Content-Security-Policy")

    # ------------------------------------------------------------------ instructors
    def set_due(self, exercise: str, due_at: str | None) -> dict:
        return self.request("PUT", f"api/exercises/{exercise_id(exercise)}/due", json.dumps({"due_at": due_at}).encode())

    def collect(self, exercise: str) -> list[dict]:
        answer = self.request("GET", f"api/collect/{exercise_id(exercise)}", timeout=300)
        return [{**rec, "notebook": base64.b64decode(rec["notebook"])} for rec in answer["submissions"]]

    def return_page(self, exercise: str, user: str, page: bytes) -> None:
        from urllib.parse import quote

        self.request("PUT", f"api/feedback/{exercise_id(exercise)}/{quote(user, safe='')}", page, "text/html")


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        return json.loads(exc.read()).get("error", exc.reason)
    except (ValueError, AttributeError, OSError):
        return str(exc.reason)


# ---------------------------------------------------------------------- submit from a notebook
def find_notebook(exercise: str | None, notebook: str | None) -> tuple[Path, str]:
    """The notebook to submit and its exercise id: ``notebook``, else this kernel's own notebook
    (``$JPY_SESSION_NAME``), else the one exercise notebook for ``exercise`` in the current folder."""
    candidates = [Path(notebook)] if notebook else []
    if not candidates and os.environ.get("JPY_SESSION_NAME", "").endswith(".ipynb"):
        candidates = [Path(os.environ["JPY_SESSION_NAME"])]
    if not candidates:
        if not exercise:
            raise HubError("say which exercise to submit, e.g. submit('deadlines')")
        candidates = [p for p in sorted(Path.cwd().glob("*.ipynb")) if _exercise_of(p) == exercise]
        if len(candidates) != 1:
            raise HubError(f"found {len(candidates)} notebooks of exercise {exercise!r} in {Path.cwd()}: "
                           "give the notebook's path")
    path = candidates[0]
    found = _exercise_of(path)
    if found is None:
        raise HubError(f"{path} is not an asylum-teach exercise notebook")
    if exercise and found != exercise:
        raise HubError(f"{path.name} is exercise {found!r}, not {exercise!r}")
    return path, found


def _exercise_of(path: Path) -> str | None:
    try:
        meta = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {}).get("asylum_teach", {})
    except (OSError, ValueError, AttributeError):
        return None
    return meta.get("exercise") if isinstance(meta, dict) else None


def unsaved_answers(nb: dict, history: list[str]) -> list[str]:
    """Answer cells whose saved code is not what this kernel last ran for that answer.

    >>> nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["answer:due"]}, "source": "due = 1"}]}
    >>> unsaved_answers(nb, ["due = 2"]), unsaved_answers(nb, ["due = 1", "x = 3"]), unsaved_answers(nb, [])
    (['due'], [], [])
    """
    ran = [h.strip() for h in history]
    stale = []
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        key = next((t.split(":", 1)[1] for t in tags if isinstance(t, str) and t.startswith("answer:")), None)
        if key is None:
            continue
        source = "".join(cell.get("source", "")).strip()
        defines = [h for h in ran if any(line.replace(" ", "").startswith(f"{key}=") for line in h.splitlines())]
        if defines and defines[-1] != source:
            stale.append(key)
    return stale


def _kernel_history() -> list[str]:
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        return []
    return list(shell.user_ns.get("In", [])) if shell is not None else []


def submit(exercise: str | None = None, notebook: str | None = None) -> None:
    """Submit the saved notebook of ``exercise`` under your hub login, and say when and whether late."""
    try:
        path, ex = find_notebook(exercise, notebook)
        data = path.read_bytes()
        stale = unsaved_answers(json.loads(data), _kernel_history())
        if stale:
            raise HubError(f"the saved notebook is not what you ran (answers {', '.join(stale)}): save it "
                           "(Ctrl+S or File > Save) and run this cell again")
        client = Client()
        record = client.submit(ex, data)
    except HubError as exc:
        print(f"Not submitted: {exc}", file=sys.stderr)
        return None
    print(describe(record))
    return None


def fetch_mine(root: Path | None = None, *, timeout: float = 60):
    """The feedback returned to this server's owner, fetched with the server's own token into
    ``root/clinic/feedback`` (root: ``$ASYLUM_TEACH_HOME``, else home); see :func:`delivery.deliver`."""
    from asylum_teach.hub.delivery import deliver

    env = os.environ
    token, owner = env.get("JUPYTERHUB_API_TOKEN"), env.get("JUPYTERHUB_USER")
    if not token or not owner:
        raise HubError("feedback comes to your server on the clinic hub: run this in a notebook or terminal of "
                       "your hub server (JUPYTERHUB_API_TOKEN and JUPYTERHUB_USER are not set here)")
    if root is None:
        root = Path(env.get("ASYLUM_TEACH_HOME") or Path.home())
    return deliver(Client(token=token), Path(root), owner, timeout=timeout)


def feedback() -> None:
    """Copy the feedback returned to you into ``clinic/feedback/`` on your server, and say what came."""
    try:
        result = fetch_mine()
    except HubError as exc:
        print(f"No feedback fetched: {exc}", file=sys.stderr)
        return None
    for line in result.lines():
        print(line, file=sys.stderr if line.startswith("warning:") else sys.stdout)
    return None


def page_path() -> str:
    """Where a student's browser finds their submissions and feedback on this hub."""
    return os.environ.get("JUPYTERHUB_BASE_URL", "/").rstrip("/") + f"/services/{SERVICE}/"


def describe(record: dict) -> str:
    when = "LATE (after the due date " + record["due_at"] + ")" if record.get("late") else "on time"
    return (f"Submitted {record['exercise']} as {record['user']} at {record['submitted_at']}: {when}.\n"
            f"Your submissions and returned feedback: {page_path()}")
