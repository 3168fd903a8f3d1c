"""`evkg export` and the build's dumps: every syntax parses elsewhere and holds exactly the union."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from evkg.cli import EXPORT_FORMATS, main
from evkg.settings import load_settings
from evkg.graph import layout
from evkg.graph.build import build
from evkg.graph.formats import dump_formats
from evkg.graph.export import export_command
from evkg.ontology import validate as validation
from evkg.ontology.validate import ValidationReport

ROOT = Path(__file__).resolve().parent.parent
EXPORT_EXTENSIONS = {fmt.export: fmt.extension for fmt in dump_formats()}
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig", "nquads": "nquads"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the corpus; validity is the build tests' business, so the validator is a stand-in here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "validate", lambda data_files, focus=None, canonical=False: ValidationReport())
        data = tmp_path_factory.mktemp("data")
        assert build(ROOT / "documents", data, load_settings(environ={})).ok
    return data


def union_triples(graph: rdflib.Dataset | rdflib.Graph) -> set[tuple]:
    """Triples with the graph name dropped; blank nodes kept as parsed (one file, one scope)."""
    quads = graph.quads((None, None, None, None)) if isinstance(graph, rdflib.Dataset) else graph
    return {(s, p, o) for s, p, o, *_ in quads}


def parse(path: Path, fmt: str) -> rdflib.Dataset | rdflib.Graph:
    graph = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    with warnings.catch_warnings():  # rdflib's own parsers still build the deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=path.read_text(encoding="utf-8"), format=RDFLIB_FORMATS[fmt])  # a path leaks a handle
    return graph


@pytest.fixture(scope="module")
def union_size(data_dir: Path) -> int:
    return len(union_triples(parse(layout.dump_file(layout.current_build(data_dir), "nt"), "nt")))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_parses_with_rdflib_and_holds_the_union(fmt: str, data_dir: Path, union_size: int,
                                                        tmp_path: Path) -> None:
    output = tmp_path / f"export.{EXPORT_EXTENSIONS[fmt]}"
    assert export_command(load_settings(environ={}, data_dir=data_dir), fmt, output) == 0
    assert len(union_triples(parse(output, fmt))) == union_size


def test_union_size_is_the_manifest_triple_count(data_dir: Path, union_size: int) -> None:
    manifest = json.loads(layout.manifest_file(layout.current_build(data_dir)).read_text())
    assert manifest["triples"] == union_size > 0


def test_named_graph_exports_keep_the_graphs(data_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "export.trig"
    export_command(load_settings(environ={}, data_dir=data_dir), "trig", output)
    names = {str(context.identifier) for context in parse(output, "trig").graphs()}
    assert {"https://w3id.org/evkg/graph/entities", "https://w3id.org/evkg/ontology",
            "https://w3id.org/evkg/graph/document/alliance-ampere-douai"} <= names
    assert "@prefix evkg: <https://w3id.org/evkg/ontology#>" in output.read_text()


def test_dump_files_match_the_export(data_dir: Path, union_size: int) -> None:
    build_dir = layout.current_build(data_dir)
    for fmt, extension in EXPORT_EXTENSIONS.items():
        assert len(union_triples(parse(layout.dump_file(build_dir, extension), fmt))) == union_size


def test_export_to_standard_output(data_dir: Path, union_size: int) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "nt", "--data", str(data_dir)])
    assert result.exit_code == 0
    assert len([line for line in result.stdout.splitlines() if line.strip()]) == union_size


def test_export_without_a_build_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "turtle", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"evkg export: no graph built in {tmp_path} yet (run `evkg build` first)"]
