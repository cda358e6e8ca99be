"""One runner for the worked examples (STYLE P8; issue #13): a pytest plugin with a registry of kinds.

A worked example is a case a law student can read: a sentence as its name, the facts, what the law
gives (``expected``) and ``why``, the worked reasoning with its citation. Five kinds of file hold them:

==========  =================================  ===========================================================
kind        files                              one example is
==========  =================================  ===========================================================
deadline    ``tests/cases/<rule>.yaml``        a trigger, facts and policies; the deadline the engine gives
screening   ``tests/reasoning/test_screening_  a persona or facts and an as-of date; the pathway, relief,
            cases.yaml``                       bars and questions screening gives
scenario    ``tests/scenarios/<name>.yaml``    a packaged or inline scenario; the path, deadlines and
                                               consequences the proceedings simulator gives
merits      ``tests/merits/<doctrine or        a date (and a circuit, for a split); the version of the
            split>.yaml``                      Board's precedent, or the ruling that governs there, with
                                               its strength; each example names its ``source``
answers     ``tests/grading/answers_read.      what a student wrote; what the grader reads it as, or the
            yaml``                             sentence saying why it cannot be read
==========  =================================  ===========================================================

Every key of a file, of an example and of what it expects is checked before anything runs: a
misspelled key (``deu`` for ``due``) is an error naming the file, the line and the closest known key,
never an example that passes because it checks nothing. A deadline file's ``rule:`` and a scenario
file's ``scenario:`` (or ``name:``) must match the file name. Each kind registers its file pattern,
its keys and its check function in :data:`KINDS`; adding a kind adds an entry, not a runner.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from asylum_teach.exceptions import AsylumTeachError
from asylum_teach.yaml_data import read_yaml
from tests.helpers import CASE_KEYS, check_answer_reading, check_case, check_merits, check_scenario, check_screening

TESTS = Path(__file__).resolve().parent


class ExampleError(Exception):
    """A worked-example file breaks its kind's keys: the message names the file, line and key."""


# ------------------------------------------------------------------------------------ key specs
@dataclass(frozen=True)
class Keys:
    """The keys a mapping may have (each with the spec of its value; None for a plain value) and those it must."""

    known: dict
    required: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()  # exactly one of these must be present


@dataclass(frozen=True)
class ListOf:
    """A list whose items follow ``item``."""

    item: object


def check_keys(node, spec, path: str, where: str, line: int = 0) -> None:
    """Check ``node`` against ``spec`` (Keys, ListOf or None), raising :class:`ExampleError` on the first fault."""
    line = getattr(node, "line", 0) or line
    at = f"{path}, line {line}" if line else path
    if spec is None:
        return
    if isinstance(spec, ListOf):
        if not isinstance(node, list):
            raise ExampleError(f"{at}: {where} must be a list")
        lines = getattr(node, "lines", ())
        for i, item in enumerate(node):
            check_keys(item, spec.item, path, f"{where}[{i}]", lines[i] if i < len(lines) else line)
        return
    if not isinstance(node, dict):
        raise ExampleError(f"{at}: {where} must be a mapping")
    for key in node:
        if key not in spec.known:
            close = difflib.get_close_matches(str(key), list(spec.known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ExampleError(f"{at}: {where}: unknown key {key!r}{hint} (known keys: {', '.join(spec.known)})")
    for key in spec.required:
        if key not in node:
            raise ExampleError(f"{at}: {where}: missing required key {key!r}")
    if spec.one_of and sum(k in node for k in spec.one_of) != 1:
        raise ExampleError(f"{at}: {where}: needs exactly one of {', '.join(spec.one_of)}")
    for key, value in node.items():
        check_keys(value, spec.known[key], path, f"{where}.{key}", line)


DEADLINE_EXPECTED = Keys({
    "due": None, "safe_date": None, "counted_on": None, "applicable": None, "version": None,
    "alternatives": ListOf(Keys({"date": None, "policy": None}, required=("date", "policy"))),
    "history": ListOf(Keys({"version": None, "status": None}, required=("version", "status"))),
    "what_if": None, "reason_mentions": None, "steps_mention": None, "timely": None, "late": None})
DEADLINE_CASE = Keys({**dict.fromkeys(CASE_KEYS), "expected": DEADLINE_EXPECTED},
                     required=("name", "trigger", "expected", "why"))
DEADLINE_FILE = Keys({"rule": None, "cases": ListOf(DEADLINE_CASE)}, required=("rule", "cases"))

RELIEF = Keys({"available": None, "bars": None}, required=("available", "bars"))
SCREENING_EXPECTED = Keys({"pathway": None, "asylum": RELIEF, "withholding": RELIEF,
                           "cat": Keys({"form": None}, required=("form",)), "derivatives": None, "open": None})
SCREENING_CASE = Keys({"name": None, "persona": None, "facts": None, "as_of": None, "expected": SCREENING_EXPECTED,
                       "error": None, "questions": None, "mentioned": None, "not_mentioned": None, "why": None},
                      required=("name", "why"), one_of=("expected", "error"))
SCREENING_FILE = ListOf(SCREENING_CASE)

SCENARIO_EXPECTED = Keys({
    "status": None, "path": None,
    "deadlines": ListOf(Keys({"step": None, "rule": None, "due": None, "safe": None, "version": None, "reason": None,
                              "why": None}, required=("step", "rule", "due", "why"))),
    "consequences": ListOf(Keys({"step": None, "severity": None, "contains": None},
                                required=("step", "severity", "contains"))),
    "ead": Keys({"started_on": None, "applicant_delay_days": None, "days_counted": None,
                 "deadlines": ListOf(Keys({"rule": None, "due": None, "why": None}, required=("rule", "due", "why")))},
                required=("started_on",)),
    "venue": Keys({"step": None, "circuit": None, "why": None}, required=("step", "circuit"))}, required=("path",))
# The scenario's own keys (steps and facts) are the simulator's to check: load_scenario_text names them.
SCENARIO_FILE = Keys({"scenario": None, "name": None, "title": None, "description": None, "court": None, "facts": None,
                      "steps": None, "as_of": None, "policies": None, "teaching_notes": None,
                      "expected": SCENARIO_EXPECTED}, required=("expected",), one_of=("scenario", "steps"))


MERITS_EXPECTED = Keys({"version": None, "court": None, "position": None, "strength": None, "stale": None,
                        "mentions": None, "cited": None})
MERITS_CASE = Keys({"name": None, "date": None, "circuit": None, "expected": MERITS_EXPECTED, "why": None,
                    "source": None}, required=("name", "date", "expected", "why", "source"))
MERITS_FILE = Keys({"doctrine": None, "split": None, "cases": ListOf(MERITS_CASE)}, required=("cases",),
                   one_of=("doctrine", "split"))


ANSWER = Keys({"kind": None, "question": None, "wrote": None, "reads as": None, "says": None, "why": None},
              required=("wrote",), one_of=("reads as", "says"))
ANSWERS_FILE = Keys({section: ListOf(ANSWER) for section in
                     ("dates", "holidays", "choices", "numbers, yes or no, text and lists")})


# ------------------------------------------------------------------------------------ the registry of kinds
@dataclass(frozen=True)
class Example:
    """One worked example, ready to run: its test name, its ``why`` and the call that checks it."""

    name: str
    why: str
    run: Callable[[], object]


@dataclass(frozen=True)
class Kind:
    """A kind of worked example: which files, their keys, and how a file becomes examples."""

    name: str
    matches: Callable[[Path], bool]
    spec: object
    examples: Callable[[object, Path, str], list[Example]]
    description: str = field(default="")


def _explained(node, path: Path, what: str) -> str:
    """The example's ``why``: every worked example explains itself."""
    why = node.get("why")
    if not isinstance(why, str) or not why.strip():
        raise ExampleError(f"{path}, line {getattr(node, 'line', 0)}: {what} needs its worked reasoning in 'why'")
    return why


def _deadline_examples(doc, path: Path, text: str) -> list[Example]:
    rule = doc["rule"]
    if rule != path.stem:
        raise ExampleError(f"{path}, line {getattr(doc, 'line', 1)}: 'rule: {rule}' must match the file name "
                           f"{path.stem!r}")
    return [Example(f"{i:02d} {case['name']}", _explained(case, path, f"case {i}"),
                    lambda case=case: check_case(rule, case)) for i, case in enumerate(doc["cases"], 1)]


def _screening_examples(doc, path: Path, text: str) -> list[Example]:
    return [Example(case["name"], _explained(case, path, f"case {case['name']!r}"),
                    lambda case=case: check_screening(case)) for case in doc]


def _named_after_file(doc, path: Path, *keys: str) -> None:
    """The first of ``keys`` the file has must name the file (``scenario: clean_grant`` in clean_grant.yaml)."""
    key = next((k for k in keys if k in doc), keys[-1])
    if doc.get(key) != path.stem:
        raise ExampleError(f"{path}, line {getattr(doc, 'line', 1)}: '{key}: {doc.get(key)}' must match the file "
                           f"name {path.stem!r}")


def _scenario_examples(doc, path: Path, text: str) -> list[Example]:
    _named_after_file(doc, path, "scenario", "name")
    whys = " ".join(_explained(d, path, f"expected deadline at step {d['step']}")
                    for d in doc["expected"].get("deadlines", []))
    return [Example(path.stem, whys, lambda: check_scenario(doc, text, path))]


def _merits_examples(doc, path: Path, text: str) -> list[Example]:
    _named_after_file(doc, path, "doctrine", "split")
    out = []
    for i, case in enumerate(doc["cases"], 1):
        line = getattr(case, "line", 0)
        if ("circuit" in case) != ("split" in doc):
            need = "needs a circuit" if "split" in doc else "takes no circuit (a doctrine is the Board's)"
            raise ExampleError(f"{path}, line {line}: case {i} {need}")
        if not str(case.get("source") or "").strip():
            raise ExampleError(f"{path}, line {line}: case {i} needs its source")
        out.append(Example(f"{i:02d} {case['name']}", _explained(case, path, f"case {i}"),
                           lambda case=case: check_merits(doc, case)))
    return out


def _answer_examples(doc, path: Path, text: str) -> list[Example]:
    out = []
    for section, rows in doc.items():
        for example in rows:
            if ("kind" in example) == ("question" in example):
                raise ExampleError(f"{path}, line {getattr(example, 'line', 0)}: an answer names its question "
                                   "(exercise/variable) or its kind, not both")
            name = f"{section}: {example.get('question') or example['kind']}: {example['wrote']!r}"
            why = example.get("why") or f"{example['wrote']!r} reads as {example.get('reads as', 'nothing')}"
            out.append(Example(name, str(why), lambda example=example: check_answer_reading(example)))
    return out


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("deadline", lambda p: p.parent == TESTS / "cases", DEADLINE_FILE, _deadline_examples,
         "one rule's deadlines from a trigger"),
    Kind("screening", lambda p: p == TESTS / "reasoning" / "test_screening_cases.yaml", SCREENING_FILE,
         _screening_examples, "pathway, relief and bars of a persona or facts"),
    Kind("scenario", lambda p: p.parent == TESTS / "scenarios", SCENARIO_FILE, _scenario_examples,
         "a case through the proceedings simulator"),
    Kind("merits", lambda p: p.parent == TESTS / "merits", MERITS_FILE, _merits_examples,
         "the Board's precedent, or a circuit's rule, on a date"),
    Kind("answers", lambda p: p == TESTS / "grading" / "answers_read.yaml", ANSWERS_FILE, _answer_examples,
         "what a student wrote, and how the grader reads it"),
)}


def kind_of(path: Path) -> Kind | None:
    return next((k for k in KINDS.values() if k.matches(path)), None)


def read_examples(path: Path, text: str | None = None, kind: Kind | None = None) -> list[Example]:
    """The worked examples of one file, after checking every key (raises :class:`ExampleError`)."""
    kind = kind or kind_of(path)
    text = path.read_text(encoding="utf-8") if text is None else text
    try:
        doc = read_yaml(path, text)  # duplicate keys refused, every mapping and list item with its line
    except AsylumTeachError as exc:
        raise ExampleError(str(exc)) from None
    check_keys(doc, kind.spec, str(path), kind.name)
    return kind.examples(doc, path, text)


# ------------------------------------------------------------------------------------ pytest collection
def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and kind_of(file_path) is not None:
        return ExampleFile.from_parent(parent, path=file_path)
    return None


class ExampleFile(pytest.File):
    def collect(self):
        for example in read_examples(self.path):
            yield ExampleItem.from_parent(self, name=example.name, example=example)


class ExampleItem(pytest.Item):
    def __init__(self, *, example: Example, **kwargs):
        super().__init__(**kwargs)
        self.example = example

    def runtest(self):
        self.example.run()

    def repr_failure(self, excinfo):
        if not isinstance(excinfo.value, AssertionError | AsylumTeachError):
            return super().repr_failure(excinfo)
        why = " ".join(str(self.example.why).split())
        return f"{self.path.name}: {self.name}\n  why: {why}\n  {excinfo.value}"

    def reportinfo(self):
        return self.path, 0, f"{kind_of(self.path).name}: {self.name}"
