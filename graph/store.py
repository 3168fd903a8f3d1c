"""The on-disk pyoxigraph store of a build: created once by the build, then only opened read-only.

Named graphs hold what each document states (and the entity directory and the ontology); the default
graph holds their RDF merge, each triple once, written when the build is complete. Queries read the
default graph as it is: pyoxigraph's union mode would return a triple once per graph stating it
(a bag, not a merge) and plans 10-80x slower on it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple

from evkg.graph import layout
from evkg.graph.iris import ONTOLOGY_GRAPH
from evkg.ontology import ONTOLOGY_FILE


def new_dataset() -> Store:
    """A full build's graphs in memory, where loading them takes seconds, not the on-disk store's tens of seconds
    (`load_store` writes that one meanwhile), already holding the ontology in its own graph."""
    dataset = Store()
    dataset.bulk_load(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    return dataset


STORE_SOURCES = ("nq", "nt")  # the dumps a full build's on-disk store is loaded from
# Statements one bulk load is given at once: its buffers grow with its input. At 1M triples loading the on-disk
# store took 1,256 MiB from whole files, 611 MiB in pieces of 400,000 lines and 235 MiB in pieces of this size, in
# 24, 23 and 19 s; it loads while the build holds its in-memory stores.
LOAD_LINES = 100_000


def load_store(build: Path, ready: Callable[[str], bool] = lambda extension: True) -> None:
    """Write a full build's new on-disk store from its dumps (STORE_SOURCES): the named graphs from the N-Quads one,
    their merge, the N-Triples one, as the default graph. Streamed from the files, so no second copy of the data is
    held in memory; pyoxigraph loads without holding the GIL, so the build writes its other dumps and validates
    meanwhile. `ready(extension)` waits until that dump is written, so that loading starts with the first; it
    answers False when the build gave up, and then so does the load."""
    store = Store(str(layout.store_path(build)))
    if not ready("nq"):
        return
    _load_in_pieces(store, layout.dump_file(build, "nq"), RdfFormat.N_QUADS)
    if not ready("nt"):
        return
    merge_into_default_graph(store, build)
    store.flush()  # a build after a change copies this store read-only, which sees only flushed writes


def open_for_update(build: Path) -> Store:
    """The on-disk store of a build not yet published, opened again to take documents out of it."""
    return Store(str(layout.store_path(build)))


def open_read_only(build: Path) -> Store:
    """The store of a finished build, opened so that nothing can change it."""
    return Store.read_only(str(layout.store_path(build)))


def merge_into_default_graph(store: Store, build: Path) -> None:
    """Load the build's union dump (every graph's triples, written by graph.dumps) into the default graph.

    The dump already is the RDF merge, so the store is not serialised a second time; the store is a set,
    so a triple the default graph holds already lands once.
    """
    _load_in_pieces(store, layout.dump_file(build, "nt"), RdfFormat.N_TRIPLES, to_graph=DefaultGraph())


def _load_in_pieces(store: Store, dump: Path, rdf_format: RdfFormat, to_graph: DefaultGraph | None = None) -> None:
    """A dump of one statement a line (N-Quads, N-Triples) bulk loaded LOAD_LINES lines at a time. A bulk load gives
    the blank nodes of its input labels of its own, so one node split over two pieces would become two: the lines
    naming blank nodes (few: the ontology's lists and restrictions) are held back and loaded together last."""
    with_blank_nodes: list[bytes] = []
    with dump.open("rb") as lines:
        while piece := list(itertools.islice(lines, LOAD_LINES)):
            with_blank_nodes += (line for line in piece if b"_:" in line)
            store.bulk_load(b"".join(line for line in piece if b"_:" not in line), rdf_format, to_graph=to_graph)
    store.bulk_load(b"".join(with_blank_nodes), rdf_format, to_graph=to_graph)


def copy_store(previous: Path, build: Path) -> Store:
    """A writable copy of a published build's store, to patch: a checkpoint of its immutable files by hard link
    (pyoxigraph's backup), taken through a read-only handle since the service may be reading it. Such a checkpoint
    holds only what was flushed to those files, so every build flushes its store before it is published."""
    Store.read_only(str(layout.store_path(previous))).backup(str(layout.store_path(build)))
    return open_for_update(build)


@dataclass
class Change:
    """The triples that entered and left the default graph (the merge), since the build the store was copied from."""

    added: set[Triple] = field(default_factory=set)
    removed: set[Triple] = field(default_factory=set)
    named: int = 0  # quads gained by the named graphs
    sizes: dict[str, int] = field(default_factory=dict)  # graph IRI -> its quads now, for the graphs replaced

    @property
    def quads(self) -> int:
        """Quads gained by the whole store."""
        return self.named + len(self.added) - len(self.removed)

    def then(self, later: Change) -> None:
        """Fold a later change into this one: a triple that came and went again is no change."""
        self.named += later.named
        self.sizes |= later.sizes
        for triple in later.removed:
            self.added.remove(triple) if triple in self.added else self.removed.add(triple)
        for triple in later.added:
            self.removed.remove(triple) if triple in self.removed else self.added.add(triple)


Difference = tuple[set[Triple], set[Triple], int]  # a graph's triples that leave, those that enter, its size after


def replace_graphs(store: Store, contents: dict[NamedNode, Iterable[Quad]]) -> Change:
    """Give each named graph exactly these quads (none: the graph goes), touching only the quads that differ, and
    keep the default graph the merge."""
    canonical = _canonical(quad for quads in contents.values() for quad in quads)
    differences = {}
    for graph in contents:
        old, new = _triples(store, graph), _triples(canonical, graph)
        differences[graph] = (old - new, new - old, len(new))
    return _apply(store, differences)


def patch_graphs(store: Store, changes: dict[NamedNode, tuple[set[Quad], set[Quad], int]]) -> Change:
    """Take these quads out of each named graph and put those in (the caller knows what differs: graph.derived),
    each graph's size after given, and keep the default graph the merge."""
    left = _canonical(quad for removed, _, _ in changes.values() for quad in removed)
    entered = _canonical(quad for _, added, _ in changes.values() for quad in added)
    return _apply(store, {graph: (_triples(left, graph), _triples(entered, graph), size)
                          for graph, (_, _, size) in changes.items()})


def _triples(store: Store, graph: NamedNode) -> set[Triple]:
    return {Triple(quad.subject, quad.predicate, quad.object) for quad in store.quads_for_pattern(None, None, None, graph)}


def _canonical(quads: Iterable[Quad]) -> Store:
    """These quads in memory, their literals in the store's canonical form ("...Z", not "...+00:00"), so that
    they compare with the store's."""
    canonical = Store()
    canonical.extend(list(quads))
    return canonical


def _apply(store: Store, differences: dict[NamedNode, Difference]) -> Change:
    """Apply each named graph's difference, then let a triple leave the default graph only when no named graph
    holds it any more."""
    left: set[Triple] = set()
    entered: set[Triple] = set()
    named, sizes = 0, {}
    for graph, (removed, added, size) in differences.items():
        for triple in removed:
            store.remove(Quad(*triple, graph))
        if not size:
            store.remove_graph(graph)  # an empty graph would still be listed as one of the dataset's
        store.extend([Quad(*triple, graph) for triple in added])
        left |= removed
        entered |= added
        named += len(added) - len(removed)
        sizes[graph.value] = size
    default = DefaultGraph()
    change = Change(added={t for t in entered if Quad(*t, default) not in store},
                    removed={t for t in left if not any(q.graph_name != default for q in store.quads_for_pattern(*t))},
                    named=named, sizes=sizes)
    for triple in change.removed:
        store.remove(Quad(*triple, default))
    store.extend([Quad(*triple, default) for triple in change.added])
    return change
