"""Build a class folder of submissions for the grading tests: honest, untouched and adversarial.

Every adversarial notebook starts from the deadlines *solution* (all answers honest and right for the
file's own student id) and attacks through one or two answer cells. ``EXPECTED`` says, for each file,
which questions the honest answers leave wrong: those must score 0 and every other question 1. The
values are written by hand from the attack, not taken from the grader.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "exercises" / "02_deadlines.ipynb"
SOLUTION = ROOT / "solutions" / "02_deadlines.ipynb"
KEYS = ("one_year_due", "one_year_weekday", "one_year_days_left", "appeal_due", "pfr_due", "pfr_holiday",
        "pfr_roll_rule", "pfr_roll_cite", "pfr_citation", "situation_rule", "master_filing")


def answer_key(exercise_id: str = "deadlines"):
    """The instructor's answer key for an exercise (what the grader uses)."""
    from asylum_teach.grading.keys import find_key
    from asylum_teach.grading.spec import get_spec

    return find_key(get_spec(exercise_id), keys_dir=ROOT / "solutions" / "keys")


def expected(exercise_id: str, student: str) -> dict:
    return answer_key(exercise_id).expected(student)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def cell_of(nb: dict, key: str) -> dict:
    cells = [c for c in nb["cells"] if f"answer:{key}" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, key
    return cells[0]


def source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def replace(nb: dict, key: str, code: str) -> dict:
    nb = copy.deepcopy(nb)
    cell_of(nb, key)["source"] = code
    return nb


def prepend(nb: dict, key: str, code: str) -> dict:
    nb = copy.deepcopy(nb)
    cell = cell_of(nb, key)
    cell["source"] = code + "\n" + source(cell)
    return nb


def append(nb: dict, key: str, code: str) -> dict:
    nb = copy.deepcopy(nb)
    cell = cell_of(nb, key)
    cell["source"] = source(cell) + "\n" + code
    return nb


def literal(student: str, exercise_id: str = "deadlines") -> dict:
    """The exercise with every answer cell holding ``student``'s right answer as a literal value, as a
    student who worked their own case would submit: right only when graded as that student."""
    import datetime

    nb = load(EXERCISE if exercise_id == "deadlines" else next(
        p for p in (ROOT / "exercises").glob("*.ipynb") if f'"exercise": "{exercise_id}"' in p.read_text()))

    def value(v):
        if isinstance(v, tuple):  # accepted spellings: the first one
            return v[0]
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return v

    for key, right in expected(exercise_id, student).items():
        cell_of(nb, key)["source"] = f"import datetime\n{key} = {value(right)!r}"
    assert datetime  # the cells import it themselves
    return nb


def adversarial(out_dir: Path, grade_dir: Path) -> dict:
    """Write the adversarial submissions; return ``{stem: set of keys that must score 0}``."""
    sol = load(SOLUTION)
    gradebook = grade_dir / "gradebook.sqlite"
    subs: dict[str, tuple[dict | str, set]] = {}

    subs["adv_always_equal"] = (replace(sol, "situation_rule", """
class AlwaysEqual:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __str__(self): return "petition-for-review"
situation_rule = AlwaysEqual()"""), {"situation_rule"})

    subs["adv_date_subclass"] = (replace(sol, "appeal_due", """
import datetime
class SneakyDate(datetime.date):
    def __eq__(self, other): return True
appeal_due = SneakyDate(2000, 1, 1)"""), {"appeal_due"})

    subs["adv_patched_checks"] = (replace(sol, "master_filing", """
import asylum_teach.grading.scoring as scoring, asylum_teach.grading.selfcheck as selfcheck
scoring.judge = lambda *a, **k: (True, "correct")
scoring.normalize = lambda text: ""
selfcheck.check = lambda *a, **k: print("all right!")
check = selfcheck.check
master_filing = {"due": date(1999, 1, 1), "safe_date": date(1999, 1, 1)}"""), {"master_filing"})

    # The honest pfr_citation is wrong; the patch tries to make every answer report read as right.
    subs["adv_patched_json_repr"] = (replace(sol, "pfr_citation", """
import json, builtins
pfr_citation = "no idea"
_real_dumps = json.dumps
def _forge(obj, *args, **kwargs):
    if isinstance(obj, dict) and set(obj) == {"key", "value"}:
        obj = {"key": obj["key"], "value": pfr.citations[0].cite}
    return _real_dumps(obj, *args, **kwargs)
json.dumps = _forge
_real_repr = builtins.repr
builtins.repr = lambda obj: _real_repr(pfr.citations[0].cite)"""), {"pfr_citation"})

    subs["adv_read_solutions"] = (append(sol, "situation_rule", f"""
import os
try:
    stolen = open({str(SOLUTION)!r}).read()
    situation_rule = "read the solutions"
except OSError:
    pass
if os.path.exists({str(ROOT / 'solutions')!r}) or os.path.exists({str(EXERCISE)!r}):
    situation_rule = "saw the course tree"
"""), set())

    subs["adv_write_gradebook"] = (append(sol, "one_year_days_left", f"""
import sqlite3
try:
    db = sqlite3.connect({str(gradebook)!r})
    db.execute("UPDATE submissions SET auto_score = 999")
    db.execute("INSERT OR REPLACE INTO rubric_scores VALUES ('deadlines', 'adv_write_gradebook', 'w_safe_date', 4, 4, 'hacked')")
    db.commit()
    one_year_days_left = -12345
except Exception:
    pass
"""), set())

    subs["adv_network"] = (append(sol, "pfr_holiday", """
import socket
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2).close()
    pfr_holiday = "the network was reachable"
except OSError:
    pass
"""), set())

    subs["adv_infinite_loop"] = (prepend(sol, "pfr_roll_cite", "while True:\n    pass"), {"pfr_roll_cite"})
    subs["adv_os_exit"] = (prepend(sol, "appeal_due", "import os\nos._exit(3)"), {"appeal_due"})
    subs["adv_output_flood"] = (prepend(sol, "pfr_holiday", "while True:\n    print('x' * 100000)"),
                                {"pfr_holiday"})
    subs["adv_memory_hog"] = (prepend(sol, "master_filing",
                                      "hog = []\nwhile True:\n    hog.append(bytearray(64 * 1024 * 1024))"),
                              {"master_filing"})
    subs["adv_wrong_type"] = (replace(sol, "one_year_days_left",
                                      "one_year_days_left = [(one_year_due - date.fromisoformat(as_of)).days]"),
                              {"one_year_days_left"})

    deleted = copy.deepcopy(sol)
    deleted["cells"] = [c for c in deleted["cells"]
                        if "answer:one_year_days_left" not in c.get("metadata", {}).get("tags", [])]
    subs["adv_deleted_cell"] = (deleted, {"one_year_days_left"})

    retagged = copy.deepcopy(sol)
    cell_of(retagged, "appeal_due")["metadata"]["tags"] = ["answer:situation_rule"]
    subs["adv_retagged_cell"] = (retagged, {"appeal_due", "situation_rule"})

    duplicated = copy.deepcopy(sol)
    index = duplicated["cells"].index(cell_of(duplicated, "pfr_holiday"))
    twin = copy.deepcopy(duplicated["cells"][index])
    twin["id"] = "twin-cell"
    duplicated["cells"].insert(index + 1, twin)
    subs["adv_duplicated_cell"] = (duplicated, {"pfr_holiday"})

    xss = replace(sol, "situation_rule", "situation_rule = \"<script>alert('xss')</script>\"")
    xss = replace(xss, "pfr_citation", "pfr_citation = type('<script>alert(2)</script>', (), {})()")
    for c in xss["cells"]:
        if "written:w_safe_date" in c.get("metadata", {}).get("tags", []):
            c["source"] = "<img src=x onerror=alert(1)> [click](javascript:alert(3)) <script>alert(4)</script>"
    subs["adv_html_injection"] = (xss, {"situation_rule", "pfr_citation"})

    text = json.dumps(sol)
    subs["adv_malformed"] = (text[: len(text) // 2], set(KEYS))

    out_dir.mkdir(parents=True, exist_ok=True)
    expected = {}
    for stem, (nb, wrong) in subs.items():
        path = out_dir / f"{stem}.ipynb"
        path.write_text(nb if isinstance(nb, str) else json.dumps(nb), encoding="utf-8")
        expected[stem] = wrong
    return expected


def honest(out_dir: Path, students=("ada", "ben", "chen")) -> None:
    """Solutions for a few students and an untouched exercise for ``dan``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for sid in students:
        (out_dir / f"{sid}.ipynb").write_text(SOLUTION.read_text(encoding="utf-8"), encoding="utf-8")
    (out_dir / "dan.ipynb").write_text(EXERCISE.read_text(encoding="utf-8"), encoding="utf-8")
