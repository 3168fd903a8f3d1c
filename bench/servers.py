"""Servers the scale bench starts on loopback ports and stops: `evkg serve` (local or `--store`) and rdflib-endpoint.

Each is a process group of its own, so stopping it ends its workers and children too.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load import LOOPBACK

BIN = Path(sys.executable).parent
# `evkg serve` settings for a load generator that stands for a reverse proxy: each client sends its own
# X-Forwarded-For identity (bench.load.as_client), so per-client admission counts users, not the one loopback address
PROXY = {"trusted_proxies": LOOPBACK}


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A started server: its process, port, where its endpoint is, and how long it took to answer."""

    name: str
    process: subprocess.Popen
    port: int
    sparql_path: str
    ready_seconds: float = 0.0

    def rss_mib(self) -> float:
        """Resident memory of the process and all its descendants now."""
        return round(tree_rss_kib(self.process.pid) / 1024, 1)

    def processes(self) -> int:
        """How many processes the server has now (itself and its descendants)."""
        return len(process_tree(self.process.pid))

    def stop(self) -> None:
        """End the whole process group (workers, query children), then reap the leader."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def tree_rss_kib(pid: int) -> int:
    """VmRSS summed over a process and its descendants (from /proc)."""
    total = 0
    for current in process_tree(pid):
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def process_tree(pid: int) -> list[int]:
    """A process and its descendants now (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending += children.get(current, [])
    return tree


def busy_share(window: float) -> float:
    """The share of the machine's CPU time spent busy over the next `window` seconds (from /proc/stat)."""
    def ticks() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]  # all, idle + iowait
    total, idle = ticks()
    time.sleep(window)
    total_after, idle_after = ticks()
    return 1 - (idle_after - idle) / max(total_after - total, 1)


def wait_until_quiet(limit: float = 180.0, window: float = 2.0, busy: float = 0.1) -> float:
    """Seconds until the machine is idle (under `busy` of its CPU over `window`), at most `limit`: servers just
    started go on working for a while (Virtuoso's checkpoint after its bulk load, a collector after a big load), and
    whatever is measured first would share the cores with them."""
    started = time.perf_counter()
    while busy_share(window) > busy and time.perf_counter() - started < limit:
        pass
    return round(time.perf_counter() - started, 1)


def wait_until_answers(process: subprocess.Popen, port: int, path: str, limit: float) -> float:
    """Seconds until `GET path` gives 200; RuntimeError if the process dies or `limit` passes."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=5)
        try:
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return time.perf_counter() - started
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not answer {path} within {limit:g} s")


def spawn(command: list[str], log: Path, settings: dict[str, object] | None = None) -> subprocess.Popen:
    """A server process in a session of its own (so its group can be stopped), output to `log`.

    The caller's EVKG_* variables are dropped; `settings` become the server's own.
    """
    environment = {name: value for name, value in os.environ.items() if not name.startswith("EVKG_")}
    environment |= {f"EVKG_{name.upper()}": str(value) for name, value in (settings or {}).items()}
    with log.open("wb") as output:
        return subprocess.Popen(command, env=environment, stdout=output, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def start_evkg(data: Path, workers: int, log: Path, store: str | None = None, **settings: object) -> Server:
    """`evkg serve` as users run it (granian), from `--store` when given, with these settings; ready when
    /healthz answers 200."""
    port = free_port()
    process = spawn([str(BIN / "evkg"), "serve", "--data", str(data), "--host", LOOPBACK, "--port", str(port),
                      "--workers", str(workers), *(["--store", store] if store else [])], log, settings)
    server = Server("evkg", process, port, "/sparql")
    try:
        server.ready_seconds = wait_until_answers(process, port, "/healthz", 120)
    except RuntimeError:
        server.stop()
        raise
    return server


def start_rdflib_endpoint(dump: Path, log: Path, limit: float) -> Server:
    """rdflib-endpoint's own command serving one dump file; ready (loaded) when its endpoint answers."""
    port = free_port()
    process = spawn([str(BIN / "rdflib-endpoint"), "serve", str(dump), "--host", LOOPBACK, "--port", str(port)],
                     log)
    server = Server("rdflib-endpoint", process, port, "/")
    try:
        server.ready_seconds = wait_until_answers(process, port, "/?query=ASK%7B%7D", limit)
    except RuntimeError:
        server.stop()
        raise
    return server
