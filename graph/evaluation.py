"""Extraction quality: an extraction as comparable fact tuples, scored against an article's expected facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evkg.graph.records import Extraction

ENTITY_PREDICATES = {"produces", "brand", "usesPlatform", "basedOnPlatform", "city", "operatedBy", "hasMember",
                     "hasPart", "targetMarket", "comprisesExecutivesOf", "governs", "ownsBrand", "powertrain",
                     "bodyType", "characterisation", "allElectricSince"}
Element = frozenset[str] | str | int | bool
FactTuple = tuple[Element, ...]


def fold(value: Any) -> str:
    """Labels compare case-insensitively with punctuation and spaces folded away."""
    return re.sub(r"[\W_]+", "", str(value).lower())


def fact_tuples(extraction: Extraction) -> set[FactTuple]:
    """('produces', plant names, model names), ('output', plant, year, units, approximate), ... of one extraction."""
    names = {e.key: frozenset(fold(n) for n in e.names) for e in extraction.entities}
    by_subject: dict[str, dict[str, str]] = {}
    found: set[FactTuple] = set()
    for fact in extraction.facts:
        by_subject.setdefault(fact.subject, {})[fact.predicate] = fact.object
        if fact.predicate in ENTITY_PREDICATES and fact.subject in names and not fact.subject.startswith("city/"):
            obj = names[fact.object] if fact.object_kind == "entity" else fold(fact.object)
            found.add((fact.predicate, names[fact.subject], obj))
        if fact.predicate == "country" and fact.subject.startswith("plant/"):
            found.add(("country", names[fact.subject], names[fact.object]))
    for node, p in by_subject.items():
        if "outputOf" in p:
            found.add(("output", names[p["outputOf"]], int(p["year"]), int(p["units"]), p["approximate"] == "true"))
        if "investmentTarget" in p:
            found.add(("investment", names[p["investmentTarget"]], int(float(p["amount"])), p["currency"]))
        if "launchOf" in p:
            found.add(("launch", names[p["launchOf"]], fold(p["launchPeriod"])))
        if "visitor" in p:
            found.add(("visit", names[p["visitor"]], names[p["visitedPlace"]]))
    return found


def matches(expected: list[Any], fact: FactTuple) -> bool:
    """One expected fact (labels, numbers, '*' for anything) against one extracted tuple."""
    if len(expected) != len(fact) or expected[0] != fact[0]:
        return False
    for want, got in zip(expected[1:], fact[1:]):
        if want == "*":
            continue
        if isinstance(got, frozenset):
            if fold(want) not in got:
                return False
        elif isinstance(got, str):
            if fold(want) != got and want != got:
                return False
        elif want != got:
            return False
    return True


@dataclass
class Score:
    """Precision and recall of one article, with the facts behind them."""

    expected: int
    found: int
    true_positives: int
    missed: list[list[Any]]
    spurious: list[FactTuple]
    traps: list[list[Any]]  # 'absent' facts that were extracted anyway

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return (self.expected - len(self.missed)) / self.expected if self.expected else 1.0


def score(extraction: Extraction, expected: dict[str, Any]) -> Score:
    """Compare with {'facts': [...], 'absent': [...]} as written in tests/articles/NAME.expected.json."""
    found = fact_tuples(extraction)
    wanted = expected["facts"]
    missed = [w for w in wanted if not any(matches(w, f) for f in found)]
    spurious = [f for f in found if not any(matches(w, f) for w in wanted)]
    traps = [a for a in expected.get("absent", []) if any(matches(a, f) for f in found)]
    return Score(len(wanted), len(found), len(found) - len(spurious), missed, spurious, traps)
