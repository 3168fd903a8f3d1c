"""The provenance nodes HermiT can be spared: the sentences, mentions and assertions that cannot make the data inconsistent.

Nine in ten triples of a build describe where facts were read (Sentence, Mention and Assertion nodes with
their offsets and texts); reasoning over them took most of HermiT's time. A node is spared when, of
everything the ontology says, only these axioms can apply to it (tests/test_validate.py pins them in
evkg.ttl): its class is disjoint from every other evkg class and a subclass of nif:Sentence, nif:Phrase or
prov:Entity, which have no axioms of their own; evkg:text, start and end are functional datatype properties
with ranges xsd:string and xsd:nonNegativeInteger; evkg:statedOn is a functional datatype property
whose range (rdfs:Literal) any xsd:date literal is in; evkg:inDocument and inSentence are functional with
ranges SourceDocument and Sentence; evkg:statedIn has range Sentence; evkg:denotes has no range; the
super-properties (nif:anchorOf, beginIndex, endIndex, sentence, itsrdf:taIdentRef, prov:wasDerivedFrom)
have no axioms; no property among them has an inverse; evkg:assertionSubject/Predicate/Object are
annotations, which carry no meaning for a reasoner.

A node is spared only if it is an IRI that: has exactly one rdf:type, Sentence, Mention or Assertion; has
no property but those its class is the domain of (text, start, end and inDocument for sentences and
mentions, inSentence and denotes for mentions, statedIn, statedOn and the annotations for assertions);
has at most one value for each functional one, a plain string text, non-negative integer offsets, an
xsd:date statedOn, an inDocument stated to be a SourceDocument, inSentence and statedIn values that are
spared sentences; and appears in no other triple (no kept triple has it as object, none uses it as predicate).

Then any model of the ontology with the other triples extends to one with the spared triples: give
each spared node a new element, in its class and that class's superclasses only; every axiom above
holds for it (domains by the allowed properties, ranges by the checked values, functionality by the
counts, disjointness because it is in one evkg class), and nothing the kept triples say is changed, as
no kept triple names it. So the data are consistent exactly when the kept triples are, and the classes
are as satisfiable as before (the ontology itself is always kept). A provenance node that breaks any
condition is simply kept, and HermiT sees it as before; the SHACL shapes check every node in any case.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Triple

from evkg.ontology.vocabulary import EVKG, RDF, XSD

RDF_TYPE = NamedNode(RDF + "type")
SENTENCE, MENTION, ASSERTION, SOURCE_DOCUMENT = (NamedNode(EVKG + name) for name in
                                                 ("Sentence", "Mention", "Assertion", "SourceDocument"))
TEXT, START, END, IN_DOCUMENT, IN_SENTENCE, DENOTES, STATED_IN, STATED_ON = (NamedNode(EVKG + name) for name in (
    "text", "start", "end", "inDocument", "inSentence", "denotes", "statedIn", "statedOn"))
ANNOTATIONS = {NamedNode(EVKG + name) for name in ("assertionSubject", "assertionPredicate", "assertionObject")}
SPAN = {TEXT, START, END, IN_DOCUMENT}
ALLOWED = {SENTENCE: SPAN, MENTION: SPAN | {IN_SENTENCE, DENOTES}, ASSERTION: {STATED_IN, STATED_ON} | ANNOTATIONS}
FUNCTIONAL = (TEXT, START, END, IN_DOCUMENT, IN_SENTENCE, STATED_ON)
LINKS_TO_SENTENCES = (IN_SENTENCE, STATED_IN)
OFFSET_TYPES = {NamedNode(XSD + "integer"), NamedNode(XSD + "nonNegativeInteger")}
PLAIN_STRING = NamedNode(XSD + "string")
DATE = NamedNode(XSD + "date")
NON_NEGATIVE = re.compile(r"\+?[0-9]+")


def reasoner_triples(triples: Iterable[Triple]) -> list[Triple]:
    """The triples HermiT must see: all of them but those of the spared provenance nodes."""
    triples = list(triples)
    spared = spared_nodes(triples)
    return [triple for triple in triples if triple.subject not in spared]


def spared_nodes(triples: list[Triple]) -> set[NamedNode]:
    """The provenance nodes that meet every condition of the module docstring."""
    own: dict[object, list[Triple]] = defaultdict(list)
    for triple in triples:
        own[triple.subject].append(triple)
    documents = {triple.subject for triple in triples if triple.predicate == RDF_TYPE and triple.object == SOURCE_DOCUMENT}
    predicates = {triple.predicate for triple in triples}
    kinds = {node: kind for node, kind in ((node, _kind(node, own[node], documents)) for node in own)
             if kind is not None and node not in predicates}
    spared = set(kinds)
    # the greatest set meeting the last two conditions, found by taking out nodes until none breaks them
    links: dict[object, list[object]] = defaultdict(list)  # sentence -> the nodes linking to it
    for node in spared:
        for triple in own[node]:
            if triple.predicate in LINKS_TO_SENTENCES:
                links[triple.object].append(node)
    named_by_kept = {triple.object for triple in triples if triple.subject not in spared}
    out = [node for node in spared if node in named_by_kept or not all(
        triple.object in spared and kinds[triple.object] == SENTENCE
        for triple in own[node] if triple.predicate in LINKS_TO_SENTENCES)]
    while out:
        node = out.pop()
        if node not in spared:
            continue
        spared.remove(node)
        out += [triple.object for triple in own[node] if triple.object in spared]  # named by a kept triple now
        out += [linking for linking in links[node] if linking in spared]  # linking to a sentence kept now
    return spared


def _kind(node: object, triples: list[Triple], documents: set) -> NamedNode | None:
    """The provenance class of a node whose own triples could be spared, else None."""
    types = [triple.object for triple in triples if triple.predicate == RDF_TYPE]
    if not isinstance(node, NamedNode) or len(types) != 1 or types[0] not in ALLOWED:
        return None
    kind = types[0]
    counts = Counter(triple.predicate for triple in triples)
    if any(counts[predicate] > 1 for predicate in FUNCTIONAL):
        return None
    for triple in triples:
        if triple.predicate != RDF_TYPE and not (triple.predicate in ALLOWED[kind]
                                                  and _fits(triple.predicate, triple.object, documents)):
            return None
    return kind


def _fits(predicate: NamedNode, value: object, documents: set) -> bool:
    """Whether a value is in the range of the provenance property it is given with."""
    if predicate == TEXT:
        return isinstance(value, Literal) and value.datatype == PLAIN_STRING and value.language is None
    if predicate in (START, END):
        return isinstance(value, Literal) and value.datatype in OFFSET_TYPES and bool(NON_NEGATIVE.fullmatch(value.value))
    if predicate == IN_DOCUMENT:
        return value in documents
    if predicate == STATED_ON:
        return isinstance(value, Literal) and value.datatype == DATE
    return predicate in ANNOTATIONS or isinstance(value, NamedNode)
