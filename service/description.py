"""The SPARQL 1.1 Service Description of `/sparql`, built from the real capabilities and the graph."""

from __future__ import annotations

from flask import Response, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from graph.statistics import BuildStatistics
from service.engine import Engine, NoGraph
from service.formats import GRAPH, MEDIA_TYPES, RESULTS, respond

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
# format name -> W3C unique URI for the format
FORMAT_IRIS = {
    "json": FORMATS["SPARQL_Results_JSON"], "xml": FORMATS["SPARQL_Results_XML"],
    "csv": FORMATS["SPARQL_Results_CSV"], "tsv": FORMATS["SPARQL_Results_TSV"],
    "turtle": FORMATS["Turtle"], "jsonld": FORMATS["JSON-LD"], "rdfxml": FORMATS["RDF_XML"],
    "ntriples": FORMATS["N-Triples"], "nquads": FORMATS["N-Quads"], "trig": FORMATS["TriG"],
}
# canonical media type -> rdflib serializer name
RDFLIB_FORMATS = {
    "text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
    "application/n-triples": "nt", "application/n-quads": "nquads", "application/trig": "trig",
}


def statistics(engine: Engine) -> BuildStatistics:
    """The served build's counts, measured by the build (graph.statistics); NoGraph before the first build. Read again
    when stats.json is replaced, as it is once the dumps of a build published before them are written."""
    build = engine.build()
    return engine.per_build(f"statistics {build.statistics_version()}", build.statistics)


def description_graph(engine: Engine, endpoint: str) -> Graph:
    """The description as RDF: languages, formats, features and the default dataset."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
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
    for kind in (RESULTS, GRAPH):
        for name in MEDIA_TYPES[kind]:
            graph.add((service, SD.resultFormat, FORMAT_IRIS[name]))
    try:
        stats = statistics(engine)
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


def service_description(engine: Engine, media_type: str) -> Response:
    """The description of this endpoint in the negotiated RDF syntax."""
    graph = description_graph(engine, request.base_url)
    body = graph.serialize(format=RDFLIB_FORMATS[media_type], encoding="utf-8")
    return respond(body, media_type)
