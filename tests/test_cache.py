"""The per-build answer cache: the same request is answered from memory, revalidated by ETag, emptied by a new build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from conftest import SAMPLE_TRIG, BuildData, make_settings
from evkg.service.cache import ResultCache
from evkg.service.executor import Reply, Request
from evkg.service.pool import QueryPool, QueryProcess

QUERY = "SELECT ?s WHERE { ?s a ?type } ORDER BY ?s"
JSON = {"Accept": "application/sparql-results+json"}

# a graph whose figures are traced to their sentences, as plant_output needs (it counts the sources)
TRACED_GRAPH = (Path(__file__).resolve().parent / "fixtures" / "saved-queries.trig").read_text(encoding="utf-8")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The queries that reached a query process."""
    seen: list[str] = []
    original = QueryPool._ask

    def ask(pool: QueryPool, process: QueryProcess, request: Request, timeout: float) -> Reply:
        seen.append(request.query)
        return original(pool, process, request, timeout)

    monkeypatch.setattr(QueryPool, "_ask", ask)
    return seen


def test_the_same_request_runs_once_per_build(built_data_dir: BuildData, app_factory: Callable[..., Flask],
                                              asked: list[str]) -> None:
    data_dir = built_data_dir()
    client = app_factory(make_settings(data_dir)).test_client()
    first = client.get("/sparql", query_string={"query": QUERY}, headers=JSON)
    again = client.get("/sparql", query_string={"query": QUERY}, headers=JSON)
    assert first.status_code == again.status_code == 200 and first.data == again.data
    assert len(asked) == 1
    as_csv = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": "text/csv"})
    assert as_csv.status_code == 200 and len(asked) == 2, "another format is another answer"
    built_data_dir(SAMPLE_TRIG.replace('"Nissan"', '"Nissan Motor"'))
    client.get("/sparql", query_string={"query": QUERY}, headers=JSON)
    assert len(asked) == 3, "a new build is asked again"


def test_etag_revalidation_gives_304_until_a_new_build(built_data_dir: BuildData,
                                                       app_factory: Callable[..., Flask], asked: list[str]) -> None:
    data_dir = built_data_dir(TRACED_GRAPH)
    client = app_factory(make_settings(data_dir)).test_client()
    plant = "https://w3id.org/evkg/resource/plant/ampere-douai"
    first = client.get("/queries/plant_output", query_string={"plant": plant}, headers=JSON)
    etag = first.headers["ETag"]
    unchanged = client.get("/queries/plant_output", query_string={"plant": plant},
                           headers={**JSON, "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.headers["ETag"] == etag and not unchanged.data
    other = client.get("/queries/plant_output", query_string={"plant": plant + "-x"},
                       headers={**JSON, "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
    sparql = client.get("/sparql", query_string={"query": QUERY}, headers=JSON)
    assert client.get("/sparql", query_string={"query": QUERY},
                      headers={**JSON, "If-None-Match": sparql.headers["ETag"]}).status_code == 304
    built_data_dir(TRACED_GRAPH.replace("89527", "89000"))
    changed = client.get("/queries/plant_output", query_string={"plant": plant},
                         headers={**JSON, "If-None-Match": etag})
    assert changed.status_code == 200 and b"89000" in changed.data and changed.headers["ETag"] != etag


def test_cache_off_asks_every_time(built_data_dir: BuildData, app_factory: Callable[..., Flask],
                                   asked: list[str]) -> None:
    client = app_factory(make_settings(built_data_dir(), result_cache_mb=0)).test_client()
    for _ in range(2):
        assert client.get("/sparql", query_string={"query": QUERY}, headers=JSON).status_code == 200
    assert len(asked) == 2


def reply(size: int) -> Reply:
    return Reply("select", body=b"x" * size)


def test_least_recently_used_answers_leave_first_within_the_capacity() -> None:
    cache, build = ResultCache(capacity=250), Path("builds/1")
    for key in ("a", "b"):
        cache.put(build, key, reply(100))
    assert cache.get(build, "a") is not None  # a is now the most recently used
    cache.put(build, "c", reply(100))
    assert cache.get(build, "b") is None and cache.get(build, "a") and cache.get(build, "c")
    cache.put(build, "huge", reply(251))
    assert cache.get(build, "huge") is None
    assert cache.get(Path("builds/2"), "a") is None and cache.get(build, "a") is None, "a new build empties it"


def test_a_cache_of_no_capacity_keeps_not_even_an_empty_answer() -> None:
    cache, build = ResultCache(capacity=0), Path("builds/1")
    cache.put(build, "empty", Reply("select", rows=[]))
    assert cache.get(build, "empty") is None
