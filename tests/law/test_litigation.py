"""The litigation register, as worked examples a law student can read (issue 11, section 5).

Each row: a case, a provision, the date someone asks, and the status the register must give, with
the event behind it. The sources are in asylum_teach/data/litigation.yaml (checked 2026-12-01).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from asylum_teach.law import litigation

STATUS_ON = [
    # case, provision, asked on, status, why
    ("amica-center-v-eoir", "notice-of-appeal-10-days", "2026-02-05", "not-yet", "before the rule was published"),
    ("amica-center-v-eoir", "notice-of-appeal-10-days", "2026-03-07", "announced", "published 02-06, suit filed 02-26"),
    ("amica-center-v-eoir", "notice-of-appeal-10-days", "2026-03-08", "vacated", "vacated late on Sunday 03-08"),
    ("amica-center-v-eoir", "briefing-20-days", "2026-03-08", "announced", "not yet in force the night before"),
    ("amica-center-v-eoir", "briefing-20-days", "2026-03-09", "in-force", "the part the court left standing"),
    ("east-bay-v-biden", "lawful-pathways-presumption", "2023-07-26", "vacated", "N.D. Cal. vacatur, 2023-07-25"),
    ("east-bay-v-biden", "lawful-pathways-presumption", "2023-08-03", "in-force", "Ninth Circuit stayed the vacatur"),
    ("east-bay-v-biden", "lawful-pathways-presumption", "2026-12-01", "in-force", "the 2023 judgment was vacated in 2025"),
    ("las-americas-v-dhs", "securing-the-border-limitation", "2025-05-08", "in-force", "day before the vacatur"),
    ("las-americas-v-dhs", "securing-the-border-limitation", "2025-05-09", "vacated", "Contreras, J., 2025-05-09"),
    ("raices-v-noem", "proclamation-10888-asylum-bar", "2025-07-02", "enjoined", "district court, 2025-07-02"),
    ("raices-v-noem", "proclamation-10888-asylum-bar", "2026-03-02", "in-force", "D.C. Cir. stay as to asylum, 2025-08-01"),
    ("raices-v-noem", "proclamation-10888-asylum-bar", "2026-12-01", "unknown", "held unlawful 2026-04-24; later unknown"),
    ("asylumworks-v-mayorkas", "broader-asylum-ead-2020", "2022-02-06", "in-force", "the day before the vacatur"),
    ("asylumworks-v-mayorkas", "broader-asylum-ead-2020", "2022-02-07", "vacated", "void ab initio, not appealed"),
    ("make-the-road-v-noem", "expedited-removal-expansion", "2025-09-01", "enjoined", "stayed 2025-08-29"),
    ("make-the-road-v-noem", "expedited-removal-expansion", "2026-06-23", "in-force", "the stay vacated on appeal"),
]


@pytest.mark.parametrize("case, provision, asked, want, why", STATUS_ON, ids=[f"{r[0]}:{r[2]}" for r in STATUS_ON])
def test_a_provision_has_the_status_the_events_give_on_the_day_asked(case, provision, asked, want, why):
    assert litigation.status(case, provision, asked).status == want, why


def test_an_entry_last_checked_over_90_days_before_the_as_of_date_is_flagged():
    report = litigation.report("2027-03-02")        # 91 days after 2026-12-01
    assert set(report.stale) == set(litigation.load_register())
    assert not litigation.report("2027-03-01").stale   # exactly 90 days: still fresh


def test_every_event_names_a_source_with_a_strength_and_every_case_has_one_with_an_address_or_says_none_seen():
    for case in litigation.load_register().values():
        assert case.events and all(e.sources for e in case.events)
        assert all(c.strength in "PSK" for c in case.citations())


CASE_YAML = """\
x:
  case: X v. Y
  court: a court
  docket: null
  challenges: a rule
  provisions: {p: a provision}
  events:
    - {date: 2026-03-08, kind: vacated, text: t, sets: {p: vacated}, sources: [ilrc-update]}
    - {date: 2026-02-06, kind: announced, text: t, sets: {q: announced}, sources: [SOURCE]}
  in_force: t
  open_question: t
  last_checked_on: 2026-12-01
"""


def _case(source="fr-2026-02326"):
    from asylum_teach.law.schema import Where
    from asylum_teach.yaml_data import read_yaml

    raw = read_yaml("reg.yaml", CASE_YAML.replace("SOURCE", source))
    return litigation.build(litigation.Case, raw["x"], Where("reg.yaml", 1, "x"))


def test_the_loader_refuses_events_out_of_date_order():
    from asylum_teach.exceptions import RuleDataError
    from asylum_teach.law.schema import Where

    with pytest.raises(RuleDataError, match="events must be in date order"):
        litigation._check_case("x", _case(), Where("reg.yaml", 1))


def test_an_event_source_is_a_registry_id_and_an_unknown_one_names_its_line():
    """Issue 13: the register's sources are ids of data/citations.yaml."""
    from asylum_teach.exceptions import RuleDataError

    with pytest.raises(RuleDataError, match=r"reg\.yaml, line 9: x\.events\[1\]\.sources\[0\]: unknown citation 'reuters-2099'"):
        _case("reuters-2099")


def run(*args):
    return subprocess.run([sys.executable, "-m", "asylum_teach", *args], capture_output=True, text=True, timeout=60)


def test_law_status_prints_the_register_as_known_on_a_date():
    out = run("law-status", "--as-of", "2026-03-01")
    assert out.returncode == 0, out.stderr
    assert "10-day notice of appeal" in out.stdout and "ANNOUNCED, NOT YET IN FORCE" in out.stdout
    assert "later event" in out.stdout                       # the vacatur was not yet known
    later = run("law-status", "--json")
    obj = json.loads(later.stdout)
    amica = next(c for c in obj["cases"] if c["id"] == "amica-center-v-eoir")
    assert {p["id"]: p["status"] for p in amica["provisions"]} == {"notice-of-appeal-10-days": "vacated",
                                                                    "briefing-20-days": "in-force"}
    assert obj["rules_reflect_sources_up_to"] == "2026-12-01" and obj["stale"] == []


def test_law_status_flags_stale_entries_in_words():
    out = run("law-status", "--as-of", "2027-06-01")
    assert out.returncode == 0 and out.stdout.count("CHECK BEFORE RELYING") == len(litigation.load_register())


def test_law_status_refuses_a_bad_date_in_one_line():
    out = run("law-status", "--as-of", "2026-13-01")
    assert out.returncode == 2 and "not a real date" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_the_engine_flags_a_deadline_whose_court_status_is_stale():
    from asylum_teach.law.engine import deadline_for

    assert deadline_for("bia-brief", "2026-04-07", as_of="2027-06-01").check_before_relying
    assert not deadline_for("bia-brief", "2026-04-07", as_of="2026-12-01").check_before_relying
    assert date(2026, 12, 1) == litigation.newest_check()
