"""Screening worked examples from ``test_screening_cases.yaml``: each persona screens as its note says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import asylum_teach.exceptions as errors
from asylum_teach.model.facts import Facts
from asylum_teach.dates import parse_date
from asylum_teach.model.personas import load_persona, persona_ids
from asylum_teach.reasoning.screening import screen

CASES = yaml.safe_load((Path(__file__).with_suffix(".yaml")).read_text(encoding="utf-8"))


def _inputs(case):
    if "persona" in case:
        client = load_persona(case["persona"])
        return client.facts, parse_date(case.get("as_of", client.as_of))
    return Facts(case["facts"]), parse_date(case["as_of"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_screening_worked_example(case):
    assert case.get("why"), "every worked example explains why"
    facts, as_of = _inputs(case)
    if "error" in case:
        with pytest.raises(getattr(errors, case["error"])):
            screen(facts, as_of)
        return
    result = screen(facts, as_of)
    expected = case["expected"]
    if "pathway" in expected:
        assert result.pathway == expected["pathway"]
    for relief in ("asylum", "withholding"):
        if relief in expected:
            got = getattr(result, relief)
            assert got.available == expected[relief]["available"], got.bars
            assert list(got.bars) == expected[relief]["bars"]
    if "cat" in expected:
        assert result.cat.available is True
        assert result.cat.form == expected["cat"]["form"]
    if "derivatives" in expected:
        assert list(result.derivatives) == expected["derivatives"]
    if "open" in expected:
        assert list(result.asylum.open_bars) == expected["open"]
    questions = " ".join(q for r in (result.asylum, result.withholding, result.cat) for q in r.questions_for_judge)
    for words in case.get("questions", []):
        assert words.lower() in questions.lower(), questions
    text = json.dumps(result.to_dict())
    for words in case.get("mentioned", []):
        assert words in text, words
    for words in case.get("not_mentioned", []):
        assert words not in text, f"{words!r} should not be mentioned at all: {text}"


def test_every_persona_has_a_worked_example():
    covered = {c["persona"] for c in CASES if "persona" in c}
    assert covered == set(persona_ids())
