"""Serialising a build's store: the union of all graphs (ttl, nt, jsonld, rdf) and the named graphs (trig, nq)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import DefaultGraph, RdfFormat, Store

from evkg.graph import layout
from evkg.graph.formats import Format, by_extension, dump_formats
from evkg.graph.statistics import graph_sizes, measure
from evkg.graph.store import STORE_SOURCES
from evkg.ontology.vocabulary import PREFIXES


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
    """The dump of one file extension (graph.formats); union formats need `union_of(store)` (computed here when
    not given)."""
    fmt = by_extension(extension)
    rdf_format = RdfFormat.from_media_type(fmt.media_type)
    if fmt.union:
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
    dataset = Store()
    if merged:
        for graph in store.named_graphs():
            dataset.bulk_load(store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph), RdfFormat.N_TRIPLES,
                              to_graph=graph)
    else:
        dataset.bulk_load(store.dump(format=RdfFormat.N_QUADS), RdfFormat.N_QUADS)
    union = union_of(dataset)
    return dump_union(union, dump_named_graphs(dataset, build), build)


@dataclass(frozen=True)
class NamedGraphs:
    """What the statistics need of the named graphs once their dumps are written and their store let go of."""

    sizes: dict[str, int]  # triples of each named graph
    quads: int


Written = Callable[[str], None]  # told each dump's file extension once the dump is written


def dump_named_graphs(dataset: Store, build: Path, written: Written = lambda extension: None) -> NamedGraphs:
    """The dumps that keep the named graphs (graph.formats), of an in-memory store holding the build's named graphs
    only, as a full build makes it."""
    layout.dumps_path(build).mkdir(parents=True, exist_ok=True)
    for fmt in _store_sources_first(fmt for fmt in dump_formats() if not fmt.union):
        write_dump(dataset, fmt.extension, layout.dump_file(build, fmt.extension))
        written(fmt.extension)
    return NamedGraphs(graph_sizes(dataset), len(dataset))


def dump_union(union: Store, graphs: NamedGraphs, build: Path, written: Written = lambda extension: None) -> int:
    """The dumps of the union of all graphs (graph.formats) from `union_of`'s store, and the build's statistics;
    returns the union's size."""
    for fmt in _store_sources_first(fmt for fmt in dump_formats() if fmt.union):
        write_dump(union, fmt.extension, layout.dump_file(build, fmt.extension), union)
        written(fmt.extension)
    triples = len(union)  # counted by a scan of the store: 0.2 s at a million triples
    statements = {layout.dump_file(build, fmt.extension): triples if fmt.union else graphs.quads
                  for fmt in dump_formats()}
    measure(graphs.sizes, union, statements).write(build)
    return triples


def _store_sources_first(formats: Iterable[Format]) -> list[Format]:
    """The dumps the on-disk store loads from (graph.store.STORE_SOURCES) first, so that it loads while the others
    are written."""
    return sorted(formats, key=lambda fmt: fmt.extension not in STORE_SOURCES)
