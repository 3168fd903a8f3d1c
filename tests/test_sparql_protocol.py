"""/sparql protocol details through the Flask test client: formats, negotiation, errors, limits, CORS."""

from __future__ import annotations

import json
from collections.abc import Callable

import pyoxigraph as ox
import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient

from conftest import BuildData, make_settings

EVKG = "https://w3id.org/evkg/ontology#"
RES = "https://w3id.org/evkg/resource/"
SELECT = f"SELECT ?s ?units WHERE {{ ?s <{EVKG}units> ?units }}"
CONSTRUCT = "CONSTRUCT WHERE { ?s a ?t }"


@pytest.mark.parametrize("accept, media_type", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/html, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml"),
])
def test_select_by_accept(client: FlaskClient, accept: str | None, media_type: str) -> None:
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{media_type}; charset=utf-8"
    assert "Accept" in response.headers["Vary"]
    if media_type == "text/csv":  # CSV keeps no datatypes (and pyoxigraph does not read it)
        assert response.data == f"s,units\r\n{RES}production/ampere-douai-2024,40000\r\n".encode()
    else:
        results = ox.parse_query_results(response.data, format=ox.QueryResultsFormat.from_media_type(media_type))
        assert [row["units"] for row in results] == [ox.Literal("40000", datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))]


@pytest.mark.parametrize("name, media_type", [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
])
def test_select_by_format_parameter_beats_accept(client: FlaskClient, name: str, media_type: str) -> None:
    response = client.get("/sparql", query_string={"query": SELECT, "format": name}, headers={"Accept": "text/csv"})
    assert response.mimetype == media_type


def _graph(data: bytes, media_type: str) -> rdflib.Graph:
    """Parse any RDF syntax with pyoxigraph, into rdflib through N-Triples (rdflib's own JSON-LD and
    dataset parsers warn about its deprecated ConjunctiveGraph)."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) if isinstance(q, ox.Quad) else q
               for q in ox.parse(data, format=ox.RdfFormat.from_media_type(media_type)))
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


@pytest.mark.parametrize("accept_or_format, media_type", [
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-triples", "application/n-triples"),
    ("application/n-quads", "application/n-quads"),
    ("application/trig", "application/trig"),
    ("format=turtle", "text/turtle"),
    ("format=jsonld", "application/ld+json"),
    ("format=rdfxml", "application/rdf+xml"),
    ("format=ntriples", "application/n-triples"),
])
def test_construct_formats(client: FlaskClient, accept_or_format: str, media_type: str) -> None:
    params, headers = {"query": CONSTRUCT}, {}
    if accept_or_format.startswith("format="):
        params["format"] = accept_or_format.removeprefix("format=")
    else:
        headers["Accept"] = accept_or_format
    response = client.get("/sparql", query_string=params, headers=headers)
    assert response.headers["Content-Type"] == f"{media_type}; charset=utf-8"
    graph = _graph(response.data, media_type)
    assert len(graph) == 4
    assert (rdflib.URIRef(RES + "company/renault"), rdflib.RDF.type, rdflib.URIRef(EVKG + "Company")) in graph


def test_construct_defaults_to_turtle_and_keeps_the_query_prefixes(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": f"PREFIX evkg: <{EVKG}> {CONSTRUCT}"})
    assert response.mimetype == "text/turtle"
    assert b"evkg:Company" in response.data


def test_post_form_and_post_direct(client: FlaskClient) -> None:
    form = client.post("/sparql", data={"query": SELECT, "format": "csv"})
    direct = client.post("/sparql?format=csv", data=SELECT, content_type="application/sparql-query")
    assert form.status_code == direct.status_code == 200
    assert form.data == direct.data and b"40000" in form.data


def test_protocol_dataset_replaces_the_union(client: FlaskClient) -> None:
    entities = "https://w3id.org/evkg/graph/entities"
    response = client.get("/sparql", query_string={"query": SELECT, "default-graph-uri": entities})
    assert json.loads(response.data)["results"]["bindings"] == []
    named = client.get("/sparql", query_string={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": entities})
    assert [row["g"]["value"] for row in json.loads(named.data)["results"]["bindings"]] == [entities]
    bad = client.get("/sparql", query_string={"query": SELECT, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400


def test_syntax_error_is_a_400_with_position(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    error = response.get_json()
    assert (error["line"], error["column"]) == (1, 25) and error["message"].startswith("error at 1:25")


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("accept, mimetype", [
    ("application/json", "application/json"), (BROWSER, "text/html"), (None, "text/plain"),
])
def test_errors_come_in_the_requested_format(client: FlaskClient, accept: str | None, mimetype: str) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {"}, headers={"Accept": accept} if accept else {})
    assert (response.status_code, response.mimetype) == (400, mimetype)
    assert "Traceback" not in response.get_data(as_text=True)
    assert response.headers["X-Request-Id"]


@pytest.mark.parametrize("request_kwargs, status", [
    ({"method": "PUT", "query_string": {"query": "ASK {}"}}, 405),
    ({"method": "DELETE"}, 405),
    ({"method": "POST", "data": "ASK {}", "content_type": "text/plain"}, 415),
    ({"method": "POST", "data": "ASK {}"}, 415),
    ({"method": "POST", "data": "ASK {}".encode("utf-16"), "content_type": "application/sparql-query; charset=UTF-16"},
     415),
    ({"method": "POST", "data": b"ASK { ?s ?p '\xff' }", "content_type": "application/sparql-query"}, 400),
    ({"method": "POST", "data": {"format": "json"}}, 400),
    ({"method": "GET", "query_string": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
    ({"method": "GET", "query_string": {"query": "ASK {}", "timeout": "soon"}}, 400),
    ({"method": "GET", "query_string": {"query": "ASK {}", "timeout": "-1"}}, 400),
    ({"method": "GET", "query_string": {"update": "CLEAR ALL"}}, 403),
    ({"method": "POST", "data": {"update": "CLEAR ALL"}}, 403),
    ({"method": "POST", "data": "CLEAR ALL", "content_type": "application/sparql-update"}, 403),
    ({"method": "GET", "query_string": {"query": "DROP GRAPH <urn:g>"}}, 403),
    ({"method": "GET", "query_string": {"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}}, 403),
    ({"method": "GET", "query_string": {"query": "ASK {}", "format": "turtle"}}, 406),
    ({"method": "GET", "query_string": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406),
    ({"method": "GET", "query_string": {"query": CONSTRUCT}, "headers": {"Accept": "text/csv"}}, 406),
])
def test_client_errors(client: FlaskClient, request_kwargs: dict, status: int) -> None:
    response = client.open("/sparql", **request_kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_refusals_say_why(client: FlaskClient) -> None:
    update = client.get("/sparql", query_string={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert "updates are not allowed" in update.get_data(as_text=True)
    service = client.get("/sparql", query_string={"query": "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"})
    assert "SERVICE" in service.get_data(as_text=True)


def test_rows_beyond_max_rows_are_cut_and_flagged(built_data_dir: BuildData,
                                                 app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir(), max_rows=2)).test_client()
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    body = response.get_json()
    assert response.headers["X-Evkg-Truncated"] == "true"
    assert len(body["results"]["bindings"]) == 2 and "truncated" in body["warning"]
    csv = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "csv"})
    assert len(csv.data.decode().strip().splitlines()) == 3
    small = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
    assert "X-Evkg-Truncated" not in small.headers


def test_query_size_limit_is_a_413(built_data_dir: BuildData, app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir(), max_query_size=200)).test_client()
    query = "ASK {}" + " " * 300
    assert client.get("/sparql", query_string={"query": query}).status_code == 413
    assert client.post("/sparql", data=query, content_type="application/sparql-query").status_code == 413
    huge = client.post("/sparql", data="ASK {}" + " " * 10_000, content_type="application/sparql-query")
    assert huge.status_code == 413


def test_no_graph_yet_is_a_503(tmp_path, app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(tmp_path / "nothing")).test_client()
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "application/json"})
    assert response.status_code == 503 and "no graph built yet" in response.get_json()["message"]
    assert response.headers["Retry-After"]


def test_cors_for_reads(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://yasgui.example")
    preflight = client.options("/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.headers["Access-Control-Allow-Origin"] in ("*", "https://yasgui.example")
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.mark.parametrize("accept", [None, "application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_service_description(client: FlaskClient, accept: str | None) -> None:
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    graph = _graph(response.data, response.mimetype)
    service = rdflib.URIRef("http://localhost/sparql")
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    formats = {str(f).rsplit("/", 1)[1] for f in graph.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_CSV", "Turtle", "JSON-LD", "RDF_XML", "N-Triples"} <= formats
    names = {str(name) for name in graph.objects(None, SD.name)}
    assert names == {"https://w3id.org/evkg/graph/entities", "https://w3id.org/evkg/graph/document/sample"}
    counts = sorted(int(n) for n in graph.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#triples")))
    assert counts == [6, 6, 12]
