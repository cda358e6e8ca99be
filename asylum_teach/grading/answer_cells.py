"""Answer cells that never stop the notebook: a broken answer is reported in words, and the cells after it run.

A law student's first answers are often not yet Python: ``situation_rule = filing-before-individual``
(text without quotes: a NameError), ``one_year_due = August 10, 2026`` (a SyntaxError), or a blank
``one_year_due = ...`` that a later answer computes with (a TypeError about ``'ellipsis'``). A notebook
stops at the first error, in JupyterLab's Run All and in papermill alike, so the self-check at the end
never ran and the student saw a traceback instead of a sentence.

:func:`forgive_answers`, called by an exercise's first cell, installs an IPython input transformer in
the student's kernel. It hands every *answer cell* (one that assigns a question's variable, or whose
cell id JupyterLab reports as the exercise's ``answer-<key>``) to :func:`run_answer`, which runs the
cell's code as IPython would and, when Python cannot read or run it, prints one plain sentence instead
of raising: "Python could not read your answer to Q10 (situation_rule): text needs quotes, e.g.
"filing-before-individual"". Other cells are left alone.

The grader never installs it (its kernels run with ``ASYLUM_TEACH_GRADING`` set): it runs every cell
anyway and turns the error of an answer cell into the same sentence, with :func:`explain`, so the
self-check, ``asylum-teach check`` and the grade say the same thing. A cell runs the same with or
without the transformer: the variables it leaves behind are the answer, as in the grader's kernel.

>>> from asylum_teach.grading.spec import get_spec
>>> explain(get_spec("deadlines"), "situation_rule", "situation_rule = filing-before-individual",
...         "NameError", "name 'filing' is not defined")
'Python could not read your answer to Q10 (situation_rule): text needs quotes, e.g. "filing-before-individual".'
"""

from __future__ import annotations

import ast
import os
import re

from asylum_teach.grading.reading import read_date

#: The failure of each answer cell this kernel ran last, by exercise and question (for the self-check).
PROBLEMS: dict[str, dict[str, str]] = {}
MARK = "asylum_teach.grading.answer_cells"


def _number(spec, key: str) -> str:
    return f"Q{spec.keys.index(key) + 1} ({key})" if key in spec.keys else key


def _assigned_text(source: str, key: str) -> str | None:
    """What the student wrote after ``key =`` when the cell is that one line (comments dropped)."""
    lines = [ln for ln in source.strip().splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) != 1:
        return None
    match = re.fullmatch(rf"\s*{re.escape(key)}\s*=\s*(.*?)\s*", lines[0])
    if not match:
        return None
    text = match[1]
    if '"' not in text and "'" not in text:
        text = text.split("#")[0].strip()
    return text or None


def _bare_answer(source: str, key: str) -> str | None:
    """Why a one-line answer needs quotes (and its name, when the student left out ``key =``), or None."""
    text = _assigned_text(source, key)
    if text is not None:
        return _needs_quotes(text)
    lines = [ln.strip() for ln in source.strip().splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    why = _needs_quotes(lines[0]) if len(lines) == 1 and "=" not in lines[0] else None
    if why is None:
        return None
    return f'{why.split(",")[0]}, and the answer its name, e.g. {key} = "{lines[0]}"'


def _needs_quotes(text: str | None) -> str | None:
    """Why a bare answer needs quotes (a date or text written without them), or None."""
    probe = re.sub(r"(?<=[A-Za-z])['’](?=[A-Za-z])|(?<=s)['’](?=\s|$)", "", text or "")  # New Year's Day
    if not text or '"' in probe or "'" in probe or not re.fullmatch(r"[\w .,/&’()-]+", probe):
        return None
    if not re.search(r"[A-Za-z]", text) and not re.fullmatch(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}", text):
        return None  # a number or a sum: Python reads it, and the reading says what it is
    if read_date(text).ok or re.fullmatch(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}", text):
        return f'a date needs quotes, e.g. "{text}"'
    return f'text needs quotes, e.g. "{text}"'


def _names(source: str) -> set[str]:
    try:
        return {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set(re.findall(r"[A-Za-z_]\w*", source))


def _plain(ename: str, evalue: str) -> str:
    """An error Python raised, in words (never a type's name: an engine error's own message is words)."""
    if ename == "KeyError":
        return f"there is no {evalue} there; check its spelling"
    if ename == "IndexError":
        return "a list there is shorter than the position asked for"
    if ename == "StopIteration":
        return "nothing in the case matched what this answer looks for"
    if ename == "ZeroDivisionError":
        return "it divides by zero"
    if ename in ("TypeError", "AttributeError"):
        return "a value it uses is not the kind of thing this step needs (a date, a number, text, a list...)"
    if ename in ("CellTimeout", "KeyboardInterrupt"):
        return "it ran too long and was stopped"
    if ename in _library_errors() and evalue:
        return evalue[:200]  # the library's own errors say what is wrong in words
    return f"Python stopped with {'an' if ename[:1] in 'AEIOU' else 'a'} {ename[:60]}"


def _library_errors() -> set[str]:
    """The names of the toolkit's own errors, whose messages name the problem in words (the engine's)."""
    import inspect

    from asylum_teach import exceptions

    return {name for name, value in vars(exceptions).items()
            if inspect.isclass(value) and issubclass(value, exceptions.AsylumTeachError)}


def explain(spec, key: str, source: str, ename: str, evalue: str, blank=()) -> str:
    """One plain sentence for an answer cell (question ``key``) that Python could not read or run.

    ``blank`` names the questions with no usable answer yet (blank, unanswered or broken): an answer
    that computes with one of them is told to answer that one first."""
    where = _number(spec, key)
    used = sorted((_names(source) & set(blank)) - {key}, key=lambda k: spec.keys.index(k) if k in spec.keys else 99)
    if ename in ("SyntaxError", "IndentationError", "TabError"):
        why = _bare_answer(source, key)
        if why:
            return f"Python could not read your answer to {where}: {why}."
        try:
            ast.parse(source)
        except SyntaxError as exc:
            line = f"line {exc.lineno}" if exc.lineno else "one line"
            detail = ("a quote is not closed" if "string" in (exc.msg or "") and "termin" in (exc.msg or "")
                      else "a bracket is not closed" if "never closed" in (exc.msg or "") or "was not closed" in
                      (exc.msg or "") else "check its quotes, brackets and commas")
            return f"Python could not read {line} of your answer to {where}: {detail}."
        except (ValueError, RecursionError, MemoryError):
            pass
        return f"Python could not read your answer to {where}: check its quotes, brackets and commas."
    if ename == "NameError":
        found = re.search(r"name '(\w+)' is not defined", evalue or "")
        name = found[1] if found else ""
        if name in spec.keys and name != key:
            return (f"Python could not run your answer to {where}: it uses your answer to {_number(spec, name)}, which "
                    f"has no value yet. Answer {_number(spec, name).split()[0]} and run its cell first.")
        why = _bare_answer(source, key)
        if why and name and name in source:
            return f"Python could not read your answer to {where}: {why}."
        if name:
            return (f"Python could not run your answer to {where}: it uses {name}, which is not defined yet. Check "
                    "its spelling, and run the cells above this one first (Run All runs them in order).")
    if used:
        first = used[0]
        return (f"Python could not run your answer to {where}: it uses your answer to {_number(spec, first)}, which "
                f"is still blank or could not be read. Answer {_number(spec, first).split()[0]} first, then run "
                "this cell again.")
    return f"Python could not run your answer to {where}: {_plain(ename, evalue)}."


# -- in the student's kernel --------------------------------------------------------------------------------

def answer_keys(spec, source: str, cell_id: str | None = None) -> tuple[str, ...]:
    """The questions a cell answers: the variables it assigns at its top level, or its answer cell id."""
    keys = [k for k in spec.keys if re.search(rf"^{re.escape(k)}\s*(?::[^=\n]*)?=(?!=)", source, re.M)]
    if not keys and isinstance(cell_id, str) and cell_id.startswith("answer-") and cell_id[7:] in spec.keys:
        keys = [cell_id[7:]]
    return tuple(keys)


def _cell_id(shell) -> str | None:
    """The id of the cell being run, when the front end sends it (JupyterLab does; papermill does not)."""
    try:
        parent = shell.kernel.get_parent("shell")
        return (parent.get("metadata") or {}).get("cellId")
    except Exception:
        return None


class _Transformer:
    """An IPython ``input_transformers_post`` step: an answer cell becomes one call of :func:`run_answer`."""

    def __init__(self, exercise_id: str, shell):
        from asylum_teach.grading.spec import get_spec

        self.exercise_id, self.shell, self.spec = exercise_id, shell, get_spec(exercise_id)

    def __call__(self, lines: list[str]) -> list[str]:
        source = "".join(lines)
        keys = answer_keys(self.spec, source, _cell_id(self.shell))
        if not keys:
            return lines
        return [f"__import__({MARK!r}, fromlist=['run_answer']).run_answer({self.exercise_id!r}, {keys!r}, "
                f"{source!r}, globals())\n"]


def forgive_answers(exercise_id: str, shell=None) -> None:
    """Make this kernel's answer cells report a broken answer in words instead of stopping the notebook.

    An exercise's first cell calls it. Safe to call again (the setup cell re-run); does nothing outside
    IPython, and nothing in the grader's kernels (which explain errors with :func:`explain` themselves)."""
    if os.environ.get("ASYLUM_TEACH_GRADING"):
        return
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is None:
        return
    shell.input_transformers_post[:] = [t for t in shell.input_transformers_post if not isinstance(t, _Transformer)]
    shell.input_transformers_post.append(_Transformer(exercise_id, shell))
    PROBLEMS.setdefault(exercise_id, {})


def _blank(spec, namespace: dict, problems: dict) -> set[str]:
    return {k for k in spec.keys if k not in namespace or namespace[k] is Ellipsis or k in problems}


def run_answer(exercise_id: str, keys, source: str, namespace: dict) -> None:
    """Run one answer cell's code in the notebook's namespace, as IPython would (the value of a last
    expression is displayed); if Python cannot read or run it, say why in one sentence and go on."""
    from asylum_teach.grading.extraction import decode, encode
    from asylum_teach.grading.scoring import format_check
    from asylum_teach.grading.spec import get_spec

    spec = get_spec(exercise_id)
    problems = PROBLEMS.setdefault(exercise_id, {})
    for key in keys:  # like the grader's fresh kernel: an answer is what this run of the cell leaves
        namespace.pop(key, None)
        problems.pop(key, None)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as exc:
        return _failed(spec, keys, source, "SyntaxError", str(exc), namespace, problems)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    if last is not None:
        tree.body.pop()
    try:
        exec(compile(tree, f"<answer {keys[0]}>", "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), f"<answer {keys[0]}>", "eval"), namespace) if last else None
    except Exception as exc:
        return _failed(spec, keys, source, type(exc).__name__, str(exc), namespace, problems)
    if value is not None:
        from IPython.display import display

        display(value)
    for key in keys:  # an answer that runs but cannot be read is told so now, in the grader's words
        if key in namespace and namespace[key] is not Ellipsis:
            ok, problem = format_check(spec.question(key), decode(encode(namespace[key])))
            if not ok:
                print(f"Your answer to {_number(spec, key)}: {problem}")


def _failed(spec, keys, source, ename, evalue, namespace, problems) -> None:
    blank = _blank(spec, namespace, problems)
    sentence = explain(spec, keys[0], source, ename, evalue, blank)
    for key in keys:
        if key not in namespace:
            problems[key] = sentence
    print(sentence + " The cells below still run: fix this one and run it again.")


def problems_for(exercise_id: str) -> dict[str, str]:
    """The answer cells of this exercise that could not be read or run, last time they ran in this kernel."""
    return dict(PROBLEMS.get(exercise_id, {}))
