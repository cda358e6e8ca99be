"""The clinic's part of a hub's configuration: the course, the submission service, roles, the
instructors group and the idle culler. Loaded by ``jupyterhub_config.py`` beside it, or on its own as a
drop-in (The Littlest JupyterHub: ``/opt/tljh/config/jupyterhub_config.d/``; see docs/deploy.md).

Settings from the environment:

* ASYLUM_HUB_COURSE: the released course (``asylum-teach release``) copied into each student's
  ``clinic/`` folder when their server starts, never over their files;
* ASYLUM_HUB_EXERCISES: the exercise masters (instructor side) the service grades against;
* ASYLUM_HUB_STATE: where the service keeps submissions (``STATE/submissions``);
* ASYLUM_HUB_INSTRUCTORS: comma-separated logins put in the ``instructors`` group;
* ASYLUM_HUB_SERVICE_PORT (default 10101), ASYLUM_HUB_SERVICE_HOST (how servers and the proxy reach
  the service, default 127.0.0.1), ASYLUM_HUB_MAX_UPLOAD (bytes, default 5 MB), ASYLUM_HUB_TIMEZONE
  (due dates written without an offset, default UTC);
* ASYLUM_HUB_USER_PYTHON: the Python of the students' environment (default: the hub's);
* ASYLUM_HUB_CULLER: ``on`` (default) starts jupyterhub-idle-culler (ASYLUM_HUB_CULL_TIMEOUT seconds,
  default 3600); ``off`` where the hub has its own (TLJH, Zero to JupyterHub).
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides it)
env = os.environ


def _dir(name: str) -> Path:
    value = env.get(name)
    if not value or not Path(value).is_dir():
        sys.exit(f"clinic_config: {name} must name an existing folder (got {value!r}); see docs/deploy.md")
    return Path(value).resolve()


SERVICE = "asylum-submit"
STATE = Path(env.get("ASYLUM_HUB_STATE", "/srv/asylum-teach")).resolve()
COURSE, EXERCISES = _dir("ASYLUM_HUB_COURSE"), _dir("ASYLUM_HUB_EXERCISES")
INSTRUCTORS = [x.strip() for x in env.get("ASYLUM_HUB_INSTRUCTORS", "").split(",") if x.strip()]
SERVICE_URL = f"http://{env.get('ASYLUM_HUB_SERVICE_HOST', '127.0.0.1')}:{int(env.get('ASYLUM_HUB_SERVICE_PORT', '10101'))}"
PY, USER_PY = sys.executable, env.get("ASYLUM_HUB_USER_PYTHON", sys.executable)

# ---------------------------------------------------------------- students' servers
c.Spawner.cmd = [USER_PY, "-m", "asylum_teach.hub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.Spawner.environment = {"ASYLUM_TEACH_COURSE": str(COURSE), "ASYLUM_HUB_STATE": str(STATE),
                         "ASYLUM_TEACH_SUBMIT_URL": f"{SERVICE_URL}/services/{SERVICE}/", "MPLBACKEND": "Agg"}
c.Spawner.mem_limit = env.get("ASYLUM_HUB_MEM_LIMIT") or None  # enforced by container spawners only
# a student's server token may call the submission service (as that student) and nothing else new
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", f"access:services!service={SERVICE}"]

# ---------------------------------------------------------------- groups, roles, services
# extended, not replaced: a hub that loads this as a drop-in keeps its own services and roles
c.JupyterHub.load_groups = {"instructors": {"users": INSTRUCTORS}}
c.JupyterHub.load_roles.extend([
    {"name": "user", "scopes": ["self", f"access:services!service={SERVICE}"]},
    {"name": SERVICE, "scopes": ["read:users:name", "read:users:groups"], "services": [SERVICE]},
])
c.JupyterHub.services.append(
    {"name": SERVICE, "display": True, "url": SERVICE_URL, "oauth_no_confirm": True,
     "command": [PY, "-m", "asylum_teach.hub.service"],
     "environment": {"ASYLUM_HUB_DATA": str(STATE / "submissions"), "ASYLUM_HUB_STATE": str(STATE),
                     "ASYLUM_HUB_EXERCISES": str(EXERCISES), "ASYLUM_HUB_INSTRUCTORS": "instructors",
                     "ASYLUM_HUB_BIND": env.get("ASYLUM_HUB_SERVICE_BIND", ""),
                     "ASYLUM_HUB_MAX_UPLOAD": env.get("ASYLUM_HUB_MAX_UPLOAD", str(5 * 1024**2)),
                     "ASYLUM_HUB_TIMEZONE": env.get("ASYLUM_HUB_TIMEZONE", "UTC"),
                     "PATH": env.get("PATH", "/usr/bin:/bin")}})
if env.get("ASYLUM_HUB_CULLER", "on") == "on":  # stops servers idle for an hour (their work is saved on disk)
    c.JupyterHub.load_roles.append({"name": "idle-culler", "services": ["idle-culler"], "scopes": [
        "list:users", "read:users:activity", "read:servers", "delete:servers"]})
    c.JupyterHub.services.append({"name": "idle-culler", "environment": {"ASYLUM_HUB_STATE": str(STATE)}, "command": [
        PY, "-m", "jupyterhub_idle_culler", f"--timeout={int(env.get('ASYLUM_HUB_CULL_TIMEOUT', '3600'))}"]})
