"""The scale bench's printed tables: one per size, rows checked against the floor, timings and ratios."""

from __future__ import annotations

from bench.rows import verdict

SYSTEMS = ("api", "uncached", "sparql", "rdflib", "virtuoso")
LEGEND = """\
api = evkg GET /queries/NAME (its answer cache warm after the first request); uncached = the same on a second
evkg serve with result_cache_mb=0, so every request runs its query; sparql = evkg POST /sparql with the engine's text (parameters as VALUES when the
engine binds them beside the text); rdflib = rdflib-endpoint; virtuoso = Virtuoso; floor = pyoxigraph in-process,
the request the service's engine sends, no HTTP. rows: count, ≠(-missing+extra) against the floor's set, Ndup =
duplicate rows, ? = not comparable (the floor passed its time limit). p50/p99 ms at c=1; req/s at c={c}. T = time-outs or 503s; '>' = one request took longer than a
measurement (probe only). Ratios: uncached p50 ÷ floor p50; uncached req/s ÷ rdflib req/s; api (cache warm)
req/s ÷ virtuoso req/s (≠ when that peer's rows differ from the floor's)."""


def _latency(entry: dict | None) -> str:
    if not entry:
        return "-"
    c1 = entry.get("c1")
    failures = _failures(entry)
    if not c1 or c1.get("p50_ms") is None:
        probe = entry.get("probe", {})
        return f">{probe.get('ms', '?')}{failures or ' ' + str(probe.get('status'))}"
    return f"{c1['p50_ms']:g}/{c1['p99_ms']:g}{failures}"


def _failures(entry: dict) -> str:
    count = 0
    for key, figures in entry.items():
        if key.startswith("c") and isinstance(figures, dict):
            count += figures.get("timeouts", 0) + sum(figures.get("statuses", {}).values())
    probe = entry.get("probe", {})
    count += probe.get("status") not in (200, None)
    return f" T{count}" if count else ""


def _p50(entry: dict | None) -> float | None:
    return ((entry or {}).get("c1") or {}).get("p50_ms")


def _rate(entry: dict | None, concurrency: int) -> float | None:
    figures = (entry or {}).get(f"c{concurrency}")
    return figures["req_per_s"] if figures else None


def _ratio(top: float | None, bottom: float | None, peer: dict | None = None) -> str:
    """top ÷ bottom; marked ≠ when the peer's rows are not the floor's (the ratio compares unlike work)."""
    if top is None or not bottom:
        return "-"
    comparison = (peer or {}).get("compare") or {}
    return f"{top / bottom:.2f}" + ("≠" if comparison.get("missing") or comparison.get("extra") else "")


def query_table(queries: dict[str, dict], concurrency: int) -> str:
    """One line per saved query."""
    header = (f"{'query':22} {'floor':>6} " + " ".join(f"{s:>14}" for s in SYSTEMS) + " | "
              f"{'floor p50/p99':>14} " + " ".join(f"{s:>16}" for s in SYSTEMS) + " | "
              + " ".join(f"{s + ' r/s':>12}" for s in SYSTEMS)
              + f" | {'unc÷floor':>9} {'unc÷rdflib':>10} {'api÷virt':>8}")
    lines = [header, "-" * len(header)]
    for name, row in queries.items():
        floor = row["floor"]
        if "c1" in floor:
            floor_cell = str(floor["rows"]) + (f"+{floor['duplicates']}dup" if floor["duplicates"] else "")
            floor_latency, floor_p50 = f"{floor['c1']['p50_ms']:g}/{floor['c1']['p99_ms']:g}", floor["c1"]["p50_ms"]
        else:
            floor_cell, floor_latency, floor_p50 = "?", f">{floor['timeout_s']:g} s", None
        rows = " ".join(f"{verdict(_comparison(row.get(s))):>14}" for s in SYSTEMS)
        latencies = " ".join(f"{_latency(row.get(s)):>16}" for s in SYSTEMS)
        rates = " ".join(f"{_fmt(_rate(row.get(s), concurrency)):>12}" for s in SYSTEMS)
        uncached = row.get("uncached") or row.get("api")  # runs without the uncached server: the api itself
        uncached_p50 = _p50(uncached)
        to_rdflib = _ratio(_rate(uncached, concurrency), _rate(row.get("rdflib"), concurrency), row.get("rdflib"))
        to_virtuoso = _ratio(_rate(row.get("api"), concurrency), _rate(row.get("virtuoso"), concurrency),
                             row.get("virtuoso"))
        ratios = f"{_ratio(uncached_p50, floor_p50):>9} {to_rdflib:>10} {to_virtuoso:>8}"
        lines.append(f"{name:22} {floor_cell:>6} {rows} | {floor_latency:>14} {latencies} | {rates} | {ratios}")
    return "\n".join(lines)


STORE_LEGEND = """\
embedded = evkg serve on the build's own store; store = evkg serve --store on Virtuoso, loaded by evkg push. Both
GET /queries/NAME: cache off (result_cache_mb=0, every request runs its query) and cache warm. rows against the
floor as above; p50 ms at c=1; req/s at c={c}; st÷emb = store ÷ embedded (p50 above 1: the store is slower; req/s
below 1: it serves fewer)."""


def store_table(queries: dict[str, dict], concurrency: int) -> str:
    """One line per saved query: the embedded store beside the pushed one, cache off and warm."""
    header = (f"{'query':22} {'floor':>6} {'embedded':>14} {'store':>14} | "
              f"{'cache off p50: embedded':>24} {'store':>16} {'st÷emb':>6} | "
              f"{'r/s: embedded':>14} {'store':>8} {'st÷emb':>6} | "
              f"{'warm r/s: embedded':>19} {'store':>8} {'st÷emb':>6}")
    lines = [header, "-" * len(header)]
    for name, row in queries.items():
        floor = row["floor"]
        floor_cell = str(floor["rows"]) if "c1" in floor else "?"
        embedded, store = row.get("uncached"), row.get("store_uncached")
        p50 = [_p50(entry) for entry in (embedded, store)]
        cold = [_rate(entry, concurrency) for entry in (embedded, store)]
        warm = [_rate(entry, concurrency) for entry in (row.get("api"), row.get("store"))]
        lines.append(f"{name:22} {floor_cell:>6} {verdict(_comparison(embedded)):>14} "
                     f"{verdict(_comparison(store)):>14} | "
                     f"{_latency(embedded):>24} {_latency(store):>16} {_ratio(p50[1], p50[0], store):>6} | "
                     f"{_fmt(cold[0]):>14} {_fmt(cold[1]):>8} {_ratio(cold[1], cold[0], store):>6} | "
                     f"{_fmt(warm[0]):>19} {_fmt(warm[1]):>8} {_ratio(warm[1], warm[0], row.get('store')):>6}")
    return "\n".join(lines)


def _comparison(entry: dict | None) -> dict | None:
    if entry is None:
        return None
    if "compare" in entry:
        return entry["compare"]
    return {"error": f"HTTP {entry['probe']['status']}"}


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def size_report(size: dict) -> str:
    """The whole printout of one size: build and servers, then the query table, then pages if measured."""
    build, servers = size["build"], size["servers"]
    timing = (f"evkg build {build['seconds']} s (peak {build['peak_rss_mib']} MiB)" if "seconds" in build
              else "a build made before the run (--data)")
    load = "; ".join(f"{when} " + ", ".join(f"{value:.2f}" for value in figures)
                     for when, figures in size.get("load_average", {}).items())
    lines = [f"== {size['articles']} articles: {build['triples']:,} triples, {timing} ==",
             f"load average (1, 5, 15 min): {load or 'not recorded'}"
             + (f"; machine idle {size['quiet_after_s']} s after the servers started" if "quiet_after_s" in size else ""),
             "servers: " + "; ".join(f"{name} ready in {s['ready_seconds']} s"
                                     + (f", loaded in {s['load_seconds']} s" if "load_seconds" in s else "")
                                     + f", RSS {s['rss_mib_ready']} → {s.get('rss_mib_after', '?')} MiB"
                                     for name, s in servers.items()),
             f"parameters: {size['parameters']}",
             f"default graph: {size['default_graph']}",
             LEGEND.format(c=size["concurrency"]),
             query_table(size["queries"], size["concurrency"])]
    if "push" in size:
        lines += [f"evkg push to an empty Virtuoso: {size['push']['seconds']} s ({size['push']['output']})",
                  STORE_LEGEND.format(c=size["concurrency"]), store_table(size["queries"], size["concurrency"])]
    if size.get("pages"):
        lines.append("pages on a fresh evkg serve (first, second request):")
        for path, (first, second) in size["pages"].items():
            lines.append(f"  {path:60} {first['status']} {first['ms']} ms, {second['ms']} ms, "
                         f"{first.get('bytes', 0):,} bytes")
    return "\n".join(lines)
