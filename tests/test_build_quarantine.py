"""A document whose graph is invalid is set aside with its reason, and the rest of the corpus is still published."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Quad, Triple
from rdflib import URIRef

from evkg.settings import load_settings
from evkg.graph import extracting
from evkg.graph import layout
from evkg.graph.build import build, build_command
from evkg.graph.formats import dump_formats
from evkg.graph.iris import RESOURCE, document_graph
from evkg.graph.quarantine import named_nodes, partition
from evkg.graph.records import Entity, Extraction, Fact, Mention, Sentence
from evkg.graph.store import open_read_only
from evkg.ontology import validate as validation
from evkg.ontology.validate import Problem, ValidationReport
from test_build import SEED, corpus, store_graphs, use_validator

ZETA = "The Zeta One is sold as a Zeta and as an Omega."
RIVAL = "The Renault 5 E-Tech is a Nissan."


def two_brands(text: str, model: str, *brands: str) -> Extraction:
    """An extraction of `text` (one sentence) giving `model` every one of `brands`: a model may have only one."""
    keys = [f"model/{model}", *(f"brand/{brand}" for brand in brands)]
    entities = [Entity(key, key.split("/")[0], "VehicleModel" if key.startswith("model/") else "Brand",
                       key.split("/")[1], [key.split("/")[1]]) for key in keys]
    mentions = [Mention(0, len(text), text, key, 0) for key in keys]
    facts = [Fact(keys[0], "brand", key, "entity", 0) for key in keys[1:]]
    return Extraction(entities=entities, facts=facts, mentions=mentions,
                      sentences=[Sentence(0, 0, len(text), text)])


@pytest.fixture
def crafted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real extractor, except for the crafted texts; returns the texts it was asked to extract."""
    real_extract, calls = extracting.extract, []
    crafted_extractions = {
        ZETA: two_brands(ZETA, "zeta-one", "zeta", "omega"),
        RIVAL: two_brands(RIVAL, "renault-5-e-tech", "nissan"),
    }

    def extract(text: str, published: date | None = None) -> Extraction:
        calls.append(text)
        return crafted_extractions.get(text) or real_extract(text, published)

    monkeypatch.setattr(extracting, "extract", extract)
    return calls


def _without_blank_nodes(quads: Iterable[Quad]) -> set[Triple]:
    """The triples of `quads` but those with a blank node (the merge has blank nodes of its own)."""
    return {Triple(quad.subject, quad.predicate, quad.object) for quad in quads
            if not isinstance(quad.subject, BlankNode) and not isinstance(quad.object, BlankNode)}


def test_an_invalid_document_is_set_aside_and_the_rest_published(tmp_path: Path, crafted: list[str]) -> None:
    data = tmp_path / "data"
    report = build(corpus(tmp_path / "documents", seed=SEED, zeta=ZETA), data, load_settings(environ={}))
    assert report.ok, report.problems
    current = layout.current_build(data)
    assert current is not None and current.name == report.build_id
    graphs = store_graphs(current)
    assert document_graph("seed").value in graphs and document_graph("zeta").value not in graphs
    store = open_read_only(current)
    assert list(store.quads_for_pattern(None, None, None, document_graph("seed")))
    assert not [quad for quad in store if "zeta" in str(quad)]
    assert _without_blank_nodes(store.quads_for_pattern(None, None, None, DefaultGraph())) == \
        _without_blank_nodes(quad for quad in store if quad.graph_name != DefaultGraph()), \
        "the default graph is the merge of the documents published, made again once one is set aside"
    assert b"zeta" not in layout.dump_file(current, "trig").read_bytes()
    [skipped] = report.skipped
    assert skipped.file == "zeta.txt" and skipped.reason.startswith("invalid graph, set aside: ")
    assert f"<{RESOURCE}model/zeta-one>" in skipped.reason and "evkg:brand" in skipped.reason
    assert skipped.reason.endswith("; ".join(problem.message for problem in skipped.problems))
    assert all(URIRef(f"{RESOURCE}model/zeta-one") in problem.focus for problem in skipped.problems)
    assert [document.file for document in report.documents] == ["seed.txt"]
    manifest = json.loads(layout.manifest_file(current).read_text())
    assert [document["file"] for document in manifest["documents"]] == ["seed.txt"]
    assert "set aside invalid documents" in manifest["phases"]
    assert "zeta.txt: invalid graph" in report.summary()


def test_a_document_contradicting_a_published_one_is_set_aside_each_build(tmp_path: Path,
                                                                          crafted: list[str]) -> None:
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    first = build(documents, data, load_settings(environ={}))
    assert first.ok, first.problems
    corpus(documents, a_rival=RIVAL)  # sorts before seed.txt: the published document is still the one kept
    for _ in range(2):
        report = build(documents, data, load_settings(environ={}))
        assert report.ok, report.problems
        assert [document.file for document in report.documents] == ["seed.txt"]
        [skipped] = report.skipped
        assert skipped.file == "a_rival.txt" and f"<{RESOURCE}model/renault-5-e-tech>" in skipped.reason
        assert document_graph("a-rival").value not in store_graphs(layout.current_build(data))
    assert crafted.count(RIVAL) == 1, "the set-aside document's extraction is cached, but checked again"


def test_when_every_document_is_invalid_nothing_is_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             crafted: list[str]) -> None:
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    settings = load_settings(environ={}, documents_dir=documents, data_dir=data)
    real_validate = validation.validate
    use_validator(monkeypatch, [])
    assert build_command(settings) == 0
    first = layout.current_build(data)
    (documents / "seed.txt").unlink()
    corpus(documents, zeta=ZETA)
    monkeypatch.setattr(validation, "validate", real_validate)
    assert build_command(settings) == 1
    assert layout.current_build(data) == first and layout.builds(data) == [first]
    failed = json.loads(layout.failed_report_file(data).read_text())
    assert not failed["ok"] and failed["problems"]
    [skipped] = failed["skipped"]
    assert skipped["file"] == "zeta.txt" and f"<{RESOURCE}model/zeta-one>" in skipped["reason"]
    assert [problem["focus"] for problem in skipped["problems"]] == [[f"{RESOURCE}model/zeta-one"]]


def test_problems_naming_no_document_are_traced_by_validating_parts(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[bool] = []

    def validate(data_files: list[Path], focus: set[str] | None = None, canonical: bool = False) -> ValidationReport:
        checked.append(bad := any(b"Omega" in path.read_bytes() for path in data_files))
        return ValidationReport(reasoning=(Problem("inconsistent: something is wrong"),) if bad else ())

    monkeypatch.setattr(validation, "validate", validate)
    documents = corpus(tmp_path / "documents", seed=SEED, a="The Nissan Leaf is built in Sunderland.",
                       c="The Kia EV3 is built in Korea.", y="Omega is a brand.", z="Omega makes cars.")
    report = build(documents, tmp_path / "data", load_settings(environ={}))
    assert report.ok, report.problems
    assert {skip.file: skip.reason for skip in report.skipped} == {
        "y.txt": "invalid graph, set aside: inconsistent: something is wrong",
        "z.txt": "invalid graph, set aside: inconsistent: something is wrong"}
    assert sorted(document.file for document in report.documents) == ["a.txt", "c.txt", "seed.txt"]
    assert checked[-1] is False, "the last check, of what is published, passed"
    current = layout.current_build(tmp_path / "data")
    assert store_graphs(current) >= {document_graph(slug).value for slug in ("a", "c", "seed")}
    assert not store_graphs(current) & {document_graph(slug).value for slug in ("y", "z")}
    assert all(b"Omega" not in layout.dump_file(current, extension).read_bytes() for extension in (fmt.extension for fmt in dump_formats()))


def test_a_failed_build_keeps_its_report_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_validator(monkeypatch, [Problem("inconsistent: no model")])
    report = build(corpus(tmp_path / "documents", seed=SEED), tmp_path / "data", load_settings(environ={}))
    assert not report.ok and layout.builds(tmp_path / "data") == []
    saved = json.loads(layout.failed_report_file(tmp_path / "data").read_text())
    assert saved["build_id"] == report.build_id and [problem["message"] for problem in saved["problems"]] == ["inconsistent: no model"]
    assert saved["skipped"][0]["reason"] == "invalid graph, set aside: inconsistent: no model"


def test_a_failing_validator_sets_no_document_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_validator(monkeypatch, [Problem.failure("HermiT failed: java.lang.OutOfMemoryError")])
    report = build(corpus(tmp_path / "documents", seed=SEED), tmp_path / "data", load_settings(environ={}))
    assert not report.ok and report.problems == [Problem.failure("HermiT failed: java.lang.OutOfMemoryError")]
    assert not report.skipped and [document.file for document in report.documents] == ["seed.txt"]
    assert "set aside invalid documents" not in report.phases


def checker(bad: set[str], clashes: set[frozenset[str]], calls: list[list[str]]):
    """A fake validation: a document in `bad` is invalid alone, a pair in `clashes` only together."""
    def check(documents: list[str]) -> list[Problem]:
        calls.append(documents)
        present = set(documents)
        return [Problem(f"problem of {document}") for document in sorted(present & bad)] + [
            Problem(f"clash of {' and '.join(sorted(pair))}") for pair in clashes if pair <= present]
    return check


def test_partition_finds_a_few_bad_documents_among_many_with_few_checks() -> None:
    documents = [f"d{index:02}" for index in range(64)]
    calls: list[list[str]] = []
    check = checker({"d07", "d40"}, {frozenset({"d10", "d50"})}, calls)
    parts = partition(documents, [], check(documents), check)
    assert dict(parts.rejected) == {"d07": [Problem("problem of d07")], "d40": [Problem("problem of d40")],
                                    "d50": [Problem("clash of d10 and d50")]}
    assert sorted(parts.accepted) == sorted(set(documents) - {"d07", "d40", "d50"})
    assert not check(parts.accepted)
    assert len(calls) <= 2 + 3 * 2 * 6, "at most 2·log2(64) checks per bad document, not one per document"


def test_partition_checks_the_documents_the_problems_do_not_name_once() -> None:
    calls: list[list[str]] = []
    check = checker({"bad"}, set(), calls)
    parts = partition(["a", "bad", "c"], ["bad"], [Problem("problem of bad")], check)
    assert parts.accepted == ["a", "c"] and parts.rejected == [("bad", [Problem("problem of bad")])]
    assert calls == [["a", "c"]]


def test_named_nodes_are_the_resources_in_problems() -> None:
    problems = [Problem("SHACL Violation: one brand", (URIRef(f"{RESOURCE}model/x"), URIRef(f"{RESOURCE}brand/y"))),
                Problem("cause: a class", (URIRef("https://w3id.org/evkg/ontology#Brand"),))]
    assert named_nodes(problems) == {f"{RESOURCE}model/x", f"{RESOURCE}brand/y"}
