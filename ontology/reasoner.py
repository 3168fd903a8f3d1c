"""HermiT over ontology + data, and when it objects, the cause in words a person can act on."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import owlready2
from owlready2 import reasoning as owlready_reasoning
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

from evkg.ontology.locality import closure
from evkg.ontology.problems import Problem

JAVA_HINT = (
    "Java is missing: HermiT, the OWL reasoner behind `evkg validate`, runs on a Java runtime and "
    "no `java` was found on PATH. Install one, e.g. on Debian/Ubuntu: "
    "sudo apt-get install default-jre-headless"
)
# One short run: the client compiler alone and the serial collector. At 1M triples HermiT took 6.3 s, 6.2 CPU-s and
# 415 MB with them, 5.8-7.6 s, 10.5 CPU-s and 650 MB with the JVM's defaults (its optimising compiler and
# parallel collector threads compete with the build for 2 cores, where the build's other work runs meanwhile).
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
NOTHING = str(OWL.Nothing)
UNSATISFIABLE = re.compile(r"^EquivalentClasses\( (.*<" + re.escape(NOTHING) + r">.*) \)$", re.MULTILINE)


class ReasonerUnavailable(RuntimeError):
    """Java (and so HermiT) cannot run on this machine: a set-up problem, not a problem in the data."""


class Hermit:
    """HermiT on one N-Triples file in a JVM of its own, started at once so the caller can work meanwhile.

    Only `-c` (classify classes) is asked: HermiT checks consistency before anything else, and the
    classification names the unsatisfiable classes (equivalent to owl:Nothing). Realising every individual
    and classifying the properties, as owlready2 asks, would take most of the JVM's time and report nothing more.
    """

    def __init__(self, merged: Path) -> None:
        if shutil.which(owlready2.JAVA_EXE) is None:
            raise ReasonerUnavailable(JAVA_HINT)
        self.output = merged.with_name(merged.name + ".hermit")
        command = [owlready2.JAVA_EXE, f"-Xmx{owlready2.JAVA_MEMORY}M", *JVM_OPTIONS,
                   "-cp", owlready_reasoning._HERMIT_CLASSPATH,
                   "org.semanticweb.HermiT.cli.CommandLine", "-c",
                   # xsd:gYearMonth / xsd:gYear / xsd:date literals (evkg:allElectricSince) are outside the OWL 2
                   # datatype map; HermiT treats them as opaque values instead of refusing the data.
                   "--ignoreUnsupportedDatatypes", merged.as_uri()]
        with self.output.open("wb") as output:
            try:
                self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
            except OSError as error:
                raise ReasonerUnavailable(f"{JAVA_HINT} ({error})") from error

    def __enter__(self) -> Hermit:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def findings(self, graph: Callable[[], Graph]) -> list[Problem]:
        """Wait for HermiT; its findings, empty when all is well. An inconsistency's causes are traced in
        `graph()` (ontology + all the data), asked for only then: a large graph is slow to copy into rdflib."""
        code = self.process.wait()
        output = self.output.read_text(encoding="utf-8", errors="replace")
        if code == 1 and "Inconsistent ontology" in output:
            return [
                Problem("inconsistent: HermiT finds no model of the ontology together with the data"),
                *disjoint_clashes(graph()),
            ]
        if code != 0:
            return [Problem.failure(f"HermiT failed: {_last_lines(output)}")]
        unsatisfiable = sorted({iri for line in UNSATISFIABLE.findall(output)
                                for iri in re.findall(r"<([^>]+)>", line) if iri != NOTHING})
        if unsatisfiable:
            return [Problem(f"unsatisfiable class: <{iri}>") for iri in unsatisfiable]
        return []


def reason(graph: Graph) -> list[Problem]:
    """HermiT's findings on one merged ontology + data graph; an empty list means consistent and satisfiable."""
    with tempfile.TemporaryDirectory(prefix="evkg-reasoner-") as folder:
        merged = Path(folder) / "merged.nt"
        graph.serialize(merged, format="nt", encoding="utf-8")
        with Hermit(merged) as hermit:
            return hermit.findings(lambda: graph)


def disjoint_clashes(graph: Graph) -> list[Problem]:
    """Individuals that are (as stated, or by a property's domain or range) in two disjoint classes."""
    supers = _superclasses(graph)
    disjoint = _disjoint_pairs(graph)
    reasons: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)

    def add(node: object, cls: object, why: str) -> None:
        if isinstance(node, URIRef) and isinstance(cls, URIRef):
            for ancestor in supers.get(cls, {cls}):
                reasons[node].setdefault(ancestor, why)

    for node, cls in graph.subject_objects(RDF.type):
        add(node, cls, f"typed {_short(graph, cls)}")
    for prop, domain in graph.subject_objects(RDFS.domain):
        for node in graph.subjects(prop, None):
            add(node, domain, f"subject of {_short(graph, prop)}")
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        for rng in graph.objects(prop, RDFS.range):
            for node in graph.objects(None, prop):
                add(node, rng, f"object of {_short(graph, prop)}")
    clashes = []
    for node, classes in sorted(reasons.items()):
        for first, second in itertools.combinations(sorted(classes), 2):
            if (first, second) in disjoint:
                clashes.append(Problem(
                    f"cause: <{node}> is in disjoint classes {_short(graph, first)} ({classes[first]}) "
                    f"and {_short(graph, second)} ({classes[second]})", (node,)))
    return clashes


def _superclasses(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each named class with all its named superclasses (itself included)."""
    return closure((sub, sup) for sub, sup in graph.subject_objects(RDFS.subClassOf)
                   if isinstance(sub, URIRef) and isinstance(sup, URIRef))


def _disjoint_pairs(graph: Graph) -> set[tuple[URIRef, URIRef]]:
    """Ordered and reversed pairs of classes declared disjoint, pairwise or in an AllDisjointClasses."""
    groups = [[first, second] for first, second in graph.subject_objects(OWL.disjointWith)]
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(axiom, OWL.members):
            groups.append(list(Collection(graph, members)))
    pairs = set()
    for group in groups:
        for first, second in itertools.permutations(group, 2):
            pairs.add((first, second))
    return pairs


def _short(graph: Graph, term: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(term)


def _last_lines(text: str, count: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-count:])
