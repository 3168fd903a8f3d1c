"""`/openapi.json`: a valid OpenAPI 3.1 document generated from the .rq files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from conftest import make_settings
from evkg.settings import PROJECT_ROOT
from evkg.service.openapi import openapi_document
from evkg.service.saved_queries import load_catalog
from test_saved_queries import SPEC, write

TYPED = """#+ summary: Typed
#+ description: Every kind of parameter.
#+ tags:
#+   - testing
#+ method: POST
#+ defaults:
#+   - size: 3
#+   - ratio: 0.5
#+ enumerate:
#+   - colour:
#+     - red
#+     - green
#+   - flag:
#+     - "true"
#+   - thing: evkg:ManufacturingPlant
SELECT ?_colour ?_size_integer ?_ratio_decimal ?__flag_boolean ?__day_date ?__thing_iri WHERE {}
"""


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The served document for the project's queries plus one with every parameter feature."""
    folder = tmp_path_factory.mktemp("openapi")
    for path in (PROJECT_ROOT / "queries").glob("*.rq"):
        write(folder, path.stem, path.read_text(encoding="utf-8"))
    write(folder, "typed", TYPED)
    return openapi_document(load_catalog(folder).queries.values(), "1.2.3")


def test_the_document_validates_as_openapi_3_1(document: dict) -> None:
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_the_validator_is_not_a_rubber_stamp(document: dict) -> None:
    broken = dict(document, paths={"/queries/x": {"get": {"responses": {"200": {"content": 5}}}}})
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_every_query_is_an_operation_with_its_documentation(document: dict) -> None:
    for name in SPEC:
        operation = document["paths"][f"/queries/{name}"]["get"]
        assert operation["operationId"] == name and operation["summary"] and operation["description"]
        assert operation["tags"]
        content = operation["responses"]["200"]["content"]
        assert {"application/sparql-results+json", "text/csv", "text/tab-separated-values", "text/html"} <= set(content)
    plant = document["paths"]["/queries/plant_output"]["get"]["parameters"][0]
    assert plant == {"name": "plant", "in": "query", "required": True,
                     "description": "The IRI of an instance of <https://w3id.org/evkg/ontology#ManufacturingPlant>"
                                    " (SPARQL ?_plant_iri).",
                     "schema": {"type": "string", "format": "iri",
                                "x-evkg-class": "https://w3id.org/evkg/ontology#ManufacturingPlant"}}
    assert all({"name": tag} in document["tags"] for tag in ("plants", "provenance", "testing"))


def test_parameter_types_enums_and_defaults(document: dict) -> None:
    operation = document["paths"]["/queries/typed"]["post"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["colour"]["schema"] == {"type": "string", "enum": ["red", "green"]}
    assert parameters["colour"]["required"] is True
    assert parameters["size"]["schema"] == {"type": "integer", "default": 3}
    assert parameters["size"]["required"] is False  # a default fills it in
    assert parameters["ratio"]["schema"] == {"type": "number", "default": 0.5}
    assert parameters["flag"]["schema"] == {"type": "boolean", "enum": [True]}
    assert parameters["day"]["schema"] == {"type": "string", "format": "date"}
    assert parameters["thing"]["required"] is False
    assert parameters["thing"]["schema"]["x-evkg-class"] == "https://w3id.org/evkg/ontology#ManufacturingPlant"
    assert "enum" not in parameters["thing"]["schema"]  # without a graph to list them from
    assert parameters["format"]["schema"]["enum"] == ["json", "csv", "tsv", "xml", "html"]


def test_the_app_serves_it(built_data_dir: Callable[..., Path], app_factory: Callable[..., Flask]) -> None:
    client = app_factory(make_settings(built_data_dir())).test_client()
    response = client.get("/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    served = response.get_json()
    validate(served)
    assert set(f"/queries/{name}" for name in SPEC) <= set(served["paths"])


def test_class_enumerated_parameters_list_the_graphs_instances_when_few(tmp_path: Path) -> None:
    write(tmp_path, "typed", TYPED)
    queries = load_catalog(tmp_path).queries.values()
    few = openapi_document(queries, "1", lambda p: ["https://w3id.org/evkg/resource/plant/a"] if p.cls else None)
    thing = next(p for p in few["paths"]["/queries/typed"]["post"]["parameters"] if p["name"] == "thing")
    assert thing["schema"]["enum"] == ["https://w3id.org/evkg/resource/plant/a"]
    validate(few)


def test_the_served_document_enumerates_the_seed_plants(seed_client: FlaskClient) -> None:
    served = seed_client.get("/openapi.json").get_json()
    parameters = {op["operationId"]: op["parameters"][0] for path in served["paths"].values() for op in path.values()}
    assert parameters["plant_output"]["schema"]["enum"] == ["https://w3id.org/evkg/resource/plant/ampere-douai"]
    assert set(parameters["brand_models"]["schema"]["enum"]) == {
        f"https://w3id.org/evkg/resource/brand/{slug}" for slug in ("renault", "nissan", "mitsubishi-motors", "alpine")}
    assert "/resource/document/" in parameters["document_facts"]["schema"]["enum"][0]
