"""Where each IRI of the graph is shown on this server, so every page links the same way."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node

from evkg.ontology.vocabulary import EVKG, ONTOLOGY_IRI, RESOURCE, RESOURCE_SEGMENTS


def local_name(iri: str) -> str:
    """The part after the last '#' or '/', used as a fallback label and as an anchor."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def href(term: Node) -> str | None:
    """The page of a term on this server: entity paths, ontology anchors; None for foreign IRIs."""
    iri = str(term)
    if not isinstance(term, URIRef):
        return None
    if iri.startswith(RESOURCE):
        return "/resource/" + iri[len(RESOURCE):]
    if iri.startswith(EVKG):
        return "/ontology#" + iri[len(EVKG):]
    if iri == ONTOLOGY_IRI:
        return "/ontology"
    return None


def entity_iri(kind: str, slug: str) -> URIRef | None:
    """The IRI served at /resource/{kind}/{slug}, or None when the kind is not one of ours."""
    return URIRef(f"{RESOURCE}{kind}/{slug}") if kind in RESOURCE_SEGMENTS else None


def kind_of(term: Node) -> str | None:
    """The `{kind}` segment of an entity IRI (plant, model…), used for colours and icons."""
    iri = str(term)
    if not iri.startswith(RESOURCE):
        return None
    return iri[len(RESOURCE):].split("/", 1)[0]
