"""The records a simulated case is made of: plain data, no behaviour beyond describing itself.

* :class:`Step`: one dated action of a scenario, its parameters checked (by
  :mod:`~asylum_teach.reasoning.proceedings.catalogue`);
* :class:`Param`, :class:`Requirement`, :class:`ActionSpec`: how an action is declared in the registry
  (:mod:`~asylum_teach.reasoning.proceedings.registry`);
* :class:`Consequence` and :class:`StageRecord`: what an action did, with its deadlines and citations.

>>> c = C("Filed late.", "ina-208-a-2-B", severity="adverse")
>>> c.to_dict()
{'summary': 'Filed late.', 'severity': 'adverse', 'citations': ['INA 208(a)(2)(B), 8 U.S.C. 1158(a)(2)(B) [P]']}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from asylum_teach.exceptions import InvalidInputError
from asylum_teach.law.citations import Citation, cite, cited
from asylum_teach.law.engine import Deadline
from asylum_teach.model.courts import Court, find_court
from asylum_teach.reasoning.stages import Stage


@dataclass(frozen=True)
class Param:
    """One parameter of an action. ``kind``: date, bool, str, int, choice, list, mapping, records."""

    name: str
    kind: str
    required: bool = False
    choices: tuple = ()
    fields: tuple = ()  # for mapping / records: nested Params
    help: str = ""


@dataclass(frozen=True)
class Requirement:
    """Something that must be true before an action; ``message`` says what must come first, and
    ``citations`` (registry ids) where the law says so."""

    check: Callable[..., bool]  # callable(state) -> bool
    message: str
    citations: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The message as a student reads it, its citations in brackets."""
        return f"{self.message} ({'; '.join(cited(*self.citations))})" if self.citations else self.message


@dataclass(frozen=True)
class ActionSpec:
    """An action of the scenario vocabulary: the stage it records, its handler, parameters and requirements."""

    name: str
    stage: Stage
    handler: Callable[..., tuple]
    params: tuple[Param, ...] = ()
    requires: tuple[Requirement, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Step:
    """One dated action of a scenario, with its checked parameters."""

    index: int
    on: date
    action: str
    params: dict = field(default_factory=dict)

    def get(self, name, default=None):
        value = self.params.get(name)
        return default if value is None else value

    def court(self, name: str) -> Court:
        """The court named in parameter ``name``, naming the step and field if it is unknown."""
        try:
            return find_court(self.params[name])
        except InvalidInputError as exc:
            raise InvalidInputError(f"step {self.index} ({self.action}), field '{name}': {exc}") from None


@dataclass(frozen=True)
class Consequence:
    """What an action costs or opens, with where the law says so.

    ``severity`` is ``info`` (a step in the ordinary course), ``warning`` (a risk the student should
    act on) or ``adverse`` (something bad has happened or will).
    """

    summary: str
    citations: tuple[str, ...]
    severity: str = "info"
    deadline: Deadline | None = None  # an engine Deadline the consequence turns on

    def to_dict(self) -> dict:
        data: dict = {"summary": self.summary, "severity": self.severity, "citations": list(self.citations)}
        if self.deadline is not None:
            data["deadline"] = self.deadline.to_dict()
        return data


def C(summary, *citations: str | Citation, severity="info", deadline=None) -> Consequence:
    """A consequence, written the way handlers read best: summary, then its citations.

    A citation is an id of the citation registry, shown with its research tag as the simulator always
    showed them, or a :class:`~asylum_teach.law.citations.Citation` taken from an engine deadline or the
    litigation register, shown as the engine shows it (:meth:`Citation.shown`).
    """
    shown = tuple(c.shown() if isinstance(c, Citation) else cite(c).tagged() for c in citations)
    return Consequence(summary, shown, severity, deadline)


@dataclass
class StageRecord:
    """One step of the case: the stage reached, its date, what happened, deadlines and consequences."""

    step: int
    stage: Stage
    on: date
    action: str
    happened: str
    details: dict = field(default_factory=dict)
    deadlines: list = field(default_factory=list)  # engine Deadline objects
    consequences: list[Consequence] = field(default_factory=list)

    @property
    def citations(self) -> tuple[str, ...]:
        cites = list(self.stage.citations)
        for c in self.consequences:
            cites.extend(x for x in c.citations if x not in cites)
        return tuple(cites)

    @property
    def reasons(self) -> tuple[str, ...]:
        return (self.happened, *(c.summary for c in self.consequences))

    def to_dict(self) -> dict:
        return {"step": self.step, "stage": self.stage.value, "title": self.stage.title, "on": self.on.isoformat(),
                "action": self.action, "happened": self.happened, "details": plain(self.details),
                "deadlines": [d.to_dict() for d in self.deadlines],
                "consequences": [c.to_dict() for c in self.consequences], "citations": list(self.citations)}


def plain(value):
    """Dates as ISO text and records as dicts, for JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value
