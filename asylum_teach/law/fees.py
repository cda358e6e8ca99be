"""Filing fees in removal proceedings, as dated, cited data (``data/fees.yaml``).

Fees change by statute and notice, so each amount carries the date it applied from, its strength and
its sources, like every rule here (STYLE P1). No hidden clock: the date is an argument.

>>> fee_on("bia-appeal", date(2025, 6, 2)).amount, fee_on("bia-appeal", date(2026, 12, 1)).amount
(110, 900)
>>> fee_on("annual-asylum-fee", date(2026, 1, 1)).amount
102
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date

from asylum_teach.exceptions import RuleDataError, UnknownRuleError
from asylum_teach.law.citations import Citation, Strength
from asylum_teach.law.schema import Where, build
from asylum_teach.yaml_data import package_file, read_package_data


@dataclass(frozen=True)
class Amount:
    amount: int
    strength: Strength
    citations: tuple[Citation, ...]
    note: str | None = None
    from_: date | None = field(default=None, metadata={"data": False})


@dataclass(frozen=True)
class Fee:
    title: str
    paid_to: str
    amounts: tuple[Amount, ...] = field(default=(), metadata={"data": False})
    id: str = field(default="", metadata={"data": False})

    def on(self, day: date) -> Amount:
        current = [a for a in self.amounts if a.from_ is None or a.from_ <= day]
        return current[-1]


@functools.lru_cache(maxsize=1)
def load_fees() -> dict[str, Fee]:
    raw = read_package_data("fees.yaml")
    path = str(package_file("fees.yaml"))
    out = {}
    for fee_id, node in raw["fees"].items():
        where = Where(path, getattr(node, "line", 0), fee_id)
        head = build(Fee, {k: v for k, v in node.items() if k != "amounts"}, where)
        amounts: list[Amount] = []
        for i, a in enumerate(node.get("amounts") or ()):
            row = build(Amount, {k: v for k, v in a.items() if k != "from"}, where.at(node, i))
            start = a.get("from")
            if start is not None and not isinstance(start, date):
                where.fail(f"{fee_id}: amount {i}: from must be a date or null")
            if amounts and (start is None or (amounts[-1].from_ or date.min) >= start):
                where.fail(f"{fee_id}: amounts must be in date order")
            if not row.citations:
                where.fail(f"{fee_id}: amount {i} has no citation")
            amounts.append(Amount(row.amount, row.strength, row.citations, row.note, start))
        if not amounts:
            raise RuleDataError(f"{path}: fee {fee_id} has no amounts")
        out[fee_id] = Fee(head.title, head.paid_to, tuple(amounts), fee_id)
    return out


def fee_on(fee_id: str, day: date) -> Amount:
    """The amount of a fee on a date, with its strength and citations."""
    fees = load_fees()
    if fee_id not in fees:
        raise UnknownRuleError(f"unknown fee {fee_id!r}; known fees: {', '.join(sorted(fees))}")
    return fees[fee_id].on(day)
