"""The on-disk pyoxigraph store of a build: created once by the build, then only opened read-only."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store

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
