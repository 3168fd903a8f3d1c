"""The query processes: runaway queries give way to short ones, fair admission, a memory cap per process."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

from conftest import BuildData
from evkg.graph.layout import current_build
from evkg.service.exceptions import EngineError, QueryProcessDied, QueryTimeout, ServerBusy, TooManyQueries
from evkg.service.executor import Request
from evkg.service.pool import QueryPool

CHAIN = "\n".join(f"<urn:n{i}> <urn:p> <urn:n{(i + 1) % 300}> ." for i in range(300))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:p>+ ?b . ?c <urn:p>* ?d . ?e ?f ?g . ?h ?i ?j }"
CHEAP = "SELECT ?s WHERE { ?s <urn:p> <urn:n1> }"
HUNGRY = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } ORDER BY ?a ?b ?c ?d ?e ?f"


def request(query: str) -> Request:
    return Request(query=query, default_graph=None, named_graphs=None, max_rows=10)


@pytest.fixture
def build(built_data_dir: BuildData) -> Path:
    return current_build(built_data_dir(CHAIN, RdfFormat.N_TRIPLES))


@pytest.fixture
def pools() -> Iterator[list[QueryPool]]:
    made: list[QueryPool] = []
    yield made
    for pool in made:
        pool.close()


def make(pools: list[QueryPool], **overrides: float) -> QueryPool:
    options = {"size": 1, "slow_lane": 2, "slow_after": 0.3, "per_client": 4, "max_waiting": 8, "memory_bytes": 0}
    pool = QueryPool(**{**options, **overrides})
    pools.append(pool)
    return pool


class Background(threading.Thread):
    """A query run in another thread; keeps its error."""

    def __init__(self, pool: QueryPool, build: Path, query: str, timeout: float, client: str = "runaway") -> None:
        super().__init__(daemon=True)
        self.pool, self.build, self.query, self.timeout, self.client = pool, build, query, timeout, client
        self.error: BaseException | None = None
        self.started_running = threading.Event()

    def run(self) -> None:
        self.started_running.set()
        try:
            self.pool.run(self.build, request(self.query), self.timeout, self.client)
        except EngineError as error:
            self.error = error


def test_a_runaway_query_gives_way_to_a_short_one(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools)
    runaway = Background(pool, build, RUNAWAY, timeout=6.0)
    runaway.start()
    runaway.started_running.wait()
    runaway.join(0.8)  # past slow_after: the runaway now runs in the slow lane
    reply = pool.run(build, request(CHEAP), 6.0, "someone else")
    assert reply.kind == "select" and len(reply.rows) == 1
    assert runaway.is_alive(), "the short query was answered while the runaway still ran"
    runaway.join()
    assert isinstance(runaway.error, QueryTimeout)


def test_a_full_slow_lane_stops_the_next_long_query(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, slow_lane=1)
    first = Background(pool, build, RUNAWAY, timeout=6.0, client="a")
    first.start()
    first.join(0.8)
    with pytest.raises(ServerBusy, match="long-running"):
        pool.run(build, request(RUNAWAY), 6.0, "b")
    assert first.is_alive()
    first.join()


def test_a_client_may_have_only_so_many_queries_in_flight(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, per_client=1, slow_after=5.0, size=2)
    first = Background(pool, build, RUNAWAY, timeout=3.0, client="greedy")
    first.start()
    first.join(0.5)
    with pytest.raises(TooManyQueries):
        pool.run(build, request(CHEAP), 3.0, "greedy")
    assert pool.run(build, request(CHEAP), 3.0, "patient").kind == "select"
    first.join()
    assert pool.run(build, request(CHEAP), 3.0, "greedy").kind == "select", "its slot is given back"


def test_the_queue_is_bounded(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, max_waiting=0, slow_after=5.0)
    first = Background(pool, build, RUNAWAY, timeout=3.0, client="a")
    first.start()
    first.join(0.5)
    with pytest.raises(ServerBusy, match="waiting"):
        pool.run(build, request(CHEAP), 3.0, "b")
    first.join()


def test_a_query_past_the_memory_cap_stops_only_its_process(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, memory_bytes=1024 * 2**20, slow_after=30.0)
    with pytest.raises(QueryProcessDied):
        pool.run(build, request(HUNGRY), 60.0, "a")
    assert pool.run(build, request(CHEAP), 5.0, "a").kind == "select", "a fresh process answers the next query"
