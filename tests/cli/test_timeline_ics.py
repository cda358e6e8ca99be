"""``asylum-teach timeline FILE --ics OUT.ics``: a case's pending deadlines as calendar events a
supervisor can import, each with its safe date, citation and the teaching-model notice."""

from __future__ import annotations

import json
from datetime import date

import icalendar
import pytest

from asylum_teach.cli import main
from asylum_teach.model.personas import _folder


def _events(path):
    return icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def test_appeal_deadline_becomes_an_all_day_event_with_its_citation_and_the_notice(tmp_path, capsys):
    # appeal-to-bia: IJ decision Tue 2026-02-24 + 30 days = Thu 2026-03-26 (8 CFR 1003.38(b)); as of 2026-03-02
    out = tmp_path / "case.ics"
    assert main(["timeline", str(_folder() / "appeal-to-bia.yaml"), "--ics", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    events = {str(e["SUMMARY"]): e for e in _events(out)}
    appeal = next(e for s, e in events.items() if s.startswith("File by: Notice of appeal"))
    assert appeal.decoded("DTSTART") == date(2026, 3, 26)  # a date, not a datetime: an all-day event
    text = str(appeal["DESCRIPTION"])
    assert "1003.38(b)" in text and "Safe date (file by): Thursday 26 March 2026" in text
    assert "Teaching model, not legal advice" in text and "hypothetical" in text


def test_a_count_back_deadline_gets_both_its_safe_date_and_its_due_date(tmp_path):
    # a master calendar hearing Mon 2026-12-14: 15 days back is Sun 2026-11-29 -> due Mon 11-30 (2008 manual),
    # safe Fri 11-27 (previous business day) (ICPM Appendix C; policy count_back_roll)
    facts = tmp_path / "f.json"
    facts.write_text(json.dumps({"as_of": "2026-11-01", "nta_filed_on": "2026-10-01",
                                 "master_calendar_hearing_on": "2026-12-14"}))
    out = tmp_path / "c.ics"
    assert main(["timeline", str(facts), "--ics", str(out)]) == 0
    days = {(str(e["SUMMARY"]).split(":")[0], e.decoded("DTSTART")) for e in _events(out)
            if "master calendar" in str(e["SUMMARY"])}
    assert days == {("File by", date(2026, 11, 27)), ("Last day", date(2026, 11, 30))}


def test_the_file_is_the_same_every_time_and_has_no_clock(tmp_path):
    facts = str(_folder() / "appeal-to-bia.yaml")
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    assert main(["timeline", facts, "--ics", str(a)]) == 0 and main(["timeline", facts, "--ics", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert b"DTSTAMP:20260302T000000Z" in a.read_bytes()  # the as-of date, not the time of the export


def test_a_hostile_name_cannot_inject_calendar_lines(tmp_path):
    client = {"as_of": "2026-03-02", "given_name": "Eve\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned",
              "family_name": "X", "born_on": "1990-01-01", "client_id": "x", "facts": {
                  "ij_decision_on": "2026-02-24", "nta_filed_on": "2025-01-06"}}
    facts = tmp_path / "client.json"
    facts.write_text(json.dumps(client))
    out = tmp_path / "c.ics"
    code = main(["timeline", str(facts), "--ics", str(out)])
    if code != 0:  # the client model may refuse the name outright, which is also safe
        return
    summaries = [str(e["SUMMARY"]) for e in _events(out)]
    assert summaries and not any(s == "pwned" for s in summaries)
    assert b"\r\nSUMMARY:pwned" not in out.read_bytes()


@pytest.mark.parametrize("target, message", [("case.txt", "must end in .ics"),
                                             ("missing-dir/case.ics", "cannot write")])
def test_bad_targets_get_one_clear_line(tmp_path, capsys, target, message):
    code = main(["timeline", str(_folder() / "appeal-to-bia.yaml"), "--ics", str(tmp_path / target)])
    err = capsys.readouterr().err
    assert code != 0 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
