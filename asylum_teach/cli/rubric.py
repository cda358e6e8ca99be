"""``asylum-teach rubric``: list written answers, or mark one criterion by criterion."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("rubric", help="list written answers, or mark one against its rubric (kept across regrades)",
                       description="Without STUDENT: list every written answer in full, with its rubric and "
                                   "marks. With STUDENT, QUESTION and one score per rubric criterion (in the "
                                   "rubric's order): record the marks, then refresh grades.csv, the class "
                                   "report and that student's feedback.")
    p.add_argument("out", help="the grading output folder (holds gradebook.sqlite)")
    p.add_argument("student", nargs="?", help="student id")
    p.add_argument("question", nargs="?", help="written question key, e.g. w_safe_date")
    p.add_argument("points", nargs="*", type=float, help="points for each rubric criterion, in order")
    p.add_argument("--note", action="append", default=[], metavar="N=TEXT",
                   help="a comment on criterion N (1 for the first), shown in the feedback; repeatable")
    p.add_argument("--comment", default="", help="an overall comment shown in the student's feedback")
    p.set_defaults(handler=_rubric)


def _rubric(args) -> int:
    from asylum_teach.exceptions import GradingError
    from asylum_teach.grading import rubric
    from asylum_teach.safetext import terminal

    out = Path(args.out)
    if args.student is None:
        for answer in rubric.answers(out):
            _show(answer, terminal)
        return 0
    if args.question is None or not args.points:
        raise GradingError("give STUDENT QUESTION and one score per rubric criterion (or only OUT to list)")
    notes: dict[int, str] = {}
    for item in args.note:
        number, sep, text = item.partition("=")
        if not sep or not number.strip().isdigit() or not 1 <= int(number) <= len(args.points):
            raise GradingError(f"--note {terminal(item)!r} must look like N=TEXT with N a criterion number "
                               f"from 1 to {len(args.points)}")
        notes[int(number)] = text
    comments = [notes.get(n, "") for n in range(1, len(args.points) + 1)]
    mark = rubric.mark(out, args.student, args.question, args.points, comments, args.comment)
    print(terminal(f"{args.student} {args.question}: {mark.points:g}/{mark.max_points:g} recorded "
                   f"({', '.join(f'{p:g}/{m:g}' for p, m, _ in mark.criteria)})"))
    return 0


def _show(answer, terminal) -> None:
    w, mark = answer.question, answer.mark
    score = f"{mark.points:g}/{w.points:g}" if mark else f"not marked (of {w.points:g})"
    print(terminal(f"== {answer.student}  {w.key}  {score}"))
    for n, criterion in enumerate(w.criteria, 1):
        got = mark.criteria[n - 1] if mark and n <= len(mark.criteria) else None
        given = f"{got[0]:g}" if got else "-"
        note = f"  ({got[2]})" if got and got[2] else ""
        print(terminal(f"   {n}. [{given}/{criterion.points:g}] {criterion.text}{note}"))
    text = answer.text if answer.text else "(no answer)"
    print("\n".join("   | " + line for line in terminal(text, lines=True).splitlines() or [""]))
    print()
