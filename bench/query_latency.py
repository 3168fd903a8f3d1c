"""Saved-query latency: each query through HTTP on a real `evkg serve`, against baselines in the same run.

    python -m bench.query_latency [--documents documents] [--runs 30]

For every saved query it reports the median and 95th-percentile latency of `GET /queries/NAME`
(SPARQL JSON, granian, one keep-alive connection), and two baselines on the same graph and
bindings: pyoxigraph called in-process (the engine without HTTP or the query child), and rdflib's
own SPARQL engine over the TriG dump — the engine evkg chose not to use. JSON goes to bench/results/.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import rdflib

from evkg.settings import load_settings
from evkg.graph.build import build
from evkg.graph.layout import current_build, dump_file, store_path
from evkg.service.saved_queries import SavedQuery, load_catalog
from evkg.service.binding import bind

from bench.parameters import choose_values

RESULTS = Path(__file__).resolve().parent / "results"


def timings(call: Callable[[], object], runs: int) -> dict[str, float]:
    """Median and p95 in milliseconds, after one warm-up call."""
    call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 2)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data: Path, port: int) -> subprocess.Popen:
    """`evkg serve` as users run it; returns once /healthz answers."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EVKG_")}
    process = subprocess.Popen([str(Path(sys.executable).with_name("evkg")), "serve", "--data", str(data),
                                "--port", str(port), "--workers", "1"],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("evkg serve did not start")


def query_values(query: SavedQuery, values: dict[str, str]) -> dict[str, str]:
    return {p.name: values[p.name] for p in query.parameters}


def run(documents: Path, runs: int, work: Path) -> dict:
    data = work / "data"
    report = build(documents, data, load_settings(environ={}))
    if not report.ok:
        sys.exit("benchmark build failed:\n" + "\n".join(map(str, report.problems[:20])))
    build_dir = current_build(data)
    store = ox.Store.read_only(str(store_path(build_dir)))
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(dump_file(build_dir, "trig"), format="trig")
    values = choose_values(store)
    catalog = load_catalog(load_settings(environ={}).queries_dir)
    port = free_port()
    server = start_server(data, port)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    rows = {}
    try:
        for name, query in sorted(catalog.queries.items()):
            given = query_values(query, values)
            path = f"/queries/{name}?{urllib.parse.urlencode(given)}"
            bindings = query.bind(given)
            bound = bind(query.text, bindings)
            rdflib_bindings = {rdflib.Variable(k): v for k, v in bindings.items()}

            def over_http() -> None:
                connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status}")

            http_figures = timings(over_http, runs)
            direct = timings(lambda: list(store.query(bound)), runs)
            baseline = timings(lambda: list(dataset.query(query.text, initBindings=rdflib_bindings)),
                               max(3, runs // 5))
            rows[name] = {"http": http_figures, "oxigraph_in_process": direct, "rdflib_in_process": baseline,
                          "ratio_rdflib_over_http": round(baseline["median_ms"] / http_figures["median_ms"], 1)}
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "documents": str(documents),
            "triples": len(dataset), "runs": runs, "queries": rows}


def print_table(result: dict) -> None:
    print(f"{'query':24} {'HTTP median':>12} {'HTTP p95':>9} {'oxigraph':>9} {'rdflib':>9} {'rdflib/HTTP':>11}")
    for name, row in result["queries"].items():
        print(f"{name:24} {row['http']['median_ms']:>10.2f}ms {row['http']['p95_ms']:>7.2f}ms "
              f"{row['oxigraph_in_process']['median_ms']:>7.2f}ms {row['rdflib_in_process']['median_ms']:>7.2f}ms "
              f"{row['ratio_rdflib_over_http']:>10.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=Path, default=Path("documents"))
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="evkg-bench-") as work:
        result = run(options.documents, options.runs, Path(work))
    print_table(result)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"query-latency-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
