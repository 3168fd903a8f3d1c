"""Serialising a build's store: the union of all graphs (ttl, nt, jsonld, rdf) and the named graphs (trig, nq)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import DefaultGraph, RdfFormat, Store

from graph import layout
from graph.iris import DCTERMS, EVKG, GEO, GRAPH, PROV, RDF, RDFS, RESOURCE, SKOS, XSD
from graph.statistics import measure

RESOURCE_KINDS = ("company", "alliance", "board", "brand", "plant", "facility", "platform", "model", "city",
                  "country", "region", "production", "investment", "event")
# prefixes that make Turtle and TriG readable; document IRIs stay whole because their fragments need escapes
PREFIXES = {
    "evkg": EVKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": "http://schema.org/",  # as the ontology aligns to it
    "org": "http://www.w3.org/ns/org#",
    "geo": GEO,
    "docgraph": GRAPH + "document/",
    **{kind: f"{RESOURCE}{kind}/" for kind in RESOURCE_KINDS},
}
UNION_EXTENSIONS = ("ttl", "nt", "jsonld", "rdf")  # JSON-LD could hold graphs, but the spec makes it a union
# `evkg export --format` names -> dump file extension
EXPORT_EXTENSIONS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "xml": "rdf", "trig": "trig", "nquads": "nq"}


def union_of(store: Store) -> Store:
    """An in-memory store whose default graph holds every triple of every graph once.

    Each graph goes through N-Triples so that the copy runs inside Oxigraph, not quad by quad in Python.
    """
    triples = io.BytesIO()
    for graph in store.named_graphs():
        store.dump(triples, RdfFormat.N_TRIPLES, from_graph=graph)
    store.dump(triples, RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    union = Store()
    union.bulk_load(triples.getvalue(), RdfFormat.N_TRIPLES)
    return union


def write_dump(store: Store, extension: str, output: Path | BinaryIO, union: Store | None = None) -> None:
    """One serialisation; union formats need `union_of(store)` (computed here when not given)."""
    rdf_format = getattr(RdfFormat, layout.DUMP_FORMATS[extension])
    if extension in UNION_EXTENSIONS:
        union = union_of(store) if union is None else union
        union.dump(output, rdf_format, from_graph=DefaultGraph(), prefixes=PREFIXES)
    else:
        store.dump(output, rdf_format, prefixes=PREFIXES)


def write_dumps(store: Store, build: Path, merged: bool = False) -> int:
    """Every dump of the build into its dumps folder, and the build's statistics; returns the union's size.

    The on-disk store is read once into memory: scanning it for each format costs twice as long overall.
    `merged`: the store's default graph is the merge of its named graphs (a published build), with blank nodes
    of its own that would count twice, so only the named graphs are read.
    """
    layout.dumps_path(build).mkdir(parents=True, exist_ok=True)
    dataset = Store()
    if merged:
        for graph in store.named_graphs():
            dataset.bulk_load(store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph), RdfFormat.N_TRIPLES,
                              to_graph=graph)
    else:
        dataset.bulk_load(store.dump(format=RdfFormat.N_QUADS), RdfFormat.N_QUADS)
    union = union_of(dataset)
    for extension in layout.DUMP_FORMATS:
        write_dump(dataset, extension, layout.dump_file(build, extension), union)
    statements = {layout.dump_file(build, extension): len(union if extension in UNION_EXTENSIONS else dataset)
                  for extension in layout.DUMP_FORMATS}
    measure(dataset, union, statements).write(build)
    return len(union)
