"""Shared by the extraction tests: read an article (front matter stripped), extract it, load its quads into a Store."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from evkg.settings import load_settings
from evkg.graph.documents import read_document
from evkg.graph.extract import extract
from evkg.graph.derived import ENTITY_DIRECTORY
from evkg.graph.rdf import document_quads
from evkg.graph.records import DocumentInfo, Extraction

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """PREFIX evkg: <https://w3id.org/evkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def document(path: Path) -> tuple[DocumentInfo, Extraction]:
    """A DocumentInfo and the extraction of one article file."""
    info = read_document(path, load_settings(environ={}).max_document_size, [])  # as the build reads it
    return info, extract(info.text, info.published)


def store_of(*paths: Path) -> Store:
    """An in-memory store holding the documents' graphs and the entity directory."""
    store = Store()
    docs = [document(p) for p in paths]
    for info, extraction in docs:
        store.extend(document_quads(info, extraction))
    store.extend(ENTITY_DIRECTORY.of({info.slug: x for info, x in docs}))
    return store


def select(store: Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of all graphs, values as plain strings."""
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def facts(text: str) -> set[tuple[str, str, str]]:
    """Every fact extracted from `text`, as (subject, predicate, object) keys."""
    return {(f.subject, f.predicate, f.object) for f in extract(text).facts}


def pairs(text: str, predicate: str) -> set[tuple[str, str]]:
    """The (subject, object) keys of the facts with this predicate."""
    return {(subject, obj) for subject, kind, obj in facts(text) if kind == predicate}


def objects(text: str, predicate: str) -> set[str]:
    """The object keys (or values) of the facts with this predicate."""
    return {obj for _, obj in pairs(text, predicate)}


def launched(text: str) -> set[tuple[str, str]]:
    """The (model key, launch period) of each market launch extracted."""
    extraction = extract(text)
    of = {f.subject: f.object for f in extraction.facts if f.predicate == "launchOf"}
    return {(of[f.subject], f.object) for f in extraction.facts if f.predicate == "launchPeriod"}


def produced(text: str) -> set[tuple[str, str]]:
    return pairs(text, "produces")


def parts(text: str) -> set[tuple[str, str]]:
    return pairs(text, "hasPart")


def operators(text: str) -> set[str]:
    return {obj for _, obj in pairs(text, "operatedBy")}
