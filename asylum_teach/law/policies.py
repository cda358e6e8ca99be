"""Explicit policy choices for questions the law does not settle.

Some counting questions have no settled answer in any text we found. Rather than decide them
silently, each is a named policy with a default, the other defensible values, and the reason for
each. The engine computes the default, then shows what each other value would give as an alternative
date, and the safe date is the earliest of them (STYLE P5, P6).

>>> resolve_policies({"executive_order_closures": "holiday"})["executive_order_closures"]
'holiday'
>>> resolve_policies({"eo": "x"})
Traceback (most recent call last):
...
asylum_teach.exceptions.UnknownPolicyError: unknown policy 'eo'. Known policies: bia_2026_rule, count_back_roll, executive_order_closures, inauguration_day, leap_day_arrival, observed_holidays
"""

from __future__ import annotations

from dataclasses import dataclass

from asylum_teach.exceptions import UnknownPolicyError


@dataclass(frozen=True)
class Policy:
    name: str
    question: str
    default: str
    reasons: dict  # value -> why someone would choose it

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.reasons)


POLICIES: dict[str, Policy] = {
    p.name: p
    for p in [
        Policy(
            "observed_holidays",
            "When a legal holiday falls on a weekend and is observed on the Friday before or the Monday "
            "after, does the observed weekday extend a deadline?",
            "closed",
            {
                "closed": "Federal offices and the courts are closed on the observed day (5 U.S.C. 6103(b); "
                "E.O. 11582), so it is treated like the holiday itself: the conservative reading.",
                "not-holiday": "No text found says whether the observed weekday, rather than the actual "
                "date, extends an immigration deadline; on this reading it is an ordinary day.",
            },
        ),
        Policy(
            "executive_order_closures",
            "Does a day on which the President closed federal agencies by executive order count as a "
            "legal holiday that extends a deadline?",
            "not-holiday",
            {
                "not-holiday": "No EOIR rule or manual text found treats an executive-order closure as a "
                "legal holiday; EOIR has issued case-by-case notices for closures instead.",
                "holiday": "The courts were in fact closed that day, and the order treats the day like a "
                "holiday for federal employees; a tribunal might extend the deadline.",
            },
        ),
        Policy(
            "inauguration_day",
            "For a filing with the BIA in Falls Church, Virginia, does Inauguration Day (a legal holiday "
            "only in the Washington, D.C. area under 5 U.S.C. 6103(c)) extend a deadline?",
            "holiday",
            {
                "holiday": "5 U.S.C. 6103(c) makes Inauguration Day a legal holiday for federal employees "
                "in the D.C. area, where the Board sits (Falls Church, Virginia; its place in the zone is "
                "unverified [K]). Courts in the zone (Arlington, Annandale, Hyattsville) may close too; this "
                "toolkit applies the day only to filings with the Board.",
                "not-holiday": "The holiday is local, not national; applying it to a filing deadline has not "
                "been confirmed in any source we found.",
            },
        ),
        Policy(
            "leap_day_arrival",
            "When the period is one year from February 29, which day is the anniversary?",
            "feb-28",
            {
                "feb-28": "A year read as 365 days ends on February 28 (compare Lagandaon v. Ashcroft, 383 "
                "F.3d 983 (9th Cir. 2004); Habibi v. Holder, 658 F.3d 977 (9th Cir. 2011)).",
                "mar-1": "With no February 29 in the next year, the anniversary is read as the day after "
                "February 28; no authority found rejects this.",
            },
        ),
        Policy(
            "count_back_roll",
            "When a deadline counted back from a hearing lands on a weekend or holiday, does it move to "
            "the next business day (toward the hearing) or the previous one?",
            "next-business-day",
            {
                "next-business-day": "The 2008 Immigration Court Practice Manual says such a deadline is "
                "construed to fall on the next business day.",
                "previous-business-day": "Later editions of the manual were not verified, and federal court "
                "rules (FRCP 6(a)(5)) move backward-counted deadlines earlier; filing by the previous "
                "business day is safe under either reading.",
            },
        ),
        Policy(
            "bia_2026_rule",
            "Is the 2026 interim rule on BIA appeals (10-day notice of appeal, 20-day briefing) in force, "
            "given the litigation against it?",
            "in-force",
            {
                "in-force": "The rule took effect on March 9, 2026, and no stay or vacatur was found.",
                "stayed": "The rule was challenged in D.D.C. on Feb. 26, 2026; if a court stayed or "
                "vacated it, the earlier 30-day appeal and 21-day briefing rules govern.",
            },
        ),
    ]
}


def resolve_policies(chosen: dict | None) -> dict[str, str]:
    """Validate chosen policy values and fill in defaults."""
    out = {name: p.default for name, p in POLICIES.items()}
    for name, value in (chosen or {}).items():
        policy = POLICIES.get(name)
        if policy is None:
            raise UnknownPolicyError(f"unknown policy {name!r}. Known policies: {', '.join(sorted(POLICIES))}")
        if value not in policy.values:
            raise UnknownPolicyError(f"policy {name}: {value!r} is not one of {', '.join(policy.values)}")
        out[name] = value
    return out


def other_values(name: str, current: str) -> list[str]:
    return [v for v in POLICIES[name].values if v != current]
