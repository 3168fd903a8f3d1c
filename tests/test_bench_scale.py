"""The scale bench's pieces on a tiny build, so `make test` exercises them: the embedded columns, and the
`evkg push` / `evkg serve --store` columns on Virtuoso (no bulk-loaded Virtuoso, no rdflib-endpoint)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.binding import engine_request, run_floor
from bench.rows import compare, json_rows, term_key, verdict
from bench.scale import run_size
from bench.scale_report import size_report
from bench.virtuoso import available
from conftest import BuildData
from evkg.graph.layout import current_build, store_path
from evkg.service.saved_queries import load_query

XSD = "http://www.w3.org/2001/XMLSchema#"
QUERIES = Path(__file__).resolve().parent.parent / "queries"
SAVED_QUERIES_GRAPH = Path(__file__).resolve().parent / "fixtures" / "saved-queries.trig"


def test_terms_compare_across_server_spellings() -> None:
    """Virtuoso's typed-literal and 1.0E2 are the same values as Oxigraph's literal and 100.0."""
    assert term_key({"type": "typed-literal", "datatype": XSD + "double", "value": "1.0E2"}) == \
        term_key({"type": "literal", "datatype": XSD + "decimal", "value": "100.0"})
    assert term_key({"type": "literal", "datatype": XSD + "string", "value": "a"}) == \
        term_key({"type": "literal", "value": "a"})
    assert term_key({"type": "literal", "value": "a", "xml:lang": "EN"}) != term_key({"type": "literal", "value": "a"})


def test_rows_compare_as_sets_and_count_duplicates() -> None:
    body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"urn:a"}},' \
           b'{"x":{"type":"uri","value":"urn:a"}},{"x":{"type":"uri","value":"urn:c"}}]}}'
    floor = json_rows(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"urn:a"}},'
                      b'{"x":{"type":"uri","value":"urn:b"}}]}}')
    comparison = compare(floor, json_rows(body))
    assert (comparison["rows"], comparison["duplicates"], comparison["missing"], comparison["extra"]) == (3, 1, 1, 1)
    assert verdict(comparison) == "3 ≠(-1+1) 1dup"


def test_the_floor_gets_the_request_the_engine_prepares(built_data_dir: BuildData) -> None:
    """Parameters written in as the service writes them: a VALUES block opening the WHERE group."""
    data = built_data_dir(SAVED_QUERIES_GRAPH.read_text(encoding="utf-8"))  # figures traced to their sentences
    plant = "https://w3id.org/evkg/resource/plant/ampere-douai"
    request = engine_request(data, load_query(QUERIES / "plant_output.rq"), {"plant": plant})
    assert f"WHERE {{ VALUES (?_plant_iri) {{ (<{plant}>) }}" in request.query
    rows, _ = run_floor(ox.Store.read_only(str(store_path(current_build(data)))), request)
    assert len(rows) == 2


@pytest.mark.slow
def test_harness_runs_on_a_tiny_build(tmp_path: Path) -> None:
    """Build three articles, serve them, measure every saved query briefly, print the table."""
    options = argparse.Namespace(seconds=0.2, requests=5, concurrency=2, timeout=30.0, floor_timeout=30.0,
                                 workers=1, no_virtuoso=True, no_rdflib=True, no_uncached=False,
                                 no_store=True)
    size = run_size(3, tmp_path, options, pages=True)
    queries = {path.stem for path in QUERIES.glob("*.rq")}
    assert set(size["queries"]) == queries
    for name, row in size["queries"].items():
        assert row["api"]["probe"]["status"] == 200, name
        assert row["api"]["compare"]["missing"] == row["api"]["compare"]["extra"] == 0, name
        assert row["floor"]["c1"]["ok"] >= 1
        assert "c2" in row["api"] or "skipped" in row["api"]
    assert all(first["status"] == 200 for first, _ in size["pages"].values())
    assert size["servers"]["evkg"]["rss_mib_ready"] > 0
    assert all(row["uncached"]["probe"]["status"] == 200 for row in size["queries"].values())
    printed = size_report(size)
    assert "plant_output" in printed and "unc÷floor" in printed


@pytest.mark.slow
def test_store_columns_run_on_a_tiny_build(tmp_path: Path) -> None:
    """`evkg push` into a fresh Virtuoso, `evkg serve --store` on it with the cache and without: every saved
    query answers the floor's rows, is measured, and stands beside the embedded store in the printed table."""
    if not available():
        pytest.skip("Virtuoso is not installed (Debian package virtuoso-opensource; `make test` installs it)")
    options = argparse.Namespace(seconds=0.2, requests=5, concurrency=2, timeout=30.0, floor_timeout=30.0,
                                 workers=1, no_virtuoso=True, no_rdflib=True, no_uncached=False, no_store=False)
    size = run_size(3, tmp_path, options, pages=False)
    assert size["push"]["output"].startswith("pushed build ")
    assert set(size["queries"]) == {path.stem for path in QUERIES.glob("*.rq")}
    for name, row in size["queries"].items():
        for system in ("store", "store_uncached"):
            assert row[system]["probe"]["status"] == 200, (name, system, row[system]["probe"])
            assert row[system]["compare"]["missing"] == row[system]["compare"]["extra"] == 0, (name, system)
            assert "c2" in row[system] or "skipped" in row[system]
    assert size["servers"]["store"]["rss_mib_ready"] > 0
    printed = size_report(size)
    assert "evkg push to an empty Virtuoso" in printed and "st÷emb" in printed
