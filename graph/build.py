"""`evkg build`: documents → extractions → store, entity graph and dumps in a new folder, published only when valid."""

from __future__ import annotations

import fcntl
import hashlib
import json
import resource
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import NoReturn

import click
from pyoxigraph import Quad
from tqdm import tqdm

from evkg.settings import Settings
from graph import layout
from graph.documents import DocumentScan, scan_documents
from graph.dumps import write_dumps
from graph.extract import extract
from graph.iris import document_graph
from graph.model import DocumentInfo, Extraction
from graph.rdf import document_quads, entity_quads
from graph.report import BuildReport, DocumentReport
from graph.store import create_store

KEEP_BUILDS = 3
PROGRESS_MIN_DOCUMENTS = 100
GRAPH_PACKAGE = Path(__file__).resolve().parent


class BuildError(Exception):
    """A build that cannot start (no documents folder, another build running); its message is one line."""


def build(documents_dir: Path, data_dir: Path, settings: Settings) -> BuildReport:
    """Build into a fresh folder and make it `current` only when it is complete and valid."""
    documents_dir, data_dir = Path(documents_dir), Path(data_dir)
    if not documents_dir.is_dir():
        raise BuildError(f"documents folder not found: {documents_dir}")
    data_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(data_dir):
        previous = layout.current_build(data_dir)
        build_dir = layout.new_build_dir(data_dir)
        try:
            report = _build_into(build_dir, previous, documents_dir, settings)
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        if not report.ok:
            shutil.rmtree(build_dir)
            return report
        layout.publish(data_dir, build_dir)
        layout.prune(data_dir, KEEP_BUILDS)
    return report


def build_command(settings: Settings) -> int:
    """The `evkg build` subcommand: summary on stdout, exit 0 when published, 1 when invalid, 2 when impossible."""
    previous_handler = signal.signal(signal.SIGTERM, _terminate)
    try:
        report = build(settings.documents_dir, settings.data_dir, settings)
    except BuildError as error:
        click.echo(f"evkg build: {error}", err=True)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
    click.echo(report.summary())
    return 0 if report.ok else 1


def _terminate(signum: int, frame: object) -> NoReturn:
    """Turn `kill` into an exception, so that the unfinished build folder is removed on the way out."""
    raise SystemExit(128 + signum)


def extractor_fingerprint() -> str:
    """A hash of the pipeline's code and lexicon: cached extractions are only reused by the same extractor."""
    digest = hashlib.sha256()
    for path in sorted(GRAPH_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json"}:
            digest.update(path.relative_to(GRAPH_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _build_into(build_dir: Path, previous: Path | None, documents_dir: Path, settings: Settings) -> BuildReport:
    started = time.monotonic()
    report = BuildReport(ok=False, documents_dir=str(documents_dir), build_id=build_dir.name,
                         started=_now(), extractor=extractor_fingerprint())
    with _phase(report, "read"):
        scan = scan_documents(documents_dir, settings.max_document_size)
    report.skipped = scan.skipped
    if not scan.documents:
        report.problems = [f"no readable documents in {documents_dir}"]
        return report
    cache = _cache_of(previous, report.extractor)
    layout.extractions_path(build_dir).mkdir()
    store = create_store(build_dir)
    extractions: list[Extraction] = []
    with _phase(report, "extract and load"):
        store.bulk_extend(_document_quads(scan, cache, build_dir, report, extractions))
    with _phase(report, "entities"):
        store.bulk_extend(entity_quads(extractions))
    with _phase(report, "dumps"):
        report.quads = len(store)
        report.triples = write_dumps(store, build_dir)
    del store  # closes the on-disk store before anyone else opens it
    with _phase(report, "validate"):
        report.problems = _validate(build_dir)
    report.ok = not report.problems
    report.finished = _now()
    report.seconds = round(time.monotonic() - started, 3)
    report.write(layout.report_file(build_dir))
    if report.ok:
        layout.manifest_file(build_dir).write_text(json.dumps(report.manifest(), indent=2) + "\n", encoding="utf-8")
    return report


def _document_quads(scan: DocumentScan, cache: Path | None, build_dir: Path, report: BuildReport,
                    extractions: list[Extraction]) -> Iterator[Quad]:
    """Every document's quads in one stream (one bulk load); extraction and reporting happen as it is read."""
    show = sys.stderr.isatty() or len(scan.documents) >= PROGRESS_MIN_DOCUMENTS
    for doc in tqdm(scan.documents, desc="documents", unit="doc", disable=not show, file=sys.stderr):
        extraction, reused = _extraction(doc, cache, layout.extractions_path(build_dir))
        extractions.append(extraction)
        graph = document_graph(doc.slug)
        triples = 0
        for quad in document_quads(doc, extraction):
            triples += 1
            yield quad
        report.documents.append(DocumentReport.of(doc, graph.value, extraction, reused, triples,
                                                  scan.warnings.get(doc.file_name, [])))


def _extraction(doc: DocumentInfo, cache: Path | None, extractions_dir: Path) -> tuple[Extraction, bool]:
    """The previous build's extraction of the same text when there is one, else a fresh one; cached either way."""
    target = extractions_dir / f"{doc.sha256}.json"
    cached = cache / f"{doc.sha256}.json" if cache else None
    if cached and cached.is_file():
        shutil.copyfile(cached, target)
        return Extraction.from_json(target.read_text(encoding="utf-8")), True
    extraction = extract(doc.text)
    target.write_text(extraction.to_json(), encoding="utf-8")
    return extraction, False


def _cache_of(previous: Path | None, extractor: str) -> Path | None:
    """The previous build's extractions folder, if that build ran the same extractor."""
    if previous is None or not layout.manifest_file(previous).is_file():
        return None
    manifest = json.loads(layout.manifest_file(previous).read_text(encoding="utf-8"))
    return layout.extractions_path(previous) if manifest.get("extractor") == extractor else None


def _validate(build_dir: Path) -> list[str]:
    """HermiT and SHACL over the union dump; the problems, or none when the graph is valid."""
    from ontology.validate import ReasonerUnavailable, validate  # slow imports (owlready2, pyshacl)

    try:
        result = validate([layout.dump_file(build_dir, "nt")])
    except ReasonerUnavailable as error:
        return [f"cannot validate, so not publishing: {error}"]
    return [] if result.ok else [str(problem) for problem in result.problems] or [str(result)]


@contextmanager
def _phase(report: BuildReport, name: str) -> Iterator[None]:
    """Time one step of the build, and the peak memory so far, into the report: slow steps show in build.json."""
    started = time.monotonic()
    yield
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    report.phases[name] = {"seconds": round(time.monotonic() - started, 3), "peak_rss_mib": round(peak_mib, 1)}


@contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's build lock, or fail at once when another build holds it."""
    with open(layout.lock_file(data_dir), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildError(f"another build is running in {data_dir}") from error
        yield


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
