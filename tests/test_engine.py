"""The query engine: Python API, bindings, limits, refusals, timeouts and build switching."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from conftest import SAMPLE_TRIG, BuildData, make_settings
from evkg.service.engine import (
    PER_BUILD_VALUES,
    Engine,
    NoGraph,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
)
from evkg.service.guard import inspect_query

RES = "https://w3id.org/evkg/resource/"
EVKG = "https://w3id.org/evkg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# many subjects so that a cross product with a path explodes: 300^4 rows to count
BIG_TURTLE = "\n".join(f"<urn:n{i}> <urn:p> <urn:n{(i + 1) % 300}> ." for i in range(300))
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:p>+ ?b . ?c <urn:p>* ?d . ?e ?f ?g . ?h ?i ?j }"


@pytest.fixture
def engine_factory() -> Callable[..., Engine]:
    engines: list[Engine] = []

    def make(data_dir: Path, **overrides: object) -> Engine:
        engine = Engine(make_settings(data_dir, **overrides))
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def engine(built_data_dir: BuildData, engine_factory: Callable[..., Engine]) -> Engine:
    return engine_factory(built_data_dir())


def test_select_gives_rdflib_terms(engine: Engine) -> None:
    result = engine.select(
        f"SELECT ?plant ?year ?units ?approx WHERE {{ ?r <{EVKG}outputOf> ?plant ; <{EVKG}year> ?year ;"
        f" <{EVKG}units> ?units ; <{EVKG}approximate> ?approx }}"
    )
    assert result.variables == ["plant", "year", "units", "approx"]
    assert result.rows == [{
        "plant": URIRef(RES + "plant/ampere-douai"), "year": Literal(2024), "units": Literal(40000),
        "approx": Literal(True),
    }]
    assert result.truncated is False


def test_plain_strings_have_no_datatype_and_unbound_variables_are_absent(engine: Engine) -> None:
    result = engine.select(
        f"SELECT ?s ?label ?missing WHERE {{ ?s <{RDFS_LABEL}> ?label FILTER(?label = 'Nissan')"
        " OPTIONAL { ?s <urn:nothing> ?missing } }"
    )
    assert result.rows == [{"s": URIRef(RES + "company/nissan"), "label": Literal("Nissan")}]


def test_bindings_are_bound_as_terms_not_text(engine: Engine) -> None:
    query = f"SELECT ?s ?label WHERE {{ ?s <{RDFS_LABEL}> ?label }}"
    bound = engine.select(query, bindings={"s": URIRef(RES + "company/renault")})
    assert [row["label"] for row in bound.rows] == [Literal("Renault")]
    injected = engine.select(query, bindings={"label": Literal('Renault" } UNION { ?s ?p ?label } #')})
    assert injected.rows == []


def test_a_binding_restricts_the_query_even_when_its_variable_is_not_projected(engine: Engine) -> None:
    rows = engine.select(f"SELECT ?label WHERE {{ ?s <{RDFS_LABEL}> ?label }}",
                         bindings={"s": URIRef(RES + "company/renault")}).rows
    assert rows == [{"label": Literal("Renault")}]


def test_a_fact_stated_in_several_graphs_comes_back_once(built_data_dir: BuildData,
                                                         engine_factory: Callable[..., Engine]) -> None:
    twice = SAMPLE_TRIG + """<https://w3id.org/evkg/graph/document/other> {
        <https://w3id.org/evkg/resource/plant/ampere-douai> evkg:operatedBy <https://w3id.org/evkg/resource/company/renault> .
    }
    <https://w3id.org/evkg/graph/document/third> {
        <https://w3id.org/evkg/resource/plant/ampere-douai> evkg:operatedBy <https://w3id.org/evkg/resource/company/renault> .
    }"""
    engine = engine_factory(built_data_dir(twice))
    rows = engine.select(f"SELECT * WHERE {{ ?s <{EVKG}operatedBy> ?o }}").rows
    assert len(rows) == 1
    everything = engine.select("SELECT * WHERE { ?s ?p ?o }").rows
    assert len(everything) == len({(row["s"], row["p"], row["o"]) for row in everything})


def test_ask_and_graph(engine: Engine) -> None:
    assert engine.ask(f"ASK {{ ?s <{EVKG}units> 40000 }}") is True
    assert engine.ask("ASK { ?s ?p 'absent' }") is False
    graph = engine.graph("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }")
    assert isinstance(graph, rdflib.Graph)
    assert (URIRef(RES + "company/renault"), rdflib.RDF.type, URIRef(EVKG + "Company")) in graph
    assert len(graph) == 4


def test_default_graph_is_the_union_and_named_graphs_stay_addressable(engine: Engine) -> None:
    assert engine.ask(f"ASK {{ <{RES}plant/ampere-douai> <{RDFS_LABEL}> ?l ; <{EVKG}operatedBy> ?o }}")
    rows = engine.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g").rows
    assert [str(row["g"]) for row in rows] == [
        "https://w3id.org/evkg/graph/document/sample", "https://w3id.org/evkg/graph/entities"]


def test_serialize_writes_the_requested_media_type(engine: Engine) -> None:
    body, media_type, truncated = engine.serialize("SELECT ?s WHERE { ?s a ?t } ORDER BY ?s LIMIT 1", "text/csv")
    assert (body, media_type, truncated) == (f"s\r\n{RES}company/nissan\r\n".encode(), "text/csv", False)
    turtle, _, _ = engine.serialize("CONSTRUCT WHERE { ?s a ?t }", "text/turtle")
    assert len(rdflib.Graph().parse(data=turtle, format="turtle")) == 4


def test_rows_are_cut_at_max_rows(built_data_dir: BuildData, engine_factory: Callable[..., Engine]) -> None:
    engine = engine_factory(built_data_dir(), max_rows=3)
    result = engine.select("SELECT * WHERE { ?s ?p ?o }")
    assert (len(result.rows), result.truncated) == (3, True)
    assert engine.select("SELECT * WHERE { ?s a ?t } LIMIT 3").truncated is False
    assert len(engine.graph("CONSTRUCT WHERE { ?s ?p ?o }")) == 3
    body, _, truncated = engine.serialize("SELECT * WHERE { ?s ?p ?o }", "text/tab-separated-values")
    assert truncated and len(body.decode().strip().splitlines()) == 4


def test_syntax_error_has_message_and_position(engine: Engine) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        engine.select("SELECT * WHERE { ?s ?p }")
    assert (caught.value.line, caught.value.column) == (1, 25)
    assert "error at 1:25" in caught.value.message


@pytest.mark.parametrize("query", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "CLEAR ALL",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_updates_load_and_service_are_refused(engine: Engine, query: str) -> None:
    with pytest.raises(QueryRefused):
        engine.select(query)


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE LOAD INSERT" }',
    "SELECT * WHERE { ?s ?p '''multi\nline DELETE ' '' SERVICE''' }",
    "SELECT ?service ?load WHERE { ?service <urn:SERVICE> ?load } # SERVICE in a comment",
    "PREFIX insert: <urn:x#> SELECT * WHERE { ?s insert:load ?o ; insert:service ?x }",
    'SELECT * WHERE { ?s ?p "x"@service }',
])
def test_keywords_inside_strings_iris_names_and_comments_are_not_refused(query: str) -> None:
    assert inspect_query(query).form == "SELECT"


def test_query_form_and_prefixes_are_found() -> None:
    info = inspect_query("# CONSTRUCT in a comment\nPREFIX ex: <http://example.org/>\nBASE <http://b/>\n"
                         "DESCRIBE ex:a")
    assert (info.form, info.prefixes) == ("DESCRIBE", {"ex": "http://example.org/"})


def test_query_size_is_limited(built_data_dir: BuildData, engine_factory: Callable[..., Engine]) -> None:
    engine = engine_factory(built_data_dir(), max_query_size=100)
    with pytest.raises(QueryTooLarge):
        engine.ask("ASK { ?s ?p ?o }" + " " * 100)


def test_no_build_yet(tmp_path: Path, engine_factory: Callable[..., Engine]) -> None:
    with pytest.raises(NoGraph, match="no graph built yet"):
        engine_factory(tmp_path / "empty").ask("ASK {}")


def test_explosive_query_is_stopped_and_the_engine_recovers(
        built_data_dir: BuildData, engine_factory: Callable[..., Engine]) -> None:
    engine = engine_factory(built_data_dir(BIG_TURTLE, rdf_format=ox.RdfFormat.TURTLE),
                            query_timeout=5.0)
    assert engine.ask("ASK { ?s ?p ?o }")
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        engine.select(EXPLOSIVE, timeout=1.0)
    assert time.monotonic() - started < 2.0
    started = time.monotonic()
    assert engine.ask("ASK { <urn:n1> <urn:p> <urn:n2> }")
    assert time.monotonic() - started < 3.0


def test_a_client_may_lower_the_time_limit_but_not_raise_it(engine: Engine) -> None:
    assert engine.limit(None) == 10.0
    assert engine.limit(2) == 2.0
    assert engine.limit(60) == 10.0


def test_a_new_build_is_picked_up_without_restart(built_data_dir: BuildData, engine: Engine) -> None:
    assert engine.ask(f"ASK {{ <{RES}company/renault> ?p ?o }}")
    built_data_dir("<urn:new> <urn:p> <urn:o> .", rdf_format=ox.RdfFormat.TURTLE)
    assert engine.ask("ASK { <urn:new> <urn:p> <urn:o> }")
    assert not engine.ask(f"ASK {{ <{RES}company/renault> ?p ?o }}")



def test_a_query_with_from_gets_its_own_dataset_not_the_union(engine: Engine) -> None:
    entities = "https://w3id.org/evkg/graph/entities"
    assert not engine.ask(f"ASK FROM <{entities}> {{ ?s <{EVKG}operatedBy> ?o }}")
    assert engine.ask(f"ASK FROM <{entities}> {{ ?s <{RDFS_LABEL}> 'Renault' }}")
    assert engine.ask(f"ASK FROM NAMED <{entities}> {{ GRAPH ?g {{ ?s <{RDFS_LABEL}> 'Renault' }} }}")


def test_per_build_values_are_computed_once_and_the_least_recently_used_dropped(engine: Engine) -> None:
    computed: list[str] = []

    def value(key: str) -> str:
        return engine.per_build(key, lambda: computed.append(key) or key.upper())

    assert value("first") == "FIRST" and value("first") == "FIRST" and computed == ["first"]
    for n in range(PER_BUILD_VALUES):  # keys a request can choose (a Host) must not grow it without bound
        value(f"key {n}")
    value("first")
    assert computed.count("first") == 2 and len(engine._derived) == PER_BUILD_VALUES
