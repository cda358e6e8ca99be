"""Property tests over generated clients: valid, reproducible, and every barred relief names its bar."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asylum_teach.model.client import Client
from asylum_teach.model.generator import generate_client
from asylum_teach.model.scenarios import DIFFICULTIES, SCENARIOS
from asylum_teach.reasoning.screening import screen
from asylum_teach.reasoning.timeline import build_timeline

seeds = st.one_of(st.integers(min_value=0, max_value=10**9), st.text(min_size=1, max_size=12))
as_ofs = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2035, 12, 31))
knobs = st.fixed_dictionaries({"scenario": st.sampled_from([None, *SCENARIOS]),
                               "difficulty": st.sampled_from([None, *DIFFICULTIES])})
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(seeds, as_ofs, knobs)
def test_every_generated_client_validates(seed, as_of, knob):
    c = generate_client(seed, as_of, **knob)
    again = Client.from_dict(json.loads(c.to_json()))  # re-runs every check from plain data
    assert again == c and c.hypothetical and c.narrative.startswith("HYPOTHETICAL CLIENT")
    build_timeline(c, as_of)  # every deadline the facts imply can be computed


@SETTINGS
@given(seeds, as_ofs, knobs)
def test_same_seed_gives_the_same_client(seed, as_of, knob):
    assert generate_client(seed, as_of, **knob) == generate_client(seed, as_of.isoformat(), **knob)


@SETTINGS
@given(seeds, as_ofs, knobs)
def test_barred_relief_always_names_its_bar_and_citation(seed, as_of, knob):
    s = screen(generate_client(seed, as_of, **knob), as_of)
    for relief in (s.asylum, s.withholding):
        assert relief.available == (not relief.bars)
        for bar in relief.bars:
            outcomes = [o for o in relief.bar_outcomes() if o.rule_id == bar]
            assert outcomes and all(o.citations for o in outcomes)
            assert all(c in relief.citations for o in outcomes for c in o.citations)
            assert any(bar in r for r in s.reasons) or outcomes[0].explanation in " ".join(s.reasons)
    data = s.to_dict()
    assert data["relief"]["cat"]["available"] is True
    assert data["relief"]["cat"]["form"] in ("withholding", "deferral", None)


def test_same_seed_gives_the_same_client_in_a_fresh_interpreter():
    """'Everywhere': another process, another hash seed, same client."""
    code = ("from asylum_teach.model.generator import generate_client;"
            "print(generate_client('student-7', '2026-01-15').to_json())")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert Client.from_json(out) == generate_client("student-7", "2026-01-15")


def test_across_seeds_every_pathway_and_every_bar_appears():
    pathways, bars = set(), set()
    for seed in range(400):
        s = screen(generate_client(seed, dt.date(2026, 3, 2)), dt.date(2026, 3, 2))
        pathways.add(s.pathway)
        bars.update(s.asylum.bars + s.withholding.bars)
    assert pathways == {"affirmative", "defensive", "uscis-initial-jurisdiction-uac"}
    assert bars >= {"one-year-bar", "prior-denial-bar", "persecutor-bar", "particularly-serious-crime-bar",
                    "serious-nonpolitical-crime-bar", "security-bar", "firm-resettlement-bar"}


def test_scenario_knob_steers_the_case():
    as_of = dt.date(2026, 3, 2)
    assert screen(generate_client(1, as_of, scenario="uac"), as_of).pathway == "uscis-initial-jurisdiction-uac"
    assert "persecutor-bar" in screen(generate_client(1, as_of, scenario="persecutor"), as_of).withholding.bars
    assert screen(generate_client(1, as_of, scenario="aggravated-felony-long", difficulty="easy"), as_of).cat.form == "deferral"


def test_hard_difficulty_leaves_questions_for_the_judge():
    as_of = dt.date(2026, 3, 2)
    s = screen(generate_client(3, as_of, scenario="aggravated-felony-short", difficulty="hard"), as_of)
    assert any("particularly serious" in q for q in s.withholding.questions_for_judge)


def test_names_come_from_the_country_locale():
    c = generate_client(5, "2026-03-02", country="China")
    assert c.facts["country_of_nationality"] == "China" and c.given_name.isascii()  # romanized pinyin
