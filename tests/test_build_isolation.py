"""One bad document never stops a build: it is set aside with its error, and the rest is published."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, Quad

from evkg.cli import main
from evkg.settings import load_settings
from evkg.graph import build as build_module
from evkg.graph import documents as documents_module
from evkg.graph import extracting, layout, rdf, resolution
from evkg.graph.build import build
from evkg.graph.documents import Skipped, read_document
from evkg.graph.extracting import extract_documents
from evkg.graph.iris import RESOURCE, document_graph
from evkg.graph.records import DocumentInfo, Extraction
from evkg.graph.store import open_read_only
from evkg.graph.text import parse
from evkg.ontology.problems import Problem
from test_build import SEED, corpus, store_graphs, use_validator

RENAULT_5 = """Over two million units of the first Renault 5 were sold between 1972 and 1985.

The Renault 5 now makes up half of the cars built at the plant.

The production of the 50,000th Renault 5 E-Tech electric in Douai was celebrated on Monday.
"""
BRAND = NamedNode("https://w3id.org/evkg/ontology#brand")
LEAF = "The Nissan Sunderland Plant in England builds the Nissan Leaf."
ZOE = "Renault's plant at Flins builds the Renault Zoe."
ARTICLES = sorted((Path(__file__).resolve().parent / "articles").glob("*.txt"))


def test_the_renault_5_reproduction_builds_and_keeps_the_generations_apart(tmp_path: Path) -> None:
    documents, data = corpus(tmp_path / "documents", renault=RENAULT_5), tmp_path / "data"
    result = CliRunner().invoke(main, ["build", "--documents", str(documents), "--data", str(data)])
    assert result.exit_code == 0, result.output
    store = open_read_only(layout.current_build(data))
    brands = {(quad.subject.value, quad.object.value) for quad in store.quads_for_pattern(None, BRAND, None)}
    assert brands == {(f"{RESOURCE}model/renault-5", f"{RESOURCE}brand/renault"),
                      (f"{RESOURCE}model/renault-5-e-tech", f"{RESOURCE}brand/renault")}


def built_without(tmp_path: Path, bad: str) -> tuple[Path, dict[str, str]]:
    """A build of the seed, LEAF, ZOE and `bad.txt`; the data folder and the reasons of the files set aside."""
    documents = corpus(tmp_path / "documents", seed=SEED, leaf=LEAF, zoe=ZOE, bad=bad)
    data = tmp_path / "data"
    report = build(documents, data, load_settings(environ={}))
    assert report.ok, report.problems
    assert [document.file for document in report.documents] == ["leaf.txt", "seed.txt", "zoe.txt"]
    assert {document_graph(slug).value for slug in ("seed", "leaf", "zoe")} <= store_graphs(layout.current_build(data))
    assert document_graph("bad").value not in store_graphs(layout.current_build(data))
    saved = json.loads(layout.report_file(layout.current_build(data)).read_text(encoding="utf-8"))
    return data, {skip["file"]: skip["reason"] for skip in saved["skipped"]}


def test_a_raising_extractor_sets_its_document_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    real_extract = extracting.extract

    def extract(text: str, published: date | None = None) -> Extraction:
        if "Twingo" in text:
            raise ValueError("the Twingo confuses me")
        return real_extract(text, published)

    use_validator(monkeypatch, [])
    monkeypatch.setattr(extracting, "extract", extract)
    with caplog.at_level(logging.ERROR):
        _, reasons = built_without(tmp_path, "The Renault Twingo is built in Novo Mesto.")
    assert reasons == {"bad.txt": "extraction failed, set aside: ValueError: the Twingo confuses me"}
    assert "Traceback" in caplog.text and "the Twingo confuses me" in caplog.text


def test_a_raising_emitter_sets_its_document_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_quads = rdf.document_quads

    def document_quads(doc: DocumentInfo, extraction: Extraction) -> Iterator[Quad]:
        if doc.slug == "bad":
            raise RuntimeError("no RDF for you")
        return real_quads(doc, extraction)

    use_validator(monkeypatch, [])
    monkeypatch.setattr(rdf, "document_quads", document_quads)
    monkeypatch.setattr(build_module, "document_quads", document_quads)
    _, reasons = built_without(tmp_path, "The Renault Twingo is built in Novo Mesto.")
    assert reasons == {"bad.txt": "RDF emission failed, set aside: RuntimeError: no RDF for you"}


def test_a_document_that_makes_resolution_raise_is_found_and_set_aside(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real_unify, calls = resolution.unify, []

    def unify(extractions: Sequence[Extraction]) -> list[Extraction]:
        calls.append(len(extractions))
        if any(entity.key == "model/renault-twingo" for extraction in extractions for entity in extraction.entities):
            raise KeyError("model/renault-twingo")
        return real_unify(extractions)

    use_validator(monkeypatch, [])
    monkeypatch.setattr(resolution, "unify", unify)
    data, reasons = built_without(tmp_path, "The Renault Twingo is built in Novo Mesto.")
    assert reasons == {"bad.txt": "resolution across documents failed, set aside: KeyError: 'model/renault-twingo'"}
    assert calls[0] == 4 and len(calls) <= 6  # all, then halves: about log2(4) more tries for one culprit
    assert "renault-twingo" not in layout.dump_file(layout.current_build(data), "nt").read_text(encoding="utf-8")


def test_a_file_that_makes_reading_raise_is_set_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_decode = documents_module.decode

    def decode(raw: bytes, warnings: list[str]) -> str:
        if b"Twingo" in raw:
            raise LookupError("unknown encoding: twingo")
        return real_decode(raw, warnings)

    use_validator(monkeypatch, [])
    monkeypatch.setattr(documents_module, "decode", decode)
    _, reasons = built_without(tmp_path, "The Renault Twingo is built in Novo Mesto.")
    assert reasons == {"bad.txt": "reading failed, set aside: LookupError: unknown encoding: twingo"}


def test_when_every_document_is_set_aside_nothing_is_published(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def extract(text: str, published: date | None = None) -> Extraction:
        raise ValueError("nothing today")

    use_validator(monkeypatch, [])
    monkeypatch.setattr(extracting, "extract", extract)
    report = build(corpus(tmp_path / "documents", seed=SEED), tmp_path / "data", load_settings(environ={}))
    assert not report.ok and report.problems == [Problem("every document was set aside, nothing to publish")]
    assert [skip.file for skip in report.skipped] == ["seed.txt"]
    assert layout.current_build(tmp_path / "data") is None


def test_a_worker_process_exception_is_its_document_failure(tmp_path: Path) -> None:
    docs = [read_document(path, 5_000_000, []) for path in ARTICLES[:3]]
    extractions = tmp_path / "extractions"
    (extractions / f"{docs[1].sha256}.json").mkdir(parents=True)  # the worker cannot write this one's cache
    outcomes = list(extract_documents(docs, None, extractions, workers=2))
    assert [type(outcome.result) for outcome in outcomes] == [Extraction, Skipped, Extraction]
    failed = outcomes[1].result
    assert failed == Skipped(docs[1].file_name, f"extraction failed, set aside: IsADirectoryError: [Errno 21] "
                                                f"Is a directory: '{extractions / (docs[1].sha256 + '.json')}'")
    assert "Traceback" in outcomes[1].trace
    in_process = [extracting.extract_document(doc, None, tmp_path) for doc in (docs[0], docs[2])]
    assert [outcome.result for outcome in in_process] == [outcomes[0].result, outcomes[2].result]


def sentences(folder: Path, count: int) -> Path:
    """Sentences of the development articles as documents of their own: enough documents for worker processes."""
    texts = [s.text for path in ARTICLES for s in parse(read_document(path, 5_000_000, []).text).sentences]
    return corpus(folder, **{f"sentence-{index:03d}": text for index, text in enumerate(dict.fromkeys(texts))
                             if index < count})


def test_parallel_extraction_builds_what_one_process_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_validator(monkeypatch, [])
    documents = sentences(tmp_path / "documents", extracting.PARALLEL_MIN_DOCUMENTS + 10)
    reports = [build(documents, tmp_path / f"data-{workers}", load_settings(environ={}, build_workers=workers))
               for workers in (1, 2)]
    assert all(report.ok for report in reports)
    assert reports[0].documents == reports[1].documents
    assert len(reports[0].documents) >= extracting.PARALLEL_MIN_DOCUMENTS
    one, two = (layout.extractions_path(layout.current_build(tmp_path / f"data-{workers}")) for workers in (1, 2))
    assert {path.name: path.read_bytes() for path in one.iterdir()} == {path.name: path.read_bytes()
                                                                       for path in two.iterdir()}


@pytest.mark.slow
def test_no_development_or_validation_article_is_set_aside_by_validation(tmp_path: Path) -> None:
    """Real articles, not fixtures: each one's graph passes SHACL and HermiT, so a build publishes every one of them
    (a plant named by no mention set one aside in session 16)."""
    root = Path(__file__).resolve().parent.parent / "bench"
    documents = tmp_path / "documents"
    documents.mkdir()
    for article in [*(root / "development").glob("*.txt"), *(root / "validation").glob("*.txt")]:
        (documents / article.name).write_bytes(article.read_bytes())
    report = build(documents, tmp_path / "data", load_settings())
    assert report.ok, report.problems
    assert [skip.file for skip in report.skipped] == []
    assert len(report.documents) == len(list(documents.glob("*.txt")))
