"""Worked examples for case timelines: known dates, worked by hand, each with the why (STYLE P8)."""

from __future__ import annotations

import datetime as dt

import pytest

from asylum_teach.model.personas import load_persona
from asylum_teach.reasoning.timeline import build_timeline

D = dt.date


def timeline(persona):
    client = load_persona(persona)
    return build_timeline(client, client.as_of)


def item(t, key):
    return next(i for i in t.items if i.key == key)


# (persona, rule or fact, expected date, expected status, why)
EXAMPLES = [
    ("appeal-to-bia", "bia-appeal", D(2026, 3, 26), "upcoming",
     "IJ decision Tue 2026-02-24 (before the 2026 rule's 2026-03-09 start) + 30 days = Thu 2026-03-26 (8 CFR 1003.38(b))"),
    ("late-no-exception", "one-year-asylum", D(2022, 4, 11), "missed",
     "arrival 2021-04-10; anniversary Sun 2022-04-10 rolls to Mon 2022-04-11; I-589 came 2023-02-14"),
    ("border-credible-fear", "one-year-asylum", D(2026, 8, 10), "met",
     "arrival 2025-08-10; anniversary Mon 2026-08-10; I-589 filed 2026-02-17"),
    ("missed-hearing-in-absentia", "in-absentia-reopen", D(2026, 6, 2), "upcoming",
     "order 2025-12-04 + 180 days = Tue 2026-06-02 (INA 240(b)(5)(C)(i), exceptional circumstances)"),
    ("late-no-exception", "filing-before-individual", D(2026, 4, 20), "upcoming",
     "hearing 2026-05-19 - 30 days = Sun 2026-04-19, construed to the next business day Mon 2026-04-20 (ICPM 2008 wording)"),
    ("uac-in-proceedings", "one-year-asylum", None, "not-applicable",
     "INA 208(a)(2)(E): the one-year rule does not apply to an unaccompanied child"),
    ("detained-fast-track", "filing-before-master", None, "not-applicable",
     "detained: the court sets filing deadlines (EOIR Policy Manual, Appendix C)"),
    ("detained-fast-track", "individual_hearing_on", D(2026, 3, 19), "scheduled", "an event after the as-of date"),
    ("detained-fast-track", "last_arrival_on", D(2026, 1, 20), "past", "an event before the as-of date"),
]


@pytest.mark.parametrize("persona, key, on, status, why", EXAMPLES, ids=[f"{e[0]}:{e[1]}" for e in EXAMPLES])
def test_timeline_worked_example(persona, key, on, status, why):
    got = item(timeline(persona), key)
    assert (got.on, got.status) == (on, status), why


def test_leap_day_safe_date_is_the_earlier_reading():
    t = timeline("leap-day-arrival")
    one_year = item(t, "one-year-asylum")
    assert one_year.safe_date == D(2025, 2, 28)
    assert [a.date for a in one_year.deadline.alternatives] == [D(2025, 3, 3)]


def test_what_is_due_next_names_the_soonest_pending_deadline():
    assert timeline("appeal-to-bia").what_is_due_next().startswith(
        "As of 2026-03-02, next: Notice of appeal to the Board of Immigration Appeals")
    assert "no deadline in this timeline is pending" in timeline("uac-in-proceedings").what_is_due_next()


def test_every_deadline_comes_from_the_engine_with_citations():
    for persona in ("appeal-to-bia", "detained-fast-track", "missed-hearing-in-absentia"):
        for i in timeline(persona).deadlines:
            assert i.deadline.rule_id == i.key and i.deadline.citations


def test_dataframe_has_dated_columns():
    frame = timeline("appeal-to-bia").to_frame()
    assert list(frame.columns) == ["date", "kind", "item", "key", "status", "safe_date", "trigger", "citations"]
    assert str(frame["date"].dtype).startswith("datetime64")
    assert frame.loc[frame.key == "bia-appeal", "status"].item() == "upcoming"


def test_cli_timeline_writes_a_png_and_refuses_other_suffixes(tmp_path, capsys):
    from asylum_teach.cli import main
    from asylum_teach.model.personas import _folder

    facts = str(_folder() / "detained-fast-track.yaml")
    assert main(["timeline", facts, "--plot", str(tmp_path / "t.png")]) == 0
    assert (tmp_path / "t.png").stat().st_size > 10_000
    assert main(["timeline", facts, "--plot", str(tmp_path / "t.jpg")]) == 2
    assert "--plot" in capsys.readouterr().err
    assert main(["client", "new", "--seed", "s1", "--as-of", "2026-03-02", "--json"]) == 0
    first = capsys.readouterr().out
    main(["client", "new", "--seed", "s1", "--as-of", "2026-03-02", "--json"])
    assert capsys.readouterr().out == first


@pytest.mark.parametrize("filed, status, why", [
    ("2025-02-28", "met", "on the safe date: timely under every reading"),
    ("2025-03-01", "disputed", "timely only if the year ends March 1 (rolled to Monday March 3)"),
    ("2025-03-04", "missed", "after every reading"),
])
def test_leap_day_filing_status_follows_every_reading(filed, status, why):
    t = build_timeline({"last_arrival_on": "2024-02-29", "i589_filed_on": filed}, dt.date(2025, 3, 10))
    assert item(t, "one-year-asylum").status == status, why
