"""Courts data: every row cited and consistent; look-up forgiving but never silent."""

import pytest

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.model.courts import CIRCUIT_BY_STATE, find_court, load_courts


def test_every_row_has_state_circuit_status_and_source():
    courts = load_courts()
    assert len(courts) == 76  # the research CSV has 76 rows
    for c in courts:
        assert c.circuit == CIRCUIT_BY_STATE[c.state]
        assert c.source_url.startswith("http")
        assert c.verification in ("secondary", "unverified")


@pytest.mark.parametrize("name", ["Arlington", "Olive Street"])
def test_closed_or_replaced_courts_are_marked_historical(name):
    assert find_court(name).is_historical


def test_louisville_closed_in_2019_but_its_current_status_is_unverified():
    # peers-and-data.md B1: closed Aug 2019, still listed in 2020 notices; current status unverified
    court = find_court("Louisville")
    assert court.status == "status_unverified" and not court.is_historical
    assert "status unverified" in court.describe().splitlines()[0]


def test_adjudication_centers_are_not_ordinary_courts():
    assert find_court("Falls Church").status == "adjudication_center"
    assert find_court("Fort Worth").circuit == "5th"


@pytest.mark.parametrize("query, expected", [
    ("annandale", "Annandale Immigration Court"),
    ("ANNANDALE IMMIGRATION COURT", "Annandale Immigration Court"),
    ("Buffallo", "Buffalo Immigration Court"),            # typo
    ("Los Fresnos", "Port Isabel Immigration Court"),      # by city
    ("Krome", "Miami Krome Immigration Court"),            # partial name
    ("saipan", "Saipan Immigration Court"),
])
def test_forgiving_lookup(query, expected):
    assert find_court(query).name == expected


def test_unknown_name_names_the_closest_matches():
    with pytest.raises(InvalidInputError, match=r"no immigration court matches 'Sterlng Hights'\. Closest: Sterling"):
        find_court("Sterlng Hights")


def test_ambiguous_city_lists_the_candidates():
    with pytest.raises(InvalidInputError, match="matches several courts: Houston"):
        find_court("Houston")


@pytest.mark.parametrize("court, circuit", [
    ("Guaynabo", "1st"), ("Varick", "2nd"), ("Elizabeth", "3rd"), ("Annandale", "4th"), ("Oakdale", "5th"),
    ("Detroit", "6th"), ("Chicago", "7th"), ("Omaha", "8th"), ("Saipan", "9th"), ("Otero", "10th"), ("Stewart", "11th"),
])
def test_one_court_per_circuit(court, circuit):
    assert find_court(court).circuit == circuit


def test_cli_court_prints_state_circuit_and_status(capsys):
    from asylum_teach.cli import main

    assert main(["court", "Arlington"]) == 0
    out = capsys.readouterr().out
    assert "HISTORICAL" in out and "4th" in out and "VA" in out


def test_cli_unknown_court_is_one_line_and_nonzero(capsys):
    from asylum_teach.cli import main

    assert main(["court", "Gotham"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Closest" in err
