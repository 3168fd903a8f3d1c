"""The floor: a saved query run in-process exactly as the service sends it to its query processes.

The service's engine prepares the request (parameters written in as a VALUES block, service.binding);
the floor answers that same request in this process with the service's own `executor.answer`, on the
store's default graph (the build's RDF merge), and `/sparql` and the peers are sent its query text.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pyoxigraph as ox

from bench.rows import Row, binding_row
from evkg.settings import load_settings
from service.engine import Engine
from service.executor import Request, answer, term_json
from service.saved_queries import SavedQuery

SPARQL_JSON = "application/sparql-results+json"
UNLIMITED_ROWS = 10**9


def engine_request(data: Path, query: SavedQuery, values: dict[str, str]) -> Request:
    """The request the service's engine sends for `/queries/NAME` with these values, rows uncut."""
    request = Engine(load_settings(environ={}, data_dir=data)).prepare(query.text, query.bind(values), None, None, None)
    return dataclasses.replace(request, max_rows=UNLIMITED_ROWS)


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
