"""Disagreeing sources on pages: the one figure a chart or list shows, and the values side by side.

The build (graph.claims) names, for each subject and property documents disagree on, the preferred value
and the others (evkg:Disagreement). Pages that show one figure leave the others out with
`service.describe.only_preferred`; an entity page lists here every disagreement about the entity or about
a fact node about it (a plant's production record), each value with the sentences that state it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from evkg.service.describe import PREFIXES, Source
from evkg.service.display import literal_span, segments
from evkg.service.engine import get_engine
from evkg.service.paths import local_name

# The disputes about ?e itself, or about a node linking to it, each branch joined on ?e: a FILTER testing every
# dispute of the build took 90-130 ms for the busiest plant at 1M, this 4.5 ms.
DISAGREEMENTS = PREFIXES + """SELECT DISTINCT ?about ?aboutLabel ?property ?value ?best ?reason ?sentence ?text ?doc
  ?title ?date WHERE {
  { ?dispute evkg:disagreementAbout ?e . BIND(?e AS ?about) }
  UNION { ?about ?link ?e . ?dispute evkg:disagreementAbout ?about }
  ?dispute evkg:disputedProperty ?property ; evkg:preferredValue ?best ; evkg:preferenceReason ?reason ;
           evkg:claim ?claim .
  ?claim evkg:assertionObject ?value ; evkg:statedIn ?sentence .
  ?sentence evkg:text ?text ; evkg:inDocument ?doc .
  OPTIONAL { ?claim evkg:statedOn ?date }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?about rdfs:label ?aboutLabel }
}"""


@dataclass
class Statement(Source):
    """One document's sentence stating a value, with the value highlighted, and the document's date (None: undated)."""

    date: str | None = None


@dataclass
class StatedValue:
    """One of the values sources give, and the sentences that give it."""

    value: Node
    preferred: bool
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Disagreement:
    """Sources disagreeing on one property of one subject (the entity, or a record or event about it)."""

    about: URIRef
    about_label: str
    property: URIRef
    reason: str
    values: list[StatedValue]


def disagreements(iri: URIRef) -> list[Disagreement]:
    """Every disagreement about the entity or a fact node about it, the preferred value first."""
    found: dict[tuple[Node, Node], Disagreement] = {}
    values: dict[tuple[Node, Node], dict[Node, StatedValue]] = defaultdict(dict)
    for row in get_engine().select(DISAGREEMENTS, bindings={"e": iri}).rows:
        key = (row["about"], row["property"])
        if key not in found:
            label = str(row.get("aboutLabel") or local_name(str(row["about"])))
            found[key] = Disagreement(row["about"], label, row["property"], str(row["reason"]), [])
        value = row["value"]
        stated = values[key].setdefault(value, StatedValue(value, value == row["best"]))
        text = str(row["text"])
        spans = [(*span, True)] if isinstance(value, Literal) and (span := literal_span(text, value)) else []
        stated.statements.append(Statement(row["doc"], str(row.get("title") or local_name(str(row["doc"]))),
                                           row["sentence"], segments(text, spans),
                                           str(row["date"]) if "date" in row else None))
    for key, disagreement in found.items():
        disagreement.values = sorted(values[key].values(), key=lambda stated: not stated.preferred)
        for stated in disagreement.values:
            stated.statements.sort(key=lambda statement: statement.date or "", reverse=True)
    return sorted(found.values(), key=lambda d: (d.about_label.lower(), str(d.property)))
