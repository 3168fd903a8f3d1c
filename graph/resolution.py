"""Resolution across documents that survives a document it cannot take: the culprits are found and set aside."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass, field

from evkg.graph.corpus import unify
from evkg.graph.documents import Skipped
from evkg.graph.quarantine import partition
from evkg.graph.records import DocumentInfo, Extraction

STEP = "resolution across documents"
log = logging.getLogger(__name__)
Extractions = dict[str, tuple[DocumentInfo, Extraction]]  # file name -> document and its own extraction


@dataclass
class Resolved:
    """The admitted documents' extractions with keys resolved across them (in build order), and those set aside."""

    unified: dict[str, Extraction] = field(default_factory=dict)
    failures: list[Skipped] = field(default_factory=list)


def resolve(extractions: Extractions) -> Resolved:
    """unify() over every document; when it raises, the documents that make it raise are found by group testing
    (graph.quarantine) and set aside, and the others are resolved without them.

    The RDF of each document's own extraction was emitted once already (graph.extracting); unify only puts keys and
    labels of other documents in place of its own, so the rewritten extractions are not emitted again here (that
    would cost a tenth of the extraction time again, in one process).
    """
    errors: dict[str, tuple[Exception, str]] = {}  # problem -> the exception and its traceback
    passed: dict[tuple[str, ...], dict[str, Extraction]] = {}

    def check(files: list[str]) -> list[str]:
        try:
            passed[tuple(files)] = _unified(extractions, files)
        except Exception as error:
            problem = f"{type(error).__name__}: {error}"
            errors.setdefault(problem, (error, traceback.format_exc()))
            return [problem]
        return []

    files = list(extractions)
    problems = check(files)
    if not problems:
        return Resolved(passed[tuple(files)])
    parts = partition(files, [], problems, check)
    resolved = Resolved(passed.get(tuple(parts.accepted)) or _unified(extractions, parts.accepted))
    for file, [problem] in parts.rejected:
        error, trace = errors[problem]
        resolved.failures.append(Skipped.failed(file, STEP, error))
        log.error("%s: %s\n%s", file, resolved.failures[-1].reason, trace)
    return resolved


def _unified(extractions: Extractions, files: list[str]) -> dict[str, Extraction]:
    """unify() over these documents: file -> its extraction with the keys resolved across them."""
    return dict(zip(files, unify([extractions[file][1] for file in files])))
