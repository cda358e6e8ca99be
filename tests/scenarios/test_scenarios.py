"""Scripted scenarios: each YAML file here names a scenario (or holds one inline) and the path and
deadlines worked out by hand from the law. The simulator must reach the same answers; the files run
through the one worked-example runner (``tests/worked_examples.py``, kind ``scenario``), which checks
every key. Expected keys: ``status``, ``path``, ``deadlines`` (step, rule, due or null for "no
deadline", optional safe, version and reason for in-absentia motions, and ``why``), ``consequences``
(step, severity, contains), ``ead`` and ``venue``. This module checks their coverage.
"""

from pathlib import Path

from asylum_teach.reasoning.scenarios import list_scenarios
from asylum_teach.yaml_data import read_yaml

FILES = sorted(Path(__file__).parent.glob("*.yaml"))


def test_every_packaged_scenario_has_a_hand_worked_answer():
    covered = {read_yaml(p).get("scenario") for p in FILES}
    assert set(list_scenarios()) <= covered
