"""A student's notebook server on the clinic hub: copy in the course, then become ``jupyterhub-singleuser``.

The hub starts this (``Spawner.cmd``) as the student, in the student's folder. The course in
``$ASYLUM_TEACH_COURSE`` is copied into ``clinic/`` there (see :mod:`course`: never over the
student's files); a failure to copy is logged and never keeps the student from their server. As root
(only the demo's simple spawner runs servers as root) the server gets ``--allow-root``, which Jupyter
Server otherwise demands. The server runs in this process (``jupyterhub.singleuser.main``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

COURSE_FOLDER = "clinic"


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


if __name__ == "__main__":
    sys.exit(main())
