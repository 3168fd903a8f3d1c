"""What the graph holds, seen as a whole: counts by class, documents, instances of a class, label search."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from evkg.graph.iris import ENTITIES_GRAPH
from evkg.ontology.vocabulary import EVKG, RESOURCE
from evkg.service.describe import PREFIXES
from evkg.service.engine import get_engine
from evkg.service.paths import href, kind_of, local_name

# sorted here, not by ORDER BY: at 4,000 documents the query took 0.15 s without it, 0.4-0.5 s with it
DOCUMENTS = PREFIXES + """SELECT ?doc (SAMPLE(?t) AS ?title) (SAMPLE(?f) AS ?file) (SAMPLE(?d) AS ?issued) WHERE {
  ?doc a evkg:SourceDocument .
  OPTIONAL { ?doc dcterms:title ?t } OPTIONAL { ?doc evkg:fileName ?f } OPTIONAL { ?doc dcterms:issued ?d }
} GROUP BY ?doc"""

INSTANCES = PREFIXES + """SELECT ?class ?e (SAMPLE(COALESCE(?l, ?title)) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  ?t rdfs:subClassOf* ?class .
  ?e a ?t .
  OPTIONAL { ?e rdfs:label ?l }
  OPTIONAL { ?e dcterms:title ?title }
} GROUP BY ?class ?e"""

# every named thing of the entity directory: what an `owl:Thing` parameter may take
ENTITIES = PREFIXES + f"""SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {{
  GRAPH <{ENTITIES_GRAPH.value}> {{ ?e rdfs:label ?l ; a ?t }}
}} GROUP BY ?e"""

SEARCH = PREFIXES + """SELECT ?q ?e (SAMPLE(?l) AS ?label) (SAMPLE(?m) AS ?matched) (SAMPLE(?t) AS ?type) WHERE {
  { ?e rdfs:label ?m } UNION { ?e skos:altLabel ?m }
  FILTER(CONTAINS(LCASE(STR(?m)), LCASE(STR(?q))))
  ?e rdfs:label ?l .
  FILTER(STRSTARTS(STR(?e), "%s"))
  %s
  OPTIONAL { ?e a ?t . FILTER(STRSTARTS(STR(?t), STR(evkg:))) }
} GROUP BY ?q ?e ORDER BY STRLEN(STR(SAMPLE(?l))) LIMIT 20"""
SEARCH_ANY = SEARCH % (RESOURCE, "")
# the same, among the instances of ?class (or of its subclasses): the pickers of saved-query forms
SEARCH_CLASS = SEARCH % (RESOURCE, "?e a ?c . ?c rdfs:subClassOf* ?class .")


@dataclass(frozen=True)
class Item:
    """An entity in a list: its IRI, label, most specific class and page."""

    iri: URIRef
    label: str
    type: URIRef | None = None

    @property
    def href(self) -> str | None:
        return href(self.iri)

    @property
    def kind(self) -> str | None:
        return kind_of(self.iri)

    def as_json(self, matched: str | None = None) -> dict[str, str | None]:
        """The autocomplete's record."""
        return {"iri": str(self.iri), "label": self.label, "href": self.href, "matched": matched,
                "type": local_name(str(self.type)) if self.type else None}


def class_counts() -> list[tuple[URIRef, int]]:
    """How many things of each evkg class the graph holds, largest first: the build's own counts (graph.statistics),
    where counting them again took 0.6 s at a million triples."""
    counts = get_engine().statistics().classes
    return sorted(((URIRef(cls), n) for cls, n in counts.items() if cls.startswith(EVKG)),
                  key=lambda count: (-count[1], str(count[0])))


def documents() -> list[dict[str, object]]:
    """The source documents the graph was built from, those without a title first, then by title (listed once per
    build)."""
    engine = get_engine()
    return engine.per_build("documents", lambda: [
        {"iri": row["doc"], "href": href(row["doc"]), "title": str(row.get("title", local_name(str(row["doc"])))),
         "file": str(row.get("file", "")), "issued": row.get("issued")}
        for row in sorted(engine.select(DOCUMENTS).rows, key=lambda row: ("title" in row, str(row.get("title", ""))))
    ])


def instances(cls: URIRef) -> list[Item]:
    """Every instance of a class or its subclasses, by label."""
    rows = get_engine().select(INSTANCES, bindings={"class": cls}).rows
    items = [Item(row["e"], str(row.get("label", local_name(str(row["e"])))), row.get("type")) for row in rows]
    return sorted(items, key=lambda item: item.label.lower())


def entities() -> list[Item]:
    """Every entity of the entity directory, by label."""
    rows = get_engine().select(ENTITIES).rows
    return sorted((Item(row["e"], str(row["label"]), row.get("type")) for row in rows), key=lambda i: i.label.lower())


def search(text: str, cls: URIRef | None = None) -> list[tuple[Item, str]]:
    """Entities (of a class, when given) whose label or an alternative label contains the text, shortest first."""
    if not text.strip():
        return []
    bindings = {"q": Literal(text.strip()), **({"class": cls} if cls else {})}
    rows = get_engine().select(SEARCH_CLASS if cls else SEARCH_ANY, bindings=bindings).rows
    return [(Item(row["e"], str(row["label"]), row.get("type")), str(row["matched"])) for row in rows]
