"""The data files read once, with pyoxigraph, as the N-Triples lines HermiT and the SHACL engine are given; an rdflib
copy of them to trace an inconsistency.

pyoxigraph parses and writes N-Triples several times faster than rdflib, and its lines, one canonical form per
triple, can be merged and filtered as text (ontology/provenance.py) instead of through a million term objects.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef

from evkg.ontology.vocabulary import XSD

PLAIN_STRING = pyoxigraph.NamedNode(XSD + "string")


class Unreadable(Exception):
    """A data file that cannot be parsed; its message names the file."""


def read_lines(paths: Sequence[Path], folder: Path) -> tuple[list[str], dict[str, str]]:
    """The union of the files' triples (named graphs merged, each file's blank nodes its own) as N-Triples lines,
    each triple once, and the files' prefixes. Each file is rewritten as N-Triples in `folder` on the way, so that
    its text is never held in memory whole."""
    lines: dict[str, None] = {}
    prefixes: dict[str, str] = {}
    for path in paths:
        suffix = Path(path).suffix.removeprefix(".")
        rdf_format = (pyoxigraph.RdfFormat.from_extension(suffix) if suffix else None) or pyoxigraph.RdfFormat.TURTLE
        rewritten = folder / "read.nt"
        try:
            parser = pyoxigraph.parse(path=path, format=rdf_format, rename_blank_nodes=True)
            triples = (quad.triple for quad in parser) if rdf_format.supports_datasets else parser
            pyoxigraph.serialize(triples, rewritten, pyoxigraph.RdfFormat.N_TRIPLES)
        except (OSError, ValueError, SyntaxError) as error:
            raise Unreadable(f"cannot read {path}: {error}") from error
        _add_lines(lines, rewritten)
        prefixes.update(parser.prefixes)
    return list(lines), prefixes


def _add_lines(lines: dict[str, None], path: Path) -> None:
    """An N-Triples file's lines added to `lines` (a dict as an ordered set), newlines off."""
    with path.open(encoding="utf-8") as written:
        lines.update(dict.fromkeys(line.removesuffix("\n") for line in written))


def write_lines(lines: Iterable[str], path: Path, canonical: Sequence[Path] = ()) -> None:
    """An N-Triples file of these lines, after the lines of the `canonical` files.

    The `canonical` files are N-Triples as pyoxigraph writes them from one store (a build's own dumps): one triple
    a line in canonical form, each once, blank node labels of their own. They are copied as they are, neither
    parsed again nor held (at a million triples, 0.2 instead of 1.9 s). A line both there and in `lines` (the
    ontology, which a build's dump holds too) is written twice: HermiT and the SHACL engine read a set, and a
    repeated line can only keep a provenance node from being spared (ontology/provenance.py).
    """
    with path.open("w", encoding="utf-8") as output:
        for file in canonical:
            with file.open(encoding="utf-8") as written:
                shutil.copyfileobj(written, output)
        for line in lines:
            output.write(line + "\n")


def rdflib_graph(triples: Iterable[pyoxigraph.Triple | pyoxigraph.Quad], prefixes: dict[str, str]) -> Graph:
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
