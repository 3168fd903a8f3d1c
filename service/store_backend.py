"""The engine's backend for `evkg serve --store URL`: queries go to an external store over the SPARQL 1.1 Protocol.

The served build is the push the store's `current` graph names (graph.published), re-read every
`store_refresh_seconds`. Queries keep the embedded store's guard (the engine checks them first),
see that build's merged graph as their default graph (service.graph_names), and are limited on
both sides: the request is closed when the time limit passes (504) and Virtuoso is asked to stop
there too (its `timeout` parameter). A store that is down, refuses or fails gives a 502 naming the
cause; every query tries again, so the service recovers with the store.
"""

from __future__ import annotations

import threading
import time

import pyoxigraph as ox

from evkg.settings import Settings
from evkg.graph.formats import N_TRIPLES, SPARQL_JSON, TURTLE
from evkg.graph.layout import current_build
from evkg.graph.published import CURRENT_QUERY, PushedBuild, manifest_query
from evkg.graph.store_client import StoreClient, StoreError, StoreRefused, StoreTimeout, redact
from evkg.ontology.vocabulary import XSD
from evkg.service.backend import ServedBuild
from evkg.service.exceptions import EngineError, NoGraph, QuerySyntaxError, StoreFailed, StoreTimedOut
from evkg.service.executor import FormatMismatch, Reply, Request, boolean_reply, graph_reply, select_reply
from evkg.service.graph_names import ToLogical, store_query
from evkg.service.guard import inspect_query

RESULTS = SPARQL_JSON.media_type
TRIPLES = f"{N_TRIPLES.media_type}, {TURTLE.media_type};q=0.9"
BOOLEAN = ox.NamedNode(XSD + "boolean")
VIRTUOSO_ASK = "__ASK_RETVAL"  # Virtuoso 7 answers ASK as a one-row SELECT of this variable
PARTIAL_ANSWER = "X-SQL-State"  # Virtuoso's header on an answer cut short by its own time limit


class StoreBackend:
    """Queries on the push that the store at `settings.store` serves; thread-safe, one per server process."""

    waiting = 0  # queries wait in the store, not here

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = redact(settings.store)
        self._client = StoreClient(settings.store, user=settings.store_user, password=settings.store_password)
        self._served: ServedBuild | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    def current(self) -> ServedBuild:
        """The pushed build, re-read when `store_refresh_seconds` have passed; the last one known while the
        store does not answer (the query itself then says why)."""
        with self._lock:
            if time.monotonic() - self._checked < self.settings.store_refresh_seconds and self._served:
                return self._served
            try:
                self._served = self._read()
            except StoreError as error:
                if self._served is None:
                    raise _failure(error, self.settings.query_timeout) from error
            except EngineError:
                if self._served is None:
                    raise
            self._checked = time.monotonic()
            return self._served

    def run(self, build: ServedBuild, request: Request, timeout: float, client: str) -> Reply:
        """Send one query, read the whole answer within `timeout`, and make it a Reply as the local engine does."""
        assert build.pushed is not None, "a build served from a store is a pushed one"
        form = inspect_query(request.query).form
        query = store_query(request, build.pushed)
        params = list(query.params)
        if self._client.server.startswith("Virtuoso"):
            params.append(("timeout", str(max(1, int(timeout * 1000)))))
        try:
            body, headers = self._client.query(query.text, TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else RESULTS,
                                               params, timeout=timeout)
        except StoreError as error:
            raise _failure(error, timeout) from error
        if PARTIAL_ANSWER in headers:
            raise StoreTimedOut(f"the store at {self.url} stopped the query at the time limit of {timeout:g} s")
        try:
            return _reply(form, body, headers.get("Content-Type", ""), request, ToLogical(build.pushed))
        except FormatMismatch as error:
            return Reply("error", error="mismatch", message=str(error))
        except SyntaxError as error:
            raise StoreFailed(f"the store at {self.url} sent an answer that cannot be read: {error}") from error

    def warm(self) -> None:
        """Nothing to start: the store runs the queries."""

    def close(self) -> None:
        self._client.close()

    def _read(self) -> ServedBuild:
        pointer = _rows(self._client.query(CURRENT_QUERY, RESULTS, timeout=self.settings.query_timeout)[0])
        if not pointer:
            raise NoGraph(f"the store at {self.url} holds no build yet: run `evkg push --store {self.url}` first")
        push = pointer[0]["push"].value
        if self._served is not None and self._served.pushed is not None and self._served.pushed.push == push:
            return self._served
        body, _ = self._client.query(manifest_query(push), RESULTS, timeout=self.settings.query_timeout)
        triples = [(row["s"].value, row["p"].value, row["o"].value) for row in _rows(body)]
        try:
            pushed = PushedBuild.from_triples(push, triples)
        except ValueError as error:
            raise StoreFailed(f"the store at {self.url}: {error}; push the build again") from error
        local = current_build(self.settings.data_dir)
        return ServedBuild(pushed.build_id, local if local is not None and local.name == pushed.build_id else None,
                           pushed)


def _rows(body: bytes) -> list[ox.QuerySolution]:
    try:
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except SyntaxError as error:
        raise StoreFailed(f"the store's answer to a SELECT query is not SPARQL JSON: {error}") from error
    return list(result) if isinstance(result, ox.QuerySolutions) else []


def _reply(form: str | None, body: bytes, content_type: str, request: Request, names: ToLogical) -> Reply:
    if form in ("CONSTRUCT", "DESCRIBE"):
        rdf_format = ox.RdfFormat.from_media_type(content_type.split(";")[0].strip()) or ox.RdfFormat.N_TRIPLES
        triples = (names.triple(quad.triple) for quad in ox.parse(body, format=rdf_format))
        return graph_reply(triples, request)
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QueryBoolean):
        return boolean_reply(bool(result), request.media_type)
    variables = [variable.value for variable in result.variables]
    if form == "ASK" and variables == [VIRTUOSO_ASK]:
        return boolean_reply(any(row[VIRTUOSO_ASK].value not in ("0", "false") for row in result), request.media_type)
    return select_reply(variables, (tuple(names.term(_canonical(row[name])) for name in variables) for row in result),
                        request)


def _canonical(term: ox.Term | None) -> ox.Term | None:
    """A boolean in its canonical form: Virtuoso writes true and false as "1" and "0" (valid, but not what the
    embedded store answers, so a client would see two answers to one query)."""
    if isinstance(term, ox.Literal) and term.datatype == BOOLEAN and term.value in ("1", "0"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=BOOLEAN)
    return term


def _failure(error: StoreError, timeout: float) -> EngineError:
    """The engine error a store failure becomes: 400 for a query the store rejects, 504 for time, 502 otherwise."""
    if isinstance(error, StoreTimeout) or (isinstance(error, StoreRefused) and error.status in (408, 504)):
        return StoreTimedOut(f"{error.message} (time limit {timeout:g} s); the request was closed")
    if isinstance(error, StoreRefused) and error.status == 400:
        return QuerySyntaxError(f"the store rejected the query: {error.detail}")
    return StoreFailed(error.message)
