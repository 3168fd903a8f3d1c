"""The schema.org JSON-LD embedded in entity pages, so search engines and link previews understand them."""

from __future__ import annotations

from functools import cache
from typing import Any

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from evkg.ontology.vocabulary import EVKG, SCHEMA
from evkg.service.describe import Description
from evkg.service.ontology_doc import ontology_graph
from evkg.service.paths import local_name

# evkg classes evkg.ttl leaves without a schema.org superclass (or with a broader one) that pages still give
# a schema.org type, for search engines: a subclass axiom would claim more than the ontology means
PAGE_TYPES = {"SourceDocument": "NewsArticle", "Investment": "MonetaryAmount", "VehiclePlatform": "ProductModel"}
# evkg property -> schema.org property whose value is another entity
SCHEMA_LINKS = {"brand": "brand", "hasMember": "member", "memberOf": "memberOf", "city": "containedInPlace",
                "country": "containedInPlace", "ownsBrand": "brand", "operatedBy": "parentOrganization"}


@cache
def schema_types() -> dict[str, str]:
    """evkg class local name -> the schema.org type its pages give it: its nearest schema.org superclass in evkg.ttl."""
    graph = ontology_graph()
    classes = {str(cls)[len(EVKG):]: cls for cls in graph.subjects(RDF.type, OWL.Class) if str(cls).startswith(EVKG)}
    types = {name: aligned for name, cls in classes.items() if (aligned := _nearest_schema_class(graph, cls))}
    return types | PAGE_TYPES


def _nearest_schema_class(graph: Graph, cls: URIRef) -> str | None:
    """The local name of the closest schema.org class above `cls` (alphabetically first of equally close ones)."""
    level: set[URIRef] = {cls}
    seen: set[URIRef] = set()
    while level:
        aligned = sorted(str(c) for c in level if str(c).startswith(SCHEMA))
        if aligned:
            return aligned[0][len(SCHEMA):]
        seen |= level
        level = {p for c in level for p in graph.objects(c, RDFS.subClassOf) if isinstance(p, URIRef)} - seen
    return None


def schema_org(description: Description, page_url: str) -> dict[str, Any]:
    """A small schema.org view of the entity: type, name, other names and links to related entities."""
    known = schema_types()
    types = sorted({known[name] for name in (local_name(str(t)) for t in description.types) if name in known}) or ["Thing"]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": types[0] if len(types) == 1 else types,
        "@id": str(description.iri),
        "name": description.label,
        "url": page_url,
    }
    if description.alt_labels:
        data["alternateName"] = description.alt_labels
    if "characterisation" in description.literals:
        data["description"] = str(description.literals["characterisation"])
    for predicate, links in description.outgoing.items():
        key = SCHEMA_LINKS.get(local_name(str(predicate)))
        values = [{"@id": str(link.term), "name": link.label} for link in links if not isinstance(link.term, Literal)]
        if key and values:
            data.setdefault(key, []).extend(values)
    return data
