"""The SPARQL 1.1 Service Description of `/sparql`, built from the real capabilities and the graph."""

from __future__ import annotations

from flask import Response, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from evkg.graph.formats import FORMATS, W3C_FORMATS, Format
from evkg.service.engine import Engine, NoGraph
from evkg.service.negotiation import respond

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")


def description_graph(engine: Engine, endpoint: str) -> Graph:
    """The description as RDF: languages, formats, features and the default dataset."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", W3C_FORMATS)
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, DCTERMS.title, Literal("evkg SPARQL endpoint (read-only)")))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.feature, SD.EmptyGraphs))
    graph.add((service, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    for fmt in FORMATS:
        if fmt.iri:
            graph.add((service, SD.resultFormat, URIRef(fmt.iri)))
    try:
        stats = engine.statistics()
    except NoGraph:
        return graph
    dataset, default = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    for name, count in stats.graphs.items():
        named, described = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(count, datatype=XSD.integer)))
    return graph


def service_description(engine: Engine, fmt: Format) -> Response:
    """The description of this endpoint in the negotiated RDF syntax; written once per build and statistics version,
    since it names every document's graph, thousands of them in a large build."""
    endpoint = request.base_url

    def written() -> bytes:
        return description_graph(engine, endpoint).serialize(format=fmt.rdflib, encoding="utf-8")

    try:
        version = engine.build().statistics_version()
    except NoGraph:
        return respond(written(), fmt.media_type)
    return respond(engine.per_build(f"service description {version} {fmt.media_type} {endpoint}", written),
                   fmt.media_type)
