"""Fees, dated and cited, as the sources state them (issue 11, section 4)."""

from __future__ import annotations

import pytest

from asylum_teach.exceptions import UnknownRuleError
from asylum_teach.law.fees import fee_on, load_fees

FEES = [
    # fee, date, amount, strength, why
    ("bia-appeal", "2025-07-03", 110, "P", "8 C.F.R. 1103.7(b)(1) before the 2025 act"),
    ("bia-appeal", "2025-07-04", 900, "S", "the 2025 act, applied by EOIR PM 25-35 (secondary summaries)"),
    ("asylum-application", "2025-07-04", 100, "S", "a new $100 asylum application fee"),
    ("annual-asylum-fee", "2025-12-31", 100, "S", "USCIS, 90 FR 34511"),
    ("annual-asylum-fee", "2026-01-01", 102, "S", "inflation adjustment for FY2026, 90 FR 52693"),
]


@pytest.mark.parametrize("fee, day, amount, strength, why", FEES)
def test_a_fee_on_a_date(fee, day, amount, strength, why):
    from asylum_teach.dates import parse_date

    got = fee_on(fee, parse_date(day))
    assert (got.amount, got.strength) == (amount, strength), why
    assert got.citations


def test_every_fee_amount_is_cited():
    assert all(a.citations for f in load_fees().values() for a in f.amounts)


def test_an_unknown_fee_is_named():
    with pytest.raises(UnknownRuleError, match="unknown fee 'eoir-26'"):
        fee_on("eoir-26", __import__("datetime").date(2026, 1, 1))
