"""Readings: the other defensible answers to the open questions a deadline raises.

A *reading* is one answer other than the one the count used: another policy value (an observed
holiday as an ordinary day), another version of the rule (one that took effect between the trigger
and the due date), or an exception whose fact is not known. The engine counts under each reading;
those that change the date become alternatives, and the earliest date over every reading is the safe
date.

The questions come from the policy registry (``data/policies.yaml``). Each policy has a *kind*, and
this module has one handler per kind, so a new question of a known kind needs data, not code:

* ``calendar-closure``: a kind of day is closed or open (the calendar the count uses);
* ``anniversary``: how a year from February 29 rounds;
* ``count-back-roll``: which way a count back from a hearing moves off a closed day;
* ``litigation``: whether a version a court vacated or left standing is applied. Only a *what-if*
  answer departs from the court's ruling, and a what-if is never offered as a reading.

>>> from asylum_teach.law.rules import get_rule
>>> rule = get_rule("bia-appeal")
>>> [r.label for dim in policy_readings(rule, rule.versions[0], resolve_policies({})) for r in dim]
['observed_holidays=not-holiday', 'executive_order_closures=holiday', 'inauguration_day=not-holiday']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from asylum_teach.court_calendar import CourtCalendar
from asylum_teach.law.counting import Settings
from asylum_teach.law.policies import Policy, load_policies, resolve_policies
from asylum_teach.law.rules import RuleVersion

__all__ = ["Reading", "calendar", "exception_readings", "policy_readings", "resolve_policies", "settings",
           "what_if_policies"]


@dataclass(frozen=True)
class Reading:
    """One other answer: its label and reason, and what it changes when the date is counted again."""

    label: str
    reason: str
    policies: dict = field(default_factory=dict)
    version: RuleVersion | None = None
    exceptions: dict = field(default_factory=dict)


def _covering(rule, version, kind: str | None = None):
    for name, policy in load_policies().items():
        if (kind is None or policy.kind == kind) and policy.applies_to.covers(rule, version):
            yield name, policy


def calendar(rule, version, chosen: dict, base: CourtCalendar | None = None) -> CourtCalendar:
    """The court calendar under the chosen answers: each closure policy that concerns this rule switches
    its kind of day on or off."""
    base = base or CourtCalendar()
    switches: dict[str, bool] = {str(p.closure): False for p in load_policies().values() if p.kind == "calendar-closure"}
    for name, policy in _covering(rule, version, "calendar-closure"):
        switches[str(policy.closure)] = chosen[name] == policy.closed_when
    return base.variant(**switches)


def settings(rule, version, chosen: dict) -> Settings:
    """The arithmetic settings under the chosen answers (anniversary rounding, count-back roll)."""
    out = Settings()
    for name, policy in _covering(rule, version, "anniversary"):
        out = Settings(chosen[name] == policy.round_down_when, chosen[name], out.count_back_previous)
    for name, policy in _covering(rule, version, "count-back-roll"):
        out = Settings(out.round_down, out.round_name, chosen[name] == policy.previous_when)
    return out


def policy_readings(rule, version, chosen: dict) -> list[list[Reading]]:
    """One dimension per calendar or counting question this version raises: its other defensible answers."""
    dims = []
    for name, policy in _covering(rule, version):
        if policy.kind == "litigation":
            continue  # what a court decided is not a reading; see what_if_policies
        others = [Reading(f"{name}={value}", " ".join(policy.values[value].reason.split()), policies={name: value})
                  for value in policy.defensible_others(chosen[name])]
        if others:
            dims.append(others)
    return dims


def exception_readings(version, facts: dict) -> list[list[Reading]]:
    """An exception whose fact is unknown might apply; one known only from secondary sources might be
    read narrowly. Each is a reading (STYLE P4: the result names the branch)."""
    dims = []
    for exc in version.exceptions:
        if facts.get(exc.fact) is None:
            dims.append([Reading(f"{exc.fact}={str(exc.equals).lower()}",
                                 f"if {exc.fact} is {exc.equals}: {' '.join(exc.reason.split())}",
                                 exceptions={exc.id: True})])
        elif facts.get(exc.fact) == exc.equals and exc.strength != "P":
            dims.append([Reading(f"narrow reading of {exc.id}",
                                 "the exception's scope is known only from secondary sources; under a narrow "
                                 f"reading the base period of {version.period} days applies",
                                 exceptions={exc.id: False})])
    return dims


def what_if_policies(chosen: dict) -> list[tuple[str, Policy]]:
    """The litigation policies answered with a what-if: (name, policy) for each."""
    return [(name, p) for name, p in load_policies().items()
            if p.kind == "litigation" and p.is_what_if(chosen[name])]


def litigation_policy(case: str, provision: str):
    """(name, policy) of the litigation policy for a provision, or None."""
    for name, p in load_policies().items():
        if p.kind == "litigation" and p.case == case and p.provision == provision:
            return name, p
    return None
