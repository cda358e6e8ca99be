"""Exercise specs, one module per exercise, each defining ``SPEC`` (see :mod:`asylum_teach.grading.spec`).

Each module also offers the student's own case (``scenario``, ``client`` or ``decision``), which the
exercise notebook shows, and ``engine_answers``, the answers the engine itself gives for that case. The
answer key, with the answers only the grader decides, is the instructor's (``solutions/keys/``).
"""
