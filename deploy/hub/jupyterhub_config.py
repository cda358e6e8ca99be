"""JupyterHub configuration for a clinic running asylum-teach on one machine; settings from the environment.

    jupyterhub -f deploy/hub/jupyterhub_config.py

This file sets the machine's part (state, ports, proxy, who may log in, how servers start) and loads
``clinic_config.py`` beside it for the clinic's part (course, submission service, roles, group,
culler), which The Littlest JupyterHub loads on its own (docs/deploy.md).

What it sets up (docs/deploy.md explains each choice):

* authentication (ASYLUM_HUB_AUTH): ``native`` (NativeAuthenticator: students sign up, an admin
  approves) or ``lti13`` (LTI 1.3 launch from Canvas, jupyterhub-ltiauthenticator) in production;
  ``demo`` (the listed users, one shared password: JupyterHub's SharedPasswordAuthenticator, the
  successor of DummyAuthenticator) for the demo and the tests only, on loopback;
* the spawner (ASYLUM_HUB_SPAWNER): ``local`` runs each student's server as their own system user
  (the hub runs as root, users exist: TLJH or useradd); ``simple`` runs every server as the hub's
  user in ASYLUM_HUB_HOMES/<name> (demo and tests only: students could read each other's files);
* the ``instructors`` group (ASYLUM_HUB_INSTRUCTORS, comma-separated logins);
* the submission service ``asylum-submit`` (hub OAuth; students reach it from their servers with the
  server's own token, which is allowed to call that service and nothing more);
* the idle culler (jupyterhub-idle-culler; ASYLUM_HUB_CULL_TIMEOUT seconds, default 3600);
* the course: each student's server starts by copying ASYLUM_HUB_COURSE (a released bundle) into
  ``clinic/`` in the student's folder, never over the student's files (asylum_teach.hub.course).

Paths and ports: ASYLUM_HUB_STATE (hub database, cookie secret, submissions; default
/srv/asylum-teach), ASYLUM_HUB_EXERCISES (exercise masters, instructor side), ASYLUM_HUB_IP and
ASYLUM_HUB_PORT (public; default 127.0.0.1:8000), ASYLUM_HUB_HUB_PORT, ASYLUM_HUB_PROXY_API_PORT,
ASYLUM_HUB_SERVICE_PORT (loopback; defaults 8081, 8001, 10101), ASYLUM_HUB_PROXY (the
configurable-http-proxy program).
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides it)
env = os.environ


def _list(name: str) -> list[str]:
    return [x.strip() for x in env.get(name, "").split(",") if x.strip()]


STATE = Path(env.get("ASYLUM_HUB_STATE", "/srv/asylum-teach")).resolve()
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
os.environ["ASYLUM_HUB_STATE"] = str(STATE)  # clinic_config.py reads it too
INSTRUCTORS = _list("ASYLUM_HUB_INSTRUCTORS")
STUDENTS = _list("ASYLUM_HUB_STUDENTS")
IP, PORT = env.get("ASYLUM_HUB_IP", "127.0.0.1"), int(env.get("ASYLUM_HUB_PORT", "8000"))

# ---------------------------------------------------------------- the hub, its proxy, its state
c.JupyterHub.bind_url = f"http://{IP}:{PORT}/"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{int(env.get('ASYLUM_HUB_HUB_PORT', '8081'))}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env.get('ASYLUM_HUB_PROXY_API_PORT', '8001'))}"
if env.get("ASYLUM_HUB_PROXY"):
    c.ConfigurableHTTPProxy.command = [env["ASYLUM_HUB_PROXY"]]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.default_url = "/hub/home"
# a course link (from the LMS, or an nbgitpuller link) to a server that is not running starts it
c.JupyterHub.implicit_spawn_seconds = 1
c.JupyterHub.cleanup_servers = True

# ---------------------------------------------------------------- who may log in
AUTH = env.get("ASYLUM_HUB_AUTH", "native")
if AUTH == "demo":  # the demo and the tests: never on a machine students reach from outside
    if IP not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("jupyterhub_config: the demo authenticator is for a hub on loopback only")
    # JupyterHub's successor (5.3+) to DummyAuthenticator with a password: listed users, one password
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = env["ASYLUM_HUB_DEMO_PASSWORD"]
    c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS)
elif AUTH == "native":
    import nativeauthenticator

    c.JupyterHub.authenticator_class = "native"
    c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
    c.NativeAuthenticator.open_signup = False  # an admin approves each sign-up on /hub/authorize
    c.NativeAuthenticator.minimum_password_length = 10
    c.Authenticator.allow_all = True  # i.e. every user an admin has approved
elif AUTH == "lti13":
    c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
    c.LTI13Authenticator.issuer = env["ASYLUM_HUB_LTI_ISSUER"]  # e.g. https://canvas.instructure.com
    c.LTI13Authenticator.authorize_url = env["ASYLUM_HUB_LTI_AUTHORIZE_URL"]
    c.LTI13Authenticator.jwks_endpoint = env["ASYLUM_HUB_LTI_JWKS_URL"]
    c.LTI13Authenticator.client_id = _list("ASYLUM_HUB_LTI_CLIENT_ID")
    c.LTI13Authenticator.username_key = env.get("ASYLUM_HUB_LTI_USERNAME_KEY", "email")
    c.Authenticator.allow_all = True  # everyone the course's LMS launches
else:
    sys.exit(f"jupyterhub_config: ASYLUM_HUB_AUTH must be demo, native or lti13, not {AUTH!r}")
c.Authenticator.admin_users = set(_list("ASYLUM_HUB_ADMINS"))

# ---------------------------------------------------------------- students' servers
SPAWNER = env.get("ASYLUM_HUB_SPAWNER", "local")
if SPAWNER == "simple":  # demo and tests: every server runs as the hub's own user
    c.JupyterHub.spawner_class = "simple"
    homes = Path(env.get("ASYLUM_HUB_HOMES", str(STATE / "homes"))).resolve()
    c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
elif SPAWNER == "local":  # production on one machine: one system user per student (hub runs as root)
    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.notebook_dir = "~"
else:
    sys.exit(f"jupyterhub_config: ASYLUM_HUB_SPAWNER must be local or simple, not {SPAWNER!r}")
c.Spawner.start_timeout = int(env.get("ASYLUM_HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(env.get("ASYLUM_HUB_START_TIMEOUT", "120"))
# ---------------------------------------------------------------- the clinic: course, service, roles, culler
load_subconfig(str(Path(__file__).with_name("clinic_config.py")))  # noqa: F821 (traitlets provides it)

# ---------------------------------------------------------------- test harness (demo/tests/benchmark only)
# A token that may create users' tokens and start servers through the REST API. Only with the demo
# authenticator, which only runs on loopback.
if env.get("ASYLUM_HUB_HARNESS_TOKEN"):
    if AUTH != "demo":
        sys.exit("jupyterhub_config: ASYLUM_HUB_HARNESS_TOKEN is for the demo and tests (demo authenticator) only")
    c.JupyterHub.services.append({"name": "harness", "api_token": env["ASYLUM_HUB_HARNESS_TOKEN"]})
    c.JupyterHub.load_roles.append({"name": "harness", "services": ["harness"], "scopes": [
        "admin:users", "admin:servers", "tokens", "list:users", "read:users", "access:servers"]})
