"""After a change, the part of the graph whose validation decides whether the whole graph is valid, and why.

A build after a change starts from the previous build, which passed HermiT and the SHACL shapes, and
knows the triples that entered and left the merged default graph. It validates the ontology together with
a neighbourhood of those triples; the verdict is the one a validation of the whole graph would give.

HermiT (consistency). Removing triples never makes consistent data inconsistent (OWL is monotonic), so
only the added triples matter. The argument holds for ontologies whose axioms are of these kinds, which
`axioms()` checks in evkg.ttl before any build relies on it: subclass and disjointness of named classes,
unions of named classes as domains or ranges, domains, ranges (classes, datatypes, datatype restrictions),
sub-properties, inverses, functional properties, individuals with their classes and AllDifferent, and
cardinality restrictions only as superclasses and only with a filler that the property's range already
implies: at most one, exactly one or at least one on functional properties, and at least one on a
property that neither itself nor any super-property is functional (a record's units: sources may give
several); no nominals, property chains,
keys, transitive or symmetric properties, equivalences or complements. Such axioms say something about
one individual from the triples that name it, and nothing that travels further: a domain constrains the
subject, a range the object, whatever else either is; functionality constrains one subject's values; a
restriction's filler adds nothing to its value that the range does not, and an at-least restriction on a
property with no functional constraint above it is met by a fresh value of its filler, which no axiom ties
to anything else. Two things could carry a
constraint further: data that speaks the ontology's own language (a document stating rdfs:subClassOf
would change the axioms for everyone), which `schema_triples()` rules out by comparing the build's
counts of that vocabulary with the ontology's own; and an individual with two values of a functional
property, which makes the two values one individual and merges their constraints. Every full build
records whether its graph has such a merge; a build after a change keeps that true by checking the
individuals the added triples name, the only places where a new merge can begin (`new_merges()`; through
an inverse property, a new value may begin at the object).

Without merges, the data are consistent exactly when, for every individual x, the ontology is consistent
with U(x): the triples of which x is the subject (annotations aside) and those of which x is the object
through a property that says something about its object (a range, or an inverse, itself or in a
super-property). One direction is monotonicity; for the other, give each individual the classes it has in
a model of its own U(x), with the unnamed values that model gives it, and the property values the data
state: every axiom kind above is then satisfied individual by individual. An added triple names its
subject and object, so only their U(x) can change; every other U(x) only lost triples since the previous
build, which was consistent. Validating the ontology with the U(x) of the individuals the added triples
name therefore gives the verdict of the whole graph. Unsatisfiable classes need no data here: with no
nominals they depend on the ontology alone, and a build whose ontology changed is a full build.

SHACL (the shapes, closed world). The result for a focus node reads only its types, the values its shapes'
paths reach from it, and the types of those values (ontology/shape_paths.py checks that the shapes use
nothing else). A path instance that exists in one graph and not the other holds a changed triple; the path
from the focus node to the first changed triple on it is unchanged, so walking the paths back from every
changed triple (added or removed) over the new graph finds every focus node whose result can differ. Those
nodes are validated with everything their shapes read; the other nodes' results are those of the previous
build: no violation.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, RdfFormat, Store, Triple, parse

from evkg.ontology import ONTOLOGY_FILE
from evkg.ontology.shape_paths import OutsideArgument, shape_reach
from evkg.ontology.vocabulary import OWL, RDF, RDFS

TYPE, FIRST, REST, NIL = (NamedNode(RDF + name) for name in ("type", "first", "rest", "nil"))
SUBCLASS, SUBPROPERTY, DOMAIN, RANGE = (NamedNode(RDFS + name) for name in ("subClassOf", "subPropertyOf", "domain",
                                                                              "range"))
INVERSE, FUNCTIONAL, RESTRICTION, ON_PROPERTY, UNION, ON_DATATYPE = (NamedNode(OWL + name) for name in (
    "inverseOf", "FunctionalProperty", "Restriction", "onProperty", "unionOf", "onDatatype"))
OBJECT_PROPERTY, DATATYPE_PROPERTY, ANNOTATION_PROPERTY = (NamedNode(OWL + name) for name in (
    "ObjectProperty", "DatatypeProperty", "AnnotationProperty"))
THING, LITERAL = NamedNode(OWL + "Thing"), NamedNode(RDFS + "Literal")
FILLERS = (NamedNode(OWL + "onClass"), NamedNode(OWL + "onDataRange"))
# cardinality -> the values it may take for the argument: at most one and at least one follow from functionality
# and from the unnamed value a model may give; anything else is a constraint of its own
CARDINALITIES = {NamedNode(OWL + name): allowed for name, allowed in (
    ("cardinality", {"1"}), ("qualifiedCardinality", {"1"}), ("minCardinality", {"0", "1"}),
    ("minQualifiedCardinality", {"0", "1"}), ("maxCardinality", None), ("maxQualifiedCardinality", None))}
AT_LEAST = {NamedNode(OWL + "minCardinality"), NamedNode(OWL + "minQualifiedCardinality")}
# the ontology's own vocabulary the argument covers; any other RDF/RDFS/OWL term in evkg.ttl puts it outside
COVERED_PREDICATES = {TYPE, FIRST, REST, SUBCLASS, SUBPROPERTY, DOMAIN, RANGE, INVERSE, ON_PROPERTY, UNION, ON_DATATYPE,
                      *FILLERS, *CARDINALITIES, *(NamedNode(OWL + name) for name in (
                          "disjointWith", "members", "distinctMembers", "withRestrictions", "versionIRI",
                          "versionInfo")),
                      *(NamedNode(RDFS + name) for name in ("label", "comment", "seeAlso", "isDefinedBy"))}
COVERED_TYPES = {FUNCTIONAL, RESTRICTION, OBJECT_PROPERTY, DATATYPE_PROPERTY, ANNOTATION_PROPERTY,
                 *(NamedNode(OWL + name) for name in ("Class", "NamedIndividual", "Ontology", "AllDisjointClasses",
                                                      "AllDifferent")), NamedNode(RDFS + "Datatype")}
BUILTIN_ANNOTATIONS = {NamedNode(RDFS + name) for name in ("label", "comment", "seeAlso", "isDefinedBy")} | {
    NamedNode(OWL + "versionInfo")}
Node = NamedNode | BlankNode


@dataclass(frozen=True)
class Axioms:
    """What the argument reads from the ontology, once it has checked that every axiom is of a covered kind."""

    triples: frozenset[Triple]
    vocabulary: frozenset[NamedNode]  # classes, properties, datatypes: terms, never individuals
    annotations: frozenset[NamedNode]  # properties without meaning for a reasoner
    constrains_object: frozenset[NamedNode]  # properties whose triples say something about their object
    functional: dict[NamedNode, frozenset[tuple[NamedNode, bool]]]  # functional object property -> the
    # (property, read backwards) whose triples give it values: sub-properties and inverses


@functools.cache
def axioms(ontology: Path = ONTOLOGY_FILE) -> Axioms:
    """The ontology's axioms as the argument needs them; OutsideArgument when one is of a kind it does not cover."""
    triples = frozenset(Triple(q.subject, q.predicate, q.object)
                        for q in parse(path=ontology, format=RdfFormat.TURTLE))
    by_predicate: dict[NamedNode, list[Triple]] = defaultdict(list)
    for triple in triples:
        by_predicate[triple.predicate].append(triple)
    typed = {(t.subject, t.object) for t in by_predicate[TYPE]}
    for triple in triples:
        schema_term = triple.predicate.value.startswith((RDF, RDFS, OWL))
        if schema_term and triple.predicate not in COVERED_PREDICATES:
            raise OutsideArgument(f"the ontology uses {triple.predicate.value}")
        if triple.predicate == TYPE and triple.object.value.startswith((RDF, RDFS, OWL)) \
                and triple.object not in COVERED_TYPES:
            raise OutsideArgument(f"the ontology declares a {triple.object.value}")
    supers = closure((t.subject, t.object) for t in by_predicate[SUBPROPERTY])
    inverses = defaultdict(set)
    for triple in by_predicate[INVERSE]:
        inverses[triple.subject].add(triple.object)
        inverses[triple.object].add(triple.subject)
    functional = {p for p, kind in typed if kind == FUNCTIONAL}
    _check_restrictions(triples, by_predicate, functional, closure((t.subject, t.object) for t in by_predicate[SUBCLASS]))
    declared = {p for p, kind in typed if kind in (OBJECT_PROPERTY, DATATYPE_PROPERTY, ANNOTATION_PROPERTY)}
    annotations = {p for p, kind in typed if kind == ANNOTATION_PROPERTY} | BUILTIN_ANNOTATIONS
    ranged = {t.subject for t in by_predicate[RANGE]} | set(inverses)
    constrains_object = {p for p in declared if any(q in ranged for q in supers.get(p, {p}))}
    classes = {t.subject for t in by_predicate[SUBCLASS]} | {t.object for t in by_predicate[TYPE]} | {
        term for term, kind in typed if kind in (NamedNode(OWL + "Class"), NamedNode(RDFS + "Datatype"))}
    vocabulary = {term for term in declared | classes | {t.object for t in by_predicate[RANGE]}
                  if isinstance(term, NamedNode)}
    object_functional = {p for p in functional if (p, OBJECT_PROPERTY) in typed}
    return Axioms(triples, frozenset(vocabulary), frozenset(annotations), frozenset(constrains_object),
                  {p: frozenset(_values_of(p, supers, inverses)) for p in object_functional})


def closure(pairs: Iterable[tuple[object, object]]) -> dict[object, set[object]]:
    """Each term with every term above it (itself included) in a sub-class or sub-property hierarchy."""
    direct = defaultdict(set)
    for sub, sup in pairs:
        direct[sub].add(sup)
    closed = {}
    for term in list(direct):
        seen, todo = {term}, [term]
        while todo:
            for above in direct.get(todo.pop(), ()):
                if above not in seen:
                    seen.add(above)
                    todo.append(above)
        closed[term] = seen
    return closed


def _values_of(prop: NamedNode, supers: dict, inverses: dict) -> set[tuple[NamedNode, bool]]:
    """The properties (read forwards or backwards) whose triples give `prop` a value: its sub-properties, the
    inverses of those, and theirs in turn."""
    found, todo = {(prop, False)}, [(prop, False)]
    while todo:
        current, backwards = todo.pop()
        subs = [(sub, backwards) for sub, above in supers.items() if current in above]
        flipped = [(inverse, not backwards) for inverse in inverses.get(current, ())]
        for pair in subs + flipped:
            if pair not in found:
                found.add(pair)
                todo.append(pair)
    return found


def _check_restrictions(triples: frozenset[Triple], by_predicate: dict, functional: set, superclasses: dict) -> None:
    """Restrictions only as superclasses, on functional properties with a cardinality of at most / at least one,
    or on properties with nothing functional above them with at least one, and a filler the property's range
    implies: then they constrain nothing the property's triples do not."""
    ranges = defaultdict(set)
    for triple in by_predicate[RANGE]:
        ranges[triple.subject].add(triple.object)
    bases = {t.subject: t.object for t in by_predicate[ON_DATATYPE]}
    restrictions = {t.subject for t in by_predicate[TYPE] if t.object == RESTRICTION}
    for triple in triples:
        if triple.object in restrictions and triple.predicate != SUBCLASS:
            raise OutsideArgument(f"a restriction is used through {triple.predicate.value}, not as a superclass")
    for restriction in restrictions:
        own = {t.predicate: t.object for t in triples if t.subject == restriction}
        prop = own.get(ON_PROPERTY)
        if prop not in functional and (_properties_above(prop, by_predicate) & functional
                                       or any(c in own for c in CARDINALITIES if c not in AT_LEAST)):
            raise OutsideArgument(f"a restriction on {prop}, which is not functional, other than at least one")
        for cardinality, allowed in CARDINALITIES.items():
            value = own.get(cardinality)
            if value is not None and (allowed is not None and value.value not in allowed
                                      or allowed is None and int(value.value) < 1):
                raise OutsideArgument(f"a restriction on {prop.value} with {cardinality.value} {value.value}")
        filler = next((own[f] for f in FILLERS if f in own), THING)
        implied = filler in (THING, LITERAL) or any(
            filler in superclasses.get(r, {r}) or bases.get(r) == filler for r in ranges[prop])
        if not implied:
            raise OutsideArgument(f"a restriction on {prop.value} whose filler its range does not imply")


def _properties_above(prop: NamedNode | None, by_predicate: dict) -> set:
    """The property and every property it is a sub-property of, transitively."""
    above, todo = {prop}, [prop]
    while todo:
        current = todo.pop()
        for triple in by_predicate[SUBPROPERTY]:
            if triple.subject == current and triple.object not in above:
                above.add(triple.object)
                todo.append(triple.object)
    return above


def schema_triples(properties: dict[str, int], classes: dict[str, int]) -> list[str]:
    """Terms of the ontology's own language that the data use beyond the ontology, from a build's counts
    (graph.statistics); empty when the data cannot change what the ontology says."""
    known = axioms()
    in_ontology: dict[str, int] = defaultdict(int)
    typed: dict[str, int] = defaultdict(int)
    for triple in known.triples:
        in_ontology[triple.predicate.value] += 1
        if triple.predicate == TYPE:
            typed[triple.object.value] += 1
    said = [p for p, count in properties.items() if p.startswith((RDF, RDFS, OWL)) and p != TYPE.value
            and NamedNode(p) not in BUILTIN_ANNOTATIONS and count > in_ontology[p]]
    return said + [c for c, count in classes.items() if c.startswith((RDF, RDFS, OWL)) and count > typed[c]]


def new_merges(store: Store, subjects: Iterable[Node] | None = None) -> list[str]:
    """Individuals (among `subjects`, or all) with two values of a functional object property, in the default graph."""
    if subjects is None:
        return _all_merges(store)
    merges = []
    for prop, readings in axioms().functional.items():
        values: dict[object, set[object]] = defaultdict(set)
        for reading, backwards in readings:
            for subject in subjects:
                pattern = (None, reading, subject) if backwards else (subject, reading, None)
                for quad in store.quads_for_pattern(*pattern, DefaultGraph()):
                    values[subject].add(quad.subject if backwards else quad.object)
        merges += [_merge(subject, len(found), prop) for subject, found in values.items() if len(found) > 1]
    return merges


def _all_merges(store: Store) -> list[str]:
    """new_merges of every individual, counted by the engine: a million quads read one by one in Python took seconds."""
    merges = []
    for prop, readings in axioms().functional.items():
        patterns = " UNION ".join(f"{{ ?value <{reading.value}> ?individual }}" if backwards
                                  else f"{{ ?individual <{reading.value}> ?value }}" for reading, backwards in readings)
        query = (f"SELECT ?individual (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {patterns} }} "
                 "GROUP BY ?individual HAVING (COUNT(DISTINCT ?value) > 1)")
        merges += [_merge(row["individual"], int(row["n"].value), prop) for row in store.query(query)]
    return merges


def _merge(individual: object, values: int, prop: NamedNode) -> str:
    return f"{individual} has {values} values of the functional {prop.value}"


@dataclass(frozen=True)
class Neighbourhood:
    """The triples to validate with the ontology, and the focus nodes whose SHACL results stand for the graph's."""

    triples: set[Triple]
    focus: set[Node]
    merges: list[str]  # where the argument does not hold: validate everything


def neighbourhood(store: Store, added: set[Triple], removed: set[Triple]) -> Neighbourhood:
    """What to validate after these triples entered and left the store's default graph (already patched)."""
    known = axioms()
    named = _individuals(added, known)
    triples: set[Triple] = set()
    for node in named:
        for quad in store.quads_for_pattern(node, None, None, DefaultGraph()):
            if quad.predicate not in known.annotations:
                triples.add(Triple(quad.subject, quad.predicate, quad.object))
        for prop in known.constrains_object:
            triples.update(Triple(q.subject, q.predicate, q.object)
                           for q in store.quads_for_pattern(None, prop, node, DefaultGraph()))
    focus, evidence = shape_reach(store, added | removed, closure(
        (t.subject, t.object) for t in known.triples if t.predicate == SUBCLASS))
    return Neighbourhood(triples | evidence, focus, new_merges(store, named))


def _individuals(triples: set[Triple], known: Axioms) -> set[Node]:
    """The individuals these triples name: subjects and objects, but not classes, properties or literals, and
    nothing named only by an annotation, which says nothing a reasoner reads."""
    found: set[Node] = set()
    for triple in triples:
        if triple.predicate in known.annotations:
            continue
        found.add(triple.subject)
        if triple.predicate != TYPE and not isinstance(triple.object, Literal):
            found.add(triple.object)
    return {node for node in found if node not in known.vocabulary}
