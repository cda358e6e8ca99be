"""The outcomes tables load with a source on every row, and the derived rates match the reported ones."""

import matplotlib

matplotlib.use("Agg")

from asylum_teach.teaching.notebook import figure_png
from asylum_teach.teaching.outcomes import (
    backlog_figure,
    derived_grant_rates,
    grant_rate_figure,
    load_outcomes,
    workload_figure,
)


def test_every_row_names_its_source():
    tables = load_outcomes()
    for name in ("backlog_after_2020", "trac_asylum_decisions", "grant_rates_by_circumstance"):
        assert tables[name]["source"].notna().all() and tables[name]["url"].str.startswith("http").all(), name


def test_derived_grant_rates_match_what_trac_reported():
    df = derived_grant_rates(load_outcomes()["trac_asylum_decisions"]).set_index("fiscal_year")
    assert df.loc[2021, "grant_rate_derived_pct"] == 36.1 and df.loc[2021, "grant_rate_pct"] == 36
    assert df.loc[2022, "grant_rate_derived_pct"] == 45.9 and df.loc[2022, "grant_rate_pct"] == 46


def test_outcome_figures_render():
    t = load_outcomes()
    for fig in (workload_figure(t["eoir_workload"]), backlog_figure(t["backlog_after_2020"]),
                grant_rate_figure(t["grant_rates_by_circumstance"])):
        assert figure_png(fig)[:4] == b"\x89PNG"
