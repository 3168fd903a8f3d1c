"""The query processes: runaway queries give way to short ones, fair admission, a memory cap per process."""

from __future__ import annotations

import os
import signal
import threading
import time
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
COUNT = 300 * 300  # rows per start node of the product below


def bounded(starts: int) -> str:
    """A query that ends, after `starts` × 90,000 rows of work (about 0.12 s of CPU per million)."""
    values = " ".join(f"<urn:n{i}>" for i in range(starts))
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?e {{ {values} }} ?e <urn:p> ?f . ?a <urn:p> ?b . ?c <urn:p> ?d }}"


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


def query_processes() -> set[int]:
    """Process ids of this test process's query processes, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and b"service.executor" in command:
            found.add(int(entry.name))
    return found


def wait_for(condition, seconds: float = 20.0) -> bool:
    """Whether `condition()` comes true within `seconds` (polled)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


class Background(threading.Thread):
    """A query run in another thread; keeps its error."""

    def __init__(self, pool: QueryPool, build: Path, query: str, timeout: float, client: str = "runaway") -> None:
        super().__init__(daemon=True)
        self.pool, self.build, self.query, self.timeout, self.client = pool, build, query, timeout, client
        self.error: BaseException | None = None
        self.reply = None
        self.started_running = threading.Event()
        self.ended_at = 0.0

    def run(self) -> None:
        self.started_running.set()
        try:
            self.reply = self.pool.run(self.build, request(self.query), self.timeout, self.client)
        except EngineError as error:
            self.error = error
        self.ended_at = time.monotonic()


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


def test_a_full_slow_lane_pauses_the_next_long_query_until_a_slot_frees(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, slow_lane=1, size=2)
    first = Background(pool, build, RUNAWAY, timeout=4.0, client="a")
    first.start()
    first.join(1.0)
    reply = pool.run(build, request(bounded(120)), 30.0, "b")  # past slow_after while the runaway holds the lane
    assert first.ended_at, "the second long query waited for the first to leave the slow lane"
    assert isinstance(first.error, QueryTimeout)
    assert reply.rows[0][0].value == str(120 * COUNT), "then it ran to its end: only the time limit stops a query"


def test_a_paused_query_is_still_stopped_at_its_time_limit(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, slow_lane=1, size=2)
    first = Background(pool, build, RUNAWAY, timeout=6.0, client="a")
    first.start()
    first.join(1.0)
    with pytest.raises(QueryTimeout, match="paused"):
        pool.run(build, request(RUNAWAY), 2.0, "b")
    assert first.is_alive(), "the second one was stopped at its own limit, before the first"
    first.join()


def test_a_replacement_starts_as_soon_as_a_query_leaves_the_fast_lane(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools)
    runaway = Background(pool, build, RUNAWAY, timeout=6.0)
    runaway.start()
    assert wait_for(lambda: len(query_processes()) == 2), "a second process started with no query asking for it"
    assert runaway.is_alive()
    runaway.join()


def test_time_without_the_cpu_does_not_make_a_query_slow(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, slow_after=1.0)
    pool.run(build, request(CHEAP), 6.0, "a")
    (process,) = query_processes()
    medium = Background(pool, build, bounded(30), timeout=20.0)  # about 0.3 s of CPU
    os.kill(process, signal.SIGSTOP)  # a machine too busy to give it the CPU, for longer than slow_after
    medium.start()
    time.sleep(2.0)
    os.kill(process, signal.SIGCONT)
    medium.join()
    assert medium.reply.rows[0][0].value == str(30 * COUNT)
    assert query_processes() == {process}, "it stayed in the fast lane: its process was kept for the next query"


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
    # the default cap: a fresh query process reserves close to 1 GiB of address space (VmPeak 996 MB measured), so a
    # cap of 1 GiB made the process that replaces the stopped one fail to start now and then
    pool = make(pools, memory_bytes=2048 * 2**20, slow_after=30.0)
    with pytest.raises(QueryProcessDied):
        pool.run(build, request(HUNGRY), 60.0, "a")
    assert pool.run(build, request(CHEAP), 5.0, "a").kind == "select", "a fresh process answers the next query"


def test_a_process_is_replaced_after_so_many_queries(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, queries_per_process=3)
    pool.run(build, request(CHEAP), 6.0, "a")
    (first,) = query_processes()
    for _ in range(2):
        assert [row[0].value for row in pool.run(build, request(CHEAP), 6.0, "a").rows] == ["urn:n0"]
    assert wait_for(lambda: first not in query_processes() and len(query_processes()) == 1), \
        "after its third query the process was stopped and a fresh one made idle in its place"
    (second,) = query_processes()
    pool.run(build, request(CHEAP), 6.0, "a")
    assert query_processes() == {second}, "the fresh process answered the next query"


def test_warm_starts_the_fast_lane_before_any_query_and_the_queries_use_it(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, size=2)
    pool.warm(build)
    assert wait_for(lambda: len(query_processes()) == 2), "both places of the fast lane started, no query asking"
    started = query_processes()
    pool.warm(build)  # a lane already full starts nothing more
    for _ in range(3):
        pool.run(build, request(CHEAP), 6.0, "a")
    assert query_processes() == started


def test_a_process_idle_after_answering_is_replaced_by_a_fresh_one(build: Path, pools: list[QueryPool]) -> None:
    pool = make(pools, size=2, idle_seconds=0.5)
    pool.warm(build)
    assert wait_for(lambda: len(query_processes()) == 2)
    started = query_processes()
    time.sleep(1.5)
    assert query_processes() == started, "a process that has answered nothing has nothing to give back"
    pool.run(build, request(CHEAP), 6.0, "a")
    assert wait_for(lambda: len(query_processes() - started) == 1 and len(query_processes()) == 2), \
        "the process that answered was replaced once idle, the other kept"
    assert [row[0].value for row in pool.run(build, request(CHEAP), 6.0, "a").rows] == ["urn:n0"]
