"""Which court of appeals hears a petition for review (INA 242(b)(2)), and the split over video hearings.

In person the answer is the circuit where the court sits. By video, with the judge sitting elsewhere
(an adjudication center, say), the circuits disagree: :func:`pfr_venue` teaches the split instead of
picking a side. The proceedings simulator and the appeal decision aid both ask it.

>>> v = pfr_venue("Oakdale", hearing_mode="video", ij_court="Falls Church")
>>> v.settled, [c for c, _, _ in v.candidates]
(False, ['4th', '5th'])
>>> pfr_venue("Chicago").circuit
'7th'
"""

from __future__ import annotations

from dataclasses import dataclass

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.courts import find_court

HERRERA_ALCALA = "Herrera-Alcala v. Garland (4th Cir. 2022) (venue follows where the IJ sat) [S]"
SARR = "Sarr v. Garland (2d Cir. 2022) (venue follows the charging document absent a change of venue) [S]"
YANG_YOU_LEE = "Yang You Lee v. Lynch, 791 F.3d 1261 (10th Cir. 2015) (multi-factor inquiry) [S]"
BIBIANO = "Bibiano v. Lynch, 834 F.3d 966 (9th Cir. 2016) (venue not jurisdictional; transfer possible) [S]"
VENUE_STATUTE = "INA 242(b)(2), 8 U.S.C. 1252(b)(2) (circuit in which the IJ completed the proceedings) [P]"
NO_STAY = "INA 242(b)(3)(B), 8 U.S.C. 1252(b)(3)(B) (no automatic stay) [P]"


@dataclass(frozen=True)
class Venue:
    """The circuit for a petition for review, and the competing answers when the hearing was by video."""

    circuit: str
    court: str
    hearing_mode: str
    candidates: tuple = ()  # (circuit, theory, citation)
    caveat: str = ""
    citations: tuple[str, ...] = ()

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
    if hearing_mode == "in_person":
        return Venue(court.circuit, court.name, hearing_mode, ((court.circuit, "where the court sits", VENUE_STATUTE),),
                     "If any hearing was held by video with the judge elsewhere, venue may be contested (see the split).",
                     (VENUE_STATUTE,))
    judge = find_court(ij_court) if ij_court else None
    candidates = []
    if judge:
        candidates.append((judge.circuit, f"where the judge sat ({judge.name})", HERRERA_ALCALA))
    candidates.append((court.circuit, f"where the proceedings were docketed and the respondent appeared ({court.name})",
                       SARR if not venue_changed_from else f"{SARR}; venue was changed, so the new court"))
    caveat = ("Video hearing: the statute asks where the judge 'completed the proceedings'. The Fourth Circuit looks "
              "to where the judge sat; the Second Circuit to where the proceedings commenced under the charging "
              "document, absent a change of venue; the Tenth weighs several factors. The Ninth holds venue is not "
              "jurisdictional, so a petition in the wrong circuit can be kept or transferred. Teach both answers; "
              "which circuit's law governs the merits is a further question the BIA addressed in Matter of Garcia "
              "(2023) [S].")
    # the headline circuit is the docket court's; ``settled`` is False and the candidates carry the split
    return Venue(court.circuit, court.name, hearing_mode, tuple(candidates), caveat,
                 (VENUE_STATUTE, HERRERA_ALCALA, SARR, YANG_YOU_LEE, BIBIANO))
