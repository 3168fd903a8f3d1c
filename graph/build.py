"""`evkg build`: documents → extractions → store, entity graph and dumps in a new folder, published only when valid."""

from __future__ import annotations

import ctypes
import dataclasses
import fcntl
import gc
import logging
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import NoReturn

import click
from pyoxigraph import DefaultGraph, Quad
from tqdm import tqdm

from evkg.settings import Settings
from evkg.graph import json_files, layout, pending_dumps
from evkg.graph.corpus import unify
from evkg.graph.derived import DERIVED_GRAPHS
from evkg.graph.documents import DocumentScan, Skipped, scan_documents
from evkg.graph.dumps import dump_named_graphs, dump_union, union_of, write_dump, write_dumps
from evkg.graph.extracting import extract_documents, extractor_fingerprint
from evkg.graph.incremental import FullBuild, Memory, build_after_change, read_of, remember
from evkg.graph.iris import document_graph
from evkg.graph.quarantine import documents_naming, partition, set_aside, validator_failure
from evkg.graph.rdf import document_quads
from evkg.graph.records import DocumentInfo, Extraction
from evkg.graph.report import BuildReport, DocumentReport
from evkg.graph.resolution import resolve
from evkg.graph.store import STORE_SOURCES, load_store, merge_into_default_graph, new_dataset, open_for_update
from evkg.ontology import fingerprint as validator_fingerprint
from evkg.ontology.locality import new_merges
from evkg.ontology.problems import Problem

KEEP_BUILDS = 3
PROGRESS_MIN_DOCUMENTS = 100
Built = dict[str, tuple[DocumentInfo, Extraction]]  # file name -> document and its own extraction, in build order
log = logging.getLogger(__name__)


class BuildError(Exception):
    """A build that cannot start (no documents folder, another build running); its message is one line."""


def build(documents_dir: Path, data_dir: Path, settings: Settings, memory: Memory | None = None) -> BuildReport:
    """Build into a fresh folder and make it `current` only when it is complete and valid.

    After a change to a published build, the build patches it (graph.incremental) and is published before its
    dumps are written: here, before returning, or in a child process when a long-running builder passes the
    `memory` it keeps between builds.
    """
    documents_dir, data_dir = Path(documents_dir), Path(data_dir)
    if not documents_dir.is_dir():
        raise BuildError(f"documents folder not found: {documents_dir}")
    data_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(data_dir):
        previous = layout.current_build(data_dir)
        build_dir = layout.new_build_dir(data_dir)
        try:
            report = _build_into(build_dir, previous, documents_dir, settings, memory)
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        if not report.ok:
            report.write(layout.failed_report_file(data_dir))
            shutil.rmtree(build_dir)
            return report
        layout.publish(data_dir, build_dir)
        layout.prune(data_dir, KEEP_BUILDS)
    _complete_dumps(build_dir, memory)
    if memory is not None:
        _keep_out_of_the_collector()
    return report


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a full build turns its extractions into graphs: those steps make
    millions of short-lived objects, each batch of which set off a collection that walked every object of the
    extractions. At 4,000 documents, resolution took 1.8-2.1 s with it and 0.7-0.9 s without, at the same peak
    memory. Their objects are freed by reference counting; the few cycles wait for the collector's next run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _keep_out_of_the_collector() -> None:
    """A long-running builder holds every document's extraction (half a gigabyte at 4,000 documents) between
    builds; frozen once collected, it is no longer traversed by the cyclic garbage collector, which otherwise
    took seconds of each build after a change."""
    gc.collect()
    gc.freeze()


def _complete_dumps(build_dir: Path, memory: Memory | None) -> None:
    """The dumps of a build published before they were written (graph.pending_dumps): written now, or by a child
    process; one still writing the dumps of a build this one supersedes is stopped."""
    if memory is not None and memory.dump_writer is not None and memory.dump_writer.poll() is None:
        memory.dump_writer.terminate()
        memory.dump_writer.wait()
    if pending_dumps.written(build_dir):
        return
    if memory is None:
        pending_dumps.complete(build_dir)
        return
    memory.dump_writer = pending_dumps.start(build_dir)


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
    if not report.ok:
        click.echo(f"the full report: {layout.failed_report_file(settings.data_dir)}")
    return 0 if report.ok else 1


def _terminate(signum: int, frame: object) -> NoReturn:
    """Turn `kill` into an exception, so that the unfinished build folder is removed on the way out."""
    raise SystemExit(128 + signum)


def _build_into(build_dir: Path, previous: Path | None, documents_dir: Path, settings: Settings,
                memory: Memory | None) -> BuildReport:
    """A build after a change when its premises hold (graph.incremental), else a full build; the report says which."""
    from evkg.ontology.validate import ReasonerUnavailable  # slow import (owlready2)

    started = time.monotonic()
    report = BuildReport(ok=False, documents_dir=str(documents_dir), build_id=build_dir.name,
                         started=_now(), extractor=extractor_fingerprint(), validator=validator_fingerprint())
    with report.phase("read"):
        scan = scan_documents(documents_dir, settings.max_document_size)
    report.skipped = list(scan.skipped)
    if not scan.documents:
        report.problems = [Problem(f"no readable documents in {documents_dir}")]
        return report
    try:
        build_after_change(build_dir, previous, scan, report, memory or Memory(), DERIVED_GRAPHS, _problems,
                           settings.build_workers)
        full = ""
    except FullBuild as reason:
        full = str(reason)  # leaving this block frees the patched store, closing it
    except ReasonerUnavailable as error:
        report.problems, full = [_cannot_validate(error)], ""
    if full:
        shutil.rmtree(build_dir)
        build_dir.mkdir()
        report = dataclasses.replace(report, mode=f"full: {full}", phases={"read": report.phases["read"]},
                                     skipped=list(scan.skipped), problems=[], documents=[])
        _full_build(build_dir, previous, scan, report, settings, memory)
    report.ok = not report.problems
    report.finished = _now()
    report.seconds = round(time.monotonic() - started, 3)
    report.write(layout.report_file(build_dir))
    if report.ok:
        json_files.write(layout.manifest_file(build_dir), report.manifest())
    return report


def _full_build(build_dir: Path, previous: Path | None, scan: DocumentScan, report: BuildReport,
                settings: Settings, memory: Memory | None) -> None:
    """Every document extracted (or taken from the previous build's cache), loaded, dumped and validated whole."""
    manifest = layout.read_manifest(previous)
    cache = layout.extractions_path(previous) if manifest.get("extractor") == report.extractor else None
    layout.extractions_path(build_dir).mkdir()
    dataset = new_dataset()
    with report.phase("extract"):
        built, reused = _extract_all(scan, cache, layout.extractions_path(build_dir), settings.build_workers, report)
    with _collector_paused():  # from here on the extractions are only read
        with report.phase("resolve across documents"):
            unified = _resolved(built, report)
        if not built:
            report.problems = [Problem("every document was set aside, nothing to publish")]
            return
        with report.phase("load"):
            dataset.bulk_extend(_document_quads(scan, built, unified, reused, report))
        for derived in DERIVED_GRAPHS:
            with report.phase(derived.phase):
                dataset.bulk_extend(derived.of(_by_slug(built, unified)))
        report.quads = len(dataset)
        loading = _StoreLoad(build_dir)
        try:
            with report.phase("union"):  # and the named graphs' dumps meanwhile: both run in Oxigraph, without the GIL
                with ThreadPoolExecutor(1, thread_name_prefix="named graphs' dumps") as named:
                    dumped = named.submit(dump_named_graphs, dataset, build_dir, loading.written)
                    union = union_of(dataset)
                    graphs = dumped.result()
            del dataset
            _release_memory()
            with report.phase("dumps"):
                report.triples = dump_union(union, graphs, build_dir, loading.written)
            del union
            _release_memory()
            _check(build_dir, report)  # while the store loads
        finally:
            with report.phase("store"):  # what is left of its loading
                loading.wait()
        if report.problems and validator_failure(report.problems) is None:
            with report.phase("set aside invalid documents"):
                published = {document["sha256"] for document in manifest.get("documents", [])}
                _set_aside(build_dir, built, unified, published, report)
        if not report.problems:
            with report.phase("merges"):
                store = open_for_update(build_dir)
                report.quads = len(store)  # named graphs plus their merge
                report.merge_free = not new_merges(store)
                del store
        if memory is not None and not report.problems:  # a long-running builder's next build starts from this one
            files = [document.file for document in report.documents]
            remember(memory, build_dir.name, {file: read_of(built[file][0]) for file in files},
                     {file: built[file][0].slug for file in files}, {file: built[file][1] for file in files},
                     report.documents, DERIVED_GRAPHS)


def _extract_all(scan: DocumentScan, cache: Path | None, extractions_dir: Path, workers: int,
                 report: BuildReport) -> tuple[Built, set[str]]:
    """Every document's own extraction (cached or fresh), and the files whose cached extraction was reused;
    a document whose extraction fails is set aside into the report."""
    show = sys.stderr.isatty() or len(scan.documents) >= PROGRESS_MIN_DOCUMENTS
    outcomes = extract_documents(scan.documents, cache, extractions_dir, workers)
    built: Built = {}
    reused: set[str] = set()
    for doc, outcome in zip(scan.documents, tqdm(outcomes, total=len(scan.documents), desc="documents", unit="doc",
                                                 disable=not show, file=sys.stderr)):
        if isinstance(outcome.result, Skipped):
            log.error("%s: %s\n%s", doc.file_name, outcome.result.reason, outcome.trace)
            report.skipped.append(outcome.result)
            continue
        built[doc.file_name] = doc, outcome.result
        if outcome.reused:
            reused.add(doc.file_name)
    return built, reused


def _resolved(built: Built, report: BuildReport) -> dict[str, Extraction]:
    """Keys resolved across the documents; a document that makes resolution fail leaves `built` for the report."""
    resolved = resolve(built)
    report.skipped += resolved.failures
    for failure in resolved.failures:
        del built[failure.file]
    return resolved.unified


def _unified(built: Built, files: list[str] | None = None) -> dict[str, Extraction]:
    """The extractions of these documents (all by default) with the keys resolved across them (graph.corpus)."""
    files = list(built) if files is None else files
    return dict(zip(files, unify([built[file][1] for file in files])))


def _by_slug(built: Built, extractions: dict[str, Extraction]) -> dict[str, Extraction]:
    """Extractions by file name -> the same by document slug, as the derived graphs take them."""
    return {built[file][0].slug: extraction for file, extraction in extractions.items()}


def _document_quads(scan: DocumentScan, built: Built, unified: dict[str, Extraction], reused: set[str],
                    report: BuildReport) -> Iterator[Quad]:
    """Every document's quads in one stream (one bulk load); each document is reported as it is read."""
    for file, (doc, _) in built.items():
        triples = 0
        for quad in document_quads(doc, unified[file]):
            triples += 1
            yield quad
        report.documents.append(DocumentReport.of(doc, unified[file], file in reused, triples,
                                                  scan.warnings.get(file, [])))


def _release_memory() -> None:
    """Hand the pages freed by the in-memory stores back to the system: glibc keeps them for the process otherwise,
    and validation's peak stacked on top of theirs (at 1M triples the build's peak went from 2,684 to 2,188 MiB)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to ask
        pass


def _check(build_dir: Path, report: BuildReport) -> None:
    """Validate the build's union dump into `report.problems` (Java missing is one such problem)."""
    from evkg.ontology.validate import ReasonerUnavailable  # slow import (owlready2)

    try:
        with report.phase("validate"):
            report.problems = _problems(layout.dump_file(build_dir, "nt"))
    except ReasonerUnavailable as error:
        report.problems = [_cannot_validate(error)]


class _StoreLoad(threading.Thread):
    """`load_store` in a thread of its own, started as soon as the first dump it loads from is written; pyoxigraph
    loads without the GIL, so the build computes the union, writes its other dumps and validates meanwhile. The load
    is the longest step of a full build (25 s of 70 at a million triples): it starts with the N-Quads dump, written
    first while the union is computed, instead of after the union's N-Triples one."""

    def __init__(self, build_dir: Path) -> None:
        super().__init__(name="load store", daemon=True)
        self.build_dir = build_dir
        self.error: BaseException | None = None
        self.dumped = {extension: threading.Event() for extension in STORE_SOURCES}
        self.given_up = False

    def written(self, extension: str) -> None:
        """Told by graph.dumps that a dump is written: the load starts, or goes on, when it is one of its own."""
        if extension in self.dumped:
            self.dumped[extension].set()
            if self.ident is None:
                self.start()

    def run(self) -> None:
        try:
            load_store(self.build_dir, self._ready)
        except BaseException as error:  # raised again in the builder's thread by wait()
            self.error = error

    def _ready(self, extension: str) -> bool:
        self.dumped[extension].wait()
        return not self.given_up

    def wait(self) -> None:
        """Until the store is loaded; at once when the dumps it loads from were never written (the build failed
        before: the load, if started, gives up)."""
        if self.ident is None:
            return
        if not all(event.is_set() for event in self.dumped.values()):
            self.given_up = True
            for event in self.dumped.values():
                event.set()
        self.join()
        if self.error is not None:
            raise self.error


def _cannot_validate(error: Exception) -> Problem:
    """Java missing is a failure of the validator: it sets no document aside."""
    return Problem.failure(f"cannot validate, so not publishing: {error}")


def _problems(data_file: Path, focus: set[str] | None = None) -> list[Problem]:
    """HermiT and SHACL over a union dump (or a change's neighbourhood, SHACL on its focus nodes); the problems, or
    none when the graph is valid."""
    from evkg.ontology import validate as validation  # slow import (owlready2)

    result = validation.validate([data_file], focus, canonical=True)  # written by pyoxigraph, as a build's files are
    return result.problems


def _set_aside(build_dir: Path, built: Built, unified: dict[str, Extraction], published: set[str],
               report: BuildReport) -> None:
    """Take the documents that make the build invalid out of its store, report and dumps.

    The documents of the previous build are admitted first, so that a new document contradicting one of
    them is the one set aside. What is left in the store is what last passed validation; when every
    document is set aside, the problems stay and nothing is published. Keys are resolved across the
    documents of each trial alone, so what is published never depends on a document set aside.
    """
    trial = _Trial(build_dir, built, unified)
    order = sorted(built, key=lambda file: (built[file][0].sha256 not in published, file))
    suspects = documents_naming(trial.store, report.problems, order,
                                lambda file: document_graph(built[file][0].slug).value)
    parts = partition(order, suspects, report.problems, trial)
    rejected = dict(parts.rejected)
    report.documents = [document for document in report.documents if document.file not in rejected]
    report.skipped += set_aside(parts.rejected)
    if not parts.accepted:
        return
    # the accepted documents are those of the last check that passed; after a failed one, check them again
    report.problems = trial(parts.accepted) if set(trial.loaded) != set(parts.accepted) else []
    report.documents = [_reported_as_loaded(document, built[document.file][0], trial.loaded[document.file])
                        if trial.loaded[document.file] != unified[document.file] else document
                        for document in report.documents]
    report.triples = write_dumps(trial.store, build_dir)
    merge_into_default_graph(trial.store, build_dir)
    trial.store.flush()


def _reported_as_loaded(document: DocumentReport, doc: DocumentInfo, extraction: Extraction) -> DocumentReport:
    """A document's report line redone for its keys as resolved among the documents finally published."""
    fresh = DocumentReport.of(doc, extraction, document.reused, sum(1 for _ in document_quads(doc, extraction)), [])
    return dataclasses.replace(document, triples=fresh.triples, entities=fresh.entities, facts=fresh.facts)


class _Trial:
    """Validation of the build's own store and union dump narrowed to some of its documents."""

    def __init__(self, build_dir: Path, built: Built, unified: dict[str, Extraction]) -> None:
        self.union_dump = layout.dump_file(build_dir, "nt")
        self.store = open_for_update(build_dir)
        self.store.clear_graph(DefaultGraph())  # the merge of all documents; made again of those published
        self.built = built
        self.loaded = dict(unified)  # file -> the extraction whose quads are in the store

    def __call__(self, files: list[str]) -> list[Problem]:
        """The problems of the graph made of these documents alone, left in the store for the next step."""
        wanted = _unified(self.built, files)
        changed = [file for file in self.loaded if wanted.get(file) != self.loaded[file]]
        for file in changed:
            self.store.remove_graph(document_graph(self.built[file][0].slug))
        self.store.bulk_extend(quad for file, extraction in wanted.items()
                               if file in changed or file not in self.loaded
                               for quad in document_quads(self.built[file][0], extraction))
        for derived in DERIVED_GRAPHS:
            self.store.remove_graph(derived.graph)
            self.store.bulk_extend(derived.of(_by_slug(self.built, wanted)))
        self.loaded = wanted
        write_dump(self.store, "nt", self.union_dump)
        return _problems(self.union_dump)


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
