"""Where a pushed build lives in an external store; the only module that knows the store's shape.

<…/graph/build/<push>/default>        the merged default graph of the build
<…/graph/build/<push>/entities>       and every named graph under its logical name's tail
<…/graph/build/<push>/ontology>       the ontology graph (<https://w3id.org/evkg/ontology> in the build)
<…/graph/build/<push>/manifest>       which logical graph each one is, the build's statistics and manifest
                                      (JSON texts in numbered parts)
<…/graph/current>                     one triple naming the served push: the switch readers follow

A push writes everything under a new push name, then replaces the one-triple `current` graph, then
drops the previous push: readers follow `current`, so they see one build or the next, never a mixture.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Triple

from evkg.ontology.vocabulary import BASE, GRAPH, ONTOLOGY_IRI

CURRENT_GRAPH = GRAPH + "current"
BUILDS_PREFIX = GRAPH + "build/"
VOCABULARY = BASE + "push#"
POINTS_TO = VOCABULARY + "push"
BUILD_ID = VOCABULARY + "build"
DEFAULT_GRAPH = VOCABULARY + "defaultGraph"
NAMED_GRAPH = VOCABULARY + "namedGraph"
LOGICAL_NAME = VOCABULARY + "logicalName"
STATISTICS = VOCABULARY + "statistics"
MANIFEST = VOCABULARY + "manifest"

# Virtuoso 7.2's Graph Store endpoint refuses a request holding a literal over about 64 KB ("unsupported type
# text/plain"); a 4,000-document build's manifest is 1 MB. So the JSON texts go in numbered parts, each under
# that even at 4 bytes a character in UTF-8.
PART_CHARACTERS = 8_000

CURRENT_QUERY = f"SELECT ?push WHERE {{ GRAPH <{CURRENT_GRAPH}> {{ <{CURRENT_GRAPH}> <{POINTS_TO}> ?push }} }}"


def manifest_query(push: str) -> str:
    """Every triple of a push's manifest graph, as ?s ?p ?o rows."""
    return f"SELECT ?s ?p ?o WHERE {{ GRAPH <{push}manifest> {{ ?s ?p ?o }} }}"


def new_push(build_id: str) -> str:
    """The graph-name prefix of a new push of this build; unique even when the same build is pushed again."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{BUILDS_PREFIX}{build_id}.{stamp}/"


def physical(push: str, logical: str | None) -> str:
    """The store's name of a build graph; None is the merged default graph."""
    if logical is None:
        return push + "default"
    if logical == ONTOLOGY_IRI:
        return push + "ontology"
    if logical.startswith(GRAPH):
        return push + logical[len(GRAPH):]
    raise ValueError(f"{logical} is not a graph name evkg writes")


@dataclass(frozen=True)
class PushedBuild:
    """What the manifest graph says: the build, its graphs by logical name, statistics and manifest (JSON)."""

    push: str
    build_id: str
    default_graph: str
    graphs: dict[str, str]  # logical name -> store name
    statistics: str
    manifest: str

    def manifest_triples(self) -> list[Quad]:
        """The manifest graph's content."""
        subject, graph = NamedNode(self.push), NamedNode(self.push + "manifest")
        quads = [
            Quad(subject, NamedNode(BUILD_ID), Literal(self.build_id), graph),
            Quad(subject, NamedNode(DEFAULT_GRAPH), NamedNode(self.default_graph), graph),
        ]
        for predicate, text in ((STATISTICS, self.statistics), (MANIFEST, self.manifest)):
            quads += [Quad(subject, NamedNode(predicate), Literal(part), graph) for part in _parts(text)]
        for logical, stored in self.graphs.items():
            quads.append(Quad(subject, NamedNode(NAMED_GRAPH), NamedNode(stored), graph))
            quads.append(Quad(NamedNode(stored), NamedNode(LOGICAL_NAME), NamedNode(logical), graph))
        return quads

    def switch_triple(self) -> Triple:
        """The one triple of the `current` graph that makes this push the served one."""
        return Triple(NamedNode(CURRENT_GRAPH), NamedNode(POINTS_TO), NamedNode(self.push))

    def all_graphs(self) -> list[str]:
        """Every graph this push wrote, the manifest last (it is how a later push finds the others)."""
        return [self.default_graph, *self.graphs.values(), self.push + "manifest"]

    @classmethod
    def from_triples(cls, push: str, triples: list[tuple[str, str, str]]) -> PushedBuild:
        """Read a manifest graph given as (subject, predicate, object value) rows; ValueError when incomplete."""
        values = {predicate: value for subject, predicate, value in triples if subject == push}
        logical = {subject: value for subject, predicate, value in triples if predicate == LOGICAL_NAME}
        stored = [value for subject, predicate, value in triples if subject == push and predicate == NAMED_GRAPH]
        missing = [name for name in (BUILD_ID, DEFAULT_GRAPH, STATISTICS, MANIFEST) if name not in values]
        if missing or any(name not in logical for name in stored):
            raise ValueError(f"the manifest graph of {push} is incomplete")
        texts = [_joined([value for subject, predicate, value in triples if subject == push and predicate == name])
                 for name in (STATISTICS, MANIFEST)]
        return cls(push, values[BUILD_ID], values[DEFAULT_GRAPH], {logical[name]: name for name in stored}, *texts)


def _parts(text: str) -> list[str]:
    """The text cut into literals of PART_CHARACTERS, each led by its number ("00000:…") so that the set of
    them, in whatever order a store returns it, gives the text back."""
    starts = range(0, max(len(text), 1), PART_CHARACTERS)
    return [f"{number:05d}:{text[start:start + PART_CHARACTERS]}" for number, start in enumerate(starts)]


def _joined(parts: list[str]) -> str:
    """The text that `_parts` cut; a ValueError when a part is not numbered."""
    try:
        numbered = sorted((int(part[:5]), part[6:]) for part in parts if part[5:6] == ":")
    except ValueError as error:
        raise ValueError("a manifest text part is not numbered") from error
    if len(numbered) != len(parts) or [number for number, _ in numbered] != list(range(len(parts))):
        raise ValueError("the manifest's text parts are incomplete")
    return "".join(text for _, text in numbered)


def read_json(path: Path) -> str:
    """A build's JSON file as compact text, as the manifest graph keeps it."""
    return json.dumps(json.loads(path.read_text(encoding="utf-8")), separators=(",", ":"))
