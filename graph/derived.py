"""Graphs made from every document at once: the entity directory, the city coordinates and the claims.

Each is defined in two steps: what one document contributes (a multiset of plain tuples), and the graph
made from the sum of every document's contribution. A full build adds every contribution up; a build after
a change takes the previous sum, subtracts the changed documents' old contributions and adds their new
ones. Sums of multisets do not depend on their order, so that build arrives at the very sum, hence the very
graph, that a full build would, without reading the other thousands of documents again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad

from evkg.graph.claims import claim_contribution, claim_quads
from evkg.graph.gazetteer import GAZETTEER_GRAPH, gazetteer_contribution, gazetteer_quads
from evkg.graph.iris import CLAIMS_GRAPH, ENTITIES_GRAPH
from evkg.graph.rdf import directory_contribution, directory_quads
from evkg.graph.records import Extraction

Contribution = Counter  # of tuples of hashable values (strings, RDF terms)


@dataclass(frozen=True)
class DerivedGraph:
    """A graph computed from all documents, and the build phase that computes it."""

    phase: str
    graph: NamedNode
    contribution: Callable[[str, Extraction], Contribution]  # (document slug, its extraction) -> its part
    quads: Callable[[Contribution], Iterator[Quad]]  # the graph of a sum of contributions, in a stable order

    def total(self, documents: Mapping[str, Extraction]) -> Contribution:
        """The sum of these documents' contributions (slug -> extraction)."""
        total: Contribution = Counter()
        for slug, extraction in documents.items():
            total.update(self.contribution(slug, extraction))
        return total

    def of(self, documents: Mapping[str, Extraction]) -> Iterator[Quad]:
        """The graph of these documents (slug -> extraction)."""
        return self.quads(self.total(documents))


ENTITY_DIRECTORY = DerivedGraph("entities", ENTITIES_GRAPH, directory_contribution, directory_quads)
CITY_COORDINATES = DerivedGraph("gazetteer", GAZETTEER_GRAPH, gazetteer_contribution, gazetteer_quads)
CLAIMS = DerivedGraph("claims", CLAIMS_GRAPH, claim_contribution, claim_quads)
DERIVED_GRAPHS = (ENTITY_DIRECTORY, CITY_COORDINATES, CLAIMS)
