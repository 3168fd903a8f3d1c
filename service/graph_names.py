"""Logical graph names in a query, store names on the wire, and back in the answer.

A pushed build's graphs are stored under push-specific names (graph.published), so that a push
never changes what readers see until its switch. Queries keep using the logical names
(`GRAPH <https://w3id.org/evkg/graph/entities>`): the IRI after GRAPH, FROM and FROM NAMED becomes
the store's name for it (a name the build does not have becomes an empty graph, as it is locally),
the protocol dataset says which graphs the query sees, and store names in answers become logical
names again. A graph name reaching GRAPH through a variable bound elsewhere (VALUES, BIND) is not
translated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from evkg.graph.published import PushedBuild
from evkg.service.executor import Request
from evkg.service.guard import Token, inspect_query, tokens

DATASET_KEYWORDS = ("GRAPH", "FROM")
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class StoreQuery:
    """The query as the store gets it: text and SPARQL Protocol dataset parameters."""

    text: str
    params: list[tuple[str, str]]


def to_store(pushed: PushedBuild, iri: str) -> str:
    """The store's name of a logical graph; a name the build lacks maps to a graph the push never writes."""
    return pushed.graphs.get(iri, pushed.push + "absent")


def store_query(request: Request, pushed: PushedBuild) -> StoreQuery:
    """Rewrite graph names and choose the dataset: the build's merged graph as the default graph."""
    prefixes = inspect_query(request.query).prefixes
    pieces: list[str] = []
    position = 0
    pending: str | None = None
    named: list[str] = []
    graph_variable = has_from = False
    for token in tokens(request.query):
        keyword = token.text.upper() if token.kind == "word" else None
        if keyword in DATASET_KEYWORDS:
            pending, has_from = keyword, has_from or keyword == "FROM"
            continue
        if keyword == "NAMED" and pending == "FROM":
            continue
        iri = _absolute(token, prefixes) if pending else None
        if iri is not None:
            stored = to_store(pushed, iri)
            pieces += [request.query[position:token.start], f"<{stored}>"]
            position = token.start + len(token.text)
            if pending == "GRAPH":
                named.append(stored)
        graph_variable = graph_variable or (pending == "GRAPH" and token.kind == "variable")
        pending = None
    text = "".join(pieces) + request.query[position:]
    if request.base_iri:
        text = f"BASE <{request.base_iri}>\n{text}"
    return StoreQuery(text, _dataset(request, pushed, has_from, graph_variable, named))


def _absolute(token: Token, prefixes: dict[str, str]) -> str | None:
    """The IRI a token names, when it is an absolute IRI or a declared prefixed name."""
    if token.kind == "iri" and ":" in token.text:
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, local = token.text.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def _dataset(request: Request, pushed: PushedBuild, has_from: bool, graph_variable: bool,
             named: list[str]) -> list[tuple[str, str]]:
    if request.default_graph is not None or request.named_graphs is not None:
        return ([("default-graph-uri", to_store(pushed, iri)) for iri in request.default_graph or []]
                + [("named-graph-uri", to_store(pushed, iri)) for iri in request.named_graphs or []])
    if has_from:
        return []  # the query's own FROM / FROM NAMED, rewritten above
    graphs = list(pushed.graphs.values()) if graph_variable else list(dict.fromkeys(named))
    return [("default-graph-uri", pushed.default_graph)] + [("named-graph-uri", name) for name in graphs]


class ToLogical:
    """Turns store names of the build's graphs in answers back into their logical names."""

    def __init__(self, pushed: PushedBuild) -> None:
        self._names = {stored: ox.NamedNode(logical) for logical, stored in pushed.graphs.items()}

    def term(self, term: Term | None) -> Term | None:
        if isinstance(term, ox.NamedNode):
            return self._names.get(term.value, term)
        return term

    def triple(self, triple: ox.Triple) -> ox.Triple:
        return ox.Triple(self.term(triple.subject), self.term(triple.predicate), self.term(triple.object))
