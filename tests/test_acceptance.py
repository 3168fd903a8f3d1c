"""The acceptance file: every saved query of `seed-expected.json`, answered over HTTP from a real build of the
seed document, through the Flask test client and through `evkg serve` (granian) on a loopback port.

Comparison rules are the file's own ("about"): labels case-insensitively with punctuation and spaces
folded, a brand name allowed in front, the listed aliases accepted; numbers as numbers.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import make_settings, serve_evkg
from evkg.settings import load_settings
from evkg.graph.build import build
from evkg.service.app import create_app

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = json.loads((ROOT.parent / "shared" / "acceptance" / "seed-expected.json").read_text(encoding="utf-8"))
QUERIES: dict[str, dict[str, Any]] = EXPECTED["queries"]
ALIASES: dict[str, list[str]] = EXPECTED["label_aliases"]
BRANDS = [name for brand in QUERIES["brands"]["exactly"]["label"] for name in [brand, *ALIASES.get(brand, [])]]
NUMERIC = ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger", "positiveInteger")
KNOWN_KEYS = {"params", "columns", "rows", "ordered_rows", "exactly", "must_include", "may_include",
              "exact_row_count", "tolerance", "must_include_sentence_containing"}
Fetch = Callable[[str], dict[str, Any]]


def fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def label_matches(actual: str, expected: str) -> bool:
    """Equal after folding, to the label or one of its aliases, possibly with a brand name in front."""
    wanted = {fold(name) for name in [expected, *ALIASES.get(expected, [])]}
    return fold(actual) in wanted or any(fold(actual) == fold(brand) + name for brand in BRANDS for name in wanted)


def value(term: dict[str, str]) -> Any:
    """A SPARQL JSON term as a Python value: numbers as Decimal, booleans as bool, the rest as text."""
    datatype = term.get("datatype", "").rsplit("#", 1)[-1]
    if datatype in NUMERIC:
        return Decimal(term["value"])
    if datatype == "boolean":
        return term["value"] in ("true", "1")
    return term["value"]


def value_matches(actual: Any, expected: Any, tolerance: float = 0) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, (int, float)):
        return isinstance(actual, Decimal) and abs(actual - Decimal(str(expected))) <= Decimal(str(tolerance))
    return isinstance(actual, str) and label_matches(actual, expected)


def row_matches(actual: dict[str, Any], expected: dict[str, Any], tolerances: dict[str, float]) -> bool:
    return all(key in actual and value_matches(actual[key], wanted, tolerances.get(key, 0))
               for key, wanted in expected.items())


def check(spec: dict[str, Any], answer: dict[str, Any]) -> None:
    """Assert that one SPARQL JSON answer satisfies one entry of the acceptance file."""
    assert set(spec) <= KNOWN_KEYS, f"the checker does not know {set(spec) - KNOWN_KEYS}"
    columns = answer["head"]["vars"]
    rows = [{name: value(term) for name, term in row.items()} for row in answer["results"]["bindings"]]
    tolerances = spec.get("tolerance", {})
    assert set(spec["columns"]) <= set(columns), f"columns {columns} lack some of {spec['columns']}"
    for expected in spec.get("rows", []):
        assert any(row_matches(row, expected, tolerances) for row in rows), f"no row like {expected} in {rows}"
    position = 0
    for expected in spec.get("ordered_rows", []):
        found = [i for i in range(position, len(rows)) if row_matches(rows[i], expected, tolerances)]
        assert found, f"no row like {expected} after position {position} in {rows}"
        position = found[0] + 1
    for column, labels in spec.get("must_include", {}).items():
        for label in labels:
            assert any(label_matches(row.get(column, ""), label) for row in rows), f"{column} lacks {label!r}: {rows}"
    for column, labels in spec.get("exactly", {}).items():
        values = {row.get(column, "") for row in rows}
        for label in labels:
            assert any(label_matches(found, label) for found in values), f"{column} lacks {label!r}: {values}"
        for found in values:
            assert any(label_matches(found, label) for label in labels), f"{column} has unexpected {found!r}"
    if "exact_row_count" in spec:
        assert len(rows) == spec["exact_row_count"], f"{len(rows)} rows, expected {spec['exact_row_count']}: {rows}"
    for fragment in spec.get("must_include_sentence_containing", []):
        assert any(fragment in row.get("sentence", "") for row in rows), f"no sentence contains {fragment!r}"


def resolve(reference: str, fetch: Fetch) -> str:
    """`@plants:Ampere Douai Plant` -> the IRI in the first column of the `plants` row with that label."""
    if not reference.startswith("@"):
        return reference
    query, label = reference[1:].split(":", 1)
    column = QUERIES[query]["columns"][0]
    rows = fetch(f"/queries/{query}")["results"]["bindings"]
    matches = [row[column]["value"] for row in rows if label_matches(row["label"]["value"], label)]
    assert len(matches) == 1, f"{reference} matched {matches}"
    return matches[0]


def run(name: str, fetch: Fetch) -> dict[str, Any]:
    params = {key: resolve(raw, fetch) for key, raw in QUERIES[name].get("params", {}).items()}
    return fetch(f"/queries/{name}?{urllib.parse.urlencode(params)}")


@pytest.fixture(scope="session")
def seed_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build (extractor, builder, validation) of the seed document alone."""
    documents = tmp_path_factory.mktemp("seed-documents")
    shutil.copy(ROOT / EXPECTED["document"], documents)
    data_dir = tmp_path_factory.mktemp("seed-build") / "data"
    report = build(documents, data_dir, load_settings(environ={}, data_dir=data_dir))
    assert report.ok, report.problems
    return data_dir


@pytest.fixture(scope="module")
def flask_fetch(seed_data: Path) -> Iterator[Fetch]:
    app = create_app(make_settings(seed_data))
    client = app.test_client()

    def fetch(path: str) -> dict[str, Any]:
        response = client.get(path, headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    yield fetch
    app.extensions["evkg.engine"].close()


@pytest.fixture(scope="module")
def served_fetch(seed_data: Path) -> Iterator[Fetch]:
    """`evkg serve` (granian, 2 workers) on a free loopback port."""
    with serve_evkg(seed_data) as base:

        def fetch(path: str) -> dict[str, Any]:
            request = urllib.request.Request(base + path, headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 200
                assert response.headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"
                return json.load(response)

        yield fetch


@pytest.mark.parametrize("name", list(QUERIES))
def test_flask_client_answers_as_the_acceptance_file_says(flask_fetch: Fetch, name: str) -> None:
    check(QUERIES[name], run(name, flask_fetch))


@pytest.mark.slow
@pytest.mark.parametrize("name", list(QUERIES))
def test_the_server_answers_as_the_acceptance_file_says(served_fetch: Fetch, name: str) -> None:
    check(QUERIES[name], run(name, served_fetch))


def answer(variables: list[str], *rows: dict[str, dict[str, str]]) -> dict[str, Any]:
    return {"head": {"vars": variables}, "results": {"bindings": list(rows)}}


def literal(text: str, datatype: str | None = None) -> dict[str, str]:
    term = {"type": "literal", "value": text}
    if datatype:
        term["datatype"] = "http://www.w3.org/2001/XMLSchema#" + datatype
    return term


@pytest.mark.parametrize(("actual", "expected"), [
    ("Renault Megane E-Tech", "Megane E-Tech"),
    ("renault 5 (R5) e-tech", "Renault 5 E-Tech"),
    ("Ampere Douai", "Ampere Douai Plant"),
    ("Mitsubishi Eclipse Cross EV", "Eclipse Cross EV"),
])
def test_labels_match_by_the_files_rules(actual: str, expected: str) -> None:
    assert label_matches(actual, expected)


@pytest.mark.parametrize(("actual", "expected"), [
    ("Megane", "Megane E-Tech"), ("Scenic E-Tech", "Megane E-Tech"), ("Douai", "Ampere Douai Plant"),
    ("Renault", "Nissan"), ("E-Tech Megane", "Megane E-Tech"),
])
def test_labels_that_differ_do_not_match(actual: str, expected: str) -> None:
    assert not label_matches(actual, expected)


def test_the_checker_rejects_wrong_answers() -> None:
    spec = QUERIES["plant_output"]
    good = answer(["year", "units", "approximate"],
                  {"year": literal("2023", "integer"), "units": literal("50729", "integer"),
                   "approximate": literal("true", "boolean")},
                  {"year": literal("2024", "integer"), "units": literal("89527", "integer"),
                   "approximate": literal("false", "boolean")})
    check(spec, good)
    swapped = answer(good["head"]["vars"], *reversed(good["results"]["bindings"]))
    as_text = answer(good["head"]["vars"], {k: literal(v["value"]) for k, v in good["results"]["bindings"][0].items()},
                     good["results"]["bindings"][1])
    for wrong in (swapped, as_text, answer(["year", "units"])):
        with pytest.raises(AssertionError):
            check(spec, wrong)
    growth = QUERIES["output_growth"]
    row = {"plant": {"type": "uri", "value": "urn:p"}, "label": literal("Ampere Douai"),
           "fromYear": literal("2023", "integer"), "toYear": literal("2024", "integer"),
           "fromUnits": literal("50729", "integer"), "toUnits": literal("89527", "integer")}
    check(growth, answer(growth["columns"], row | {"growthPercent": literal("76.5", "decimal")}))
    with pytest.raises(AssertionError):
        check(growth, answer(growth["columns"], row | {"growthPercent": literal("76.7", "decimal")}))
    brands = QUERIES["brands"]
    names = [{"brand": {"type": "uri", "value": f"urn:{n}"}, "label": literal(n)} for n in brands["exactly"]["label"]]
    check(brands, answer(["brand", "label"], *names))
    with pytest.raises(AssertionError):
        check(brands, answer(["brand", "label"], *names, {"label": literal("Ampere")}))
