"""`evkg push` and `evkg serve --store` against real stores: Virtuoso (Debian) and Oxigraph server (PyPI).

Each store is started once per session on loopback ports. Against each: the seed build is pushed (in
small chunks, so PUT and POST both run), the whole acceptance file passes through the app and
through `evkg serve --store`, a failed push leaves the previous build served, a stopped or frozen
store gives 502 / 504 and the service recovers with it, and a second push is seen without a restart,
and not before its switch.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import DOCUMENTS, PLANT, build_corpus, make_settings, serve_evkg
from evkg.settings import Settings
from evkg.graph.published import BUILDS_PREFIX, CURRENT_GRAPH, PushedBuild, manifest_query, new_push, physical
from evkg.graph.push import GraphStoreWriter, UpdateWriter, Writer, current_push, push, push_command
from evkg.graph.layout import current_build
from evkg.graph.statistics import BuildStatistics
from evkg.graph.store_client import StoreClient
from evkg.service.app import create_app
from evkg.service.saved_queries import load_catalog
from stores import StoreServer, start_oxigraph, start_virtuoso
from test_acceptance import QUERIES, check, run

pytestmark = pytest.mark.slow

REFRESH = 0.3  # store_refresh_seconds of the apps here, so a push is seen quickly
QUERY_TIMEOUT = 3.0
ARTICLE = Path(__file__).resolve().parent / "articles" / "nissan-sunderland.txt"
GRAPH_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STR(?g) = ?name) }"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreServer]:
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreServer]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


def store_settings(server: StoreServer, data: Path, **overrides: object) -> Settings:
    """Settings that point evkg at `server`, with its credentials."""
    values: dict[str, object] = {"store": server.query, "graph_store": server.graph_store, "store_user": server.user,
                                 "store_password": server.password, "store_refresh_seconds": REFRESH,
                                 "query_timeout": QUERY_TIMEOUT}
    return make_settings(data, **(values | overrides))


def client_for(server: StoreServer) -> StoreClient:
    return StoreClient(server.query, server.graph_store, server.user, server.password, update_url=server.update)


def push_to(server: StoreServer, data: Path, writer: Callable[[StoreClient], Writer] = GraphStoreWriter,
            chunk: int | None = None) -> str:
    """Push the current build of `data`; returns the push's graph-name prefix."""
    client = client_for(server)
    try:
        chosen = writer(client)
        if chunk is not None:
            chosen.chunk = chunk
        return push(data, client, chosen, grace=REFRESH + QUERY_TIMEOUT).push
    finally:
        client.close()


def store_select(server: StoreServer, query: str) -> list[dict[str, str]]:
    """Rows of a query sent to the store directly, as {variable: value}."""
    client = client_for(server)
    try:
        body, _ = client.query(query, "application/sparql-results+json")
    finally:
        client.close()
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    names = [variable.value for variable in result.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in result]


@pytest.fixture(scope="module", params=["virtuoso", "oxigraph"])
def server(request: pytest.FixtureRequest) -> StoreServer:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def seeded(server: StoreServer, seed_data: Path) -> str:
    """The seed build pushed to the store by the Graph Store Protocol, 500 triples a request."""
    return push_to(server, seed_data, chunk=500)


@pytest.fixture(scope="module")
def store_app(server: StoreServer, seeded: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app serving from the store, with no local build at all."""
    app = create_app(store_settings(server, tmp_path_factory.mktemp("no-build") / "data", result_cache_mb=0))
    app.config["TESTING"] = True
    yield app
    app.extensions["evkg.engine"].close()


@pytest.fixture
def store_client(store_app: Flask) -> FlaskClient:
    return store_app.test_client()


def flask_fetch(client: FlaskClient) -> Callable[[str], dict[str, Any]]:
    def fetch(path: str) -> dict[str, Any]:
        response = client.get(path, headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    return fetch


def test_the_push_holds_every_graph_of_the_build_whole(server: StoreServer, seeded: str, seed_data: Path) -> None:
    counts = BuildStatistics.read(current_build(seed_data))
    expected = {seeded + "default": counts.triples} | {
        seeded + (name.removeprefix("https://w3id.org/evkg/graph/") if "/graph/" in name else "ontology"): count
        for name, count in counts.graphs.items()}
    for name, count in expected.items():
        rows = store_select(server, GRAPH_COUNT.replace("?name", json.dumps(name)))
        assert int(rows[0]["n"]) == count, name
    assert current_push(client_for(server)) == seeded


@pytest.mark.parametrize("name", list(QUERIES))
def test_the_acceptance_file_passes_from_the_store(store_client: FlaskClient, name: str) -> None:
    check(QUERIES[name], run(name, flask_fetch(store_client)))


SAMPLE_PARAMETERS = {"plant": "https://w3id.org/evkg/resource/plant/ampere-douai", "brand": "https://w3id.org/evkg/resource/brand/renault",
                     "platform": "https://w3id.org/evkg/resource/platform/ampr-small", "text": "douai", "date": "2026-01-01",
                     "entity": "https://w3id.org/evkg/resource/plant/ampere-douai", "since": "2020",
                     "document": "https://w3id.org/evkg/resource/document/alliance-ampere-douai"}


SAVED = load_catalog(Path(__file__).resolve().parent.parent / "queries").queries


@pytest.mark.parametrize("name", sorted(SAVED))
def test_every_saved_query_answers_from_the_store_as_it_does_locally(store_client: FlaskClient, seed_client: FlaskClient,
                                                                      name: str) -> None:
    """The store compiles and answers each saved query as written for the engine (Virtuoso has compiler gaps)."""
    query = urllib.parse.urlencode({parameter.name: SAMPLE_PARAMETERS[parameter.name]
                                    for parameter in SAVED[name].parameters})

    def rows(client: FlaskClient) -> list[tuple[tuple[str, str], ...]]:
        bindings = flask_fetch(client)(f"/queries/{name}?{query}")["results"]["bindings"]
        return sorted(tuple(sorted((key, term["value"]) for key, term in row.items())) for row in bindings)

    assert rows(store_client) == rows(seed_client)


def test_graph_names_are_the_logical_ones(store_client: FlaskClient) -> None:
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    rows = flask_fetch(store_client)("/sparql?" + urllib.parse.urlencode({"query": graphs}))["results"]["bindings"]
    assert {row["g"]["value"] for row in rows} == {
        "https://w3id.org/evkg/graph/entities", "https://w3id.org/evkg/graph/document/alliance-ampere-douai",
        "https://w3id.org/evkg/graph/gazetteer", "https://w3id.org/evkg/ontology"}
    labels = ("PREFIX g: <https://w3id.org/evkg/graph/> SELECT (COUNT(*) AS ?n) FROM g:entities "
              "WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    answer = flask_fetch(store_client)("/sparql?" + urllib.parse.urlencode({"query": labels}))
    assert int(answer["results"]["bindings"][0]["n"]["value"]) > 0
    nothing = "SELECT * FROM <https://w3id.org/evkg/graph/nothing> WHERE { ?s ?p ?o }"
    assert flask_fetch(store_client)("/sparql?" + urllib.parse.urlencode({"query": nothing}))["results"]["bindings"] == []
    for cls, expected in (("ManufacturingPlant", True), ("NoSuchClass", False)):
        ask = flask_fetch(store_client)("/sparql?" + urllib.parse.urlencode(
            {"query": f"ASK {{ ?s a <https://w3id.org/evkg/ontology#{cls}> }}"}))
        assert ask["boolean"] is expected, cls


def test_viewer_linked_data_void_and_description_work_from_the_store(store_client: FlaskClient, seeded: str) -> None:
    for path in ("/", PLANT, "/resource/document/alliance-ampere-douai", "/class/ManufacturingPlant", "/queries",
                 "/ontology"):
        response = store_client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, path
    assert "Ampere Douai" in store_client.get(PLANT, headers={"Accept": "text/html"}).get_data(as_text=True)
    turtle = store_client.get(PLANT + ".ttl")
    assert turtle.status_code == 200 and b"ampere-douai" in turtle.data
    construct = store_client.get("/sparql", query_string={"query": f"DESCRIBE <https://w3id.org/evkg{PLANT}>"},
                                 headers={"Accept": "application/n-triples"})
    assert construct.status_code == 200 and construct.data.count(b"\n") > 5
    void = store_client.get("/.well-known/void").get_data(as_text=True)
    assert "void:triples" in void and "evkg.ttl" not in void  # the build's dumps are not on this machine
    assert b"sd:Service" in store_client.get("/sparql", headers={"Accept": "text/turtle"}).data
    downloads = store_client.get("/downloads").get_data(as_text=True)
    assert "come from the store" in downloads and "evkg-ontology.ttl" in downloads
    stats = store_client.get("/-/stats.json").get_json()
    assert seeded.removeprefix(BUILDS_PREFIX).startswith(stats["build"]) and stats["triples"] > 1000
    assert store_client.get("/healthz").get_json()["build"] == stats["build"]


def test_the_guard_and_secrets_hold_in_front_of_the_store(store_client: FlaskClient, server: StoreServer) -> None:
    for query in (f"DROP GRAPH <{CURRENT_GRAPH}>", "SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
                  "LOAD <http://example.org/>"):
        assert store_client.get("/sparql", query_string={"query": query}).status_code == 403
    assert current_push(client_for(server)) is not None
    settings = store_client.get("/-/settings.json").get_data(as_text=True)
    if server.password:
        assert server.password not in settings
    broken = store_client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p "})
    assert broken.status_code == 400


def test_dumps_are_served_when_the_pushed_build_is_here(server: StoreServer, seeded: str, seed_data: Path) -> None:
    app = create_app(store_settings(server, seed_data))
    try:
        client = app.test_client()
        with client.get("/downloads/evkg.ttl") as dump:
            assert dump.status_code == 200 and dump.data.startswith(b"@prefix")
        assert "come from the store" not in client.get("/downloads").get_data(as_text=True)
    finally:
        app.extensions["evkg.engine"].close()


def test_evkg_serve_store_answers_the_acceptance_file(server: StoreServer, seeded: str, tmp_path: Path) -> None:
    with serve_evkg(tmp_path / "data", store=server.query, store_user=server.user,
                    store_password=server.password) as base:

        def fetch(path: str) -> dict[str, Any]:
            request = urllib.request.Request(base + path, headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 200
                return json.load(response)

        for name in QUERIES:
            check(QUERIES[name], run(name, fetch))


def test_the_manifest_of_thousands_of_documents_goes_through_whole(server: StoreServer) -> None:
    """A 4,000-document build's manifest is 1 MB of JSON, over the 64 KB literal that Virtuoso's Graph Store endpoint
    takes: it goes in parts and comes back whole, escapes and non-ASCII text included."""
    prefix = new_push("manifest-test")
    documents = [{"name": f"article-{number:04d}.txt", "title": "Usine \"Électricité\"\nnuméro " + str(number)}
                 for number in range(4000)]
    graphs = {f"https://w3id.org/evkg/graph/document/article-{number:04d}": 280 for number in range(4000)}
    pushed = PushedBuild(prefix, "manifest-test", physical(prefix, None), {}, json.dumps({"graphs": graphs}),
                         json.dumps({"documents": documents}))
    assert min(len(pushed.statistics), len(pushed.manifest)) > 200_000
    client = client_for(server)
    try:
        GraphStoreWriter(client).replace(prefix + "manifest", [quad.triple for quad in pushed.manifest_triples()])
        rows = store_select(server, manifest_query(prefix))
        assert PushedBuild.from_triples(prefix, [(row["s"], row["p"], row["o"]) for row in rows]) == pushed
    finally:
        GraphStoreWriter(client).drop(prefix + "manifest")
        client.close()


class FailingWriter(GraphStoreWriter):
    """Sends the first graphs, then fails as a store going away mid-push would."""

    def __init__(self, client: StoreClient) -> None:
        super().__init__(client)
        self.sent = 0

    def replace(self, graph: str, triples: list[ox.Triple]) -> None:
        self.sent += 1
        if self.sent > 2:
            raise OSError("the connection went away")
        super().replace(graph, triples)


def test_a_failed_push_leaves_the_previous_build_served(server: StoreServer, seeded: str, seed_data: Path,
                                                        store_client: FlaskClient) -> None:
    with pytest.raises(OSError):
        push_to(server, seed_data, FailingWriter)
    assert current_push(client_for(server)) == seeded
    graphs = store_select(server, f'SELECT DISTINCT ?g {{ GRAPH ?g {{ ?s ?p ?o }} '
                                  f'FILTER(STRSTARTS(STR(?g), "{BUILDS_PREFIX}")) }}')
    assert all(row["g"].startswith(seeded) for row in graphs)
    check(QUERIES["plants"], run("plants", flask_fetch(store_client)))


def test_a_push_with_wrong_credentials_fails_without_showing_them(server: StoreServer, seed_data: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    if not server.user:
        pytest.skip(f"{server.name} asks for no credentials")
    password = "wrong-Password-42"
    url = server.query.replace("http://", f"http://someone:{password}@")
    settings = store_settings(server, seed_data, store=url, store_user="someone", store_password=password,
                              store_update=server.update.replace("http://", f"http://someone:{password}@"),
                              graph_store="")
    status = push_command(settings)
    output = capsys.readouterr()
    assert status == 1
    assert "401" in output.err and "store_password" in output.err
    assert password not in output.err + output.out and "someone:" not in output.err + output.out


def test_a_stopped_or_frozen_store_gives_502_or_504_and_the_service_recovers(
        server: StoreServer, store_client: FlaskClient) -> None:
    fetch = flask_fetch(store_client)
    check(QUERIES["companies"], run("companies", fetch))
    server.stop()
    try:
        down = store_client.get("/queries/companies", headers={"Accept": "application/json"})
        assert down.status_code == 502
        assert "cannot be reached" in down.get_json()["message"]
        assert store_client.get("/healthz").status_code == 200
    finally:
        server.start()
    check(QUERIES["companies"], run("companies", fetch))
    server.pause()
    started = time.monotonic()
    try:
        slow = store_client.get("/queries/plants", headers={"Accept": "application/json"})
    finally:
        server.resume()
    assert slow.status_code == 504 and "time limit" in slow.get_json()["message"]
    assert time.monotonic() - started < QUERY_TIMEOUT + 5
    check(QUERIES["plants"], run("plants", fetch))


def test_virtuoso_stops_a_long_query_at_the_time_limit(server: StoreServer, store_client: FlaskClient) -> None:
    if server.name != "virtuoso":
        pytest.skip(f"{server.name} has no per-query time limit parameter (Oxigraph's limit is `--timeout-s`)")
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    response = store_client.get("/sparql", query_string={"query": endless, "timeout": "1"},
                                headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 504, response.get_data(as_text=True)
    assert time.monotonic() - started < QUERY_TIMEOUT + 5


class WatchedWriter(UpdateWriter):
    """SPARQL Update, with a look at what readers see once every graph is written, just before the switch."""

    def __init__(self, client: StoreClient, before_switch: Callable[[], None]) -> None:
        super().__init__(client)
        self.before_switch = before_switch

    def replace(self, graph: str, triples: list[ox.Triple]) -> None:
        if graph == CURRENT_GRAPH:
            self.before_switch()
        super().replace(graph, triples)


def test_a_second_push_is_seen_without_restart(server: StoreServer, seed_data: Path, store_client: FlaskClient,
                                               tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    shutil.copy(DOCUMENTS / "alliance-ampere-douai.txt", documents)
    shutil.copy(ARTICLE, documents)
    changed = build_corpus(documents, tmp_path / "data")
    fetch = flask_fetch(store_client)

    def still_the_seed() -> None:
        time.sleep(3 * REFRESH)  # past a refresh: the new graphs are all in the store, not yet switched to
        assert store_client.get("/healthz").get_json()["build"] == current_build(seed_data).name
        labels = [row["label"]["value"] for row in fetch("/queries/plants")["results"]["bindings"]]
        assert any("Douai" in label for label in labels) and not any("Sunderland" in label for label in labels)

    second = push_to(server, changed, lambda client: WatchedWriter(client, still_the_seed))
    deadline = time.monotonic() + 10 * REFRESH + 5
    while store_client.get("/healthz").get_json()["build"] != current_build(changed).name:
        assert time.monotonic() < deadline, "the second push was not picked up"
        time.sleep(REFRESH)
    plants = {row["label"]["value"] for row in fetch("/queries/plants")["results"]["bindings"]}
    assert any("Sunderland" in label for label in plants) and any("Douai" in label for label in plants)
    graphs = store_select(server, f'SELECT DISTINCT ?g {{ GRAPH ?g {{ ?s ?p ?o }} '
                                  f'FILTER(STRSTARTS(STR(?g), "{BUILDS_PREFIX}")) }}')
    assert graphs and all(row["g"].startswith(second) for row in graphs)  # the previous push was dropped
    push_to(server, seed_data)
    while store_client.get("/healthz").get_json()["build"] != current_build(seed_data).name:
        assert time.monotonic() < deadline + 10, "the seed push was not picked up again"
        time.sleep(REFRESH)
    check(QUERIES["plants"], run("plants", fetch))
