"""The hub's parts that need no hub: the store keeps everything, the course copy never overwrites a
student's work, collected folders name no student by a chosen name, feedback pages go to one user only."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat
import pytest

from asylum_teach.hub import HubError
from asylum_teach.hub.client import find_notebook, unsaved_answers
from asylum_teach.hub.collection import feedback_pages, read_roster, write_collection
from asylum_teach.hub.course import install_course
from asylum_teach.hub.names import user_file
from asylum_teach.hub.store import Store

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)


def test_every_submission_is_kept_and_the_latest_is_collected(tmp_path):
    store = Store(tmp_path)
    store.add_submission("ada", "deadlines", b"first", T0)
    store.add_submission("ada", "deadlines", b"second", T0 + timedelta(minutes=5))
    store.add_submission("bob", "deadlines", b"bob's", T0)
    assert [s.size for s in store.submissions_of("ada")] == [5, 6]
    latest = {s.user: store.read_blob(s.sha256) for s in store.latest("deadlines")}
    assert latest == {"ada": b"second", "bob": b"bob's"}
    assert store.read_blob(store.submissions_of("ada")[0].sha256) == b"first"  # nothing overwritten


def test_late_follows_the_due_date_in_force_when_read(tmp_path):
    store = Store(tmp_path)
    store.add_submission("ada", "deadlines", b"x", T0)
    assert store.latest("deadlines")[0].late is False  # no due date: never late
    store.set_due("deadlines", T0 - timedelta(seconds=1))
    assert store.latest("deadlines")[0].late is True
    store.set_due("deadlines", T0)  # due at the very second it came in: on time
    assert store.latest("deadlines")[0].late is False


def test_feedback_only_for_a_user_who_submitted(tmp_path):
    store = Store(tmp_path)
    store.add_submission("ada", "deadlines", b"x", T0)
    with pytest.raises(HubError, match="never submitted"):
        store.put_feedback("bob", "deadlines", b"<p>", T0)
    store.put_feedback("ada", "deadlines", b"<p>one</p>", T0)
    store.put_feedback("ada", "deadlines", b"<p>two</p>", T0 + timedelta(hours=1))
    assert store.feedback("ada", "deadlines")[1] == b"<p>two</p>"
    assert store.feedback("bob", "deadlines") is None


def test_a_naive_time_is_refused(tmp_path):
    with pytest.raises(HubError, match="time zone"):
        Store(tmp_path).add_submission("ada", "deadlines", b"x", datetime(2026, 12, 1, 17, 0))


@pytest.mark.parametrize("bad", ["../x", "Deadlines", "", "a" * 65, "dead lines", "x\x00"])
def test_exercise_ids_that_could_be_paths_are_refused(tmp_path, bad):
    with pytest.raises(HubError, match="not an exercise id"):
        Store(tmp_path).add_submission("ada", bad, b"x", T0)


def test_collected_files_are_named_by_a_hash_of_the_login(tmp_path):
    records = [{"user": u, "notebook": b"{}", "submitted_at": "t", "due_at": None, "late": u == "=cmd()",
                "sha256": "0" * 64} for u in ("ada", "../../etc/passwd", "=cmd()")]
    subs = write_collection(tmp_path / "c", records)
    names = sorted(p.name for p in subs.iterdir())
    assert names == sorted(f"{user_file(r['user'])}.ipynb" for r in records)
    assert all(n.startswith("u") and len(n) == len("u") + 19 + len(".ipynb") for n in names)
    assert read_roster(tmp_path / "c") == sorted(r["user"] for r in records)
    manifest = (tmp_path / "c" / "submissions.csv").read_text()
    assert "'=cmd()" in manifest  # a spreadsheet shows it, never runs it
    with pytest.raises(HubError, match="already exists"):
        write_collection(tmp_path / "c", records)


def test_return_takes_each_page_from_the_graders_own_list_and_refuses_shared_or_linked_pages(tmp_path):
    """The grader's grades.csv names each student's page; the hub never guesses file names."""
    (tmp_path / "feedback").mkdir()
    for name in ("a_b-1.html", "ada-2.html", "bob-3.html"):
        (tmp_path / "feedback" / name).write_text("<p>")
    os.symlink("/etc/passwd", tmp_path / "feedback" / "eve-4.html")
    (tmp_path / "grades.csv").write_text(
        "student,file,feedback,status\n"
        "a@b,x.ipynb,feedback/a_b-1.html,ok\n"
        "a_b,y.ipynb,feedback/a_b-1.html,ok\n"        # two users, one page: neither gets it
        "ada,z.ipynb,feedback/ada-2.html,ok\n"
        "eve,e.ipynb,feedback/eve-4.html,ok\n"        # a symlink is never returned
        "mal,m.ipynb,feedback/../grades.csv,ok\n"     # a path outside feedback/ is never returned
        "'=bob,b.ipynb,feedback/bob-3.html,ok\n")      # the grader's formula quote is not part of the name
    pages, problems = feedback_pages(tmp_path, ["a@b", "a_b", "ada", "eve", "mal", "=bob", "zed"])
    assert sorted(pages) == ["=bob", "ada"]
    assert any("share the feedback page" in p for p in problems)
    assert sum("'eve'" in p or "'mal'" in p or "'zed'" in p for p in problems) == 3


def _exercise(tmp_path) -> Path:
    src = tmp_path / "course" / "exercises"
    src.mkdir(parents=True)
    (src / "02_deadlines.ipynb").write_bytes((ROOT / "exercises" / "02_deadlines.ipynb").read_bytes())
    (src / "README.md").write_text("course readme")
    return tmp_path / "course"


def test_the_course_copy_never_overwrites_and_is_made_the_students_own(tmp_path):
    course, home = _exercise(tmp_path), tmp_path / "home"
    written = install_course(course, home, "ada")
    assert sorted(p.name for p in written) == ["02_deadlines.ipynb", "README.md"]
    mine = home / "exercises" / "02_deadlines.ipynb"
    nb = nbformat.read(str(mine), as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert params.source.splitlines()[0] == 'student_id = "ada"'
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags.index(["submit"]) == tags.index(["selfcheck"]) + 2  # markdown, then the submit cell
    nbformat.validate(nb)  # still a valid notebook

    mine.write_text("my work")  # the student's edits survive the next start
    (home / "README.md").unlink(missing_ok=True)
    (home / "exercises" / "README.md").unlink()
    again = install_course(course, home, "ada")
    assert mine.read_text() == "my work"
    assert [p.name for p in again] == ["README.md"]  # a deleted file comes back fresh


def test_the_course_copy_follows_no_symlink(tmp_path):
    course, home = _exercise(tmp_path), tmp_path / "home"
    target = tmp_path / "elsewhere"
    target.mkdir()
    home.mkdir()
    os.symlink(target, home / "exercises")  # a planted link to another folder
    assert install_course(course, home, "ada") == []
    assert list(target.iterdir()) == []
    os.unlink(home / "exercises")
    (home / "exercises").mkdir()
    os.symlink(target / "owned", home / "exercises" / "README.md")  # a dangling link at a file's name
    install_course(course, home, "ada")
    assert not (target / "owned").exists()


def test_a_strange_login_stays_a_string_in_the_notebook(tmp_path):
    course, home = _exercise(tmp_path), tmp_path / "home"
    user = 'o\'b"r\\ien\u2028x'
    install_course(course, home, user)
    nb = nbformat.read(str(home / "exercises" / "02_deadlines.ipynb"), as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    scope: dict = {}
    exec(params.source, scope)  # noqa: S102 (our own generated cell)
    assert scope["student_id"] == user


def test_unsaved_answers_are_caught_before_submitting(tmp_path):
    nb = json.loads((ROOT / "exercises" / "02_deadlines.ipynb").read_text())
    history = ["one_year_due = date(2027, 1, 4)"]  # ran an answer the saved file does not hold
    assert unsaved_answers(nb, history) == ["one_year_due"]
    assert unsaved_answers(nb, ["one_year_due = ...  # your answer"]) == []


def test_the_notebook_to_submit_is_found_and_checked(tmp_path, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.ipynb").write_bytes((ROOT / "exercises" / "02_deadlines.ipynb").read_bytes())
    assert find_notebook("deadlines", None) == (tmp_path / "mine.ipynb", "deadlines")
    with pytest.raises(HubError, match="is exercise 'deadlines', not 'appeals'"):
        find_notebook("appeals", "mine.ipynb")
    with pytest.raises(HubError, match="found 0 notebooks of exercise 'appeals'"):
        find_notebook("appeals", None)
    (tmp_path / "notes.ipynb").write_text("{}")
    with pytest.raises(HubError, match="not an asylum-teach exercise"):
        find_notebook(None, "notes.ipynb")


@pytest.mark.parametrize("login, shown", [
    ("=cmd()", "'=cmd()"),
    (" =cmd()", " '=cmd()"),          # a spreadsheet trims the space and would run what follows
    ("ada;=cmd()", "ada;'=cmd()"),    # split on ';' by a spreadsheet in a semicolon locale
    ("＝cmd()", "'＝cmd()"),           # the full-width equals sign some spreadsheets accept
])
def test_the_manifest_neutralises_a_formula_wherever_a_spreadsheet_would_start_one(tmp_path, login, shown):
    """The one neutraliser the grader uses (issue 12: the first character was not enough)."""
    write_collection(tmp_path / "c", [{"user": login, "notebook": b"{}", "submitted_at": "t", "due_at": None,
                                       "late": False, "sha256": "0" * 64}])
    rows = list(csv.reader(io.StringIO((tmp_path / "c" / "submissions.csv").read_text(encoding="utf-8"))))
    assert rows[1][0] == shown
