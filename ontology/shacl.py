"""The SHACL shapes run with `shacl` (a SHACL Core engine in Rust), each result turned into one line a person can read.

pyshacl checks the same shapes with the same results (tests/test_shacl_engine.py compares them), but on
a build of a million triples it needs an rdflib copy of the data and took about 50 s where this engine,
reading the N-Triples file itself, takes about 2 s.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import shacl
from rdflib import URIRef

from evkg.ontology import SHAPES_FILE
from evkg.ontology.problems import Problem
from evkg.ontology.vocabulary import PREFIXES

# Short prefixes for the vocabularies a reader knows; entity IRIs stay whole so they can be copied.
READER_PREFIXES = tuple((prefix, PREFIXES[prefix]) for prefix in ("evkg", "rdfs", "skos", "dcterms", "xsd"))
IRI = re.compile(r"<([^<>\"\s]*)>")


def shacl_problems(data_file: Path, focus: set[str] | None = None) -> list[Problem]:
    """Every SHACL result on `data_file` (N-Triples: the data together with the ontology), sorted; empty when it
    conforms. With `focus` (IRIs), only the results on those focus nodes: the file may hold other nodes only in part.

    The ontology is in the data, so a shape on evkg:Organization also checks companies; no RDFS/OWL
    inference is run here: entailment is HermiT's job, SHACL checks what is stated.
    """
    report = shapes().validate_file(str(data_file), inference="none")
    return [] if report.conforms else describe(report.results, focus)


@cache
def shapes() -> shacl.Shapes:
    """The shapes, compiled once per process."""
    return shacl.Shapes.from_file(str(SHAPES_FILE))


def describe(results: list[shacl.Result], focus: set[str] | None = None) -> list[Problem]:
    """One problem per SHACL result (on the `focus` nodes only, when given), sorted by message; each names its
    focus node and its value when they are IRIs."""
    problems = []
    for result in results:
        node = _iri(result.focus_node)
        if focus is None or node in focus:
            nodes = (node, _iri(result.value))
            problems.append(Problem(_describe(result), tuple(dict.fromkeys(URIRef(n) for n in nodes if n))))
    return sorted(problems, key=str)


def _describe(result: shacl.Result) -> str:
    """`SHACL Violation: <focus> path [Constraint]: message (value …)`."""
    component = result.component.removesuffix("ConstraintComponent")
    text = f"SHACL {result.severity}: {_short(result.focus_node)}"
    if result.path is not None:
        text += f" {_short(result.path)}"
    text += f" [{component}]: {result.message}"
    if result.value is not None and result.value != result.focus_node:
        text += f" (value {_short(result.value)})"
    return text


def _iri(term: str | None) -> str | None:
    """The IRI of a term in N-Triples syntax, or None for a literal, a blank node or no term."""
    match = IRI.fullmatch(term or "")
    return match.group(1) if match else None


def _short(text: str) -> str:
    """The IRIs of an N-Triples term or a SPARQL path in the readers' prefixes where one fits (evkg:units,
    xsd:integer); a literal's lexical form is left as it is."""
    if text.startswith('"'):
        lexical, marker, datatype = text.rpartition('"^^')
        return lexical + marker + _short(datatype) if marker else text

    def shorten(match: re.Match[str]) -> str:
        iri = match.group(1)
        for prefix, namespace in READER_PREFIXES:
            local = iri.removeprefix(namespace)
            if local != iri and re.fullmatch(r"[A-Za-z_][\w-]*", local):
                return f"{prefix}:{local}"
        return match.group(0)
    return IRI.sub(shorten, text)
