"""What the appeal decision aid and the venue for review say and cite, from ``data/appeals.yaml``.

Wording is kept apart from logic (STYLE P11): the builders in :mod:`.appeal_options` and :mod:`.venue`
decide *which* text applies; the texts, option titles and cited ids live in the data file. Every cited
id is checked against the citation registry at load, naming the file and line of an unknown one.

>>> title("accept-decision")
'Accept the decision (waive appeal)'
>>> say("bia-version", version="30-days", window="earlier to present")
'Rule version in force for this decision: 30-days (earlier to present).'
>>> option_citations("accept-decision")[1]
'INA 242(d)(1), 8 U.S.C. 1252(d)(1) (exhaustion) [P]'
"""

from __future__ import annotations

from functools import lru_cache

from asylum_teach.exceptions import RuleDataError
from asylum_teach.law.citations import Citation
from asylum_teach.law.schema import Where
from asylum_teach.yaml_data import package_file, read_package_data


@lru_cache(maxsize=1)
def _data() -> tuple[dict, dict]:
    raw = read_package_data("appeals.yaml")
    path = str(package_file("appeals.yaml"))
    if not isinstance(raw, dict) or set(raw) != {"options", "says"}:
        Where(path).fail("expected two mappings, 'options' and 'says'")
    options = {}
    for option_id, node in raw["options"].items():
        where = Where(path, getattr(node, "line", 0), f"option {option_id}")
        if not isinstance(node, dict) or set(node) != {"title", "cites"}:
            where.fail(f"option {option_id}: expected a title and cites")
        cites = node["cites"]
        options[option_id] = (node["title"], tuple(Citation.from_reference(c, where.at(cites, i)).tagged()
                                                   for i, c in enumerate(cites)))
    for key, text in raw["says"].items():
        if not isinstance(text, str):
            Where(path, 0, key).fail(f"says.{key} must be text")
    return options, dict(raw["says"])


def title(option_id: str) -> str:
    return _data()[0][option_id][0]


def option_citations(option_id: str) -> tuple[str, ...]:
    """The option's citations as the aid shows them (with their research tags)."""
    return _data()[0][option_id][1]


def say(key: str, **words) -> str:
    """The text ``key``, its {placeholders} filled from ``words``."""
    try:
        return _data()[1][key].format_map(words)
    except KeyError as exc:
        raise RuleDataError(f"appeals.yaml: no text {key!r} or no value for its placeholder {exc}") from None
