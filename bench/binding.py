"""The floor: a saved query run in-process exactly as the service sends it to its query processes.

The service's engine prepares the request (parameters written in as a VALUES block, service.binding);
the floor answers that same request in this process with the service's own `executor.answer`, on the
store's default graph (the build's RDF merge), and `/sparql` and the peers are sent its query text.
The floor runs in a child process that is killed when a run passes the floor's time limit.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from multiprocessing.pool import Pool
from pathlib import Path

import pyoxigraph as ox

from bench.rows import Row, binding_row
from evkg.settings import load_settings
from evkg.service.engine import Engine
from evkg.service.executor import Request, answer, term_json
from evkg.service.saved_queries import SavedQuery

SPARQL_JSON = "application/sparql-results+json"
UNLIMITED_ROWS = 10**9


def engine_request(data: Path, query: SavedQuery, values: dict[str, str]) -> Request:
    """The request the service's engine sends for `/queries/NAME` with these values, rows uncut."""
    request = Engine(load_settings(environ={}, data_dir=data)).prepare(query.text, query.bind(values)).request
    return dataclasses.replace(request, max_rows=UNLIMITED_ROWS)


class Floor:
    """The floor in a child process holding the store; a run past `limit` seconds kills it (a new one follows)."""

    def __init__(self, store_dir: Path, limit: float) -> None:
        self.store_dir, self.limit = store_dir, limit
        self._pool: Pool | None = None

    def run(self, request: Request, keep_rows: bool = True) -> tuple[list[Row], float] | None:
        """Rows (when kept) and milliseconds measured in the child; None when the limit passed."""
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1, _open_store, (str(self.store_dir),))
        try:
            return self._pool.apply_async(_run_in_child, (request, keep_rows)).get(self.limit)
        except multiprocessing.TimeoutError:
            self.close()
            return None

    def close(self) -> None:
        """Kill the child (and with it a query still running)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


_child_store: ox.Store | None = None  # the floor child's store, opened once by the pool's initializer


def _open_store(path: str) -> None:
    global _child_store
    _child_store = ox.Store.read_only(path)


def _run_in_child(request: Request, keep_rows: bool) -> tuple[list[Row], float]:
    assert _child_store is not None
    rows, elapsed = run_floor(_child_store, request)
    return (rows if keep_rows else []), elapsed


def run_floor(store: ox.Store, request: Request) -> tuple[list[Row], float]:
    """Rows and milliseconds of one in-process run of the prepared request."""
    began = time.perf_counter()
    reply = answer(store, request)
    elapsed = (time.perf_counter() - began) * 1000
    if reply.kind != "select":
        raise RuntimeError(f"floor: {reply.error}: {reply.message}")
    variables = reply.variables or []
    rows = [binding_row({name: term_json(term) for name, term in zip(variables, row) if term is not None})
            for row in reply.rows or []]
    return rows, elapsed
