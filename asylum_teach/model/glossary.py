"""Moved to :mod:`asylum_teach.glossary` (the foundation layer); kept until every importer has moved."""

from asylum_teach.dates import parse_date  # noqa: F401
from asylum_teach.glossary import FACTS, PROTECTED_GROUNDS, FactSpec, coerce_fact, coerce_facts  # noqa: F401
