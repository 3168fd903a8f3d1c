"""A bounded HTTP load generator for loopback servers: keep-alive clients, a deadline and a request cap.

Concurrency 1 runs in this process (latency percentiles); higher concurrency runs one client per process
of a pool started once, so the clients do not share a GIL with each other. Every loop stops by itself:
no request starts after the deadline or past the cap, and each request has a socket time-out.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import statistics
import time
from dataclasses import dataclass, field, replace
from multiprocessing.pool import Pool

LOOPBACK = "127.0.0.1"
CLIENT_NETWORK = "192.0.2."  # TEST-NET-1: the addresses a bench's clients claim behind a trusted proxy


@dataclass(frozen=True)
class Call:
    """One HTTP request to repeat against a loopback port."""

    port: int
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def method(self) -> str:
        """POST when there is a body (a SPARQL form), else GET."""
        return "GET" if self.body is None else "POST"


def as_client(call: Call, number: int) -> Call:
    """The call as a trusted reverse proxy would pass it on for client `number` (X-Forwarded-For)."""
    return replace(call, headers={**call.headers, "X-Forwarded-For": f"{CLIENT_NETWORK}{number}"})


@dataclass
class Tally:
    """What one client saw: latencies of 200s in ms, other statuses, socket time-outs and errors."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    timeouts: int = 0
    errors: int = 0
    started: float = 0.0
    ended: float = 0.0

    def merge(self, other: Tally) -> None:
        """Add another client's tally: the span runs from the earliest start to the latest end."""
        self.latencies += other.latencies
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.timeouts += other.timeouts
        self.errors += other.errors
        self.started = min(self.started or other.started, other.started)
        self.ended = max(self.ended, other.ended)


def send(connection: http.client.HTTPConnection, call: Call) -> tuple[int, dict[str, str], bytes]:
    """One request on a kept-alive connection: status, headers (lower-case names) and body."""
    connection.request(call.method, call.path, body=call.body, headers=call.headers)
    response = connection.getresponse()
    body = response.read()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def client_loop(call: Call, start_at: float, seconds: float, cap: int, timeout: float) -> Tally:
    """One client: from `start_at` (wall clock, so processes start together) until the deadline or the cap."""
    time.sleep(max(0.0, start_at - time.time()))
    tally = Tally(started=time.time())
    deadline = tally.started + seconds
    connection = http.client.HTTPConnection(LOOPBACK, call.port, timeout=timeout)
    sent = 0
    while sent < cap and time.time() < deadline:
        sent += 1
        connection = attempt(connection, call, tally)
    connection.close()
    tally.ended = time.time()
    return tally


def attempt(connection: http.client.HTTPConnection, call: Call, tally: Tally) -> http.client.HTTPConnection:
    """One request counted in the tally (200 and 304 as answers); after a failure, a fresh connection."""
    began = time.perf_counter()
    try:
        status, _, _ = send(connection, call)
    except (OSError, http.client.HTTPException) as error:
        if isinstance(error, TimeoutError):
            tally.timeouts += 1
        else:
            tally.errors += 1
        connection.close()
        return http.client.HTTPConnection(connection.host, connection.port, timeout=connection.timeout)
    if status in (200, 304):
        tally.latencies.append((time.perf_counter() - began) * 1000)
    else:
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
    return connection


def _client(arguments: tuple[Call, float, float, int, float]) -> Tally:
    """Pool.map's one-argument entry point."""
    return client_loop(*arguments)


def _pid_after(seconds: float) -> int:
    """A task that holds its client process a moment, so that the others take the next ones."""
    time.sleep(seconds)
    return os.getpid()


class LoadGenerator:
    """Runs measurements; owns the pool of client processes for concurrency above 1."""

    def __init__(self, concurrency: int, seconds: float, cap: int, timeout: float, first_client: int = 0) -> None:
        """`first_client` above 0: client i sends X-Forwarded-For `first_client + i` (server behind a proxy)."""
        self.concurrency, self.seconds, self.cap, self.timeout = concurrency, seconds, cap, timeout
        self.first_client = first_client
        self._pool: Pool | None = None

    def latency(self, call: Call) -> dict:
        """Concurrency 1: p50 / p99 of the successful requests, and what failed."""
        return summary(client_loop(call, time.time(), self.seconds, self.cap, self.timeout))

    def throughput(self, call: Call) -> dict:
        """Concurrency N (one process each): successful requests per second over the measured span."""
        if self._pool is None:
            self._pool = self._started_pool()
        start_at = time.time() + 0.2
        per_client = max(1, self.cap // self.concurrency)
        calls = [as_client(call, self.first_client + i) if self.first_client else call
                 for i in range(self.concurrency)]
        tallies = self._pool.map(_client, [(each, start_at, self.seconds, per_client, self.timeout)
                                           for each in calls])
        total = Tally()
        for tally in tallies:
            total.merge(tally)
        return summary(total)

    def _started_pool(self) -> Pool:
        """The client processes, every one of them running: their start-up (an interpreter each, seconds of CPU in
        all) overlapped the first measurement and cut its figure (the first saved query measured at c=8, 900-1,000
        req/s where the same query measured again gave 2,100-2,600)."""
        pool = multiprocessing.get_context("spawn").Pool(self.concurrency)
        running: set[int] = set()
        while len(running) < self.concurrency:
            running |= set(pool.map(_pid_after, [0.1] * self.concurrency, chunksize=1))
        return pool

    def close(self) -> None:
        """Stop the client processes."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def summary(tally: Tally) -> dict:
    """The figures of a tally: count, p50/p99 in ms, req/s of 200s, other statuses, time-outs."""
    span = max(tally.ended - tally.started, 1e-9)
    ordered = sorted(tally.latencies)
    return {
        "ok": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2) if ordered else None,
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2) if ordered else None,
        "req_per_s": round(len(ordered) / span, 1),
        "statuses": {str(status): count for status, count in sorted(tally.statuses.items())},
        "timeouts": tally.timeouts,
        "errors": tally.errors,
        "seconds": round(span, 2),
    }
