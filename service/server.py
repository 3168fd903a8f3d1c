"""`evkg serve`: the app under gunicorn, started through gunicorn's Python API."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.workers.base import Worker

from evkg.settings import Settings

# a worker stuck longer than this is restarted by gunicorn; queries are stopped well before
WORKER_TIMEOUT_MARGIN = 30
METRICS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client's multiprocess mode reads it at import


class EvkgApplication(BaseApplication):
    """gunicorn configured from evkg settings; each worker makes its own app (and its own query processes)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        options: dict[str, Any] = {
            "bind": f"{self.settings.host}:{self.settings.port}",
            "workers": self.settings.workers,
            "worker_class": "gthread",  # a thread waiting on a query process holds no worker
            "threads": self.settings.threads,
            "timeout": int(self.settings.query_timeout) + WORKER_TIMEOUT_MARGIN,
            "accesslog": None,  # the app writes its own JSON access lines (service.access_log)
            "errorlog": "-",
            "proc_name": "evkg",
            "child_exit": _worker_exited,
        }
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        # imported here, in the worker, after serve_command has set the metrics folder
        from evkg.service.app import create_app

        app = create_app(self.settings)
        app.extensions["evkg.engine"].warm()
        return app


def _worker_exited(server: Arbiter, worker: Worker) -> None:
    """Drop a dead worker's live gauges (its counters stay counted)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def _log_access_to_stdout() -> None:
    from evkg.service.access_log import LOGGER

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access = logging.getLogger(LOGGER)
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    access.propagate = False


def serve_command(settings: Settings) -> int:
    """Run until interrupted; the workers share a fresh metrics folder, removed when the server stops."""
    with tempfile.TemporaryDirectory(prefix="evkg-metrics-") as metrics_folder:
        os.environ[METRICS_VARIABLE] = metrics_folder
        _log_access_to_stdout()
        EvkgApplication(settings).run()
    return 0
