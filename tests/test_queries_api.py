"""`/queries`: listing, running in every format, HTML forms, 400/404/405/406, injection attempts, broken files."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import BuildData, make_settings, publish_build
from evkg.service.app import create_app
from test_saved_queries import FIXTURE, PLANT, SPEC, write

JSON = "application/sparql-results+json"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
R = "https://w3id.org/evkg/resource/"
ARGUMENTS = {"plant": PLANT, "brand": R + "brand/renault", "entity": PLANT, "text": "micra"}
# one query echoing a parameter of every type, and one POST query, for injection and method tests
ECHO = """#+ summary: Echo
SELECT ?_s ?_i_iri ?_n_integer ?_d_decimal ?_b_boolean ?_t_date ?hits
WHERE {
  { SELECT (COUNT(*) AS ?hits) WHERE { ?x ?p ?o FILTER(?o = ?_s || ?x = ?_i_iri) } }
}
"""
POSTED = "#+ method: POST\nSELECT ?_word WHERE {}\n"


@pytest.fixture(scope="module")
def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, fixture_text: str) -> Iterator[FlaskClient]:
    """The real queries folder over the hand-made graph; read-only, so shared by the module."""
    data_dir = tmp_path_factory.mktemp("queries-api") / "data"
    publish_build(data_dir, fixture_text)
    app = create_app(make_settings(data_dir))
    yield app.test_client()
    app.extensions["evkg.engine"].close()


@pytest.fixture
def own_client(built_data_dir: BuildData, app_factory: Callable[..., Flask], fixture_text: str,
               tmp_path: Path) -> FlaskClient:
    """A queries folder of this module's own queries (and one broken file) over the hand-made graph."""
    folder = tmp_path / "queries"
    write(folder, "echo", ECHO)
    write(folder, "posted", POSTED)
    write(folder, "broken", "SELECT ?x WHERE { ?x ?p }")
    return app_factory(make_settings(built_data_dir(fixture_text), queries_dir=folder)).test_client()


def results(response: object) -> list[dict[str, str]]:
    """SPARQL JSON rows as plain values."""
    return [{k: v["value"] for k, v in row.items()} for row in response.get_json()["results"]["bindings"]]


def test_the_list_as_json_and_html(client: FlaskClient) -> None:
    listing = client.get("/queries", headers={"Accept": "application/json"}).get_json()
    by_name = {query["name"]: query for query in listing["queries"]}
    assert set(SPEC) <= set(by_name) and listing["broken"] == []
    assert by_name["plant_output"]["parameters"] == [
        {"name": "plant", "type": "iri", "required": True, "default": None, "enum": [],
         "class": "https://w3id.org/evkg/ontology#ManufacturingPlant"}]
    assert by_name["plant_output"]["url"] == "/queries/plant_output"
    assert client.get("/queries.json").get_json() == listing
    page = client.get("/queries", headers={"Accept": BROWSER})
    assert page.mimetype == "text/html" and "Accept" in page.vary
    assert '<a href="/queries/plant_output">plant_output</a>' in page.get_data(as_text=True)


@pytest.mark.parametrize("name", sorted(SPEC))
def test_every_spec_query_answers_with_its_columns(client: FlaskClient, name: str) -> None:
    parameters, columns = SPEC[name]
    query = "&".join(f"{key}={quote(ARGUMENTS[key], safe='')}" for key in parameters)
    response = client.get(f"/queries/{name}?{query}", headers={"Accept": JSON})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert set(columns) <= set(response.get_json()["head"]["vars"])
    assert results(response), f"{name} found nothing in the hand-made graph"


def test_terms_keep_their_kinds(client: FlaskClient) -> None:
    rows = client.get(f"/queries/plant_output?plant={PLANT}", headers={"Accept": JSON}).get_json()
    first = rows["results"]["bindings"][0]
    assert first["year"] == {"type": "literal", "value": "2023", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert first["approximate"]["datatype"] == "http://www.w3.org/2001/XMLSchema#boolean"
    assert first["record"]["type"] == "uri"
    assert [row["year"] for row in results(client.get(f"/queries/plant_output?plant={PLANT}"))] == ["2023", "2024"]


@pytest.mark.parametrize(("how", "media_type"), [
    ({"headers": {"Accept": "text/csv"}}, "text/csv"),
    ({"headers": {"Accept": "text/tab-separated-values"}}, "text/tab-separated-values"),
    ({"headers": {"Accept": "application/json"}}, JSON),
    ({"headers": {"Accept": "*/*"}}, JSON),
    ({"query_string": {"format": "csv"}, "headers": {"Accept": BROWSER}}, "text/csv"),
    ({"suffix": ".csv"}, "text/csv"),
    ({"suffix": ".tsv"}, "text/tab-separated-values"),
    ({"suffix": ".json", "headers": {"Accept": BROWSER}}, JSON),
])
def test_the_format_follows_accept_format_or_suffix(client: FlaskClient, how: dict, media_type: str) -> None:
    response = client.get("/queries/companies" + how.get("suffix", ""), headers=how.get("headers", {}),
                          query_string=how.get("query_string", {}))
    assert response.status_code == 200
    assert response.content_type == f"{media_type}; charset=utf-8"
    assert "Accept" in response.vary
    text = response.get_data(as_text=True)
    if media_type == "text/csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {row["label"] for row in rows} == {"Renault", "Nissan", "Mitsubishi Motors"}
    elif media_type == "text/tab-separated-values":
        assert text.splitlines()[0].split("\t") == ["?company", "?label"]


def test_an_unknown_format_is_406(client: FlaskClient) -> None:
    assert client.get("/queries/companies?format=yaml").status_code == 406
    assert client.get("/queries/companies.pdf").status_code == 406
    assert client.get("/queries/companies", headers={"Accept": "image/png"}).status_code == 406


def test_an_unknown_query_is_404(client: FlaskClient) -> None:
    response = client.get("/queries/no_such_query", headers={"Accept": "application/json"})
    assert response.status_code == 404 and "no_such_query" in response.get_json()["message"]
    assert client.get("/queries/no_such_query.csv").status_code == 404


@pytest.mark.parametrize(("url", "parameter", "message"), [
    ("/queries/plant_output", "plant", "missing"),
    ("/queries/plant_output?plant=", "plant", "missing"),
    ("/queries/plant_output?plant=ampere-douai", "plant", "absolute IRI"),
    ("/queries/output_timeseries?since=2020.5", "since", "must be an integer"),
    ("/queries/search", "text", "missing"),
])
def test_a_missing_or_malformed_parameter_is_400_naming_it(client: FlaskClient, url: str, parameter: str,
                                                          message: str) -> None:
    response = client.get(url, headers={"Accept": JSON})
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter and f"parameter '{parameter}'" in body["message"]
    assert message in body["message"]
    csv_response = client.get(url, headers={"Accept": "text/csv"})
    assert csv_response.status_code == 400 and f"parameter '{parameter}'" in csv_response.get_data(as_text=True)


def test_the_optional_parameter_filters_when_given(client: FlaskClient) -> None:
    assert [row["year"] for row in results(client.get("/queries/output_timeseries"))] == ["2023", "2024"]
    assert [row["year"] for row in results(client.get("/queries/output_timeseries?since=2024"))] == ["2024"]


@pytest.mark.parametrize("value", [
    'x" ) ) } UNION { ?entity ?p ?o } #',
    "x' } } SELECT * WHERE { ?s ?p ?o } #",
    "<https://w3id.org/evkg/resource/plant/ampere-douai>",
    "{ } \\ \" ''' \"\"\" ?_text $x #",
])
def test_string_injection_is_only_ever_a_string(client: FlaskClient, value: str) -> None:
    response = client.get("/queries/search", query_string={"text": value}, headers={"Accept": JSON})
    assert response.status_code == 200
    assert results(response) == []


@pytest.mark.parametrize("value", [
    PLANT + "> ?p ?o } UNION { ?s ?p ?o",
    PLANT + ">",
    "<" + PLANT,
    PLANT + "\" }",
    PLANT + "} #",
    "urn:x {}",
])
def test_iri_injection_is_refused(client: FlaskClient, value: str) -> None:
    response = client.get("/queries/plant_output", query_string={"plant": value}, headers={"Accept": JSON})
    assert response.status_code == 400 and response.get_json()["parameter"] == "plant"


@pytest.mark.parametrize(("parameter", "value"), [
    ("n", "1 || true"), ("n", "1) } UNION { ?s ?p ?o"), ("d", "1.0 || true"), ("b", "true || 1"),
    ("t", '2024-01-01" ||'), ("i", "urn:a> ?p ?o"),
])
def test_typed_injection_is_refused(own_client: FlaskClient, parameter: str, value: str) -> None:
    good = {"s": "x", "i": "urn:a", "n": "1", "d": "1.5", "b": "true", "t": "2024-01-01"}
    response = own_client.get("/queries/echo", query_string=good | {parameter: value}, headers={"Accept": JSON})
    assert response.status_code == 400 and response.get_json()["parameter"] == parameter


def test_values_come_back_exactly_as_sent_terms(own_client: FlaskClient) -> None:
    sent = {"s": '"} ; DROP ALL #', "i": "urn:evkg:a%3E%7D", "n": "-7", "d": "2.25", "b": "false",
            "t": "2024-02-29"}
    response = own_client.get("/queries/echo", query_string=sent, headers={"Accept": JSON})
    assert response.status_code == 200
    [row] = response.get_json()["results"]["bindings"]
    assert row["_s"] == {"type": "literal", "value": sent["s"]}
    assert row["_i_iri"] == {"type": "uri", "value": sent["i"]}
    assert row["_n_integer"]["value"] == "-7" and row["_n_integer"]["datatype"].endswith("#integer")
    assert row["_d_decimal"]["datatype"].endswith("#decimal") and float(row["_d_decimal"]["value"]) == 2.25
    assert row["_b_boolean"]["value"] == "false" and row["_t_date"]["value"] == "2024-02-29"
    assert row["hits"]["value"] == "0"


def test_a_post_query_takes_form_values_and_a_get_query_refuses_post(own_client: FlaskClient,
                                                                     client: FlaskClient) -> None:
    response = own_client.post("/queries/posted", data={"word": "hello"}, headers={"Accept": JSON})
    assert response.status_code == 200 and results(response) == [{"_word": "hello"}]
    refused = client.post("/queries/companies", headers={"Accept": JSON})
    assert refused.status_code == 405 and refused.headers["Allow"] == "GET"


def test_a_broken_file_is_listed_and_the_others_still_run(
        built_data_dir: BuildData, app_factory: Callable[..., Flask], fixture_text: str, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "queries"
    write(folder, "posted", POSTED)
    write(folder, "broken", "SELECT ?x WHERE { ?x ?p }")
    with caplog.at_level(logging.ERROR, logger="evkg.service.saved_queries"):
        own = app_factory(make_settings(built_data_dir(fixture_text), queries_dir=folder)).test_client()
    assert "broken.rq" in caplog.text
    listing = own.get("/queries.json").get_json()
    [broken] = listing["broken"]
    assert broken["file"] == "broken.rq" and "cannot parse" in broken["message"]
    assert [query["name"] for query in listing["queries"]] == ["posted"]
    assert "broken.rq" in own.get("/queries", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert own.get("/queries/broken").status_code == 404
    assert own.get("/queries/posted?word=hi", headers={"Accept": JSON}).status_code == 200


def test_the_html_page_has_a_form_a_linked_table_and_the_query(client: FlaskClient) -> None:
    page = client.get(f"/queries/plant_models?plant={quote(PLANT, safe='')}", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert '<select id="param-plant" name="plant"' in html  # the plants to pick from, the chosen one selected
    assert f'<option value="{PLANT}" selected>Ampere Douai</option>' in html
    assert 'href="/query?example=plant_models&amp;plant=' in html and ">Download CSV</a>" in html
    assert '<a href="/resource/model/alpine-a290">' + R + "model/alpine-a290</a>" in html
    assert "?_plant_iri evkg:produces ?model" in html
    assert f'href="http://localhost/queries/plant_models?plant={quote(PLANT, safe=":/")}"' in html
    assert 'href="/queries/plant_models.csv?plant=' in html


def test_the_html_page_escapes_values_and_shows_errors(client: FlaskClient) -> None:
    blank = client.get("/queries/search", headers={"Accept": BROWSER})
    assert blank.status_code == 200 and "<table" not in blank.get_data(as_text=True)
    evil = '<script>alert(1)</script>'
    page = client.get("/queries/search", query_string={"text": evil}, headers={"Accept": BROWSER})
    assert page.status_code == 200 and evil not in page.get_data(as_text=True)
    assert "&lt;script&gt;" in page.get_data(as_text=True)
    bad = client.get("/queries/plant_output", query_string={"plant": evil}, headers={"Accept": BROWSER})
    assert bad.status_code == 400 and evil not in bad.get_data(as_text=True)
    assert "parameter &#39;plant&#39;" in bad.get_data(as_text=True)
