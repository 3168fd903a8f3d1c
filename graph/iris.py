"""The IRIs evkg mints, in the namespaces of ontology.vocabulary; the one place other modules make them."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pyoxigraph import NamedNode

from evkg.ontology.vocabulary import DOCUMENT, EVKG, GRAPH, ONTOLOGY_IRI, RESOURCE

ENTITIES_GRAPH = NamedNode(GRAPH + "entities")
CLAIMS_GRAPH = NamedNode(GRAPH + "claims")  # which of disagreeing values is preferred (graph.claims)
ONTOLOGY_GRAPH = NamedNode(ONTOLOGY_IRI)


def slugify(name: str) -> str:
    """Lower-case ASCII, hyphen-separated: the slug rule of the contract."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@cache
def evkg(local: str) -> NamedNode:
    """A term of the evkg ontology (made once: checking an IRI costs more than the rest of emitting a triple)."""
    return NamedNode(EVKG + local)


def resource(key: str) -> NamedNode:
    """An entity or fact node from its `{kind}/{slug}` key."""
    return NamedNode(RESOURCE + key)


def document_iri(slug: str) -> NamedNode:
    """The SourceDocument node of a document."""
    return NamedNode(f"{RESOURCE}{DOCUMENT.name}/{slug}")


def document_graph(slug: str) -> NamedNode:
    """The named graph holding one document's description, sentences, mentions and facts."""
    return NamedNode(f"{GRAPH}{DOCUMENT.name}/{slug}")


def sentence_iri(doc_slug: str, start: int, end: int) -> NamedNode:
    """A sentence as an RFC 5147 fragment of its document."""
    return NamedNode(f"{document_iri(doc_slug).value}#char={start},{end}")


def mention_iri(doc_slug: str, start: int, end: int) -> NamedNode:
    """A mention as a fragment of its document."""
    return NamedNode(f"{document_iri(doc_slug).value}#mention={start},{end}")
