"""The SHACL engine validation runs (`shacl`, in Rust) finds exactly what pyshacl, the reference Python implementation,
finds with the same shapes: on the seed build as it is and after random damage of the kinds the shapes catch."""

from pathlib import Path

import pyshacl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from evkg.graph.layout import current_build, dump_file
from evkg.ontology import ONTOLOGY_FILE, SHAPES_FILE
from evkg.ontology.shacl import shapes

Key = tuple[str, str, str | None]  # focus node, constraint component, value: N-Triples terms, any blank node "_:"


@pytest.fixture(scope="module")
def seed_graph(seed_data: Path) -> Graph:
    return Graph().parse(dump_file(current_build(seed_data), "nt"), format="nt")


@pytest.fixture(scope="module")
def reference_shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def pyshacl_results(data: Graph, shapes_graph: Graph) -> set[Key]:
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none", advanced=False)
    return {(_term(report.value(result, SH.focusNode).n3()), _local(report.value(result, SH.sourceConstraintComponent)),
             None if report.value(result, SH.value) is None else _term(report.value(result, SH.value).n3()))
            for result in report.subjects(RDF.type, SH.ValidationResult)}


def engine_results(data: Graph, folder: Path) -> set[Key]:
    merged = folder / "merged.nt"
    data.serialize(merged, format="nt", encoding="utf-8")
    return {(_term(result.focus_node), result.component, None if result.value is None else _term(result.value))
            for result in shapes().validate_file(str(merged), inference="none").results}


def _term(n3: str) -> str:
    """Blank nodes are labelled by each parser in its own way."""
    return "_:" if n3.startswith("_:") else n3


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1]


def with_ontology(data: Graph) -> Graph:
    merged = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for triple in data:
        merged.add(triple)
    return merged


def test_both_find_the_seed_build_valid(seed_graph, reference_shapes, tmp_path):
    data = with_ontology(seed_graph)
    assert pyshacl_results(data, reference_shapes) == engine_results(data, tmp_path) == set()


# Damage to one triple: dropped, its object made a plain string, a negative number, another node of the graph,
# a second value beside it, or its subject given another node's class.
DAMAGE = ("drop", "plain string", "negative", "other node", "second value", "other class")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(DAMAGE), st.integers(min_value=0)),
                min_size=1, max_size=3))
def test_both_find_the_same_results_on_damaged_data(seed_graph, reference_shapes, tmp_path, damages):
    triples = sorted(seed_graph)
    nodes = sorted({s for s, _, _ in triples if isinstance(s, URIRef)})  # pyshacl cannot compare a blank node (sh:lessThan)
    classes = sorted({o for _, p, o in triples if p == RDF.type})
    data = with_ontology(seed_graph)
    for index, damage, other in damages:
        s, p, o = triples[index % len(triples)]
        data.remove((s, p, o))
        if damage == "plain string":
            data.add((s, p, Literal(str(o))))
        elif damage == "negative":
            data.add((s, p, Literal(-5)))
        elif damage == "other node":
            data.add((s, p, nodes[other % len(nodes)]))
        elif damage == "second value":
            data.add((s, p, o))
            data.add((s, p, Literal("another value")))
        elif damage == "other class":
            data.add((s, p, o))
            data.add((s, RDF.type, classes[other % len(classes)]))
    assert engine_results(data, tmp_path) == pyshacl_results(data, reference_shapes)
