"""Conversions between rdflib terms (the Python API's currency) and pyoxigraph terms (the store's)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from evkg.service.executor import RDF_LANG_STRING, XSD_STRING


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An rdflib term; plain strings get no datatype, as rdflib users expect."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language or datatype in (XSD_STRING, RDF_LANG_STRING):
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"rdflib has no counterpart for the RDF 1.2 term {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term for binding a query variable."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}: not an IRI, blank node or literal")
