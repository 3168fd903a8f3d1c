"""Linked data over a real build: content negotiation, the ontology at its namespace, downloads and VoID."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import VOID

from conftest import PLANT, BuildData, make_settings
from evkg.graph.layout import current_build, dump_file, statistics_file
from evkg.service.ontology_doc import ontology_file
from evkg.service.terms import to_rdflib

EVKG = "https://w3id.org/evkg/ontology#"
PLANT_IRI = URIRef("https://w3id.org/evkg/resource/plant/ampere-douai")
MICRA = URIRef("https://w3id.org/evkg/resource/model/nissan-micra-ev")
RDF_TYPES = {"text/turtle": ("ttl", "turtle"), "application/ld+json": ("jsonld", "json-ld"),
             "application/rdf+xml": ("rdf", "xml"), "application/n-triples": ("nt", "nt")}
# rdflib's JSON-LD parser warns (deprecated ConjunctiveGraph), so every body is read with pyoxigraph
OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
                    "nt": ox.RdfFormat.N_TRIPLES}


def download(client: FlaskClient, name: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """A file response read and closed (send_file keeps the file open until then)."""
    with client.get(f"/downloads/{name}", headers=headers) as response:
        return response.status_code, dict(response.headers), response.data


def parsed(body: bytes, syntax: str) -> Graph:
    graph = Graph()
    for quad in ox.parse(body, OXIGRAPH_FORMATS[syntax], base_iri="http://localhost/"):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


@pytest.mark.parametrize("media_type", list(RDF_TYPES))
def test_entity_negotiates_every_rdf_syntax(seed_client: FlaskClient, media_type: str) -> None:
    response = seed_client.get(PLANT, headers={"Accept": media_type})
    assert response.status_code == 200 and response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    graph = parsed(response.data, RDF_TYPES[media_type][1])
    assert (PLANT_IRI, RDFS.label, Literal("Ampere Douai Plant")) in graph
    assert (PLANT_IRI, URIRef(EVKG + "produces"), MICRA) in graph
    assert (MICRA, RDFS.label, Literal("Nissan Micra EV")) in graph  # labels of linked entities come along
    assert all(s == PLANT_IRI or p == RDFS.label for s, p, _ in graph)


@pytest.mark.parametrize("media_type", list(RDF_TYPES))
def test_explicit_representation_urls_give_the_same_triples(seed_client: FlaskClient, media_type: str) -> None:
    extension, rdflib_format = RDF_TYPES[media_type]
    negotiated = parsed(seed_client.get(PLANT, headers={"Accept": media_type}).data, rdflib_format)
    explicit = seed_client.get(f"{PLANT}.{extension}", headers={"Accept": "text/html"})
    assert explicit.mimetype == media_type
    assert set(parsed(explicit.data, rdflib_format)) == set(negotiated)


def test_browsers_and_clients_without_preference_get_html(seed_client: FlaskClient) -> None:
    for accept in ("text/html,application/xhtml+xml,*/*;q=0.8", "*/*", None):
        response = seed_client.get(PLANT, headers={"Accept": accept} if accept else {})
        assert response.mimetype == "text/html"
        assert "Accept" in response.headers["Vary"]
    link = seed_client.get(PLANT).headers["Link"]
    assert f'<{PLANT}.ttl>; rel="alternate"; type="text/turtle"' in link


def test_unacceptable_media_type_is_406(seed_client: FlaskClient) -> None:
    assert seed_client.get(PLANT, headers={"Accept": "image/png"}).status_code == 406


def test_ontology_page_anchors_every_term(seed_client: FlaskClient) -> None:
    html = seed_client.get("/ontology", headers={"Accept": "text/html"}).get_data(as_text=True)
    source = Graph().parse(ontology_file(), format="turtle")
    terms = {str(s)[len(EVKG):] for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in source.subjects(RDF.type, kind) if str(s).startswith(EVKG)}
    anchors = set(re.findall(r'<div class="term" id="([^"]+)">', html))
    assert terms <= anchors
    assert "schema:Place" in html and "org:Site" in html  # alignments are shown
    entity_html = seed_client.get(PLANT, headers={"Accept": "text/html"}).get_data(as_text=True)
    linked = set(re.findall(r'href="/ontology#([A-Za-z]+)"', entity_html))
    assert linked and linked <= anchors


@pytest.mark.parametrize(("request_", "media_type"), [
    ({"headers": {"Accept": "text/turtle"}}, "text/turtle"),
    ({"headers": {"Accept": "application/rdf+xml"}}, "application/rdf+xml"),
    ({"path": "/ontology.ttl"}, "text/turtle"),
    ({"path": "/ontology.rdf"}, "application/rdf+xml"),
])
def test_ontology_negotiates_owl(seed_client: FlaskClient, request_: dict, media_type: str) -> None:
    response = seed_client.get(request_.get("path", "/ontology"), headers=request_.get("headers", {}))
    assert response.status_code == 200 and response.mimetype == media_type
    graph = parsed(response.data, "turtle" if media_type == "text/turtle" else "xml")
    assert (URIRef("https://w3id.org/evkg/ontology"), RDF.type, OWL.Ontology) in graph
    assert len(graph) == len(Graph().parse(ontology_file(), format="turtle"))


def test_downloads_page_lists_files_with_size_count_and_checksum(seed_client: FlaskClient) -> None:
    html = seed_client.get("/downloads").get_data(as_text=True)
    row = (r'<a href="/downloads/([^"]+)" type="[^"]+">.*?data-bytes="(\d+)".*?'
           r'<td class="number">([\d,]+)</td>\s*<td><code class="checksum">([0-9a-f]{64})</code>')
    rows = re.findall(row, html, re.S)
    names = {name for name, *_ in rows}
    assert {"evkg.ttl", "evkg.nt", "evkg.jsonld", "evkg.rdf", "evkg.trig", "evkg.nq",
            "evkg-ontology.ttl", "evkg-ontology.rdf", "evkg-shapes.ttl"} == names
    for name, size, statements, sha256 in rows:
        body = download(seed_client, name)[2]
        assert len(body) == int(size) and hashlib.sha256(body).hexdigest() == sha256
        assert int(statements.replace(",", "")) > 0


def test_dump_files_have_etag_and_cache_headers(seed_client: FlaskClient) -> None:
    status, headers, body = download(seed_client, "evkg.ttl")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
    assert "max-age=" in headers["Cache-Control"]
    status, _, body = download(seed_client, "evkg.ttl", **{"If-None-Match": headers["ETag"]})
    assert status == 304 and not body
    assert download(seed_client, "secrets.txt")[0] == 404


def test_void_describes_the_live_data(seed_client: FlaskClient) -> None:
    response = seed_client.get("/.well-known/void")
    assert response.mimetype == "text/turtle"
    void = parsed(response.data, "turtle")
    dataset = next(void.subjects(RDF.type, VOID.Dataset))
    assert (dataset, VOID.sparqlEndpoint, URIRef("http://localhost/sparql")) in void
    dumps = {str(o) for o in void.objects(dataset, VOID.dataDump)}
    assert {f"http://localhost/downloads/evkg.{ext}" for ext in ("ttl", "nt", "jsonld", "rdf", "trig", "nq")} <= dumps
    union = parsed(download(seed_client, "evkg.nt")[2], "nt")
    assert int(void.value(dataset, VOID.triples)) == len(union)
    plants = [p for p in void.objects(dataset, VOID.classPartition)
              if void.value(p, VOID["class"]) == URIRef(EVKG + "ManufacturingPlant")]
    assert [int(void.value(p, VOID.entities)) for p in plants] == [1]
    produces = [p for p in void.objects(dataset, VOID.propertyPartition)
                if void.value(p, VOID.property) == URIRef(EVKG + "produces")]
    assert [int(void.value(p, VOID.triples)) for p in produces] == [6]
    as_json = seed_client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert as_json.mimetype == "application/ld+json" and len(parsed(as_json.data, "json-ld")) == len(void)


def test_void_and_downloads_read_the_figures_the_build_measured(built_data_dir: BuildData,
                                                                 app_factory: Callable[..., Flask]) -> None:
    """Counts and checksums are part of the build (stats.json), not a scan of the store on each request."""
    data_dir = built_data_dir()
    stats_file = statistics_file(current_build(data_dir))
    stats = json.loads(stats_file.read_text())
    assert stats["triples"] == len(parsed(dump_file(current_build(data_dir), "nt").read_bytes(), "nt"))
    stats["triples"] = 123456
    stats["dumps"]["evkg.nt"]["sha256"] = "0" * 64
    stats_file.write_text(json.dumps(stats))
    client = app_factory(make_settings(data_dir)).test_client()
    void = parsed(client.get("/.well-known/void").data, "turtle")
    assert int(void.value(next(void.subjects(RDF.type, VOID.Dataset)), VOID.triples)) == 123456
    assert download(client, "evkg.nt")[1]["ETag"] == '"' + "0" * 64 + '"'
