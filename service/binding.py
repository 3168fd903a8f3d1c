"""Bind query variables by a VALUES block at the top of the query's WHERE group.

pyoxigraph's `substitutions` are applied after evaluation (a bound IRI scans the whole graph, where the
same IRI in VALUES is looked up in an index), so bindings become an inline VALUES block the planner
starts from. The terms are written by pyoxigraph in N-Triples syntax, which is valid
SPARQL, from terms it has validated: no request text reaches the query as text. SPARQL's bottom-up
scope applies: a FILTER inside a nested group or a sub-select does not see these bindings.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from rdflib.term import Node

from evkg.service.exceptions import InvalidQuery
from evkg.service.guard import tokens
from evkg.service.terms import to_oxigraph

_DEPTH = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}


def bind(query: str, bindings: Mapping[str, Node]) -> str:
    """The query with `VALUES (?a ?b) { (term term) }` as the first element of its WHERE group."""
    if not bindings:
        return query
    names = sorted(bindings)
    terms = " ".join(str(to_oxigraph(bindings[name])) for name in names)
    block = f" VALUES ({' '.join('?' + name for name in names)}) {{ ({terms}) }} "
    at = where_group_start(query)
    return query[:at] + block + query[at:]


@lru_cache(maxsize=256)
def where_group_start(query: str) -> int:
    """The offset just after the `{` that opens the query's own WHERE group (not a template or sub-select).

    That is the first `{` after a top-level `WHERE`; without `WHERE` (it is optional in SELECT, ASK and
    DESCRIBE), the first top-level `{`. Found once per text: the saved queries are bound on every request, and
    reading a query's tokens took a quarter of a cached answer's time.
    """
    depth, after_where, first_group = 0, False, None
    for token in tokens(query):
        if token.kind == "word" and depth == 0 and token.text.upper() == "WHERE":
            after_where = True
        elif token.kind == "other" and token.text in _DEPTH:
            if token.text == "{" and depth == 0:
                if after_where:
                    return token.start + 1
                first_group = token.start + 1 if first_group is None else first_group
            depth += _DEPTH[token.text]
    if first_group is None:
        raise InvalidQuery("cannot bind parameters: the query has no WHERE group")
    return first_group
