"""The seed coverage table (docs/coverage.md) points only at sections that exist, and maps all 17 FAQs."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
TABLE = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
REF = re.compile(r"\b(0\d) §(\d+)(?:–§(\d+))?")


def _sections(number: str) -> set[int]:
    path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    found = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found |= {int(m) for m in re.findall(r"^## (\d+)\.", cell.source, re.M)}
    return found


def test_every_referenced_section_exists():
    refs = REF.findall(TABLE)
    assert len(refs) > 60
    for number, start, end in refs:
        sections = _sections(number)
        for s in range(int(start), int(end or start) + 1):
            assert s in sections, f"docs/coverage.md points at {number} §{s}, which is not a heading in that notebook"


def test_all_seventeen_faq_questions_are_mapped():
    rows = dict(re.findall(r"^\| FAQ (\d+) \|.*\| (.+) \|$", TABLE, re.M))
    assert sorted(map(int, rows)) == list(range(1, 18))
    assert all(REF.search(target) for target in rows.values())
