"""The SHACL shapes run with pyshacl, each result turned into one line a person can read."""

from __future__ import annotations

import pyshacl
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDFS, SH, SKOS, XSD, NamespaceManager

from ontology import SHAPES_FILE

EVKG = Namespace("https://w3id.org/evkg/ontology#")


def shacl_problems(data: Graph, ontology: Graph) -> list[str]:
    """Every SHACL result on the data, sorted; empty when the data conforms.

    The ontology is the ont_graph (mixed into the data), so a shape on evkg:Organization also checks
    companies; no RDFS/OWL inference is run here: entailment is HermiT's job, SHACL checks what is stated.
    """
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", abort_on_first=False, advanced=False
    )
    if conforms:
        return []
    names = _names()
    return sorted(_describe(results, result, names) for result in results.subjects(RDF.type, SH.ValidationResult))


def _names() -> NamespaceManager:
    """Short prefixes for the vocabularies a reader knows; entity IRIs stay whole so they can be copied."""
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in (("evkg", EVKG), ("rdfs", RDFS), ("skos", SKOS), ("dcterms", DCTERMS), ("xsd", XSD)):
        names.bind(prefix, namespace)
    return names


def _describe(results: Graph, result: object, names: NamespaceManager) -> str:
    """`SHACL Violation: <focus> path [Constraint]: message (value …)`."""
    severity = results.value(result, SH.resultSeverity)
    component = _local(results.value(result, SH.sourceConstraintComponent)).removesuffix("ConstraintComponent")
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    message = results.value(result, SH.resultMessage)
    text = f"SHACL {_local(severity)}: {_term(focus, names)}"
    if path is not None:
        text += f" {_path(results, path, names)}"
    text += f" [{component}]: {message}"
    if value is not None and value != focus:
        text += f" (value {_term(value, names)})"
    return text


def _path(results: Graph, path: object, names: NamespaceManager) -> str:
    """A SHACL property path in SPARQL syntax: ^p for inverse, p/q for sequence."""
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path(results, inverse, names)
        if results.value(path, RDF.first) is not None:
            return "/".join(_path(results, step, names) for step in Collection(results, path))
    return _term(path, names)


def _term(term: object, names: NamespaceManager) -> str:
    return term.n3(names) if isinstance(term, (URIRef, Literal)) else str(term)


def _local(term: object) -> str:
    """sh:Violation -> Violation; every SHACL result carries a severity and a constraint component."""
    return str(term).rsplit("#", 1)[-1]
