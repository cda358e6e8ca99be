"""The README states the date the rules reflect, and that date comes from the data (issue 11)."""

from __future__ import annotations

from pathlib import Path

import asylum_teach

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_states_the_date_the_data_reflects():
    text = README.read_text(encoding="utf-8")
    assert f"reflect sources checked up to **{asylum_teach.RULES_REFLECT_DATE}**" in text


def test_the_date_is_the_newest_rule_or_litigation_check():
    from asylum_teach.law.litigation import load_register
    from asylum_teach.law.rules import load_rules

    dates = [v.last_verified_on for r in load_rules().values() for v in r.versions]
    dates += [c.last_checked_on for c in load_register().values()]
    assert asylum_teach.RULES_REFLECT_DATE == max(dates).isoformat()
