"""Every dump of a real build parses with rdflib and with independent parsers (rapper, serdi, pyld), all agreeing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import owlready2
import pytest
from flask.testing import FlaskClient
from pyld import jsonld
from rdflib import Dataset, Graph

from evkg.graph.layout import current_build, dump_file

UNION = ("ttl", "nt", "jsonld", "rdf")
DATASETS = ("trig", "nq")
RAPPER_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "rdf": "rdfxml", "trig": "trig", "nq": "nquads"}
SERDI_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "trig": "trig", "nq": "nquads"}
RDFLIB_SYNTAX = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml", "trig": "trig", "nq": "nquads"}
BASE = "https://w3id.org/evkg/"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: `make system-packages` installs it")
    return path


def rdflib_quads(path: Path, extension: str) -> list[tuple]:
    """What rdflib reads: the triples of a union file, the quads of a dataset file."""
    with warnings.catch_warnings():
        # rdflib's JSON-LD, TriG and N-Quads parsers call its own deprecated ConjunctiveGraph API
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        if extension in DATASETS:
            dataset = Dataset()
            dataset.parse(path, format=RDFLIB_SYNTAX[extension])
            return list(dataset.quads())
        return list(Graph().parse(path, format=RDFLIB_SYNTAX[extension], publicID=BASE))


def rdflib_count(path: Path, extension: str) -> int:
    return len(rdflib_quads(path, extension))


def rapper_count(path: Path, extension: str) -> int:
    result = subprocess.run([tool("rapper"), "-c", "-i", RAPPER_SYNTAX[extension], str(path), BASE],
                            capture_output=True, text=True, timeout=120, check=True)
    return int(re.search(r"returned (\d+) (triples|statements)", result.stdout + result.stderr)[1])


def serdi_count(path: Path, extension: str) -> int:
    result = subprocess.run([tool("serdi"), "-i", SERDI_SYNTAX[extension], "-o", "nquads", str(path), BASE],
                            capture_output=True, text=True, timeout=120, check=True)
    return sum(1 for line in result.stdout.splitlines() if line.strip())


def pyld_count(path: Path) -> int:
    document = json.loads(path.read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "base": BASE})
    return sum(1 for line in nquads.splitlines() if line.strip())


@pytest.fixture(scope="module")
def dumps(seed_data: Path) -> Path:
    build = current_build(seed_data)
    assert build is not None
    return build


@pytest.mark.parametrize("extension", UNION + DATASETS)
def test_every_parser_gives_the_same_count(dumps: Path, extension: str) -> None:
    path = dump_file(dumps, extension)
    counts = {"rdflib": rdflib_count(path, extension)}
    if extension in RAPPER_SYNTAX:
        counts["rapper"] = rapper_count(path, extension)
    if extension in SERDI_SYNTAX:
        counts["serdi"] = serdi_count(path, extension)
    if extension == "jsonld":
        counts["pyld"] = pyld_count(path)
    assert len(counts) >= 2 and len(set(counts.values())) == 1, counts
    assert counts["rdflib"] > 1000


def test_union_dumps_agree_with_each_other_and_the_named_graphs(dumps: Path) -> None:
    union = {extension: rdflib_count(dump_file(dumps, extension), extension) for extension in UNION}
    assert len(set(union.values())) == 1, union
    manifest = json.loads((dumps / "build.json").read_text(encoding="utf-8"))
    assert union["ttl"] == manifest["triples"]
    assert len({(s, p, o) for s, p, o, _ in rdflib_quads(dump_file(dumps, "nq"), "nq")}) == union["ttl"]
    assert rdflib_count(dump_file(dumps, "trig"), "trig") == rdflib_count(dump_file(dumps, "nq"), "nq")


def test_ontology_loads_in_owlready2_and_rdflib(seed_client: FlaskClient, tmp_path: Path) -> None:
    with seed_client.get("/downloads/evkg-ontology.rdf") as response:
        (tmp_path / "evkg.owl").write_bytes(response.data)
    with seed_client.get("/downloads/evkg-ontology.ttl") as response:
        turtle = Graph().parse(data=response.data, format="turtle")
    world = owlready2.World()
    ontology = world.get_ontology((tmp_path / "evkg.owl").as_uri()).load()
    names = {entity.name for entity in ontology.classes()}
    assert {"ManufacturingPlant", "VehicleModel", "ProductionRecord", "SourceDocument"} <= names
    assert {p.name for p in ontology.object_properties()} >= {"produces", "statedIn"}
    assert len(Graph().parse(tmp_path / "evkg.owl", format="xml")) == len(turtle)
    world.close()
    with seed_client.get("/downloads/evkg-shapes.ttl") as response:
        assert len(Graph().parse(data=response.data, format="turtle")) > 0
