"""The worked-example runner can fail: a misspelled key is an error, not a case that checks nothing."""

from __future__ import annotations

import pytest

from tests.helpers import check_case

CASE = {"name": "x", "trigger": "2025-06-02", "why": "x"}


@pytest.mark.parametrize("case, message", [
    ({**CASE, "expected": {"deu": "2025-07-02"}}, "unknown key 'deu'"),
    ({**CASE, "expeted": {"due": "2025-07-02"}}, "unknown key 'expeted'"),
    ({**CASE, "expected": {}}, "must state what it expects"),
    ({**CASE, "expected": {"due": "2025-07-03"}}, "due: expected 2025-07-03, got 2025-07-02"),
])
def test_a_wrong_or_misspelled_case_fails(case, message):
    with pytest.raises(AssertionError, match=message):
        check_case("bia-appeal", case)
