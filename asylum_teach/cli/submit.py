"""``asylum-teach submit``: a student submits an exercise to the clinic's hub from a terminal."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("submit", help="submit an exercise notebook to the clinic hub under your hub login",
                       description="Send the saved notebook to the hub's submission service. Run it in a terminal "
                                   "of your hub server; who you are comes from your hub login.")
    p.add_argument("exercise", help="the exercise id (deadlines) or your exercise notebook's path")
    p.set_defaults(handler=_submit)


def _submit(args) -> int:
    from pathlib import Path

    from asylum_teach.hub.client import Client, describe, find_notebook

    client = Client()  # first: off the hub, say so before looking for notebooks
    given = args.exercise
    is_path = given.endswith(".ipynb") or Path(given).exists()
    if not is_path and Path("clinic/exercises").is_dir() and not any(Path.cwd().glob("*.ipynb")):
        import os

        os.chdir("clinic/exercises")  # a terminal opens in the server's root; the exercises are here
    path, exercise = find_notebook(None if is_path else given, given if is_path else None)
    print(describe(client.submit(exercise, path.read_bytes())))
    return 0
