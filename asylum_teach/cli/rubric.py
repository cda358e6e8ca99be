"""``asylum-teach rubric``: enter or list manual rubric scores for written answers."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("rubric", help="record a rubric score for a written answer (kept across regrades)",
                       description="Without STUDENT: list written answers and their scores. With STUDENT, "
                                   "QUESTION and POINTS: record a score, then refresh grades.csv and that "
                                   "student's feedback.")
    p.add_argument("out", help="the grading output folder (holds gradebook.sqlite)")
    p.add_argument("student", nargs="?", help="student id")
    p.add_argument("question", nargs="?", help="written question key, e.g. w_safe_date")
    p.add_argument("points", nargs="?", type=float, help="points awarded")
    p.add_argument("--comment", default="", help="a comment shown in the student's feedback")
    p.set_defaults(handler=_rubric)


def _rubric(args) -> int:
    from asylum_teach.exceptions import GradingError
    from asylum_teach.grading.batch import render_feedback, write_grades_csv
    from asylum_teach.grading.gradebook import Gradebook
    from asylum_teach.grading.scoring import QuestionResult
    from asylum_teach.grading.spec import get_spec

    out = Path(args.out)
    book = Gradebook.open_existing(out)
    try:
        exercise = book.meta("exercise")
        if not exercise:
            raise GradingError(f"the gradebook in {out} has no exercise recorded")
        spec = get_spec(exercise)
        if args.student is None:
            for student in book.students(exercise):
                scores = book.rubric(exercise, student)
                for w in spec.written:
                    text = (book.written(exercise, student).get(w.key) or "").strip().replace("\n", " ")
                    mark = f"{scores[w.key][0]:g}/{w.points:g}" if w.key in scores else f"-/{w.points:g}"
                    print(f"{student}\t{w.key}\t{mark}\t{text[:70]}")
            return 0
        if args.question is None or args.points is None:
            raise GradingError("give STUDENT QUESTION POINTS (or only OUT to list)")
        if book.submission(exercise, args.student) is None:
            raise GradingError(f"student {args.student!r} has not been graded in {out}")
        w = spec.written_question(args.question)
        book.set_rubric(exercise, args.student, w.key, args.points, w.points, args.comment)
        sub = book.submission(exercise, args.student)
        answers = book.answers(exercise, args.student)
        results = [QuestionResult(k, a["points"], a["max_points"], a["verdict"], a["note"], a["review"])
                   for k, a in ((q.key, answers[q.key]) for q in spec.questions if q.key in answers)]
        sources = {k: a["source"] for k, a in answers.items() if a["source"]}
        render_feedback(book, spec, args.student, sub["status"], results, sub["notes"],
                        book.written(exercise, args.student), sources, out)
        write_grades_csv(book, spec, out)
        print(f"{args.student} {w.key}: {args.points:g}/{w.points:g} recorded")
        return 0
    finally:
        book.close()
