"""The SHACL shapes run with pyshacl, each result turned into one line a person can read."""

from __future__ import annotations

import pyshacl
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager

from evkg.ontology import SHAPES_FILE
from evkg.ontology.vocabulary import PREFIXES

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def shacl_problems(graph: Graph, focus: set[str] | None = None) -> list[str]:
    """Every SHACL result on `graph` (the data together with the ontology), sorted; empty when it conforms.
    With `focus` (IRIs), only the results on those focus nodes: the graph may hold other nodes only in part.

    The ontology is in the graph, so a shape on evkg:Organization also checks companies; no RDFS/OWL
    inference is run here: entailment is HermiT's job, SHACL checks what is stated. Given no ont_graph,
    pyshacl validates the graph in place instead of copying it.
    """
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes(), inference="none", abort_on_first=False, advanced=False
    )
    return [] if conforms else describe(results, focus)


def shapes() -> Graph:
    """The shapes, each property shape of a targeted node shape given that node shape's targets itself.

    Same results: a property shape reached through sh:property is checked on the node shape's focus nodes,
    and with the node shape's targets it has exactly those focus nodes. But pyshacl checks a property
    shape under sh:property once per focus node, rebuilding its constraints each time, and a targeted
    one once for all its focus nodes, which on a large build is several times faster.
    """
    graph = Graph().parse(SHAPES_FILE, format="turtle")
    nested = set(graph.objects())
    for shape in set(graph.subjects(SH.property)) - nested:
        targets = [(target, value) for target in TARGETS for value in graph.objects(shape, target)]
        if not targets:
            continue
        for property_shape in list(graph.objects(shape, SH.property)):
            graph.remove((shape, SH.property, property_shape))
            for target, value in targets:
                graph.add((property_shape, target, value))
    return graph


def describe(results: Graph, focus: set[str] | None = None) -> list[str]:
    """One line per result of a SHACL validation report (on the `focus` nodes only, when given), sorted."""
    names = _names()
    return sorted(_describe(results, result, names) for result in results.subjects(RDF.type, SH.ValidationResult)
                  if focus is None or str(results.value(result, SH.focusNode)) in focus)


def _names() -> NamespaceManager:
    """Short prefixes for the vocabularies a reader knows; entity IRIs stay whole so they can be copied."""
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix in ("evkg", "rdfs", "skos", "dcterms", "xsd"):
        names.bind(prefix, PREFIXES[prefix])
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
