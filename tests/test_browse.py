"""The viewer's pages over a real build of documents/: what a person sees, and that it works without scripts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from conftest import DOCUMENT, PLANT, SEED_MODELS, BuildData, make_settings
from evkg.graph.layout import current_build, store_path
from evkg.ontology.vocabulary import EVKG
from evkg.service import contents
from evkg.service.display import format_literal, literal_span, segments

HTML = {"Accept": "text/html"}


class Islands(HTMLParser):
    """Collects <script type=...> data islands by type and id."""

    def __init__(self) -> None:
        super().__init__()
        self.islands: dict[str, str] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type", "").startswith("application/"):
            self._current = attributes.get("id") or attributes["type"]

    def handle_data(self, data: str) -> None:
        if self._current:
            self.islands[self._current] = self.islands.get(self._current, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._current = None


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, (path, response.get_data(as_text=True)[:500])
    assert response.mimetype == "text/html"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    return response.get_data(as_text=True)


def islands(html: str) -> dict[str, str]:
    parser = Islands()
    parser.feed(html)
    return parser.islands


def test_home_says_what_the_graph_holds_and_where_to_go(seed_client: FlaskClient) -> None:
    html = page(seed_client, "/")
    assert '<a href="/class/ManufacturingPlant">manufacturing plant</a></td><td class="number">1<' in html
    assert f'href="{DOCUMENT}"' in html
    for target in ("/queries", "/query", "/ontology", "/downloads"):
        assert f'href="{target}"' in html
    assert 'data-autocomplete="/search.json"' in html
    assert re.search(r'<main id="main"', html) and "<nav aria-label=\"Main\">" in html


def test_home_counts_are_what_the_store_holds_largest_first(seed_client: FlaskClient, seed_data: Path) -> None:
    """The home page shows the build's own class counts: the same as counting in the store, for every evkg class."""
    build = current_build(seed_data)
    assert build is not None
    store = ox.Store.read_only(str(store_path(build)))
    counted = {row["class"].value: int(row["n"].value) for row in store.query(
        "SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?class } GROUP BY ?class")}
    expected = sorted(((cls, n) for cls, n in counted.items() if cls.startswith(EVKG)), key=lambda c: (-c[1], c[0]))
    with seed_client.application.app_context():
        assert [(str(cls), n) for cls, n in contents.class_counts()] == expected != []


def test_autocomplete_matches_labels_and_alternative_labels(seed_client: FlaskClient) -> None:
    results = seed_client.get("/search.json?q=douai").get_json()
    plant = next(result for result in results if result["href"] == PLANT)
    assert plant["type"] == "ManufacturingPlant" and plant["label"] == "Ampere Douai Plant"
    by_alt = seed_client.get("/search.json?q=R5").get_json()
    r5 = next(r for r in by_alt if r["href"] == "/resource/model/renault-5-e-tech")
    assert r5["label"] == "Renault 5 E-Tech" and r5["matched"] != r5["label"]
    assert seed_client.get("/search.json?q=").get_json() == []


def test_search_page_works_without_scripts(seed_client: FlaskClient) -> None:
    html = page(seed_client, "/search?q=Douai")
    assert f'<a href="{PLANT}">Ampere Douai Plant</a>' in html


def test_plant_page_shows_facts_with_units_precision_and_sources(seed_client: FlaskClient) -> None:
    html = page(seed_client, PLANT)
    assert "<h1>Ampere Douai Plant</h1>" in html
    assert 'href="/ontology#ManufacturingPlant"' in html
    assert "since May 2023" in html
    assert "550,000,000 EUR" in html
    for model in SEED_MODELS:
        assert f'href="/resource/model/{model}"' in html
    assert "<mark>battery assembly workshop</mark>" in html
    assert f'href="{DOCUMENT}#char=' in html
    assert ">produces</a></dt>" in html and ">has output</a></dt>" in html


def test_plant_output_is_in_the_chart_data(seed_client: FlaskClient) -> None:
    data = json.loads(islands(page(seed_client, PLANT))["output-data"])
    assert data == [{"year": 2023, "units": 50729, "approximate": True, "others": []},
                    {"year": 2024, "units": 89527, "approximate": False, "others": []}]


def test_neighbourhood_graph_links_every_model(seed_client: FlaskClient) -> None:
    graph = json.loads(islands(page(seed_client, PLANT))["graph-data"])
    hrefs = {node["href"] for node in graph["nodes"]}
    assert {f"/resource/model/{model}" for model in SEED_MODELS} <= hrefs
    assert {"source": "https://w3id.org/evkg/resource/plant/ampere-douai",
            "target": "https://w3id.org/evkg/resource/model/nissan-micra-ev", "label": "produces"} in graph["edges"]


def test_entity_pages_embed_schema_org_and_alternates(seed_client: FlaskClient) -> None:
    html = page(seed_client, PLANT)
    data = json.loads(islands(html)["application/ld+json"])
    assert data["@context"] == "https://schema.org" and data["name"] == "Ampere Douai Plant"
    assert data["@id"] == "https://w3id.org/evkg/resource/plant/ampere-douai"
    for extension, media in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                             ("rdf", "application/rdf+xml"), ("nt", "application/n-triples")):
        assert f'<link rel="alternate" type="{media}" href="{PLANT}.{extension}"' in html


def test_model_page_shows_incoming_links_and_its_launch(seed_client: FlaskClient) -> None:
    html = page(seed_client, "/resource/model/nissan-micra-ev")
    assert ">produced at</a></dt>" in html and f'href="{PLANT}"' in html
    assert "late 2025" in html
    assert "next-generation" in html
    assert re.search(r"<mark>[^<]*Micra EV</mark>", html)


def test_document_page_marks_every_mention_and_lists_the_facts(seed_client: FlaskClient) -> None:
    html = page(seed_client, DOCUMENT)
    assert re.search(rf'<a class="mention mention-plant" href="{PLANT}"[^>]*>Ampere Douai Plant</a>', html)
    assert re.search(r'<span class="sentence" id="char=\d+,\d+">', html)
    assert "Output has grown sharply" in html
    assert "Facts taken from this document" in html and "89,527 units" in html


def test_class_page_lists_instances_and_sorts(seed_client: FlaskClient) -> None:
    html = page(seed_client, "/class/VehicleModel")
    labels = re.findall(r'<tr><td><a href="/resource/model/[^"]+">([^<]+)</a>', html)
    assert len(labels) == 6 and labels == sorted(labels, key=str.lower)
    descending = page(seed_client, "/class/VehicleModel?sort=label&order=desc")
    assert re.findall(r'<tr><td><a href="/resource/model/[^"]+">([^<]+)</a>', descending) == labels[::-1]
    assert 'aria-sort="descending"' in descending
    organisations = page(seed_client, "/class/Organization")
    assert 'href="/resource/company/renault"' in organisations  # subclasses included
    assert seed_client.get("/class/Spaceship", headers=HTML).status_code == 404


def test_query_editor_offers_the_saved_queries_and_a_plain_form(seed_client: FlaskClient) -> None:
    html = page(seed_client, "/query")
    assert '<form id="query-form" class="query-form" action="/sparql" method="get">' in html
    examples = json.loads(islands(html)["examples-data"])
    assert "plant_models" in examples and "SELECT" in examples["plant_models"]
    chosen = page(seed_client, "/query?example=plants")
    assert examples["plants"].split("\n")[-2].strip() in chosen


@pytest.mark.parametrize("path", ["/resource/plant/nowhere", "/resource/spaceship/x", "/resource/plant/nowhere.ttl"])
def test_unknown_resources_are_404(seed_client: FlaskClient, path: str) -> None:
    assert seed_client.get(path, headers=HTML).status_code == 404


def test_literals_read_with_their_units_and_precision() -> None:
    assert format_literal(Literal("2023-05", datatype=XSD.gYearMonth), "allElectricSince") == "since May 2023"
    assert format_literal(Literal("2024-03-05", datatype=XSD.date), "issued") == "5 March 2024"
    amount = Literal("550000000.0", datatype=XSD.decimal)
    assert format_literal(amount, URIRef("https://w3id.org/evkg/ontology#amount"),
                          {"currency": Literal("EUR")}) == "550,000,000 EUR"
    units = Literal("50729", datatype=XSD.integer)
    assert format_literal(units, "units", {"approximate": Literal(True)}) == "approximately 50,729 units"
    assert format_literal(Literal("2024", datatype=XSD.integer), "year") == "2024"
    assert format_literal(Literal(False), "approximate") == "no"


def test_segments_mark_spans_and_skip_overlaps() -> None:
    parts = segments("Ampere Douai Plant in France", [(0, 18, "plant"), (7, 12, "city"), (22, 28, "country")])
    assert [(p.text, p.payload) for p in parts] == [
        ("Ampere Douai Plant", "plant"), (" in ", None), ("France", "country")]
    assert literal_span("from 50,729 units", Literal("50729", datatype=XSD.integer)) == (5, 11)


MANY_DOCUMENTS = "\n".join(
    f"<https://w3id.org/evkg/resource/document/d{i:03}> a <https://w3id.org/evkg/ontology#SourceDocument> ;"
    f" <http://purl.org/dc/terms/title> \"Article {i:03}\" ." for i in range(450))


def test_large_classes_and_the_home_page_are_paged(built_data_dir: BuildData,
                                                   app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir(MANY_DOCUMENTS, ox.RdfFormat.TURTLE))).test_client()
    home = page(client, "/")
    assert home.count('href="/resource/document/') == 20
    assert "450 documents" in home and 'href="/class/SourceDocument"' in home
    first = page(client, "/class/SourceDocument")
    # documents are listed by title (they have no rdfs:label)
    assert "450 instances" in first and "page 1 of 3" in first and ">Article 000<" in first
    assert ">Article 200<" not in first and 'rel="next"' in first and 'rel="prev"' not in first
    last = page(client, "/class/SourceDocument?page=3&sort=label&order=asc")
    assert ">Article 449<" in last and ">Article 399<" not in last and 'rel="next"' not in last
    assert "page 3 of 3" in page(client, "/class/SourceDocument?page=99")
