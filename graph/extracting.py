"""Every document's extraction, over worker processes; a document whose extraction fails is set aside, not fatal."""

from __future__ import annotations

import multiprocessing
import shutil
import traceback
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from evkg.graph import rdf
from evkg.graph.documents import Skipped
from evkg.graph.extract import extract
from evkg.graph.lexicon import lexicon
from evkg.graph.records import DocumentInfo, Extraction
from evkg.graph.text import nlp

PARALLEL_MIN_DOCUMENTS = 50  # fewer are extracted in a second or two: not worth starting worker processes
CHUNKS_PER_WORKER = 8  # enough chunks that a slow one does not leave a worker idle, few enough to batch pickling
MAX_CHUNK = 32


@dataclass(frozen=True)
class Outcome:
    """One document's extraction (and whether the previous build's cache gave it), or why it was set aside."""

    result: Extraction | Skipped
    reused: bool = False
    trace: str = ""  # the failure's traceback, for the log


def extract_documents(documents: Sequence[DocumentInfo], cache: Path | None, extractions_dir: Path,
                      workers: int) -> Iterator[Outcome]:
    """Each document's outcome in the order given, over `workers` processes when there are more than one and enough
    documents to be worth starting them."""
    if workers <= 1 or len(documents) < PARALLEL_MIN_DOCUMENTS:
        yield from (extract_document(doc, cache, extractions_dir) for doc in documents)
        return
    chunksize = max(1, min(MAX_CHUNK, len(documents) // (workers * CHUNKS_PER_WORKER)))
    # forkserver: workers start from a clean process, not from a copy of the build's threads and open store
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up)
    try:
        yield from pool.map(extract_document, documents, repeat(cache), repeat(extractions_dir), chunksize=chunksize)
    finally:  # a build stopped half-way (SIGTERM) does not wait for the documents not yet started
        pool.shutdown(cancel_futures=True)


def extract_document(doc: DocumentInfo, cache: Path | None, extractions_dir: Path) -> Outcome:
    """One document's extraction, checked to emit its RDF; an exception sets this document aside, not the build."""
    step = "extraction"
    try:
        extraction, reused = _extraction(doc, cache, extractions_dir)
        step = "RDF emission"
        for _ in rdf.document_quads(doc, extraction):
            pass
    except Exception as error:
        return Outcome(Skipped.failed(doc.file_name, step, error), trace=traceback.format_exc())
    return Outcome(extraction, reused)


def _extraction(doc: DocumentInfo, cache: Path | None, extractions_dir: Path) -> tuple[Extraction, bool]:
    """The previous build's extraction of the same text when there is one, else a fresh one; cached either way."""
    target = extractions_dir / f"{doc.sha256}.json"
    cached = cache / f"{doc.sha256}.json" if cache else None
    if cached and cached.is_file():
        extraction = Extraction.from_json(cached.read_text(encoding="utf-8"))
        if extraction.published == doc.date:  # 'last year' depends on the date as well as on the text
            shutil.copyfile(cached, target)
            return extraction, True
    extraction = extract(doc.text, doc.published)
    target.write_text(extraction.to_json(), encoding="utf-8")
    return extraction, False


def _warm_up() -> None:
    """Build the spaCy pipeline and read the lexicon once per worker process, before its first document."""
    nlp()
    lexicon()
