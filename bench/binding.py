"""The floor: a saved query run in-process exactly as the checked-out service would send it to its engine.

The service's Engine is run with its query child replaced by a recorder of the request it sends (query
text, bindings, default-graph mode); the floor answers that request with the service's own
`executor.answer`, in a child process that is killed when a run passes the floor's time limit.
So whatever way the checked-out code binds parameters (substitutions, VALUES) or chooses the default
graph (union mode or a merged default graph), the floor and the `/sparql` text follow it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import re
import time
from multiprocessing.pool import Pool
from pathlib import Path

import pyoxigraph as ox

from bench.rows import Row, binding_row
from evkg.settings import load_settings
from service.engine import Engine
from service.executor import Reply, Request, answer, term_json
from service.saved_queries import SavedQuery

SPARQL_JSON = "application/sparql-results+json"
UNLIMITED_ROWS = 10**9
EMPTY_RESULTS = b'{"head": {"vars": []}, "results": {"bindings": []}}'
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class _RecordingChild:
    """Stands in for the engine's query process: records each request and answers with no rows."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    def ask(self, request: Request, timeout: float) -> Reply:
        self.requests.append(request)
        return Reply("select", variables=[], rows=[], body=EMPTY_RESULTS, media_type=request.media_type)


class _RecordingEngine(Engine):
    """The service's engine with `_RecordingChild` as its query process."""

    def __init__(self, data: Path) -> None:
        super().__init__(load_settings(environ={}, data_dir=data))
        self.child = _RecordingChild()

    def _current_child(self) -> _RecordingChild:  # type: ignore[override]
        return self.child


def engine_request(data: Path, query: SavedQuery, values: dict[str, str]) -> Request:
    """The request the service's engine sends for `/queries/NAME` with these values, rows uncut."""
    engine = _RecordingEngine(data)
    engine.serialize(query.text, SPARQL_JSON, query.bind(values))
    return dataclasses.replace(engine.child.requests[-1], media_type=None, max_rows=UNLIMITED_ROWS)


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
    """Rows and milliseconds of one in-process run of the recorded request."""
    began = time.perf_counter()
    reply = answer(store, request)
    elapsed = (time.perf_counter() - began) * 1000
    if reply.kind != "select":
        raise RuntimeError(f"floor: {reply.error}: {reply.message}")
    variables = reply.variables or []
    rows = [binding_row({name: term_json(term) for name, term in zip(variables, row) if term is not None})
            for row in reply.rows or []]
    return rows, elapsed


def sparql_text(request: Request) -> str:
    """The query text for `/sparql` and the peers: the engine's text, with any substitutions as VALUES.

    Bindings the engine passes beside the text are written as a VALUES block opening the WHERE group,
    each term serialised by pyoxigraph; a text that already carries its bindings is sent as it is.
    """
    if not request.substitutions:
        return request.query
    names = list(request.substitutions)
    block = (f"VALUES ({' '.join('?' + name for name in names)}) "
             f"{{ ({' '.join(str(request.substitutions[name]) for name in names)}) }}")
    match = _WHERE.search(_without_comments(request.query))
    if match is None:
        raise ValueError("no WHERE group to bind the parameters in")
    return request.query[: match.end()] + "\n  " + block + request.query[match.end():]


def _without_comments(text: str) -> str:
    """The text with `#` comment lines blanked (same length), so offsets still point into the original."""
    return "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n"))


def uses_union(store: ox.Store) -> bool:
    """True when the store's default graph is empty, so the build relies on union mode."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
