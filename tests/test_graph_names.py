"""Logical graph names in queries become a pushed build's store names and back (service.graph_names), and the
store client never shows credentials (graph.store_client)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from evkg.graph.published import PushedBuild, physical
from evkg.graph.store_client import StoreClient, StoreUnreachable, redact
from evkg.service.executor import Request
from evkg.service.graph_names import ToLogical, store_query

PUSH = "https://w3id.org/evkg/graph/build/b1.p1/"
ENTITIES = "https://w3id.org/evkg/graph/entities"
DOCUMENT = "https://w3id.org/evkg/graph/document/seed"
ONTOLOGY = "https://w3id.org/evkg/ontology"
PUSHED = PushedBuild(PUSH, "b1", physical(PUSH, None), {name: physical(PUSH, name) for name in (ENTITIES, DOCUMENT, ONTOLOGY)},
                     "{}", "{}")


def request(query: str, default: list[str] | None = None, named: list[str] | None = None) -> Request:
    return Request(query=query, default_graph=default, named_graphs=named, max_rows=10)


def test_the_default_graph_is_the_merged_one_and_only_named_graphs_used_are_sent() -> None:
    plain = store_query(request("SELECT * { ?s ?p ?o }"), PUSHED)
    assert plain.params == [("default-graph-uri", PUSH + "default")]
    constant = store_query(request(f"SELECT * {{ GRAPH <{ENTITIES}> {{ ?s ?p ?o }} }}"), PUSHED)
    assert f"<{PUSH}entities>" in constant.text and ENTITIES not in constant.text
    assert constant.params == [("default-graph-uri", PUSH + "default"), ("named-graph-uri", PUSH + "entities")]
    variable = store_query(request("SELECT ?g { GRAPH ?g { ?s ?p ?o } }"), PUSHED)
    assert sorted(value for key, value in variable.params if key == "named-graph-uri") == sorted(PUSHED.graphs.values())


def test_from_prefixed_names_and_unknown_graphs_are_rewritten() -> None:
    query = ("PREFIX g: <https://w3id.org/evkg/graph/>\nSELECT * FROM g:entities FROM NAMED <http://example.org/x> "
             "WHERE { ?s ?p \"GRAPH <https://w3id.org/evkg/graph/entities>\" }")
    sent = store_query(request(query), PUSHED)
    assert sent.params == []  # the query's own dataset
    assert f"FROM <{PUSH}entities> FROM NAMED <{PUSH}absent>" in sent.text
    assert sent.text.endswith('"GRAPH <https://w3id.org/evkg/graph/entities>" }')  # strings are left alone


def test_a_protocol_dataset_is_mapped_and_the_base_iri_kept() -> None:
    sent = store_query(Request("SELECT * { ?s ?p ?o }", [ONTOLOGY], [DOCUMENT], 10, base_iri="http://h/sparql"),
                       PUSHED)
    assert sent.params == [("default-graph-uri", PUSH + "ontology"), ("named-graph-uri", PUSH + "document/seed")]
    assert sent.text.startswith("BASE <http://h/sparql>\n")


def test_store_names_in_answers_become_logical_names() -> None:
    names = ToLogical(PUSHED)
    assert names.term(ox.NamedNode(PUSH + "document/seed")) == ox.NamedNode(DOCUMENT)
    assert names.term(ox.Literal(PUSH + "entities")) == ox.Literal(PUSH + "entities")
    assert names.term(None) is None


@pytest.mark.parametrize("url", ["http://admin:s3cret@127.0.0.1:9/sparql", "http://admin@[::1]:9/sparql"])
def test_messages_never_carry_credentials(url: str) -> None:
    assert "admin" not in redact(url) and "s3cret" not in redact(url)
    client = StoreClient(url, user="admin", password="s3cret")
    with pytest.raises(StoreUnreachable) as failure:
        client.query("ASK {}", "application/sparql-results+json", timeout=5)
    client.close()
    assert "cannot be reached" in failure.value.message
    assert "admin" not in failure.value.message and "s3cret" not in failure.value.message
