"""Hostile text in documents and labels is shown as text on every page, and every page sends a strict CSP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import DOCUMENTS, BuildData, build_corpus, make_settings

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(2)>'
PAYLOADS = (SCRIPT, BREAKOUT, "</script><script>alert(3)</script>")

HOSTILE_TRIG = r"""
@prefix evkg: <https://w3id.org/evkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix r: <https://w3id.org/evkg/resource/> .
@prefix d: <https://w3id.org/evkg/resource/document/evil#> .

<https://w3id.org/evkg/graph/entities> {
  r:plant\/evil a evkg:ManufacturingPlant ; rdfs:label "Evil <script>alert(1)</script> Plant" ;
      skos:altLabel "\"><img src=x onerror=alert(2)>" .
  r:model\/evil a evkg:VehicleModel ; rdfs:label "</script><script>alert(3)</script>" .
}
<https://w3id.org/evkg/graph/document/evil> {
  r:document\/evil a evkg:SourceDocument ; dcterms:title "<script>alert(1)</script>" ;
      evkg:fileName "\"><img src=x onerror=alert(2)>.txt" .
  d:char\=0\,60 a evkg:Sentence ;
      evkg:text "The Evil <script>alert(1)</script> Plant makes \"><img src=x onerror=alert(2)>." ;
      evkg:start 0 ; evkg:end 60 ; evkg:inDocument r:document\/evil .
  d:mention\=9\,34 a evkg:Mention ; evkg:text "<script>alert(1)</script>" ; evkg:start 9 ; evkg:end 34 ;
      evkg:inDocument r:document\/evil ; evkg:inSentence d:char\=0\,60 ; evkg:denotes r:plant\/evil .
  r:plant\/evil evkg:produces r:model\/evil .
  r:model\/evil evkg:characterisation "\"><img src=x onerror=alert(2)>" .
  d:assertion-000000000001 a evkg:Assertion ; evkg:assertionSubject r:plant\/evil ;
      evkg:assertionPredicate evkg:produces ; evkg:assertionObject r:model\/evil ; evkg:statedIn d:char\=0\,60 .
}
"""
HTML_PAGES = ("/", "/search?q=evil", "/search?q=%3Cscript%3E", "/resource/plant/evil", "/resource/model/evil",
              "/resource/document/evil", "/class/ManufacturingPlant", "/class/VehicleModel", "/query",
              "/downloads", "/ontology", "/resource/plant/missing")


def assert_harmless(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    body = response.get_data(as_text=True)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    for payload in PAYLOADS:
        assert payload not in body, (path, payload)
    assert "<img" not in body and "alert(1)</script>" not in body, path
    return body


@pytest.fixture
def hostile_client(built_data_dir: BuildData, app_factory: Callable[..., Flask]) -> FlaskClient:
    return app_factory(make_settings(built_data_dir(HOSTILE_TRIG))).test_client()


@pytest.mark.parametrize("path", HTML_PAGES)
def test_hostile_labels_and_text_are_escaped(hostile_client: FlaskClient, path: str) -> None:
    assert_harmless(hostile_client, path)


def test_escaped_text_is_still_shown(hostile_client: FlaskClient) -> None:
    plant = assert_harmless(hostile_client, "/resource/plant/evil")
    assert "<h1>Evil &lt;script&gt;alert(1)&lt;/script&gt; Plant</h1>" in plant
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in plant  # the alternative label, as text
    assert "\\u003c/script\\u003e" in plant  # JSON islands escape '<' so they cannot close their script
    document = assert_harmless(hostile_client, "/resource/document/evil")
    assert 'href="/resource/plant/evil"' in document and "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in document


def test_autocomplete_returns_json_not_markup(hostile_client: FlaskClient) -> None:
    response = hostile_client.get("/search.json?q=script")
    assert response.mimetype == "application/json"
    assert any(SCRIPT in result["label"] for result in response.get_json())


def test_a_hostile_document_built_for_real_is_harmless(tmp_path: Path, app_factory: Callable[..., Flask]) -> None:
    corpus = tmp_path / "documents"
    corpus.mkdir()
    seed = (DOCUMENTS / "alliance-ampere-douai.txt").read_text(encoding="utf-8")
    (corpus / "hostile.txt").write_text(
        f"{seed}\nRenault said {SCRIPT} and Nissan replied {BREAKOUT} at the Ampere Douai Plant.\n", encoding="utf-8")
    client = app_factory(make_settings(build_corpus(corpus, tmp_path / "data"))).test_client()
    document = assert_harmless(client, "/resource/document/hostile")
    assert "said &lt;script&gt;alert(1)&lt;/script&gt; and" in document
    for path in ("/", "/resource/plant/ampere-douai", "/resource/company/renault", "/search?q=renault"):
        assert_harmless(client, path)
