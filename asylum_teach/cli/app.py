"""``asylum-teach app deadlines [--port N] [--open]``: the calculator and the appeal explorer for a projector.

Serves the app with Voilà on 127.0.0.1 (no code showing) until Ctrl-C; see :mod:`asylum_teach.publish.app`.
"""

from __future__ import annotations


def register(sub) -> None:
    from asylum_teach.publish.app import APPS

    p = sub.add_parser("app", help="serve a classroom app (widgets only, no code) with Voila",
                       description="Serve a classroom app on this machine with Voila: the widgets and their "
                                   "explanations, no code. A teaching model, not legal advice.")
    p.add_argument("name", choices=sorted(APPS), help="which app (deadlines: the calculator and the appeal explorer)")
    p.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default: 8866)")
    p.add_argument("--open", action="store_true", help="open it in the default browser")
    p.set_defaults(handler=_run)


def _run(args) -> int:
    from asylum_teach.publish.app import app_command, serve

    app_command(args.name, port=args.port)  # checks the arguments before anything starts
    print(f"serving the {args.name} app at http://127.0.0.1:{args.port}/ (Ctrl-C to stop)", flush=True)
    return serve(args.name, port=args.port, open_browser=args.open)
