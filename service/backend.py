"""What the engine runs queries on: the build it serves, and the local backend (query processes on the build's store).

The engine (service.engine) keeps limits, caching and errors; a backend only knows where the graph is.
service.store_backend is the other one, for an external SPARQL store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from evkg.settings import Settings
from evkg.graph.layout import current_build, manifest_file, statistics_file, store_path
from evkg.graph.published import PushedBuild
from evkg.graph.statistics import BuildStatistics
from evkg.service.exceptions import NoGraph
from evkg.service.executor import Reply, Request
from evkg.service.pool import QueryPool


@dataclass(frozen=True)
class ServedBuild:
    """The build being served: its id, the local build folder when there is one (store, dumps, statistics),
    and, from an external store, what the push recorded about it."""

    id: str
    folder: Path | None
    pushed: PushedBuild | None = None

    def statistics(self) -> BuildStatistics:
        """Counts and dump facts, measured by the build (kept in a pushed build's manifest graph)."""
        if self.pushed is not None:
            return BuildStatistics.from_json(self.pushed.statistics)
        assert self.folder is not None, "a local build always has its folder"
        return BuildStatistics.read(self.folder)

    def statistics_version(self) -> int:
        """When stats.json was last written (0 for a pushed build): a build published before its dumps were written
        (graph.pending_dumps) has it replaced once they are."""
        return statistics_file(self.folder).stat().st_mtime_ns if self.folder is not None else 0

    def manifest(self) -> dict[str, Any]:
        """The build's manifest (id, times, documents); empty when the build wrote none."""
        if self.pushed is not None:
            return json.loads(self.pushed.manifest)
        if self.folder is not None and manifest_file(self.folder).is_file():
            return json.loads(manifest_file(self.folder).read_text(encoding="utf-8"))
        return {}


class Backend(Protocol):
    """Where queries run."""

    @property
    def waiting(self) -> int: ...

    def current(self) -> ServedBuild: ...

    def run(self, build: ServedBuild, request: Request, timeout: float, client: str) -> Reply: ...

    def warm(self) -> None: ...

    def close(self) -> None: ...


class LocalBackend:
    """The current build of `settings.data_dir`, queried in killable child processes (service.pool)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = QueryPool(
            size=settings.query_processes, slow_lane=settings.slow_lane, slow_after=settings.slow_query_seconds,
            per_client=settings.max_queries_per_client, max_waiting=settings.max_waiting_queries,
            memory_bytes=settings.query_memory_mb * 2**20, queries_per_process=settings.queries_per_process,
            idle_seconds=settings.query_process_idle_seconds,
        )

    @property
    def waiting(self) -> int:
        return self.pool.waiting

    def current(self) -> ServedBuild:
        """The build `current` points at; checked on every query, so a new build is picked up at once."""
        build = current_build(self.settings.data_dir)
        if build is None or not store_path(build).is_dir():
            raise NoGraph("no graph built yet: run `evkg build` first")
        return ServedBuild(build.name, build)

    def run(self, build: ServedBuild, request: Request, timeout: float, client: str) -> Reply:
        assert build.folder is not None, "a local build always has its folder"
        return self.pool.run(build.folder, request, timeout, client)

    def warm(self) -> None:
        try:
            build = self.current()
        except NoGraph:  # nothing to start before the first build
            return
        self.pool.warm(build.folder)

    def close(self) -> None:
        self.pool.close()
