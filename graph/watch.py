"""`evkg build --watch`: build, then build again whenever the documents folder changes, until Ctrl-C or SIGTERM.

The folder is polled (each visible file's name, size and modification time) rather than watched with
inotify (the watchfiles package): it needs no new dependency, works on the network and bind mounts where
inotify is silent, and stat-ing 4,000 files takes milliseconds. A change is built once the folder has
been quiet for QUIET_SECONDS, so copying many files, or an editor's write-then-rename, makes one build.
The process keeps its memory between builds (graph.incremental.Memory) and the extractor's pipeline
loaded, so that one new article is published in seconds; each build's dumps are written by a child
process that a newer build stops, and that finishes on its own when the watcher stops.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any, NoReturn

import click

from evkg.settings import Settings
from evkg.graph import layout
from evkg.graph.build import BuildError, build
from evkg.graph.incremental import Memory
from evkg.graph.text import nlp

POLL_SECONDS = 0.5
QUIET_SECONDS = 1.0
Snapshot = dict[str, tuple[int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Each visible file's size and modification time (nanoseconds); empty when the folder is missing. A file removed
    while it is being looked at is simply not in it: the next look sees the change."""
    try:
        paths = [path for path in folder.iterdir() if not path.name.startswith(".")]
    except OSError:
        return {}
    seen: Snapshot = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            seen[path.name] = (stat.st_size, stat.st_mtime_ns)
    return seen


def watch_command(settings: Settings) -> int:
    """Build now and after every change until stopped; exit 0 when stopped by Ctrl-C or SIGTERM."""
    # SIGINT too: a shell starts background jobs with SIGINT ignored, and Python keeps an ignored SIGINT ignored
    previous_handlers = {signum: signal.signal(signum, _stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    memory = Memory()
    folder = Path(settings.documents_dir)
    told: set[str] = set()  # the builds whose line was written
    try:
        nlp()  # the extractor's pipeline, loaded once before the first change rather than during it
        seen = snapshot(folder)
        _build(settings, memory, told)
        click.echo(f"watching {folder} (Ctrl-C to stop)")
        while True:
            time.sleep(POLL_SECONDS)
            if snapshot(folder) == seen:
                continue
            seen = _quiet(folder)
            _build(settings, memory, told)
    except KeyboardInterrupt:
        tell_untold(Path(settings.data_dir), told)
    finally:
        for signum, handler in previous_handlers.items():
            signal.signal(signum, handler)
    click.echo("stopped watching" + (f"; the last build's dumps are being written by process {memory.dump_writer.pid}"
                                     if memory.dump_writer and memory.dump_writer.poll() is None else ""))
    return 0


def _stop(signum: int, frame: object) -> NoReturn:
    """SIGINT and SIGTERM stop the watcher; a build they interrupt removes its unfinished folder."""
    raise KeyboardInterrupt


def _quiet(folder: Path) -> Snapshot:
    """The folder once no file has changed for QUIET_SECONDS."""
    current, since = snapshot(folder), time.monotonic()
    while time.monotonic() - since < QUIET_SECONDS:
        time.sleep(POLL_SECONDS)
        latest = snapshot(folder)
        if latest != current:
            current, since = latest, time.monotonic()
    return current


def _build(settings: Settings, memory: Memory, told: set[str]) -> None:
    """One build, told in one line; a failed or impossible build is reported and the watcher goes on."""
    try:
        report = build(settings.documents_dir, settings.data_dir, settings, memory)
    except BuildError as error:
        click.echo(f"evkg build: {error}", err=True)
        return
    if not report.ok:
        click.echo(f"build failed, the previous graph stays current ({report.mode}): "
                   f"{'; '.join(map(str, report.problems[:3]))}")
        return
    click.echo(_published(report.manifest()))
    told.add(str(report.build_id))


def tell_untold(data_dir: Path, told: set[str]) -> None:
    """The line of a build that became current as the stop signal came, before the watcher could write it."""
    manifest = layout.read_manifest(layout.current_build(data_dir))
    if manifest and manifest["id"] not in told:
        click.echo(_published(manifest))
        told.add(manifest["id"])


def _published(manifest: dict[str, Any]) -> str:
    """'build X is now current (mode): N documents, T triples, published in S s', from a build's manifest."""
    skipped = f", {manifest['skipped']} skipped" if manifest["skipped"] else ""
    return (f"build {manifest['id']} is now current ({manifest['mode']}): {len(manifest['documents']):,} documents"
            f"{skipped}, {manifest['triples']:,} triples, published in {manifest['seconds']:.1f} s")
