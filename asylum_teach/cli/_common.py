"""Helpers shared by the sub-command modules."""

from __future__ import annotations

import json
import sys
from datetime import date

from asylum_teach.dates import parse_date


def date_arg(name: str):
    """An argparse type that parses an ISO date and names the option on failure."""

    def parse(text: str) -> date:
        from asylum_teach.exceptions import InvalidInputError

        try:
            return parse_date(text, name=name)
        except InvalidInputError as exc:
            import argparse

            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = "date"
    return parse


def key_value(text: str) -> tuple[str, str]:
    import argparse

    if "=" not in text:
        raise argparse.ArgumentTypeError(f"{text!r} must look like KEY=VALUE")
    key, value = text.split("=", 1)
    return key.strip(), value.strip()


def print_json(obj) -> None:
    json.dump(obj, sys.stdout, indent=2, default=_default, ensure_ascii=False)
    sys.stdout.write("\n")


def _default(o):
    if isinstance(o, date):
        return o.isoformat()
    if hasattr(o, "to_dict"):
        return o.to_dict()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def positive_seconds(text: str) -> float:
    """An argparse type: any positive, finite number of seconds (``7.5`` and ``0.5`` included)."""
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value
