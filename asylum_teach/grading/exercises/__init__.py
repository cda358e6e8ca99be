"""Exercise specs, one module per exercise, each defining ``SPEC`` (see :mod:`asylum_teach.grading.spec`).

Each module also offers ``scenario(student_id, as_of)``: the student's own hypothetical facts, which
the exercise notebook shows. Expected answers come from the same library calls a student makes.
"""
