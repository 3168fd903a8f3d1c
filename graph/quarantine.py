"""When a build's graph is invalid: find the documents that make it so, to set them aside and publish the rest.

Validation names nodes (SHACL focus nodes and values, HermiT's causes); the documents whose graphs name
those nodes are the suspects. The other documents are checked alone; then the suspects are added to
them group by group, a failing group being split in halves (group testing), so that k bad documents
among s suspects cost about k·log2(s) validations, and a document that only clashes with another is
set aside while the one added before it (the already published one, when there is one) stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pyoxigraph import NamedNode, Store

from evkg.ontology.vocabulary import RESOURCE

T = TypeVar("T")
Check = Callable[[list[T]], list[str]]  # the validation problems of a graph made of these documents
# problems of the validator itself, not of the data: no document is set aside for them (ontology/validate.py)
VALIDATOR_FAILURES = ("HermiT failed", "cannot read ")
RESOURCE_IRI = re.compile(r"<(" + re.escape(RESOURCE) + r"[^>\s]+)>")


@dataclass
class Partition(Generic[T]):
    """The documents whose graph together is valid, and each set-aside document with the problems it brought."""

    accepted: list[T] = field(default_factory=list)
    rejected: list[tuple[T, list[str]]] = field(default_factory=list)


def named_nodes(problems: Iterable[str]) -> set[str]:
    """The evkg resources (entities, fact nodes, documents) that validation problems name."""
    return {match.group(1) for problem in problems for match in RESOURCE_IRI.finditer(problem)}


def graphs_naming(store: Store, iris: Iterable[str]) -> set[str]:
    """The named graphs of the store in which any of these IRIs is a subject or an object."""
    graphs = set()
    for iri in iris:
        node = NamedNode(iri)
        for quad in [*store.quads_for_pattern(node, None, None), *store.quads_for_pattern(None, None, node)]:
            graphs.add(quad.graph_name.value)
    return graphs


def partition(documents: Sequence[T], suspects: Sequence[T], problems: list[str], check: Check) -> Partition[T]:
    """Split `documents`, whose graph has `problems`, into a valid part and the documents set aside.

    `suspects` (in the order they are to be admitted) are the documents the problems point at; when they
    are none, or the others are not valid without them, every document is a suspect.
    """
    suspected = set(suspects)
    clean = [document for document in documents if document not in suspected]
    if not suspects or (clean and check(clean)):
        clean, suspects = [], list(documents)
    result: Partition[T] = Partition(accepted=clean)
    _admit(result, list(suspects), problems, check)
    return result


def _admit(result: Partition[T], group: list[T], known: list[str] | None, check: Check) -> None:
    """Add `group` to the accepted documents if they stay valid, else split it; `known` are its problems if known."""
    problems = check(result.accepted + group) if known is None else known
    if not problems:
        result.accepted.extend(group)
        return
    if len(group) == 1:
        result.rejected.append((group[0], problems))
        return
    half = len(group) // 2
    rejected_before = len(result.rejected)
    _admit(result, group[:half], None, check)
    # with the whole first half admitted, accepted + second half is the group that was just found invalid
    _admit(result, group[half:], problems if len(result.rejected) == rejected_before else None, check)
