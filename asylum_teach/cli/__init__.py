"""The ``asylum-teach`` command: a thin wrapper over the library (STYLE P12).

Each sub-command lives in its own module in this package and exposes ``register(subparsers)``; the
modules are discovered, so adding a command never edits this file. A handler returns an exit code or
None. Every :class:`~asylum_teach.exceptions.AsylumTeachError` becomes one line on stderr and a
non-zero exit: bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from asylum_teach.exceptions import AsylumTeachError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line, exit 2, no usage dump
        self.exit(2, f"asylum-teach: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="asylum-teach",
                     description="Teaching toolkit for US defensive asylum. A teaching model, not legal advice.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        code = args.handler(args)
    except AsylumTeachError as exc:
        print(f"asylum-teach: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("asylum-teach: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
