"""Collects the worked examples in ``tests/cases/*.yaml`` as tests (STYLE P8).

Each file names a rule and lists cases a law student can read: a sentence as the name, the trigger,
facts and policies, the expected result, and ``why`` (the worked arithmetic with its citation). The
runner checks only what a case states: ``due``, ``safe_date``, ``applicable``, ``version``,
``alternatives`` (the exact set of dates, with the policy named), ``timely`` and ``late`` filing days,
and words the reason or steps must contain.
"""

from __future__ import annotations

import pytest
import yaml

from tests.helpers import check_case


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "cases" and file_path.parent.parent.name == "tests":
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self):
        doc = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        rule = doc["rule"]
        if rule != self.path.stem:
            raise ValueError(f"{self.path}: 'rule: {rule}' must match the file name {self.path.stem!r}")
        for i, case in enumerate(doc["cases"], 1):
            if "why" not in case or "name" not in case:
                raise ValueError(f"{self.path}: case {i} needs a name (a sentence) and a why")
            yield CaseItem.from_parent(self, name=f"{i:02d} {case['name']}", rule=rule, case=case)


class CaseItem(pytest.Item):
    def __init__(self, *, rule, case, **kwargs):
        super().__init__(**kwargs)
        self.rule = rule
        self.case = case

    def runtest(self):
        check_case(self.rule, self.case)

    def repr_failure(self, excinfo):
        return (f"{self.path.name}: {self.name}\n  why: {' '.join(str(self.case['why']).split())}\n"
                f"  {excinfo.value}")

    def reportinfo(self):
        return self.path, 0, f"{self.rule}: {self.name}"
