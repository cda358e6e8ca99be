"""A whole clinic on one JupyterHub: course distribution, submissions tied to the hub login, grading
and returned feedback.

Modules, bottom up:

* :mod:`names` checks the names that reach the service (exercise ids, hub usernames) and makes the
  hash-based file names that stand for them on disk;
* :mod:`store` keeps submissions and returned feedback (SQLite plus files, all behind one module);
* :mod:`collection` writes a collected exercise as a folder the grader reads, and finds the feedback
  pages the grader wrote for it;
* :mod:`clinic` is what the service knows and does apart from HTTP (exercises, instructors, grading runs);
* :mod:`service` is the JupyterHub-managed submission service (tornado, hub OAuth; :mod:`pages`);
* :mod:`delivery` writes the feedback returned to a student into their server's ``clinic/feedback/``
  (as the student, with their server's token; never through a link, never over their files);
* :mod:`client` is what a student's kernel or an instructor's shell uses to talk to the service;
* :mod:`course` copies the course into a student's folder on first start, never over their work;
* :mod:`singleuser` starts a student's server after that copy;
* :mod:`launch` starts a real hub and proxy on loopback (the demo, the tests and the load benchmark).

The grader is called only as the ``asylum-teach grade`` command. The hub layer never imports
``grading`` or ``teaching``: it sits beside them (DESIGN.md).
"""

from asylum_teach.exceptions import HubError  # noqa: F401 - the hub's error, kept importable from here


def submit(exercise: str | None = None, notebook: str | None = None):
    """Submit this exercise to the clinic's hub (for the notebook's submit cell); see :func:`client.submit`."""
    from asylum_teach.hub.client import submit as _submit

    return _submit(exercise, notebook)


def feedback():
    """Fetch the feedback returned to you into ``clinic/feedback/``; see :func:`client.feedback`."""
    from asylum_teach.hub.client import feedback as _feedback

    return _feedback()
