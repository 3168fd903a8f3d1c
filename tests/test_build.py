"""`evkg build`: the real corpus, bad input, atomic and interrupted builds, incremental reuse, pruning."""

from __future__ import annotations

import dataclasses
import fcntl
import gc
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import BlankNode, Quad

from evkg.cli import main
from evkg.settings import load_settings
from evkg.graph import build as build_module
from evkg.graph import extracting, layout
from evkg.graph.build import BuildError, build, build_command
from evkg.graph.derived import ENTITY_DIRECTORY
from evkg.graph.extracting import extractor_files
from evkg.graph.formats import dump_formats
from evkg.graph.lexicon import LEXICON_DIR
from evkg.graph.iris import ENTITIES_GRAPH, ONTOLOGY_GRAPH, document_graph
from evkg.graph.report import BuildReport
from evkg.graph import store as store_module
from evkg.graph.store import STORE_SOURCES, open_read_only
from evkg.ontology import validate as validation
from evkg.ontology.validate import Problem, ReasonerUnavailable, ValidationReport

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "documents"
SEED = (CORPUS / "alliance-ampere-douai.txt").read_text(encoding="utf-8")
EVKG = ROOT / ".venv" / "bin" / "evkg"


def use_validator(monkeypatch: pytest.MonkeyPatch, problems: list[Problem]) -> None:
    """Skip HermiT where a test is about files and folders: the verdict is fixed."""
    monkeypatch.setattr(validation, "validate",
                        lambda data_files, focus=None, canonical=False: ValidationReport(shacl=tuple(problems)))


def corpus(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def store_graphs(build_dir: Path) -> set[str]:
    return {graph.value for graph in open_read_only(build_dir).named_graphs()}


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """One real build of the corpus (real extractor, real HermiT + SHACL), shared by read-only tests."""
    data = tmp_path_factory.mktemp("data")
    report = build(CORPUS, data, load_settings(environ={}))
    return data, report


def test_seed_corpus_builds_and_is_published(seed_build: tuple[Path, BuildReport]) -> None:
    data, report = seed_build
    assert report.ok, report.problems
    current = layout.current_build(data)
    assert current is not None and current.name == report.build_id
    assert (data / layout.CURRENT).is_symlink()
    graphs = store_graphs(current)
    assert {document_graph("alliance-ampere-douai").value, ENTITIES_GRAPH.value, ONTOLOGY_GRAPH.value} <= graphs
    for fmt in dump_formats():
        assert layout.dump_file(current, fmt.extension).stat().st_size > 0


def ground(quads: set[Quad]) -> set[Quad]:
    return {quad for quad in quads if not isinstance(quad.subject, BlankNode) and not isinstance(quad.object, BlankNode)}


def blank_nodes(quads: set[Quad]) -> set[BlankNode]:
    return {term for quad in quads for term in (quad.subject, quad.object) if isinstance(term, BlankNode)}


def test_the_store_loaded_in_pieces_holds_what_it_holds_loaded_whole(seed_build: tuple[Path, BuildReport],
                                                                      tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of 7 lines would split the ontology's blank-node lists and restrictions: each blank node stays one
    (a bulk load relabels the blank nodes of its input, so they are compared by number, the rest as it is)."""
    current = layout.current_build(seed_build[0])
    assert current is not None
    loaded = {}
    for lines in (7, 10**9):
        build_dir = tmp_path / str(lines)
        layout.dumps_path(build_dir).mkdir(parents=True)
        for extension in STORE_SOURCES:
            shutil.copy(layout.dump_file(current, extension), layout.dump_file(build_dir, extension))
        monkeypatch.setattr(store_module, "LOAD_LINES", lines)
        store_module.load_store(build_dir)
        loaded[lines] = set(open_read_only(build_dir))
    for quads in loaded.values():
        assert len(quads) == len(loaded[10**9]) and ground(quads) == ground(loaded[10**9])
        assert len(blank_nodes(quads)) == len(blank_nodes(loaded[10**9])) > 0


def test_manifest_and_report_describe_the_build(seed_build: tuple[Path, BuildReport]) -> None:
    data, report = seed_build
    current = layout.current_build(data)
    manifest = json.loads(layout.manifest_file(current).read_text())
    assert manifest["id"] == current.name
    assert manifest["documents"] == [{
        "file": "alliance-ampere-douai.txt",
        "sha256": report.documents[0].sha256,
        "graph": document_graph("alliance-ampere-douai").value,
        "slug": "alliance-ampere-douai",
    }]
    assert manifest["triples"] > 100 and manifest["quads"] >= manifest["triples"] and manifest["seconds"] > 0
    assert list(manifest["phases"]) == ["read", "extract", "resolve across documents", "load", "entities", "gazetteer",
                                        "claims", "union", "dumps", "validate", "store", "merges"]
    saved = json.loads(layout.report_file(current).read_text())
    [document] = saved["documents"]
    assert document["facts"] and document["entities"] and document["triples"] > 0
    assert any(entity.startswith("plant/") for entity in document["entities"])
    assert (layout.extractions_path(current) / f"{document['sha256']}.json").is_file()


def test_bad_input_is_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    documents = corpus(tmp_path / "documents", seed=SEED, copy=SEED, huge=SEED + "x" * 5_000)
    (documents / "empty.txt").write_bytes(b"")
    (documents / "binary.pdf").write_bytes(b"%PDF-1.7\x00\x01\x02\x00stream")
    (documents / "legacy.txt").write_bytes("Renault’s plant at Flins builds the Renault Zoe.".encode("cp1252"))
    (documents / "garbled.txt").write_bytes(b"Plant news: " + bytes(range(0x80, 0xA0)) * 8)
    report = build(documents, tmp_path / "data", load_settings(environ={}, max_document_size=5_000))
    assert report.ok, report.problems
    reasons = {skip.file: skip.reason for skip in report.skipped}
    assert reasons.keys() == {"empty.txt", "binary.pdf", "garbled.txt", "huge.txt", "seed.txt"}
    assert reasons["empty.txt"].startswith("empty")
    assert reasons["binary.pdf"].startswith("binary")
    assert reasons["garbled.txt"].startswith("not UTF-8")
    assert reasons["huge.txt"].startswith("too large")
    assert reasons["seed.txt"] == "duplicate: same text as copy.txt"
    built = {document.file: document for document in report.documents}
    assert built.keys() == {"copy.txt", "legacy.txt"}
    assert any("cp1252" in warning for warning in built["legacy.txt"].warnings)
    saved = json.loads(layout.report_file(layout.current_build(tmp_path / "data")).read_text())
    assert {skip["file"] for skip in saved["skipped"]} == reasons.keys()


def test_a_person_who_visited_a_plant_is_a_valid_visitor(tmp_path: Path) -> None:
    documents = corpus(tmp_path / "documents", visit="Kia opened the Valdoro Plant in Valdoro, Georgia, United States. "
                       "Georgia Governor Brian Zorbkemp toured the Valdoro Plant on Thursday.")
    report = build(documents, tmp_path / "data", load_settings(environ={}))
    assert report.ok, report.problems
    store = open_read_only(layout.current_build(tmp_path / "data"))
    ask = ("ASK { ?visit <https://w3id.org/evkg/ontology#visitor> ?who . ?who a <https://w3id.org/evkg/ontology#Person> ;"
           " <http://www.w3.org/2000/01/rdf-schema#label> 'Brian Zorbkemp' }")
    assert store.query(ask)


def test_invalid_build_leaves_the_previous_one_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    use_validator(monkeypatch, [])
    first = build(documents, data, load_settings(environ={}))
    corpus(documents, second="The Nissan Sunderland Plant in England builds the Nissan Leaf.")
    use_validator(monkeypatch, [Problem("shape violation: ProductionRecord without year")])
    failed = build(documents, data, load_settings(environ={}))
    assert not failed.ok and failed.problems == [Problem("shape violation: ProductionRecord without year")]
    assert layout.current_build(data).name == first.build_id
    assert [b.name for b in layout.builds(data)] == [first.build_id]
    assert document_graph("second").value not in store_graphs(layout.current_build(data))
    assert "build failed" in failed.summary()


def test_no_java_means_no_publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_java(data_files: list[Path], focus: set[str] | None = None, canonical: bool = False) -> None:
        raise ReasonerUnavailable("java not found")

    monkeypatch.setattr(validation, "validate", no_java)
    report = build(corpus(tmp_path / "documents", seed=SEED), tmp_path / "data", load_settings(environ={}))
    assert report.problems == [Problem.failure("cannot validate, so not publishing: java not found")]
    assert layout.current_build(tmp_path / "data") is None


def test_a_crash_mid_build_leaves_the_previous_one_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    use_validator(monkeypatch, [])
    first = build(documents, data, load_settings(environ={}))
    corpus(documents, second="The Nissan Sunderland Plant in England builds the Nissan Leaf.")

    def crash(total: object) -> None:
        raise RuntimeError("entity directory crashed")

    crashing = dataclasses.replace(ENTITY_DIRECTORY, quads=crash)
    monkeypatch.setattr(build_module, "DERIVED_GRAPHS", (crashing,))
    with pytest.raises(RuntimeError, match="entity directory crashed"):
        build(documents, data, load_settings(environ={}))
    assert [b.name for b in layout.builds(data)] == [first.build_id]
    assert len(open_read_only(layout.current_build(data))) == first.quads


def test_the_garbage_collector_is_left_as_the_build_found_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full build pauses the cyclic collector while it turns extractions into graphs, and restores it, also when
    the build fails half-way or when its caller had the collector off."""
    documents = corpus(tmp_path / "documents", seed=SEED)
    use_validator(monkeypatch, [])
    during: list[bool] = []

    def crash(total: object) -> None:
        during.append(gc.isenabled())
        raise RuntimeError("entity directory crashed")

    monkeypatch.setattr(build_module, "DERIVED_GRAPHS", (dataclasses.replace(ENTITY_DIRECTORY, quads=crash),))
    with pytest.raises(RuntimeError, match="entity directory crashed"):
        build(documents, tmp_path / "data", load_settings(environ={}))
    assert during == [False] and gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(RuntimeError):
            build(documents, tmp_path / "data", load_settings(environ={}))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_crash_once_the_store_has_begun_loading_stops_the_load_and_the_build(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The on-disk store starts loading from the N-Quads dump while the union is computed; a crash then ends the
    build with its own error instead of leaving it waiting for a dump that will never be written."""
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    use_validator(monkeypatch, [])

    def crash(dataset: object) -> None:
        deadline = time.monotonic() + 30
        while not any(thread.name == "load store" for thread in threading.enumerate()):
            assert time.monotonic() < deadline, "the store never began loading"
            time.sleep(0.01)
        raise RuntimeError("union crashed")

    monkeypatch.setattr(build_module, "union_of", crash)
    with pytest.raises(RuntimeError, match="union crashed"):
        build(documents, data, load_settings(environ={}))
    assert layout.builds(data) == [] and layout.current_build(data) is None
    assert not any(thread.name == "load store" for thread in threading.enumerate())


def start_second_build(data: Path, documents: Path, first_id: str) -> subprocess.Popen:
    """`evkg build` in a child process, returned once it has begun writing its new store."""
    process = subprocess.Popen([str(EVKG), "build", "--documents", str(documents), "--data", str(data)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
            layout.store_path(b).exists() for b in layout.builds(data) if b.name != first_id):
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be interrupted"
    return process


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_an_interrupted_build_leaves_the_old_graph_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          signum: int) -> None:
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    use_validator(monkeypatch, [])
    first = build(documents, data, load_settings(environ={}))
    corpus(documents, second=SEED.replace("Douai", "Maubeuge"))
    process = start_second_build(data, documents, first.build_id)
    os.kill(process.pid, signum)
    assert process.wait() != 0
    assert layout.current_build(data).name == first.build_id
    assert len(open_read_only(layout.current_build(data))) == first.quads
    assert not (data / f".{layout.CURRENT}.{process.pid}").exists()
    leftovers = [b.name for b in layout.builds(data) if b.name != first.build_id]
    assert len(leftovers) == (1 if signum == signal.SIGKILL else 0), "only a SIGKILL leaves a folder behind"
    second = build(documents, data, load_settings(environ={}))
    assert [b.name for b in layout.builds(data)] == [first.build_id, second.build_id]


def test_incremental_build_reuses_unchanged_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    documents = corpus(tmp_path / "documents", seed=SEED,
                       sunderland="The Nissan Sunderland Plant in England builds the Nissan Leaf.")
    use_validator(monkeypatch, [])
    build(documents, data, load_settings(environ={}))
    calls: list[str] = []
    real_extract = extracting.extract
    monkeypatch.setattr(extracting, "extract",
                        lambda text, published=None: calls.append(text) or real_extract(text, published))

    unchanged = build(documents, data, load_settings(environ={}))
    assert calls == [] and all(document.reused for document in unchanged.documents)

    changed_text = "The Nissan Sunderland Plant in England builds the Nissan Leaf and the Nissan Qashqai."
    corpus(documents, sunderland=changed_text)
    changed = build(documents, data, load_settings(environ={}))
    assert calls == [changed_text]
    assert {d.file: d.reused for d in changed.documents} == {"seed.txt": True, "sunderland.txt": False}

    (documents / "seed.txt").unlink()
    removed = build(documents, data, load_settings(environ={}))
    graphs = store_graphs(layout.current_build(data))
    assert document_graph("seed").value not in graphs and document_graph("sunderland").value in graphs
    assert [d.file for d in removed.documents] == ["sunderland.txt"]
    assert len(layout.builds(data)) == build_module.KEEP_BUILDS


def test_a_new_publication_date_is_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'last year' depends on the date: the same text under another date is not reused from the cache."""
    data = tmp_path / "data"
    body = "The Nissan Sunderland Plant in England built 300,000 cars last year."
    documents = corpus(tmp_path / "documents", sunderland=f"---\ndate: 2024-05-01\n---\n{body}")
    use_validator(monkeypatch, [])
    build(documents, data, load_settings(environ={}))
    corpus(documents, sunderland=f"---\ndate: 2025-05-01\n---\n{body}")
    assert not build(documents, data, load_settings(environ={})).documents[0].reused
    record = json.loads(next(layout.extractions_path(layout.current_build(data)).glob("*.json")).read_text())
    assert record["published"] == "2025-05-01"
    assert any(f["predicate"] == "year" and f["object"] == "2024" for f in record["facts"])


def test_a_new_extractor_does_not_reuse_old_extractions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    use_validator(monkeypatch, [])
    build(documents, data, load_settings(environ={}))
    monkeypatch.setattr(build_module, "extractor_fingerprint", lambda: "a newer extractor")
    assert not build(documents, data, load_settings(environ={})).documents[0].reused


def test_the_extractor_is_fingerprinted_on_its_own_modules_and_lexicon_only() -> None:
    """Editing the dumps or the build keeps every cached extraction; editing what extracts does not."""
    files = extractor_files()
    assert {"evkg.graph.extract", "evkg.graph.names", "evkg.graph.quantities", "evkg.graph.records"} <= files.keys()
    lexicon = {f"lexicon/{path.name}" for path in LEXICON_DIR.glob("*.json")}
    assert lexicon and lexicon <= files.keys()
    assert not {"evkg.graph.build", "evkg.graph.dumps", "evkg.graph.extracting", "evkg.graph.store"} & files.keys()
    assert all(path.is_file() for path in files.values())


def test_a_folder_without_documents_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "empty.txt").write_bytes(b"")
    use_validator(monkeypatch, [])
    report = build(documents, tmp_path / "data", load_settings(environ={}))
    assert not report.ok and report.problems == [Problem(f"no readable documents in {documents}")]
    assert layout.current_build(tmp_path / "data") is None and not layout.builds(tmp_path / "data")


def test_missing_documents_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--documents", str(tmp_path / "nowhere"), "--data", str(tmp_path)])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [f"evkg build: documents folder not found: {tmp_path / 'nowhere'}"]


def test_build_command_prints_the_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    use_validator(monkeypatch, [])
    settings = load_settings(environ={}, documents_dir=corpus(tmp_path / "documents", seed=SEED),
                             data_dir=tmp_path / "data")
    assert build_command(settings) == 0
    output = capsys.readouterr().out
    assert "1 document (1 extracted, 0 cached), 0 skipped" in output and "seed.txt:" in output
    assert "is now current" in output


def test_one_build_at_a_time(tmp_path: Path) -> None:
    data, documents = tmp_path / "data", corpus(tmp_path / "documents", seed=SEED)
    data.mkdir()
    with open(layout.lock_file(data), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another build is running"):
            build(documents, data, load_settings(environ={}))
