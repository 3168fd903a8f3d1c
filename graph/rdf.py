"""Extraction → RDF quads: one named graph per document (with PROV-O provenance) and the shared entity directory."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from evkg.graph.iris import ENTITIES_GRAPH, document_graph, document_iri, evkg, mention_iri, resource, sentence_iri
from evkg.graph.labels import recognised_labels
from evkg.graph.records import DocumentInfo, Extraction, Fact
from evkg.ontology.vocabulary import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

__all__ = ["assertion_iri", "best_label", "document_quads", "entity_quads", "fact_object"]

TYPE = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")
ALT_LABEL = NamedNode(SKOS + "altLabel")


def _typed(value: str | int, datatype: str) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + datatype))


def fact_object(fact: Fact) -> NamedNode | Literal:
    """The object of a fact as an RDF term."""
    if fact.object_kind == "entity":
        return resource(fact.object)
    if fact.object_kind == "individual":
        return evkg(fact.object)
    return _typed(fact.object, fact.datatype or "string")


def assertion_iri(doc_slug: str, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> NamedNode:
    """`{document}#assertion-{12 hex of sha1("s p o")}` with the terms in N-Triples form."""
    digest = hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()[:12]
    return NamedNode(f"{document_iri(doc_slug).value}#assertion-{digest}")


def _document_description(doc: DocumentInfo, node: NamedNode) -> Iterator[tuple]:
    yield node, TYPE, evkg("SourceDocument")
    yield node, TYPE, NamedNode(PROV + "Entity")
    if not doc.date:
        yield node, TYPE, evkg("UndatedDocument")
    yield node, NamedNode(DCTERMS + "title"), Literal(doc.title)
    yield node, evkg("fileName"), Literal(doc.file_name)
    if doc.source_url:
        yield node, NamedNode(DCTERMS + "source"), NamedNode(doc.source_url)
    if doc.date:
        yield node, NamedNode(DCTERMS + "issued"), _typed(doc.date, "date")
    yield node, evkg("sha256"), Literal(doc.sha256)
    yield node, evkg("readAt"), _typed(doc.read_at, "dateTime")


def _stretch(node: NamedNode, cls: str, text: str, start: int, end: int, document: NamedNode) -> list[tuple]:
    """A sentence or mention: its exact text and code-point offsets in its document."""
    return [
        (node, TYPE, evkg(cls)),
        (node, evkg("text"), Literal(text)),
        (node, evkg("start"), _typed(start, "integer")),
        (node, evkg("end"), _typed(end, "integer")),
        (node, evkg("inDocument"), document),
    ]


def document_quads(doc: DocumentInfo, extraction: Extraction) -> Iterator[Quad]:
    """Everything one document contributes, in its own named graph."""
    graph = document_graph(doc.slug)
    node = document_iri(doc.slug)
    triples: list[tuple] = list(_document_description(doc, node))
    stated_on = [(evkg("statedOn"), _typed(doc.date, "date"))] if doc.date else []
    sentence_nodes = {}
    for sentence in extraction.sentences:
        s_node = sentence_iri(doc.slug, sentence.start, sentence.end)
        sentence_nodes[sentence.index] = s_node
        triples += _stretch(s_node, "Sentence", sentence.text, sentence.start, sentence.end, node)
    for mention in extraction.mentions:
        m_node = mention_iri(doc.slug, mention.start, mention.end)
        triples += _stretch(m_node, "Mention", mention.text, mention.start, mention.end, node) + [
            (m_node, evkg("inSentence"), sentence_nodes[mention.sentence]),
            (m_node, evkg("denotes"), resource(mention.entity)),
        ]
    for fact in extraction.facts:
        subject, predicate, obj = resource(fact.subject), evkg(fact.predicate), fact_object(fact)
        a_node = assertion_iri(doc.slug, subject, predicate, obj)
        triples += [
            (subject, predicate, obj),
            (a_node, TYPE, evkg("Assertion")),
            (a_node, evkg("assertionSubject"), subject),
            (a_node, evkg("assertionPredicate"), predicate),
            (a_node, evkg("assertionObject"), obj),
            (a_node, evkg("statedIn"), sentence_nodes[fact.sentence]),
            *((a_node, predicate, value) for predicate, value in stated_on),
        ]
    seen: set[tuple] = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield Quad(*triple, graph)


def best_label(labels: Counter[str]) -> str:
    """The most frequent label, then the alphabetically first: one rule, so every build and merge picks the same."""
    return min(labels.items(), key=lambda item: (-item[1], item[0]))[0]


def entity_quads(extractions: Iterable[Extraction]) -> Iterator[Quad]:
    """The entity directory: types, the label people recognise (graph.labels; else the most frequent, then
    alphabetical) and every other name as an altLabel."""
    extractions = list(extractions)
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for entity in extraction.entities:
            classes[entity.key].add(entity.cls)
            labels[entity.key][entity.label] += 1
            names[entity.key].update([entity.label, *entity.names])
    best = {key: best_label(counted) for key, counted in labels.items()}
    best |= recognised_labels(extractions, best)
    for key in sorted(classes):
        node = resource(key)
        for cls in sorted(classes[key]):
            yield Quad(node, TYPE, evkg(cls), ENTITIES_GRAPH)
        yield Quad(node, LABEL, Literal(best[key]), ENTITIES_GRAPH)
        for name in sorted(names[key] - {best[key]}):
            yield Quad(node, ALT_LABEL, Literal(name), ENTITIES_GRAPH)
