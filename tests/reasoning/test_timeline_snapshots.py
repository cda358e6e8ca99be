"""Golden timeline snapshots: each persona's timeline must equal its committed JSON (STYLE P10).

If a rule, the engine or a persona changed on purpose, run ``make snapshots`` and review
``git diff snapshots/timelines``: the diff is the legal change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asylum_teach.model.personas import persona_ids
from asylum_teach.tools.snapshots import render, write_snapshots

FOLDER = Path(__file__).resolve().parents[2] / "snapshots" / "timelines"


@pytest.mark.parametrize("persona", persona_ids())
def test_timeline_matches_golden_snapshot(persona):
    path = FOLDER / f"{persona}.json"
    assert path.exists(), f"no snapshot for {persona}; run 'make snapshots'"
    expected = json.loads(path.read_text(encoding="utf-8"))
    actual = json.loads(render(persona))
    assert actual == expected, f"{persona}: timeline changed; run 'make snapshots' and review the diff"


def test_no_snapshot_without_a_persona():
    assert {p.stem for p in FOLDER.glob("*.json")} == set(persona_ids())


def test_snapshot_writer_is_byte_stable(tmp_path):
    first = {p.name: p.read_text() for p in write_snapshots(tmp_path)}
    second = {p.name: p.read_text() for p in write_snapshots(tmp_path)}
    assert first == second
    assert first["appeal-to-bia.json"] == (FOLDER / "appeal-to-bia.json").read_text()
