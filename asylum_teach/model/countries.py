"""The curated list of countries of origin for hypothetical clients (``data/countries.yaml``).

Each country lists the languages a client might speak and the Faker locale for plausible names.
Loaded through ``importlib.resources``, never a relative path.

>>> c = country("Guatemala")
>>> c.languages[:2], c.faker_locale, c.locale_is_nearest
(('Spanish', "K'iche'"), 'es_MX', True)
>>> country("Atlantis")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: country_of_nationality: 'Atlantis' is not in the curated list (...)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from asylum_teach.exceptions import InvalidInputError, RuleDataError
from asylum_teach.yaml_data import load_package_yaml


@dataclass(frozen=True)
class Country:
    name: str
    languages: tuple[str, ...]
    faker_locale: str
    locale_is_nearest: bool = False
    romanized: bool = False


@lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    """All curated countries, in file order."""
    text = (resources.files("asylum_teach") / "data" / "countries.yaml").read_text(encoding="utf-8")
    out = []
    for i, row in enumerate(load_package_yaml(text)["countries"]):
        if not row.get("name") or not row.get("languages") or not row.get("faker_locale"):
            raise RuleDataError(f"countries.yaml: entry {i} needs name, languages and faker_locale")
        out.append(Country(name=row["name"], languages=tuple(row["languages"]), faker_locale=row["faker_locale"],
                           locale_is_nearest=bool(row.get("locale_is_nearest", False)),
                           romanized=bool(row.get("romanized", False))))
    return tuple(out)


def country(name: str) -> Country:
    """Look a country up by name (case-insensitive)."""
    for c in load_countries():
        if c.name.lower() == str(name).strip().lower():
            return c
    names = ", ".join(c.name for c in load_countries())
    raise InvalidInputError(f"country_of_nationality: {name!r} is not in the curated list ({names})")
