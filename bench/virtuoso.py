"""Virtuoso (Debian's virtuoso-opensource 7) in a scratch folder on loopback ports: bulk loaded as a peer, or empty
for `evkg push`.

As a peer, the N-Quads dump goes into its named graphs and the N-Triples dump (the union, each triple once) into
one graph, UNION_GRAPH, which every query names as its default graph (`default-graph-uri`); the named
graphs a query reads with `GRAPH <…>` are given as `named-graph-uri`, since Virtuoso limits GRAPH to
those once a default graph is given.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import time
from pathlib import Path

from bench.load import LOOPBACK
from bench.servers import Server, spawn, free_port, wait_until_answers

UNION_GRAPH = "urn:evkg:bench:union"
PUSH_USER = "evkg-bench"  # the user `evkg push` writes as
BUFFERS = 170_000  # 8 KiB pages: about 1.3 GiB, Virtuoso's own advice for a machine with 2 GiB to spare
_GRAPH_IRI = re.compile(r"\bGRAPH\s*<([^>]*)>", re.IGNORECASE)

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
ServerThreads = 20
CheckpointInterval = 0
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {folder}/load
MaxQueryMem = 2G

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {folder}
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""


def available() -> bool:
    """Whether Debian's Virtuoso binaries are installed (`make bench` installs them)."""
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt"))


def launch(folder: Path, log: Path) -> tuple[Server, int]:
    """A fresh Virtuoso with the bench's ini in `folder` on free loopback ports; the server and its SQL port."""
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(folder=folder, host=LOOPBACK, sql_port=sql_port,
                                                    http_port=http_port, buffers=BUFFERS,
                                                    dirty=BUFFERS * 3 // 4), encoding="utf-8")
    process = spawn(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")], log)
    server = Server("virtuoso", process, http_port, "/sparql")
    try:
        server.ready_seconds = wait_until_answers(process, http_port, "/sparql?query=ASK%7B%7D", 120)
    except RuntimeError:
        server.stop()
        raise
    return server, sql_port


def start_virtuoso(folder: Path, nquads: Path, ntriples: Path, log: Path) -> tuple[Server, float]:
    """Start a fresh Virtuoso in `folder`, bulk load both dumps; returns the server and the load seconds."""
    load = folder / "load"
    load.mkdir(parents=True)
    shutil.copy(nquads, load / "evkg.nq")
    shutil.copy(ntriples, load / "evkg.nt")
    server, sql_port = launch(folder, log)
    try:
        began = time.perf_counter()
        isql(sql_port, f"ld_dir('{load}', 'evkg.nq', '{UNION_GRAPH}:unused'); "
                       f"ld_dir('{load}', 'evkg.nt', '{UNION_GRAPH}'); rdf_loader_run(); checkpoint;")
        failed = isql(sql_port, "select ll_file, ll_error from DB.DBA.load_list where ll_error is not null;")
        if "0 Rows" not in failed:
            raise RuntimeError(f"Virtuoso bulk load failed: {failed}")
        return server, time.perf_counter() - began
    except (RuntimeError, subprocess.SubprocessError):
        server.stop()
        raise


def start_empty_store(folder: Path, log: Path) -> tuple[Server, str]:
    """A fresh, empty Virtuoso in `folder` for `evkg push`, and the password of PUSH_USER, a user made here
    with the right to update (its Graph Store endpoint asks for it by Digest)."""
    folder.mkdir(parents=True)
    server, sql_port = launch(folder, log)
    password = secrets.token_urlsafe(16)
    try:
        isql(sql_port, f"DB.DBA.USER_CREATE('{PUSH_USER}', '{password}'); GRANT SPARQL_UPDATE TO \"{PUSH_USER}\";")
    except (RuntimeError, subprocess.SubprocessError):
        server.stop()
        raise
    return server, password


def isql(port: int, statements: str) -> str:
    """Run SQL through isql-vt as the fresh database's dba; the output, or RuntimeError."""
    done = subprocess.run(["isql-vt", f"{LOOPBACK}:{port}", "dba", "dba", f"exec={statements}"],
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


def dataset_parameters(query: str) -> list[tuple[str, str]]:
    """Protocol parameters that give Virtuoso the SPEC's dataset for this query text."""
    named = dict.fromkeys(_GRAPH_IRI.findall(query))
    return [("default-graph-uri", UNION_GRAPH), *(("named-graph-uri", iri) for iri in named)]
