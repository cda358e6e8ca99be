""""Spot the error": one-year-deadline arithmetic published online, checked against the engine.

Explainer pages on the one-year asylum deadline often get the count wrong. Each case below is a
claim found in the wild (or the position a court rejected), with its source. :func:`check_claim` asks
the engine for the correct date and names the kind of mistake, so a student can see *why* the
published date is wrong, not only *that* it is.

Sources: the team's research notes (peers-and-data, part A, "Law-firm and explainer pages on the
one-year deadline"); the rule itself is INA 208(a)(2)(B) and 8 C.F.R. 1208.4(a)(2)(ii), with the
anniversary reading of *Minasyan v. Mukasey*, 553 F.3d 1224 (9th Cir. 2009).

>>> [check_claim(c).verdict for c in PUBLISHED_CLAIMS]
['wrong', 'wrong', 'wrong', 'right']
>>> check_claim(PUBLISHED_CLAIMS[0]).correct.isoformat()
'2021-01-04'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from asylum_teach.dates import long
from asylum_teach.law.engine import deadline_for


@dataclass(frozen=True)
class PublishedClaim:
    """A deadline someone published: the arrival date, the date they gave, and where it was seen."""

    id: str
    who: str
    arrival: date
    claimed: date
    source: str


PUBLISHED_CLAIMS = (
    PublishedClaim("new-year", "A legal-services website", date(2020, 1, 1), date(2020, 12, 31),
                   "https://legalservicesincorporated.com/immigration/are-you-considering-filing-for-asylum-"
                   "what-is-the-one-year-rule-in-filing-an-asylum-application/"),
    PublishedClaim("saturday-anniversary", "A law-firm explainer", date(2019, 1, 25), date(2020, 1, 26),
                   "https://askellis.com/asylum-one-year-deadline"),
    PublishedClaim("minasyan", "The BIA, in the case the Ninth Circuit reversed", date(2001, 4, 9), date(2002, 4, 8),
                   "https://caselaw.findlaw.com/court/us-9th-circuit/1311715.html"),
    PublishedClaim("nolo-control", "A self-help publisher (a correct example, for contrast)", date(2023, 4, 8),
                   date(2024, 4, 8),
                   "https://www.nolo.com/legal-encyclopedia/can-i-still-apply-asylum-after-the-one-year-filing-deadline.html"),
)


@dataclass(frozen=True)
class ClaimCheck:
    claim: PublishedClaim
    deadline: object  # the engine's Deadline
    verdict: str  # "right" or "wrong"
    mistakes: tuple[str, ...]

    @property
    def correct(self) -> date:
        return self.deadline.due

    @property
    def days_off(self) -> int:
        """Claimed minus correct, in days: negative means the published date is too early."""
        return (self.claim.claimed - self.correct).days


def check_claim(claim: PublishedClaim, *, as_of=None) -> ClaimCheck:
    """Compare a published date with the engine's one-year deadline and name each mistake."""
    d = deadline_for("one-year-asylum", claim.arrival, as_of=as_of or claim.arrival)
    anniversary = d.counted_on
    mistakes: list[str] = []
    if claim.claimed == anniversary - timedelta(days=1):
        mistakes.append("counted the arrival day as day 1: the arrival is day 0, so the year ends on the "
                        "anniversary itself (Minasyan v. Mukasey)")
    if anniversary != d.due and claim.claimed < d.due:
        mistakes.append(f"missed the roll: the anniversary, {long(anniversary)}, is not a business day, so the "
                        f"period runs to {long(d.due)} (8 C.F.R. 1208.4(a)(2)(ii))")
    if claim.claimed.weekday() >= 5:
        mistakes.append(f"gave a {long(claim.claimed).split()[0]} as the last day, when the court is closed")
    if claim.claimed > d.due:
        mistakes.append("gave a date later than the law allows: a client relying on it would file late")
    if claim.claimed != d.due and not mistakes:
        mistakes.append("the date does not follow from the rule; recount from day 0")
    return ClaimCheck(claim, d, "right" if claim.claimed == d.due else "wrong", tuple(mistakes))
