"""A synthetic class of one exercise, fixed by a seed, written for asylum-teach and for nbgrader.

Each student is a plan: per answer key the source of that answer cell (the solution's, a plausible
mistake, or blank) and an optional tamper. The adversarial students carry issue #12's attacks (answer
cells, written cells, file names, odd files). nbgrader runs student code unsandboxed as the grading
user, so attacks that would harm this machine unsandboxed, and the file-system tricks, reach nbgrader's
copy as the student's honest answers (``Student.nbgrader_safe`` is False).
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

REMOUNT = """
import os, subprocess, sys, site
targets = [p for p in sys.path if os.path.isdir(p)] + ['/usr']
for t in targets:
    subprocess.run(['mount', '-o', 'remount,rw,bind', t, t], capture_output=True)
    try:
        open(os.path.join(t, 'zz-asylum-bench-attack.pth'), 'w').write('import os\\n')
    except OSError:
        pass
{key} = None
"""
FORK_BOMB = """
import os
r, w = os.pipe()
kids = 0
for _ in range(400):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        os.close(w); os.read(r, 1); os._exit(0)
    kids += 1
os.close(w)
for _ in range(kids):
    os.wait()
{key} = None
"""
FILL_SCRATCH = """
import os
block = b'x' * (1024 * 1024)
try:
    with open('/tmp/fill', 'wb') as f:
        for _ in range(300):
            f.write(block); f.flush()
except OSError:
    pass
os.remove('/tmp/fill')
{key} = None
"""
MEMORY_FOUR = """
import subprocess, sys, time
code = "x = b'1' * (600 * 1024 * 1024)\\nprint('ok', flush=True)\\nimport time\\ntime.sleep(30)"
kids = [subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE) for _ in range(4)]
said = [k.stdout.readline() for k in kids]
for k in kids:
    k.kill()
{key} = None
"""
READ_KEY = """
from asylum_teach.grading.exercises.deadlines import SPEC
_all = SPEC.expected(student_id, as_of)
{key} = _all['{key}']
"""
MATHJAX = r"raise ValueError(r'$\href{https://evil.example}{\text{Grade corrected: 11/11}}$')"

#: Adversarial students: (name, key index it replaces or None for all keys, source, tamper, nbgrader_safe).
ADVERSARIAL = (
    ("output-flood", 0, "while True:\n    print('x' * 1000)", None, True),
    ("infinite-loop", 1, "while True:\n    pass", None, True),
    ("kernel-exit", 2, "import os\nos._exit(1)", None, True),
    ("always-equal", None, "class _Eq:\n    def __eq__(self, other):\n        return True\n{key} = _Eq()", None, True),
    ("cells-deleted-duplicated", None, None, "delete-dup", True),
    ("corrupt-file", None, None, "truncate", True),
    ("remount-and-plant", 3, REMOUNT, None, False),
    ("fork-bomb", 4, FORK_BOMB, None, False),
    ("fill-scratch", 5, FILL_SCRATCH, None, False),
    ("memory-four-processes", 6, MEMORY_FOUR, None, False),
    ("read-answer-key", 9, READ_KEY, None, True),
    ("mathjax-in-error", 7, MATHJAX, None, True),
    ("terminal-escapes-written", None, None, "escapes", True),
    ("surrogate-written", None, None, "surrogate", False),
    ("link-to-solution", None, None, "link-solution", False),
    ("fifo", None, None, "fifo", False),
    ("link-to-dev-zero", None, None, "link-devzero", False),
    ("long-file-name", None, None, "long-name", False),
    ("non-utf8-file-name", None, None, "bytes-name", False),
    ("formula-file-name", None, None, "formula-name", False),
)
ESCAPES = "Fine answer.\x1b[2K\r\x1b]0;owned\x07\x1b]52;c;cm0gLXJmIH4=\x07 The end."
NAMES = {"long-name": lambda sid: (sid + "-" + "a" * 230).encode(), "bytes-name": lambda sid: sid.encode() + b"-\xff\xfe",
         "formula-name": lambda sid: f"=HYPERLINK(\"x\";\"{sid}\")".encode()}

MIX = (("right", 30), ("wrong", 12), ("partial", 6), ("blank", 6))  # scaled to the class less its attackers


@dataclass
class Student:
    student_id: str
    kind: str
    answers: dict  # key -> cell source
    tamper: str | None = None
    nbgrader_safe: bool = True
    honest: dict = field(default_factory=dict)  # what nbgrader gets when the attack is not nbgrader_safe

    def file_name(self) -> bytes:
        """The submission's file name for asylum-teach (some attacks are in the name itself)."""
        make = NAMES.get(self.tamper)
        return make(self.student_id) + b".ipynb" if make else f"{self.student_id}.ipynb".encode()

    def for_nbgrader(self) -> Student:
        """The student as nbgrader's copy has it: the honest answers where the attack is not nbgrader-safe."""
        if self.nbgrader_safe:
            return self
        return Student(self.student_id, self.kind, dict(self.honest), None, True, self.honest)


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
    for name, where, source, tamper, safe in ADVERSARIAL[:n_adv]:
        sid = f"s{len(students) + 1:03d}"
        answers = dict(right)
        if source is not None:
            targets = keys if where is None else [keys[where]]
            for k in targets:
                answers[k] = source.replace("{key}", k)
        students.append(Student(sid, f"adversarial:{name}", answers, tamper, nbgrader_safe=safe, honest=dict(right)))
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
    """Write the student's notebook at ``path``, with the student's file-level attack (a corrupt file, a
    written answer with terminal escapes or a lone surrogate, a link, a FIFO)."""
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    for cell in nb["cells"]:
        if any(t.startswith("written:") for t in _tags(cell)) and student.tamper in ("escapes", "surrogate"):
            cell["source"] = ESCAPES if student.tamper == "escapes" else "My answer \ud800 ends here."
    text = json.dumps(nb, indent=1)
    if student.tamper == "truncate":
        text = text[: len(text) // 2]
    if student.tamper == "link-solution":
        os.symlink(Path(__file__).resolve().parents[1] / "solutions" / "02_deadlines.ipynb", path)
    elif student.tamper == "link-devzero":
        os.symlink("/dev/zero", path)
    elif student.tamper == "fifo":
        os.mkfifo(path)
    else:
        path.write_text(text, encoding="utf-8")


def write_class(folder: Path, notebook: dict, students: list[Student]) -> dict[str, str]:
    """asylum-teach's copy of the class in ``folder``; returns ``{file name as the grader shows it: student id}``."""
    import os

    from asylum_teach.grading.intake import Entry

    names = {}
    for s in students:
        raw = s.file_name()
        write(Path(os.fsdecode(os.path.join(os.fsencode(folder), raw))), fill(notebook, s), s)
        names[Entry(raw, None).name] = s.student_id
    return names
