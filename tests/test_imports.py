"""The package stands in one direction (issue #13): no import cycle, and no layer imports one above it.

The imports are read from the source (every ``import`` and ``from ... import``, at module level or
inside a function, since both are dependencies a reader must trace), not by importing the modules.
The layers, bottom up, are those of ``../shared/DESIGN.md`` and the README's developer section:

    foundation   dates, exceptions, glossary, safetext,     imported by every layer, importing none
                 yaml_data
    calendar     court_calendar
    law          law/ (and the package's own __init__, whose one static import reads the law's dates)
    model        model/
    reasoning    reasoning/
    teaching | grading | hub                                 siblings: none imports another
    cli          cli/, __main__, and tools/ (build tools for maintainers)

Each test below can fail: ``test_the_checks_catch_*`` feed them a small graph with the fault in it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "asylum_teach"
PACKAGE = "asylum_teach"

LAYERS = ("foundation", "calendar", "law", "model", "reasoning", "presentation", "cli")
WHERE = {  # longest matching prefix wins
    "asylum_teach.dates": "foundation", "asylum_teach.exceptions": "foundation",
    "asylum_teach.glossary": "foundation", "asylum_teach.yaml_data": "foundation",
    "asylum_teach.safetext": "foundation",
    "asylum_teach.court_calendar": "calendar",
    # The package __init__: its only static imports (inside rules_reflect_date) read the law's check
    # dates; its public names are resolved lazily by importlib on attribute access, which is not an import.
    "asylum_teach": "law",
    "asylum_teach.law": "law",
    "asylum_teach.model": "model",
    "asylum_teach.reasoning": "reasoning",
    "asylum_teach.teaching": "presentation", "asylum_teach.grading": "presentation", "asylum_teach.hub": "presentation",
    "asylum_teach.cli": "cli", "asylum_teach.__main__": "cli",
    # build tools for maintainers sit beside the CLI at the top: they may import anything and have a command line
    "asylum_teach.tools": "cli",
}
SIBLINGS = ("asylum_teach.teaching", "asylum_teach.grading", "asylum_teach.hub")

# Known exceptions to the layer rules, each with the issue that removes it; there is none for cycles.
# test_allowlists_name_only_real_modules fails on an entry that no longer matches a module.
PRESENTATION_LIBRARIES = ("matplotlib", "ipywidgets", "IPython")
ALLOWED_PRESENTATION_BELOW = {
}
ALLOWED_BUILD_TOOLS = {
}


# ------------------------------------------------------------------------------------ reading the source
def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def read_package(root: Path = ROOT) -> dict[str, dict]:
    """Every module: its file, whether it is a package, and its imports (name, line, module level?)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        modules[module_name(path, root)] = {"path": path, "package": path.name == "__init__.py",
                                      "tree": ast.parse(path.read_text(encoding="utf-8"), str(path))}
    for name, info in modules.items():
        info["imports"] = list(_imports(name, info, modules))
        info["third_party"] = sorted(_third_party(info["tree"]))
    return modules


def _imports(name, info, modules):
    top_level = {id(node) for node in info["tree"].body}
    for node in ast.walk(info["tree"]):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if info["package"] else name.split(".")[:-1]
                here = here[:len(here) - node.level + 1]
                base = ".".join(here + ([node.module] if node.module else []))
            # "from package import module" imports the module; "from module import name" the module
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                while target not in modules and "." in target:  # "import a.b.c" of a name inside a.b
                    target = target.rsplit(".", 1)[0]
                if target != name:
                    yield target, node.lineno, id(node) in top_level


def _third_party(tree) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out


def layer_of(module: str) -> str:
    best = max((p for p in WHERE if module == p or module.startswith(p + ".")), key=len, default=None)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add its folder to WHERE in {Path(__file__).name}")
    return WHERE[best]


# ------------------------------------------------------------------------------------ the checks
def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan): each is an import cycle."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def upward_imports(modules) -> list[str]:
    problems = []
    for name, info in modules.items():
        mine = LAYERS.index(layer_of(name))
        for target, line, _ in info["imports"]:
            theirs = LAYERS.index(layer_of(target))
            if theirs > mine:
                problems.append(f"{info['path'].name}:{line}: {name} ({LAYERS[mine]}) imports {target} "
                                f"({LAYERS[theirs]}), a layer above it")
            elif theirs == mine == LAYERS.index("presentation"):
                a, b = _sibling(name), _sibling(target)
                if a != b:
                    problems.append(f"{info['path'].name}:{line}: {name} imports {target}: {a} and {b} are "
                                    "siblings and never import each other")
    return problems


def _sibling(module: str) -> str:
    return next(s for s in SIBLINGS if module == s or module.startswith(s + "."))


def graph_of(modules) -> dict[str, set[str]]:
    return {name: {t for t, _, _ in info["imports"]} for name, info in modules.items()}


@pytest.fixture(scope="module")
def modules():
    return read_package()


# ------------------------------------------------------------------------------------ the tests
def test_the_package_has_no_import_cycle(modules):
    found = cycles(graph_of(modules))
    assert not found, "import cycles (each set imports itself round):\n" + "\n".join(
        "  " + " -> ".join(sorted(c)) for c in found)


def test_no_layer_imports_a_layer_above_it(modules):
    problems = upward_imports(modules)
    assert not problems, "\n".join(problems)


def test_a_package_init_does_not_import_its_own_modules_at_load(modules):
    """Importing ``a.b.c`` runs ``a.b``'s ``__init__`` first; if that imported its own modules, a lower module
    would pull in the higher ones above it (a cycle the graph above cannot see). Lazy names are fine."""
    eager = [f"{info['path']}:{line}: {name} imports {target}" for name, info in modules.items() if info["package"]
             for target, line, top in info["imports"] if top and target.startswith(name + ".")]
    assert not eager, "\n".join(eager)


def test_plotting_and_widgets_stay_above_reasoning(modules):
    below = [f"{name} imports {lib}" for name, info in modules.items() for lib in PRESENTATION_LIBRARIES
             if lib in info["third_party"] and LAYERS.index(layer_of(name)) < LAYERS.index("presentation")
             and name not in ALLOWED_PRESENTATION_BELOW]
    assert not below, "\n".join(below)


def test_command_lines_live_in_the_cli(modules):
    """argparse belongs to the thin CLI; a module elsewhere with a command line is a build tool."""
    tools = [name for name, info in modules.items() if "argparse" in info["third_party"]
             and layer_of(name) != "cli" and name not in ALLOWED_BUILD_TOOLS]
    assert not tools, tools


def test_allowlists_name_only_real_modules(modules):
    """An allowlist entry for a module that moved is stale: remove it (the lead's merge checklist)."""
    named = set(ALLOWED_PRESENTATION_BELOW) | set(ALLOWED_BUILD_TOOLS)
    missing = sorted(m for m in named if m not in modules)
    assert not missing, f"allowlisted but gone (remove the entry): {missing}"


def test_the_proceedings_stack_runs_one_way(modules):
    """records -> state -> registry -> requirements -> deadlines -> outcomes -> handlers -> catalogue -> simulator."""
    order = ["records", "state", "registry", "requirements", "deadlines", "outcomes", "handlers", "catalogue",
             "simulator"]
    prefix = "asylum_teach.reasoning.proceedings."

    def rank(module):
        rest = module[len(prefix):].split(".")[0]
        return order.index(rest)

    backwards = [f"{name} imports {target}" for name, info in modules.items() if name.startswith(prefix)
                 for target, _, _ in info["imports"] if target.startswith(prefix) and rank(target) >= rank(name)
                 and not (rank(target) == rank(name) == order.index("handlers") and target == prefix + "handlers")]
    assert not backwards, "\n".join(backwards)
    handlers = {n for n in modules if n.startswith(prefix + "handlers.")}
    siblings = [f"{n} imports {t}" for n in handlers for t, _, _ in modules[n]["imports"] if t in handlers]
    assert not siblings, siblings


# ------------------------------------------------------------------------------------ the checks can fail
def fake_package(tmp_path, files: dict[str, str]) -> dict[str, dict]:
    """A small ``asylum_teach`` tree with the given files (and empty ``__init__`` files), read as the real one."""
    pkg = tmp_path / "asylum_teach"
    for name, text in {"__init__.py": "", **files}.items():
        path = pkg / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent != pkg and not (path.parent / "__init__.py").exists():
            (path.parent / "__init__.py").write_text("")
        path.write_text(text)
    return read_package(pkg)


def test_the_checks_catch_a_cycle_and_an_upward_import(tmp_path):
    fake = fake_package(tmp_path, {
        "dates.py": "from asylum_teach.law import rules\n",                         # foundation -> law: upward
        "law/rules.py": "def f():\n    from asylum_teach.law import engine\n",
        "law/engine.py": "from asylum_teach.law.rules import f\n",                  # rules <-> engine
        "reasoning/timeline.py": "import matplotlib\n",
        "reasoning/__init__.py": "from asylum_teach.reasoning import timeline\n",   # an eager package init
    })
    assert cycles(graph_of(fake)) == [{"asylum_teach.law.rules", "asylum_teach.law.engine"}]
    assert [p.split(": ", 1)[1] for p in upward_imports(fake)] == [
        "asylum_teach.dates (foundation) imports asylum_teach.law.rules (law), a layer above it"]
    assert "matplotlib" in fake["asylum_teach.reasoning.timeline"]["third_party"]
    assert [t for t, _, top in fake["asylum_teach.reasoning"]["imports"] if top] == ["asylum_teach.reasoning.timeline"]


def test_the_checks_catch_siblings_importing_each_other(tmp_path):
    fake = fake_package(tmp_path, {"teaching/widgets.py": "from asylum_teach.grading.scoring import score\n",
                                   "grading/scoring.py": "score = 1\n"})
    problems = upward_imports(fake)
    assert len(problems) == 1 and "siblings and never import each other" in problems[0]
