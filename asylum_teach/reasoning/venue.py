"""Which court of appeals hears a petition for review (INA 242(b)(2)), and the split over video hearings.

In person the answer is the circuit where the court sits. By video, with the judge sitting elsewhere
(an adjudication center, say), the circuits disagree: :func:`pfr_venue` teaches the split instead of
picking a side. The proceedings simulator and the appeal decision aid both ask it; the citations are
the registry's and the caveats are in ``data/appeals.yaml``.

>>> v = pfr_venue("Oakdale", hearing_mode="video", ij_court="Falls Church")
>>> v.settled, [c for c, _, _ in v.candidates]
(False, ['4th', '5th'])
>>> pfr_venue("Chicago").circuit
'7th'
"""

from __future__ import annotations

from dataclasses import dataclass

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.citations import cited
from asylum_teach.model.courts import find_court
from asylum_teach.reasoning.appeal_wording import say


@dataclass(frozen=True)
class Venue:
    """The circuit for a petition for review, and the competing answers when the hearing was by video."""

    circuit: str
    court: str
    hearing_mode: str
    candidates: tuple = ()  # (circuit, theory, citation)
    caveat: str = ""
    cite_ids: tuple[str, ...] = ()  # ids in the citation registry

    @property
    def citations(self) -> tuple[str, ...]:
        return cited(*self.cite_ids)

    @property
    def settled(self) -> bool:
        return len({c for c, _, _ in self.candidates}) <= 1

    def to_dict(self) -> dict:
        return {"circuit": self.circuit, "court": self.court, "hearing_mode": self.hearing_mode,
                "settled": self.settled, "candidates": [{"circuit": c, "theory": t, "citation": x}
                                                        for c, t, x in self.candidates],
                "caveat": self.caveat, "citations": list(self.citations)}


def pfr_venue(court, *, hearing_mode: str = "in_person", ij_court=None, venue_changed_from=None) -> Venue:
    """Which circuit hears a petition for review, and the video-hearing split."""
    court = find_court(court)
    if hearing_mode not in ("in_person", "video"):
        raise InvalidInputError(f"hearing_mode: {hearing_mode!r} is not one of in_person, video")
    ids = ("ina-242-b-2", "herrera-alcala", "sarr", "yang-you-lee", "bibiano")
    statute, herrera_alcala, sarr, _, _ = cited(*ids)
    if hearing_mode == "in_person":
        return Venue(court.circuit, court.name, hearing_mode, ((court.circuit, "where the court sits", statute),),
                     say("venue-in-person"), ids[:1])
    judge = find_court(ij_court) if ij_court else None
    candidates = []
    if judge:
        candidates.append((judge.circuit, f"where the judge sat ({judge.name})", herrera_alcala))
    candidates.append((court.circuit, f"where the proceedings were docketed and the respondent appeared ({court.name})",
                       sarr if not venue_changed_from else f"{sarr}; venue was changed, so the new court"))
    # the headline circuit is the docket court's; ``settled`` is False and the candidates carry the split
    return Venue(court.circuit, court.name, hearing_mode, tuple(candidates), say("venue-video"), ids)
