"""Build tools: run notebooks headless, render the offline course, serve the classroom app.

This layer sits beside the CLI, above teaching/: it executes notebooks (which import teaching/) and
writes files for people to open. Nothing in the runtime layers imports it. The CLI commands
``asylum-teach course build`` and ``asylum-teach app`` are thin wrappers over it, and the test suite
executes every notebook through :func:`asylum_teach.publish.execute.execute`, so the tests, ``make
course`` and ``make bench`` run notebooks the same way.
"""
