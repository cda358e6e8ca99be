"""Explicit policy choices for questions the law does not settle, read from ``data/policies.yaml``.

Some counting questions have no settled answer in any text we found. Rather than decide them
silently, each is a named policy with a default, the other defensible answers, and the reason for
each (STYLE P5, P6). The registry says *what kind* of thing each answer changes (a closed day, a
rounding, a roll, whether a court-vacated version applies) and *which rules* it concerns; the engine
has one handler per kind (:mod:`asylum_teach.law.readings`), not one per policy.

An answer marked ``what_if`` is not a reading of the law in force (the 10-day BIA appeal rule after
its vacatur, say). It is never offered as an alternative; chosen explicitly, the result says so.

>>> resolve_policies({"executive_order_closures": "holiday"})["executive_order_closures"]
'holiday'
>>> resolve_policies({"eo": "x"})
Traceback (most recent call last):
...
asylum_teach.exceptions.UnknownPolicyError: unknown policy 'eo'. Known policies: bia_appeal_vacatur, bia_briefing_2026, count_back_roll, executive_order_closures, inauguration_day, leap_day_arrival, observed_holidays
>>> load_policies()["bia_appeal_vacatur"].defensible_others("vacated")
()
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from asylum_teach.exceptions import RuleDataError, UnknownPolicyError
from asylum_teach.law.schema import Where, build
from asylum_teach.yaml_data import package_file, read_package_data

# Names retired from the registry, with what replaced them, so an old notebook gets a useful answer.
RETIRED = {"bia_2026_rule": "was split into bia_appeal_vacatur and bia_briefing_2026 in December 2026, after a "
                            "court vacated the 10-day notice of appeal (the briefing rule took effect)"}

Kind = Literal["calendar-closure", "anniversary", "count-back-roll", "litigation"]


@dataclass(frozen=True)
class Answer:
    reason: str
    what_if: bool = False


@dataclass(frozen=True)
class AppliesTo:
    """Which rules a question concerns; an empty mapping means every rule."""

    filed_with: str | None = None
    unit: str | None = None
    roll: str | None = None

    def covers(self, rule, version) -> bool:
        return ((self.filed_with is None or rule.filed_with == self.filed_with)
                and (self.unit is None or version.unit == self.unit)
                and (self.roll is None or version.roll == self.roll))


@dataclass(frozen=True)
class Policy:
    question: str
    kind: Kind
    default: str
    values: dict[str, Answer]
    applies_to: AppliesTo = field(default_factory=AppliesTo)
    # kind-specific settings (see data/policies.yaml)
    closure: str | None = None
    closed_when: str | None = None
    round_down_when: str | None = None
    previous_when: str | None = None
    case: str | None = None
    provision: str | None = None
    applied_when: str | None = None
    name: str = ""

    @property
    def reasons(self) -> dict[str, str]:
        return {value: a.reason for value, a in self.values.items()}

    def defensible_others(self, current: str) -> tuple[str, ...]:
        """The other answers a careful lawyer must consider (never a what-if)."""
        return tuple(v for v, a in self.values.items() if v != current and not a.what_if)

    def is_what_if(self, value: str) -> bool:
        return self.values[value].what_if


_NEEDS = {"calendar-closure": ("closure", "closed_when"), "anniversary": ("round_down_when",),
          "count-back-roll": ("previous_when",), "litigation": ("case", "provision", "applied_when")}
_CLOSURES = ("observed_holidays", "executive_order_closures", "inauguration_day")


def _check(name: str, p: Policy, where: Where) -> Policy:
    if p.default not in p.values:
        where.fail(f"policy {name}: default {p.default!r} is not one of its values")
    if p.values[p.default].what_if:
        where.fail(f"policy {name}: the default {p.default!r} cannot be a what-if")
    for key in _NEEDS[p.kind]:
        value = getattr(p, key)
        if value is None:
            where.fail(f"policy {name}: a {p.kind} policy needs {key!r}")
        if key.endswith("_when") and value not in p.values:
            where.fail(f"policy {name}: {key} {value!r} is not one of its values")
    if p.kind == "calendar-closure" and p.closure not in _CLOSURES:
        where.fail(f"policy {name}: closure must be one of {', '.join(_CLOSURES)}")
    if p.kind == "litigation":
        from asylum_teach.exceptions import UnknownRuleError
        from asylum_teach.law.litigation import get_case

        try:
            provisions = get_case(str(p.case)).provisions
        except UnknownRuleError as exc:
            where.fail(f"policy {name}: {exc}")
        if p.provision not in provisions:
            where.fail(f"policy {name}: case {p.case} has no provision {p.provision!r}")
    return Policy(**{**p.__dict__, "name": name})


@functools.lru_cache(maxsize=1)
def load_policies() -> dict[str, Policy]:
    raw = read_package_data("policies.yaml")
    path = str(package_file("policies.yaml"))
    if not isinstance(raw, dict) or not raw:
        raise RuleDataError(f"{path}: expected a mapping of policies")
    return {name: _check(name, build(Policy, node, Where(path, getattr(node, "line", 0), name)),
                         Where(path, getattr(node, "line", 0)))
            for name, node in raw.items()}


def resolve_policies(chosen: Mapping | None) -> dict[str, str]:
    """Validate chosen policy values and fill in defaults."""
    policies = load_policies()
    out = {name: p.default for name, p in policies.items()}
    for name, value in (chosen or {}).items():
        policy = policies.get(name)
        if name in RETIRED:
            raise UnknownPolicyError(f"policy {name!r} {RETIRED[name]}")
        if policy is None:
            raise UnknownPolicyError(f"unknown policy {name!r}. Known policies: {', '.join(sorted(policies))}")
        if value not in policy.values:
            raise UnknownPolicyError(f"policy {name}: {value!r} is not one of {', '.join(policy.values)}")
        out[name] = value
    return out
