"""The engine's errors, each mapped to one HTTP status by service.errors."""

from __future__ import annotations


class EngineError(Exception):
    """A query could not be answered; `status` is the HTTP status the service answers with."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class QuerySyntaxError(EngineError):
    """The parser rejected the query; carries its message and position."""

    status = 400

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class InvalidQuery(EngineError):
    """The query parses but cannot run as asked (e.g. a binding for a variable it does not project)."""

    status = 400


class QueryRefused(EngineError):
    """The query asks for something a read-only, offline endpoint never does (updates, LOAD, SERVICE)."""

    status = 403


class QueryTooLarge(EngineError):
    """The query text is longer than `max_query_size`."""

    status = 413


class QueryTooDeep(EngineError):
    """The query nests brackets deeper than `max_query_depth`; the engine's parser recurses per level."""

    status = 400


class NotAcceptable(EngineError):
    """No result format the client accepts fits this kind of query."""

    status = 406


class QueryTimeout(EngineError):
    """The query ran past its time limit and was stopped."""

    status = 503


class QueryProcessDied(EngineError):
    """The query process ended while answering (the engine crashed on the query); it is replaced."""

    status = 503


class NoGraph(EngineError):
    """No build has been published in the data folder yet."""

    status = 503


class ServerBusy(EngineError):
    """Every query process stayed busy, or too many queries wait: the query did not run."""

    status = 503


class TooManyQueries(EngineError):
    """The client already has `max_queries_per_client` queries in flight."""

    status = 429


class StoreFailed(EngineError):
    """The external SPARQL store is down, refused the request or failed on it (`evkg serve --store`)."""

    status = 502


class StoreTimedOut(EngineError):
    """The external SPARQL store did not answer within the time limit; the request to it was closed."""

    status = 504
