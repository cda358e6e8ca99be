"""A student's notebook server on the clinic hub: copy in the course and the returned feedback, then
become ``jupyterhub-singleuser``.

The hub starts this (``Spawner.cmd``) as the student, in the student's folder. The course in
``$ASYLUM_TEACH_COURSE`` is copied into ``clinic/`` there (see :mod:`course`: never over the
student's files), and the feedback pages returned to the student are fetched with the server's own
token into ``clinic/feedback/`` (see :mod:`delivery`). A failure of either is logged and never keeps
the student from their server. ``$ASYLUM_TEACH_HOME`` tells the server's kernels and terminals where
this folder is (``asylum-teach feedback`` writes there from any folder). As root
(only the demo's simple spawner runs servers as root) the server gets ``--allow-root``, which Jupyter
Server otherwise demands. The server runs in this process (``jupyterhub.singleuser.main``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from asylum_teach.hub.delivery import COURSE_FOLDER


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    source, user = os.environ.get("ASYLUM_TEACH_COURSE"), os.environ.get("JUPYTERHUB_USER")
    if source and user:
        try:
            from asylum_teach.hub.course import install_course

            written = install_course(Path(source), Path.cwd() / COURSE_FOLDER, user)
            print(f"asylum-teach: course copied ({len(written)} new files in {COURSE_FOLDER}/)", file=sys.stderr)
        except Exception as exc:  # the student still gets a server
            print(f"asylum-teach: could not copy the course from {source}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
    os.environ["ASYLUM_TEACH_HOME"] = str(Path.cwd())
    if user and os.environ.get("JUPYTERHUB_API_TOKEN"):
        fetch_feedback()
    if os.geteuid() == 0 and "--allow-root" not in argv:
        argv.append("--allow-root")
    try:
        from jupyterhub.singleuser import main as singleuser
    except ImportError:
        print("asylum-teach: jupyterhub-singleuser is not installed (pip install 'asylum-teach[hub]')", file=sys.stderr)
        return 2
    # jsonschema (through jupyter_events) would build the optional rfc3987 IRI grammar at start-up: about
    # 1.7 s of CPU per server, paid 30 times over when a class logs in together; nothing here checks IRIs.
    sys.modules.setdefault("rfc3987_syntax", None)
    sys.argv = ["jupyterhub-singleuser", *argv]
    return singleuser()


def fetch_feedback() -> None:
    """The returned feedback into ``clinic/feedback/``; whatever goes wrong is one line in the server's log."""
    try:
        from asylum_teach.hub.client import fetch_mine

        for line in fetch_mine(Path.cwd(), timeout=10).lines():
            print(f"asylum-teach: {line}", file=sys.stderr)
    except Exception as exc:  # the student still gets a server
        print(f"asylum-teach: no feedback fetched: {type(exc).__name__}: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
