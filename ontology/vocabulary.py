"""The names the graph is written in: namespaces, their prefixes, and the kinds of node the pipeline mints.

It sits in the lowest layer, so the ontology's own checks, the pipeline (graph/) and the service all take them
from here and no layer reaches up for them. Plain strings and no RDF library: each user makes the terms of
its own library from them.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = "https://w3id.org/evkg/"
EVKG = BASE + "ontology#"
ONTOLOGY_IRI = BASE + "ontology"
RESOURCE = BASE + "resource/"
GRAPH = BASE + "graph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"  # WGS84 lat/long, as the map reads them
SCHEMA = "http://schema.org/"  # http, as evkg.ttl aligns to it (its design notes say why)


@dataclass(frozen=True)
class Kind:
    """A kind of node under resource/: its IRI segment (`resource/{name}/{slug}`, also the start of an entity key)
    and the evkg class its nodes get."""

    name: str
    cls: str | None  # None for events: each names its own class (Visit, MarketLaunch...)
    fact_node: bool = False  # the node of one stated fact (a production record, an investment, an event)
    keyed_by_owner: bool = False  # its slug is made from another entity's (`production/douai-2025`, a plant's workshop)


ENTITY_KINDS = (
    Kind("company", "Company"),
    Kind("alliance", "Alliance"),
    Kind("board", "GoverningBoard"),
    Kind("brand", "Brand"),
    Kind("plant", "ManufacturingPlant"),
    Kind("facility", "Facility", keyed_by_owner=True),
    Kind("platform", "VehiclePlatform"),
    Kind("model", "VehicleModel"),
    Kind("city", "City"),
    Kind("country", "Country"),
    Kind("region", "MarketRegion"),
    Kind("person", "Person"),
    Kind("production", "ProductionRecord", fact_node=True, keyed_by_owner=True),
    Kind("investment", "Investment", fact_node=True, keyed_by_owner=True),
    Kind("event", None, fact_node=True, keyed_by_owner=True),
)
DOCUMENT = Kind("document", "SourceDocument")  # its IRIs carry fragments (sentences, mentions), so it has no prefix
KIND_CLASS = {kind.name: kind.cls for kind in ENTITY_KINDS if kind.cls}
FACT_NODE_KINDS = frozenset(kind.name for kind in ENTITY_KINDS if kind.fact_node)
KEYED_BY_OWNER = frozenset(kind.name for kind in ENTITY_KINDS if kind.keyed_by_owner)
RESOURCE_SEGMENTS = frozenset({*(kind.name for kind in ENTITY_KINDS), DOCUMENT.name})

# the prefixes Turtle, TriG, JSON-LD and SPARQL text are written with; document IRIs stay whole because their
# fragments would need escapes
PREFIXES = {
    "evkg": EVKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "org": ORG,
    "geo": GEO,
    "docgraph": GRAPH + DOCUMENT.name + "/",
    **{kind.name: f"{RESOURCE}{kind.name}/" for kind in ENTITY_KINDS},
}


def sparql_prefixes(*names: str) -> str:
    """The PREFIX lines of a SPARQL query for some of the prefixes, one line each, in the order given."""
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in names)
