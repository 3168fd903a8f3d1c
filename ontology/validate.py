"""The check `evkg validate` and every build run before publishing: HermiT reasoning plus the SHACL shapes."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from evkg.ontology import ONTOLOGY_FILE
from evkg.ontology.problems import Problem
from evkg.ontology.provenance import reasoner_lines
from evkg.ontology.reasoner import Hermit, ReasonerUnavailable
from evkg.ontology.shacl import shacl_problems
from evkg.ontology.triples import Unreadable, rdflib_graph, read_lines, write_lines

__all__ = ["Problem", "ReasonerUnavailable", "ValidationReport", "validate"]


@dataclass(frozen=True)
class ValidationReport:
    """What HermiT and SHACL found; `ok` only when the data is consistent and conforms."""

    reasoning: tuple[Problem, ...] = ()  # inconsistency (with its causes), unsatisfiable classes, or HermiT's failure
    shacl: tuple[Problem, ...] = ()  # one per SHACL result
    unreadable: tuple[Problem, ...] = ()  # data files that could not be parsed (then nothing else ran)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problems(self) -> list[Problem]:
        return [*self.unreadable, *self.reasoning, *self.shacl]

    def __str__(self) -> str:
        if self.unreadable:
            return "\n".join(map(str, self.unreadable))
        lines = list(map(str, self.reasoning)) or ["consistent"]
        if self.shacl:
            lines += [f"SHACL: {len(self.shacl)} violation(s)", *map(str, self.shacl)]
        else:
            lines.append("SHACL: conforms")
        return "\n".join(lines)


def validate(data_files: Sequence[Path], focus: set[str] | None = None, canonical: bool = False) -> ValidationReport:
    """Reason over ontology + data with HermiT and check the data against the shapes; prints nothing.

    Raises ReasonerUnavailable when Java is missing. The files are parsed once (pyoxigraph). The SHACL
    engine checks all the triples, written back as one N-Triples file, in a thread (it runs without the GIL)
    while the provenance nodes that cannot make the data inconsistent are found (ontology/provenance.py) and
    HermiT, in its own JVM, reasons over the ontology and the rest of the data. An rdflib copy is made only
    to trace the cause of an inconsistency.
    With `focus` (IRIs), the data are the neighbourhood of a change (ontology/locality.py) and only the
    SHACL results on those focus nodes count. `canonical`: the data files are N-Triples written by pyoxigraph from
    one store (ontology/triples.py copies them without parsing them again).
    """
    with tempfile.TemporaryDirectory(prefix="evkg-validate-") as folder:
        try:
            lines, prefixes = read_lines([ONTOLOGY_FILE, *([] if canonical else data_files)], Path(folder))
        except Unreadable as error:
            return ValidationReport(unreadable=(Problem.failure(str(error)),))
        given, merged = Path(folder) / "reasoner.nt", Path(folder) / "merged.nt"
        write_lines(lines, merged, canonical=data_files if canonical else ())
        del lines
        with ThreadPoolExecutor(1, thread_name_prefix="shacl") as shacl_thread:
            shacl = shacl_thread.submit(shacl_problems, merged, focus)
            write_lines(reasoner_lines(merged), given)
            with Hermit(given) as hermit:
                reasoning = hermit.findings(lambda: rdflib_graph(
                    pyoxigraph.parse(path=merged, format=pyoxigraph.RdfFormat.N_TRIPLES), prefixes))
            return ValidationReport(reasoning=tuple(reasoning), shacl=tuple(shacl.result()))
