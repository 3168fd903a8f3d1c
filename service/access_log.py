"""One record per request: a JSON line on the `evkg.access` logger and the request metrics.

The line names the route and a SHA-256 prefix of the query text (with a saved query's parameters),
never the text or the parameters themselves: they can be long, and they are the client's.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from urllib.parse import urlencode

from flask import Flask, Response, g, request

from evkg.service.errors import request_id
from evkg.service.metrics import REQUEST_SECONDS, REQUESTS

LOGGER = "evkg.access"
HASH_CHARACTERS = 16
MAX_PATH = 200
UNMATCHED = "(unmatched)"
log = logging.getLogger(LOGGER)


def init_app(app: Flask) -> None:
    """Time every request from its start; call before any hook that may answer early."""
    app.before_request(_start)
    app.after_request(_record)


def note_query(text: str, parameters: Mapping[str, str] | None = None) -> None:
    """Remember what the request asked, as a hash, for its access line."""
    described = text if not parameters else text + "\n" + urlencode(sorted(parameters.items()))
    g.query_sha256 = hashlib.sha256(described.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARACTERS]


def _start() -> None:
    g.started = time.perf_counter()


def _record(response: Response) -> Response:
    duration = time.perf_counter() - g.get("started", time.perf_counter())
    route = request.url_rule.rule if request.url_rule else UNMATCHED
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    REQUEST_SECONDS.labels(route).observe(duration)
    if not log.isEnabledFor(logging.INFO):  # the line costs as much as the metrics: made only when written
        return response
    log.info(json.dumps({
        "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "request_id": request_id(),
        "method": request.method,
        "route": route,
        "path": request.path[:MAX_PATH],
        "status": response.status_code,
        "duration_ms": round(duration * 1000, 2),
        "query_sha256": g.get("query_sha256"),
    }))
    return response
