"""Scale benchmark: evkg at 40, 400 and 4,000 generated articles against a floor and two peers, in one run.

    python -m bench.scale [--sizes 40,400,4000] [--seconds 5] [--quick] [--no-virtuoso] [--no-rdflib] [--no-uncached]
                          [--no-store]
    python -m bench.scale --data DIR [...]                       # a build made elsewhere instead of generated ones
    python -m bench.scale --report bench/results/scale-….json   # the tables of an earlier run

For each size: generate the articles, time `evkg build`, start `evkg serve` (granian), rdflib-endpoint
on the N-Quads dump (a Dataset with default_union: the default graph is the set union of the named
graphs, the RDF merge the SPEC asks for) and Virtuoso (bulk loaded, the N-Triples union as the default
graph) and `evkg serve --store` on a second Virtuoso that `evkg push` loaded (bench.pushed), then for
every saved query compare rows with the floor (pyoxigraph in-process on a read-only
copy of the store, the exact request the service's engine sends) and measure p50/p99 at concurrency 1
and req/s at concurrency 8. The largest size also times the pages that grow with the data and the
server's start-up. Tables are printed (the store columns beside the embedded ones in a table of their
own); JSON goes to bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from bench.articles import write_articles
from bench.binding import Floor
from bench.load import LoadGenerator
from bench.pages import measure_pages
from bench.parameters import choose_values
from bench.pushed import push_build
from bench.scale_queries import Systems, measure_query
from bench.scale_report import size_report
from bench.servers import BIN, PROXY, Server, start_evkg, start_rdflib_endpoint, wait_until_quiet
from bench.virtuoso import available, start_virtuoso
from evkg.settings import load_settings
from evkg.graph.layout import current_build, dump_file, store_path
from evkg.service.saved_queries import load_catalog

RESULTS = Path(__file__).resolve().parent / "results"
RDFLIB_LOAD_LIMIT = 3600.0


def timed_build(documents: Path, data: Path, log: Path) -> dict:
    """`evkg build` as a user runs it: seconds and the peak RSS of the build process (wait4's rusage)."""
    began = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen([str(BIN / "evkg"), "build", "--documents", str(documents), "--data", str(data)],
                                   stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"evkg build failed ({process.returncode}); see {log}")
    return {"seconds": round(time.perf_counter() - began, 1), "peak_rss_mib": round(usage.ru_maxrss / 1024)} \
        | build_counts(data)


def build_counts(data: Path) -> dict:
    """Triples and documents of the current build, from its manifest."""
    build = current_build(data)
    if build is None:
        raise RuntimeError(f"no build in {data}")
    manifest = json.loads((build / "build.json").read_text(encoding="utf-8"))
    return {"triples": manifest.get("triples"), "documents": len(manifest.get("documents", []))}


def server_figures(server: Server, load_seconds: float | None = None) -> dict:
    """Start-up (or load) time and memory of a server that has just become ready."""
    figures = {"ready_seconds": round(server.ready_seconds, 2), "rss_mib_ready": server.rss_mib()}
    if load_seconds is not None:
        figures["load_seconds"] = round(load_seconds, 1)
    return figures


def run_size(articles: int, work: Path, options: argparse.Namespace, pages: bool) -> dict:
    """One size: generate the articles, build them, and measure that build."""
    documents, data, logs = work / "documents", work / "data", work / "logs"
    logs.mkdir(parents=True)
    write_articles(documents, articles)
    print(f"[{articles}] building …", flush=True)
    return measure_build(data, timed_build(documents, data, logs / "build.log"), work, options, pages)


def measure_build(data: Path, build_figures: dict, work: Path, options: argparse.Namespace, pages: bool) -> dict:
    """Every system started on the build in `data`, every saved query measured, all stopped here; `work` is scratch."""
    articles, logs = build_figures["documents"], work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    build = current_build(data)
    floor_copy = work / "floor-store"
    shutil.copytree(store_path(build), floor_copy)
    store = ox.Store.read_only(str(floor_copy))
    values = choose_values(store)
    del store  # the floor runs in its own process, on the same copy
    catalog = load_catalog(load_settings(environ={}).queries_dir)
    size: dict = {"articles": articles, "build": build_figures, "parameters": values, "servers": {},
                  "load_average": {"start": os.getloadavg()},
                  "concurrency": options.concurrency, "seconds": options.seconds, "requests": options.requests,
                  "default_graph": "store: its own default graph (merged at build time)"
                  + "; rdflib-endpoint: evkg.nq in a Dataset with default_union (set union)"
                  + "; virtuoso: evkg.nt (the union) in one graph given as default-graph-uri"}
    # each client an identity of its own behind a trusted proxy, as users are: on one loopback address they would
    # share one allowance of max_queries_per_client, and part of the uncached figures would be 429s
    load = LoadGenerator(options.concurrency, options.seconds, options.requests, options.timeout, first_client=1)
    floor = Floor(floor_copy, options.floor_timeout)
    store_virtuoso = None
    with ExitStack() as stack:
        stack.callback(load.close)
        stack.callback(floor.close)
        print(f"[{articles}] starting evkg serve …", flush=True)
        evkg = start_evkg(data, options.workers, logs / "evkg.log", **PROXY)
        stack.callback(evkg.stop)
        size["servers"]["evkg"] = server_figures(evkg)
        if pages:
            size["pages"] = measure_pages(evkg, values.get("plant"))
        systems = Systems(data, floor, evkg)
        if not options.no_uncached:
            print(f"[{articles}] starting a second evkg serve with the result cache off …", flush=True)
            systems.uncached = start_evkg(data, options.workers, logs / "evkg-uncached.log", result_cache_mb=0,
                                         **PROXY)
            stack.callback(systems.uncached.stop)
            size["servers"]["uncached"] = server_figures(systems.uncached)
        if not options.no_rdflib:
            print(f"[{articles}] starting rdflib-endpoint (loading evkg.nq) …", flush=True)
            systems.rdflib = start_rdflib_endpoint(dump_file(build, "nq"), logs / "rdflib.log", RDFLIB_LOAD_LIMIT)
            stack.callback(systems.rdflib.stop)
            size["servers"]["rdflib"] = server_figures(systems.rdflib, systems.rdflib.ready_seconds)
        if not options.no_virtuoso:
            print(f"[{articles}] starting Virtuoso and bulk loading …", flush=True)
            systems.virtuoso, seconds = start_virtuoso(work / "virtuoso", dump_file(build, "nq"),
                                                       dump_file(build, "nt"), logs / "virtuoso.log")
            stack.callback(systems.virtuoso.stop)
            size["servers"]["virtuoso"] = server_figures(systems.virtuoso, seconds)
        if not options.no_store:
            print(f"[{articles}] starting an empty Virtuoso and running evkg push …", flush=True)
            pushed = push_build(data, work / "store", logs)
            store_virtuoso = pushed.virtuoso
            stack.callback(store_virtuoso.stop)
            size["push"] = {"seconds": round(pushed.push_seconds, 1), "output": pushed.push_output}
            size["servers"]["store_virtuoso"] = server_figures(pushed.virtuoso, pushed.push_seconds)
            print(f"[{articles}] starting evkg serve --store, with the result cache and without …", flush=True)
            systems.store = start_evkg(data, options.workers, logs / "evkg-store.log", store=pushed.url,
                                       **pushed.credentials, **PROXY)
            stack.callback(systems.store.stop)
            systems.store_uncached = start_evkg(data, options.workers, logs / "evkg-store-uncached.log",
                                                store=pushed.url, result_cache_mb=0, **pushed.credentials, **PROXY)
            stack.callback(systems.store_uncached.stop)
            for name, server in (("store", systems.store), ("store_uncached", systems.store_uncached)):
                size["servers"][name] = server_figures(server)
        size["quiet_after_s"] = wait_until_quiet()
        size["queries"] = {}
        for name, query in sorted(catalog.queries.items()):
            print(f"[{articles}] {name}", flush=True)
            size["queries"][name] = measure_query(systems, query, values, load)
        for name, server in (("evkg", evkg), ("uncached", systems.uncached), ("rdflib", systems.rdflib),
                             ("virtuoso", systems.virtuoso), ("store_virtuoso", store_virtuoso),
                             ("store", systems.store), ("store_uncached", systems.store_uncached)):
            if server:
                size["servers"][name]["rss_mib_after"] = server.rss_mib()
    size["load_average"]["end"] = os.getloadavg()
    return size


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line; --quick narrows it to size 40 and 1 s per measurement."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40,400,4000", help="article counts, comma-separated [40,400,4000]")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each measurement [5]")
    parser.add_argument("--requests", type=int, default=10_000, help="request cap of each measurement [10000]")
    parser.add_argument("--concurrency", type=int, default=8, help="clients of the throughput runs [8]")
    parser.add_argument("--timeout", type=float, default=60.0, help="socket time-out of one request [60]")
    parser.add_argument("--floor-timeout", type=float, default=120.0,
                        help="longest in-process floor run; past it the floor child is killed [120]")
    parser.add_argument("--workers", type=int, default=2, help="evkg serve --workers [2]")
    parser.add_argument("--quick", action="store_true", help="size 40 only, 1 s per measurement")
    parser.add_argument("--no-virtuoso", action="store_true", help="leave Virtuoso out")
    parser.add_argument("--no-uncached", action="store_true", help="leave out the second evkg serve without a cache")
    parser.add_argument("--no-rdflib", action="store_true", help="leave rdflib-endpoint out")
    parser.add_argument("--no-store", action="store_true",
                        help="leave out `evkg push` to a second Virtuoso and `evkg serve --store` on it")
    parser.add_argument("--data", type=Path,
                        help="measure the current build in this folder (read only) instead of generated sizes")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folders")
    parser.add_argument("--report", type=Path, help="print the tables of an earlier results JSON and stop")
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes, options.seconds = "40", 1.0
    options.sizes = [int(size) for size in options.sizes.split(",")]
    if not (options.no_virtuoso and options.no_store) and not options.report and not available():
        parser.error("Virtuoso is not installed (make bench installs it), or pass --no-virtuoso --no-store")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    if options.report:
        for size in json.loads(options.report.read_text(encoding="utf-8"))["sizes"]:
            print(size_report(size))
        return 0
    results = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "sizes": []}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scale-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    largest = max(options.sizes)
    for articles in [None] if options.data else options.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"evkg-scale-{articles or 'data'}-"))
        try:
            if articles is None:
                size = measure_build(options.data, build_counts(options.data), work, options, pages=True)
            else:
                size = run_size(articles, work, options, pages=articles == largest)
        finally:
            if not options.keep:
                shutil.rmtree(work, ignore_errors=True)
        results["sizes"].append(size)
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(size_report(size), flush=True)
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
