"""A build's counts and checksums, measured once when its dumps are written and kept in stats.json.

The service shows them on every VoID, service description, stats and downloads request; scanning a large
store for them would take seconds each time, so they are part of the build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyoxigraph import Store

from graph import layout
from ontology.vocabulary import RDF, RESOURCE

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
        layout.statistics_file(build).write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, build: Path) -> BuildStatistics:
        return cls.from_json(layout.statistics_file(build).read_text(encoding="utf-8"))

    @classmethod
    def from_json(cls, text: str) -> BuildStatistics:
        """The statistics from stats.json's text, as a build wrote it (also kept in a pushed build's manifest)."""
        data = json.loads(text)
        dumps = {name: DumpFacts(**facts) for name, facts in data.pop("dumps").items()}
        return cls(**data, dumps=dumps)


def measure(dataset: Store, union: Store, dumps: dict[Path, int]) -> BuildStatistics:
    """Count the named graphs of `dataset` and the triples of `union`; size and hash the dump files written.

    `dumps` gives each file with its number of statements.
    """
    totals = next(iter(union.query(TOTALS)))
    return BuildStatistics(
        triples=len(union),
        graphs=_counts(dataset, GRAPH_COUNTS),
        subjects=int(totals["subjects"].value),
        objects=int(totals["objects"].value),
        entities=int(next(iter(union.query(ENTITIES)))["n"].value),
        classes=_counts(union, CLASS_PARTITIONS),
        properties=_counts(union, PROPERTY_PARTITIONS),
        dumps={path.name: DumpFacts(path.stat().st_size, statements, _sha256(path)) for path, statements in dumps.items()},
    )


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
