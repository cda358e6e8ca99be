"""Deadline-engine throughput: deadlines per second over generated clients.

Clients come from :func:`asylum_teach.model.generator.generate_client` (seeds 0..N-1, one as-of
date). For each client, every rule whose ``trigger_fact`` the client has is computed with
:func:`asylum_teach.law.engine.deadline_for` (facts and as-of passed, as a notebook would). Client
generation is timed apart from the deadlines. The first call (rules loaded, calendar built) is timed
on its own; the rate is measured per chunk of clients so a median and spread can be quoted.

Prints one JSON object.

    python benchmarks/deadlines_bench.py 10000
"""

from __future__ import annotations

import json
import statistics
import sys
import time

AS_OF = "2026-09-01"
CHUNKS = 10


CALENDAR_PROBE = """
import json, time
t0 = time.perf_counter()
import holidays
imported = time.perf_counter()
years = {years}
holidays.country_holidays("US", years=years)
holidays.country_holidays("US", categories=holidays.GOVERNMENT, years=years)
print(json.dumps([imported - t0, time.perf_counter() - imported]))
"""


def calendar_costs() -> dict:
    """What the court calendar's first use costs in a fresh process: importing ``holidays`` and building its
    table for every year the package covers, against (what-if) building only the three years around the
    as-of date. Each probe runs in its own fresh interpreter, so neither warms the other."""
    import subprocess

    from asylum_teach import court_calendar

    years = getattr(court_calendar, "_YEARS", None)
    if years is None:
        return {}
    near = range(int(AS_OF[:4]) - 1, int(AS_OF[:4]) + 2)

    def probe(span) -> list[float]:
        code = CALENDAR_PROBE.format(years=f"range({span.start}, {span.stop})")
        runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                          check=True).stdout) for _ in range(3)]
        return [statistics.median(r[i] for r in runs) for i in range(2)]

    imp, all_years = probe(years)
    _, three = probe(near)
    return {"holidays_import_s": imp, "calendar_all_years_s": all_years, "calendar_years": len(years),
            "calendar_three_years_s": three}


def main(argv: list[str]) -> int:
    count = int(argv[0])
    t0 = time.perf_counter()
    from asylum_teach.law.engine import deadline_for
    from asylum_teach.law.rules import load_rules
    from asylum_teach.model.generator import generate_client

    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rules = load_rules()
    load_rules_s = time.perf_counter() - t0
    first = generate_client(0, AS_OF)
    calendar = calendar_costs()
    t0 = time.perf_counter()
    deadline_for("one-year-asylum", first.facts["last_arrival_on"], as_of=first.as_of, facts=first.facts)
    first_call_s = time.perf_counter() - t0  # rules already loaded: the calendar is built here

    t0 = time.perf_counter()
    clients = [generate_client(seed, AS_OF) for seed in range(count)]
    generate_s = time.perf_counter() - t0

    triggers = [(rule_id, rule.trigger_fact) for rule_id, rule in sorted(rules.items()) if rule.trigger_fact]
    size = max(1, count // CHUNKS)
    rates, total, errors = [], 0, 0
    t_all = time.perf_counter()
    for start in range(0, count, size):
        n = 0
        t0 = time.perf_counter()
        for client in clients[start:start + size]:
            facts = client.facts
            for rule_id, fact in triggers:
                trigger = facts.get(fact)
                if trigger is None:
                    continue
                try:
                    deadline_for(rule_id, trigger, as_of=client.as_of, facts=facts)
                except Exception:  # an engine refusal still costs time; count it apart
                    errors += 1
                n += 1
        rates.append(n / (time.perf_counter() - t0))
        total += n
    engine_s = time.perf_counter() - t_all
    print(json.dumps({
        "clients": count, "deadlines": total, "errors": errors, "rules_with_trigger": len(triggers),
        "import_s": import_s, "load_rules_s": load_rules_s, **calendar, "first_call_s": first_call_s, "generate_s": generate_s,
        "engine_s": engine_s, "rate_overall": total / engine_s, "rate_median": statistics.median(rates),
        "rate_min": min(rates), "rate_max": max(rates), "clients_per_s": count / generate_s,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
