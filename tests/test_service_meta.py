"""Operator pages (/healthz, /-/settings, /-/stats, /-/versions) and the app-wide error handling."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import SAMPLE_TRIG, BuildData, make_settings

DOCUMENTS = [{"file": "sample.txt", "sha256": "0" * 64, "graph": "https://w3id.org/evkg/graph/document/sample",
              "slug": "sample"}]


def test_healthz_names_the_served_build(client: FlaskClient, sample_data_dir: Path) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "build": (sample_data_dir / "current").resolve().name}


def test_healthz_is_alive_before_any_build(tmp_path: Path, app_factory: Callable[..., Flask]) -> None:
    response = app_factory(make_settings(tmp_path / "none")).test_client().get("/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok", "build": None})


def test_settings_as_json_and_html(built_data_dir: BuildData, app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir(), max_rows=123)).test_client()
    data = client.get("/-/settings", headers={"Accept": "application/json"}).get_json()
    assert data["max_rows"] == {"value": 123, "help": data["max_rows"]["help"]} and data["max_rows"]["help"]
    assert set(data) >= {"data_dir", "query_timeout", "max_rows", "max_query_size", "workers"}
    assert client.get("/-/settings.json").get_json() == data
    html = client.get("/-/settings", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and b"<th scope=\"row\">max_rows</th><td>123</td>" in html.data


def test_stats_count_triples_graphs_and_documents(built_data_dir: BuildData,
                                                  app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir(SAMPLE_TRIG, documents=DOCUMENTS))).test_client()
    stats = client.get("/-/stats.json").get_json()
    assert stats["triples"] == 12 and stats["quads"] == 12
    assert stats["named_graphs"] == {"https://w3id.org/evkg/graph/document/sample": 6,
                                     "https://w3id.org/evkg/graph/entities": 6}
    assert stats["documents"] == DOCUMENTS
    assert stats["build"] and stats["started"] and stats["finished"]
    html = client.get("/-/stats", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and b"triples" in html.data


def test_stats_are_counted_again_for_a_newly_published_build(built_data_dir: BuildData,
                                                              app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir(SAMPLE_TRIG))).test_client()
    assert client.get("/-/stats.json").get_json()["triples"] == 12
    built_data_dir("<https://example.org/s> <https://example.org/p> <https://example.org/o> .", ox.RdfFormat.N_TRIPLES)
    assert client.get("/-/stats.json").get_json()["triples"] == 1


def test_stats_without_a_build_is_a_503(tmp_path: Path, app_factory: Callable[..., Flask]) -> None:
    response = app_factory(make_settings(tmp_path / "none")).test_client().get("/-/stats.json")
    assert response.status_code == 503


def test_versions(client: FlaskClient) -> None:
    versions = client.get("/-/versions.json").get_json()
    assert versions["pyoxigraph"] == "0.5.13" and versions["evkg"] and versions["python"]
    assert client.get("/-/versions", headers={"Accept": "text/html"}).mimetype == "text/html"


@pytest.mark.parametrize("accept, mimetype", [
    ("application/json", "application/json"), ("text/html", "text/html"), ("text/plain", "text/plain"),
])
def test_not_found_in_the_requested_format(client: FlaskClient, accept: str, mimetype: str) -> None:
    response = client.get("/no/such/page", headers={"Accept": accept})
    assert (response.status_code, response.mimetype) == (404, mimetype)


def test_unexpected_errors_are_logged_with_a_request_id_and_hidden(
        built_data_dir: BuildData, app_factory: Callable[..., Flask], caplog: pytest.LogCaptureFixture) -> None:
    app = app_factory(make_settings(built_data_dir()))

    def broken() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/broken", view_func=broken)
    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/broken", headers={"Accept": "application/json"})
    body = response.get_json()
    assert response.status_code == 500 and "secret" not in response.get_data(as_text=True)
    assert body["request_id"] == response.headers["X-Request-Id"]
    assert any(body["request_id"] in record.getMessage() and record.exc_info for record in caplog.records)
