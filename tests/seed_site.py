"""A real build of documents/ shared by the viewer tests (built once per session), and an app or server on it."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from conftest import make_settings
from graph.build import build
from graph.layout import current_build
from service.app import create_app

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
