"""Hostile input: every case answers a 4xx, or a 503 that says why, and the server keeps answering.

One table of cases, run through the Flask test client, and a few of them through a real `evkg serve`.
"""

from __future__ import annotations

import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import make_settings, serve_evkg

TIME_LIMIT = 1.0
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


def _nest(depth: int, opening: str, closing: str, inner: str = "") -> str:
    return opening * depth + inner + closing * depth


def _multipart(name: bytes, value: bytes) -> bytes:
    return b"--b\r\nContent-Disposition: form-data; name=\"" + name + b"\"\r\n\r\n" + value + b"\r\n--b--\r\n"


@dataclass(frozen=True)
class Case:
    """One request: `raw_query` is the query string as bytes, sent as they are (no percent-encoding)."""

    name: str
    statuses: frozenset[int]
    method: str = "GET"
    path: str = "/sparql"
    params: dict[str, str] = field(default_factory=dict)
    raw_query: bytes | None = None
    body: bytes | None = None
    content_type: str | None = None
    says: str = ""  # a word the error message must hold: the "why"


def case(name: str, statuses: int | set[int], says: str = "", **request: Any) -> Case:
    return Case(name, frozenset({statuses} if isinstance(statuses, int) else statuses), says=says, **request)


LONG_CHAIN = {200, 503}  # answered, or stopped at the time limit; never a dead query process
CASES = [
    case("GET query percent-encoded invalid UTF-8", 400, "query", raw_query=b"query=%FF%FE"),
    case("GET query raw invalid UTF-8 bytes", 400, "query", raw_query=b"query=ASK%20{}\xff"),
    case("GET overlong UTF-8 encoding", 400, "query", raw_query=b"query=%C0%AF"),
    case("GET UTF-8-encoded surrogate", 400, "query", raw_query=b"query=%ED%A0%80"),
    case("GET invalid UTF-8 in another parameter", 400, "format", raw_query=b"query=ASK%20{}&format=%FF"),
    case("GET invalid UTF-8 in a parameter name", 400, "UTF-8", raw_query=b"query=ASK%20{}&%FF=1"),
    case("POST form invalid UTF-8", 400, "query", method="POST", body=b"query=%FF%FE", content_type=FORM),
    case("POST direct invalid UTF-8", 400, "UTF-8", method="POST", body=b"ASK {} #\xff", content_type=DIRECT),
    case("saved query parameter invalid UTF-8", 400, "plant", path="/queries/plant_output",
         raw_query=b"plant=%FF%FE"),
    case("saved query POST multipart invalid UTF-8", 400, "plant", method="POST", path="/queries/plant_output",
         body=_multipart(b"plant", b"\xfe"), content_type="multipart/form-data; boundary=b"),
    case("search invalid UTF-8", 400, "q", path="/search", raw_query=b"q=%FF"),
    case("10,000 nested groups", 400, "max_query_depth", params={"query": "SELECT * " + _nest(10_000, "{", "}")}),
    case("201 nested groups", 400, "max_query_depth", params={"query": "SELECT * " + _nest(201, "{", "}")}),
    case("200 nested groups", 200, params={"query": "SELECT * " + _nest(200, "{", "}")}),
    case("10,000 nested parentheses", 400, "max_query_depth",
         params={"query": "SELECT (" + _nest(10_000, "(", ")", "1") + " AS ?x) {}"}),
    case("300 nested sub-selects", 400, "max_query_depth",
         params={"query": "SELECT * " + _nest(300, "{ SELECT * WHERE ", "}", "{}")}),
    case("300 nested blank nodes", 400, "max_query_depth",
         params={"query": "SELECT * { ?s <urn:p> " + _nest(300, "[ <urn:p> ", "]", "?o") + " }"}),
    case("braces inside a string do not count", 200,
         params={"query": 'SELECT * { BIND("' + "{" * 5000 + '" AS ?x) }'}),
    case("20,000 operands of +", LONG_CHAIN, "time limit",
         params={"query": "SELECT (" + "+".join(["1"] * 20_000) + " AS ?x) {}"}),
    case("10,000-step property path", LONG_CHAIN, "time limit",
         params={"query": "SELECT * { ?s " + "/".join(["a"] * 10_000) + " ?o }"}),
    case("3,000 MINUS in a row", LONG_CHAIN, "time limit",
         params={"query": "SELECT * { ?s ?p ?o " + " MINUS {?s ?p ?o}" * 3000 + " }"}),
    case("long literal", 200, params={"query": 'ASK { BIND("' + "a" * 90_000 + '" AS ?x) }'}),
    case("huge VALUES within the size limit", 200,
         params={"query": "SELECT (COUNT(*) AS ?n) { VALUES ?x { " + " ".join(map(str, range(15_000))) + " } }"}),
    case("query over max_query_size", 413, "larger", params={"query": "ASK {}" + " " * 100_001}),
    case("body over the request limit", 413, "larger", method="POST", body=b"ASK {}" + b" " * 500_000,
         content_type=DIRECT),
    case("regex with catastrophic backtracking", 200,
         params={"query": 'ASK { FILTER(REGEX("' + "a" * 5000 + '!", "^(a+)+$")) }'}),
    case("regex too large to compile", 200, params={"query": 'ASK { FILTER(REGEX("a", "a{1000}{1000}")) }'}),
    case("runaway cartesian product", 503, "time limit",
         params={"query": "SELECT (COUNT(*) AS ?n) { " + " ".join(
             f"VALUES ?{name} {{ {' '.join(map(str, range(1000)))} }}" for name in "abc") + " }"}),
    case("SERVICE", 403, "SERVICE", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}),
    case("LOAD", 403, "LOAD", method="POST", body=b"LOAD <http://127.0.0.1:9/x>", content_type=DIRECT),
    case("update parameter", 403, "read-only", params={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    case("NUL bytes in the query", 400, params={"query": "ASK {\x00}"}),
    case("timeout not a number", 400, "timeout", params={"query": "ASK {}", "timeout": "nan"}),
    case("unknown saved query with invalid UTF-8 in its name", 404, path="/queries/%FF"),
]


def _send(client: FlaskClient, item: Case) -> Any:
    query_string = item.raw_query if item.raw_query is not None else urllib.parse.urlencode(item.params).encode()
    return client.open(item.path, method=item.method, data=item.body, content_type=item.content_type,
                       headers={"Accept": "text/plain, */*;q=0.1"},
                       environ_overrides={"QUERY_STRING": query_string.decode("latin-1")})


@pytest.fixture(scope="module")
def hostile_client(sample_data_dir: Path) -> Iterator[FlaskClient]:
    """One app for the whole table, so a case that broke its query process would break the next ones."""
    from evkg.service.app import create_app

    app = create_app(make_settings(sample_data_dir, query_timeout=TIME_LIMIT))
    app.config["TESTING"] = True
    yield app.test_client()
    app.extensions["evkg.engine"].close()


@pytest.mark.parametrize("item", CASES, ids=[item.name for item in CASES])
def test_hostile_input_is_refused_and_the_server_stays(hostile_client: FlaskClient, item: Case) -> None:
    response = _send(hostile_client, item)
    text = response.get_data(as_text=True)
    assert response.status_code in item.statuses, text[:300]
    if response.status_code >= 400:
        assert item.says in text, text[:300]
        assert "stopped while answering" not in text
    if response.status_code == 503:
        assert response.headers["Retry-After"]
    assert hostile_client.get("/healthz").status_code == 200
    assert hostile_client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_invalid_utf8_error_names_the_parameter_in_json(client: FlaskClient) -> None:
    response = client.get("/queries/plant_output", query_string="plant=%FF&format=json")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == "plant"


def test_max_query_depth_is_a_setting(built_data_dir: Callable[..., Path],
                                      app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir(), max_query_depth=3)).test_client()
    assert client.get("/sparql", query_string={"query": "ASK { { { } } }"}).status_code == 200
    response = client.get("/sparql", query_string={"query": "ASK { { { { } } } }"})
    assert response.status_code == 400 and "4 deep" in response.get_data(as_text=True)


SERVED = ["GET query percent-encoded invalid UTF-8", "POST form invalid UTF-8", "10,000 nested groups",
          "20,000 operands of +", "3,000 MINUS in a row", "saved query POST multipart invalid UTF-8",
          "runaway cartesian product"]


def _raw_request(address: tuple[str, int], item: Case) -> tuple[int, str]:
    """One HTTP/1.1 request written byte for byte (http.client would refuse non-ASCII in the URL).

    Cases given as `params` are sent as a POST form, as clients send long queries.
    """
    query_string, body, content_type = item.raw_query or b"", item.body or b"", item.content_type
    if item.params:
        body, content_type = urllib.parse.urlencode(item.params).encode(), FORM
    method = "POST" if item.params else item.method
    head = [f"{method} {item.path}?".encode() + query_string + b" HTTP/1.1", b"Host: 127.0.0.1",
            b"Accept: text/plain, */*;q=0.1", b"Connection: close", f"Content-Length: {len(body)}".encode()]
    if content_type:
        head.append(f"Content-Type: {content_type}".encode())
    with socket.create_connection(address, timeout=30) as connection:
        connection.sendall(b"\r\n".join(head) + b"\r\n\r\n" + body)
        received = b"".join(iter(lambda: connection.recv(65536), b""))
    status_line, _, rest = received.partition(b"\r\n")
    return int(status_line.split()[1]), rest.decode("utf-8", "replace")


@pytest.mark.slow
def test_hostile_input_through_evkg_serve(sample_data_dir: Path) -> None:
    """Some of the cases over a socket, with the bytes as a client sends them, through `evkg serve`."""
    with serve_evkg(sample_data_dir, workers=1, query_timeout=TIME_LIMIT) as url:
        host, port = urllib.parse.urlsplit(url).netloc.split(":")
        for item in (item for item in CASES if item.name in SERVED):
            status, text = _raw_request((host, int(port)), item)
            assert status in item.statuses, (item.name, text[:300])
            assert status == 200 or item.says in text, (item.name, text[:300])
            assert _raw_request((host, int(port)), case("health", 200, path="/healthz"))[0] == 200, item.name
        # bytes that no request-target may hold (RFC 9112, 3.2) are refused by the HTTP server, before the app
        raw = next(item for item in CASES if item.name == "GET query raw invalid UTF-8 bytes")
        assert _raw_request((host, int(port)), raw)[0] == 400
        assert _raw_request((host, int(port)), case("health", 200, path="/healthz"))[0] == 200


def test_a_query_process_that_dies_is_a_503_that_says_so(hostile_client: FlaskClient) -> None:
    """Whatever kills the query process mid-query (here: a signal), the client learns why and the next query runs."""
    engine = hostile_client.application.extensions["evkg.engine"]
    runaway = next(item for item in CASES if item.name == "runaway cartesian product")
    killer = threading.Timer(0.3, lambda: next(iter(engine._backend.pool._busy)).process.kill())
    killer.start()
    response = _send(hostile_client, runaway)
    killer.join()
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "stopped while answering" in response.get_data(as_text=True)
    assert hostile_client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
