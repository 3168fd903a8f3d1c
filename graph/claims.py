"""Claims, not overwrites: where documents disagree on a value, which one is preferred and why.

A property marked evkg:oneValueExpected in the ontology (a record's units, a launch period…) has one
true value per subject, but two articles may state two. Every stated value stays in its document's
graph, with its assertion, sentence and date. This module adds, for each subject and property with
more than one stated value, an evkg:Disagreement in the graph …/graph/claims: the preferred value,
the others, why, and a link to each document's assertion of each value (evkg:claim), so that queries
reach the sentences without searching every assertion of the graph. A value is preferred when its best statement ranks first: dated before undated,
then the most recent date, then the more precise statement (exact before approximate, then more
significant digits), then the smaller value, so that every build picks the same one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from evkg.graph.iris import CLAIMS_GRAPH, evkg, resource
from evkg.graph.rdf import assertion_iri, fact_object
from evkg.graph.records import Extraction, Fact
from evkg.ontology import ONTOLOGY_FILE
from evkg.ontology.vocabulary import EVKG, RDF, XSD

TYPE = NamedNode(RDF + "type")
NUMERIC = {XSD + name for name in ("integer", "decimal", "nonNegativeInteger")}


@cache
def one_value_properties() -> frozenset[str]:
    """The local names of the properties evkg.ttl marks evkg:oneValueExpected."""
    marker = NamedNode(EVKG + "oneValueExpected")
    return frozenset(triple.subject.value.removeprefix(EVKG) for triple in parse(path=str(ONTOLOGY_FILE),
                     format=RdfFormat.TURTLE) if triple.predicate == marker and triple.object.value == "true")


@dataclass(frozen=True, order=True)
class Rank:
    """How strongly one document's statement about a subject counts: larger is preferred."""

    dated: bool
    date: str  # ISO, so that later sorts larger; "" when undated
    exact: bool
    digits: int  # significant digits of its figures: 89,527 is more precise than 91,200

    def reason(self, runner_up: Rank) -> str:
        """Why a statement of this rank wins over the best statement of any other value."""
        if self.dated and (not runner_up.dated or self.date > runner_up.date):
            return f"stated by the most recent source ({self.date})"
        when = f"as recent as any other source ({self.date})" if self.dated else "no source is dated"
        if (self.exact, self.digits) > (runner_up.exact, runner_up.digits):
            return f"{when}, and the more precise figure"
        return f"{when}, and as precise: the smaller value is taken"


def disagreement_iri(subject: str, predicate: str) -> NamedNode:
    """`{subject IRI}#disagreement-{property}`: it dereferences to the subject's own page."""
    return NamedNode(f"{resource(subject).value}#disagreement-{predicate}")


def claim_quads(documents: Mapping[str, Extraction]) -> Iterator[Quad]:
    """The claims graph of these documents (slug -> extraction): one evkg:Disagreement per subject and
    property they disagree on."""
    wanted = one_value_properties()
    best: dict[tuple[str, str], dict[NamedNode | Literal, Rank]] = defaultdict(dict)
    claims: dict[tuple[str, str], set[NamedNode]] = defaultdict(set)
    for slug, extraction in documents.items():
        by_subject: dict[str, list[Fact]] = defaultdict(list)
        for fact in extraction.facts:
            by_subject[fact.subject].append(fact)
        for subject, facts in by_subject.items():
            rank = _rank([fact for fact in facts if fact.predicate in wanted], extraction.published)
            for fact in facts:
                if fact.predicate in wanted:
                    ranks = best[(subject, fact.predicate)]
                    value = fact_object(fact)
                    ranks[value] = max(rank, ranks.get(value, rank))  # a value counts by its best statement
                    claims[(subject, fact.predicate)].add(
                        assertion_iri(slug, resource(subject), evkg(fact.predicate), value))
    for (subject, predicate), ranks in sorted(best.items()):
        if len(ranks) > 1:
            yield from _disagreement(subject, predicate, ranks, claims[(subject, predicate)])


def _rank(facts: list[Fact], published: str | None) -> Rank:
    """The rank of one document's one-value-expected facts about a subject."""
    approximate = any(fact.predicate == "approximate" and fact.object == "true" for fact in facts)
    digits = max((len(fact.object.replace(".", "").lstrip("-0").rstrip("0")) for fact in facts
                  if fact.object_kind == "literal" and XSD + (fact.datatype or "") in NUMERIC), default=0)
    return Rank(published is not None, published or "", not approximate, digits)


def _disagreement(subject: str, predicate: str, ranks: dict[NamedNode | Literal, Rank],
                  claims: set[NamedNode]) -> Iterator[Quad]:
    preferred = max(sorted(ranks, key=_value_order), key=ranks.__getitem__)  # the smallest of the best ranked
    others = [value for value in sorted(ranks, key=_value_order) if value != preferred]
    runner_up = max(ranks[value] for value in others)
    node = disagreement_iri(subject, predicate)
    triples = [
        (node, TYPE, evkg("Disagreement")),
        (node, evkg("disagreementAbout"), resource(subject)),
        (node, evkg("disputedProperty"), evkg(predicate)),
        (node, evkg("preferredValue"), preferred),
        *((node, evkg("otherValue"), value) for value in others),
        (node, evkg("preferenceReason"), Literal(ranks[preferred].reason(runner_up))),
        *((node, evkg("claim"), claim) for claim in sorted(claims, key=lambda claim: claim.value)),
    ]
    for triple in triples:
        yield Quad(*triple, CLAIMS_GRAPH)


def _value_order(value: NamedNode | Literal) -> tuple[int, float, str]:
    """Numbers by value, then everything else by its text."""
    if isinstance(value, Literal) and value.datatype.value in NUMERIC:
        return (0, float(value.value), "")
    return (1, 0.0, value.value)
