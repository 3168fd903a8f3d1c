"""Load with runaway queries: does `evkg serve` stay up for everyone?

    python -m bench.soak [--articles 4000 | --data DIR] [--seconds 60] [--clients 16] [--runaway-every 5]

Two measurements on one build (generated articles, or documents/ when --articles is 0), loopback only,
each bounded in time:

Every client has an identity of its own, as behind a reverse proxy: the server trusts X-Forwarded-For
from loopback (`trusted_proxies`), so per-client admission counts users, not the one loopback address.

1. Fairness: a cheap saved query at concurrency 8, alone and then while two clients loop a runaway
   query (a cartesian product that runs to the time limit), with the result cache off so that every
   request reaches a query process. The cheap query should keep half its rate and a p99 under 1 s.
2. A mixed load: `--clients` clients cycling through saved queries with parameters, `/sparql`,
   entity pages, search and a dump revalidated with If-None-Match, plus one runaway every
   `--runaway-every` seconds; req/s, p50/p99 and statuses by route, and the server's memory each second.
   Its growth is measured at rest, before the load (query processes started) and after it (no query left
   running, and quiet for longer than `query_process_idle_seconds`), so that it shows what the load left
   behind, not the queries still running as it ended.
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
from prometheus_client.parser import text_string_to_metric_families

from bench.articles import write_articles
from bench.load import LOOPBACK, Call, LoadGenerator, Tally, as_client, attempt, send, summary
from bench.parameters import choose_values
from bench.scale import RESULTS, timed_build
from bench.servers import PROXY, Server, start_evkg
from evkg.graph.layout import current_build, store_path
from evkg.ontology.vocabulary import BASE
from evkg.settings import Settings

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "plant_output"
JSON = {"Accept": "application/sparql-results+json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded", **JSON}
CLIENT_TIMEOUT = 30.0
REST_SECONDS = 2.0  # the process count steady this long: the query processes have started
REST_LIMIT_SECONDS = 40.0  # past the slowest runaway's time limit (10 s) and a query process's start-up
IDLE_SECONDS = Settings.query_process_idle_seconds  # a quiet server replaces the processes that answered
CHEAP_CLIENTS, RUNAWAY_CLIENTS = 1, 100  # first identities: X-Forwarded-For 192.0.2.1…, 192.0.2.100…


def saved(port: int, name: str, **values: str) -> Call:
    return Call(port, f"/queries/{name}?{urllib.parse.urlencode(values)}", headers=JSON)


def runaway_call(port: int, client: int) -> Call:
    return as_client(Call(port, "/sparql", body=urllib.parse.urlencode({"query": RUNAWAY}).encode(), headers=FORM),
                     client)


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


def mixed_client(calls: dict[str, Call], client: int, start_at: float, seconds: float) -> dict[str, Tally]:
    """Client number `client` cycling through the routes until the deadline; a tally per route."""
    calls = {route: as_client(call, client) for route, call in calls.items()}
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


def query_outcomes(port: int) -> dict[str, float]:
    """The server's own count of queries stopped, by reason (its /-/metrics): why the 503s were answered."""
    return {sample.labels["reason"]: sample.value for sample in metric_samples(port, "evkg_query_processes_killed")
            if sample.name.endswith("_total")}


def server_metric(port: int, name: str) -> float:
    """One unlabelled value of the server's /-/metrics."""
    return sum(sample.value for sample in metric_samples(port, name))


def metric_samples(port: int, family_name: str) -> list:
    connection = _connection(port)
    try:
        text = send(connection, Call(port, "/-/metrics"))[2].decode()
    finally:
        connection.close()
    return [sample for family in text_string_to_metric_families(text) if family.name == family_name
            for sample in family.samples]


def _connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(LOOPBACK, port, timeout=CLIENT_TIMEOUT)


def _mixed_entry(arguments: tuple[dict[str, Call], int, float, float]) -> dict[str, Tally]:
    return mixed_client(*arguments)


class Runaways(threading.Thread):
    """Client `client` sends a runaway query every `every` seconds (each in its own thread) until stopped."""

    def __init__(self, port: int, client: int, every: float, loop: bool = False) -> None:
        super().__init__(daemon=True)
        self.call, self.every, self.loop = runaway_call(port, client), every, loop
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
    server = start_evkg(data, 2, work / "fairness.log", result_cache_mb=0, **PROXY)
    load = LoadGenerator(8, seconds, 10**6, CLIENT_TIMEOUT, first_client=CHEAP_CLIENTS)
    try:
        call = saved(server.port, CHEAP, plant=values["plant"])
        alone = load.throughput(call)
        loopers = [Runaways(server.port, RUNAWAY_CLIENTS + i, 0.0, loop=True) for i in range(2)]
        for looper in loopers:
            looper.start()
        time.sleep(1.5)  # the runaways are past slow_query_seconds of CPU: the slow lane holds them
        loaded = load.throughput(call)
        runaway_statuses = [looper.finish() for looper in loopers]
    finally:
        load.close()
        server.stop()
    ratio = loaded["req_per_s"] / alone["req_per_s"] if alone["req_per_s"] else 0.0
    return {"query": CHEAP, "alone": alone, "with_two_runaway_loops": loaded, "runaways": runaway_statuses,
            "kept": round(ratio, 2), "ok": ratio >= 0.5 and (loaded["p99_ms"] or 1e9) <= 1000}


def mixed(data: Path, values: dict[str, str], options: argparse.Namespace, work: Path) -> dict:
    """`--clients` clients on the mix for `--seconds`, one runaway every `--runaway-every` s, memory sampled: at rest
    before the load (query processes started), each second of it, and at rest after it (no query left running)."""
    server = start_evkg(data, 2, work / "mixed.log", **PROXY)
    memory: list[tuple[float, float]] = []
    sampling = threading.Event()

    def sample() -> None:
        began = time.time()
        while not sampling.wait(1.0):
            memory.append((round(time.time() - began, 1), server.rss_mib()))

    sampler = threading.Thread(target=sample, daemon=True)
    try:
        before = at_rest(server)
        sampler.start()
        runaways = Runaways(server.port, RUNAWAY_CLIENTS, options.runaway_every)
        runaways.start()
        calls = mix(server.port, values)
        start_at = time.time() + 0.5
        with multiprocessing.get_context("spawn").Pool(options.clients) as pool:
            results = pool.map(_mixed_entry, [(calls, CHEAP_CLIENTS + i, start_at, options.seconds)
                                              for i in range(options.clients)])
        runaway_statuses = runaways.finish()
        sampling.set()
        sampler.join()
        at_end = server.rss_mib()
        after = at_rest(server, quiet=IDLE_SECONDS * 1.25)
        stopped = query_outcomes(server.port)
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
    return {"clients": options.clients, "seconds": options.seconds, "routes": routes, "runaways": runaway_statuses,
            "queries_stopped": stopped, "memory_mib": memory, "failures_besides_runaways": failures,
            "memory_at_rest_before_mib": before,
            "memory_at_end_of_load_mib": at_end, "memory_at_rest_after_mib": after,
            "memory_growth": round(after / before - 1, 3)}


def at_rest(server: Server, quiet: float = 0.0) -> float:
    """The server's memory once it is idle: `quiet` seconds without requests, then its query processes started
    (the process count steady for REST_SECONDS) and no query running (its /-/metrics), or REST_LIMIT_SECONDS."""
    time.sleep(quiet)
    deadline = time.monotonic() + REST_LIMIT_SECONDS
    steady_since, processes = time.monotonic(), server.processes()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = server.processes()
        if now != processes:
            steady_since, processes = time.monotonic(), now
        elif time.monotonic() - steady_since >= REST_SECONDS and server_metric(server.port, "evkg_queries_running") == 0:
            break
    return server.rss_mib()


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
    lines.append(f"mixed load: {load['clients']} clients, {load['seconds']} s, runaways {load['runaways']}; queries "
                 f"stopped by the server, by reason: {load['queries_stopped']}")
    lines.append(f"{'route':28} {'ok':>7} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  other")
    for route, figures in load["routes"].items():
        other = {**figures["statuses"], **({"timeouts": figures["timeouts"]} if figures["timeouts"] else {}),
                 **({"errors": figures["errors"]} if figures["errors"] else {})}
        lines.append(f"{route:28} {figures['ok']:7} {figures['req_per_s']:7} {figures['p50_ms'] or '-':>8} "
                     f"{figures['p99_ms'] or '-':>8}  {other or ''}")
    memory = load["memory_mib"]
    lines.append(f"failures besides the runaways' 503: {load['failures_besides_runaways']}; server memory "
                 f"{load['memory_at_rest_before_mib']} MiB at rest before the load, {max(m for _, m in memory)} at most, "
                 f"{load['memory_at_end_of_load_mib']} as the load ended, {load['memory_at_rest_after_mib']} at rest after "
                 f"it ({load['memory_growth']:+.0%})")
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
