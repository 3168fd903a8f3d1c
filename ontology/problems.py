"""A reason a graph cannot be published, typed: who is to blame (the data or the validator) and which nodes it names.

Callers decide from these fields, never from the wording: a build sets documents aside only for problems of the
data, and finds the suspect documents through the focus nodes instead of reading IRIs back out of messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef


@dataclass(frozen=True)
class Problem:
    """One line of a validation report (or of a build's), for a person, with what a program needs to act on it."""

    message: str
    focus: tuple[URIRef, ...] = ()  # the data's nodes it is about: a SHACL focus node and value, HermiT's individual
    validator_failed: bool = False  # the check could not run (HermiT failed, a file unreadable): no data to blame

    @classmethod
    def failure(cls, message: str) -> Problem:
        """The validator, not the data, failed."""
        return cls(message, validator_failed=True)

    def __str__(self) -> str:
        return self.message
