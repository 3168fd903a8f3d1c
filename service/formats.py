"""Media types of query results and RDF graphs, and choosing one from `Accept` or a `format` parameter."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Request, Response

from service.exceptions import NotAcceptable

RESULTS = "results"  # SELECT and ASK
GRAPH = "graph"  # CONSTRUCT, DESCRIBE and the service description

# format name -> canonical media type; the first of each kind is the default
MEDIA_TYPES: dict[str, dict[str, str]] = {
    RESULTS: {
        "json": "application/sparql-results+json",
        "xml": "application/sparql-results+xml",
        "csv": "text/csv",
        "tsv": "text/tab-separated-values",
    },
    GRAPH: {
        "turtle": "text/turtle",
        "jsonld": "application/ld+json",
        "rdfxml": "application/rdf+xml",
        "ntriples": "application/n-triples",
        "nquads": "application/n-quads",
        "trig": "application/trig",
    },
}
# other names clients use for the same formats (SPARQLWrapper sends `format=json-ld`, `rdf+xml`, `n3`...)
NAME_ALIASES: dict[str, dict[str, str]] = {
    RESULTS: {"srj": "json", "srx": "xml"},
    GRAPH: {"ttl": "turtle", "n3": "turtle", "json-ld": "jsonld", "json": "jsonld", "rdf+xml": "rdfxml",
            "xml": "rdfxml", "rdf": "rdfxml", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads"},
}
MEDIA_ALIASES: dict[str, dict[str, str]] = {
    RESULTS: {"application/json": "json", "application/xml": "xml", "text/xml": "xml"},
    GRAPH: {"application/x-turtle": "turtle", "text/n3": "turtle", "text/rdf+n3": "turtle",
            "application/n3": "turtle", "application/turtle": "turtle", "application/json": "jsonld",
            "application/xml": "rdfxml", "text/xml": "rdfxml", "text/plain": "ntriples",
            "application/x-trig": "trig"},
}
TEXT_PARAMETERS = "; charset=utf-8"


def offered(kind: str) -> dict[str, str]:
    """Every media type accepted for this kind of result -> its format name (canonical ones first)."""
    names = {media_type: name for name, media_type in MEDIA_TYPES[kind].items()}
    return names | MEDIA_ALIASES[kind]


def resolve_format(kind: str, value: str) -> str | None:
    """The canonical media type for a `format` value (a name or a media type), if it fits this kind."""
    value = value.strip().lower()
    name = NAME_ALIASES[kind].get(value, value)
    if name in MEDIA_TYPES[kind]:
        return MEDIA_TYPES[kind][name]
    if value in offered(kind):
        return MEDIA_TYPES[kind][offered(kind)[value]]
    return None


def negotiate(request: Request, kind: str, format_values: Iterable[str] = ()) -> str:
    """The canonical media type to answer with; NotAcceptable (406) when nothing the client accepts fits."""
    values = [value for value in format_values if value.strip()]
    for value in values:
        media_type = resolve_format(kind, value)
        if media_type:
            return media_type
    available = ", ".join(MEDIA_TYPES[kind])
    if values:
        raise NotAcceptable(f"format {values[0]!r} is not available here; choose one of {available}")
    choices = offered(kind)
    if not request.accept_mimetypes:
        return next(iter(choices))
    best = request.accept_mimetypes.best_match(list(choices))
    if best is None:
        raise NotAcceptable(
            f"none of the accepted media types ({request.headers.get('Accept')}) is available; "
            f"this query can answer in {', '.join(choices)}"
        )
    return MEDIA_TYPES[kind][choices[best]]


def content_type(media_type: str) -> str:
    """The exact Content-Type header: every format here is UTF-8 text."""
    return media_type + TEXT_PARAMETERS


def not_modified(request: Request, etag: str) -> Response | None:
    """A 304 when a GET already holds this answer (`If-None-Match`), else None: the query need not run again."""
    if request.method not in ("GET", "HEAD") or not request.if_none_match.contains(etag):
        return None
    response = Response(status=304)
    response.set_etag(etag)
    response.vary.add("Accept")
    return response


def respond(body: bytes, media_type: str, status: int = 200) -> Response:
    """A response with the exact Content-Type and `Vary: Accept` (the body depends on it)."""
    response = Response(body, status=status, content_type=content_type(media_type))
    response.vary.add("Accept")
    return response
