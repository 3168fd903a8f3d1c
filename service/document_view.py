"""A source document as its page shows it: the text with every mention marked, and the facts read from it."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from evkg.service.describe import PREFIXES
from evkg.service.display import Segment, segments
from evkg.service.engine import get_engine
from evkg.service.paths import href, kind_of, local_name

SENTENCES = PREFIXES + """SELECT ?doc ?sentence ?text ?start ?end WHERE {
  ?sentence a evkg:Sentence ; evkg:inDocument ?doc ; evkg:text ?text ; evkg:start ?start ; evkg:end ?end .
} ORDER BY ?start"""

MENTIONS = PREFIXES + """SELECT ?doc ?start ?end ?x (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  ?m a evkg:Mention ; evkg:inDocument ?doc ; evkg:start ?start ; evkg:end ?end ; evkg:denotes ?x .
  OPTIONAL { ?x rdfs:label ?l }
  OPTIONAL { ?x a ?t . FILTER(STRSTARTS(STR(?t), STR(evkg:))) }
} GROUP BY ?doc ?start ?end ?x"""

FACTS = PREFIXES + """SELECT ?doc ?s ?p ?o ?sentence ?start ?text (SAMPLE(?sl) AS ?sLabel) (SAMPLE(?ol) AS ?oLabel)
WHERE {
  ?sentence evkg:inDocument ?doc ; evkg:start ?start ; evkg:text ?text .
  ?a evkg:statedIn ?sentence ; evkg:assertionSubject ?s ; evkg:assertionPredicate ?p ; evkg:assertionObject ?o .
  OPTIONAL { ?s rdfs:label ?sl }
  OPTIONAL { ?o rdfs:label ?ol }
} GROUP BY ?doc ?s ?p ?o ?sentence ?start ?text ORDER BY ?start ?s ?p"""


@dataclass(frozen=True)
class Mark:
    """A mention in the text: the entity it denotes, for the link and the colour."""

    entity: URIRef
    label: str
    type: str
    kind: str | None

    @property
    def href(self) -> str | None:
        return href(self.entity)


@dataclass(frozen=True)
class SentenceView:
    """One sentence, anchored by its RFC 5147 fragment so sentence IRIs land on it."""

    anchor: str
    parts: list[Segment]
    gap_before: bool


def sentences(doc: URIRef) -> list[SentenceView]:
    """The document's sentences in order, each cut at the mentions it holds."""
    engine = get_engine()
    marks: list[tuple[int, int, Mark]] = []
    for row in engine.select(MENTIONS, bindings={"doc": doc}).rows:
        entity = row["x"]
        marks.append((int(row["start"]), int(row["end"]),
                      Mark(entity, str(row.get("label", local_name(str(entity)))),
                           local_name(str(row.get("type", ""))), kind_of(entity))))
    views, previous_end = [], 0
    for row in engine.select(SENTENCES, bindings={"doc": doc}).rows:
        start, end = int(row["start"]), int(row["end"])
        inside = [(s - start, e - start, mark) for s, e, mark in marks if start <= s and e <= end]
        views.append(SentenceView(local_name(str(row["sentence"])), segments(str(row["text"]), inside),
                                  start > previous_end))
        previous_end = end
    return views


def facts(doc: URIRef) -> list[dict[str, object]]:
    """The facts asserted from this document, each with the sentence that states it."""
    return [{"s": row["s"], "s_label": str(row.get("sLabel", local_name(str(row["s"])))), "p": row["p"],
             "o": row["o"], "o_label": str(row["oLabel"]) if "oLabel" in row else None,
             "anchor": local_name(str(row["sentence"])), "sentence": _shortened(str(row["text"]))}
            for row in get_engine().select(FACTS, bindings={"doc": doc}).rows]


def _shortened(text: str, length: int = 70) -> str:
    """The start of a sentence, enough to recognise it in the facts table."""
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"
