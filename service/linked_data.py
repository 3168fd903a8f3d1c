"""Linked data: every entity IRI path and the ontology namespace answer in HTML or RDF by content negotiation."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, make_response, render_template, request
from rdflib import Graph

from ontology.vocabulary import PREFIXES, sparql_prefixes
from service.browse import entity_page
from service.description import RDFLIB_FORMATS
from service.engine import get_engine
from service.formats import respond
from service.ontology_doc import documentation, ontology_file, ontology_graph
from service.paths import entity_iri

blueprint = Blueprint("linked_data", __name__)

HTML = "text/html"
# explicit representation URL suffix -> media type
EXTENSIONS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "rdf": "application/rdf+xml",
              "nt": "application/n-triples"}
OFFERED = [HTML, *EXTENSIONS.values()]
# what pages call each representation in their "As data" links
EXTENSION_NAMES = {"ttl": "Turtle", "jsonld": "JSON-LD", "rdf": "RDF/XML", "nt": "N-Triples"}
# other names clients send for the same syntaxes
ALIASES = {"application/x-turtle": "text/turtle", "application/json": "application/ld+json",
           "application/xml": "application/rdf+xml", "text/plain": "application/n-triples"}

DESCRIPTION = sparql_prefixes("rdfs") + """CONSTRUCT { ?e ?p ?o . ?o rdfs:label ?label . } WHERE {
  ?e ?p ?o .
  OPTIONAL { ?o rdfs:label ?label . FILTER(isIRI(?o)) }
}"""


def negotiate() -> str:
    """The media type to answer with: HTML for browsers (and for no Accept), RDF for RDF clients; 406 otherwise."""
    if not request.accept_mimetypes.provided:
        return HTML
    best = request.accept_mimetypes.best_match(OFFERED + list(ALIASES))
    if best is None:
        abort(406, f"this resource is available as {', '.join(OFFERED)}")
    return ALIASES.get(best, best)


def _split(name: str) -> tuple[str, str | None]:
    stem, dot, extension = name.rpartition(".")
    return (stem, extension) if dot and extension in EXTENSIONS else (name, None)


def serialize(graph: Graph, media_type: str) -> bytes:
    """RDF in the chosen syntax with the project's prefixes (compact Turtle, a JSON-LD @context)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    if media_type == "application/ld+json":
        return graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True, encoding="utf-8")
    return graph.serialize(format=RDFLIB_FORMATS[media_type], encoding="utf-8")


@blueprint.get("/resource/<kind>/<name>")
def entity(kind: str, name: str) -> Response:
    """An entity at its IRI's path; `.ttl`, `.jsonld`, `.rdf`, `.nt` name one representation explicitly."""
    slug, extension = _split(name)
    iri = entity_iri(kind, slug)
    if iri is None:
        abort(404, f"no kind of resource called {kind!r}")
    media_type = EXTENSIONS[extension] if extension else negotiate()
    alternates = [(f"/resource/{kind}/{slug}.{ext}", media, EXTENSION_NAMES[ext]) for ext, media in EXTENSIONS.items()]
    if media_type == HTML:
        response = make_response(entity_page(iri, alternates))
    else:
        graph = get_engine().graph(DESCRIPTION, bindings={"e": iri})
        if not len(graph):
            abort(404, f"nothing is known about <{iri}>")
        response = respond(serialize(graph, media_type), media_type)
    if extension is None:
        response.vary.add("Accept")
        response.headers["Link"] = ", ".join(f'<{url}>; rel="alternate"; type="{media}"'
                                             for url, media, _ in alternates)
    return response


@cache
def ontology_body(media_type: str) -> bytes:
    """The ontology in an RDF syntax, written once per process from the graph ontology_doc already parsed."""
    if media_type == "text/turtle":
        return ontology_file().read_bytes()  # the source file itself, comments and all
    return ontology_graph().serialize(format=RDFLIB_FORMATS[media_type], encoding="utf-8")


@blueprint.get("/ontology")
@blueprint.get("/ontology.<extension>")
def ontology(extension: str | None = None) -> Response:
    """The ontology at its namespace path: the documentation page, or the OWL file by Accept or extension."""
    if extension is not None and extension not in EXTENSIONS:
        abort(404, f"the ontology is available as {', '.join('.' + ext for ext in EXTENSIONS)}")
    media_type = EXTENSIONS[extension] if extension else negotiate()
    if media_type == HTML:
        response = make_response(render_template("ontology.html", o=documentation(), extensions=EXTENSIONS))
    else:
        response = respond(ontology_body(media_type), media_type)
    if extension is None:
        response.vary.add("Accept")
    return response


