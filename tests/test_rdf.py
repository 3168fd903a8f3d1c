"""graph.rdf: the seed's quads are valid RDF with exact provenance, and IRIs are stable from run to run."""

from __future__ import annotations

from extraction_support import ROOT, document, select, store_of
from pyoxigraph import RdfFormat, Store, parse, serialize

from evkg.graph.extract import extract
from evkg.graph.iris import ENTITIES_GRAPH, document_graph
from evkg.graph.rdf import document_quads, entity_quads
from evkg.graph.records import Entity, Extraction, Fact, Mention

SEED = ROOT / "documents" / "alliance-ampere-douai.txt"


def test_quads_round_trip_through_nquads():
    info, extraction = document(SEED)
    quads = list(document_quads(info, extraction)) + list(entity_quads([extraction]))
    text = serialize(quads, format=RdfFormat.N_QUADS)
    assert len(list(parse(text, format=RdfFormat.N_QUADS))) == len(set(quads))
    assert {q.graph_name for q in quads} == {document_graph(info.slug), ENTITIES_GRAPH}


def test_every_fact_has_an_assertion_with_the_exact_sentence():
    info, extraction = document(SEED)
    store = Store()
    store.extend(document_quads(info, extraction))
    rows = select(store, """SELECT ?s ?p ?o ?text ?start ?end WHERE { ?s ?p ?o .
        FILTER (STRSTARTS(STR(?p), STR(evkg:)) && ?p NOT IN (evkg:text, evkg:start, evkg:end, evkg:inDocument,
                evkg:inSentence, evkg:denotes, evkg:statedIn, evkg:assertionSubject, evkg:assertionPredicate,
                evkg:assertionObject, evkg:fileName, evkg:sha256, evkg:readAt))
        OPTIONAL { ?a evkg:assertionSubject ?s ; evkg:assertionPredicate ?p ; evkg:assertionObject ?o ;
                   evkg:statedIn ?sentence . ?sentence evkg:text ?text ; evkg:start ?start ; evkg:end ?end } }""")
    assert len(rows) >= len(extraction.facts) > 50
    for row in rows:
        assert "text" in row, row
        assert info.text[int(row["start"]):int(row["end"])] == row["text"]


def test_mentions_are_exact_slices():
    info, extraction = document(SEED)
    for mention in extraction.mentions:
        assert info.text[mention.start:mention.end] == mention.text
        assert extraction.entity(mention.entity) is not None


def test_extraction_is_deterministic_and_serialisable():
    text = SEED.read_text(encoding="utf-8")
    first, second = extract(text), extract(text)
    assert first.to_json() == second.to_json()
    assert Extraction.from_json(first.to_json()) == first


def test_same_name_in_two_documents_gives_one_iri(tmp_path):
    other = tmp_path / "second.txt"
    other.write_text("Nissan said the Ampere Douai Plant in France builds the Micra EV.\n", encoding="utf-8")
    store = store_of(SEED, other)
    plants = select(store, "SELECT DISTINCT ?p WHERE { ?p a evkg:ManufacturingPlant }")
    assert plants == [{"p": "https://w3id.org/evkg/resource/plant/ampere-douai"}]
    labels = select(store, "SELECT ?l WHERE { <https://w3id.org/evkg/resource/model/nissan-micra-ev> rdfs:label ?l }")
    assert labels == [{"l": "Nissan Micra EV"}]  # one label, with its brand (graph.labels)
    graphs = select(store, """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a evkg:assertionSubject
        <https://w3id.org/evkg/resource/plant/ampere-douai> ; evkg:assertionPredicate evkg:produces } }""")
    assert len(graphs) == 2


def _labels_of(extractions: list[Extraction], key: str) -> tuple[str, list[str]]:
    """The rdfs:label and the sorted skos:altLabels the entity directory gives one key."""
    quads = [q for q in entity_quads(extractions) if q.subject.value.endswith("/" + key)]
    label = [q.object.value for q in quads if q.predicate.value.endswith("#label")]
    return label[0], sorted(q.object.value for q in quads if q.predicate.value.endswith("#altLabel"))


def test_a_model_is_labelled_with_its_brand_and_keeps_its_short_name() -> None:
    brand = Entity("brand/mitsubishi-motors", "brand", "Brand", "Mitsubishi Motors", ["Mitsubishi Motors", "Mitsubishi"])
    said = Entity("model/mitsubishi-motors-eclipse-cross-ev", "model", "VehicleModel", "Eclipse Cross EV",
                  ["Eclipse Cross EV", "Mitsubishi Eclipse Cross EV"])
    bare = Entity("model/mitsubishi-motors-outlander", "model", "VehicleModel", "Outlander", ["Outlander"])
    facts = [Fact(model.key, "brand", brand.key, "entity", 0) for model in (said, bare)]
    extraction = Extraction(entities=[brand, said, bare], facts=facts)
    assert _labels_of([extraction], said.key) == ("Mitsubishi Eclipse Cross EV", ["Eclipse Cross EV"])
    assert _labels_of([extraction], bare.key) == ("Mitsubishi Motors Outlander", ["Outlander"])


def test_a_plant_is_labelled_by_the_name_its_sources_use_most() -> None:
    plant = Entity("plant/fremont", "plant", "ManufacturingPlant", "Fremont Plant",
                   ["Fremont Plant", "Fremont factory", "Fremont plant"])
    mentions = [Mention(0, 15, "Fremont factory", plant.key, 0), Mention(20, 35, "Fremont factory", plant.key, 1),
                Mention(40, 53, "Fremont plant", plant.key, 2), Mention(60, 69, "the plant", plant.key, 3)]
    once = Extraction(entities=[plant], mentions=mentions[2:])
    assert _labels_of([once], plant.key) == ("Fremont Plant", ["Fremont factory", "Fremont plant"])
    twice = Extraction(entities=[plant], mentions=mentions)
    assert _labels_of([twice], plant.key) == ("Fremont factory", ["Fremont Plant", "Fremont plant"])
