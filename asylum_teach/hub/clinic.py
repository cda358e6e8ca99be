"""What the submission service knows and does, apart from HTTP: the exercises it takes, the store,
who is an instructor (asked of the hub), and grading runs on this machine.

Grading is the ``asylum-teach grade`` command, run as a subprocess on a collected folder (see
:mod:`collection`) without the service's hub token in its environment; its feedback pages are then
returned through the store. Refusals are tornado ``HTTPError``s with the message the client sees.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from asylum_teach.exceptions import HubError
from asylum_teach.hub.collection import GRADED, ROSTER, feedback_pages, read_roster, write_collection
from asylum_teach.hub.names import exercise_id
from asylum_teach.hub.store import Store, iso

log = logging.getLogger("asylum_teach.hub")


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Exercise:
    id: str
    title: str
    master: Path


def find_exercises(folder: Path) -> dict[str, Exercise]:
    """The exercise masters in ``folder``, by the exercise id in their metadata."""
    found: dict[str, Exercise] = {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
            ex = exercise_id(nb["metadata"]["asylum_teach"]["exercise"])
        except (OSError, ValueError, KeyError, TypeError, HubError):
            continue
        title = next((line.lstrip("# ").strip() for c in nb.get("cells", []) if c.get("cell_type") == "markdown"
                      for line in "".join(c.get("source", "")).splitlines() if line.startswith("# ")), ex)
        found[ex] = Exercise(ex, title, path.resolve())
    return found


@dataclass
class Job:
    """One grading run on this machine: collect, ``asylum-teach grade``, then ready to return."""

    folder: Path
    state: str = "running"  # running, graded, failed, returned
    log: str = ""
    summary: str = ""
    started: float = field(default_factory=time.monotonic)


@dataclass
class Clinic:
    """What every handler shares: the store, the exercises, the hub API, the grading jobs."""

    store: Store
    exercises: dict[str, Exercise]
    hub_api: str
    token: str
    group: str = "instructors"
    max_upload: int = 5 * 1024**2
    zone: str = "UTC"
    jobs: dict[str, Job] = field(default_factory=dict)
    _groups: dict[str, tuple[float, bool]] = field(default_factory=dict)

    async def is_instructor(self, user: str) -> bool:
        """Is ``user`` in the instructors group? Asked of the hub (cached for 10 s)."""
        cached = self._groups.get(user)
        if cached and time.monotonic() - cached[0] < 10:
            return cached[1]
        url = f"{self.hub_api.rstrip('/')}/users/{quote(user, safe='')}"
        try:
            resp = await AsyncHTTPClient().fetch(url, headers={"Authorization": f"token {self.token}"})
            answer = self.group in json.loads(resp.body).get("groups", [])
        except HTTPClientError as exc:
            if exc.code != 404:
                raise
            answer = False
        self._groups[user] = (time.monotonic(), answer)
        return answer

    def exercise(self, text: str) -> Exercise:
        try:
            return self.exercises[exercise_id(text)]
        except (HubError, KeyError):
            raise web.HTTPError(404, reason="no such exercise",
                                log_message=f"no exercise {text[:80]!r} on this hub") from None

    def parse_due(self, text) -> datetime | None:
        if text in (None, ""):
            return None
        try:
            moment = datetime.fromisoformat(str(text).strip())
        except ValueError:
            raise web.HTTPError(400, log_message=f"not a date and time: {str(text)[:40]!r} "
                                                 "(write 2026-12-01T17:00, or with an offset)") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(self.zone))

    def collection(self, ex: Exercise) -> list[dict]:
        """Each student's latest submission of ``ex``, with the notebook's bytes."""
        return [{**s.to_dict(), "notebook": self.store.read_blob(s.sha256)} for s in self.store.latest(ex.id)]

    # ------------------------------------------------------------ grading on this machine
    def start_grading(self, ex: Exercise) -> Job:
        job = self.jobs.get(ex.id)
        if job and job.state == "running":
            raise web.HTTPError(409, log_message=f"{ex.id} is being graded already")
        records = self.collection(ex)
        if not records:
            raise web.HTTPError(409, log_message=f"nobody has submitted {ex.id}: nothing to grade")
        stamp = now().strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)
        folder = self.store.root / "grading" / ex.id / stamp
        subs = write_collection(folder, records)
        job = self.jobs[ex.id] = Job(folder)
        asyncio.get_running_loop().create_task(self._grade(ex, job, subs))
        return job

    async def _grade(self, ex: Exercise, job: Job, subs: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "JPY_"))}  # no hub token
        command = [sys.executable, "-m", "asylum_teach", "grade", str(ex.master), str(subs),
                   "--out", str(job.folder / GRADED), "--roster", str(job.folder / ROSTER), "--no-progress"]
        try:
            proc = await asyncio.create_subprocess_exec(*command, env=env, cwd=str(job.folder),
                                                        stdout=asyncio.subprocess.PIPE,
                                                        stderr=asyncio.subprocess.STDOUT)
            out, _ = await proc.communicate()
            job.log = out.decode("utf-8", "replace")[-4000:]
            lines = [ln for ln in job.log.splitlines() if ln.strip()]
            job.summary = lines[-1][:300] if lines else ""
            # exit 1 = some notebooks failed to grade: the rest still have feedback to return
            job.state = "graded" if proc.returncode in (0, 1) and (job.folder / GRADED).is_dir() else "failed"
        except Exception as exc:  # the service keeps running; the instructor sees why
            job.state, job.summary = "failed", f"{type(exc).__name__}: {exc}"
        log.info("grading %s finished: %s (%s)", ex.id, job.state, job.summary)

    def return_feedback(self, ex: Exercise, job: Job | None) -> dict:
        if job is None or job.state not in ("graded", "returned"):
            raise web.HTTPError(409, log_message=f"{ex.id} has no finished grading to return: grade it first")
        pages, problems = feedback_pages(job.folder / GRADED, read_roster(job.folder))
        return_pages(self.store, ex.id, {u: p.read_bytes() for u, p in pages.items()}, problems)
        job.state = "returned"
        return {"returned": sorted(pages), "problems": problems}


def return_pages(store: Store, exercise: str, pages: dict[str, bytes], problems: list) -> None:
    for user, page in pages.items():
        try:
            store.put_feedback(user, exercise, page, now())
        except HubError as exc:
            problems.append(str(exc))


def due_iso(clinic: Clinic, ex: str) -> str | None:
    due = clinic.store.due(ex)
    return iso(due) if due else None

