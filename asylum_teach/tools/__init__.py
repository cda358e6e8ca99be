"""Build tools for maintainers, not the runtime: golden snapshots (and, later, the course build).

Nothing in the runtime layers (foundation, calendar, law, model, reasoning, teaching, grading) imports
this package; it sits beside the CLI at the top and may import anything below it.
"""
