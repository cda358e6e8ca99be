"""One hierarchy of errors for the whole toolkit.

Every error a user can cause is an :class:`AsylumTeachError`. The CLI catches exactly this class and
prints its message on one line with a non-zero exit, so a student never sees a traceback for bad
input. Anything else that escapes is a bug in the toolkit.
"""


class AsylumTeachError(Exception):
    """Base class: bad input or data, with a message that names the problem."""

    exit_code = 2


class InvalidInputError(AsylumTeachError, ValueError):
    """A value given by a user (a date, an id, a fact) is malformed or impossible."""


class InvalidDateError(InvalidInputError):
    """A date is malformed (not YYYY-MM-DD) or impossible (2025-02-30)."""


class UnknownRuleError(InvalidInputError):
    """No deadline rule has this id."""


class UnknownFactError(InvalidInputError):
    """A fact name is not in the glossary, or its value has the wrong type."""


class UnknownPolicyError(InvalidInputError):
    """A policy name or value is not one the engine knows."""


class RuleDataError(AsylumTeachError):
    """A rule data file breaks the schema (missing citation, overlapping versions, duplicate keys)."""


class MissingCitationError(RuleDataError):
    """A rule or rule version has no citation."""


class UnknownCitationError(RuleDataError):
    """A citation id is not in the citation registry (``data/citations.yaml``)."""


class AmbiguousDateError(AsylumTeachError):
    """Date arithmetic would have to guess (e.g. February 29 plus one year with no rounding)."""


class ConflictingExceptionsError(AsylumTeachError):
    """Two exceptions to a legal rule claim the same case with different results."""


class InvalidTransitionError(InvalidInputError):
    """A proceedings step was taken before what must come first."""


class GradingError(AsylumTeachError):
    """Grading could not proceed (bad exercise, unreadable folder, ...)."""


class HubError(AsylumTeachError):
    """The clinic hub, its submission service or a request to it could not do what was asked."""
