"""A build's counts and checksums, measured once when its dumps are written and kept in stats.json.

The service shows them on every VoID, service description, stats and downloads request; scanning a large
store for them would take seconds each time, so they are part of the build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Store, Triple

from evkg.graph import json_files, layout
from evkg.graph.store import Change
from evkg.ontology.vocabulary import RDF, RESOURCE

TYPE = NamedNode(RDF + "type")
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
CLASS_PARTITIONS = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"
PROPERTY_PARTITIONS = "SELECT ?class (COUNT(*) AS ?n) WHERE { ?s ?class ?o } GROUP BY ?class"
TOTALS = "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }"
ENTITIES = f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s <{RDF}type> ?class . FILTER(STRSTARTS(STR(?s), "{RESOURCE}"))
}}"""


@dataclass(frozen=True)
class DumpFacts:
    """What the downloads page and VoID say about one dump file."""

    size: int
    statements: int
    sha256: str


@dataclass(frozen=True)
class BuildStatistics:
    """Triple counts of the union (the default graph) and of each named graph, VoID partitions, dump facts."""

    triples: int
    graphs: dict[str, int]
    subjects: int
    objects: int
    entities: int
    classes: dict[str, int]
    properties: dict[str, int]
    dumps: dict[str, DumpFacts] = field(default_factory=dict)

    def write(self, build: Path) -> None:
        """Replace stats.json in one rename: a build's dumps may be measured into it while it is served."""
        json_files.write(layout.statistics_file(build), asdict(self))

    @classmethod
    def read(cls, build: Path) -> BuildStatistics:
        return cls.from_json(layout.statistics_file(build).read_text(encoding="utf-8"))

    @classmethod
    def from_json(cls, text: str) -> BuildStatistics:
        """The statistics from stats.json's text, as a build wrote it (also kept in a pushed build's manifest)."""
        data = json.loads(text)
        dumps = {name: DumpFacts(**facts) for name, facts in data.pop("dumps").items()}
        return cls(**data, dumps=dumps)


def graph_sizes(dataset: Store) -> dict[str, int]:
    """The number of triples of each named graph of `dataset`."""
    return _counts(dataset, GRAPH_COUNTS)


def measure(graphs: dict[str, int], union: Store, dumps: dict[Path, int]) -> BuildStatistics:
    """The statistics of a build from its named graphs' sizes (`graph_sizes`) and the triples of `union`; size and
    hash the dump files written.

    `dumps` gives each file with its number of statements.
    """
    totals = next(iter(union.query(TOTALS)))
    return BuildStatistics(
        triples=len(union),
        graphs=graphs,
        subjects=int(totals["subjects"].value),
        objects=int(totals["objects"].value),
        entities=int(next(iter(union.query(ENTITIES)))["n"].value),
        classes=_counts(union, CLASS_PARTITIONS),
        properties=_counts(union, PROPERTY_PARTITIONS),
        dumps={path.name: DumpFacts(path.stat().st_size, statements, _sha256(path)) for path, statements in dumps.items()},
    )


def patched(previous: BuildStatistics, store: Store, change: Change, graphs: dict[str, int]) -> BuildStatistics:
    """The counts `measure` would give, moved from the previous build's by a change of the default graph (the store
    is already patched) and the new sizes of the named graphs that changed (0: gone); no dumps yet.

    Only the terms the change touches are looked up, so this costs milliseconds where measuring costs seconds.
    """
    touched = change.added | change.removed
    properties, classes = Counter(previous.properties), Counter(previous.classes)
    for triples, sign in ((change.added, 1), (change.removed, -1)):
        for triple in triples:
            properties[triple.predicate.value] += sign
            if triple.predicate == TYPE:
                classes[triple.object.value] += sign
    subjects, objects = {t.subject for t in touched}, {t.object for t in touched}
    typed = {t.subject for t in touched if t.predicate == TYPE and isinstance(t.subject, NamedNode)
             and t.subject.value.startswith(RESOURCE)}
    gone_subjects, gone_objects = {t.subject for t in change.removed}, {t.object for t in change.removed}
    gone_typed = {t.subject for t in change.removed if t.predicate == TYPE}
    return dataclasses.replace(
        previous,
        triples=previous.triples + len(change.added) - len(change.removed),
        graphs=_positive({**previous.graphs, **graphs}),
        subjects=previous.subjects + sum(_moved(store, change, (s, None, None), s in gone_subjects) for s in subjects),
        objects=previous.objects + sum(_moved(store, change, (None, None, o), o in gone_objects) for o in objects),
        entities=previous.entities + sum(_moved(store, change, (s, TYPE, None), s in gone_typed) for s in typed),
        classes=_positive(classes), properties=_positive(properties), dumps={})


def _moved(store: Store, change: Change, pattern: tuple, matched_a_removed_triple: bool) -> int:
    """+1 when the default graph matches `pattern` now and did not before the change, -1 the other way round."""
    now, before = False, matched_a_removed_triple
    for quad in store.quads_for_pattern(*pattern, DefaultGraph()):
        now = True
        if Triple(quad.subject, quad.predicate, quad.object) not in change.added:
            before = True
            break
    return int(now) - int(before)


def _positive(counts: dict[str, int]) -> dict[str, int]:
    """Counts above zero, sorted by IRI as the measuring queries give them."""
    return dict(sorted((key, count) for key, count in counts.items() if count > 0))


def _counts(store: Store, query: str) -> dict[str, int]:
    """{IRI: count} from a query whose first column is an IRI and whose second is `?n`, sorted by IRI."""
    rows = [(row[0].value, int(row["n"].value)) for row in store.query(query)]
    return dict(sorted(rows))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
