"""`evkg serve`: the app under granian, a Rust HTTP server that runs the WSGI app in worker processes.

granian rather than gunicorn's threaded worker: on the same 2-core machine, at concurrency 8 on
loopback, it answered `/healthz` and cached saved queries at 1.3-1.9x the rate and at c=1 in 0.7 ms
instead of 1.0-1.8 ms (the HTTP stack, not the query, was what cheap queries waited on).
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from flask import Flask
from granian import Granian
from granian.constants import Interfaces
from granian.log import LOGGING_CONFIG

from evkg.settings import Settings

METRICS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client's multiprocess mode reads it at import
STOP_MARGIN_SECONDS = 5


def serve_command(settings: Settings) -> int:
    """Run until interrupted; the workers share a fresh metrics folder, removed when the server stops."""
    with tempfile.TemporaryDirectory(prefix="evkg-metrics-") as metrics_folder:
        os.environ[METRICS_VARIABLE] = metrics_folder
        # workers start as fresh interpreters: a forked one would hold the main process's signal handlers until granian
        # sets its own, after the app is loaded, and a stop sent meanwhile would be lost (the main process then waited
        # for a worker that served on)
        multiprocessing.set_start_method("spawn", force=True)
        server = Granian(
            "evkg.service.server:worker_app",  # loaded through `target_loader` below, with the settings
            address=settings.host, port=settings.port, interface=Interfaces.WSGI, workers=settings.workers,
            blocking_threads=settings.threads,  # a request waiting on a query holds a thread, not a worker
            backpressure=settings.threads, websockets=False, respawn_failed_workers=True,
            # on SIGTERM a worker finishes its queries (they stop at query_timeout), then is killed if still there
            workers_kill_timeout=int(settings.query_timeout) + STOP_MARGIN_SECONDS, log_dictconfig=logging_config(),
        )
        server.serve(target_loader=partial(worker_app, settings), wrap_loader=False)
    return 0


def worker_app(settings: Settings) -> Flask:
    """The app of one worker process, its query processes started; the metrics of workers that died are dropped."""
    from evkg.service.app import create_app  # imported in the worker, once the metrics folder is set

    _forget_dead_workers()
    app = create_app(settings)
    app.extensions["evkg.engine"].warm()
    return app


def logging_config() -> dict[str, Any]:
    """granian's logging with its own messages and the app's errors on standard error, and standard output left to
    the JSON access lines (service.access_log); applied in every worker."""
    from evkg.service.access_log import LOGGER

    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["console"]["stream"] = "ext://sys.stderr"  # its "access" handler writes to standard output
    config["loggers"][LOGGER] = {"handlers": ["access"], "level": "INFO", "propagate": False}
    config["root"] = {"handlers": ["console"], "level": "WARNING"}
    return config


def _forget_dead_workers() -> None:
    """Drop the live gauges of worker processes that are gone (a worker replaced after a crash): their counters stay
    counted, but a query they were running is not running any more."""
    from prometheus_client import multiprocess

    folder = os.environ.get(METRICS_VARIABLE)
    if not folder:
        return
    for path in Path(folder).glob("gauge_live*_*.db"):
        pid = int(path.stem.rsplit("_", 1)[1])
        if not _alive(pid):
            multiprocess.mark_process_dead(pid, folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
