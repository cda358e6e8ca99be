"""A synthetic class of submissions for one exercise, written twice: for asylum-teach and for nbgrader.

Each student is a plan: for each answer key, the source of that answer cell (right, wrong, blank), plus
an optional whole-notebook tamper. The same plan is rendered into

* an asylum-teach submission: the exercise notebook from ``exercises/`` with the student's answer
  cells filled in and their id in the ``parameters`` cell;
* an nbgrader submission: the released nbgrader version of the same notebook (same cells, plus
  nbgrader's locked test cells) with the same answer sources and the same tamper.

The right answers are the solution cells of ``solutions/``; the wrong ones are plausible mistakes
(the trigger date instead of the deadline, a rule id for the wrong situation, ...). The mix is fixed
by a seed, so every run grades the same class.
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

ANSWER_TAG = "answer:"

#: Plausible wrong answers for the deadlines exercise, by key (used when the exercise is "deadlines").
WRONG = {
    "one_year_due": "one_year_due = case.last_arrival_on",
    "one_year_weekday": 'one_year_weekday = "Funday"',
    "one_year_days_left": "one_year_days_left = 365",
    "appeal_due": "appeal_due = case.ij_decision_on",
    "pfr_due": "pfr_due = case.bia_decision_on",
    "pfr_holiday": "pfr_holiday = None",
    "pfr_roll_cite": 'pfr_roll_cite = "no idea"',
    "pfr_citation": 'pfr_citation = "8 C.F.R. 1"',
    "situation_rule": 'situation_rule = "vd-bond"',
    "master_filing": "master_filing = {'due': case.master_calendar_hearing_on, 'safe_date': None}",
}

#: Adversarial answers: (name, key it replaces or None for all keys, source, tamper).
ADVERSARIAL = (
    ("output-flood", 0, "while True:\n    print('x' * 1000)", None),
    ("infinite-loop", 1, "while True:\n    pass", None),
    ("kernel-exit", 2, "import os\nos._exit(1)", None),
    ("always-equal", None, "class _Eq:\n    def __eq__(self, other):\n        return True\n{key} = _Eq()", None),
    ("cells-deleted-duplicated", None, None, "delete-dup"),
    ("corrupt-file", None, None, "truncate"),
)

MIX = (("right", 30), ("wrong", 12), ("partial", 6), ("blank", 6))


@dataclass
class Student:
    student_id: str
    kind: str
    answers: dict  # key -> cell source
    tamper: str | None = None
    notes: list = field(default_factory=list)


def _tags(cell) -> list:
    return list(cell.get("metadata", {}).get("tags", []))


def answer_sources(notebook: dict) -> dict:
    """``{key: source}`` of the ``answer:<key>`` cells of a notebook."""
    out = {}
    for cell in notebook["cells"]:
        for tag in _tags(cell):
            if tag.startswith(ANSWER_TAG):
                src = cell["source"]
                out[tag[len(ANSWER_TAG):]] = "".join(src) if isinstance(src, list) else src
    return out


def plan_class(exercise: dict, solution: dict, size: int = 60, seed: int = 7) -> list[Student]:
    """The class: right, wrong, partial and blank students, then the adversarial ones, ``size`` in all."""
    rng = random.Random(seed)
    blank = answer_sources(exercise)
    right = answer_sources(solution)
    keys = list(blank)
    wrong = {k: WRONG.get(k, f"{k} = None") for k in keys}
    n_adv = min(len(ADVERSARIAL), size)
    counts = [(kind, round(n * (size - n_adv) / sum(c for _, c in MIX))) for kind, n in MIX]
    counts[0] = (counts[0][0], size - n_adv - sum(n for _, n in counts[1:]))
    students: list[Student] = []
    for kind, n in counts:
        for _ in range(n):
            sid = f"s{len(students) + 1:03d}"
            if kind == "right":
                answers = dict(right)
            elif kind == "blank":
                answers = dict(blank)
            elif kind == "wrong":
                answers = {k: (wrong[k] if rng.random() < 0.5 else right[k]) for k in keys}
            else:  # partial: the first part right, the rest left blank
                cut = rng.randint(2, len(keys) - 2)
                answers = {k: (right[k] if i < cut else blank[k]) for i, k in enumerate(keys)}
            students.append(Student(sid, kind, answers))
    for name, where, source, tamper in ADVERSARIAL[:n_adv]:
        sid = f"s{len(students) + 1:03d}"
        answers = dict(right)
        if source is not None:
            targets = keys if where is None else [keys[where]]
            for k in targets:
                answers[k] = source.replace("{key}", k)
        students.append(Student(sid, f"adversarial:{name}", answers, tamper))
    return students


def fill(notebook: dict, student: Student) -> dict:
    """A copy of ``notebook`` with the student's id in the parameters cell and their answer sources."""
    nb = copy.deepcopy(notebook)
    for cell in nb["cells"]:
        tags = _tags(cell)
        if "parameters" in tags:
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            lines = [f'student_id = "{student.student_id}"' if line.startswith("student_id") else line
                     for line in src.splitlines()]
            cell["source"] = "\n".join(lines)
        for tag in tags:
            if tag.startswith(ANSWER_TAG) and tag[len(ANSWER_TAG):] in student.answers:
                cell["source"] = student.answers[tag[len(ANSWER_TAG):]]
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    if student.tamper == "delete-dup":
        answer_cells = [c for c in nb["cells"] if any(t.startswith(ANSWER_TAG) for t in _tags(c))]
        nb["cells"].remove(answer_cells[3])  # one answer cell deleted
        nb["cells"].append(copy.deepcopy(answer_cells[5]))  # another one duplicated at the end
    return nb


def write(path: Path, nb: dict, student: Student) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(nb, indent=1)
    if student.tamper == "truncate":
        text = text[: len(text) // 2]
    path.write_text(text, encoding="utf-8")


def describe(students: list[Student]) -> str:
    """"30 right, 12 wrong, ..." for the report."""
    counts: dict[str, int] = {}
    for s in students:
        counts[s.kind] = counts.get(s.kind, 0) + 1
    plain = [f"{n} {k}" for k, n in counts.items() if not k.startswith("adversarial")]
    adv = [k.split(":", 1)[1] for k in counts if k.startswith("adversarial")]
    return ", ".join(plain) + (f", and {len(adv)} adversarial ({', '.join(adv)})" if adv else "")
