"""HermiT over ontology + data through owlready2, and when it objects, the cause in words a person can act on."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import owlready2
from owlready2 import reasoning as owlready_reasoning
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

JAVA_HINT = (
    "Java is missing: HermiT, the OWL reasoner behind `evkg validate`, runs on a Java runtime and "
    "no `java` was found on PATH. Install one, e.g. on Debian/Ubuntu: "
    "sudo apt-get install default-jre-headless"
)
EXPLAIN_TIMEOUT = 120


class ReasonerUnavailable(RuntimeError):
    """Java (and so HermiT) cannot run on this machine: a set-up problem, not a problem in the data."""


def reason(graph: Graph) -> list[str]:
    """HermiT's findings on one merged ontology + data graph; an empty list means consistent and satisfiable."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ReasonerUnavailable(JAVA_HINT)
    with tempfile.TemporaryDirectory(prefix="evkg-reasoner-") as folder:
        merged = Path(folder) / "merged.nt"
        graph.serialize(merged, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(merged.as_uri()).load()
            try:
                # xsd:gYearMonth / xsd:gYear / xsd:date literals (evkg:allElectricSince) are outside the
                # OWL 2 datatype map; HermiT treats them as opaque values instead of refusing the data.
                owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
            except owlready2.OwlReadyInconsistentOntologyError:
                return [
                    "inconsistent: HermiT finds no model of the ontology together with the data",
                    *disjoint_clashes(graph),
                    *_pellet_explanation(merged, "--inconsistent"),
                ]
            except owlready2.OwlReadyJavaError as error:
                return [f"HermiT failed: {_last_lines(str(error))}"]
            except OSError as error:
                raise ReasonerUnavailable(f"{JAVA_HINT} ({error})") from error
            unsatisfiable = sorted(cls.iri for cls in world.inconsistent_classes())
            if unsatisfiable:
                return [f"unsatisfiable class: <{iri}>" for iri in unsatisfiable] + _pellet_explanation(
                    merged, "--all-unsat"
                )
            return []
        finally:
            world.close()


def disjoint_clashes(graph: Graph) -> list[str]:
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
                clashes.append(
                    f"cause: <{node}> is in disjoint classes {_short(graph, first)} ({classes[first]}) "
                    f"and {_short(graph, second)} ({classes[second]})"
                )
    return clashes


def _superclasses(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each named class with all its named superclasses (itself included)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[sub].add(sup)
    closure = {}
    for cls in list(direct):
        seen, todo = {cls}, [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closure[cls] = seen
    return closure


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


def _pellet_explanation(merged: Path, question: str) -> list[str]:
    """Pellet's justification (the minimal set of axioms behind the problem), as `explain:` lines."""
    command = [owlready2.JAVA_EXE, f"-Xmx{owlready2.JAVA_MEMORY}M", "-cp", owlready_reasoning._PELLET_CLASSPATH,
               "pellet.Pellet", "explain", "--ignore-imports", question, merged.as_uri()]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=EXPLAIN_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return [f"explain: Pellet could not explain it ({error})"]
    lines = [line.strip() for line in done.stdout.splitlines()]
    axioms = [line for line in lines if line and not line.startswith(("Axiom:", "Explanation(s):"))]
    if done.returncode != 0 or not axioms:
        return [f"explain: Pellet could not explain it ({_last_lines(done.stderr or done.stdout)})"]
    return [f"explain: {line}" for line in axioms]


def _short(graph: Graph, term: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(term)


def _last_lines(text: str, count: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-count:])
