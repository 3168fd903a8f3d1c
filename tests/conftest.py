"""Shared fixtures: a small published data folder made from Turtle/TriG text, and a Flask client on it."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from evkg.settings import Settings, load_settings
from evkg.graph.build import build
from evkg.graph.layout import current_build, manifest_file, new_build_dir, publish, store_path
from evkg.graph.dumps import write_dumps
from evkg.graph.store import merge_into_default_graph
from evkg.service.app import create_app

SAMPLE_TRIG = """
@prefix evkg: <https://w3id.org/evkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix res: <https://w3id.org/evkg/resource/> .

<https://w3id.org/evkg/graph/entities> {
    res:company\\/renault a evkg:Company ; rdfs:label "Renault" .
    res:company\\/nissan a evkg:Company ; rdfs:label "Nissan" .
    res:plant\\/ampere-douai a evkg:ManufacturingPlant ; rdfs:label "Ampere Douai" .
}
<https://w3id.org/evkg/graph/document/sample> {
    res:plant\\/ampere-douai evkg:operatedBy res:company\\/renault .
    res:production\\/ampere-douai-2024 a evkg:ProductionRecord ; evkg:outputOf res:plant\\/ampere-douai ;
        evkg:year 2024 ; evkg:units 40000 ; evkg:approximate true .
}
"""

BuildData = Callable[..., Path]


def publish_build(data_dir: Path, rdf: str, rdf_format: ox.RdfFormat = ox.RdfFormat.TRIG,
                  documents: list[dict] | None = None) -> Path:
    """Write a complete build (store + build.json) from RDF text and make it `current`; returns the build."""
    build = new_build_dir(data_dir)
    store = ox.Store(str(store_path(build)))
    store.load(rdf.encode("utf-8"), format=rdf_format)
    triples = write_dumps(store, build)
    merge_into_default_graph(store, build)
    store.flush()
    del store
    gc.collect()  # pyoxigraph releases the store's lock only when the object is gone
    now = datetime.now(timezone.utc).isoformat()
    manifest = {"id": build.name, "started": now, "finished": now, "documents": documents or [], "triples": triples}
    manifest_file(build).write_text(json.dumps(manifest), encoding="utf-8")
    publish(data_dir, build)
    return build


@contextlib.contextmanager
def serve_evkg(data_dir: Path, workers: int = 2, store: str | None = None, access_log: Path | None = None,
               evkg: Path | None = None, cwd: Path | None = None, **settings: object) -> Iterator[str]:
    """`evkg serve` (granian) on a free loopback port, from `--store` when given; yields its base URL, stops it
    afterwards.

    `settings` become EVKG_* variables (e.g. query_timeout=2); the caller's own EVKG_* are dropped.
    The server's standard output (its access log) goes to `access_log` when given. `evkg` is the command (this
    venv's by default), run in `cwd`.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EVKG_")}
    environment |= {f"EVKG_{name.upper()}": str(value) for name, value in settings.items()}
    output = access_log.open("wb") if access_log else None
    process = subprocess.Popen(
        [str(evkg or Path(sys.executable).with_name("evkg")), "serve", "--data", str(data_dir), "--port", str(port),
         "--workers", str(workers), *(["--store", store] if store else [])],
        env=environment, cwd=cwd, stdout=output or subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("evkg serve did not start")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        if output:
            output.close()


@pytest.fixture
def built_data_dir(tmp_path: Path) -> BuildData:
    """A factory: `built_data_dir(trig_text)` publishes a build of that text and returns the data folder."""
    data_dir = tmp_path / "data"

    def make(rdf: str = SAMPLE_TRIG, rdf_format: ox.RdfFormat = ox.RdfFormat.TRIG,
             documents: list[dict] | None = None) -> Path:
        publish_build(data_dir, rdf, rdf_format, documents)
        return data_dir

    return make


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings for tests: defaults plus overrides, ignoring the developer's EVKG_* environment."""
    return load_settings(environ={}, data_dir=data_dir, **overrides)


@pytest.fixture
def app_factory() -> Iterator[Callable[..., Flask]]:
    """Make apps on given settings; their query processes are stopped after the test."""
    apps: list[Flask] = []

    def make(settings: Settings) -> Flask:
        app = create_app(settings)
        app.config["TESTING"] = True
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["evkg.engine"].close()


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One published build of SAMPLE_TRIG for the whole session; read it, never publish into it."""
    data_dir = tmp_path_factory.mktemp("sample") / "data"
    publish_build(data_dir, SAMPLE_TRIG)
    return data_dir


@pytest.fixture
def app(sample_data_dir: Path, app_factory: Callable[..., Flask]) -> Flask:
    """An app over the sample graph (SAMPLE_TRIG)."""
    return app_factory(make_settings(sample_data_dir))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"
PLANT = "/resource/plant/ampere-douai"
DOCUMENT = "/resource/document/alliance-ampere-douai"
SEED_MODELS = {"renault-megane-e-tech", "renault-scenic-e-tech", "renault-5-e-tech", "alpine-a290", "nissan-micra-ev",
               "mitsubishi-motors-eclipse-cross-ev"}


def build_corpus(documents: Path, data: Path) -> Path:
    """Build a folder of documents with the real pipeline; fail the test when nothing was published."""
    report = build(documents, data, make_settings(data, documents_dir=documents))
    if current_build(data) is None:
        pytest.fail(f"the build of {documents} was not published: {report}")
    return data


@functools.cache
def _seed(base: Path) -> Path:
    return build_corpus(DOCUMENTS, base / "seed-data")


@pytest.fixture(scope="session")
def seed_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data folder of a real build of documents/ (read-only for the tests)."""
    return _seed(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def seed_client(seed_data: Path) -> Iterator[FlaskClient]:
    """A test client of the app serving the seed build."""
    app = create_app(make_settings(seed_data))
    app.config["TESTING"] = True
    yield app.test_client()
    app.extensions["evkg.engine"].close()
