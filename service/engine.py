"""The only way the service runs SPARQL: checked, bound, limited in time and rows, cached per build.

Where a query runs is the backend's business (service.backend): by default in killable child
processes holding the local build's read-only store (pyoxigraph has no query timeout, so the
parent kills the child when the limit passes: service.pool), or with `store` set on an external
SPARQL store over the SPARQL 1.1 Protocol (service.store_backend). Answers are kept per build
(service.cache). The served build is checked on every query, so a newly published or pushed build
is picked up without a restart.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import rdflib
from flask import current_app, has_request_context, request
from rdflib.term import Node

from evkg.settings import Settings
from evkg.graph.statistics import BuildStatistics
from evkg.service.backend import Backend, LocalBackend, ServedBuild
from evkg.service.binding import bind
from evkg.service.cache import ResultCache, request_key
from evkg.service.client_identity import client_identity, trusted_networks
from evkg.service.exceptions import (
    EngineError,
    InvalidQuery,
    NoGraph,
    NotAcceptable,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooDeep,
    QueryTooLarge,
)
from evkg.service.executor import Reply, Request
from evkg.service.guard import QueryInfo, inspect_query
from evkg.service.metrics import CACHE_HITS, QUEUE_LENGTH, query_in_process
from evkg.service.store_backend import StoreBackend
from evkg.service.terms import to_rdflib

__all__ = [
    "Dataset", "Engine", "EngineError", "InvalidQuery", "NoGraph", "NotAcceptable", "QueryRefused", "QuerySyntaxError",
    "QueryTimeout", "QueryTooLarge", "SelectResult", "get_engine",
]

T = TypeVar("T")
PER_BUILD_VALUES = 256  # values per_build keeps for the served build

_POSITION = re.compile(r"error at (\d+):(\d+)")


@dataclass
class SelectResult:
    """A SELECT answer as rdflib terms; unbound variables are absent from a row."""

    variables: list[str]
    rows: list[dict[str, Node]]
    truncated: bool = False


@dataclass(frozen=True)
class Dataset:
    """An RDF dataset given by the protocol (default-graph-uri / named-graph-uri); overrides FROM."""

    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Prepared:
    """A request ready for a query process, with the build it was prepared on and its key (also its ETag)."""

    build: ServedBuild
    request: Request
    key: str


class Engine:
    """Runs queries against the current build of `settings.data_dir`; one per server process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._backend: Backend = StoreBackend(settings) if settings.store else LocalBackend(settings)
        self._derived_build: ServedBuild | None = None
        self._derived: OrderedDict[str, Any] = OrderedDict()  # least recently used first
        self._derived_lock = threading.Lock()
        self._cache = ResultCache(settings.result_cache_mb * 2**20)
        self._trusted_proxies = trusted_networks(settings.trusted_proxies)

    def select(self, query: str, bindings: dict[str, Node] | None = None,
               timeout: float | None = None) -> SelectResult:
        """Rows of a SELECT query as rdflib terms, cut at `max_rows`; `bindings` join as VALUES (service.binding)."""
        reply = self._expect(self._execute(self.prepare(query, bindings), timeout), "select", query)
        rows = [{name: to_rdflib(term) for name, term in zip(reply.variables, row) if term is not None}
                for row in reply.rows]
        return SelectResult(reply.variables, rows, reply.truncated)

    def ask(self, query: str, bindings: dict[str, Node] | None = None, timeout: float | None = None) -> bool:
        """The answer of an ASK query."""
        return bool(self._expect(self._execute(self.prepare(query, bindings), timeout), "ask", query).boolean)

    def graph(self, query: str, bindings: dict[str, Node] | None = None,
              timeout: float | None = None) -> rdflib.Graph:
        """The triples of a CONSTRUCT or DESCRIBE query, cut at `max_rows` triples."""
        reply = self._expect(self._execute(self.prepare(query, bindings), timeout), "graph", query)
        result = rdflib.Graph()
        for triple in reply.rows:
            result.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return result

    def serialize(self, query: str, media_type: str, bindings: dict[str, Node] | None = None,
                  timeout: float | None = None, dataset: Dataset | None = None,
                  base_iri: str | None = None) -> tuple[bytes, str, bool]:
        """The result written in `media_type` (a SPARQL results or RDF media type), and whether it was cut.

        `dataset` replaces the query's FROM / FROM NAMED; `base_iri` resolves relative IRIs in the query.
        """
        return self.answer(self.prepare(query, bindings, media_type, dataset, base_iri), timeout)

    def answer(self, prepared: Prepared, timeout: float | None = None) -> tuple[bytes, str, bool]:
        """`serialize` for a request already prepared (whose key the caller may have sent as an ETag)."""
        reply = self._execute(prepared, timeout)
        return reply.body or b"", prepared.request.media_type or "", reply.truncated

    def build(self) -> ServedBuild:
        """The build being served (local, or the one pushed to the store); NoGraph before the first one."""
        return self._backend.current()

    def per_build(self, key: str, compute: Callable[[], T]) -> T:
        """A value derived from the served build (counts, lists, its VoID), computed once per build: builds never
        change. The most recently used PER_BUILD_VALUES are kept: some keys come from requests (a Host, a class)."""
        build = self.build()
        with self._derived_lock:
            if build != self._derived_build:
                self._derived_build, self._derived = build, OrderedDict()
            if key in self._derived:
                self._derived.move_to_end(key)
                return self._derived[key]
        value = compute()  # outside the lock: it may run a query
        with self._derived_lock:
            if build == self._derived_build:
                self._derived[key] = value
                while len(self._derived) > PER_BUILD_VALUES:
                    self._derived.popitem(last=False)
        return value

    def statistics(self) -> BuildStatistics:
        """The served build's counts and dump facts, as the build measured them (graph.statistics); NoGraph before
        the first build. Read again when stats.json is replaced, as it is once the dumps of a build published
        before them are written (graph.pending_dumps)."""
        build = self.build()
        return self.per_build(f"statistics {build.statistics_version()}", build.statistics)

    def warm(self) -> None:
        """Start the query processes before the first query asks (a server's worker does, tests need not)."""
        self._backend.warm()

    def close(self) -> None:
        """Stop the idle query processes or the store's connections (tests and shutdown)."""
        self._backend.close()

    def limit(self, timeout: float | None) -> float:
        """The effective time limit: a client may lower the setting, never raise it."""
        ceiling = self.settings.query_timeout
        return ceiling if timeout is None else max(0.0, min(float(timeout), ceiling))

    def prepare(self, query: str, bindings: dict[str, Node] | None = None, media_type: str | None = None,
                dataset: Dataset | None = None, base_iri: str | None = None) -> Prepared:
        """The request a query process gets (the query checked, its bindings written in, the limits set), on
        the build served now; its key, known before anything runs, is the answer's cache key and ETag."""
        info = self.check(query)
        request = Request(
            query=bind(query, bindings or {}),
            default_graph=None if dataset is None else list(dataset.default_graphs),
            named_graphs=None if dataset is None else list(dataset.named_graphs),
            max_rows=self.settings.max_rows,
            media_type=media_type,
            prefixes=info.prefixes,
            base_iri=base_iri,
        )
        build = self.build()
        return Prepared(build, request, request_key(build.id, request))

    def _execute(self, prepared: Prepared, timeout: float | None) -> Reply:
        build, request, key = prepared.build, prepared.request, prepared.key
        cached = self._cache.get(build.id, key)
        if cached is not None:
            CACHE_HITS.inc()
            return cached
        limit = self.limit(timeout)
        QUEUE_LENGTH.set(self._backend.waiting)
        with query_in_process():
            reply = self._backend.run(build, request, limit, self._client())
        if reply.kind == "error":
            raise _error(reply)
        self._cache.put(build.id, key, reply)
        return reply

    def check(self, query: str) -> QueryInfo:
        """Refuse, before any execution, what is too large, too deep, or not a read-only, offline query."""
        if len(query.encode("utf-8")) > self.settings.max_query_size:
            raise QueryTooLarge(f"the query is larger than the limit of {self.settings.max_query_size} bytes")
        info = inspect_query(query)
        if info.depth > self.settings.max_query_depth:
            raise QueryTooDeep(f"the query nests brackets {info.depth} deep; the limit is "
                               f"{self.settings.max_query_depth} (max_query_depth)")
        return info

    def _client(self) -> str:
        """Who is asking, for per-client admission (service.client_identity), or the server itself."""
        if not has_request_context():
            return "server"
        return client_identity(request.remote_addr or "unknown", request.headers.get("X-Forwarded-For"),
                               self._trusted_proxies)

    @staticmethod
    def _expect(reply: Reply, kind: str, query: str) -> Reply:
        if reply.kind != kind:
            raise EngineError(f"expected a {kind.upper()} query, got a {reply.kind.upper()} one: {query[:80]!r}")
        return reply


def _error(reply: Reply) -> EngineError:
    if reply.error == "syntax":
        position = _POSITION.search(reply.message)
        line, column = (int(position[1]), int(position[2])) if position else (None, None)
        return QuerySyntaxError(reply.message, line, column)
    if reply.error == "mismatch":
        return NotAcceptable(reply.message)
    if reply.error == "value":
        return InvalidQuery(reply.message)
    return EngineError(reply.message)


def get_engine() -> Engine:
    """The engine of the running app (inside a request or app context)."""
    return current_app.extensions["evkg.engine"]
