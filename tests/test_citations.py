"""One citation registry (issue #13): each authority once, referred to by id everywhere, checked at load.

* No string in the package's Python carries a research tag ([P], [S], [K]): citations live in
  ``data/citations.yaml`` and the code names them by id. Docstrings may explain the tags.
* Every id the code or a data file names exists, and every registry entry is used somewhere.
* A data file that names an unknown id is refused with its file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from asylum_teach.exceptions import RuleDataError, UnknownCitationError
from asylum_teach.law.citations import cite, load_citations, parse_registry
from asylum_teach.law.schema import Where
from asylum_teach.yaml_data import read_yaml

PACKAGE = Path(__file__).resolve().parents[1] / "asylum_teach"
DATA = PACKAGE / "data"
TAG = re.compile(r"\[(P|S|K)[\]: ;,/]")
#: Calls whose string arguments are citation ids (C: after the summary), and names that hold ids.
ID_CALLS = {"C": 1, "cite": 0, "cited": 0, "late": 3, "Requirement": 2}
ID_HOLDERS = re.compile(r"CITE|CITATIONS|_INFO|NO_STAY|^ids$|^cites$")
#: Entered by the research of issue 11 (screening) but cited by no branch yet: the lead decides whether a
#: branch should cite them or they go. Listed so that a new uncited entry fails the test.
UNCITED: set[str] = set()


def string_literals(source: str):
    """(line, text) of every string literal that is not a docstring (f-string parts included)."""
    tree = ast.parse(source)
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docs.add(id(first.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def tagged_strings(source: str) -> list[tuple[int, str]]:
    return [(line, text) for line, text in string_literals(source) if TAG.search(text)]


def python_files():
    return sorted(PACKAGE.rglob("*.py"))


# ------------------------------------------------------------------------------------ no tags in Python
def test_no_string_in_the_package_carries_a_research_tag():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {text[:90]!r}" for path in python_files()
             for line, text in tagged_strings(path.read_text(encoding="utf-8"))]
    assert not found, "tagged citation strings belong in data/citations.yaml (refer to them by id):\n" + "\n".join(found)


@pytest.mark.parametrize("source, found", [
    ('X = "INA 208(a)(2)(B) [P]"', 1),
    ('C("summary", "8 CFR 1003.29 [K]")', 1),
    ('f"{x} (Dada v. Mukasey [K; cite S])"', 1),
    ('MARK = " [S: secondary source]"', 1),
    ('"""Tags: [P] primary, [S] secondary, [K] unverified."""', 0),   # a docstring explains the tags
    ('def f():\n    """See INA 208 [P]."""\n    return "cfr-1003-29"', 0),
    ('X = "a list [Paris, Sofia]"', 0),
])
def test_the_tag_check_finds_tags_in_code_and_not_in_docstrings(source, found):
    assert len(tagged_strings(source)) == found


# ------------------------------------------------------------------------------------ ids resolve both ways
def id_literals(node) -> list[ast.Constant]:
    """The string literals an expression gives as values (not those it tests or indexes with)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [c for e in node.elts for c in id_literals(e)]
    if isinstance(node, ast.IfExp):
        return id_literals(node.body) + id_literals(node.orelse)
    if isinstance(node, ast.Starred):
        return id_literals(node.value)
    if isinstance(node, ast.BinOp):
        return id_literals(node.left) + id_literals(node.right)
    if isinstance(node, ast.Dict):  # _INFO: {Stage: (title, (ids...))}
        return [c for v in node.values if isinstance(v, ast.Tuple) for c in id_literals(v.elts[-1])]
    return []


def ids_named_in_python() -> dict[str, list[str]]:
    """Registry-id strings the code passes to C/cite/cited/late/Requirement or keeps in a citation constant."""
    out: dict[str, list[str]] = {}
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in ID_CALLS:
                    values = node.args[ID_CALLS[name]:]
                values += [k.value for k in node.keywords if k.arg in ("cites", "citations")]
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if node.value is not None and any(ID_HOLDERS.search(getattr(t, "id", "")) for t in targets):
                    values = [node.value]
            for leaf in (c for v in values for c in id_literals(v)):
                if re.fullmatch(r"[a-z0-9]+(-[A-Za-z0-9]+)*", leaf.value):
                    out.setdefault(leaf.value, []).append(f"{where}:{leaf.lineno}")
    return out


def strings_in_data() -> set[str]:
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            found.add(node)

    for path in DATA.rglob("*.yaml"):
        if path.name != "citations.yaml":
            walk(read_yaml(path))
    return found


def test_every_id_the_code_names_is_in_the_registry():
    named = ids_named_in_python()
    assert len(named) > 100, "the scan found too few ids: it is not looking where the code names them"
    unknown = {i: places for i, places in named.items() if i not in load_citations()}
    assert not unknown, unknown


def test_every_registry_entry_is_cited_somewhere():
    used = set(ids_named_in_python()) | strings_in_data() | {c for s in _glossary_cites() for c in s}
    unused = set(load_citations()) - used
    assert unused == UNCITED, f"entries nothing cites (remove them, or cite them): {sorted(unused - UNCITED)}; " \
                              f"cited now, so drop from UNCITED: {sorted(UNCITED - unused)}"


def _glossary_cites():
    from asylum_teach.glossary import FACTS

    return [f.cites for f in FACTS.values()]


def test_the_glossary_names_registry_ids():
    for cites in _glossary_cites():
        for c in cites:
            cite(c)


def test_each_authority_once_and_every_entry_checked():
    registry = load_citations()
    assert len(registry) > 200
    assert len({c.cite for c in registry.values()}) == len(registry)
    assert all(c.tag is None or c.tag[0] == c.strength for c in registry.values())
    assert sum(c.last_verified_on is not None for c in registry.values()) > 100


# ------------------------------------------------------------------------------------ file and line
def test_an_unknown_id_names_the_closest_one():
    with pytest.raises(UnknownCitationError, match="unknown citation 'iskandarany'. Did you mean 'iskandarani'"):
        cite("iskandarany")


@pytest.mark.parametrize("registry, message", [
    ("citations:\n  a: {cite: x, url: see CFR, strength: P, last_verified_on: null}\n",
     r"c\.yaml, line 2: a\.url: must be an http\(s\) address"),
    ("citations:\n  a: {cite: x, url: null, strength: P, tag: S details, last_verified_on: null}\n",
     r"line 2: a: tag 'S details' must start with its strength P"),
    ("citations:\n  a: {cite: x, url: null, strength: P}\n", r"line 2: a: missing required key 'last_verified_on'"),
    ("citations:\n  a: {cite: x, url: null, strenght: P, last_verified_on: null}\n", r"line 2: a: unknown key 'strenght'"),
    ("citations:\n  a: {cite: x, url: null, strength: Q, last_verified_on: null}\n", r"a\.strength must be one of P, S, K"),
    ("cites:\n  a: {cite: x, url: null, strength: P, last_verified_on: null}\n", r"expected one mapping, 'citations'"),
])
def test_a_bad_registry_entry_is_refused_with_file_and_line(registry, message):
    with pytest.raises(RuleDataError, match=message):
        parse_registry(read_yaml("c.yaml", registry), "c.yaml")


def test_screening_names_the_line_of_an_unknown_citation():
    from asylum_teach.reasoning.screening_rules import cite_ids

    raw = read_yaml("screening.yaml", "branches:\n  x:\n    cites:\n      - ina-208-a-2-B\n      - ina-208-a-2-Z\n")
    with pytest.raises(RuleDataError, match=r"screening\.yaml, line 5: branch x\.cites\[1\]: unknown citation 'ina-208-a-2-Z'"):
        cite_ids(raw["branches"]["x"]["cites"], Where("screening.yaml", 3, "branch x.cites"))


def test_a_fee_or_convention_cites_by_id_too():
    from asylum_teach.law.fees import fee_on
    from asylum_teach.law.rules import load_conventions

    assert fee_on("bia-appeal", __import__("datetime").date(2025, 1, 1)).citations == (cite("cfr-1103-7-b-1"),)
    assert cite("minasyan") in load_conventions()["anniversary"]["citations"]
