"""The build report: what each document yielded and what was skipped, as JSON and as a terminal summary."""

from __future__ import annotations

import dataclasses
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evkg.graph import json_files
from evkg.graph.documents import Skipped
from evkg.graph.iris import document_graph
from evkg.graph.records import DocumentInfo, Extraction
from evkg.ontology.problems import Problem

SUMMARY_DOCUMENT_LINES = 20


@dataclass
class DocumentReport:
    """One built document: its graph, what the extractor found, and what it could not resolve."""

    file: str
    slug: str
    sha256: str
    graph: str
    reused: bool  # the cached extraction of the previous build was taken, the text being unchanged
    triples: int
    entities: list[str]
    facts: list[str]
    unresolved: list[str]
    warnings: list[str]

    @classmethod
    def of(cls, doc: DocumentInfo, extraction: Extraction, reused: bool, triples: int,
           read_warnings: list[str]) -> DocumentReport:
        """The report line of a document, read warnings first, then the extractor's."""
        return cls(
            file=doc.file_name,
            slug=doc.slug,
            sha256=doc.sha256,
            graph=document_graph(doc.slug).value,
            reused=reused,
            triples=triples,
            entities=[f"{entity.key} ({entity.label})" for entity in extraction.entities],
            facts=[f"{fact.subject} {fact.predicate} {fact.object}" for fact in extraction.facts],
            unresolved=[f"{item.text!r} at {item.start}-{item.end}: {item.reason}" for item in extraction.unresolved],
            warnings=read_warnings + extraction.warnings,
        )

    def summary(self) -> str:
        notes = [f"{len(self.entities)} entities", f"{len(self.facts)} facts", f"{self.triples:,} triples"]
        notes += [f"{len(self.unresolved)} unresolved"] if self.unresolved else []
        notes += [f"{len(self.warnings)} warnings"] if self.warnings else []
        return f"  {self.file}: {', '.join(notes)}{' (cached)' if self.reused else ''}"


@dataclass
class BuildReport:
    """The outcome of one build; `ok` is True only when the build was complete, valid and published."""

    ok: bool
    documents_dir: str
    build_id: str | None = None
    started: str = ""
    finished: str = ""
    seconds: float = 0.0
    extractor: str = ""
    validator: str = ""  # ontology.fingerprint(): a build after a change is validated in part only under the same one
    mode: str = "full"  # or "after a change" (graph.incremental), and why a full build was needed when it was
    merge_free: bool = False  # no individual has two values of a functional property (ontology/locality.py)
    triples: int = 0  # in the union of all graphs, the ontology included
    quads: int = 0
    phases: dict[str, dict[str, float]] = field(default_factory=dict)  # seconds and peak memory per build step
    documents: list[DocumentReport] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why it is not published

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time one step of the build, and the peak memory so far: slow steps show in build.json."""
        started = time.monotonic()
        yield
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
        self.phases[name] = {"seconds": round(time.monotonic() - started, 3), "peak_rss_mib": round(peak_mib, 1)}

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON data; the document lines, thousands and flat, are not deep-copied (dataclasses.asdict
        took seconds of a build after a change at 4,000 documents)."""
        data = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
        data["documents"] = [vars(document) for document in self.documents]
        data["skipped"] = [dataclasses.asdict(skip) for skip in self.skipped]
        data["problems"] = [dataclasses.asdict(problem) for problem in self.problems]
        return data

    def write(self, path: Path) -> None:
        json_files.write(path, self.to_dict())

    def manifest(self) -> dict[str, Any]:
        """build.json: the build's identity, timing, documents and size, without the per-document detail."""
        return {
            "id": self.build_id,
            "started": self.started,
            "finished": self.finished,
            "seconds": self.seconds,
            "phases": self.phases,
            "extractor": self.extractor,
            "validator": self.validator,
            "mode": self.mode,
            "merge_free": self.merge_free,
            "documents": [{"file": d.file, "sha256": d.sha256, "graph": d.graph, "slug": d.slug} for d in self.documents],
            "skipped": len(self.skipped),
            "triples": self.triples,
            "quads": self.quads,
        }

    def summary(self) -> str:
        """A few readable lines for the terminal; the full detail stays in report.json."""
        reused = sum(document.reused for document in self.documents)
        lines = [
            f"{_count(len(self.documents), 'document')} ({len(self.documents) - reused} extracted, {reused} cached), "
            f"{len(self.skipped)} skipped; {sum(len(d.entities) for d in self.documents):,} entities and "
            f"{sum(len(d.facts) for d in self.documents):,} facts read; {self.triples:,} triples in {self.seconds:.1f} s"
        ]
        lines += [document.summary() for document in self.documents[:SUMMARY_DOCUMENT_LINES]]
        if len(self.documents) > SUMMARY_DOCUMENT_LINES:
            lines.append(f"  ... and {len(self.documents) - SUMMARY_DOCUMENT_LINES} more (see report.json)")
        lines += ["skipped:"] + [f"  {skip.file}: {skip.reason}" for skip in self.skipped] if self.skipped else []
        if self.ok:
            lines.append(f"build {self.build_id} is now current")
        else:
            lines += ["build failed, the previous graph stays current:"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
