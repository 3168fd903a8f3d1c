"""Every saved query on every system of one build: rows against the floor, latency at c=1, req/s at c=N."""

from __future__ import annotations

import http.client
import statistics
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bench.binding import SPARQL_JSON, Floor, engine_request
from bench.load import LOOPBACK, Call, LoadGenerator, send
from bench.rows import compare, json_rows
from bench.servers import Server
from bench.virtuoso import dataset_parameters
from evkg.service.executor import Request
from evkg.service.saved_queries import SavedQuery

FORM = "application/x-www-form-urlencoded"


@dataclass
class Systems:
    """What one build is measured on: the floor and the servers that were started."""

    data: Path
    floor: Floor
    evkg: Server
    uncached: Server | None = None
    rdflib: Server | None = None
    virtuoso: Server | None = None
    store: Server | None = None  # evkg serve --store on the Virtuoso that `evkg push` loaded
    store_uncached: Server | None = None


def calls(systems: Systems, query: SavedQuery, values: dict[str, str], text: str) -> dict[str, Call]:
    """The request each HTTP system gets for this query: the saved-query API (embedded and from the store), then
    the text on each endpoint."""
    accept = {"Accept": SPARQL_JSON}
    post = {"Accept": SPARQL_JSON, "Content-Type": FORM}
    given = {p.name: values[p.name] for p in query.parameters if p.name in values}
    path = f"/queries/{query.name}?{urllib.parse.urlencode(given)}"
    found = {"api": Call(systems.evkg.port, path, None, accept)}
    for name in ("uncached", "store", "store_uncached"):
        if server := getattr(systems, name):
            found[name] = Call(server.port, path, None, accept)
    found |= {"sparql": Call(systems.evkg.port, "/sparql", urllib.parse.urlencode({"query": text}).encode(), post)}
    if systems.rdflib:
        found["rdflib"] = Call(systems.rdflib.port, systems.rdflib.sparql_path,
                               urllib.parse.urlencode({"query": text}).encode(), post)
    if systems.virtuoso:
        body = urllib.parse.urlencode([("query", text), *dataset_parameters(text)]).encode()
        found["virtuoso"] = Call(systems.virtuoso.port, systems.virtuoso.sparql_path, body, post)
    return found


def floor_latency(floor: Floor, request: Request, first_ms: float, seconds: float, cap: int) -> dict:
    """c=1: the recorded request run again until the deadline or the cap (the first run counts)."""
    samples = [first_ms]
    deadline = time.perf_counter() + seconds
    while first_ms < seconds * 1000 and len(samples) < cap and time.perf_counter() < deadline:
        ran = floor.run(request, keep_rows=False)
        if ran is None:
            break
        samples.append(ran[1])
    samples.sort()
    return {"ok": len(samples), "p50_ms": round(statistics.median(samples), 2),
            "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2)}


def probe(call: Call, timeout: float) -> tuple[dict, list | None]:
    """One request to read the answer: status, milliseconds, whether evkg cut it, and the rows."""
    connection = http.client.HTTPConnection(LOOPBACK, call.port, timeout=timeout)
    began = time.perf_counter()
    try:
        status, headers, body = send(connection, call)
    except TimeoutError:
        return {"status": "timeout", "ms": round(timeout * 1000)}, None
    finally:
        connection.close()
    figures = {"status": status, "ms": round((time.perf_counter() - began) * 1000, 2),
               "truncated": headers.get("x-evkg-truncated") == "true"}
    if status != 200:
        figures["message"] = body[:300].decode("utf-8", "replace")
        return figures, None
    return figures, json_rows(body)


def measure_query(systems: Systems, query: SavedQuery, values: dict[str, str], load: LoadGenerator) -> dict:
    """Rows and timings of one saved query on the floor and on every started server."""
    request = engine_request(systems.data, query, values)
    text = request.query
    first = systems.floor.run(request)
    floor_rows = first[0] if first else None
    result: dict = {"sparql_text": text, "floor": {"timeout_s": systems.floor.limit} if first is None else {
        "rows": len(first[0]), "duplicates": len(first[0]) - len(set(first[0])),
        "c1": floor_latency(systems.floor, request, first[1], load.seconds, load.cap)}}
    for system, call in calls(systems, query, values, text).items():
        first, rows = probe(call, load.timeout)
        entry: dict = {"probe": first}
        if rows is not None:
            entry["compare"] = compare(floor_rows, rows)
        if first["status"] == 200 and first["ms"] < load.seconds * 1000:
            entry["c1"] = load.latency(call)
            entry[f"c{load.concurrency}"] = load.throughput(call)
        else:
            entry["skipped"] = "one request takes longer than a measurement, or failed: probe only"
        result[system] = entry
    return result
