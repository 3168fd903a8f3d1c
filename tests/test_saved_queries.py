"""The saved-query loader (decorators, typed parameters, broken files) and `evkg query` on a small graph."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import XSD, Literal, URIRef

from conftest import BuildData
from evkg.cli import main
from evkg.settings import PROJECT_ROOT
from evkg.service.saved_queries import ParameterError, QueryFileError, SavedQuery, load_catalog, load_query

FIXTURE = Path(__file__).parent / "fixtures" / "saved-queries.trig"
PLANT = "https://w3id.org/evkg/resource/plant/ampere-douai"
PREFIX = "PREFIX evkg: <https://w3id.org/evkg/ontology#>\n"
# the SPEC's table: name -> (parameters with their types, result columns)
SPEC = {
    "companies": ({}, ["company", "label"]),
    "alliances": ({}, ["alliance", "label", "member", "memberLabel"]),
    "brands": ({}, ["brand", "label"]),
    "plants": ({}, ["plant", "label", "cityLabel", "countryLabel"]),
    "platforms": ({}, ["platform", "label"]),
    "models": ({}, ["model", "label", "brand", "brandLabel"]),
    "plant_models": ({"plant": "iri"}, ["model", "label", "brandLabel"]),
    "plant_platforms": ({"plant": "iri"}, ["platform", "label"]),
    "plant_output": ({"plant": "iri"}, ["year", "units", "approximate"]),
    "output_growth": ({}, ["plant", "label", "fromYear", "toYear", "fromUnits", "toUnits", "growthPercent"]),
    "investments": ({}, ["plant", "plantLabel", "amount", "currency"]),
    "brand_models": ({"brand": "iri"}, ["model", "label"]),
    "upcoming_launches": ({}, ["model", "label", "launch"]),
    "provenance": ({"entity": "iri"}, ["document", "sentence"]),
    "search": ({"text": "string"}, ["entity", "label", "type"]),
}


@pytest.fixture
def from_text(tmp_path: Path) -> Callable[[str], SavedQuery]:
    """Load a query from its text, as the file q.rq."""
    return lambda text: load_query(write(tmp_path, "q", text))


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_project_queries_all_load_with_the_spec_parameters() -> None:
    catalog = load_catalog(PROJECT_ROOT / "queries")
    assert catalog.broken == []
    assert len(catalog.queries) >= len(SPEC) + 5
    for name, (parameters, _) in SPEC.items():
        query = catalog.queries[name]
        assert {p.name: p.type for p in query.parameters} == parameters, name
        assert all(p.required for p in query.parameters), name
        assert query.summary and query.description and query.tags, name


def test_decorators_are_read_as_grlc_writes_them(tmp_path: Path) -> None:
    path = write(tmp_path, "typed", """#+ summary: Output by year
#+ description: >
#+   Two lines
#+   of description.
#+ tags:
#+   - plants
#+   - production
#+ method: POST
#+ defaults:
#+   - year: 2024
#+ enumerate:
#+   - kind:
#+     - small
#+     - large
""" + PREFIX + "SELECT ?x ?_year_integer ?__kind WHERE { ?x evkg:year ?_year_integer }")
    query = load_query(path)
    assert (query.name, query.summary, query.tags, query.method) == ("typed", "Output by year",
                                                                      ("plants", "production"), "POST")
    assert query.description == "Two lines of description."
    year, kind = query.parameters
    assert (year.name, year.variable, year.type, year.required, year.default) == (
        "year", "_year_integer", "integer", True, "2024")
    assert (kind.name, kind.type, kind.required, kind.enum) == ("kind", "string", False, ("small", "large"))
    assert query.bind({}) == {"_year_integer": Literal("2024", datatype=XSD.integer)}
    assert query.bind({"year": "2023", "kind": "large"}) == {
        "_year_integer": Literal("2023", datatype=XSD.integer), "__kind": Literal("large")}
    with pytest.raises(ParameterError, match="'kind': must be one of small, large"):
        query.bind({"kind": "medium"})


@pytest.mark.parametrize(("kind", "good", "term", "bad"), [
    ("iri", PLANT, URIRef(PLANT), ["plant/ampere-douai", "https://x/a b", "https://x/<a>", 'urn:a"b', "urn:a{b}",
                                   "https://x/a> ?p ?o } #", "", "urn:a\\b"]),
    ("integer", "-12", Literal("-12", datatype=XSD.integer), ["1.5", "1e3", "12abc", "2023 || true", "0x10", " "]),
    ("decimal", "2.50", Literal("2.50", datatype=XSD.decimal), ["1e3", "abc", "1.2.3", "1,5", "NaN"]),
    ("boolean", "TRUE", Literal(True), ["yes", "2", "true false"]),
    ("date", "2024-02-29", Literal("2024-02-29", datatype=XSD.date), ["2023-02-29", "2024-2-1", "20240101", "today"]),
    ("string", 'x") } UNION { ?s ?p ?o } #', Literal('x") } UNION { ?s ?p ?o } #'), []),
])
def test_values_are_checked_by_type_and_become_rdf_terms(
        from_text: Callable[[str], SavedQuery], kind: str, good: str, term: object, bad: list[str]) -> None:
    variable = "_value" if kind == "string" else f"_value_{kind}"
    query = from_text(f"SELECT ?{variable} WHERE {{}}")
    assert query.bind({"value": good}) == {variable: term}
    for value in bad:
        with pytest.raises(ParameterError, match="parameter 'value'") as caught:
            query.bind({"value": value})
        assert caught.value.parameter == "value"


@pytest.mark.parametrize(("written", "cls"), [
    ("evkg:ManufacturingPlant", "https://w3id.org/evkg/ontology#ManufacturingPlant"),
    ("owl:Thing", "http://www.w3.org/2002/07/owl#Thing"),
    ("http://schema.org/Place", "http://schema.org/Place"),
])
def test_enumerate_with_a_class_gives_an_iri_parameter_its_class(
        from_text: Callable[[str], SavedQuery], written: str, cls: str) -> None:
    query = from_text(f"#+ enumerate:\n#+   - plant: {written}\nSELECT ?_plant_iri WHERE {{}}")
    (plant,) = query.parameters
    assert (plant.cls, plant.enum) == (cls, ())
    assert query.bind({"plant": PLANT}) == {"_plant_iri": URIRef(PLANT)}  # any IRI: the class guides, never refuses


def test_a_missing_required_parameter_is_named_and_optional_ones_stay_unbound(
        from_text: Callable[[str], SavedQuery]) -> None:
    query = from_text("SELECT ?_plant_iri ?__since_integer WHERE {}")
    with pytest.raises(ParameterError, match="parameter 'plant': missing"):
        query.bind({"since": "2020"})
    assert query.bind({"plant": PLANT}) == {"_plant_iri": URIRef(PLANT)}


@pytest.mark.parametrize(("text", "message"), [
    ("SELECT ?x WHERE { ?x ?p }", "cannot parse the query"),
    ("#+ summary: [unclosed\nSELECT ?x WHERE { ?x ?p ?o }", "not valid YAML"),
    ("#+ endpoint: http://example.org/sparql\nSELECT ?x WHERE { ?x ?p ?o }", "unknown decorator(s) endpoint"),
    ("#+ tags: plants\nSELECT ?x WHERE { ?x ?p ?o }", "tags: expected a list"),
    ("#+ method: DELETE\nSELECT ?x WHERE { ?x ?p ?o }", "method: expected GET or POST"),
    ("#+ defaults:\n#+   - year: soon\nSELECT ?_year_integer WHERE {}", "'year': must be an integer"),
    ("#+ enumerate:\n#+   - colour:\n#+     - red\nSELECT ?_size WHERE {}", "enumerate names no parameter of the query: colour"),
    ("#+ enumerate:\n#+   - size\nSELECT ?_size WHERE {}", "expected `- name: value` entries"),
    ("#+ enumerate:\n#+   - size: evkg:Plant\nSELECT ?_size_integer WHERE {}", "enumerates IRI parameters only"),
    ("#+ enumerate:\n#+   - plant: ManufacturingPlant\nSELECT ?_plant_iri WHERE {}", "is not a class"),
    ("#+ enumerate:\n#+   - plant: 'evkg:'\nSELECT ?_plant_iri WHERE {}", "is not a class"),
    ("SELECT ?_x_colour WHERE {}", "?_x_colour is not a parameter name"),
    ("SELECT ?_format WHERE {}", "'format' is reserved"),
    ("SELECT ?_a_iri ?_a_integer WHERE {}", "declared twice"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT queries"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE (federated query) is not allowed"),
])
def test_broken_files_are_reported_by_name_and_do_not_stop_the_others(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, message: str) -> None:
    write(tmp_path, "good", "SELECT ?s WHERE { ?s ?p ?o }")
    write(tmp_path, "bad", text)
    with caplog.at_level(logging.ERROR, logger="evkg.service.saved_queries"):
        catalog = load_catalog(tmp_path)
    assert list(catalog.queries) == ["good"]
    [broken] = catalog.broken
    assert broken.file == "bad.rq" and message in broken.message
    assert "bad.rq" in caplog.text and message in caplog.text


def test_a_syntax_error_reports_the_parsers_position(tmp_path: Path) -> None:
    with pytest.raises(QueryFileError, match=r"2:\d+"):
        load_query(write(tmp_path, "q", "SELECT ?x\nWHERE { ?x ?p }"))


def test_a_file_name_that_is_no_query_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryFileError, match="not a usable query name"):
        load_query(write(tmp_path, "two words", "SELECT ?s WHERE { ?s ?p ?o }"))


@pytest.fixture
def cli_settings(built_data_dir: BuildData) -> list[str]:
    """`evkg` arguments pointing at a published build of the hand-made graph."""
    return ["query", "--data", str(built_data_dir(FIXTURE.read_text(encoding="utf-8")))]


def test_evkg_query_prints_a_table(cli_settings: list[str]) -> None:
    result = CliRunner().invoke(main, [*cli_settings, "plant_output", "--param", f"plant={PLANT}"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["year", "units", "approximate"]
    assert lines[2].split()[:3] == ["2023", "50729", "true"]
    assert lines[3].split()[:3] == ["2024", "89527", "false"]
    assert lines[-1] == "(2 rows)"


def test_evkg_query_prints_sparql_json_and_csv(cli_settings: list[str]) -> None:
    runner = CliRunner()
    result = runner.invoke(main, [*cli_settings, "search", "--param", "text=MICRA", "--format", "json"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    assert [row["label"]["value"] for row in bindings] == ["Nissan Micra EV"]
    result = runner.invoke(main, [*cli_settings, "output_growth", "--format", "csv"])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert (row["fromYear"], row["toYear"], float(row["growthPercent"])) == ("2023", "2024", 76.48)


def test_evkg_query_runs_a_rq_file(cli_settings: list[str], tmp_path: Path) -> None:
    path = write(tmp_path, "mine", PREFIX + "SELECT ?year WHERE { ?r evkg:year ?year } ORDER BY ?year")
    result = CliRunner().invoke(main, [*cli_settings, str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["year", "2023", "2024"]


@pytest.mark.parametrize(("arguments", "message"), [
    (["plant_output"], "parameter 'plant': missing"),
    (["plant_output", "--param", "plant=not an iri"], "parameter 'plant': must be an absolute IRI"),
    (["plant_output", "--param", "plant"], "--param takes NAME=VALUE"),
    (["no_such_query"], "no saved query named 'no_such_query'"),
])
def test_evkg_query_explains_bad_input(cli_settings: list[str], arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [*cli_settings, *arguments])
    assert result.exit_code == 2
    assert message in result.output
