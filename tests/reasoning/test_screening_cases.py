"""Screening worked examples live in ``test_screening_cases.yaml`` and run through the one worked-example
runner (``tests/worked_examples.py``, kind ``screening``). This module checks their coverage."""

from __future__ import annotations

from pathlib import Path

from asylum_teach.model.personas import persona_ids
from asylum_teach.yaml_data import read_yaml

CASES = read_yaml(Path(__file__).with_suffix(".yaml"))


def test_every_persona_has_a_worked_example():
    covered = {c["persona"] for c in CASES if "persona" in c}
    assert covered == set(persona_ids())
