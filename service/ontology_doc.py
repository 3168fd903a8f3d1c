"""The ontology read once from ontology/evkg.ttl: term labels for every page and the model of the /ontology page."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from evkg.ontology.vocabulary import EVKG, ONTOLOGY_IRI
from evkg.service.paths import local_name

KINDS = (("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
         ("Datatype properties", OWL.DatatypeProperty), ("Annotation properties", OWL.AnnotationProperty),
         ("Named individuals", OWL.NamedIndividual))
CHARACTERISTICS = (OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.TransitiveProperty,
                   OWL.SymmetricProperty)


def ontology_file() -> Path:
    """The ontology's source file (Turtle), served as it is."""
    return Path(str(resources.files("evkg.ontology") / "evkg.ttl"))


def shapes_file() -> Path:
    """The SHACL shapes beside the ontology."""
    return Path(str(resources.files("evkg.ontology") / "shapes.ttl"))


@cache
def ontology_graph() -> Graph:
    """The parsed ontology; read once per process (it is part of the installed package)."""
    graph = Graph(bind_namespaces="none")  # keep the file's own prefixes (schema: is http://schema.org/ there)
    graph.parse(ontology_file(), format="turtle")
    return graph


@dataclass
class Ref:
    """A term mentioned on the page: ours link to their anchor, foreign ones to their IRI."""

    iri: str
    label: str
    ours: bool

    @property
    def href(self) -> str:
        return "#" + local_name(self.iri) if self.ours else self.iri


@dataclass
class Term:
    """One documented term with what a reader needs: label, definition, place in the hierarchy."""

    iri: str
    label: str
    kind: str
    definition: str = ""
    comment: str = ""
    parents: list[Ref] = field(default_factory=list)
    children: list[Ref] = field(default_factory=list)
    domain: list[list[Ref]] = field(default_factory=list)
    range: list[list[Ref]] = field(default_factory=list)
    inverse: list[Ref] = field(default_factory=list)
    types: list[Ref] = field(default_factory=list)
    characteristics: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return local_name(self.iri)

    @property
    def alignments(self) -> list[Ref]:
        """Parents outside evkg: the schema.org, ORG, PROV-O terms this one specialises."""
        return [ref for ref in self.parents if not ref.ours]


def _text(graph: Graph, node: Node, *predicates: URIRef) -> str:
    for predicate in predicates:
        values = sorted(graph.objects(node, predicate), key=lambda v: (getattr(v, "language", None) != "en", str(v)))
        if values:
            return str(values[0])
    return ""


def _ref(graph: Graph, node: Node) -> Ref:
    iri = str(node)
    return Ref(iri, _text(graph, node, RDFS.label) or _curie(graph, iri), iri.startswith(EVKG))


def _curie(graph: Graph, iri: str) -> str:
    try:
        return graph.namespace_manager.curie(iri, generate=False)
    except (ValueError, KeyError):
        return iri


def _refs(graph: Graph, nodes: object) -> list[Ref]:
    return sorted((_ref(graph, n) for n in nodes if isinstance(n, URIRef)), key=lambda r: r.label.lower())


def _class_expressions(graph: Graph, node: Node, predicate: URIRef) -> list[list[Ref]]:
    """Domains or ranges; a union (A or B) is one inner list."""
    expressions = []
    for value in graph.objects(node, predicate):
        union = graph.value(value, OWL.unionOf) if isinstance(value, BNode) else None
        if union is not None:
            expressions.append([_ref(graph, member) for member in Collection(graph, union)])
        elif isinstance(value, URIRef):
            expressions.append([_ref(graph, value)])
    return expressions


def _term(graph: Graph, node: URIRef, kind: str, parent: URIRef | None) -> Term:
    inverses = set(graph.objects(node, OWL.inverseOf)) | set(graph.subjects(OWL.inverseOf, node))
    return Term(
        iri=str(node), label=_text(graph, node, RDFS.label) or local_name(str(node)), kind=kind,
        definition=_text(graph, node, SKOS.definition), comment=_text(graph, node, RDFS.comment),
        parents=_refs(graph, graph.objects(node, parent)) if parent else [],
        children=_refs(graph, graph.subjects(parent, node)) if parent else [],
        domain=_class_expressions(graph, node, RDFS.domain), range=_class_expressions(graph, node, RDFS.range),
        inverse=_refs(graph, inverses),
        types=[r for r in _refs(graph, graph.objects(node, RDF.type)) if r.ours] if kind == "NamedIndividual" else [],
        characteristics=[local_name(str(c)).removesuffix("Property") for c in CHARACTERISTICS
                         if (node, RDF.type, c) in graph],
    )


@cache
def documentation() -> dict[str, object]:
    """Metadata and every evkg term grouped by kind, for the /ontology page."""
    graph = ontology_graph()
    ontology = URIRef(ONTOLOGY_IRI)
    sections = []
    for title, kind in KINDS:
        parent = RDFS.subClassOf if kind == OWL.Class else None if kind == OWL.NamedIndividual else RDFS.subPropertyOf
        nodes = sorted({n for n in graph.subjects(RDF.type, kind) if str(n).startswith(EVKG)}, key=str)
        sections.append((title, [_term(graph, n, local_name(str(kind)), parent) for n in nodes]))
    return {
        "iri": ONTOLOGY_IRI,
        "title": _text(graph, ontology, DCTERMS.title) or "evkg ontology",
        "description": _text(graph, ontology, DCTERMS.description, RDFS.comment),
        "version": _text(graph, ontology, OWL.versionInfo),
        "version_iri": str(graph.value(ontology, OWL.versionIRI) or ""),
        "license": str(graph.value(ontology, DCTERMS.license) or ""),
        "created": _text(graph, ontology, DCTERMS.created),
        "creator": _text(graph, ontology, DCTERMS.creator),
        "sections": sections,
        "hierarchy": class_tree(graph),
    }


def class_tree(graph: Graph) -> list[tuple[Ref, list]]:
    """The evkg class hierarchy as nested (class, children) pairs, roots first."""
    ours = {n for n in graph.subjects(RDF.type, OWL.Class) if str(n).startswith(EVKG)}

    def children(node: URIRef) -> list[tuple[Ref, list]]:
        kids = sorted((c for c in graph.subjects(RDFS.subClassOf, node) if c in ours), key=str)
        return [(_ref(graph, kid), children(kid)) for kid in kids]

    roots = sorted((n for n in ours if not any(p in ours for p in graph.objects(n, RDFS.subClassOf))), key=str)
    return [(_ref(graph, root), children(root)) for root in roots]


@cache
def term_labels() -> dict[str, str]:
    """rdfs:label of every ontology term, for property names and types on entity pages."""
    graph = ontology_graph()
    return {str(s): _text(graph, s, RDFS.label) for s in set(graph.subjects(RDFS.label, None)) if isinstance(s, URIRef)}


@cache
def inverse_labels() -> dict[str, str]:
    """For an incoming link via p, the label of p's inverse ("produced at" for produces)."""
    graph = ontology_graph()
    labels = term_labels()
    pairs = {}
    for a, b in graph.subject_objects(OWL.inverseOf):
        pairs[str(a)] = labels.get(str(b), local_name(str(b)))
        pairs[str(b)] = labels.get(str(a), local_name(str(a)))
    return pairs


def incoming_label(term: Node) -> str:
    """How an incoming link via p reads on the target's page: p's inverse ("produced at"), else "p (of)"."""
    return inverse_labels().get(str(term)) or f"{label_of(term)} (of)"


def label_of(term: Node) -> str:
    """A term's label from the ontology, else its local name."""
    return term_labels().get(str(term)) or local_name(str(term))
