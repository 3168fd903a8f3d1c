"""`/-/metrics` (Prometheus text, summed over the server's workers) and the JSON access log."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from conftest import serve_evkg
from evkg.service.exceptions import ServerBusy, TooManyQueries
from evkg.service.metrics import query_in_process

RUNAWAY = "SELECT (COUNT(*) AS ?n) { " + " ".join(
    f"VALUES ?{name} {{ {' '.join(map(str, range(1000)))} }}" for name in "abc") + " }"
SLOW = "SELECT (COUNT(*) AS ?n) { " + " ".join(  # a few seconds: long enough to be running when its worker dies
    f"VALUES ?{name} {{ {' '.join(map(str, range(250)))} }}" for name in "abc") + " }"
ACCESS_FIELDS = {"time", "request_id", "method", "route", "path", "status", "duration_ms", "query_sha256"}


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _samples(text: str) -> dict[tuple[str, frozenset], float]:
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def test_metrics_count_requests_by_route_and_status(client: FlaskClient) -> None:
    before = _value("evkg_http_requests_total", route="/sparql", method="GET", status="400")
    client.get("/sparql", query_string={"query": "SELECT nonsense"})
    response = client.get("/-/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    samples = _samples(response.get_data(as_text=True))
    key = frozenset({"route": "/sparql", "method": "GET", "status": "400"}.items())
    assert samples[("evkg_http_requests_total", key)] == before + 1
    for name in ("evkg_query_queue_length", "evkg_result_cache_hits_total", "evkg_query_timeouts_total"):
        assert (name, frozenset()) in samples


def test_metrics_count_query_durations_time_outs_and_killed_processes(client: FlaskClient) -> None:
    answered = _value("evkg_query_duration_seconds_count", outcome="answered")
    timeouts = _value("evkg_query_timeouts_total")
    killed = _value("evkg_query_processes_killed_total", reason="timeout")
    waited = _value("evkg_query_duration_seconds_sum", outcome="timeout")
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert client.get("/sparql", query_string={"query": RUNAWAY, "timeout": "0.3"}).status_code == 503
    assert _value("evkg_query_duration_seconds_count", outcome="answered") == answered + 1
    assert _value("evkg_query_timeouts_total") == timeouts + 1
    assert _value("evkg_query_processes_killed_total", reason="timeout") == killed + 1
    assert _value("evkg_query_duration_seconds_sum", outcome="timeout") - waited >= 0.3


def _access_lines(caplog: pytest.LogCaptureFixture) -> list[dict]:
    return [json.loads(record.getMessage()) for record in caplog.records if record.name == "evkg.access"]


def test_access_log_is_one_json_line_per_request_with_a_hash_of_the_query(
        client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    query = "ASK { ?secret ?p 'a very private literal' }"
    with caplog.at_level(logging.INFO, logger="evkg.access"):
        response = client.get("/sparql", query_string={"query": query})
        client.get("/nowhere")
    first, second = _access_lines(caplog)
    assert set(first) == ACCESS_FIELDS
    assert first["request_id"] == response.headers["X-Request-Id"]
    assert (first["method"], first["route"], first["status"]) == ("GET", "/sparql", 200)
    assert first["query_sha256"] == hashlib.sha256(query.encode()).hexdigest()[:16]
    assert first["duration_ms"] >= 0
    assert (second["route"], second["status"], second["query_sha256"]) == ("(unmatched)", 404, None)
    assert "private" not in caplog.text


def test_access_log_never_shows_saved_query_parameters(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    plant = "https://w3id.org/evkg/resource/plant/ampere-douai"
    with caplog.at_level(logging.INFO, logger="evkg.access"):
        client.get("/queries/plant_output", query_string={"plant": plant})
        client.get("/queries/plant_output", query_string={"plant": plant + "-other"})
    first, second = _access_lines(caplog)
    assert first["route"] == "/queries/<name>" and first["path"] == "/queries/plant_output"
    assert first["query_sha256"] != second["query_sha256"]
    assert "ampere-douai" not in caplog.text


@pytest.mark.slow
@pytest.mark.parametrize(("refusal", "reason"), [(ServerBusy, "busy"), (TooManyQueries, "client")])
def test_a_refused_query_is_counted_as_refused_not_as_a_killed_process(refusal: type, reason: str) -> None:
    """A 503 or 429 before any query process was reached kills nothing: `killed` would mislead an operator."""
    refused = _value("evkg_queries_refused_total", reason=reason)
    killed = {outcome: _value("evkg_query_processes_killed_total", reason=outcome) for outcome in ("failed", "timeout")}
    with pytest.raises(refusal), query_in_process():
        assert _value("evkg_queries_running") >= 1
        raise refusal("refused")
    assert _value("evkg_queries_refused_total", reason=reason) == refused + 1
    assert {outcome: _value("evkg_query_processes_killed_total", reason=outcome) for outcome in killed} == killed
    assert _value("evkg_queries_running") == 0


def test_metrics_add_up_over_the_server_workers(sample_data_dir: Path, tmp_path: Path) -> None:
    """One worker is held by a runaway query while the other answers: /-/metrics, from either, counts both."""
    # one thread per worker, so the worker held by the runaway cannot take the other requests
    with serve_evkg(sample_data_dir, workers=2, threads=1, access_log=tmp_path / "access.log") as url:
        form = urlencode({"query": RUNAWAY, "timeout": "2"}).encode()  # by POST, as long queries are sent
        runaway = threading.Thread(target=_get, args=(url + "/sparql", form))
        runaway.start()
        time.sleep(0.5)
        for _ in range(10):
            _get(url + "/-/versions.json")
        runaway.join()
        samples = _samples(_get(url + "/-/metrics").decode())
    versions = frozenset({"route": "/-/versions.json", "method": "GET", "status": "200"}.items())
    stopped = frozenset({"route": "/sparql", "method": "POST", "status": "503"}.items())
    assert samples[("evkg_http_requests_total", versions)] == 10
    assert samples[("evkg_http_requests_total", stopped)] == 1
    assert samples[("evkg_query_timeouts_total", frozenset())] == 1
    lines = [json.loads(line) for line in (tmp_path / "access.log").read_text().splitlines()]
    assert all(set(line) == ACCESS_FIELDS for line in lines)
    assert [line["status"] for line in lines if line["route"] == "/sparql"] == [503]


def test_a_worker_that_dies_is_replaced_and_its_queries_stop_counting(sample_data_dir: Path) -> None:
    """The query a dead worker was running is not running any more: its live gauge is dropped by the replacement."""
    with serve_evkg(sample_data_dir, workers=1, threads=2) as url:
        [worker] = _workers(int(url.rsplit(":", 1)[1]))
        slow = threading.Thread(target=_get, args=(url + "/sparql", urlencode({"query": SLOW}).encode()))
        slow.start()
        time.sleep(0.5)
        assert _running(url) == 1
        os.kill(worker, signal.SIGKILL)
        slow.join()
        deadline = time.monotonic() + 30
        while _get(url + "/healthz") == b"":
            assert time.monotonic() < deadline, "no worker replaced the dead one"
            time.sleep(0.2)
        assert _running(url) == 0


def _running(url: str) -> float:
    return _samples(_get(url + "/-/metrics").decode())[("evkg_queries_running", frozenset())]


def _workers(port: int) -> list[int]:
    """The worker processes of the `evkg serve` on this port: the children it started as multiprocessing workers."""
    [main] = [int(entry.name) for entry in Path("/proc").iterdir()
              if entry.name.isdigit() and f"--port\0{port}\0".encode() in _read(entry / "cmdline")]
    children = _read(Path(f"/proc/{main}/task/{main}/children")).split()
    return [int(pid) for pid in children if b"spawn_main" in _read(Path(f"/proc/{int(pid)}/cmdline"))]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # the process ended meanwhile
        return b""


def _get(url: str, form: bytes | None = None) -> bytes:
    try:
        with urllib.request.urlopen(url, data=form, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()
    except OSError:  # no worker to answer
        return b""
