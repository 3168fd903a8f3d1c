"""The IRIs evkg mints and the namespaces it uses; the one place other modules take them from."""

from __future__ import annotations

import re
import unicodedata

from pyoxigraph import NamedNode

BASE = "https://w3id.org/evkg/"
EVKG = BASE + "ontology#"
ONTOLOGY_IRI = BASE + "ontology"
RESOURCE = BASE + "resource/"
GRAPH = BASE + "graph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"  # WGS84 lat/long, as the map reads them

ENTITIES_GRAPH = NamedNode(GRAPH + "entities")
CLAIMS_GRAPH = NamedNode(GRAPH + "claims")  # which of disagreeing values is preferred (graph.claims)
ONTOLOGY_GRAPH = NamedNode(ONTOLOGY_IRI)


def slugify(name: str) -> str:
    """Lower-case ASCII, hyphen-separated: the slug rule of the contract."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def evkg(local: str) -> NamedNode:
    """A term of the evkg ontology."""
    return NamedNode(EVKG + local)


def resource(key: str) -> NamedNode:
    """An entity or fact node from its `{kind}/{slug}` key."""
    return NamedNode(RESOURCE + key)


def document_iri(slug: str) -> NamedNode:
    """The SourceDocument node of a document."""
    return NamedNode(f"{RESOURCE}document/{slug}")


def document_graph(slug: str) -> NamedNode:
    """The named graph holding one document's description, sentences, mentions and facts."""
    return NamedNode(f"{GRAPH}document/{slug}")


def sentence_iri(doc_slug: str, start: int, end: int) -> NamedNode:
    """A sentence as an RFC 5147 fragment of its document."""
    return NamedNode(f"{document_iri(doc_slug).value}#char={start},{end}")


def mention_iri(doc_slug: str, start: int, end: int) -> NamedNode:
    """A mention as a fragment of its document."""
    return NamedNode(f"{document_iri(doc_slug).value}#mention={start},{end}")
