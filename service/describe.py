"""What an entity page shows, read from the graph: its facts both ways, their sources, its neighbourhood."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from evkg.ontology.vocabulary import RDF, RDFS, SKOS, sparql_prefixes
from evkg.service.display import Segment, is_true, literal_span, segments
from evkg.service.engine import get_engine
from evkg.service.paths import href, local_name

PREFIXES = sparql_prefixes("evkg", "rdf", "rdfs", "skos", "dcterms")
TYPE, LABEL, ALT_LABEL = URIRef(RDF + "type"), URIRef(RDFS + "label"), URIRef(SKOS + "altLabel")
# provenance plumbing: shown as sources and on document pages, not as links between entities
PLUMBING = "(evkg:denotes, evkg:assertionSubject, evkg:assertionObject, evkg:inDocument, evkg:inSentence)"

OUTGOING = PREFIXES + """SELECT ?e ?p ?o (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  ?e ?p ?o .
  OPTIONAL { ?o rdfs:label ?l }
  OPTIONAL { ?o a ?t }
} GROUP BY ?e ?p ?o"""

INCOMING = PREFIXES + f"""SELECT ?e ?s ?p (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {{
  ?s ?p ?e .
  FILTER(?p NOT IN {PLUMBING})
  OPTIONAL {{ ?s rdfs:label ?l }}
  OPTIONAL {{ ?s a ?t }}
}} GROUP BY ?e ?s ?p"""



def only_preferred(subject: str, prop: str, value: str) -> str:
    """A SPARQL MINUS leaving out a value of `prop` that a Disagreement about `subject` does not prefer
    (graph.claims), for pages that show one figure; Oxigraph runs it 2-3x faster than FILTER NOT EXISTS.

    Put it in the group that binds all three variables: MINUS only removes what shares variables with it.
    """
    return (f"MINUS {{ ?dispute_{value[1:]} evkg:disagreementAbout {subject} ; "
            f"evkg:disputedProperty {prop} ; evkg:otherValue {value} }}")


# literal values of the fact nodes pointing here (an investment's amount, a record's units): the preferred ones
INCOMING_DETAILS = PREFIXES + f"""SELECT DISTINCT ?e ?s ?p ?o WHERE {{
  ?s ?q ?e . FILTER(?q NOT IN {PLUMBING})
  ?s ?p ?o . FILTER(isLiteral(?o) && ?p NOT IN (rdfs:label, skos:altLabel))
  {only_preferred("?s", "?p", "?o")}
}}"""

SOURCES = PREFIXES + """SELECT DISTINCT ?e ?s ?p ?o ?sentence ?text ?start ?doc ?title WHERE {
  { ?a evkg:assertionSubject ?e } UNION { ?a evkg:assertionObject ?e }
  ?a evkg:assertionSubject ?s ; evkg:assertionPredicate ?p ; evkg:assertionObject ?o ; evkg:statedIn ?sentence .
  ?sentence evkg:text ?text ; evkg:start ?start ; evkg:inDocument ?doc .
  OPTIONAL { ?doc dcterms:title ?title }
}"""

SOURCE_MENTIONS = PREFIXES + """SELECT DISTINCT ?e ?sentence ?start ?end ?x WHERE {
  { ?a evkg:assertionSubject ?e } UNION { ?a evkg:assertionObject ?e }
  ?a evkg:statedIn ?sentence .
  ?m evkg:inSentence ?sentence ; evkg:start ?start ; evkg:end ?end ; evkg:denotes ?x .
}"""

# the preferred figure of each year, and the figures other sources give (each on its own row)
OUTPUT = PREFIXES + f"""SELECT ?e ?year ?units ?approximate ?other WHERE {{
  ?record evkg:outputOf ?e ; evkg:year ?year ; evkg:units ?units .
  {only_preferred("?record", "evkg:units", "?units")}
  OPTIONAL {{ ?record evkg:approximate ?approximate . {only_preferred("?record", "evkg:approximate", "?approximate")} }}
  OPTIONAL {{ ?dispute evkg:disagreementAbout ?record ; evkg:disputedProperty evkg:units ; evkg:otherValue ?other }}
}} ORDER BY ?year"""


@dataclass
class Source:
    """A sentence that states a fact, cut into segments so the words that state it are highlighted."""

    document: URIRef
    title: str
    sentence: URIRef
    parts: list[Segment]


@dataclass
class Link:
    """One value of a property: an IRI with its label, or a literal."""

    term: Node
    label: str | None = None
    type: URIRef | None = None
    details: dict[str, Literal] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    @property
    def href(self) -> str | None:
        return href(self.term)


@dataclass
class Description:
    """Everything the graph says about one entity, as the page groups it."""

    iri: URIRef
    label: str
    types: list[URIRef]
    alt_labels: list[str]
    outgoing: dict[URIRef, list[Link]]
    incoming: dict[URIRef, list[Link]]
    literals: dict[str, Literal]
    output: list[dict[str, Any]]  # year, preferred units, approximate, others: what disagreeing sources say

    @property
    def exists(self) -> bool:
        return bool(self.types or self.outgoing or self.incoming)


def describe(iri: URIRef) -> Description:
    """Read an entity's description with a handful of bound queries (the IRI is a binding, never text)."""
    engine = get_engine()
    bindings = {"e": iri}
    outgoing: dict[URIRef, list[Link]] = defaultdict(list)
    types, alt_labels, labels = [], [], []
    for row in engine.select(OUTGOING, bindings=bindings).rows:
        predicate, value = row["p"], row["o"]
        if predicate == TYPE:
            types.append(value)
        elif predicate == LABEL:
            labels.append(str(value))
        elif predicate == ALT_LABEL:
            alt_labels.append(str(value))
        else:
            outgoing[predicate].append(Link(value, _label(row), row.get("type")))
    details: dict[Node, dict[str, Literal]] = defaultdict(dict)
    for row in engine.select(INCOMING_DETAILS, bindings=bindings).rows:
        details[row["s"]][local_name(str(row["p"]))] = row["o"]
    incoming: dict[URIRef, list[Link]] = defaultdict(list)
    for row in engine.select(INCOMING, bindings=bindings).rows:
        incoming[row["p"]].append(Link(row["s"], _label(row), row.get("type"), details.get(row["s"], {})))
    _attach_sources(iri, outgoing, incoming)
    literals = {local_name(str(p)): links[0].term for p, links in outgoing.items()
                if isinstance(links[0].term, Literal)}
    output: dict[int, dict[str, Any]] = {}
    for row in engine.select(OUTPUT, bindings=bindings).rows:
        year = output.setdefault(int(row["year"]), {"year": int(row["year"]), "units": int(row["units"]),
                                                    "approximate": is_true(row.get("approximate")), "others": []})
        if "other" in row:
            year["others"].append(int(row["other"]))
    label = min(labels) if labels else local_name(str(iri))
    return Description(iri, label, sorted(types), sorted(alt_labels), _sorted(outgoing), _sorted(incoming),
                       literals, list(output.values()))


def _label(row: dict[str, Node]) -> str | None:
    return str(row["label"]) if "label" in row else None


def _sorted(groups: dict[URIRef, list[Link]]) -> dict[URIRef, list[Link]]:
    return {p: sorted(links, key=lambda link: (link.label or str(link.term)).lower()) for p, links in groups.items()}


def _attach_sources(iri: URIRef, outgoing: dict[URIRef, list[Link]], incoming: dict[URIRef, list[Link]]) -> None:
    """Give each shown fact (s p o) the sentences its assertions point to, its words highlighted."""
    engine = get_engine()
    mentions: dict[Node, list[tuple[int, int, Node]]] = defaultdict(list)
    for row in engine.select(SOURCE_MENTIONS, bindings={"e": iri}).rows:
        mentions[row["sentence"]].append((int(row["start"]), int(row["end"]), row["x"]))
    by_fact: dict[tuple[Node, Node, Node], list[Source]] = defaultdict(list)
    for row in engine.select(SOURCES, bindings={"e": iri}).rows:
        s, o, text, offset = row["s"], row["o"], str(row["text"]), int(row["start"])
        spans = [(start - offset, end - offset, True) for start, end, x in mentions[row["sentence"]] if x in (s, o)]
        if isinstance(o, Literal) and (found := literal_span(text, o)):
            spans.append((*found, True))
        title = str(row.get("title") or local_name(str(row["doc"])))
        by_fact[(s, row["p"], o)].append(Source(row["doc"], title, row["sentence"], segments(text, spans)))
    for predicate, links in outgoing.items():
        for link in links:
            link.sources = by_fact.get((iri, predicate, link.term), [])
    for predicate, links in incoming.items():
        for link in links:
            link.sources = by_fact.get((link.term, predicate, iri), [])
