"""The citation registry: every authority the toolkit cites, once, in ``data/citations.yaml``.

A citation is the authority, where to read it, and how strong our evidence for it is. Strength is the
research tag: ``P`` a primary source was seen (statute, regulation, Federal Register, court or BIA
opinion, official agency page); ``S`` secondary sources only; ``K`` an unverified lead. ``url`` is None
where the research saw the source but recorded no address. ``tag`` keeps a fuller research tag
("P headnote; volume/page cite K") where one letter says too little; it starts with the strength.

Everything else refers to a citation by its id: rule files, conventions, fees, the litigation
register and screening through the schema (an unknown id is an error naming the file and line), and
the reasoning code through :func:`cite` and :func:`cited`. No citation is written twice.

>>> c = cite("iskandarani")
>>> c.strength, c.url
('P', 'https://www.justice.gov/eoir/volume-29')
>>> cited("cfr-1003-29")
('8 CFR 1003.29 (continuance for good cause) [K]',)
>>> cite("morales-morales").tagged().endswith("[P headnote; volume/page cite K]")
True
>>> cite("cfr-1003-29x")
Traceback (most recent call last):
...
asylum_teach.exceptions.UnknownCitationError: unknown citation 'cfr-1003-29x'. Did you mean 'cfr-1003-29'? Citations are the ids of data/citations.yaml
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from asylum_teach.exceptions import RuleDataError, UnknownCitationError
from asylum_teach.law.schema import Where, build
from asylum_teach.yaml_data import package_file, read_package_data

Strength = Literal["P", "S", "K"]
#: What each strength letter means, in the words shown next to a citation.
STRENGTHS = {"P": "primary", "S": "secondary", "K": "unverified"}
#: How a secondary or unverified citation is marked for students (a primary one is shown plain).
STRENGTH_MARK = {letter: "" if letter == "P" else f" [{letter}: {words}]"
                 for letter, words in {"P": "", "S": "secondary source", "K": "unverified"}.items()}


def legend() -> str:
    """The key to the strength tags, as printed under a simulated case or an appeal aid.

    >>> legend()
    '[P] primary, [S] secondary, [K] unverified'
    """
    return ", ".join(f"[{letter}] {words}" for letter, words in STRENGTHS.items())


def _url(value: str | None):
    if value is not None and not value.startswith(("http://", "https://")):
        return "must be an http(s) address, or null where no source address was seen"
    return None


@dataclass(frozen=True)
class Citation:
    cite: str
    url: str | None = field(metadata={"check": _url})
    strength: Strength
    tag: str | None = field(default=None, compare=False)
    last_verified_on: date | None = field(default=None, compare=False)
    id: str = field(default="", compare=False, metadata={"data": False})

    def to_dict(self) -> dict:
        return {"cite": self.cite, "url": self.url, "strength": self.strength}

    def shown(self) -> str:
        """As shown to students next to a deadline or a screening step: primary sources plain, the others marked.

        >>> Citation("Firm alert", None, "S").shown()
        'Firm alert [S: secondary source]'
        """
        return f"{self.cite}{STRENGTH_MARK[self.strength]}"

    def tagged(self) -> str:
        """As the proceedings simulator and the appeal aid show it: the citation and its research tag."""
        return f"{self.cite} [{self.tag or self.strength}]"

    @classmethod
    def from_reference(cls, value, where: Where) -> Citation:
        """A data file names a citation by its registry id (the schema calls this for every Citation field)."""
        if not isinstance(value, str):
            where.fail(f"{where.key}: a citation is an id from data/citations.yaml, not {type(value).__name__}")
        try:
            return cite(value)
        except UnknownCitationError as exc:
            where.fail(f"{where.key}: {exc}")


@functools.lru_cache(maxsize=1)
def load_citations() -> dict[str, Citation]:
    """Every entry of ``data/citations.yaml``, checked key by key (file and line on error)."""
    return parse_registry(read_package_data("citations.yaml"), str(package_file("citations.yaml")))


def parse_registry(raw, path: str) -> dict[str, Citation]:
    """Check a registry (parsed with :func:`~asylum_teach.yaml_data.read_yaml`) and build its citations.

    >>> from asylum_teach.yaml_data import read_yaml
    >>> parse_registry(read_yaml("c.yaml", '''
    ... citations:
    ...   a: {cite: "INA 208", url: null, strength: P, last_verified_on: null}
    ...   b: {cite: "INA 208", url: null, strength: K, last_verified_on: null}
    ... '''), "c.yaml")
    Traceback (most recent call last):
    ...
    asylum_teach.exceptions.RuleDataError: c.yaml, line 4: b: the same citation is already entered as 'a'; enter each authority once
    """
    if not isinstance(raw, dict) or set(raw) != {"citations"} or not isinstance(raw["citations"], dict):
        raise RuleDataError(f"{path}: expected one mapping, 'citations', of citation ids")
    out: dict[str, Citation] = {}
    seen: dict[str, str] = {}
    for cite_id, node in raw["citations"].items():
        where = Where(path, getattr(node, "line", 0), str(cite_id))
        if isinstance(node, dict) and "last_verified_on" not in node:
            where.fail(f"{cite_id}: missing required key 'last_verified_on' (null where no date was recorded)")
        c = build(Citation, node, where)
        if c.tag is not None and c.tag[0] != c.strength:
            where.fail(f"{cite_id}: tag {c.tag!r} must start with its strength {c.strength}")
        if c.cite in seen:
            where.fail(f"{cite_id}: the same citation is already entered as {seen[c.cite]!r}; enter each authority once")
        seen[c.cite] = cite_id
        out[cite_id] = Citation(c.cite, c.url, c.strength, c.tag, c.last_verified_on, cite_id)
    return out


def cite(cite_id: str) -> Citation:
    """The registry's citation ``cite_id``."""
    registry = load_citations()
    try:
        return registry[cite_id]
    except KeyError:
        close = difflib.get_close_matches(str(cite_id), registry, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownCitationError(f"unknown citation {cite_id!r}.{hint} Citations are the ids of data/citations.yaml") \
            from None


def cited(*cite_ids: str) -> tuple[str, ...]:
    """The citations ``cite_ids`` as the proceedings and the appeal aid show them (with their research tags)."""
    return tuple(cite(i).tagged() for i in cite_ids)
