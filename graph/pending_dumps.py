"""The dumps of a build published before they were written: a build after a change (graph.incremental) goes live in
seconds, and writing six serialisations of a million triples takes most of a minute.

Such a build is published with stats.json holding its counts and no dump facts; the service lists only
the dumps stats.json names, so meanwhile /downloads and VoID offer no dump of this build (never one of
another build) and a dump's URL answers 503 with Retry-After. `complete` writes the files and then
replaces stats.json in one rename with counts measured afresh and each file's size, statement count and
SHA-256, so the files appear with facts that are theirs. `evkg build --watch` runs it in a child process
of its own (`python -m graph.pending_dumps BUILD`), stopped when a newer build supersedes it; any command
that needs a dump (export, push, a one-off build) completes it first.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

from evkg.graph.dumps import write_dumps
from evkg.graph.statistics import BuildStatistics
from evkg.graph.store import open_read_only

LOCK = ".dumps.lock"


def written(build: Path) -> bool:
    """Whether the build's dumps are written and measured into its stats.json."""
    return bool(BuildStatistics.read(build).dumps)


def complete(build: Path) -> None:
    """Write the build's dumps unless they are; when another process is writing them, wait for it instead."""
    with open(build / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not written(build):
            write_dumps(open_read_only(build), build, merged=True)


def start(build: Path) -> subprocess.Popen:
    """`complete` in a child process of its own session, so that stopping the builder with Ctrl-C leaves it to finish."""
    with open(build / "dumps.log", "wb") as log:
        return subprocess.Popen([sys.executable, "-m", "evkg.graph.pending_dumps", str(build)], stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


if __name__ == "__main__":
    complete(Path(sys.argv[1]))
