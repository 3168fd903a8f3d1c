"""Every document's extraction, over worker processes; a document whose extraction fails is set aside, not fatal."""

from __future__ import annotations

import ast
import gc
import hashlib
import importlib.util
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
from evkg.graph.lexicon import LEXICON_DIR, lexicon
from evkg.graph.records import DocumentInfo, Extraction
from evkg.graph.text import nlp

PARALLEL_MIN_DOCUMENTS = 50  # fewer are extracted in a second or two: not worth starting worker processes
CHUNKS_PER_WORKER = 8  # enough chunks that a slow one does not leave a worker idle, few enough to batch pickling
MAX_CHUNK = 32
EXTRACTOR = "evkg.graph.extract"  # what a cached extraction is the output of, with the modules it imports


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


def extractor_fingerprint() -> str:
    """A hash of the extractor's code and lexicon: cached extractions are only reused by the same extractor, and a
    change to the rest of the pipeline (dumps, the build, the store) keeps them."""
    digest = hashlib.sha256()
    for name, path in extractor_files().items():
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def extractor_files() -> dict[str, Path]:
    """The extractor's modules (graph.extract and every evkg module it imports, directly or not) and lexicon files,
    by module name or lexicon file name, sorted."""
    found: dict[str, Path] = {}
    todo = [EXTRACTOR]
    while todo:
        module = todo.pop()
        if module not in found:
            found[module] = path = Path(importlib.util.find_spec(module).origin)
            todo += _evkg_imports(path)
    found |= {f"lexicon/{path.name}": path for path in LEXICON_DIR.glob("*.json")}
    return dict(sorted(found.items()))


def _evkg_imports(path: Path) -> Iterator[str]:
    """The evkg modules a module imports, wherever in it."""
    for _, name in imported_names(path):
        if name.split(".")[0] == "evkg" and _is_module(name):
            yield name


def imported_names(path: Path) -> Iterator[tuple[int, str]]:
    """(line, name) of every absolute import in a module, lazy ones included; `from a import b` names a and a.b, as b
    may be a module of the package a or a name a defines."""
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name imported from a module, not a submodule
        return False


def _warm_up() -> None:
    """Build the spaCy pipeline and read the lexicon once per worker process, before its first document, then keep
    them out of the cyclic garbage collector: they live as long as the worker, and every full collection walked
    them again (extraction of 300 generated articles 8 % faster on average over four runs each)."""
    nlp()
    lexicon()
    gc.collect()
    gc.freeze()
