"""Where a build lives in the data folder; the only module that knows the folder's shape.

data/current -> builds/<id>   (a symlink, replaced atomically when a build is complete and valid)
data/builds/<id>/store/        the pyoxigraph on-disk store
data/builds/<id>/dumps/        evkg.ttl .nt .jsonld .rdf (union), evkg.trig .nq (named graphs)
data/builds/<id>/extractions/  cached extraction per document text, by SHA-256 (incremental builds)
data/builds/<id>/report.json   the build report
data/builds/<id>/stats.json    counts, VoID partitions, dump sizes and SHA-256, measured once
data/builds/<id>/build.json    the build's manifest: id, times, documents, triple count
data/last-failed-report.json   the report of the last build that was not published (its folder is removed)
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

CURRENT = "current"
BUILDS = "builds"
LOCK = ".build.lock"
FAILED_REPORT = "last-failed-report.json"
DUMP_STEM = "evkg"


def current_build(data_dir: Path) -> Path | None:
    """The folder of the last complete build, or None before the first one. The service asks on every query, so
    this is one readlink and one stat, on strings: resolving the link, then pathlib, took a fifth of a cached
    answer's time."""
    data_dir = os.path.abspath(data_dir)
    try:
        build = os.path.join(data_dir, os.readlink(os.path.join(data_dir, CURRENT)))
    except OSError:  # no link yet
        return None
    return Path(build) if os.path.isdir(build) else None


def new_build_dir(data_dir: Path) -> Path:
    """A fresh, empty folder for a build that is not yet visible to readers."""
    builds = Path(data_dir) / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = builds / stamp
    path.mkdir()
    return path


def publish(data_dir: Path, build: Path) -> None:
    """Point `current` at a finished build in one atomic rename, so readers never see a half build."""
    link = Path(data_dir) / CURRENT
    temporary = link.with_name(f".{CURRENT}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(Path(BUILDS) / build.name)
    os.replace(temporary, link)


def builds(data_dir: Path) -> list[Path]:
    """Every build folder, oldest first (their names are UTC time stamps)."""
    folder = Path(data_dir) / BUILDS
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def prune(data_dir: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` newest complete builds, and leftovers of interrupted ones; never `current`.

    Only safe while holding the build lock, since a folder without a manifest may be a build in progress.
    """
    current = current_build(data_dir)
    complete = [build for build in builds(data_dir) if manifest_file(build).is_file()]
    kept = {build.resolve() for build in complete[-keep:]} | {current}
    removed = [build for build in builds(data_dir) if build.resolve() not in kept]
    for build in removed:
        shutil.rmtree(build)
    return removed


def lock_file(data_dir: Path) -> Path:
    """The file a build holds a lock on, so that two builds never write the same data folder at once."""
    return Path(data_dir) / LOCK


def failed_report_file(data_dir: Path) -> Path:
    """Where the report of a build that was not published stays readable after its folder is removed."""
    return Path(data_dir) / FAILED_REPORT


def store_path(build: Path) -> Path:
    return build / "store"


def dumps_path(build: Path) -> Path:
    return build / "dumps"


def dump_file(build: Path, extension: str) -> Path:
    return dumps_path(build) / f"{DUMP_STEM}.{extension}"


def extractions_path(build: Path) -> Path:
    return build / "extractions"


def report_file(build: Path) -> Path:
    return build / "report.json"


def statistics_file(build: Path) -> Path:
    return build / "stats.json"


def manifest_file(build: Path) -> Path:
    return build / "build.json"


def read_manifest(build: Path | None) -> dict[str, Any]:
    """A build's build.json, or nothing when there is no build or it has no manifest yet."""
    if build is None or not manifest_file(build).is_file():
        return {}
    return json.loads(manifest_file(build).read_text(encoding="utf-8"))
