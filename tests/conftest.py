"""Collects the worked examples (STYLE P8) through one runner: ``tests/worked_examples.py``.

Deadline cases (``tests/cases/<rule>.yaml``), screening cases (``tests/reasoning/test_screening_cases.yaml``)
and scenario cases (``tests/scenarios/*.yaml``) are kinds in its registry; each file's keys are checked
before any example runs, so a misspelled key fails collection with the file, line and closest key.
"""

from tests.worked_examples import pytest_collect_file  # noqa: F401  (the plugin's collection hook)
