"""External SPARQL stores for the tests, each its own process on free loopback ports, in a temporary folder:
Virtuoso from Debian (`virtuoso-t`, set up through `isql-vt`) and Oxigraph server from PyPI (`oxigraph serve`)."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

STARTUP_SECONDS = 120
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "evkg", "pw-Store-Secret-7"  # a user made for the tests, not Virtuoso's default
VIRTUOSO_INI = """[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""
VIRTUOSO_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")
# Oxigraph server has no per-query limit parameter: its own limit is a server flag
OXIGRAPH_TIMEOUT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class StoreServer:
    """One running store: its endpoints, credentials, and how to stop, pause and start it again."""

    name: str
    folder: Path
    command: list[str]
    query: str
    graph_store: str
    update: str
    user: str = ""
    password: str = ""
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        """Start the server and wait until it answers a query."""
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(self.command, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        log.close()
        ask = self.query + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urllib.request.urlopen(ask, timeout=5).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    tail = (self.folder / "server.log").read_text(errors="replace")[-2000:]
                    self.stop()
                    pytest.fail(f"{self.name} did not start:\n{tail}")
                time.sleep(0.3)

    def stop(self) -> None:
        """Kill the server outright, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait(timeout=60)
        (self.folder / "virtuoso.lck").unlink(missing_ok=True)

    def pause(self) -> None:
        """Freeze the server: connections open, nothing answers (a store that hangs)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)


def start_virtuoso(folder: Path) -> StoreServer:
    """Virtuoso with its own ini in `folder`, and a user allowed to update (made through isql-vt)."""
    for command in ("virtuoso-t", "isql-vt"):
        if shutil.which(command) is None:
            pytest.skip(f"{command} is not installed (Debian package virtuoso-opensource; `make test` installs it)")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port,
                                                             vsp=VIRTUOSO_VSP), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    server = StoreServer("virtuoso", folder, ["virtuoso-t", "+foreground", "+configfile", "virtuoso.ini"],
                         query=f"{base}/sparql", graph_store=f"{base}/sparql-graph-crud-auth",
                         update=f"{base}/sparql-auth", user=VIRTUOSO_USER, password=VIRTUOSO_PASSWORD)
    server.start()
    statement = (f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); "
                 f"GRANT SPARQL_UPDATE TO \"{VIRTUOSO_USER}\";")
    result = subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statement}"],
                            capture_output=True, text=True, timeout=60, cwd=folder)
    if result.returncode != 0 or "Error" in result.stdout + result.stderr:
        server.stop()
        pytest.fail(f"isql-vt could not set Virtuoso up: {result.stdout}{result.stderr}")
    return server


def start_oxigraph(folder: Path) -> StoreServer:
    """Oxigraph server (the `oxigraph` package's command) on a store in `folder`."""
    command = Path(sys.executable).with_name("oxigraph")
    if not command.is_file():
        pytest.skip("the oxigraph server command is not installed (PyPI package oxigraph, in the test extra)")
    base = f"http://127.0.0.1:{free_port()}"
    server = StoreServer("oxigraph", folder, [str(command), "serve", "--location", str(folder / "store"),
                                              "--bind", base.removeprefix("http://"),
                                              "--timeout-s", str(OXIGRAPH_TIMEOUT_SECONDS)],
                         query=f"{base}/query", graph_store=f"{base}/store", update=f"{base}/update")
    server.start()
    return server
