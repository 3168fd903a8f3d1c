"""The W3C SPARQL 1.1 Protocol test suite (query part), read from the shared copy and run through /sparql.

Update cases that expect success are skipped: this endpoint is read-only by design. Update cases that
expect a 4xx run as they are (a refusal is a 4xx).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from flask import Flask
from rdflib import RDFS, Namespace
from rdflib.collection import Collection

from conftest import BuildData, make_settings
from evkg.graph.formats import GRAPH, RESULTS, formats

SUITE = Path(__file__).resolve().parents[2] / "shared" / "w3c-sparql11" / "sparql11" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[str]
    expected_format: str | None
    expected_boolean: bool | None


@dataclass(frozen=True)
class ProtocolCase:
    name: str
    graph_data: dict[str, Path]  # graph IRI -> N-Triples file
    requests: tuple[HttpRequest, ...]

    @property
    def is_update(self) -> bool:
        return "update" in self.name


def _cases() -> list[ProtocolCase]:
    if not (SUITE / "manifest.ttl").is_file():
        return []
    graph = rdflib.Graph().parse(SUITE / "manifest.ttl")
    cases = []
    for test in Collection(graph, next(graph.objects(None, MF.entries))):
        data = {str(graph.value(item, RDFS.label)): SUITE / Path(str(graph.value(item, UT.graph))).name
                for item in graph.objects(test, UT.graphData)}
        requests = tuple(_request(graph, node) for node in
                         Collection(graph, graph.value(graph.value(test, MF.action), HT.requests)))
        cases.append(ProtocolCase(str(test).rsplit("#", 1)[1], data, requests))
    return cases


def _request(graph: rdflib.Graph, node: rdflib.term.Node) -> HttpRequest:
    headers_node = graph.value(node, HT.headers)
    headers = {str(graph.value(h, HT.fieldName)): str(graph.value(h, HT.fieldValue))
               for h in Collection(graph, headers_node)} if headers_node else {}
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    boolean = graph.value(response, MF.expectedBoolean)
    return HttpRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
        headers=headers,
        body=body,
        statuses=frozenset(str(s).rsplit("#", 1)[1] for s in graph.objects(response, MF.expectedStatus)),
        expected_format=str(graph.value(response, MF.expectedFormat) or "") or None,
        expected_boolean=None if boolean is None else boolean.toPython(),
    )


CASES = _cases()


def test_the_suite_is_there() -> None:
    assert len([case for case in CASES if not case.is_update]) == 20


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_protocol_case(case: ProtocolCase, built_data_dir: BuildData, app_factory: Callable[..., Flask]) -> None:
    if case.is_update and any("StatusCode2xx" in request.statuses for request in case.requests):
        pytest.skip("SPARQL Update: this endpoint is read-only and refuses updates with 403 by design")
    dataset = "".join(
        line.rstrip().removesuffix(".") + f" <{iri}> .\n"
        for iri, path in case.graph_data.items() for line in path.read_text().splitlines() if line.strip()
    )
    client = app_factory(make_settings(built_data_dir(dataset, rdf_format=ox.RdfFormat.N_QUADS))).test_client()
    for request in case.requests:
        response = client.open(request.path, method=request.method, headers=request.headers, data=request.body)
        status_class = f"StatusCode{response.status_code // 100}xx"
        assert status_class in request.statuses, response.get_data(as_text=True)
        _check_format(response, request)


def _check_format(response, request: HttpRequest) -> None:
    if request.expected_format in ("boolean", "tabular"):
        assert response.mimetype in {fmt.media_type for fmt in formats(RESULTS)}
        results = ox.parse_query_results(response.data, format=ox.QueryResultsFormat.from_media_type(response.mimetype))
        if request.expected_format == "boolean":
            assert isinstance(results, ox.QueryBoolean)
            if request.expected_boolean is not None:
                assert bool(results) is request.expected_boolean
        else:
            assert isinstance(results, ox.QuerySolutions)
    elif request.expected_format == "RDF":
        assert response.mimetype in {fmt.media_type for fmt in formats(GRAPH)}
        list(ox.parse(response.data, format=ox.RdfFormat.from_media_type(response.mimetype)))
