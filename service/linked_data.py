"""Linked data: every entity IRI path and the ontology namespace answer in HTML or RDF by content negotiation."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, make_response, render_template
from rdflib import Graph

from evkg.graph.formats import HTML, JSON_LD, N_TRIPLES, RDF_XML, TURTLE, Format
from evkg.ontology.vocabulary import PREFIXES, sparql_prefixes
from evkg.service.browse import entity_page
from evkg.service.engine import get_engine
from evkg.service.negotiation import negotiate, respond
from evkg.service.ontology_doc import documentation, ontology_file, ontology_graph
from evkg.service.paths import entity_iri

blueprint = Blueprint("linked_data", __name__)

# the representations of entities and of the ontology: a page, and the RDF syntaxes that hold one graph
REPRESENTATIONS = (HTML, TURTLE, JSON_LD, RDF_XML, N_TRIPLES)
SYNTAXES = {fmt.extension: fmt for fmt in REPRESENTATIONS if fmt.extension}  # by URL suffix: `.ttl`, `.jsonld`...

DESCRIPTION = sparql_prefixes("rdfs") + """CONSTRUCT { ?e ?p ?o . ?o rdfs:label ?label . } WHERE {
  ?e ?p ?o .
  OPTIONAL { ?o rdfs:label ?label . FILTER(isIRI(?o)) }
}"""


def _split(name: str) -> tuple[str, str | None]:
    stem, dot, extension = name.rpartition(".")
    return (stem, extension) if dot and extension in SYNTAXES else (name, None)


def serialize(graph: Graph, fmt: Format) -> bytes:
    """RDF in the chosen syntax with the project's prefixes (compact Turtle, a JSON-LD @context)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    if fmt == JSON_LD:
        return graph.serialize(format=fmt.rdflib, context=dict(PREFIXES), auto_compact=True, encoding="utf-8")
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")


@blueprint.get("/resource/<kind>/<name>")
def entity(kind: str, name: str) -> Response:
    """An entity at its IRI's path; `.ttl`, `.jsonld`, `.rdf`, `.nt` name one representation explicitly."""
    slug, extension = _split(name)
    iri = entity_iri(kind, slug)
    if iri is None:
        abort(404, f"no kind of resource called {kind!r}")
    chosen = SYNTAXES[extension] if extension else negotiate(REPRESENTATIONS)
    alternates = [(f"/resource/{kind}/{slug}.{ext}", fmt.media_type, fmt.label) for ext, fmt in SYNTAXES.items()]
    if chosen == HTML:
        response = make_response(entity_page(iri, alternates))
    else:
        graph = get_engine().graph(DESCRIPTION, bindings={"e": iri})
        if not len(graph):
            abort(404, f"nothing is known about <{iri}>")
        response = respond(serialize(graph, chosen), chosen.media_type)
    if extension is None:
        response.vary.add("Accept")
        response.headers["Link"] = ", ".join(f'<{url}>; rel="alternate"; type="{media}"'
                                             for url, media, _ in alternates)
    return response


@cache
def ontology_body(fmt: Format) -> bytes:
    """The ontology in an RDF syntax, written once per process from the graph ontology_doc already parsed."""
    if fmt == TURTLE:
        return ontology_file().read_bytes()  # the source file itself, comments and all
    return ontology_graph().serialize(format=fmt.rdflib, encoding="utf-8")


@blueprint.get("/ontology")
@blueprint.get("/ontology.<extension>")
def ontology(extension: str | None = None) -> Response:
    """The ontology at its namespace path: the documentation page, or the OWL file by Accept or extension."""
    if extension is not None and extension not in SYNTAXES:
        abort(404, f"the ontology is available as {', '.join('.' + ext for ext in SYNTAXES)}")
    chosen = SYNTAXES[extension] if extension else negotiate(REPRESENTATIONS)
    if chosen == HTML:
        extensions = {ext: fmt.media_type for ext, fmt in SYNTAXES.items()}
        response = make_response(render_template("ontology.html", o=documentation(), extensions=extensions))
    else:
        response = respond(ontology_body(chosen), chosen.media_type)
    if extension is None:
        response.vary.add("Accept")
    return response


