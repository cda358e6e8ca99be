"""Deadline-engine throughput over generated clients; prints one JSON line.

For each client (``generate_client(seed, AS_OF)``, seeds 0..N-1) every rule whose trigger fact the client
has is computed with ``deadline_for``, as a notebook would. Client generation, start-up (imports,
``load_rules``, the first call, which builds the court calendar) and the rate per chunk of clients are
timed apart.

    python benchmarks/deadlines_bench.py 10000
"""

from __future__ import annotations

import json
import statistics
import sys
import time

AS_OF = "2026-09-01"
CHUNKS = 10


def main(argv: list[str]) -> int:
    count = int(argv[0])
    t0 = time.perf_counter()
    from asylum_teach.law.engine import deadline_for
    from asylum_teach.law.rules import load_rules
    from asylum_teach.model.generator import generate_client

    out: dict = {"clients": count, "import_s": time.perf_counter() - t0}
    t0 = time.perf_counter()
    rules = load_rules()
    out["load_rules_s"] = time.perf_counter() - t0
    first = generate_client(0, AS_OF)
    t0 = time.perf_counter()
    deadline_for("one-year-asylum", first.facts["last_arrival_on"], as_of=first.as_of, facts=first.facts)
    out["first_call_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    clients = [generate_client(seed, AS_OF) for seed in range(count)]
    out["generate_s"] = time.perf_counter() - t0

    triggers = [(rule_id, rule.trigger_fact) for rule_id, rule in sorted(rules.items()) if rule.trigger_fact]
    size = max(1, count // CHUNKS)
    rates, total, errors = [], 0, 0
    t_all = time.perf_counter()
    for start in range(0, count, size):
        n, t0 = 0, time.perf_counter()
        for client in clients[start:start + size]:
            for rule_id, fact in triggers:
                if client.facts.get(fact) is None:
                    continue
                try:
                    deadline_for(rule_id, client.facts[fact], as_of=client.as_of, facts=client.facts)
                except Exception:  # an engine refusal still costs time; counted apart
                    errors += 1
                n += 1
        rates.append(n / (time.perf_counter() - t0))
        total += n
    engine_s = time.perf_counter() - t_all
    out.update(deadlines=total, errors=errors, rules_with_trigger=len(triggers), engine_s=engine_s,
               rate_overall=total / engine_s, rate_median=statistics.median(rates), rate_min=min(rates),
               rate_max=max(rates))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
