"""The downloads page, the dump files (sizes, triple counts, checksums, ETags) and the VoID description."""

from __future__ import annotations

import hashlib
import io
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request, send_file
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from evkg.graph import layout
from evkg.graph.formats import HTML, RDF_XML, TEXT, TURTLE, Format, dump_formats
from evkg.graph.store_client import redact
from evkg.ontology.vocabulary import EVKG, ONTOLOGY_IRI, RESOURCE
from evkg.service.engine import get_engine
from evkg.service.linked_data import REPRESENTATIONS, ontology_body, serialize
from evkg.service.negotiation import negotiate, respond
from evkg.service.ontology_doc import ontology_file, shapes_file

blueprint = Blueprint("downloads", __name__)

MAX_AGE = 300  # seconds; a new build replaces the files under the same names, and the ETag revalidates cheaply
RETRY_AFTER = 30  # seconds; a million triples' dumps take about a minute to write after their build is published


@dataclass(frozen=True)
class DumpFile:
    """One downloadable file with what the page and the headers say about it."""

    name: str
    path: Path | None  # None for a file made in memory
    media_type: str
    about: str
    size: int
    statements: int
    sha256: str
    body: bytes | None = None  # the bytes of a file made in memory


@cache
def _facts(path: Path, mtime_ns: int, size: int, fmt: Format) -> tuple[int, str]:
    """Statement count and SHA-256 of a file, computed once per version of the file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    with path.open("rb") as handle:
        statements = sum(1 for _ in ox.parse(handle, ox.RdfFormat.from_media_type(fmt.media_type)))
    return statements, digest.hexdigest()


def _file(name: str, path: Path, fmt: Format, about: str) -> DumpFile:
    stat = path.stat()
    statements, sha256 = _facts(path, stat.st_mtime_ns, stat.st_size, fmt)
    return DumpFile(name, path, fmt.media_type, about, stat.st_size, statements, sha256)


@cache
def _ontology_rdfxml() -> DumpFile:
    """The ontology as RDF/XML (the bytes /ontology.rdf serves), made once per process and kept in memory: about
    as large as the Turtle file, and nothing on disk to clean up after the process."""
    body = ontology_body(RDF_XML)
    statements = sum(1 for _ in ox.parse(body, ox.RdfFormat.from_media_type(RDF_XML.media_type)))
    return DumpFile("evkg-ontology.rdf", None, RDF_XML.media_type, "The OWL ontology, RDF/XML", len(body), statements,
                    hashlib.sha256(body).hexdigest(), body)


def files() -> list[DumpFile]:
    """Every file on the downloads page: the build's dumps (as the build measured them) when the served build is
    on this machine, the ontology, the shapes."""
    engine = get_engine()
    folder, measured = engine.build().folder, engine.statistics().dumps
    listed = [] if folder is None else [
        DumpFile(path.name, path, fmt.media_type, _contents(fmt), **asdict(measured[path.name]))
        for fmt, path in ((fmt, layout.dump_file(folder, fmt.extension)) for fmt in dump_formats())
        if path.name in measured]
    listed += [
        _file("evkg-ontology.ttl", ontology_file(), TURTLE, "The OWL ontology, Turtle"),
        _ontology_rdfxml(),
        _file("evkg-shapes.ttl", shapes_file(), TURTLE, "The SHACL shapes, Turtle"),
    ]
    return listed


def _contents(fmt: Format) -> str:
    """What a dump in this format holds, as the downloads page says it."""
    if fmt.union:
        return f"The union of all graphs, {fmt.label}"
    return f"Every named graph (one per document, entities, ontology), {fmt.label}"


def dumps_pending() -> bool:
    """Whether the served build was published before its dumps were written, and they are not yet (graph.pending_dumps):
    meanwhile none is listed, and asking for one is answered 503 with Retry-After."""
    engine = get_engine()
    return engine.build().folder is not None and not engine.statistics().dumps


@blueprint.get("/downloads")
def downloads_page() -> str:
    """The files with their formats, sizes, statement counts and checksums."""
    engine = get_engine()
    store = redact(engine.settings.store) if engine.settings.store and engine.build().folder is None else None
    return render_template("downloads.html", files=files(), store=store, pending=dumps_pending(),
                           build=engine.build().id)


@blueprint.get("/downloads/<name>")
def download(name: str) -> Response:
    """One file, with a strong ETag (its SHA-256) so clients and caches revalidate instead of refetching."""
    found = next((f for f in files() if f.name == name), None)
    if found is None and name in {f"{layout.DUMP_STEM}.{fmt.extension}" for fmt in dump_formats()} and dumps_pending():
        response = Response(f"the dumps of build {get_engine().build().id} are being written; try again shortly\n",
                            status=503, mimetype=TEXT.media_type)
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response
    if found is None:
        abort(404, f"no download called {name!r}")
    response = send_file(found.path or io.BytesIO(found.body), mimetype=found.media_type, as_attachment=False, download_name=found.name,
                         etag=found.sha256, max_age=MAX_AGE, conditional=True)
    response.headers["Digest"] = f"sha-256={found.sha256}"
    return response


def void_graph(root: str) -> Graph:
    """VoID of the served build: counts, class and property partitions, dumps, endpoint, vocabulary."""
    engine = get_engine()
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    dataset = URIRef(root + ".well-known/void#evkg")
    add = graph.add
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, DCTERMS.title, Literal("evkg: a knowledge graph of the electric-vehicle industry")))
    add((dataset, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    add((dataset, VOID.uriSpace, Literal(RESOURCE)))
    add((dataset, VOID.vocabulary, URIRef(EVKG)))
    add((dataset, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    add((dataset, VOID.exampleResource, URIRef(RESOURCE + "plant/ampere-douai")))
    counts = engine.statistics()
    add((dataset, VOID.triples, _integer(counts.triples)))
    add((dataset, VOID.distinctSubjects, _integer(counts.subjects)))
    add((dataset, VOID.distinctObjects, _integer(counts.objects)))
    add((dataset, VOID.entities, _integer(counts.entities)))
    for dump in files():
        add((dataset, VOID.dataDump, URIRef(f"{root}downloads/{dump.name}")))
    add((dataset, VOID.classes, _integer(len(counts.classes))))
    for cls, entities in counts.classes.items():
        partition = BNode()
        add((dataset, VOID.classPartition, partition))
        add((partition, VOID["class"], URIRef(cls)))
        add((partition, VOID.entities, _integer(entities)))
    add((dataset, VOID.properties, _integer(len(counts.properties))))
    for prop, triples in counts.properties.items():
        partition = BNode()
        add((dataset, VOID.propertyPartition, partition))
        add((partition, VOID.property, URIRef(prop)))
        add((partition, VOID.triples, _integer(triples)))
    return graph


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


@blueprint.get("/.well-known/void")
def void() -> Response:
    """The VoID description in Turtle by default, or any RDF syntax the client asks for."""
    chosen = negotiate(REPRESENTATIONS)
    chosen = TURTLE if chosen == HTML else chosen
    engine, root = get_engine(), request.url_root
    # written once per build and statistics version: rdflib took most of a VoID request's 60-90 ms writing it
    body = engine.per_build(f"void {engine.build().statistics_version()} {chosen.media_type} {root}",
                            lambda: serialize(void_graph(root), chosen))
    return respond(body, chosen.media_type)

