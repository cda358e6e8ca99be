"""The submission service: a JupyterHub-managed service, authenticated with the hub's OAuth.

Who is asking is the hub login behind the request's token (``Authorization: token ...``, the token of
the student's own server) or OAuth cookie (a browser), never a name in the request. A student may
submit, list their own submissions and read their own returned feedback; nothing else. Members of the
hub group ``instructors`` (looked up in the hub with the service's own token) may also set due dates,
collect an exercise, grade it on this machine and return the feedback.

Every refusal is a 4xx with one JSON line ``{"error": "..."}`` (or a short page for a browser):
401 not logged in, 403 not allowed, 404 no such exercise or feedback, 400 malformed, 409 a conflict
(grading already running, nothing graded to return), 413 too large.

Configuration comes from the environment the hub gives a managed service (``JUPYTERHUB_*``) and:
``ASYLUM_HUB_DATA`` (the store's folder), ``ASYLUM_HUB_EXERCISES`` (the exercise masters),
``ASYLUM_HUB_INSTRUCTORS`` (group name, default ``instructors``), ``ASYLUM_HUB_MAX_UPLOAD`` (bytes,
default 5 MB), ``ASYLUM_HUB_TIMEZONE`` (for due dates written without an offset; default UTC).

Run by the hub as ``python -m asylum_teach.hub.service`` (see deploy/hub/jupyterhub_config.py).
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from tornado import web
from tornado.escape import url_escape
from tornado.httpserver import HTTPServer

from asylum_teach.exceptions import HubError
from asylum_teach.hub.clinic import Clinic, Job, due_iso, find_exercises, log, now
from asylum_teach.hub.names import username
from asylum_teach.hub.pages import INSTRUCTOR, STUDENT, render
from asylum_teach.hub.store import Store, iso

PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
            "base-uri 'none'")
# A feedback page is the grader's HTML: shown in a sandbox (an origin of its own, no script).
FEEDBACK_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
MAX_BODY = 64 * 1024**2  # the connection's hard limit; the per-request limit (413) is Clinic.max_upload



class Base(HubOAuthenticated, web.RequestHandler):
    api = False

    def initialize(self, clinic: Clinic):
        self.clinic = clinic

    def set_default_headers(self):
        self.set_header("Content-Security-Policy", PAGE_CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")

    def user(self) -> str:
        """The hub login behind this request (401 without one, 403 for a login that may not use us)."""
        model = self.current_user
        if model and model.get("kind", "user") == "user":
            return username(model["name"])
        if model or getattr(self, "_cached_hub_user", None):
            raise web.HTTPError(403, log_message="this hub login may not use the submission service")
        raise web.HTTPError(401, log_message="log in to the hub first (or send 'Authorization: token ...')")

    async def instructor(self) -> str:
        user = self.user()
        if not await self.clinic.is_instructor(user):
            raise web.HTTPError(403, log_message=f"only members of the hub group {self.clinic.group!r} may do this")
        return user

    def write_error(self, status_code, **kwargs):
        exc = kwargs.get("exc_info", (None, None))[1]
        message = getattr(exc, "log_message", None) or self._reason
        if isinstance(exc, HubError):
            message = str(exc)
        if status_code >= 500:
            message = "the submission service failed; the hub's log says why"
        if self.api:
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": message, "status": status_code}))
        else:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            from html import escape

            self.finish(f"<!doctype html><title>{status_code}</title><h1>{status_code}</h1><p>{escape(message)}</p>")

    def log_exception(self, typ, value, tb):
        if isinstance(value, (web.HTTPError, HubError)):
            return
        super().log_exception(typ, value, tb)

    def send_json(self, obj, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(obj))

    def send_feedback(self, found) -> None:
        if found is None:
            raise web.HTTPError(404, log_message="no feedback has been returned for this exercise")
        returned_at, page = found
        self.set_header("Content-Security-Policy", FEEDBACK_CSP)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Last-Modified", returned_at.strftime("%a, %d %b %Y %H:%M:%S GMT"))
        self.finish(page)


class Api(Base):
    api = True

    def get_login_url(self):  # an API never redirects to a login page
        raise web.HTTPError(401, log_message="log in to the hub first (or send 'Authorization: token ...')")



class NotFound(Api):
    def prepare(self):
        raise web.HTTPError(404, log_message="no such page in the submission service")


@web.stream_request_body
class Upload(Api):
    """A handler whose body is limited to ``clinic.max_upload`` bytes: 413, and nothing past the limit kept.

    The answer waits for the whole body: a reply while the client is still sending makes the hub's
    proxy report its own 503 instead of our 413. Past ``MAX_BODY`` the connection itself is refused."""

    def prepare(self):
        self._chunks: list[bytes] = []
        self._size = 0

    def data_received(self, chunk: bytes):
        self._size += len(chunk)
        if self._size <= self.clinic.max_upload:
            self._chunks.append(chunk)
        else:
            self._chunks.clear()  # nothing of an oversized body is kept

    def body(self) -> bytes:
        if self._size > self.clinic.max_upload:
            raise web.HTTPError(413, log_message=f"too large: at most {self.clinic.max_upload} bytes")
        return b"".join(self._chunks)


def check_notebook(data: bytes, exercise: str) -> None:
    """400 unless ``data`` is a notebook of ``exercise``."""
    try:
        nb = json.loads(data)
    except (ValueError, RecursionError):
        raise web.HTTPError(400, log_message="the submission is not a notebook (not valid JSON)") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or nb.get("nbformat") != 4:
        raise web.HTTPError(400, log_message="the submission is not a version 4 notebook")
    meta = nb.get("metadata", {})
    found = meta.get("asylum_teach", {}).get("exercise") if isinstance(meta, dict) and isinstance(
        meta.get("asylum_teach"), dict) else None
    if found != exercise:
        raise web.HTTPError(400, log_message=f"this notebook is not exercise {exercise!r} "
                                             f"(its metadata says {str(found)[:40]!r})")


class SubmitApi(Upload):
    def post(self, exercise):
        user = self.user()
        ex = self.clinic.exercise(exercise)
        data = self.body()
        check_notebook(data, ex.id)
        sub = self.clinic.store.add_submission(user, ex.id, data, now())
        log.info("submission: %s %s at %s%s", user, ex.id, iso(sub.submitted_at), " (late)" if sub.late else "")
        self.send_json(sub.to_dict(), 201)


class MineApi(Api):
    def get(self):
        user = self.user()
        self.send_json({"user": user, "submissions": [s.to_dict() for s in self.clinic.store.submissions_of(user)],
                        "feedback": {ex: iso(at) for ex, at in self.clinic.store.feedback_of(user).items()}})


class WhoApi(Api):
    async def get(self):
        user = self.user()
        self.send_json({"user": user, "instructor": await self.clinic.is_instructor(user),
                        "exercises": {e.id: {"title": e.title, "due_at": due_iso(self.clinic, e.id)}
                                      for e in self.clinic.exercises.values()}})


class FeedbackApi(Upload):
    async def get(self, exercise, other=None):
        user = self.user()
        ex = self.clinic.exercise(exercise)
        if other is not None:  # someone else's: instructors only
            await self.instructor()
            user = _user_arg(other)
        self.send_feedback(self.clinic.store.feedback(user, ex.id))

    async def put(self, exercise, other=None):
        await self.instructor()
        ex = self.clinic.exercise(exercise)
        if other is None:
            raise web.HTTPError(400, log_message="say whose feedback this is: PUT .../feedback/EXERCISE/USER")
        try:
            self.clinic.store.put_feedback(_user_arg(other), ex.id, self.body(), now())
        except HubError as exc:
            raise web.HTTPError(404, log_message=str(exc)) from None
        self.send_json({"returned": other, "exercise": ex.id})


def _user_arg(text: str) -> str:
    try:
        return username(text)
    except HubError as exc:
        raise web.HTTPError(400, log_message=str(exc)) from None


class DueApi(Api):
    async def put(self, exercise):
        await self.instructor()
        ex = self.clinic.exercise(exercise)
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, log_message='send JSON: {"due_at": "2026-12-01T17:00:00+00:00"} or null') from None
        if not isinstance(body, dict) or "due_at" not in body:
            raise web.HTTPError(400, log_message='send JSON: {"due_at": "2026-12-01T17:00:00+00:00"} or null')
        self.clinic.store.set_due(ex.id, self.clinic.parse_due(body["due_at"]))
        self.send_json({"exercise": ex.id, "due_at": due_iso(self.clinic, ex.id)})


class ExercisesApi(Api):
    async def get(self):
        await self.instructor()
        counts = self.clinic.store.exercises()
        self.send_json({e: {"title": x.title, **counts.get(e, {"due_at": None, "students": 0, "submissions": 0,
                                                                "returned": 0})}
                        for e, x in self.clinic.exercises.items()})


class CollectApi(Api):
    async def get(self, exercise):
        await self.instructor()
        ex = self.clinic.exercise(exercise)
        records = self.clinic.collection(ex)
        for rec in records:
            rec["notebook"] = base64.b64encode(rec["notebook"]).decode("ascii")
        self.send_json({"exercise": ex.id, "due_at": due_iso(self.clinic, ex.id), "submissions": records})


class GradeApi(Api):
    async def post(self, exercise):
        await self.instructor()
        job = self.clinic.start_grading(self.clinic.exercise(exercise))
        self.send_json(_job(job), 202)

    async def get(self, exercise):
        await self.instructor()
        ex = self.clinic.exercise(exercise)
        self.send_json(_job(self.clinic.jobs.get(ex.id)))


def _job(job: Job | None) -> dict:
    if job is None:
        return {"state": "none"}
    return {"state": job.state, "summary": job.summary, "log": job.log, "folder": str(job.folder)}


class ReturnApi(Api):
    async def post(self, exercise):
        await self.instructor()
        ex = self.clinic.exercise(exercise)
        self.send_json(self.clinic.return_feedback(ex, self.clinic.jobs.get(ex.id)))


# ---------------------------------------------------------------- pages
class HomePage(Base):
    @web.authenticated
    async def get(self):
        user = self.user()
        store = self.clinic.store
        exercises = [SimpleNamespace(id=e.id, title=e.title, due=due_iso(self.clinic, e.id))
                     for e in self.clinic.exercises.values()]
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render(STUDENT, title="My submissions", user=user, prefix=self.settings["prefix"],
                           hub=self.settings["hub_prefix"], instructor=await self.clinic.is_instructor(user),
                           submissions=store.submissions_of(user), exercises=exercises,
                           feedback=sorted((ex, iso(at)) for ex, at in store.feedback_of(user).items()),
                           url_escape=url_escape, xsrf=""))


class FeedbackPage(Base):
    @web.authenticated
    def get(self, exercise):
        user = self.user()
        self.send_feedback(self.clinic.store.feedback(user, self.clinic.exercise(exercise).id))


class InstructorPage(Base):
    @web.authenticated
    async def get(self):
        user = await self.instructor()
        counts = self.clinic.store.exercises()
        rows, refresh = [], None
        for e in self.clinic.exercises.values():
            c = counts.get(e.id, {})
            job = self.clinic.jobs.get(e.id)
            late = sum(1 for s in self.clinic.store.latest(e.id) if s.late)
            rows.append(SimpleNamespace(id=e.id, title=e.title, due=c.get("due_at"), students=c.get("students", 0),
                                        late=late, returned=c.get("returned", 0),
                                        job_state=job.state if job else "not graded",
                                        job_summary=job.summary if job else "",
                                        log=job.log if job and job.state == "failed" else ""))
            refresh = 2 if job and job.state == "running" else refresh
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render(INSTRUCTOR, title="Instructor", user=user, prefix=self.settings["prefix"],
                           hub=self.settings["hub_prefix"], instructor=True, exercises=rows,
                           message=self.get_argument("message", None), refresh=refresh,
                           url_escape=url_escape, xsrf=self.xsrf_form_html()))


class InstructorAction(Base):
    @web.authenticated
    async def post(self, exercise, action):
        await self.instructor()
        ex = self.clinic.exercise(exercise)
        if action == "due":
            self.clinic.store.set_due(ex.id, self.clinic.parse_due(self.get_body_argument("due_at", "")))
            message = f"due date of {ex.id} set"
        elif action == "grade":
            self.clinic.start_grading(ex)
            message = f"grading {ex.id}"
        else:
            result = self.clinic.return_feedback(ex, self.clinic.jobs.get(ex.id))
            message = f"returned feedback to {len(result['returned'])} students" + (
                f"; {len(result['problems'])} problems: " + "; ".join(result["problems"]) if result["problems"] else "")
        self.redirect(f"{self.settings['prefix']}instructor?message={url_escape(message[:300])}")


def make_app(clinic: Clinic, prefix: str, hub_prefix: str = "/hub/") -> web.Application:
    p = prefix.rstrip("/")
    ex, who = r"([^/]+)", r"([^/]+)"
    handlers = [
        (p + "/?", HomePage), (p + "/oauth_callback", HubOAuthCallbackHandler),
        (p + f"/feedback/{ex}", FeedbackPage), (p + "/instructor/?", InstructorPage),
        (p + f"/instructor/{ex}/(due|grade|return)", InstructorAction),
        (p + "/api/me", WhoApi), (p + "/api/submissions", MineApi), (p + f"/api/submissions/{ex}", SubmitApi),
        (p + f"/api/feedback/{ex}", FeedbackApi), (p + f"/api/feedback/{ex}/{who}", FeedbackApi),
        (p + "/api/exercises", ExercisesApi), (p + f"/api/exercises/{ex}/due", DueApi),
        (p + f"/api/collect/{ex}", CollectApi), (p + f"/api/grade/{ex}", GradeApi),
        (p + f"/api/return/{ex}", ReturnApi), (r".*", NotFound),
    ]
    handlers = [(pattern, handler, {"clinic": clinic}) if handler is not HubOAuthCallbackHandler else (pattern, handler)
                for pattern, handler in handlers]
    # xsrf_cookies stays off: the hub's OAuth code checks the XSRF token of every cookie-authenticated
    # POST itself (no valid token, no user: 403), and a token-authenticated request needs none.
    return web.Application(handlers, cookie_secret=os.urandom(32), xsrf_cookies=False, prefix=p + "/",
                           hub_prefix=hub_prefix)


def main() -> int:
    import faulthandler
    import signal

    faulthandler.register(signal.SIGUSR1)  # kill -USR1 PID prints every thread's stack to the hub's log
    logging.basicConfig(level=logging.INFO, format="[asylum-submit %(asctime)s] %(message)s")
    env = os.environ
    try:
        data, exercises = env["ASYLUM_HUB_DATA"], env["ASYLUM_HUB_EXERCISES"]
        service_url, prefix = env["JUPYTERHUB_SERVICE_URL"], env["JUPYTERHUB_SERVICE_PREFIX"]
        clinic = Clinic(Store(data), find_exercises(Path(exercises)), env["JUPYTERHUB_API_URL"],
                        env["JUPYTERHUB_API_TOKEN"], env.get("ASYLUM_HUB_INSTRUCTORS", "instructors"),
                        int(env.get("ASYLUM_HUB_MAX_UPLOAD", 5 * 1024**2)), env.get("ASYLUM_HUB_TIMEZONE", "UTC"))
        ZoneInfo(clinic.zone)
    except (KeyError, ValueError) as exc:
        print(f"asylum-submit: error: missing or bad setting {exc} (this service is started by JupyterHub; "
              "see deploy/hub/jupyterhub_config.py)", file=sys.stderr)
        return 2
    if not clinic.exercises:
        print(f"asylum-submit: error: no exercise notebooks in {exercises}", file=sys.stderr)
        return 2
    app = make_app(clinic, prefix, env.get("JUPYTERHUB_BASE_URL", "/").rstrip("/") + "/hub/")
    url = urlparse(service_url)

    async def serve():
        # ASYLUM_HUB_BIND: where to listen when the URL's host is a name others use (Kubernetes: 0.0.0.0)
        HTTPServer(app, max_body_size=MAX_BODY, xheaders=True).listen(url.port, env.get("ASYLUM_HUB_BIND") or url.hostname)
        log.info("serving %d exercises at %s%s (store %s)", len(clinic.exercises), service_url, prefix, data)
        await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:  # the hub stops its services with SIGINT
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
