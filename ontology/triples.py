"""The data files read once, with pyoxigraph: its triples for HermiT's and the SHACL engine's input, an rdflib copy to trace an inconsistency.

pyoxigraph parses N-Triples several times faster than rdflib's own parser, and building the rdflib graph
from its terms (each converted once) costs less than parsing the file a second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef

from evkg.ontology.provenance import PLAIN_STRING


class Unreadable(Exception):
    """A data file that cannot be parsed; its message names the file."""


def read_triples(paths: Sequence[Path]) -> tuple[list[pyoxigraph.Triple], dict[str, str]]:
    """The union of the files' triples (named graphs merged, each file's blank nodes its own) and their prefixes."""
    triples: set[pyoxigraph.Triple] = set()
    prefixes: dict[str, str] = {}
    for path in paths:
        suffix = Path(path).suffix.removeprefix(".")
        rdf_format = pyoxigraph.RdfFormat.from_extension(suffix) if suffix else None
        try:
            parser = pyoxigraph.parse(path=path, format=rdf_format or pyoxigraph.RdfFormat.TURTLE, rename_blank_nodes=True)
            for quad in parser:
                triples.add(pyoxigraph.Triple(quad.subject, quad.predicate, quad.object))
        except (OSError, ValueError, SyntaxError) as error:
            raise Unreadable(f"cannot read {path}: {error}") from error
        prefixes.update(parser.prefixes)
    return list(triples), prefixes


def rdflib_graph(triples: Iterable[pyoxigraph.Triple], prefixes: dict[str, str]) -> Graph:
    """The triples as an rdflib graph (to trace HermiT's causes, in prefixed names), each term converted once."""
    graph = Graph()
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    converted: dict[object, object] = {}

    def term(node: object) -> object:
        found = converted.get(node)
        if found is None:
            found = converted[node] = _rdflib_term(node)
        return found

    add = graph.store.add
    for triple in triples:
        add((term(triple.subject), term(triple.predicate), term(triple.object)), graph)
    return graph


def _rdflib_term(node: object) -> URIRef | BNode | Literal:
    """Plain strings without a datatype, as rdflib's own parsers give them."""
    if isinstance(node, pyoxigraph.NamedNode):
        return URIRef(node.value)
    if isinstance(node, pyoxigraph.BlankNode):
        return BNode(node.value)
    if node.language:
        return Literal(node.value, lang=node.language)
    return Literal(node.value, datatype=None if node.datatype == PLAIN_STRING else URIRef(node.datatype.value))
