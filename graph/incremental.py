"""A build after a change: the previous build's store patched, and only what the change can concern validated.

When a few documents of a published build are added, changed or removed, the new build starts from a
hard-link copy of the previous store, extracts the new texts only, resolves keys across the whole corpus
again (cheap) but rewrites and reloads only the documents whose part of that resolution changed (a new
document can give another document's plant its canonical key), recomputes the derived graphs and replaces
only the quads that differ, and keeps the default graph the merge of the named graphs. It validates the
ontology with the neighbourhood of the triples that entered or left the merge (ontology/locality.py says
why that verdict is the whole graph's), sets aside new documents that make it invalid as a full build
does, and is published before its dumps are written (graph.pending_dumps).

It falls back to a full build (graph.build) whenever its premises do not hold, and says why in the
report's `mode`: no previous build, a new extractor, ontology, shapes or checks, a change too large to
patch, a previous build with functional merges, a change the locality argument does not cover, or a
graph it cannot make valid by setting aside new documents.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen
from typing import Any

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, serialize

from evkg.graph import layout
from evkg.graph.corpus import Resolution, resolution
from evkg.graph.derived import Contribution, DerivedGraph
from evkg.graph.documents import DocumentScan, Skipped
from evkg.graph.extracting import extract_documents
from evkg.graph.iris import document_graph, document_iri, evkg
from evkg.graph.quarantine import partition, set_aside, validator_failure
from evkg.graph.rdf import document_quads
from evkg.graph.records import DocumentInfo, Extraction
from evkg.graph.report import BuildReport, DocumentReport
from evkg.graph.statistics import BuildStatistics, patched
from evkg.graph.store import Change, copy_store, patch_graphs, replace_graphs
from evkg.ontology.locality import neighbourhood, schema_triples
from evkg.ontology.problems import Problem
from evkg.ontology.shape_paths import OutsideArgument
from evkg.ontology.vocabulary import DCTERMS

# a larger change is rebuilt in full: patching costs grow with the change, a full build's do not
MAX_CHANGED_SHARE = 0.25
READ_AT = evkg("readAt")
Derived = tuple[DerivedGraph, ...]
Problems = Callable[[Path, set[str]], list[Problem]]  # validation of a data file, SHACL on these focus nodes only
Read = tuple[str, str, str | None, str | None]  # what a document's graph says of its file: text hash, title, source, date
TITLE, SOURCE, ISSUED = (NamedNode(DCTERMS + name) for name in ("title", "source", "issued"))


class FullBuild(Exception):
    """The premises of a build after a change do not hold; the message says which."""


@dataclass
class Memory:
    """What a long-running builder (`evkg build --watch`) keeps from the build it published to the next, so that a
    build after a change neither rereads every extraction nor rewrites every document; a one-off build starts empty
    and reads the previous build's files instead."""

    build_id: str | None = None
    read: dict[str, Read] = field(default_factory=dict)  # file -> what its graph says was read
    own: dict[str, Extraction] = field(default_factory=dict)  # file -> its own extraction
    parts: dict[str, Resolution] = field(default_factory=dict)  # file -> its part of the corpus resolution
    unified: dict[str, Extraction] = field(default_factory=dict)  # file -> the extraction its graph holds
    slugs: dict[str, str] = field(default_factory=dict)
    reports: dict[str, DocumentReport] = field(default_factory=dict)
    totals: dict[NamedNode, Contribution] = field(default_factory=dict)  # derived graph -> the sum it was made of
    derived_quads: dict[NamedNode, set[Quad]] = field(default_factory=dict)  # derived graph -> its quads
    dump_writer: Popen | None = None  # graph.pending_dumps for the build published last


def build_after_change(build_dir: Path, previous: Path | None, scan: DocumentScan, report: BuildReport,
                       memory: Memory, derived: Derived, problems: Problems, workers: int) -> None:
    """Fill `build_dir` and `report` from the previous build and the change; FullBuild when it cannot."""
    manifest = _premises(previous, report)
    assert previous is not None
    base = _remembered(previous, manifest, memory, derived)
    documents = {doc.file_name: doc for doc in scan.documents}
    kept = [file for file in documents if base.read.get(file) == read_of(documents[file])]
    fresh = [file for file in documents if file not in kept]
    if len(fresh) + len(set(base.read) - set(kept)) > MAX_CHANGED_SHARE * len(base.read):
        raise FullBuild(f"{len(fresh)} new or changed documents and {len(set(base.read) - set(documents))} "
                        f"removed: more than {MAX_CHANGED_SHARE:.0%} of the corpus")
    own = {file: base.own[file] for file in kept}
    with report.phase("extract"):
        extracted, reused = _extract(scan, fresh, previous, build_dir, workers, report)
        own |= extracted
        _link_extractions(previous, build_dir, {documents[file].sha256 for file in kept})
    store = copy_store(previous, build_dir)
    patch = _Patch(store, base, documents, own, derived)
    with report.phase("patch store"):
        patch([file for file in documents if file in own])
    statistics = BuildStatistics.read(previous)
    check = _Check(build_dir, patch, statistics, problems)
    with report.phase("validate change"):
        report.problems = check([file for file in documents if file in own])
    if (failure := validator_failure(report.problems)) is not None:
        raise FullBuild(f"the validator failed: {failure}")
    if report.problems:
        _set_aside(patch, check, [file for file in fresh if file in own], report)
    with report.phase("statistics"):
        patched(statistics, store, patch.change, patch.change.sizes).write(build_dir)
    store.flush()  # the next build copies this store through a read-only handle, which sees only flushed writes
    report.mode = (f"after a change: {len([f for f in fresh if f in patch.loaded])} new or changed, "
                   f"{len(set(base.read) - set(patch.loaded))} removed, "
                   f"{len(patch.rewritten - set(fresh))} others re-resolved")
    report.documents = [_reported(file, documents[file], patch, base, file in reused, scan.warnings.get(file, []))
                        for file in documents if file in patch.loaded]
    report.triples = statistics.triples + len(patch.change.added) - len(patch.change.removed)
    report.quads = manifest["quads"] + patch.change.quads
    report.merge_free = True
    _remember(memory, build_dir, patch, report)


def _premises(previous: Path | None, report: BuildReport) -> dict[str, Any]:
    """The previous build's manifest, when a build after a change may start from it."""
    manifest = layout.read_manifest(previous)
    if not manifest:
        raise FullBuild("no previous build")
    if manifest.get("extractor") != report.extractor:
        raise FullBuild("a new extractor")
    if manifest.get("validator") != report.validator:
        raise FullBuild("a new ontology, shapes or checks")
    if not manifest.get("merge_free"):
        raise FullBuild("the previous build has individuals with two values of a functional property")
    return manifest


def _remembered(previous: Path, manifest: dict[str, Any], memory: Memory, derived: Derived) -> Memory:
    """What the previous build holds: from memory when it was the last build of this process, else from its files."""
    if memory.build_id == previous.name:
        return memory
    entries = manifest["documents"]
    extractions = layout.extractions_path(previous)
    own = {entry["file"]: Extraction.from_json((extractions / f"{entry['sha256']}.json").read_text(encoding="utf-8"))
           for entry in entries}
    saved = json.loads(layout.report_file(previous).read_text(encoding="utf-8"))["documents"]
    known = Memory()
    remember(known, previous.name, _read_in(previous, entries), {e["file"]: e["slug"] for e in entries}, own,
             [DocumentReport(**item) for item in saved], derived)
    return known


def remember(memory: Memory, build_id: str, read: dict[str, Read], slugs: dict[str, str],
             own: dict[str, Extraction], reports: list[DocumentReport], derived: Derived) -> None:
    """Keep what a published build holds (its documents in build order) for the next build of this process."""
    decided = resolution(list(own.values()))
    memory.build_id, memory.read, memory.slugs, memory.own = build_id, read, slugs, own
    memory.parts = {file: decided.part_for(extraction) for file, extraction in own.items()}
    memory.unified = {file: decided.applied(extraction) for file, extraction in own.items()}
    memory.reports = {document.file: document for document in reports}
    by_slug = {slugs[file]: extraction for file, extraction in memory.unified.items()}
    memory.totals = {graph.graph: graph.total(by_slug) for graph in derived}
    memory.derived_quads = {graph.graph: set(graph.quads(memory.totals[graph.graph])) for graph in derived}


def read_of(doc: DocumentInfo) -> Read:
    """What a document's graph says of its file; a text whose front matter changed is a changed document."""
    return doc.sha256, doc.title, doc.source_url, doc.date


def _read_in(previous: Path, entries: list[dict[str, str]]) -> dict[str, Read]:
    """What the previous build's document graphs say was read, from its store."""
    store = Store.read_only(str(layout.store_path(previous)))
    said: dict[NamedNode, dict[NamedNode, str]] = {}
    for predicate in (TITLE, SOURCE, ISSUED):
        for quad in store.quads_for_pattern(None, predicate, None, DefaultGraph()):
            said.setdefault(quad.subject, {})[predicate] = quad.object.value
    return {entry["file"]: (entry["sha256"], said[document_iri(entry["slug"])][TITLE],
                            said[document_iri(entry["slug"])].get(SOURCE), said[document_iri(entry["slug"])].get(ISSUED))
            for entry in entries}


def _extract(scan: DocumentScan, files: list[str], previous: Path, build_dir: Path, workers: int,
             report: BuildReport) -> tuple[dict[str, Extraction], set[str]]:
    """The new and changed documents' own extractions, and those the previous build's cache gave; a document whose
    extraction fails is set aside."""
    docs = [doc for doc in scan.documents if doc.file_name in files]
    layout.extractions_path(build_dir).mkdir(exist_ok=True)
    extracted, reused = {}, set()
    for doc, outcome in zip(docs, extract_documents(docs, layout.extractions_path(previous),
                                                    layout.extractions_path(build_dir), workers)):
        if isinstance(outcome.result, Skipped):
            report.skipped.append(outcome.result)
            continue
        extracted[doc.file_name] = outcome.result
        if outcome.reused:
            reused.add(doc.file_name)
    return extracted, reused


def _link_extractions(previous: Path, build_dir: Path, shas: set[str]) -> None:
    """The unchanged documents' cached extractions, as hard links: they never change once written."""
    source, target = layout.extractions_path(previous), layout.extractions_path(build_dir)
    for sha in shas:
        os.link(source / f"{sha}.json", target / f"{sha}.json")


class _Patch:
    """The new build's store, made to hold exactly some documents (a trial when new ones are set aside)."""

    def __init__(self, store: Store, base: Memory, documents: dict[str, DocumentInfo], own: dict[str, Extraction],
                 derived: Derived) -> None:
        self.store, self.base, self.documents, self.own, self.derived = store, base, documents, own, derived
        self.loaded = dict(base.unified)  # file -> the extraction whose quads its graph holds
        self.sources = dict(base.read)  # file -> the text (and front matter) that extraction came from
        self.parts = dict(base.parts)
        self.slugs = dict(base.slugs)
        self.totals = {graph: Counter(total) for graph, total in base.totals.items()}  # of the loaded extractions
        self.derived_quads = dict(base.derived_quads)  # derived graph -> its quads in the store
        self.rewritten: set[str] = set()  # documents whose graph differs from the previous build's
        self.change = Change()  # since the previous build
        self._read_at: dict[str, str] = {}

    def __call__(self, files: list[str]) -> None:
        decided = resolution([self.own[file] for file in files])
        contents: dict[NamedNode, list[Quad]] = {}
        for file in set(self.loaded) - set(files):
            contents[document_graph(self.slugs[file])] = []
            self._count(file, -1)
            del self.loaded[file], self.sources[file], self.parts[file], self.slugs[file]
        for file in files:
            part = decided.part_for(self.own[file])
            if self.sources.get(file) == read_of(self.documents[file]) and self.parts[file] == part:
                continue
            if file in self.loaded:
                self._count(file, -1)
            self.loaded[file], self.parts[file] = decided.applied(self.own[file]), part
            self.sources[file], self.slugs[file] = read_of(self.documents[file]), self.documents[file].slug
            self._count(file, +1)
            doc = self._as_read(self.documents[file])
            contents[document_graph(doc.slug)] = list(document_quads(doc, self.loaded[file]))
            self.rewritten.add(file)
        self.change.then(replace_graphs(self.store, contents))
        self.change.then(patch_graphs(self.store, self._derived_differences()))

    def _count(self, file: str, sign: int) -> None:
        """Add a loaded document's contribution to every derived graph's sum, or take it away."""
        for graph in self.derived:
            contribution = graph.contribution(self.slugs[file], self.loaded[file])
            self.totals[graph.graph].update({item: sign * count for item, count in contribution.items()})

    def _derived_differences(self) -> dict[NamedNode, tuple[set[Quad], set[Quad], int]]:
        """Each derived graph's quads that leave and enter, from the sums as they now stand."""
        differences = {}
        for graph in self.derived:
            self.totals[graph.graph] = +self.totals[graph.graph]  # drop the items no document contributes any more
            quads = set(graph.quads(self.totals[graph.graph]))
            before = self.derived_quads[graph.graph]
            differences[graph.graph] = (before - quads, quads - before, len(quads))
            self.derived_quads[graph.graph] = quads
        return differences

    def _as_read(self, doc: DocumentInfo) -> DocumentInfo:
        """An unchanged text keeps the time it was first read, as its graph in the previous build says."""
        if self.base.read.get(doc.file_name) != read_of(doc):
            return doc
        if doc.file_name not in self._read_at:
            graph = document_graph(doc.slug)
            stated = next(iter(self.store.quads_for_pattern(document_iri(doc.slug), READ_AT, None, graph)))
            self._read_at[doc.file_name] = stated.object.value
        return dataclasses.replace(doc, read_at=self._read_at[doc.file_name])


class _Check:
    """Validation of the patched store's change since the previous build (ontology/locality.py)."""

    def __init__(self, build_dir: Path, patch: _Patch, statistics: BuildStatistics, problems: Problems) -> None:
        self.build_dir, self.patch, self.statistics, self.problems = build_dir, patch, statistics, problems

    def __call__(self, files: list[str]) -> list[Problem]:
        """The problems of the graph made of these documents (the patch is redone for them when it holds others)."""
        if set(self.patch.loaded) != set(files):
            self.patch(files)
        change = self.patch.change
        counts = patched(self.statistics, self.patch.store, change, self.patch.change.sizes)
        try:
            if said := schema_triples(counts.properties, counts.classes):
                raise FullBuild(f"the data use the ontology's own vocabulary ({said[0]})")
            around = neighbourhood(self.patch.store, change.added, change.removed)
        except OutsideArgument as error:
            raise FullBuild(f"a change outside the argument for validating it in part: {error}") from error
        if around.merges:
            raise FullBuild(f"functional merges: {around.merges[0]}")
        with tempfile.TemporaryDirectory(prefix="neighbourhood-", dir=self.build_dir) as folder:
            data = Path(folder) / "neighbourhood.nt"
            serialize(around.triples, data, RdfFormat.N_TRIPLES)
            return self.problems(data, {node.value for node in around.focus})


def _set_aside(patch: _Patch, check: _Check, fresh: list[str], report: BuildReport) -> None:
    """Set aside the new documents that make the graph invalid (graph.quarantine), as a full build does; a graph
    still invalid without any of them is not one a build after a change can publish."""
    if not fresh:
        raise FullBuild(f"the graph is invalid with no new document to set aside: {report.problems[0]}")
    with report.phase("set aside invalid documents"):
        kept = [file for file in patch.loaded if file not in fresh]
        parts = partition(fresh, fresh, report.problems, lambda files: check(kept + files))
        report.skipped += set_aside(parts.rejected)
        accepted = [file for file in patch.documents if file in set(kept + parts.accepted)]
        report.problems = check(accepted) if set(patch.loaded) != set(accepted) else []
    if report.problems:
        raise FullBuild("the graph is invalid even without the new documents")


def _reported(file: str, doc: DocumentInfo, patch: _Patch, base: Memory, reused: bool,
              warnings: list[str]) -> DocumentReport:
    """A document's report line: the previous build's when its graph did not change."""
    if file not in patch.rewritten and file in base.reports:
        return dataclasses.replace(base.reports[file], reused=True)
    return DocumentReport.of(doc, patch.loaded[file], reused or base.read.get(file) == read_of(doc),
                             patch.change.sizes[document_graph(doc.slug).value], warnings)


def _remember(memory: Memory, build_dir: Path, patch: _Patch, report: BuildReport) -> None:
    """Keep what the new build holds for the next build of this process."""
    memory.build_id = build_dir.name
    memory.read = dict(patch.sources)
    memory.own = {file: patch.own[file] for file in patch.loaded}
    memory.parts, memory.unified = dict(patch.parts), dict(patch.loaded)
    memory.slugs = dict(patch.slugs)
    memory.totals, memory.derived_quads = patch.totals, patch.derived_quads
    memory.reports = {document.file: document for document in report.documents}
