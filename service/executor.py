"""The child process that holds the read-only store and runs queries; the parent kills it on timeout.

Kept free of Flask and rdflib so a fresh child starts quickly after a kill.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from evkg.ontology.vocabulary import RDF, XSD

XSD_STRING = XSD + "string"
RDF_LANG_STRING = RDF + "langString"
# Oxigraph's parser and optimiser recurse once per operator of a chain (`1+1+…`, `a/a/…`, MINUS after
# MINUS): a main thread's 8 MiB overflows at a few thousand, killing the process. Address space only;
# pages are used as deep queries need them.
QUERY_STACK_BYTES = 256 * 1024 * 1024


class FormatMismatch(ValueError):
    """The requested media type does not fit the kind of result (e.g. Turtle for a SELECT)."""


@dataclass(frozen=True)
class Request:
    """One query as sent to the child; `media_type` None asks for terms instead of bytes.

    With no graphs given, the query runs on the store's default graph, which the build fills with the
    RDF merge of every named graph (each triple once), or on its own FROM / FROM NAMED dataset.
    """

    query: str
    default_graph: list[str] | None
    named_graphs: list[str] | None
    max_rows: int
    media_type: str | None = None
    prefixes: dict[str, str] | None = None
    base_iri: str | None = None


@dataclass(frozen=True)
class Reply:
    """The child's answer: kind is select/ask/graph, or error with `error` set to its class."""

    kind: str
    variables: list[str] | None = None
    rows: list[tuple] | None = None
    boolean: bool | None = None
    truncated: bool = False
    body: bytes | None = None
    media_type: str | None = None
    error: str | None = None
    message: str = ""


def child_main(connection: Connection, store_path: str) -> None:
    """Open the store once, announce readiness, then answer requests until the parent goes away."""
    try:
        store = ox.Store.read_only(store_path)
    except OSError as error:
        connection.send(Reply("error", error="store", message=f"cannot open the store: {error}"))
        return
    connection.send(Reply("ready"))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(answer(store, request))


def answer(store: ox.Store, request: Request) -> Reply:
    """Run one request and turn every failure into an error reply (the child never dies on a query)."""
    try:
        return _run(store, request)
    except SyntaxError as error:
        return Reply("error", error="syntax", message=str(error))
    except FormatMismatch as error:
        return Reply("error", error="mismatch", message=str(error))
    except (ValueError, RuntimeError) as error:  # bad arguments, e.g. a binding of an unprojected variable
        return Reply("error", error="value", message=str(error))
    except Exception as error:  # noqa: BLE001 - the child reports, the parent logs; it must not die
        return Reply("error", error="internal", message=f"{type(error).__name__}: {error}")


def _run(store: ox.Store, request: Request) -> Reply:
    options: dict[str, Any] = {"base_iri": request.base_iri}
    if request.default_graph is not None or request.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graph or []]
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs or []]
    result = store.query(request.query, **options)
    if isinstance(result, ox.QueryBoolean):
        return boolean_reply(bool(result), request.media_type)
    if isinstance(result, ox.QuerySolutions):
        variables = [variable.value for variable in result.variables]
        return select_reply(variables, (tuple(solution[name] for name in variables) for solution in result), request)
    return graph_reply(result, request)


def boolean_reply(value: bool, media_type: str | None) -> Reply:
    """An ASK answer, written in `media_type` when one is asked for."""
    if media_type is None:
        return Reply("ask", boolean=value)
    data = json.dumps({"head": {}, "boolean": value}).encode()
    return Reply("ask", boolean=value, body=_convert_results(data, media_type), media_type=media_type)


def select_reply(variables: list[str], solutions: Iterable[tuple], request: Request) -> Reply:
    """A SELECT answer from rows of terms (None: unbound), cut at `max_rows` and written as asked."""
    rows = list(islice(solutions, request.max_rows + 1))
    truncated = len(rows) > request.max_rows
    rows = rows[: request.max_rows]
    if request.media_type is None:
        return Reply("select", variables=variables, rows=rows, truncated=truncated)
    document: dict[str, Any] = {
        "head": {"vars": variables},
        "results": {"bindings": [
            {name: term_json(term) for name, term in zip(variables, row) if term is not None} for row in rows
        ]},
    }
    body = _convert_results(json.dumps(document, ensure_ascii=False).encode(), request.media_type)
    if truncated and ox.QueryResultsFormat.from_media_type(request.media_type) == ox.QueryResultsFormat.JSON:
        document["warning"] = f"results truncated to the first {request.max_rows} rows (max_rows)"
        body = json.dumps(document, ensure_ascii=False).encode()
    return Reply("select", variables=variables, truncated=truncated, body=body, media_type=request.media_type)


def graph_reply(triples: Iterable[ox.Triple], request: Request) -> Reply:
    """A CONSTRUCT or DESCRIBE answer, cut at `max_rows` triples and written as asked."""
    kept = list(islice(triples, request.max_rows + 1))
    truncated = len(kept) > request.max_rows
    kept = kept[: request.max_rows]
    if request.media_type is None:
        return Reply("graph", rows=kept, truncated=truncated)
    rdf_format = ox.RdfFormat.from_media_type(request.media_type)
    if rdf_format is None:
        raise FormatMismatch(f"{request.media_type} is not an RDF format; CONSTRUCT and DESCRIBE give RDF graphs")
    body = ox.serialize(kept, format=rdf_format, prefixes=request.prefixes or None)
    return Reply("graph", truncated=truncated, body=body, media_type=request.media_type)


def _convert_results(data: bytes, media_type: str) -> bytes:
    """SPARQL JSON built here, other result syntaxes written by pyoxigraph's own serialisers."""
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    if results_format is None:
        raise FormatMismatch(f"{media_type} is not a SPARQL results format; SELECT and ASK give result tables")
    if results_format == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=results_format)


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in the SPARQL 1.1 JSON results shape."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": term_json(term.subject), "predicate": term_json(term.predicate), "object": term_json(term.object),
        }}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
        encoded["datatype"] = term.datatype.value
    return encoded


if __name__ == "__main__":
    # through the package, so the replies pickle as service.executor classes, not __main__ ones
    from evkg.service.executor import child_main as main

    threading.stack_size(QUERY_STACK_BYTES)
    runner = threading.Thread(target=main, args=(Connection(int(sys.argv[1])), sys.argv[2]))
    runner.start()
    runner.join()
