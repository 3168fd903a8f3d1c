"""Pages of a fresh `evkg serve` that grow with the data: home, the busiest plant, VoID, downloads."""

from __future__ import annotations

import http.client
import time

from bench.load import LOOPBACK
from bench.servers import Server
from evkg.ontology.vocabulary import BASE

REPEATS = 2  # first and second request: the second shows what a cache per build or per worker saves
PAGE_TIMEOUT = 120.0


def fetch(port: int, path: str, accept: str) -> dict:
    """One GET on a new connection: status, milliseconds, bytes."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=PAGE_TIMEOUT)
    began = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        body = response.read()
    except TimeoutError:
        return {"status": "timeout", "ms": round(PAGE_TIMEOUT * 1000)}
    finally:
        connection.close()
    return {"status": response.status, "ms": round((time.perf_counter() - began) * 1000, 1), "bytes": len(body)}


def measure_pages(server: Server, plant_iri: str | None) -> dict[str, list[dict]]:
    """Each page requested REPEATS times in a row, before any query warmed the server."""
    pages = {"/": "text/html", "/.well-known/void": "text/turtle", "/downloads": "text/html"}
    if plant_iri and plant_iri.startswith(BASE):
        pages["/" + plant_iri[len(BASE):]] = "text/html"
    return {path: [fetch(server.port, path, accept) for _ in range(REPEATS)] for path, accept in pages.items()}
