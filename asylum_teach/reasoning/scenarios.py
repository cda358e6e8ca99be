"""Scripted scenarios: a YAML file of dated actions, run by the proceedings simulator.

A scenario file holds ``name``, ``title``, ``description``, ``court``, ``facts`` (glossary names),
optional ``as_of`` and ``policies``, and ``steps`` (each ``date`` + ``action`` + parameters; see
:data:`asylum_teach.reasoning.proceedings.catalogue.ACTIONS`). Example scenarios ship in
``asylum_teach/data/scenarios/`` and can be named without a path. A bad file gets one message that names
the file, the step and the field.

>>> 'clean_grant' in list_scenarios()
True
>>> result = run_scenario("clean_grant")
>>> result.path[:3]
['nta_served', 'nta_filed', 'master_calendar']
>>> load_scenario_text("steps: [{date: 2025-01-06, action: serve_nta, hearing: 2025-02-03}]", source="x.yaml")
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: x.yaml: step 1 (serve_nta), field 'hearing': not a parameter of serve_nta. Did you mean hearing_on? Parameters: hearing_on, requested_earlier_hearing, detained
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from asylum_teach.dates import parse_date
from asylum_teach.exceptions import AsylumTeachError, InvalidInputError
from asylum_teach.law.policies import resolve_policies
from asylum_teach.model.courts import find_court
from asylum_teach.model.facts import Facts
from asylum_teach.reasoning.proceedings.catalogue import parse_step
from asylum_teach.reasoning.proceedings.simulator import SimulationResult, simulate

KEYS = ("name", "title", "description", "court", "facts", "steps", "as_of", "policies", "expected", "teaching_notes")


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str
    court: str | None
    facts: Facts
    steps: tuple
    as_of: date | None = None
    policies: dict = field(default_factory=dict)
    source: str = ""

    def run(self, *, as_of: date | None = None, policies: dict | None = None, calendar=None) -> SimulationResult:
        try:
            return simulate(self.steps, facts=self.facts, court=self.court, as_of=as_of or self.as_of, name=self.name,
                            policies={**self.policies, **(policies or {})} or None, calendar=calendar)
        except AsylumTeachError as exc:
            raise type(exc)(f"{self.source}: {exc}") from None


def list_scenarios() -> list[str]:
    """Names of the scenarios shipped with the package."""
    folder = resources.files("asylum_teach").joinpath("data", "scenarios")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_scenario(path_or_name) -> Scenario:
    """Load a scenario from a file path, or by the name of a packaged scenario."""
    path = Path(str(path_or_name))
    if path.suffix in (".yaml", ".yml") or path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInputError(f"scenario file {path}: cannot read it ({exc.strerror})") from None
        return load_scenario_text(text, source=str(path))
    name = str(path_or_name)
    if name not in list_scenarios():
        import difflib
        close = difflib.get_close_matches(name, list_scenarios(), n=3)
        raise InvalidInputError(f"no scenario file or packaged scenario named {name!r}"
                                + (f"; did you mean {', '.join(close)}?" if close else "")
                                + f" Packaged: {', '.join(list_scenarios())}")
    text = resources.files("asylum_teach").joinpath("data", "scenarios", f"{name}.yaml").read_text(encoding="utf-8")
    return load_scenario_text(text, source=f"{name}.yaml")


def load_scenario_text(text: str, *, source: str = "scenario") -> Scenario:
    """Parse and check a scenario's YAML text (steps are checked fully when the scenario runs)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InvalidInputError(f"{source}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InvalidInputError(f"{source}: a scenario is a mapping with at least 'steps'")
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        raise InvalidInputError(f"{source}: unknown key {unknown[0]!r}; scenario keys are {', '.join(KEYS)}")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise InvalidInputError(f"{source}, field 'steps': a non-empty list of dated actions is required")
    if data.get("facts") is not None and not isinstance(data["facts"], dict):
        raise InvalidInputError(f"{source}, field 'facts': expected a mapping of glossary fact names to values")
    try:
        facts = Facts(data.get("facts") or {})
        as_of = parse_date(data["as_of"], name="as_of") if data.get("as_of") else None
        for index, raw in enumerate(steps, start=1):
            parse_step(raw, index)
    except AsylumTeachError as exc:
        raise type(exc)(f"{source}: {exc}") from None
    if data.get("policies") is not None and not isinstance(data["policies"], dict):
        raise InvalidInputError(f"{source}, field 'policies': expected a mapping of policy names to values")
    for key, check in (("policies", lambda: resolve_policies(data.get("policies") or {})),
                       ("court", lambda: data.get("court") is None or find_court(str(data["court"])))):
        try:
            check()
        except AsylumTeachError as exc:
            raise type(exc)(f"{source}, field '{key}': {exc}") from None
    return Scenario(name=str(data.get("name") or Path(source).stem), title=str(data.get("title") or ""),
                    description=str(data.get("description") or "").strip(), court=data.get("court"), facts=facts,
                    steps=tuple(steps), as_of=as_of, policies=dict(data.get("policies") or {}), source=source)


def run_scenario(path_or_name, *, as_of=None, policies: dict | None = None, calendar=None):
    """Load and run a scenario; returns a :class:`~asylum_teach.reasoning.proceedings.simulator.SimulationResult`."""
    as_of = parse_date(as_of, name="as_of") if as_of else None
    return load_scenario(path_or_name).run(as_of=as_of, policies=policies, calendar=calendar)
