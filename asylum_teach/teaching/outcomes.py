"""Public statistics for the optional outcomes notebook: small, sourced tables and their figures.

Every number comes from the team's research notes (peers-and-data, part B2), with its source on the
row; nothing is estimated here. The CSV files live in ``asylum_teach/data/outcomes/``; each begins with
comment lines naming its source. Derived numbers (a rate computed from two counts) are computed in
front of the student and labelled *derived*.

>>> tables = load_outcomes()
>>> sorted(tables)
['backlog_after_2020', 'eoir_workload', 'grant_rates_by_circumstance', 'trac_asylum_decisions']
>>> int(tables["eoir_workload"].set_index("fiscal_year").loc[2019, "pending_at_end"])
1087201
"""

from __future__ import annotations

from importlib import resources

from asylum_teach.teaching.palette import MEANING, OKABE_ITO, projector_style


def load_outcomes() -> dict:
    """Every outcomes table as a pandas DataFrame, keyed by file name."""
    import pandas as pd

    folder = resources.files("asylum_teach") / "data" / "outcomes"
    out = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".csv"):
            with item.open("r", encoding="utf-8") as fh:
                out[item.name[:-4]] = pd.read_csv(fh, comment="#")
    return out


def derived_grant_rates(decisions):
    """Grant rate = granted / decisions, where both counts are given (a *derived* column)."""
    df = decisions.copy()
    df["grant_rate_derived_pct"] = (100 * df["granted"] / df["decisions"]).round(1)
    return df


def _figure(width, height):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def workload_figure(workload):
    """Pending cases, receipts and completions by fiscal year (full years only)."""
    full = workload[workload["partial_year"] == "no"]
    with projector_style():
        fig = _figure(11, 5)
        first, last = full.iloc[0], full.iloc[-1]
        fig.set_label(f"Immigration courts, FY{first.fiscal_year} to FY{last.fiscal_year}: cases pending at year end "
                      f"rose from {first.pending_at_end / 1000:,.0f} thousand to {last.pending_at_end / 1000:,.0f} "
                      "thousand, as new cases outran completions.")
        ax = fig.add_subplot()
        for column, label, colour, marker in (("pending_at_end", "pending at year end", OKABE_ITO["blue"], "o"),
                                              ("initial_receipts", "new cases received", OKABE_ITO["orange"], "s"),
                                              ("total_completions", "cases completed", OKABE_ITO["bluish_green"], "^")):
            ax.plot(full["fiscal_year"], full[column] / 1000, marker=marker, color=colour, lw=2.5, label=label)
        ax.set_ylabel("thousands of cases")
        ax.set_xlabel("fiscal year")
        ax.legend(loc="upper left", frameon=False)
        ax.set_title("Immigration courts, FY2008-FY2020 (source: EOIR statistics, generated 19 Apr 2021)", loc="left")
        return fig


def backlog_figure(backlog):
    """Backlog points after FY2020, each labelled with its source and the source's own qualifier."""
    import pandas as pd

    with projector_style():
        fig = _figure(11, 5)
        ordered = backlog.assign(_d=pd.to_datetime(backlog["date_approx"])).sort_values("_d")
        lo, hi = ordered.iloc[0], ordered.iloc[-1]
        fig.set_label(f"The backlog after FY2020, from several sources: {lo.pending_millions:g} million "
                      f"({lo.point_in_time}, {lo.source}) to {hi.pending_millions:g} million ({hi.point_in_time}, "
                      f"{hi.source}).")
        ax = fig.add_subplot()
        dates = pd.to_datetime(backlog["date_approx"])
        sources = list(dict.fromkeys(backlog["source"]))
        markers = ["o", "s", "^", "D", "v", "P", "X"]
        colours = [OKABE_ITO[c] for c in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple",
                                          "sky_blue", "black")]
        for i, src in enumerate(sources):
            rows = backlog["source"] == src
            ax.plot(dates[rows], backlog.loc[rows, "pending_millions"], marker=markers[i % 7], markersize=11,
                    linestyle="none", color=colours[i % 7], label=src)
        for d, v, q in zip(dates, backlog["pending_millions"], backlog["qualifier"].fillna("")):
            ax.annotate(f"{q} {v:g} M".strip(), (d, v), xytext=(6, -4), textcoords="offset points", fontsize=10)
        ax.set_ylabel("pending cases (millions)")
        ax.set_ylim(0, 4.2)
        ax.legend(loc="lower right", frameon=False, fontsize=10)
        ax.set_title("The backlog after FY2020: whose number? (mixed sources)", loc="left")
        return fig


def grant_rate_figure(rates):
    """Grant rates by representation and custody, one bar per reported figure, labelled with its year."""
    with projector_style():
        fig = _figure(11, 4.8)
        top = rates.loc[rates["grant_rate_pct"].idxmax()]
        low = rates.loc[rates["grant_rate_pct"].idxmin()]
        fig.set_label(f"Asylum grant rates by circumstance: highest {top.group} at {top.grant_rate_pct:g}% "
                      f"(FY{top.fiscal_year}), lowest {low.group} at {low.grant_rate_pct:g}% (FY{low.fiscal_year}).")
        ax = fig.add_subplot()
        labels = [f"{g} (FY{y})" for g, y in zip(rates["group"], rates["fiscal_year"])]
        colours = [MEANING["good"] if "represented" == g or "referred" in g or "released" in g else MEANING["adverse"]
                   for g in rates["group"]]
        bars = ax.barh(labels, rates["grant_rate_pct"], color=colours)
        ax.bar_label(bars, labels=[f"{v:g}%" for v in rates["grant_rate_pct"]], padding=4)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("asylum grant rate, % of grant-or-deny decisions")
        ax.set_title("Who wins? Representation and custody (TRAC data via the sources listed)", loc="left")
        return fig
