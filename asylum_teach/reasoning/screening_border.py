"""The 2023-2025 border rules, asylum cooperative agreements and pretermission, in screening.

Three executive rules limit **asylum** (never withholding or CAT) for people who crossed the
southwest border after 2023. Whether each is in force is for the courts, so its status comes from the
litigation register as known on the as-of date:

* the Lawful Pathways rule, 8 CFR 1208.33: a rebuttable presumption of ineligibility for entries from
  2023-05-11 to 2025-05-11 after travel through a third country without a lawful pathway;
* the Securing the Border rule, 8 CFR 1208.35: a limitation for entries from 2024-06-05, vacated on
  2025-05-09 with the government's appeal pending;
* Proclamation 10888: a bar for crossings between ports from 2025-01-20, held unlawful on appeal on
  2026-04-24 with further review unknown.

A rule that reaches the entry but is vacated, or whose status is unknown, is a question, never a
silent "no". A rule that does not reach the entry (an unaccompanied child, a CBP One appointment, an
airport arrival, an entry outside its window) is not mentioned at all. A missing fact that would
decide it is a question for the judge. Which entries each rule reaches is data (``border_rules`` in
``data/screening.yaml``); wording and citations are there too.

>>> import datetime as dt
>>> from asylum_teach.model.facts import Facts
>>> case = Case(Facts({"last_arrival_on": "2024-02-14", "entry_place": "southwest-land-border-between-ports",
...                    "lawful_pathway": "none", "country_of_nationality": "Venezuela",
...                    "exceptionally_compelling_circumstances": False}), dt.date(2026, 12, 1))
>>> [(o.rule_id, o.decision) for o in (r.decide(case) for r in border_rules()) if o]
[('8 CFR 1208.33', 'barred')]
>>> [(o.rule_id, o.decision) for o in (r.decide(Case(case.facts.replace(lawful_pathway="parole"), case.as_of))
...                                    for r in border_rules()) if o]
[]
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

from asylum_teach.law import litigation
from asylum_teach.law.litigation import STATUS_WORDS
from asylum_teach.law.schema import Where
from asylum_teach.reasoning.screening_rules import OPEN, Case, Outcome, cite_ids, note, screening_data
from asylum_teach.yaml_data import package_file

BARRED, NOT_BARRED = "barred", "not-barred"
PLACE_WORDS = {"southwest-land-border-between-ports": "between ports of entry on the southwest land border",
               "southwest-land-border-port-of-entry": "at a port of entry on the southwest land border",
               "other": "elsewhere than the southwest land border"}


@dataclass(frozen=True)
class BorderRule:
    """Which entries a border rule reaches, who it excepts, and which case decides its force."""

    id: str
    name: str
    entries_from: _dt.date
    entries_to: _dt.date | None
    places: tuple[str, ...]
    excepting_pathways: tuple[str, ...]
    unaccompanied_children_excepted: bool
    needs_transit: bool
    rebuttal: str  # presumption | limitation | none
    boundary_days_open: bool
    case: str
    provision: str
    cites: tuple

    @property
    def window(self) -> str:
        return f"{self.entries_from.isoformat()} to {self.entries_to.isoformat() if self.entries_to else 'now'}"

    def decide(self, c: Case) -> Outcome | None:
        """The rule's outcome for this case, or None when it does not reach the entry."""
        entry, place = c.fact("last_arrival_on"), c.fact("entry_place")
        if place is not None and place not in self.places:
            return None
        if self.unaccompanied_children_excepted and c.fact("unaccompanied_child") is True:
            return None
        if c.fact("lawful_pathway") in self.excepting_pathways:
            return None
        if entry is None:
            return self._say(c, "border-date-unknown", OPEN) if place is not None else None
        if entry < self.entries_from or (self.entries_to is not None and entry > self.entries_to):
            return None
        status = litigation.status(self.case, self.provision, c.as_of)
        if status.status in ("not-yet", "announced"):
            return None
        if status.status in ("vacated", "enjoined"):
            return self._say(c, "border-vacated", OPEN, status)
        if status.status == "unknown":
            return self._say(c, "border-status-unknown", OPEN, status)
        if place is None:
            return self._say(c, "border-place-unknown", OPEN, status)
        if self.boundary_days_open and entry in (self.entries_from, self.entries_to):
            return self._say(c, "border-boundary-day", OPEN, status)
        if self.needs_transit:
            transit = _transited(c)
            if transit is False:
                return None
            if transit is None:
                return self._say(c, "border-transit-unknown", OPEN, status)
        if self.excepting_pathways and c.fact("lawful_pathway") is None:
            return self._say(c, "border-pathway-unknown", OPEN, status)
        if self.rebuttal == "none":
            return self._say(c, "border-bar", BARRED, status)
        rebutted = c.fact("exceptionally_compelling_circumstances")
        kind = "border-presumption" if self.rebuttal == "presumption" else "border-limitation"
        if rebutted is True:
            return self._say(c, "border-presumption-rebutted", NOT_BARRED, status)
        if rebutted is False:
            return self._say(c, f"{kind}-not-rebutted", BARRED, status)
        return self._say(c, kind, OPEN, status)

    def _say(self, c: Case, wording_id: str, decision: str, status=None) -> Outcome:
        entry, place = c.fact("last_arrival_on"), c.fact("entry_place")
        reach = (f"the entry {PLACE_WORDS.get(place, 'on the southwest border')} on "
                 f"{entry.isoformat() if entry else 'a date not given'}, inside its window ({self.window})")
        if self.needs_transit:
            reach += ", after travel through a third country"
        if self.excepting_pathways:
            reach += " and without a lawful pathway"
        words = {"rule": self.name, "regulation": self.id, "reach": reach, "window": self.window,
                 "entry": entry.isoformat() if entry else "", "place_words": PLACE_WORDS.get(place, ""),
                 "status": _status_text(status), "status_word": STATUS_WORDS[status.status] if status else "",
                 "checked": status.case.last_checked_on.isoformat() if status else "",
                 "open": status.case.open_question if status else ""}
        extra = self.cites + (status.case.citations(status.event) if status and status.event else ())
        out = note(self.id, wording_id, decision, c, words=words, extra_citations=extra)
        return out


def _status_text(status) -> str:
    if status is None:
        return ""
    event = status.event
    since = f" since {'a date ' if event.approximate else ''}{event.when} ({event.text})" if event else ""
    text = (f"Court status as known on {status.as_of.isoformat()}: {STATUS_WORDS[status.status]}{since}; "
            f"{status.case.case}; last checked {status.case.last_checked_on.isoformat()}.")
    if status.stale:
        text += " CHECK BEFORE RELYING: last checked more than 90 days before the as-of date."
    return text


def _transited(c: Case) -> bool | None:
    """Did the applicant travel through a third country? The fact if given; otherwise a national of a
    country other than Mexico who crossed the southwest land border came through Mexico."""
    given = c.fact("transited_third_country")
    if given is not None:
        return given
    nationality = c.fact("country_of_nationality")
    if nationality is None:
        return None
    return nationality.strip().casefold() != "mexico"


@lru_cache(maxsize=1)
def border_rules() -> tuple[BorderRule, ...]:
    out = []
    path = str(package_file("screening.yaml"))
    for row in screening_data()["border_rules"]:
        out.append(BorderRule(
            id=row["id"], name=row["name"], entries_from=row["entries_from"], entries_to=row.get("entries_to"),
            places=tuple(row["places"]), excepting_pathways=tuple(row.get("excepting_pathways", ())),
            unaccompanied_children_excepted=bool(row.get("unaccompanied_children_excepted")),
            needs_transit=bool(row.get("needs_transit")), rebuttal=row["rebuttal"],
            boundary_days_open=bool(row.get("boundary_days_open")), case=row["litigation"]["case"],
            provision=row["litigation"]["provision"],
            cites=cite_ids(row["cites"], Where(path, getattr(row, "line", 0), f"border rule {row['id']}.cites"))))
    return tuple(out)


@dataclass(frozen=True)
class CooperativeAgreement:
    """INA 208(a)(2)(A) as applied under an asylum cooperative agreement, on a DHS motion to pretermit."""

    id: str = "8 CFR 1240.11(h)"

    def decide(self, c: Case) -> Outcome | None:
        country = c.fact("aca_motion_country")
        if not country:
            return None
        if c.fact("unaccompanied_child") is True:  # INA 208(a)(2)(E): the bar in (A) does not apply to a UAC
            return None
        words = {"aca_country": country}
        shown = c.fact("aca_country_risk_shown")
        if shown is True:
            return note(self.id, "aca-not-barred", NOT_BARRED, c, words=words)
        if shown is False:
            return note(self.id, "aca-barred", BARRED, c, words=words)
        return note(self.id, "aca-motion", OPEN, c, words=words)


@dataclass(frozen=True)
class IncompleteApplication:
    """8 CFR 1208.3(c)(3) as read in Matter of C-A-R-R- (BIA 2025)."""

    id: str = "8 CFR 1208.3(c)(3)"

    def decide(self, c: Case) -> Outcome | None:
        if c.fact("i589_complete") is False:
            return note(self.id, "i589-incomplete", OPEN, c)
        return None


def withholding_note(asylum_steps, c: Case) -> Outcome | None:
    """Where a border rule came up for asylum, say that withholding and CAT are not touched by it."""
    ids = [r.id for r in border_rules()]
    seen = [o.rule_id for o in asylum_steps if o.rule_id in ids]
    if not seen:
        return None
    return note("withholding", "border-withholding-not-touched", NOT_BARRED, c,
                words={"regulations": ", ".join(dict.fromkeys(seen))})


def pretermission_note(c: Case) -> Outcome:
    """The 2025 precedents let a judge decide without a hearing: a risk to prepare for."""
    return note("pretermission", "pretermission-prima-facie", "risk", c)
