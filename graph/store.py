"""The on-disk pyoxigraph store of a build: created once by the build, then only opened read-only.

Named graphs hold what each document states (and the entity directory and the ontology); the default
graph holds their RDF merge, each triple once, written when the build is complete. Queries read the
default graph as it is: pyoxigraph's union mode would return a triple once per graph stating it
(a bag, not a merge) and plans 10-80x slower on it.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, Store

from graph import layout
from graph.iris import ONTOLOGY_GRAPH
from ontology import ONTOLOGY_FILE


def create_store(build: Path) -> Store:
    """A new, empty on-disk store in the build folder, already holding the ontology in its own graph."""
    store = Store(str(layout.store_path(build)))
    store.bulk_load(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    return store


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
    store.bulk_load(path=str(layout.dump_file(build, "nt")), format=RdfFormat.N_TRIPLES, to_graph=DefaultGraph())
