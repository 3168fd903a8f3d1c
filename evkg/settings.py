"""The one settings registry: defaults, then a TOML config file, then EVKG_* variables, then flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENV_PREFIX = "EVKG_"
PACKAGE_DIR = Path(__file__).resolve().parent
# The saved queries shipped with evkg: package data of an installed wheel (evkg/queries/), the checkout's queries/
# folder in an editable install (setuptools maps evkg.queries to it, but a folder without code cannot be imported
# there, so it is found beside this package instead).
QUERIES_DIR = next((folder for folder in (PACKAGE_DIR / "queries", PACKAGE_DIR.parent / "queries")
                    if folder.is_dir()), PACKAGE_DIR / "queries")


@dataclasses.dataclass(frozen=True)
class Settings:
    """Every knob evkg has; each field's metadata carries the help text shown at /-/settings."""

    data_dir: Path = dataclasses.field(
        default=Path("data"), metadata={"help": "Folder holding the built graph (store, dumps, reports)."}
    )
    documents_dir: Path = dataclasses.field(
        default=Path("documents"), metadata={"help": "Folder of source documents (plain text, one file each)."}
    )
    queries_dir: Path = dataclasses.field(
        default=QUERIES_DIR, metadata={"help": "Folder of saved SPARQL queries (*.rq)."}
    )
    host: str = dataclasses.field(default="127.0.0.1", metadata={"help": "Address the server listens on."})
    port: int = dataclasses.field(default=5000, metadata={"help": "Port the server listens on."})
    workers: int = dataclasses.field(default=2, metadata={"help": "Number of server worker processes."})
    threads: int = dataclasses.field(
        default=8, metadata={"help": "Threads of each worker: requests waiting on a query do not hold up the others."}
    )
    query_processes: int = dataclasses.field(
        default=os.cpu_count() or 2,
        metadata={"help": "Query processes of each worker's fast lane (default: the number of cores)."},
    )
    slow_query_seconds: float = dataclasses.field(
        default=1.0, metadata={"help": "CPU seconds after which a running query moves to the slow lane, at the "
                                       "lowest CPU priority, and a fresh process takes its place in the fast lane."}
    )
    slow_lane: int = dataclasses.field(
        default=os.cpu_count() or 2,
        metadata={"help": "Queries each worker lets run in the slow lane at once (default: the number of cores); "
                          "more wait paused, and only the time limit stops them."},
    )
    max_queries_per_client: int = dataclasses.field(
        default=4, metadata={"help": "Queries one client may have in flight in a worker; more get a 429."}
    )
    trusted_proxies: str = dataclasses.field(
        default="", metadata={"help": "Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For "
                                      "names the client for max_queries_per_client (empty: the peer address)."}
    )
    max_waiting_queries: int = dataclasses.field(
        default=32, metadata={"help": "Queries that may wait for a query process in a worker; more get a 503."}
    )
    query_memory_mb: int = dataclasses.field(
        default=2048, metadata={"help": "Address space of one query process in megabytes; a query that needs more "
                                        "stops its process with a 503 (0: no limit)."}
    )
    queries_per_process: int = dataclasses.field(
        default=200, metadata={"help": "Queries a query process answers before a fresh one takes its place, so that "
                                       "memory a process grew to is given back (0: never)."}
    )
    query_process_idle_seconds: float = dataclasses.field(
        default=30.0, metadata={"help": "Seconds a query process that has answered may stay idle before a fresh one "
                                        "takes its place, so that a quiet server gives back what the load left "
                                        "(0: never)."}
    )
    query_timeout: float = dataclasses.field(
        default=10.0, metadata={"help": "Seconds a SPARQL query may run; clients may lower it, never raise it."}
    )
    max_rows: int = dataclasses.field(
        default=10_000, metadata={"help": "Most result rows returned for one query; more are cut and flagged."}
    )
    max_query_size: int = dataclasses.field(
        default=100_000, metadata={"help": "Largest accepted SPARQL query text, in bytes."}
    )
    max_query_depth: int = dataclasses.field(
        default=200, metadata={"help": "Deepest bracket nesting ({, (, [) accepted in a SPARQL query; deeper gets a 400."}
    )
    result_cache_mb: int = dataclasses.field(
        default=64, metadata={"help": "Megabytes of query answers each server process keeps for the served build "
                                      "(0 turns the cache off)."}
    )
    max_document_size: int = dataclasses.field(
        default=5_000_000, metadata={"help": "Largest document a build reads, in bytes; larger ones are reported."}
    )
    build_workers: int = dataclasses.field(
        default=os.cpu_count() or 1,
        metadata={"help": "Processes that extract documents during a build; the default is the number of cores."},
    )
    store: str = dataclasses.field(
        default="", metadata={"help": "SPARQL query endpoint of an external store: `evkg serve` queries it instead of "
                                      "the local build, `evkg push` loads builds into it (empty: the embedded store)."}
    )
    graph_store: str = dataclasses.field(
        default="", metadata={"help": "Graph Store Protocol endpoint `evkg push` sends graphs to (empty: SPARQL Update "
                                      "to store_update)."}
    )
    store_update: str = dataclasses.field(
        default="", metadata={"help": "SPARQL Update endpoint of the store, for pushes without a Graph Store endpoint "
                                      "(empty: the store URL)."}
    )
    store_user: str = dataclasses.field(
        default="", metadata={"help": "User name offered when the store asks (HTTP Basic or Digest)."}
    )
    store_password: str = dataclasses.field(
        default="", metadata={"help": "Password offered when the store asks; never shown.", "secret": True}
    )
    store_refresh_seconds: float = dataclasses.field(
        default=1.0, metadata={"help": "How often `evkg serve --store` checks which push the store serves; `evkg push` "
                                       "waits this plus query_timeout before dropping the previous build."}
    )

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON, paths as strings, secrets masked (they are shown at /-/settings)."""
        return {f.name: _masked(f, getattr(self, f.name)) for f in dataclasses.fields(self)}


def setting_fields() -> tuple[dataclasses.Field, ...]:
    """The registry itself: name, default, type and help of every setting."""
    return dataclasses.fields(Settings)


class SettingsError(ValueError):
    """A setting with an unknown name or a value of the wrong type."""


def load_settings(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Layer the sources in order; `None` overrides mean "not given" so flags only win when set."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    config_file = config_file or environ.get(f"{ENV_PREFIX}CONFIG")
    if config_file:
        with open(config_file, "rb") as handle:
            values.update(_checked(tomllib.load(handle), source=str(config_file)))
    for field in setting_fields():
        raw = environ.get(ENV_PREFIX + field.name.upper())
        if raw is not None:
            values[field.name] = raw
    values.update(_checked({k: v for k, v in overrides.items() if v is not None}, source="arguments"))
    return Settings(**{name: _coerce(name, value) for name, value in values.items()})


def _checked(values: Mapping[str, Any], source: str) -> dict[str, Any]:
    known = {field.name for field in setting_fields()}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(f"unknown setting(s) in {source}: {', '.join(unknown)}")
    return dict(values)


def _coerce(name: str, value: Any) -> Any:
    kind = type(getattr(Settings, name))
    if isinstance(value, kind):
        return value
    try:
        return Path(value) if issubclass(kind, Path) else kind(value)
    except (TypeError, ValueError) as error:
        raise SettingsError(f"setting {name!r} must be {kind.__name__}, got {value!r}") from error


def _masked(field: dataclasses.Field, value: Any) -> Any:
    if field.metadata.get("secret") and value:
        return "********"
    return _plain(value)


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value
