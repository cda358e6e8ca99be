"""A citation: the authority, where to read it, and how strong our evidence for it is.

Strength is the research tag: ``P`` a primary source was seen (statute, regulation, Federal
Register, court or BIA opinion, official agency page); ``S`` secondary sources only; ``K`` an
unverified lead. ``url`` is None where the research saw the source but recorded no address.

>>> c = Citation.from_data("x", {"cite": "8 C.F.R. 1003.38(b)", "url": "https://www.law.cornell.edu/cfr/text/8/1003.38",
...                              "strength": "P"}, Where("t.yaml"))
>>> c.shown()
'8 C.F.R. 1003.38(b)'
>>> Citation("Firm alert", None, "S").shown()
'Firm alert [S: secondary source]'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from asylum_teach.law.schema import Where, build

Strength = Literal["P", "S", "K"]
STRENGTH_MARK = {"P": "", "S": " [S: secondary source]", "K": " [K: unverified]"}


def _url(value: str | None):
    if value is not None and not value.startswith(("http://", "https://")):
        return "must be an http(s) address, or null where no source address was seen"
    return None


@dataclass(frozen=True)
class Citation:
    cite: str
    url: str | None = field(metadata={"check": _url})
    strength: Strength
    id: str = field(default="", compare=False)

    def to_dict(self) -> dict:
        return {"cite": self.cite, "url": self.url, "strength": self.strength}

    def shown(self) -> str:
        """As shown to students: primary sources plain, the others marked."""
        return f"{self.cite}{STRENGTH_MARK[self.strength]}"

    @classmethod
    def from_data(cls, cite_id: str, node, where: Where) -> "Citation":
        """A registry entry: its key is its id."""
        c = build(cls, node, where)
        return cls(c.cite, c.url, c.strength, cite_id)
