"""Load with runaway queries: does `evkg serve` stay up for everyone?

    python -m bench.soak [--articles 4000 | --data DIR] [--seconds 60] [--clients 16] [--runaway-every 5]

Two measurements on one build (generated articles, or documents/ when --articles is 0), loopback only,
each bounded in time:

1. Fairness: a cheap saved query at concurrency 8, alone and then while two clients loop a runaway
   query (a cartesian product that runs to the time limit), with the result cache off so that every
   request reaches a query process. The cheap query should keep half its rate and a p99 under 1 s.
2. A mixed load: `--clients` clients cycling through saved queries with parameters, `/sparql`,
   entity pages, search and a dump revalidated with If-None-Match, plus one runaway every
   `--runaway-every` seconds; req/s, p50/p99 and statuses by route, and the server's memory each second.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import tempfile
import threading
import time
import urllib.parse
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from bench.articles import write_articles
from bench.load import LOOPBACK, Call, LoadGenerator, Tally, attempt, send, summary
from bench.parameters import choose_values
from bench.scale import RESULTS, timed_build
from bench.servers import Server, start_evkg
from evkg.graph.layout import current_build, store_path
from evkg.ontology.vocabulary import BASE

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "plant_output"
JSON = {"Accept": "application/sparql-results+json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded", **JSON}
CLIENT_TIMEOUT = 30.0
WARM_SECONDS = 5.0


def saved(port: int, name: str, **values: str) -> Call:
    return Call(port, f"/queries/{name}?{urllib.parse.urlencode(values)}", headers=JSON)


def runaway_call(port: int) -> Call:
    return Call(port, "/sparql", body=urllib.parse.urlencode({"query": RUNAWAY}).encode(), headers=FORM)


def mix(port: int, values: dict[str, str]) -> dict[str, Call]:
    """What users do, by route: saved queries with parameters, SPARQL, pages, search, a dump revalidated."""
    plant = values["plant"]
    connection = _connection(port)
    try:
        etag = send(connection, Call(port, "/downloads/evkg.ttl"))[1]["etag"]
    finally:
        connection.close()
    return {
        "/queries/plant_output": saved(port, "plant_output", plant=plant),
        "/queries/plant_models": saved(port, "plant_models", plant=plant),
        "/queries/provenance": saved(port, "provenance", entity=plant),
        "/queries/search": saved(port, "search", text=values["text"]),
        "/queries/plants": saved(port, "plants"),
        "/sparql": Call(port, "/sparql?" + urllib.parse.urlencode(
            {"query": f"SELECT ?p ?o WHERE {{ <{plant}> ?p ?o }}"}), headers=JSON),
        "/resource/plant": Call(port, "/" + plant[len(BASE):], headers={"Accept": "text/html"}),
        "/search.json": Call(port, "/search.json?" + urllib.parse.urlencode({"q": values["text"][:4]})),
        "/downloads (revalidated)": Call(port, "/downloads/evkg.ttl", headers={"If-None-Match": etag}),
    }


def mixed_client(calls: dict[str, Call], start_at: float, seconds: float) -> dict[str, Tally]:
    """One client cycling through the routes until the deadline; a tally per route."""
    time.sleep(max(0.0, start_at - time.time()))
    port = next(iter(calls.values())).port
    tallies = {route: Tally(started=time.time()) for route in calls}
    deadline = time.time() + seconds
    connection = _connection(port)
    while time.time() < deadline:
        for route, call in calls.items():
            connection = attempt(connection, call, tallies[route])
    connection.close()
    for tally in tallies.values():
        tally.ended = time.time()
    return tallies


def _connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(LOOPBACK, port, timeout=CLIENT_TIMEOUT)


def _mixed_entry(arguments: tuple[dict[str, Call], float, float]) -> dict[str, Tally]:
    return mixed_client(*arguments)


class Runaways(threading.Thread):
    """Sends a runaway query every `every` seconds (each in its own thread) until stopped; keeps the statuses."""

    def __init__(self, port: int, every: float, loop: bool = False) -> None:
        super().__init__(daemon=True)
        self.call, self.every, self.loop = runaway_call(port), every, loop
        self.stopped = threading.Event()
        self.statuses: dict[str, int] = {}
        self._lock = threading.Lock()
        self._senders: list[threading.Thread] = []

    def run(self) -> None:
        while not self.stopped.is_set():
            sender = threading.Thread(target=self._send, daemon=True)
            sender.start()
            self._senders.append(sender)
            if self.loop:
                sender.join()
            else:
                self.stopped.wait(self.every)

    def _send(self) -> None:
        connection = _connection(self.call.port)
        try:
            status, _, _ = send(connection, self.call)
            key = str(status)
        except OSError as error:
            key = type(error).__name__
        finally:
            connection.close()
        with self._lock:
            self.statuses[key] = self.statuses.get(key, 0) + 1

    def finish(self) -> dict[str, int]:
        self.stopped.set()
        self.join()
        for sender in self._senders:
            sender.join(CLIENT_TIMEOUT)
        return dict(self.statuses)


def fairness(data: Path, values: dict[str, str], seconds: float, work: Path) -> dict:
    """The cheap query at c=8 alone, then beside two clients looping runaways; cache off."""
    server = start_evkg(data, 2, work / "fairness.log", result_cache_mb=0)
    load = LoadGenerator(8, seconds, 10**6, CLIENT_TIMEOUT)
    try:
        call = saved(server.port, CHEAP, plant=values["plant"])
        alone = load.throughput(call)
        loopers = [Runaways(server.port, 0.0, loop=True) for _ in range(2)]
        for looper in loopers:
            looper.start()
        time.sleep(1.5)  # the runaways are past slow_query_seconds: the slow lane holds them
        loaded = load.throughput(call)
        runaway_statuses = [looper.finish() for looper in loopers]
    finally:
        load.close()
        server.stop()
    ratio = loaded["req_per_s"] / alone["req_per_s"] if alone["req_per_s"] else 0.0
    return {"query": CHEAP, "alone": alone, "with_two_runaway_loops": loaded, "runaways": runaway_statuses,
            "kept": round(ratio, 2), "ok": ratio >= 0.5 and (loaded["p99_ms"] or 1e9) <= 1000}


def mixed(data: Path, values: dict[str, str], options: argparse.Namespace, work: Path) -> dict:
    """`--clients` clients on the mix for `--seconds`, one runaway every `--runaway-every` s, memory sampled."""
    server = start_evkg(data, 2, work / "mixed.log")
    memory: list[tuple[float, float]] = []
    sampling = threading.Event()

    def sample() -> None:
        began = time.time()
        while not sampling.wait(1.0):
            memory.append((round(time.time() - began, 1), server.rss_mib()))

    sampler = threading.Thread(target=sample, daemon=True)
    try:
        memory.append((0.0, server.rss_mib()))
        sampler.start()
        runaways = Runaways(server.port, options.runaway_every)
        runaways.start()
        calls = mix(server.port, values)
        start_at = time.time() + 0.5
        with multiprocessing.get_context("spawn").Pool(options.clients) as pool:
            results = pool.map(_mixed_entry, [(calls, start_at, options.seconds)] * options.clients)
        runaway_statuses = runaways.finish()
        sampling.set()
        sampler.join()
        memory.append((memory[-1][0] + 1, server.rss_mib()))
    finally:
        server.stop()
    routes = {}
    for route in calls:
        total = Tally()
        for result in results:
            total.merge(result[route])
        routes[route] = summary(total)
    failures = sum(sum(count for status, count in r["statuses"].items() if status.startswith("5")) + r["errors"]
                   + r["timeouts"] for r in routes.values())
    # the reference is the server warmed up (its query processes started), a few seconds into the load
    start_mib, end_mib = next((m for t, m in memory if t >= WARM_SECONDS), memory[-1][1]), memory[-1][1]
    return {"clients": options.clients, "seconds": options.seconds, "routes": routes, "runaways": runaway_statuses,
            "memory_mib": memory, "failures_besides_runaways": failures,
            "memory_warm_mib": start_mib, "memory_growth": round(end_mib / start_mib - 1, 3) if start_mib else None}


def build(articles: int, work: Path) -> Path:
    """The data folder of a build of generated articles, or of documents/ when `articles` is 0."""
    documents = work / "documents"
    if articles:
        write_articles(documents, articles)
    else:
        documents = Path(__file__).resolve().parent.parent / "documents"
    timed_build(documents, work / "data", work / "build.log")
    return work / "data"


def report(result: dict) -> str:
    fair = result["fairness"]
    lines = [f"fairness ({fair['query']}, c=8, cache off): alone {fair['alone']['req_per_s']} req/s "
             f"p99 {fair['alone']['p99_ms']} ms; with two runaway loops {fair['with_two_runaway_loops']['req_per_s']} "
             f"req/s p99 {fair['with_two_runaway_loops']['p99_ms']} ms; kept {fair['kept']:.0%} "
             f"({'ok' if fair['ok'] else 'NOT OK'}); runaways answered {fair['runaways']}"]
    load = result["mixed"]
    lines.append(f"mixed load: {load['clients']} clients, {load['seconds']} s, runaways {load['runaways']}")
    lines.append(f"{'route':28} {'ok':>7} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  other")
    for route, figures in load["routes"].items():
        other = {**figures["statuses"], **({"timeouts": figures["timeouts"]} if figures["timeouts"] else {}),
                 **({"errors": figures["errors"]} if figures["errors"] else {})}
        lines.append(f"{route:28} {figures['ok']:7} {figures['req_per_s']:7} {figures['p50_ms'] or '-':>8} "
                     f"{figures['p99_ms'] or '-':>8}  {other or ''}")
    memory = load["memory_mib"]
    lines.append(f"failures besides the runaways' 503: {load['failures_besides_runaways']}; server memory "
                 f"{memory[0][1]} MiB idle, {load['memory_warm_mib']} after {WARM_SECONDS} s of load, "
                 f"{max(m for _, m in memory)} at most, {memory[-1][1]} at the end ({load['memory_growth']:+.0%} "
                 "from warm)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=4000, help="generated articles (0: documents/)")
    parser.add_argument("--data", type=Path, help="serve this data folder's current build instead of building")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the mixed load")
    parser.add_argument("--fair-seconds", type=float, default=10.0, help="length of each fairness measurement")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--runaway-every", type=float, default=5.0)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="evkg-soak-") as folder:
        work = Path(folder)
        data = options.data or build(options.articles, work)
        values = choose_values(ox.Store.read_only(str(store_path(current_build(data)))))
        result = {"articles": options.articles, "parameters": values,
                  "fairness": fairness(data, values, options.fair_seconds, work),
                  "mixed": mixed(data, values, options, work)}
    print(report(result))
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"soak-{options.articles}-{stamp}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
