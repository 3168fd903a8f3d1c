"""`evkg serve`: the app under gunicorn, started through gunicorn's Python API."""

from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from evkg.settings import Settings
from service.app import create_app

# a worker stuck longer than this is restarted by gunicorn; queries are stopped well before
WORKER_TIMEOUT_MARGIN = 30


class EvkgApplication(BaseApplication):
    """gunicorn configured from evkg settings; each worker makes its own app (and its own query process)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        options: dict[str, Any] = {
            "bind": f"{self.settings.host}:{self.settings.port}",
            "workers": self.settings.workers,
            "timeout": int(self.settings.query_timeout) + WORKER_TIMEOUT_MARGIN,
            "accesslog": "-",
            "errorlog": "-",
            "proc_name": "evkg",
        }
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_app(self.settings)


def serve_command(settings: Settings) -> int:
    """Run until interrupted; gunicorn exits the process itself on a fatal start-up error."""
    EvkgApplication(settings).run()
    return 0
