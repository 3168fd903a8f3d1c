"""Fuzzing in the suite, bounded in examples: no generated request may get a 5xx or silence the server.

Schemathesis derives requests from the app's own `/openapi.json` (every saved query, its typed and
untyped parameters); Hypothesis writes SPARQL-ish text from a small grammar of keywords, variables,
IRIs, literals, brackets and random unicode for `/sparql`, and random values for `/queries/NAME`.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from conftest import SAMPLE_TRIG, make_settings, publish_build
from evkg.settings import PROJECT_ROOT
from evkg.service.app import create_app

BOUNDED = settings(max_examples=300, deadline=None, database=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TIME_LIMIT = 2.0
QUERIES_DIR = PROJECT_ROOT / "queries"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app for all examples: a query process broken by one example would fail the next ones."""
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    publish_build(data_dir, SAMPLE_TRIG)
    app = create_app(make_settings(data_dir, query_timeout=TIME_LIMIT))
    app.config["TESTING"] = True
    yield app
    app.extensions["evkg.engine"].close()


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: Flask) -> schemathesis.BaseSchema:
    """The app's own /openapi.json, loaded by Schemathesis (its pytest fixture loader does not run on pytest 9)."""
    return schemathesis.openapi.from_wsgi("/openapi.json", fuzzed_app)


def _still_answers(client: FlaskClient) -> None:
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("name", sorted(path.stem for path in QUERIES_DIR.glob("*.rq")))
def test_openapi_operations_never_answer_5xx(api_schema: schemathesis.BaseSchema, fuzzed_app: Flask,
                                             name: str) -> None:
    path = api_schema[f"/queries/{name}"]
    operation = path.get("GET") or path["POST"]

    @settings(BOUNDED, max_examples=12)
    @given(case=operation.as_strategy())
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=[not_a_server_error])
        _still_answers(fuzzed_app.test_client())

    call()


KEYWORDS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "BIND",
            "AS", "VALUES", "GRAPH", "FROM", "NAMED", "PREFIX", "BASE", "DISTINCT", "LIMIT", "OFFSET", "ORDER BY",
            "GROUP BY", "HAVING", "COUNT", "REGEX", "STR", "LANG", "NOT EXISTS", "EXISTS", "a", "*", "SERVICE",
            "LOAD", "INSERT", "DELETE", "true", "false", "UNDEF"]
PUNCTUATION = ["{", "}", "(", ")", "[", "]", ".", ";", ",", "/", "|", "^", "+", "-", "!", "=", "<", ">", "&&",
               "||", "?", "@en", "^^", "#"]
TOKENS = st.one_of(
    st.sampled_from(KEYWORDS),
    st.sampled_from(PUNCTUATION),
    st.from_regex(r"[?$][A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True),
    st.from_regex(r"<(https?://[a-z.]{1,12}/[A-Za-z0-9/#]{0,12}|urn:[a-z]{1,6})>", fullmatch=True),
    st.from_regex(r"(evkg|rdfs|ex)?:[A-Za-z]{0,8}", fullmatch=True),
    st.text(max_size=12).map(lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.integers(-10**20, 10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.text(min_size=1, max_size=8),
)
VARIABLES = st.sampled_from(["?s", "?p", "?o", "?x", "$y", "?_plant_iri"])
TERMS = st.one_of(VARIABLES, st.sampled_from(["<https://w3id.org/evkg/resource/plant/ampere-douai>", "a",
                                              "<https://w3id.org/evkg/ontology#units>", "rdfs:label", '"Renault"',
                                              '"x"@en', '"1"^^xsd:integer', "40000", "2.5", "true", "[]"]), TOKENS)
EXPRESSIONS = st.recursive(TERMS, lambda inner: st.one_of(
    st.builds("({} {} {})".format, inner, st.sampled_from(["+", "-", "*", "/", "=", "!=", "<", ">=", "&&", "||"]),
              inner),
    st.builds("{}({})".format, st.sampled_from(["STR", "LANG", "BOUND", "isIRI", "ABS", "UCASE", "STRLEN", "YEAR"]),
              inner),
    st.builds("REGEX({}, {})".format, inner, st.sampled_from(['"^a"', '"(a+)+$"', '"["', '"a{99999}"'])),
    st.builds("!{}".format, inner)), max_leaves=8)
PATTERNS = st.recursive(st.builds("{} {} {} .".format, TERMS, TERMS, TERMS), lambda inner: st.one_of(
    st.lists(inner, min_size=1, max_size=3).map(lambda parts: "{ " + " ".join(parts) + " }"),
    st.builds("OPTIONAL {{ {} }}".format, inner),
    st.builds("{{ {} }} UNION {{ {} }}".format, inner, inner),
    st.builds("MINUS {{ {} }}".format, inner),
    st.builds("FILTER({})".format, EXPRESSIONS),
    st.builds("FILTER NOT EXISTS {{ {} }}".format, inner),
    st.builds("BIND({} AS {})".format, EXPRESSIONS, VARIABLES),
    st.builds("VALUES {} {{ {} }}".format, VARIABLES, st.lists(TERMS, max_size=4).map(" ".join)),
    st.builds("GRAPH {} {{ {} }}".format, TERMS, inner),
    st.builds("{{ SELECT * WHERE {{ {} }} LIMIT 5 }}".format, inner),
    st.builds("{} {} {}".format, inner, TOKENS, inner)), max_leaves=10)
FORMS = st.sampled_from(["SELECT *", "SELECT DISTINCT ?s ?o", "ASK", "CONSTRUCT", "CONSTRUCT { ?s ?p ?o }",
                         "DESCRIBE ?s", "SELECT (COUNT(*) AS ?n)", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-"
                         "schema#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT ?s"])
MODIFIERS = st.sampled_from(["", "LIMIT 3", "ORDER BY ?s", "GROUP BY ?s", "OFFSET 1 LIMIT 1", "ORDER BY DESC(?o)"])
QUERIES = st.one_of(
    st.builds("{} WHERE {{ {} }} {}".format, FORMS, PATTERNS, MODIFIERS),
    st.builds("{} WHERE {{ {} }} {}".format, FORMS, PATTERNS, MODIFIERS),
    st.lists(TOKENS, max_size=40).map(" ".join),
    st.text(max_size=200),
    st.binary(max_size=60),
)
PARAMETER_VALUES = st.one_of(st.text(max_size=60), st.binary(max_size=20), st.from_regex(r"https?://[^\s]{0,40}", fullmatch=True),
                             st.integers().map(str), st.sampled_from(["", "true", "2024-02-30", "NaN", "1e999"]))


@BOUNDED
@given(query=QUERIES, timeout=st.one_of(st.none(), st.sampled_from(["0.5", "-1", "nan", "inf", "x"])),
       use_post=st.booleans())
def test_generated_queries_never_answer_5xx(fuzzed_app: Flask, query: str | bytes, timeout: str | None,
                                            use_post: bool) -> None:
    client = fuzzed_app.test_client()
    encoded = urlencode({"query": query} | ({"timeout": timeout} if timeout is not None else {}))
    response = (client.post("/sparql", data=encoded, content_type=FORM) if use_post
                else client.get("/sparql", query_string=encoded))
    assert response.status_code < 500 or response.status_code == 503, response.get_data(as_text=True)[:500]
    if response.status_code == 503:
        assert "time limit" in response.get_data(as_text=True)
    _still_answers(client)


@BOUNDED
@given(name=st.sampled_from(["plant_output", "search", "provenance", "document_facts", "plants", "brand_models"]),
       values=st.dictionaries(st.sampled_from(["plant", "text", "entity", "document", "brand", "format", "x"]),
                              PARAMETER_VALUES, max_size=3),
       use_post=st.booleans())
def test_generated_saved_query_parameters_never_answer_5xx(fuzzed_app: Flask, name: str,
                                                           values: dict[str, str | bytes], use_post: bool) -> None:
    client = fuzzed_app.test_client()
    response = (client.post(f"/queries/{name}", data=urlencode(values), content_type=FORM) if use_post
                else client.get(f"/queries/{name}", query_string=urlencode(values)))
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    _still_answers(client)
