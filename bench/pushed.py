"""The build in Virtuoso by `evkg push`, the command users run: the scale bench's `evkg serve --store` columns.

A fresh Virtuoso on loopback ports (bench.virtuoso) gets the build over the Graph Store Protocol
(Digest, as a user made for the run), timed from the command's start to its exit; the servers
started on it afterwards are `evkg serve --store` with those credentials.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load import LOOPBACK
from bench.servers import BIN, Server, spawn
from bench.virtuoso import PUSH_USER, start_empty_store

PUSH_LIMIT = 3600.0  # seconds a push may take before the bench gives up on it


@dataclass
class PushedStore:
    """A Virtuoso holding the pushed build: where to query it, the credentials, and how long the push took."""

    virtuoso: Server
    password: str
    push_seconds: float
    push_output: str

    @property
    def url(self) -> str:
        """The query endpoint `evkg serve --store` is given."""
        return f"http://{LOOPBACK}:{self.virtuoso.port}/sparql"

    @property
    def credentials(self) -> dict[str, str]:
        """The settings that carry the credentials (EVKG_STORE_USER, EVKG_STORE_PASSWORD), never the command line."""
        return {"store_user": PUSH_USER, "store_password": self.password}


def push_build(data: Path, folder: Path, logs: Path) -> PushedStore:
    """Start an empty Virtuoso in `folder` and run `evkg push` of the build in `data` into it."""
    virtuoso, password = start_empty_store(folder, logs / "store-virtuoso.log")
    base = f"http://{LOOPBACK}:{virtuoso.port}"
    log = logs / "push.log"
    began = time.perf_counter()
    process = spawn([str(BIN / "evkg"), "push", "--store", f"{base}/sparql",
                     "--graph-store", f"{base}/sparql-graph-crud-auth", "--data", str(data)],
                    log, {"store_user": PUSH_USER, "store_password": password})
    try:
        process.wait(timeout=PUSH_LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the push's own process group (spawn starts a session)
        process.wait()
        virtuoso.stop()
        raise RuntimeError(f"evkg push took longer than {PUSH_LIMIT:g} s; see {log}") from None
    seconds = time.perf_counter() - began
    output = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        virtuoso.stop()
        raise RuntimeError(f"evkg push failed ({process.returncode}): {output[-2000:]}")
    return PushedStore(virtuoso, password, seconds, output.strip().splitlines()[-1])
