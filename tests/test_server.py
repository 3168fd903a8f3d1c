"""`evkg serve` for real: granian on a loopback port, SPARQLWrapper round trips, limits under load."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from conftest import SAMPLE_TRIG, publish_build, serve_evkg

pytestmark = pytest.mark.slow

RES = "https://w3id.org/evkg/resource/"
EVKG = "https://w3id.org/evkg/ontology#"
TIME_LIMIT = 2.0
BIG = "<urn:big> {\n" + "\n".join(f"<urn:n{i}> <urn:p> <urn:n{(i + 1) % 300}> ." for i in range(300)) + "\n}\n"
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:p>+ ?b . ?c <urn:p>* ?d . ?e ?f ?g . ?h ?i ?j }"
SELECT = f"SELECT ?company ?label WHERE {{ ?company a <{EVKG}Company> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
ASK = f"ASK {{ <{RES}plant/ampere-douai> <{EVKG}operatedBy> <{RES}company/renault> }}"
CONSTRUCT = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }"
DESCRIBE = f"DESCRIBE <{RES}company/renault>"


@dataclass
class Server:
    url: str
    data_dir: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("served") / "data"
    publish_build(data_dir, SAMPLE_TRIG + BIG)
    with serve_evkg(data_dir, workers=2, query_timeout=TIME_LIMIT) as url:
        yield Server(url, data_dir)


def _get(url: str, timeout: float = 30) -> tuple[int, Message, bytes]:
    """Status, headers (looked up by name in any case, as HTTP has them) and body."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _query_url(server: Server, query: str, **params: str) -> str:
    return f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query, **params})


def _wrapper(server: Server, query: str, return_format: str, method: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(server.url + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(return_format)
    wrapper.setMethod(method)
    return wrapper


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("return_format", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(server: Server, return_format: str, method: str) -> None:
    result = _wrapper(server, SELECT, return_format, method).query().convert()
    if return_format == JSON:
        labels = {row["label"]["value"] for row in result["results"]["bindings"]}
    elif return_format == XML:
        labels = {node.firstChild.data for node in result.getElementsByTagName("literal")}
    else:
        separator = "," if return_format == CSV else "\t"
        lines = result.decode("utf-8").strip().splitlines()[1:]
        labels = {line.split(separator)[1].strip('"') for line in lines}
    assert labels == {"Renault", "Nissan"}


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("return_format", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_ask(server: Server, return_format: str, method: str) -> None:
    result = _wrapper(server, ASK, return_format, method).query().convert()
    if return_format == JSON:
        assert result["boolean"] is True
    elif return_format == XML:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert result.decode("utf-8").strip().splitlines()[-1] == "true"


# SPARQLWrapper 2.0 converts RDF into an rdflib ConjunctiveGraph, which rdflib 7 deprecates
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("return_format", [TURTLE, N3, XML, RDFXML, JSONLD])
@pytest.mark.parametrize("query, expected", [
    (CONSTRUCT, (rdflib.URIRef(RES + "company/renault"), rdflib.RDF.type, rdflib.URIRef(EVKG + "Company"))),
    (DESCRIBE, (rdflib.URIRef(RES + "company/renault"), rdflib.RDFS.label, rdflib.Literal("Renault"))),
], ids=["construct", "describe"])
def test_sparqlwrapper_graphs(server: Server, query: str, expected: tuple, return_format: str, method: str) -> None:
    result = _wrapper(server, query, return_format, method).query().convert()
    if isinstance(result, bytes):  # Turtle and N3 come back as text
        result = rdflib.Graph().parse(data=result, format="turtle")
    assert expected in result


def test_explosive_query_is_stopped_and_the_server_stays_responsive(server: Server) -> None:
    answers: list[float] = []

    def quick_queries() -> None:
        while len(answers) < 5:
            started = time.monotonic()
            status, _, _ = _get(_query_url(server, ASK))
            assert status == 200
            answers.append(time.monotonic() - started)
            time.sleep(0.2)

    other_client = threading.Thread(target=quick_queries)
    started = time.monotonic()
    other_client.start()
    status, headers, body = _get(_query_url(server, EXPLOSIVE), timeout=TIME_LIMIT + 20)
    elapsed = time.monotonic() - started
    other_client.join(timeout=30)
    assert status == 503 and "time limit" in body.decode()
    assert headers["Retry-After"].isdigit()
    assert elapsed < TIME_LIMIT + 1.5
    assert len(answers) == 5 and max(answers) < 2.0
    for _ in range(2):  # both workers answer promptly afterwards (the stopped worker restarted its query process)
        started = time.monotonic()
        assert _get(_query_url(server, ASK))[0] == 200
        assert time.monotonic() - started < 2.0


def test_a_client_may_lower_the_time_limit(server: Server) -> None:
    started = time.monotonic()
    status, _, body = _get(_query_url(server, EXPLOSIVE, timeout="0.5"))
    assert status == 503 and "0.5 s" in body.decode()
    assert time.monotonic() - started < 0.5 + 1.5


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "LOAD <http://127.0.0.1:{port}/data.ttl>",
    "LOAD SILENT <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <urn:g>",
])
def test_service_and_load_never_connect(server: Server, template: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    connections: list[tuple] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, address = listener.accept()
            except TimeoutError:
                continue
            connections.append(address)
            connection.close()

    watcher = threading.Thread(target=accept)
    watcher.start()
    try:
        query = template.format(port=listener.getsockname()[1])
        for url in (_query_url(server, query), f"{server.url}/sparql?" + urllib.parse.urlencode({"update": query})):
            status, _, body = _get(url)
            assert status == 403, body
        time.sleep(0.5)
    finally:
        stop.set()
        watcher.join()
        listener.close()
    assert connections == []


def test_a_new_build_is_served_without_restart(server: Server) -> None:
    ask_new = _query_url(server, "ASK { <urn:fresh> <urn:p> <urn:o> }", format="json")
    assert json.loads(_get(ask_new)[2])["boolean"] is False
    publish_build(server.data_dir, SAMPLE_TRIG + BIG + "<urn:fresh> <urn:p> <urn:o> .\n")
    for _ in range(4):  # whichever worker answers, each sees the new build
        assert json.loads(_get(ask_new)[2])["boolean"] is True


def test_each_worker_starts_its_query_processes_before_the_first_query(tmp_path: Path) -> None:
    """So the first queries find them ready, and the server's memory at rest is what it is under load."""
    data_dir = tmp_path / "data"
    publish_build(data_dir, SAMPLE_TRIG)
    with serve_evkg(data_dir, workers=2, query_processes=2):
        deadline = time.monotonic() + 30
        while len(_query_processes(data_dir)) < 4 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(_query_processes(data_dir)) == 4


def _query_processes(data_dir: Path) -> list[int]:
    """Query processes (service.executor) serving a store under `data_dir`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"evkg.service.executor" in command and any(str(data_dir).encode() in part for part in command):
            found.append(int(entry.name))
    return found


def test_a_server_stopped_while_its_workers_start_stops_at_once(tmp_path: Path) -> None:
    """A stop sent while the workers load the app is not lost: the server does not wait for its workers' kill time."""
    data_dir = tmp_path / "data"
    publish_build(data_dir, SAMPLE_TRIG)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {name: value for name, value in os.environ.items() if not name.startswith("EVKG_")}
    environment["EVKG_QUERY_TIMEOUT"] = "60"  # workers still running are killed only after this (and a margin)
    process = subprocess.Popen([str(Path(sys.executable).with_name("evkg")), "serve", "--data", str(data_dir),
                                "--port", str(port), "--workers", "2"], env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 30
    while len(children.read_text().split()) < 2 and time.monotonic() < deadline:  # both workers forked, loading
        time.sleep(0.01)
    process.terminate()
    try:
        assert process.wait(timeout=20) is not None
    finally:
        process.kill()
        process.wait()
