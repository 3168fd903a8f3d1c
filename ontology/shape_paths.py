"""What the SHACL shapes read from a focus node, so that a change is validated on the focus nodes it can concern.

A shape's result for a focus node depends on the node's types, on the values its paths reach, and on
those values' types (sh:class); the shapes may use only constraints that read nothing else (`COVERED`),
paths made of predicates and inverse predicates, and class, node, subjects-of and objects-of targets.
Anything else (sh:node, qualified value shapes, SPARQL constraints, closed shapes, other paths) puts a
change outside the argument of ontology/locality.py, and the whole graph is validated.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, RdfFormat, Store, Triple, parse

from evkg.ontology import SHAPES_FILE
from evkg.ontology.vocabulary import RDF, RDFS

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = NamedNode(RDF + "type")
FIRST, REST, NIL = (NamedNode(RDF + name) for name in ("first", "rest", "nil"))
TARGET_CLASS, TARGET_NODE, SUBJECTS_OF, OBJECTS_OF = (NamedNode(SH + name) for name in (
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"))
PROPERTY, PATH, INVERSE_PATH = NamedNode(SH + "property"), NamedNode(SH + "path"), NamedNode(SH + "inversePath")


def _sh(*names: str) -> frozenset[NamedNode]:
    return frozenset(NamedNode(SH + name) for name in names)


NOTES = _sh("message", "name", "description", "severity", "order", "group", "deactivated") | {
    RDF_TYPE, NamedNode(RDFS + "comment"),
    NamedNode(RDFS + "label")}
# constraints that read a value alone, or its types (sh:class)
ON_VALUES = _sh("datatype", "nodeKind", "pattern", "flags", "minInclusive", "maxInclusive", "minExclusive",
                "maxExclusive", "minLength", "maxLength", "in", "hasValue", "languageIn", "uniqueLang", "class",
                "minCount", "maxCount")
COMPARED = _sh("lessThan", "lessThanOrEquals", "equals", "disjoint")  # read another property of the focus node
LOGICAL = _sh("or", "and", "xone", "not")
TARGETS = frozenset({TARGET_CLASS, TARGET_NODE, SUBJECTS_OF, OBJECTS_OF})
COVERED = NOTES | ON_VALUES | COMPARED | LOGICAL | TARGETS | {PROPERTY, PATH}
Node = NamedNode | BlankNode
Step = tuple[NamedNode, bool]  # a predicate, and whether the path reads it backwards (sh:inversePath)
Path = tuple[Step, ...]


class OutsideArgument(Exception):
    """A change that ontology/locality.py's argument does not cover (here: shapes that read more than a focus node's
    paths and their values' types): the whole graph has to be validated."""


@dataclass(frozen=True)
class Shape:
    """A targeted shape: which nodes it checks and every path its constraints read from them."""

    targets: dict[NamedNode, frozenset]  # target predicate -> its values
    paths: frozenset[Path]

    def targets_node(self, store: Store, node: Node, classes: set) -> bool:
        """Whether `node` is a focus node of this shape in the store's default graph (`classes`: its types and
        their superclasses)."""
        return bool(classes & self.targets.get(TARGET_CLASS, frozenset())) \
            or node in self.targets.get(TARGET_NODE, frozenset()) \
            or any(_exists(store, (node, p, None)) for p in self.targets.get(SUBJECTS_OF, ())) \
            or any(_exists(store, (None, p, node)) for p in self.targets.get(OBJECTS_OF, ()))


@functools.cache
def shapes() -> tuple[Shape, ...]:
    """The targeted shapes of shapes.ttl; OutsideArgument when one reads beyond what the argument covers."""
    own: dict[object, list[tuple[NamedNode, object]]] = {}
    for quad in parse(path=SHAPES_FILE, format=RdfFormat.TURTLE):
        own.setdefault(quad.subject, []).append((quad.predicate, quad.object))
    found = []
    for shape, facts in own.items():
        targets: dict[NamedNode, set] = {}
        for predicate, value in facts:
            if predicate in TARGETS:
                targets.setdefault(predicate, set()).add(value)
        if not targets:
            continue
        members = [shape, *(value for predicate, value in facts if predicate == PROPERTY)]
        paths = {path for member in members for path in _paths(own, member)}
        found.append(Shape({k: frozenset(v) for k, v in targets.items()}, frozenset(paths)))
    return tuple(found)


def _paths(own: dict, shape: object) -> set[Path]:
    """The paths a node or property shape reads from its focus node (the empty path: the focus node itself)."""
    facts = own.get(shape, [])
    for predicate, value in facts:
        if predicate not in COVERED or predicate in LOGICAL and not _values_only(own, predicate, value):
            raise OutsideArgument(f"the shapes use {predicate.value}")
    path = next((_path(own, value) for predicate, value in facts if predicate == PATH), ())
    return {path} | {((value, False),) for predicate, value in facts if predicate in COMPARED}


def _values_only(own: dict, predicate: NamedNode, value: object) -> bool:
    """Whether the shapes combined by sh:or / and / xone / not read only values and their types."""
    shapes_in = [value] if predicate == NamedNode(SH + "not") else _list(own, value)
    return all(p in ON_VALUES | NOTES for shape in shapes_in for p, _ in own.get(shape, []))


def _path(own: dict, node: object) -> Path:
    """A predicate, an inverse predicate, or a sequence of those, as steps."""
    if isinstance(node, NamedNode):
        return ((node, False),)
    facts = dict(own.get(node, []))
    if INVERSE_PATH in facts and isinstance(facts[INVERSE_PATH], NamedNode):
        return ((facts[INVERSE_PATH], True),)
    if FIRST in facts:
        return tuple(step for item in _list(own, node) for step in _path(own, item))
    raise OutsideArgument(f"a path of a kind the argument does not cover: {sorted(p.value for p in facts)}")


def _list(own: dict, node: object) -> list[object]:
    items = []
    while node != NIL:
        facts = dict(own.get(node, []))
        items.append(facts[FIRST])
        node = facts[REST]
    return items


def _exists(store: Store, pattern: tuple) -> bool:
    return next(iter(store.quads_for_pattern(*pattern, DefaultGraph())), None) is not None


def shape_reach(store: Store, changed: Iterable[Triple], superclasses: dict) -> tuple[set[Node], set[Triple]]:
    """The focus nodes whose results a change can alter, and every triple their shapes read (their types, the
    path triples from them, the types of the values reached), from the store's default graph after the change."""
    targeted = shapes()
    paths = {path for shape in targeted for path in shape.paths}
    candidates: set[object] = set()
    for triple in changed:
        candidates.add(triple.subject)  # its types, or the start of a path, changed
        if triple.predicate == RDF_TYPE:  # a value whose class a path's end may check
            candidates.update(node for path in paths for node in _back(store, {triple.subject}, path))
        for path in paths:
            for index, (predicate, backwards) in enumerate(path):
                if predicate == triple.predicate:
                    start = triple.object if backwards else triple.subject
                    candidates.update(_back(store, {start}, path[:index]))
        candidates.add(triple.object)  # targets of objects-of shapes
    focus, evidence = set(), set()
    for node in candidates:
        if not isinstance(node, (NamedNode, BlankNode)):
            continue
        types = _types(store, node)
        classes = {above for triple in types for above in superclasses.get(triple.object, {triple.object})}
        own = [shape for shape in targeted if shape.targets_node(store, node, classes)]
        if own:
            focus.add(node)
            evidence |= types
            for path in {path for shape in own for path in shape.paths}:
                evidence |= _forward(store, node, path)
    return focus, evidence


def _types(store: Store, node: object) -> set[Triple]:
    return {Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(node, RDF_TYPE, None,
                                                                                        DefaultGraph())}


def _back(store: Store, nodes: set, steps: Path) -> set:
    """The nodes from which `steps` lead to one of `nodes`."""
    for predicate, backwards in reversed(steps):
        nodes = {q.object if backwards else q.subject for node in nodes if not isinstance(node, Literal)
                 for q in store.quads_for_pattern(*((node, predicate, None) if backwards else (None, predicate, node)),
                                                  DefaultGraph())}
    return nodes


def _forward(store: Store, node: object, path: Path) -> set[Triple]:
    """The triples of every instance of `path` from `node`, and the types of the values it reaches."""
    triples: set[Triple] = set()
    nodes = {node}
    for predicate, backwards in path:
        quads = [q for n in nodes if not isinstance(n, Literal)
                 for q in store.quads_for_pattern(*((None, predicate, n) if backwards else (n, predicate, None)),
                                                  DefaultGraph())]
        triples.update(Triple(q.subject, q.predicate, q.object) for q in quads)
        nodes = {q.subject if backwards else q.object for q in quads}
    for value in nodes:
        if not isinstance(value, Literal):
            triples |= _types(store, value)
    return triples
