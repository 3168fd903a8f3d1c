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
spared sentences; and appears in no other triple (no kept triple has it as object, none uses it as predicate),
except that an assertion may be the evkg:claim of nodes stated to be evkg:Disagreements. Those claim triples
are spared with it: evkg:claim has domain Disagreement, range Assertion and no other axiom (no
characteristic, no restriction names it), and without them one disputed figure kept its assertions, their
sentences and everything else said in those sentences: a tenth of the provenance at a million triples.

Then any model of the ontology with the other triples extends to one with the spared triples: give
each spared node a new element, in its class and that class's superclasses only; every axiom above
holds for it (domains by the allowed properties, ranges by the checked values, functionality by the
counts, disjointness because it is in one evkg class), a spared claim links an element of Disagreement
to one of Assertion, as its domain and range ask, and nothing the kept triples say is changed, as
no kept triple names a spared node. So the data are consistent exactly when the kept triples are, and the classes
are as satisfiable as before (the ontology itself is always kept). A provenance node that breaks any
condition is simply kept, and HermiT sees it as before; the SHACL shapes check every node in any case.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from evkg.ontology.vocabulary import EVKG, RDF, XSD

# Terms as N-Triples writes them: the lines of ontology/triples.py's read_lines are compared as text, which is
# several times faster than going through pyoxigraph's term objects on a million triples.
Term = str
Row = tuple[Term, Term, Term]  # subject, predicate, object of one line


def _iri(namespace: str, name: str) -> Term:
    return f"<{namespace}{name}>"


RDF_TYPE = _iri(RDF, "type")
SENTENCE, MENTION, ASSERTION, SOURCE_DOCUMENT, DISAGREEMENT = (_iri(EVKG, name) for name in (
    "Sentence", "Mention", "Assertion", "SourceDocument", "Disagreement"))
CLAIM = _iri(EVKG, "claim")
TEXT, START, END, IN_DOCUMENT, IN_SENTENCE, DENOTES, STATED_IN, STATED_ON = (_iri(EVKG, name) for name in (
    "text", "start", "end", "inDocument", "inSentence", "denotes", "statedIn", "statedOn"))
ANNOTATIONS = {_iri(EVKG, name) for name in ("assertionSubject", "assertionPredicate", "assertionObject")}
SPAN = {TEXT, START, END, IN_DOCUMENT}
ALLOWED = {SENTENCE: SPAN, MENTION: SPAN | {IN_SENTENCE, DENOTES}, ASSERTION: {STATED_IN, STATED_ON} | ANNOTATIONS}
FUNCTIONAL = (TEXT, START, END, IN_DOCUMENT, IN_SENTENCE, STATED_ON)
LINKS_TO_SENTENCES = (IN_SENTENCE, STATED_IN)
OFFSET_TYPES = {_iri(XSD, "integer"), _iri(XSD, "nonNegativeInteger")}
DATE = _iri(XSD, "date")
NON_NEGATIVE = re.compile(r"\+?[0-9]+")


def split(line: str) -> Row:
    """`<s> <p> o .` -> its three terms (subjects and predicates hold no space; the object is the rest). Subjects and
    predicates recur on many lines and are interned: one string each instead of one a line."""
    subject, predicate, rest = line.split(" ", 2)
    return sys.intern(subject), sys.intern(predicate), rest.removesuffix(" .")


def reasoner_lines(merged: Path) -> Iterator[str]:
    """The triples HermiT must see: all the lines of an N-Triples file (ontology/triples.py's merge) but
    those of the spared provenance nodes. The file is read twice rather than held: at a million triples its lines
    took 250 MB beside what finding the nodes takes."""
    with merged.open(encoding="utf-8") as lines:
        spared = spared_nodes(split(line.removesuffix("\n")) for line in lines)
    with merged.open(encoding="utf-8") as lines:
        for line in lines:
            subject, _, rest = line.partition(" ")
            if subject not in spared and not (rest.startswith(CLAIM) and _claimed(rest) in spared):
                yield line.removesuffix("\n")


def _claimed(rest: str) -> Term:
    """The object of an evkg:claim line, given the line after its subject."""
    return rest[len(CLAIM) + 1:].removesuffix("\n").removesuffix(" .")


def spared_nodes(rows: Iterable[Row]) -> set[Term]:
    """The provenance nodes that meet every condition of the module docstring."""
    own: dict[Term, list[tuple[Term, Term]]] = defaultdict(list)
    predicates: set[Term] = set()
    documents: set[Term] = set()
    disagreements: set[Term] = set()
    for subject, predicate, value in rows:
        own[subject].append((predicate, value))
        predicates.add(predicate)
        if predicate == RDF_TYPE:
            if value == SOURCE_DOCUMENT:
                documents.add(subject)
            elif value == DISAGREEMENT:
                disagreements.add(subject)
    kinds = {node: kind for node, kind in ((node, _kind(node, own[node], documents)) for node in own)
             if kind is not None and node not in predicates}
    spared = set(kinds)
    # the greatest set meeting the last two conditions, found by taking out nodes until none breaks them
    links: dict[Term, list[Term]] = defaultdict(list)  # sentence -> the nodes linking to it
    for node in spared:
        for predicate, value in own[node]:
            if predicate in LINKS_TO_SENTENCES:
                links[value].append(node)
    named_by_kept = {value for subject, facts in own.items() if subject not in spared for predicate, value in facts
                     if not (predicate == CLAIM and subject in disagreements and kinds.get(value) == ASSERTION)}
    out = [node for node in spared if node in named_by_kept or not all(
        value in spared and kinds[value] == SENTENCE
        for predicate, value in own[node] if predicate in LINKS_TO_SENTENCES)]
    while out:
        node = out.pop()
        if node not in spared:
            continue
        spared.remove(node)
        out += [value for _, value in own[node] if value in spared]  # named by a kept triple now
        out += [linking for linking in links[node] if linking in spared]  # linking to a sentence kept now
    return spared


def _kind(node: Term, facts: list[tuple[Term, Term]], documents: set[Term]) -> Term | None:
    """The provenance class of a node whose own triples could be spared, else None."""
    types = [value for predicate, value in facts if predicate == RDF_TYPE]
    if not node.startswith("<") or len(types) != 1 or types[0] not in ALLOWED:
        return None
    kind = types[0]
    said = [predicate for predicate, _ in facts]
    if any(said.count(predicate) > 1 for predicate in FUNCTIONAL):
        return None
    for predicate, value in facts:
        if predicate != RDF_TYPE and not (predicate in ALLOWED[kind] and _fits(predicate, value, documents)):
            return None
    return kind


def _fits(predicate: Term, value: Term, documents: set[Term]) -> bool:
    """Whether a value is in the range of the provenance property it is given with."""
    if predicate == TEXT:  # a plain string: N-Triples writes xsd:string literals without their datatype
        return len(value) >= 2 and value[0] == '"' and value[-1] == '"'
    if predicate in (START, END):
        lexical, datatype = _typed(value)
        return datatype in OFFSET_TYPES and bool(NON_NEGATIVE.fullmatch(lexical))
    if predicate == IN_DOCUMENT:
        return value in documents
    if predicate == STATED_ON:
        return _typed(value)[1] == DATE
    return predicate in ANNOTATIONS or value.startswith("<")


def _typed(value: Term) -> tuple[str, Term | None]:
    """A typed literal's lexical form (as written) and datatype; no datatype for anything else."""
    lexical, marker, datatype = value.rpartition('"^^')
    return (lexical[1:], datatype) if marker and value.startswith('"') else (value, None)
