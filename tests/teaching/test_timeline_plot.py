"""The case-timeline figure (moved from reasoning/ to teaching/): drawn without a display, zoomable,
and described in words by its alt text."""

from __future__ import annotations

import datetime as dt

import matplotlib

from asylum_teach.model.personas import load_persona
from asylum_teach.reasoning.timeline import build_timeline
from asylum_teach.teaching.timeline_plot import plot_timeline


def timeline(persona):
    client = load_persona(persona)
    return build_timeline(client, client.as_of)


def test_plot_renders_without_a_display(tmp_path):
    fig = plot_timeline(timeline("detained-fast-track"))
    out = tmp_path / "t.png"
    fig.savefig(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert matplotlib.get_backend()  # no pyplot state was needed
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any("as of" in t.get_text() for t in fig.axes[0].texts)
    assert len(labels) == len([i for i in timeline("detained-fast-track").items if i.on])


def test_plot_since_zooms_in():
    t = timeline("appeal-to-bia")
    rows = len(plot_timeline(t, since=dt.date(2025, 12, 1)).axes[0].get_yticklabels())
    assert rows == len([i for i in t.items if i.on and i.on >= dt.date(2025, 12, 1)]) == 4


def test_alt_text_states_the_next_deadline_in_words():
    # appeal-to-bia: IJ decision Tue 2026-02-24 + 30 days = Thu 2026-03-26 (8 CFR 1003.38(b)), as of 2026-03-02
    alt = plot_timeline(timeline("appeal-to-bia")).get_label()
    assert "Next deadline: Notice of appeal" in alt and "Thursday 26 March 2026" in alt
    assert "_" not in alt
