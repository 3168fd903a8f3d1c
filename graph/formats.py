"""Every format evkg writes or answers in: its names, media types, file extension and how libraries call it.

One table for the dumps and `evkg export` (graph/) and for content negotiation, the downloads page, the
OpenAPI and service descriptions (service/). It lives in graph/, the lowest layer that writes formats for
people; ontology/ only reads the Turtle and N-Triples it is handed, by pyoxigraph's own names. Plain data, no
web framework or RDF library: `evkg --help` lists the export formats without loading either, and pyoxigraph
finds its own format from the media type (`RdfFormat.from_media_type`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RESULTS = "results"  # SELECT and ASK answers
GRAPH = "graph"  # RDF: CONSTRUCT and DESCRIBE answers, dumps, entity descriptions, VoID, the service description
PAGE = "page"  # what people and scripts read besides those: HTML pages, plain JSON, plain-text errors
W3C_FORMATS = "http://www.w3.org/ns/formats/"  # the W3C's IRIs for formats, as service descriptions name them


@dataclass(frozen=True)
class Format:
    """One format; `name` is its `format=` value, `media_type` the Content-Type it is sent with."""

    name: str
    kind: str
    media_type: str
    label: str = ""  # what pages call an RDF format
    iri: str | None = None  # its W3C IRI, for RDF and results formats
    extension: str | None = None  # of dump files and of explicit representation URLs (`/resource/plant/x.ttl`)
    rdflib: str | None = None  # rdflib's name for its parser and serialiser
    export: str | None = None  # its `evkg export --format` value
    union: bool = True  # a dump in it holds the union of all graphs (JSON-LD could keep graphs; the contract says union)
    names: tuple[str, ...] = ()  # other `format=` values clients send for it (SPARQLWrapper sends json-ld, n3...)
    media_aliases: tuple[str, ...] = ()  # other media types clients send for it

    def matches(self, value: str) -> bool:
        """Whether a `format` value or URL suffix (a name or a media type, any case) means this format."""
        value = value.strip().lower()
        return value in (self.name, *self.names, self.media_type, *self.media_aliases)


SPARQL_JSON = Format("json", RESULTS, "application/sparql-results+json", iri=W3C_FORMATS + "SPARQL_Results_JSON",
                     names=("srj",), media_aliases=("application/json",))
CSV = Format("csv", RESULTS, "text/csv", iri=W3C_FORMATS + "SPARQL_Results_CSV")
TSV = Format("tsv", RESULTS, "text/tab-separated-values", iri=W3C_FORMATS + "SPARQL_Results_TSV")
SPARQL_XML = Format("xml", RESULTS, "application/sparql-results+xml", iri=W3C_FORMATS + "SPARQL_Results_XML",
                    names=("srx",), media_aliases=("application/xml", "text/xml"))
TURTLE = Format("turtle", GRAPH, "text/turtle", "Turtle", W3C_FORMATS + "Turtle",
                extension="ttl", rdflib="turtle", export="turtle", names=("ttl", "n3"),
                media_aliases=("application/x-turtle", "text/n3", "text/rdf+n3", "application/n3", "application/turtle"))
JSON_LD = Format("jsonld", GRAPH, "application/ld+json", "JSON-LD", W3C_FORMATS + "JSON-LD",
                 extension="jsonld", rdflib="json-ld", export="jsonld", names=("json-ld", "json"),
                 media_aliases=("application/json",))
RDF_XML = Format("rdfxml", GRAPH, "application/rdf+xml", "RDF/XML", W3C_FORMATS + "RDF_XML",
                 extension="rdf", rdflib="xml", export="xml", names=("rdf+xml", "xml", "rdf"),
                 media_aliases=("application/xml", "text/xml"))
N_TRIPLES = Format("ntriples", GRAPH, "application/n-triples", "N-Triples", W3C_FORMATS + "N-Triples",
                   extension="nt", rdflib="nt", export="nt", names=("nt", "n-triples"), media_aliases=("text/plain",))
N_QUADS = Format("nquads", GRAPH, "application/n-quads", "N-Quads", W3C_FORMATS + "N-Quads",
                 extension="nq", rdflib="nquads", export="nquads", union=False, names=("nq",))
TRIG = Format("trig", GRAPH, "application/trig", "TriG", W3C_FORMATS + "TriG",
              extension="trig", rdflib="trig", export="trig", union=False, media_aliases=("application/x-trig",))
HTML = Format("html", PAGE, "text/html")
JSON = Format("json", PAGE, "application/json")
TEXT = Format("text", PAGE, "text/plain")

# each kind's formats in the order they are preferred: the first is the default, and wins a tie in `Accept`
FORMATS = (SPARQL_JSON, CSV, TSV, SPARQL_XML, TURTLE, JSON_LD, RDF_XML, N_TRIPLES, N_QUADS, TRIG, HTML, JSON, TEXT)


def formats(kind: str) -> tuple[Format, ...]:
    """The formats of one kind, the default first."""
    return tuple(fmt for fmt in FORMATS if fmt.kind == kind)


def find(offered: Iterable[Format], value: str) -> Format | None:
    """The first of the offered formats that a `format` value or URL suffix means, if any."""
    return next((fmt for fmt in offered if fmt.matches(value)), None)


def by_extension(extension: str) -> Format | None:
    """The RDF format of a file extension or representation suffix (`ttl`, `nq`...)."""
    return next((fmt for fmt in FORMATS if fmt.extension == extension), None)


def dump_formats() -> tuple[Format, ...]:
    """The formats a build writes a dump in: the union ones first, then those that keep the named graphs."""
    return tuple(sorted((fmt for fmt in FORMATS if fmt.extension), key=lambda fmt: not fmt.union))
