"""A build after a change (graph.incremental) publishes what a full build of the same documents publishes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store

from bench.articles import write_articles
from evkg.settings import load_settings
from evkg.graph import build as build_module
from evkg.graph import extracting, incremental, layout, pending_dumps
from evkg.graph.build import build
from evkg.graph.formats import dump_formats
from evkg.graph.iris import RESOURCE, document_graph
from evkg.graph.records import Entity, Extraction, Fact, Mention, Sentence
from evkg.graph.report import BuildReport
from evkg.graph.statistics import BuildStatistics
from evkg.graph.store import open_read_only
from evkg.ontology.locality import OutsideArgument, axioms, new_merges
from test_build import SEED, corpus
from test_corpus_resolution import SECOND

READ_AT = "https://w3id.org/evkg/ontology#readAt"
ARTICLES = 10

DUMP_EXTENSIONS = [fmt.extension for fmt in dump_formats()]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated articles and the second Douai article, one full build; each test works on a copy."""
    base = tmp_path_factory.mktemp("published")
    write_articles(base / "documents", ARTICLES)
    corpus(base / "documents", douai_news=SECOND)
    report = build(base / "documents", base / "data", load_settings(environ={}))
    assert report.ok and report.mode == "full: no previous build", report.problems
    return base


@pytest.fixture
def work(published: Path, tmp_path: Path) -> Path:
    shutil.copytree(published, tmp_path / "work", symlinks=True)
    return tmp_path / "work"


def rebuilt(work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[BuildReport, BuildReport]:
    """A build after the change made to `work`, and a full build of the same documents in a fresh folder. The build
    after the change is published with counts patched from the previous build's; its dumps are written after that
    comparison, measuring the counts afresh."""
    with monkeypatch.context() as patch:
        patch.setattr(build_module, "_complete_dumps", lambda build_dir, memory: None)
        after = build(work / "documents", work / "data", load_settings(environ={}))
    full = build(work / "documents", tmp_path / "full", load_settings(environ={}))
    assert after.ok and full.ok, after.problems + full.problems
    assert after.mode.startswith("after a change") and full.mode.startswith("full"), (after.mode, full.mode)
    current = layout.current_build(work / "data")
    assert not pending_dumps.written(current)
    assert_same_counts(work / "data", tmp_path / "full")
    pending_dumps.complete(current)
    assert_same_counts(work / "data", tmp_path / "full")
    return after, full


def read_times(data: Path) -> int:
    """How many distinct evkg:readAt values the build has: objects that two builds of one corpus may not share."""
    store = open_read_only(layout.current_build(data))
    return len({q.object for q in store.quads_for_pattern(None, None, None, DefaultGraph())
                if q.predicate.value == READ_AT})


def assert_same_counts(ours: Path, theirs: Path) -> None:
    """The counts of stats.json (triples, graphs, subjects, objects, entities, classes, properties) are equal."""
    counted = [BuildStatistics.read(layout.current_build(data)).__dict__ | {"dumps": None} for data in (ours, theirs)]
    for counts, data in zip(counted, (ours, theirs)):
        counts["objects"] -= read_times(data)
    assert counted[0] == counted[1]


def term(node: object) -> str:
    """A term as text; blank nodes (the ontology's, labelled anew by each load) as one placeholder."""
    return "_:" if isinstance(node, BlankNode) else str(node)


def quad(q: Quad) -> tuple[str, ...]:
    """A quad as text; when each text was read (evkg:readAt) is the one thing two builds may differ in."""
    obj = Literal("read") if q.predicate.value == READ_AT else q.object
    return term(q.subject), term(q.predicate), term(obj), term(q.graph_name)


def contents(data: Path) -> dict[str, set[tuple[str, ...]]]:
    """Every graph of the current build, the default graph included, as sets of quads."""
    store = open_read_only(layout.current_build(data))
    graphs = {graph.value: {quad(q) for q in store.quads_for_pattern(None, None, None, graph)}
              for graph in store.named_graphs()}
    graphs["default"] = {quad(q) for q in store.quads_for_pattern(None, None, None, DefaultGraph())}
    return graphs


def assert_same_build(work: Path, full: Path) -> None:
    """The same quads in every graph, the default graph included, and the same documents reported."""
    assert contents(work / "data") == contents(full)
    reports = [json.loads(layout.report_file(layout.current_build(d)).read_text()) for d in (work / "data", full)]
    lines = [{d["file"]: (d["triples"], d["entities"], d["facts"]) for d in r["documents"]} for r in reports]
    assert lines[0] == lines[1]


def test_an_added_document(work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(work / "documents", seed=SEED)
    after, full = rebuilt(work, tmp_path, monkeypatch)
    assert after.mode == "after a change: 1 new or changed, 0 removed, 1 others re-resolved", after.mode
    assert_same_build(work, tmp_path / "full")


def test_a_changed_document(work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changed = sorted((work / "documents").glob("bench-*"))[2]
    changed.write_text(changed.read_text().replace("0", "5"), encoding="utf-8")
    after, _ = rebuilt(work, tmp_path, monkeypatch)
    assert after.mode.startswith("after a change: 1 new or changed, 0 removed")
    assert {d.file: d.reused for d in after.documents}[changed.name] is False
    assert_same_build(work, tmp_path / "full")


def test_a_removed_document(work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    removed = sorted((work / "documents").glob("bench-*"))[5]
    removed.unlink()
    after, _ = rebuilt(work, tmp_path, monkeypatch)
    assert after.mode.startswith("after a change: 0 new or changed, 1 removed")
    slug = removed.stem
    assert document_graph(slug).value not in {g.value for g in open_read_only(layout.current_build(work / "data"))
                                              .named_graphs()}
    assert_same_build(work, tmp_path / "full")


def test_a_document_that_moves_another_documents_keys(work: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed names the Douai plant 'Ampere Douai': the second article's 'Douai plant' takes that key, so its
    graph is rewritten although its text did not change."""
    before = contents(work / "data")[document_graph("douai-news").value]
    assert any(f"{RESOURCE}plant/douai>" in q[0] or f"{RESOURCE}plant/douai>" in q[2] for q in before)
    corpus(work / "documents", seed=SEED)
    after, _ = rebuilt(work, tmp_path, monkeypatch)
    rewritten = contents(work / "data")[document_graph("douai-news").value]
    assert not any(f"{RESOURCE}plant/douai>" in q[0] or f"{RESOURCE}plant/douai>" in q[2] for q in rewritten)
    assert any(f"{RESOURCE}plant/ampere-douai>" in q[2] for q in rewritten)
    assert "1 others re-resolved" in after.mode
    assert_same_build(work, tmp_path / "full")


def test_two_changes_in_a_row(work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second build after a change starts from the first one's patched store."""
    corpus(work / "documents", seed=SEED)
    assert build(work / "documents", work / "data", load_settings(environ={})).mode.startswith("after a change")
    sorted((work / "documents").glob("bench-*"))[0].unlink()
    after, _ = rebuilt(work, tmp_path, monkeypatch)
    assert after.mode.startswith("after a change: 0 new or changed, 1 removed")
    assert_same_build(work, tmp_path / "full")


def extraction(text: str, entities: list[tuple[str, str]], facts: list[tuple[str, str, str, str]]) -> Extraction:
    """A one-sentence extraction of `text` with these (key, class) entities and (subject, predicate, object, kind)."""
    return Extraction(entities=[Entity(key, key.split("/")[0], cls, key.split("/")[1], [key.split("/")[1]])
                                for key, cls in entities],
                      facts=[Fact(s, p, o, kind, 0, "integer" if kind == "literal" else None) for s, p, o, kind in facts],
                      mentions=[Mention(0, len(text), text, key, 0) for key, _ in entities],
                      sentences=[Sentence(0, 0, len(text), text)])


BRAND_AND_MODEL = "The Zeta brand and the Zeta are one thing."
NO_YEAR = "The Quasar plant built some cars."
CRAFTED = {
    # a model that is also a brand: the two classes are disjoint (HermiT)
    BRAND_AND_MODEL: extraction(BRAND_AND_MODEL, [("model/zeta", "VehicleModel"), ("model/zeta-one", "VehicleModel")],
                                [("model/zeta-one", "brand", "model/zeta", "entity")]),
    # a production record without its year (SHACL only: the ontology allows one not stated)
    NO_YEAR: extraction(NO_YEAR, [("plant/quasar", "ManufacturingPlant"), ("production/quasar", "ProductionRecord")],
                        [("production/quasar", "outputOf", "plant/quasar", "entity"),
                         ("production/quasar", "units", "1000", "literal")]),
}


@pytest.mark.parametrize("text", CRAFTED, ids=["inconsistent", "shape-violation"])
def test_an_invalid_new_document_is_set_aside_and_the_rest_published(work: Path, text: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = extracting.extract
    monkeypatch.setattr(extracting, "extract", lambda t, published=None: CRAFTED.get(t) or real_extract(t, published))
    corpus(work / "documents", bad=text, seed=SEED)
    report = build(work / "documents", work / "data", load_settings(environ={}))
    assert report.ok and report.mode.startswith("after a change"), (report.mode, report.problems)
    assert [skip.file for skip in report.skipped] == ["bad.txt"]
    assert "invalid graph, set aside" in report.skipped[0].reason
    graphs = {g.value for g in open_read_only(layout.current_build(work / "data")).named_graphs()}
    assert document_graph("seed").value in graphs and document_graph("bad").value not in graphs


def test_a_crash_mid_build_leaves_the_previous_one_current(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = layout.current_build(work / "data")
    quads = len(open_read_only(first))
    corpus(work / "documents", seed=SEED)

    def crash(store: object, contents: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(incremental, "replace_graphs", crash)
    with pytest.raises(RuntimeError, match="disk gone"):
        build(work / "documents", work / "data", load_settings(environ={}))
    assert layout.builds(work / "data") == [first] and layout.current_build(work / "data") == first
    assert len(open_read_only(first)) == quads


def test_a_new_ontology_or_shapes_means_a_full_build(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "validator_fingerprint", lambda: "other shapes")
    corpus(work / "documents", seed=SEED)
    assert build(work / "documents", work / "data", load_settings(environ={})).mode == \
        "full: a new ontology, shapes or checks"


def test_a_large_change_is_a_full_build(work: Path) -> None:
    for path in sorted((work / "documents").glob("bench-*"))[:4]:
        path.unlink()
    report = build(work / "documents", work / "data", load_settings(environ={}))
    assert report.ok and report.mode.startswith("full: 0 new or changed documents and 4 removed")


def test_the_published_dumps_are_the_new_builds(work: Path) -> None:
    corpus(work / "documents", seed=SEED)
    report = build(work / "documents", work / "data", load_settings(environ={}))
    current = layout.current_build(work / "data")
    measured = BuildStatistics.read(current).dumps
    assert report.ok and measured.keys() == {layout.dump_file(current, ext).name for ext in DUMP_EXTENSIONS}
    nt = layout.dump_file(current, "nt")
    assert measured[nt.name].size == nt.stat().st_size and b"alliance-ampere-douai" in nt.read_bytes()


def test_axioms_outside_the_argument_are_refused(tmp_path: Path) -> None:
    ontology = tmp_path / "ontology.ttl"
    for axiom in ("<urn:p> a owl:TransitiveProperty .", "<urn:a> owl:equivalentClass <urn:b> .",
                  "<urn:c> rdfs:subClassOf [ a owl:Restriction ; owl:onProperty <urn:p> ; owl:maxCardinality 1 ] .",
                  "<urn:q> a owl:FunctionalProperty . <urn:p> rdfs:subPropertyOf <urn:q> . "
                  "<urn:c> rdfs:subClassOf [ a owl:Restriction ; owl:onProperty <urn:p> ; owl:minCardinality 1 ] ."):
        ontology.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> . "
                            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . " + axiom)
        with pytest.raises(OutsideArgument):
            axioms(ontology)
    assert axioms().functional, "evkg.ttl itself is inside the argument, with functional properties"


def test_merges_are_found_in_the_whole_store_as_for_chosen_individuals() -> None:
    """Two values of a functional property (evkg:inDocument, a mention's document) in the default graph; one is none."""
    store = Store()
    in_document = NamedNode("https://w3id.org/evkg/ontology#inDocument")
    mention, other = NamedNode(RESOURCE + "document/a#mention=0,5"), NamedNode(RESOURCE + "document/a#mention=6,9")
    for subject, document in ((mention, "a"), (mention, "b"), (other, "a")):
        store.add(Quad(subject, in_document, NamedNode(RESOURCE + f"document/{document}"), DefaultGraph()))
    store.add(Quad(other, in_document, NamedNode(RESOURCE + "document/b"), NamedNode(RESOURCE + "graph/b")))
    expected = [f"{mention} has 2 values of the functional {in_document.value}"]
    assert new_merges(store) == new_merges(store, [mention, other]) == expected


def test_an_unchanged_text_keeps_the_time_it_was_first_read(work: Path) -> None:
    """The second article's graph is rewritten for its new keys, not because it was read again."""
    def read_at() -> dict[str, str]:
        store = open_read_only(layout.current_build(work / "data"))
        return {q.graph_name.value: q.object.value for q in store.quads_for_pattern(None, None, None)
                if q.predicate.value == READ_AT and q.graph_name != DefaultGraph()}

    before = read_at()
    corpus(work / "documents", seed=SEED)
    assert build(work / "documents", work / "data", load_settings(environ={})).ok
    after = read_at()
    assert after[document_graph("douai-news").value] == before[document_graph("douai-news").value]
    assert document_graph("seed").value in after.keys() - before.keys()
