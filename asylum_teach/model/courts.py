"""Immigration courts: where a case is heard, and which federal circuit reviews it.

The courts ship as data in ``asylum_teach/data/courts.csv`` (one row per court) with, per row:

* ``status``: ``active``, ``historical`` (closed or replaced; kept for past cases),
  ``adjudication_center`` (an Immigration Adjudication Center whose judges sit by video) or
  ``status_unverified``;
* ``verification``: ``secondary`` (name and place confirmed on the cited secondary page, tag [S]) or
  ``unverified`` (from a catalogue built from ICE/EOIR lists; not yet read on EOIR's own roster, tag [K]);
* ``source_url`` and a ``note``.

The circuit comes from the state under 28 U.S.C. 41 (and 48 U.S.C. 1821(a) for the Northern Mariana
Islands) [P]; :func:`load_courts` refuses a row whose circuit disagrees with its state.

>>> court = find_court("annandale")
>>> court.name, court.state, court.circuit, court.status
('Annandale Immigration Court', 'VA', '4th', 'active')
>>> find_court("Arlington").is_historical
True
>>> find_court("annandal imigration court")  # doctest: +ELLIPSIS
Court(name='Annandale Immigration Court', ...)
>>> find_court("Springfield")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
asylum_teach.exceptions.InvalidInputError: no immigration court matches 'Springfield'. Closest: ...
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
from dataclasses import asdict, dataclass
from importlib import resources

from asylum_teach.exceptions import InvalidInputError, RuleDataError
from asylum_teach.law.citations import cite

#: 28 U.S.C. 41 (circuits by state); 48 U.S.C. 1821(a) puts the NMI with Guam in the Ninth [P].
CIRCUIT_BY_STATE: dict[str, str] = {
    **dict.fromkeys(("ME", "MA", "NH", "RI", "PR"), "1st"),
    **dict.fromkeys(("CT", "NY", "VT"), "2nd"),
    **dict.fromkeys(("DE", "NJ", "PA", "VI"), "3rd"),
    **dict.fromkeys(("MD", "NC", "SC", "VA", "WV"), "4th"),
    **dict.fromkeys(("LA", "MS", "TX"), "5th"),
    **dict.fromkeys(("KY", "MI", "OH", "TN"), "6th"),
    **dict.fromkeys(("IL", "IN", "WI"), "7th"),
    **dict.fromkeys(("AR", "IA", "MN", "MO", "NE", "ND", "SD"), "8th"),
    **dict.fromkeys(("AK", "AZ", "CA", "HI", "ID", "MT", "NV", "OR", "WA", "GU", "MP"), "9th"),
    **dict.fromkeys(("CO", "KS", "NM", "OK", "UT", "WY"), "10th"),
    **dict.fromkeys(("AL", "FL", "GA"), "11th"),
    "DC": "DC",
}

STATUSES = ("active", "historical", "adjudication_center", "status_unverified")
#: What each verification level of a court row means, with its source strength (P/S/K, as in data/citations.yaml).
VERIFICATIONS = {
    "secondary": ("S", "name and place confirmed on the cited secondary page; check EOIR's roster before relying on it"),
    "unverified": ("K", "from a catalogue built from ICE/EOIR lists; not yet read on EOIR's court roster page"),
}


def circuit_citation() -> str:
    """The statute that maps states to circuits (from the citation registry)."""
    return cite("usc-28-41").tagged()


def verification_meaning(verification: str) -> str:
    strength, words = VERIFICATIONS[verification]
    return f"[{strength}] {words}"


@dataclass(frozen=True)
class Court:
    """One immigration court (or adjudication center) and the circuit that reviews its cases."""

    name: str
    city: str
    state: str
    circuit: str
    status: str
    verification: str
    source_url: str
    note: str = ""

    def __repr__(self) -> str:  # short, so doctests and notebooks stay readable
        return f"Court(name={self.name!r}, ...)"

    @property
    def is_historical(self) -> bool:
        return self.status == "historical"

    @property
    def citations(self) -> tuple[str, ...]:
        return (circuit_citation(), f"court row: {self.source_url} ({verification_meaning(self.verification)})")

    def to_dict(self) -> dict:
        data = asdict(self)
        data["is_historical"] = self.is_historical
        data["verification_meaning"] = verification_meaning(self.verification)
        data["citations"] = list(self.citations)
        return data

    def describe(self) -> str:
        """Several lines a student can read.

        >>> print(find_court("Arlington").describe().splitlines()[0])
        Arlington Immigration Court (Arlington, VA) - HISTORICAL
        """
        flag = {"historical": " - HISTORICAL", "adjudication_center": " - adjudication center (video)",
                "status_unverified": " - status unverified"}.get(self.status, "")
        lines = [f"{self.name} ({self.city}, {self.state}){flag}",
                 f"  circuit for a petition for review: {self.circuit} ({circuit_citation()})",
                 f"  verification: {self.verification} - {verification_meaning(self.verification)}",
                 f"  source: {self.source_url}"]
        if self.note:
            lines.append(f"  note: {self.note}")
        return "\n".join(lines)


@functools.cache
def load_courts() -> tuple[Court, ...]:
    """All courts from the packaged data, checked row by row.

    >>> len(load_courts()) > 70
    True
    """
    text = resources.files("asylum_teach").joinpath("data", "courts.csv").read_text(encoding="utf-8")
    courts = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        fields = {k: (v or "").strip() for k, v in row.items()}
        fields["name"] = fields.pop("court", "")
        try:
            court = Court(**fields)
        except TypeError as exc:
            raise RuleDataError(f"courts.csv line {line}: unexpected columns ({exc})") from None
        _check_row(court, line)
        courts.append(court)
    names = [c.name.lower() for c in courts]
    if len(set(names)) != len(names):
        raise RuleDataError("courts.csv: duplicate court names")
    return tuple(courts)


def _check_row(court: Court, line: int) -> None:
    where = f"courts.csv line {line} ({court.name or 'no name'})"
    if not court.name or not court.source_url:
        raise RuleDataError(f"{where}: every court needs a name and a source_url")
    if CIRCUIT_BY_STATE.get(court.state) != court.circuit:
        raise RuleDataError(f"{where}: circuit {court.circuit!r} does not match state {court.state!r} "
                            f"({circuit_citation()} gives {CIRCUIT_BY_STATE.get(court.state)!r})")
    if court.status not in STATUSES:
        raise RuleDataError(f"{where}: status {court.status!r} is not one of {', '.join(STATUSES)}")
    if court.verification not in VERIFICATIONS:
        raise RuleDataError(f"{where}: verification {court.verification!r} is not one of {', '.join(VERIFICATIONS)}")


_GENERIC = ("immigration", "court", "adjudication", "center", "ic", "iac")


def _norm(text: str) -> str:
    """Lower case, punctuation to spaces, generic words (even misspelt: 'imigration') dropped."""
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return " ".join(w for w in words if not difflib.get_close_matches(w, _GENERIC, n=1, cutoff=0.85))


def find_court(name: str) -> Court:
    """Find a court by name or city, forgivingly (case, punctuation and small typos do not matter).

    An exact name, then an exact city (when only one court sits there), then a unique partial match,
    then a close spelling. Anything else is an :class:`InvalidInputError` naming the closest courts.

    >>> find_court("New York").name
    Traceback (most recent call last):
    ...
    asylum_teach.exceptions.InvalidInputError: 'New York' matches several courts: New York - Broadway Immigration Court, New York - Federal Plaza Immigration Court, New York - Varick Immigration Court
    >>> find_court("varick").name
    'New York - Varick Immigration Court'
    >>> find_court("Jena").name
    'LaSalle Immigration Court'
    """
    if isinstance(name, Court):
        return name
    key = _norm(str(name or ""))
    if not key:
        raise InvalidInputError("court: give a court name or city")
    courts = load_courts()
    for test in (lambda c: _norm(c.name) == key, lambda c: _norm(c.city) == key,
                 lambda c: key in _norm(c.name) or key in _norm(c.city)):
        hits = [c for c in courts if test(c)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise InvalidInputError(f"{name!r} matches several courts: {', '.join(c.name for c in hits)}")
    by_key = {_norm(c.name): c for c in courts}
    by_key.update({_norm(c.city): c for c in courts if sum(_norm(o.city) == _norm(c.city) for o in courts) == 1})
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.75)
    if close and (len(close) == 1 or difflib.SequenceMatcher(None, key, close[0]).ratio() >= 0.9):
        return by_key[close[0]]
    loose = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.4)
    names = ", ".join(dict.fromkeys(by_key[k].name for k in loose)) or "none"
    raise InvalidInputError(f"no immigration court matches {name!r}. Closest: {names}. "
                            "Run 'asylum-teach court --list' to see every court.")


def circuit_for_state(state: str) -> str:
    """The federal circuit for a state or territory code (28 U.S.C. 41).

    >>> circuit_for_state("pr")
    '1st'
    """
    code = str(state).strip().upper()
    if code not in CIRCUIT_BY_STATE:
        raise InvalidInputError(f"state: {state!r} is not a US state or territory code with a circuit")
    return CIRCUIT_BY_STATE[code]
