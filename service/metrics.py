"""Prometheus metrics at `/-/metrics`, added up over the server's worker processes.

Under `evkg serve` every worker writes its values to files in PROMETHEUS_MULTIPROC_DIR (set by
service.server before this module is imported) and `/-/metrics` reads them all, so whichever worker
answers, the figures are the whole server's. Without that variable (tests, one process) the
process's own registry is served.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Blueprint, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, \
    generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from evkg.service.exceptions import EngineError, QueryProcessDied, QueryTimeout, ServerBusy, TooManyQueries

MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# a query takes milliseconds when cheap and up to query_timeout (10 s by default) when not
QUERY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter("evkg_http_requests", "HTTP requests answered, by route template, method and status.",
                   ["route", "method", "status"])
REQUEST_SECONDS = Histogram("evkg_http_request_duration_seconds", "Time to answer an HTTP request, by route template.",
                            ["route"], buckets=QUERY_BUCKETS)
QUERY_SECONDS = Histogram("evkg_query_duration_seconds",
                          "Time a query spent in a query process, by outcome (answered, timeout, died, failed).",
                          ["outcome"], buckets=QUERY_BUCKETS)
QUERY_TIMEOUTS = Counter("evkg_query_timeouts", "Queries stopped at their time limit.")
PROCESSES_KILLED = Counter("evkg_query_processes_killed",
                           "Query processes killed and replaced, by reason (timeout, died, failed).", ["reason"])
# set and counted by the engine's process pool and result cache (issue 9), exported as 0 until then
QUERIES_RUNNING = Gauge("evkg_queries_running", "Queries in the engine: waiting for a query process or running in one.",
                        multiprocess_mode="livesum")
QUERIES_REFUSED = Counter("evkg_queries_refused", "Queries refused before reaching a query process, by reason "
                          "(busy: 503, the queue is full; client: 429, max_queries_per_client).", ["reason"])
QUEUE_LENGTH = Gauge("evkg_query_queue_length", "Queries waiting for a query process.", multiprocess_mode="livesum")
CACHE_HITS = Counter("evkg_result_cache_hits", "Queries answered from the result cache.")

_OUTCOMES = {QueryTimeout: "timeout", QueryProcessDied: "died"}
_REFUSALS = {ServerBusy: "busy", TooManyQueries: "client"}
for _reason in ("timeout", "died", "failed"):  # shown as 0 before the first kill, so rates can be taken
    PROCESSES_KILLED.labels(_reason)
for _reason in _REFUSALS.values():
    QUERIES_REFUSED.labels(_reason)

blueprint = Blueprint("metrics", __name__)


@contextmanager
def query_in_process() -> Iterator[None]:
    """Around one query sent to a query process: its duration, and the process's end when it is killed; a query
    refused before it reached one (429, 503) is counted as refused, nothing else."""
    started = time.perf_counter()
    outcome = "answered"
    QUERIES_RUNNING.inc()
    try:
        yield
    except tuple(_REFUSALS) as error:
        outcome = ""
        QUERIES_REFUSED.labels(_REFUSALS[type(error)]).inc()
        raise
    except EngineError as error:  # the engine kills the process on any error while waiting for it
        outcome = _OUTCOMES.get(type(error), "failed")
        if outcome == "timeout":
            QUERY_TIMEOUTS.inc()
        PROCESSES_KILLED.labels(outcome).inc()
        raise
    finally:
        QUERIES_RUNNING.dec()
        if outcome:
            QUERY_SECONDS.labels(outcome).observe(time.perf_counter() - started)


@blueprint.route("/-/metrics")
def metrics() -> Response:
    """The Prometheus text exposition of every metric above (and, in one process, the process's own)."""
    registry = REGISTRY
    if os.environ.get(MULTIPROCESS_VARIABLE):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
