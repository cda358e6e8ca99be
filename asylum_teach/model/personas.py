"""Curated teaching clients: hand-written YAML personas in ``asylum_teach/data/personas/``.

Each persona is a hypothetical :class:`~asylum_teach.model.client.Client` with a title and a teaching
note saying what it illustrates. If a file has no narrative, one is written from its facts.

>>> "uac-in-proceedings" in persona_ids()
True
>>> p = load_persona("uac-in-proceedings")
>>> p.facts["unaccompanied_child"], p.source, p.age(p.facts["last_arrival_on"])
(True, 'persona', 15)
>>> load_persona("nobody")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: persona: 'nobody' is not one of ...
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache
from importlib import resources

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.case_file import case_from_data
from asylum_teach.model.narrative import intake_narrative
from asylum_teach.yaml_data import load_yaml


def _folder():
    return resources.files("asylum_teach") / "data" / "personas"


@lru_cache(maxsize=1)
def persona_ids() -> tuple[str, ...]:
    """The ids of all personas, sorted (the file name without ``.yaml``)."""
    return tuple(sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".yaml")))


@cache
def load_persona(persona_id: str):
    """One persona as a validated Client; errors name the persona file."""
    if persona_id not in persona_ids():
        raise InvalidInputError(f"persona: {persona_id!r} is not one of {', '.join(persona_ids())}")
    name = f"{persona_id}.yaml"
    try:
        client = case_from_data(load_yaml((_folder() / name).read_text(encoding="utf-8"))).client
    except InvalidInputError as exc:
        raise type(exc)(f"personas/{name}: {exc}") from None
    if client is None or client.client_id != persona_id:
        raise InvalidInputError(f"personas/{name}: client_id must be {persona_id!r}")
    if not client.teaching_note:
        raise InvalidInputError(f"personas/{name}: teaching_note: every persona says what it illustrates")
    if not client.narrative:
        client = replace(client, narrative=intake_narrative(client.name, client.age(), client.facts,
                                                                      client.as_of))
    return client


def load_personas() -> dict:
    """All personas by id."""
    return {pid: load_persona(pid) for pid in persona_ids()}
