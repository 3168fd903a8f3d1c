"""Resolution across documents: a second article's "Douai plant" and "Renault 5" are the seed's, built for real."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store
from rdflib import URIRef

from evkg.settings import load_settings
from evkg.graph import layout
from evkg.graph.build import build
from evkg.graph.corpus import unify
from evkg.graph.extract import extract
from evkg.graph.iris import ENTITIES_GRAPH, RESOURCE, document_iri
from evkg.graph.records import Entity, Extraction, Fact, Mention, Sentence
from evkg.graph.store import open_read_only
from evkg.ontology.vocabulary import SKOS
from evkg.service.binding import bind
from test_build import SEED, corpus
from test_build_quarantine import two_brands

SECOND = ("Renault's Douai plant in France produced about 120,000 vehicles in 2025. "
          "The Douai factory in northern France now also assembles the Renault 5 and the Renault 4 E-Tech. "
          "Ampere invested €150 million in the Douai plant to add a battery assembly line.")
CLEON = ("The Ampere Cléon plant in France produced about 310,000 electric motors in 2024. "
         "Mitsubishi said the Cléon plant employs 3,500 people.")
PROVENANCE = (Path(__file__).resolve().parent.parent / "queries" / "provenance.rq").read_text(encoding="utf-8")
PLANT = RESOURCE + "plant/ampere-douai"
EVKG = "https://w3id.org/evkg/ontology#"


def resources(store: Store) -> set[str]:
    """Every evkg resource IRI of the store (subjects and objects, fragments dropped)."""
    nodes = {term.value.split("#")[0] for quad in store for term in (quad.subject, quad.object)
             if isinstance(term, NamedNode)}
    return {node for node in nodes if node.startswith(RESOURCE)}


def select(store: Store, query: str, **bindings: NamedNode) -> list:
    """Rows of a SELECT over the merged default graph, bound as the service binds them."""
    return list(store.query(bind(query, {name: URIRef(value.value) for name, value in bindings.items()})))


def values(store: Store, query: str) -> set[str]:
    return {row[0].value for row in select(store, query)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The seed, the second Douai article and a Cléon article, one real build."""
    base = tmp_path_factory.mktemp("corpus")
    documents = corpus(base / "documents", seed=SEED, douai_news=SECOND, cleon=CLEON)
    report = build(documents, base / "data", load_settings(environ={}))
    assert report.ok, report.problems
    return open_read_only(layout.current_build(base / "data"))


def test_the_douai_plant_of_both_articles_is_one_iri(built: Store) -> None:
    plants = {iri for iri in resources(built) if iri.startswith(RESOURCE + "plant/")}
    assert plants == {PLANT, RESOURCE + "plant/ampere-cleon"}
    sources = values(built, f"SELECT DISTINCT ?d WHERE {{ ?m <{EVKG}denotes> <{PLANT}> ; <{EVKG}inDocument> ?d }}")
    assert sources == {document_iri("seed").value, document_iri("douai-news").value}


def test_provenance_finds_sentences_of_both_documents(built: Store) -> None:
    rows = select(built, PROVENANCE, _entity_iri=NamedNode(PLANT))
    by_document: dict[str, set[str]] = {}
    for row in rows:
        by_document.setdefault(row["document"].value, set()).add(row["sentence"].value)
    assert set(by_document) == {document_iri("seed").value, document_iri("douai-news").value}
    assert any("Douai factory in northern France" in s for s in by_document[document_iri("douai-news").value])
    assert any("Ampere Douai Plant in France" in s for s in by_document[document_iri("seed").value])


def test_one_label_and_every_name_as_alt_label(built: Store) -> None:
    labels = values(built, f"SELECT ?l WHERE {{ GRAPH <{ENTITIES_GRAPH.value}> {{ <{PLANT}> "
                           f"<http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}")
    alt = values(built, f"SELECT ?l WHERE {{ <{PLANT}> <{SKOS}altLabel> ?l }}")
    assert labels == {"Douai Plant"}  # "Douai plant" is the name the two articles use most (graph.labels)
    assert {"Ampere Douai Plant", "Ampere Douai facility", "Douai plant", "Douai factory"} <= alt


def test_outputs_of_both_articles_hang_on_one_plant(built: Store) -> None:
    outputs = {row["year"].value: row["units"].value for row in select(built,
        f"SELECT ?year ?units WHERE {{ ?r <{EVKG}outputOf> <{PLANT}> ; <{EVKG}year> ?year ; <{EVKG}units> ?units }}")}
    assert outputs == {"2023": "50729", "2024": "89527", "2025": "120000"}
    assert RESOURCE + "production/ampere-douai-2025" in resources(built)
    investments = values(built, f"SELECT ?a WHERE {{ ?i <{EVKG}investmentTarget> <{PLANT}> ; <{EVKG}amount> ?a }}")
    assert investments == {"550000000", "150000000"}
    facilities = values(built, f"SELECT ?f WHERE {{ <{PLANT}> <{EVKG}hasPart> ?f }}")
    assert RESOURCE + "facility/ampere-douai-battery-assembly-line" in facilities


def test_renault_5_of_the_second_article_is_the_seed_model(built: Store) -> None:
    model = RESOURCE + "model/renault-5-e-tech"
    assert RESOURCE + "model/renault-5" not in resources(built)
    produced = values(built, f"SELECT ?m WHERE {{ <{PLANT}> <{EVKG}produces> ?m }}")
    assert produced >= {model, RESOURCE + "model/renault-4-e-tech"}
    names = values(built, f"SELECT ?l WHERE {{ <{model}> <{SKOS}altLabel> ?l }}")
    assert "Renault 5" in names
    sources = values(built, f"SELECT DISTINCT ?d WHERE {{ ?m <{EVKG}denotes> <{model}> ; <{EVKG}inDocument> ?d }}")
    assert sources == {document_iri("seed").value, document_iri("douai-news").value}


def test_a_plant_in_another_city_stays_apart(built: Store) -> None:
    cleon = RESOURCE + "plant/ampere-cleon"
    assert values(built, f"SELECT ?c WHERE {{ <{cleon}> <{EVKG}city> ?c }}") == {RESOURCE + "city/cleon"}
    assert not values(built, f"SELECT ?r WHERE {{ ?r <{EVKG}outputOf> <{cleon}> }}") & \
        values(built, f"SELECT ?r WHERE {{ ?r <{EVKG}outputOf> <{PLANT}> }}")


def test_an_alias_names_one_company_in_every_document(built: Store) -> None:
    sources = values(built, f"SELECT DISTINCT ?d WHERE {{ ?m <{EVKG}denotes> <{RESOURCE}company/mitsubishi-motors> ; "
                            f"<{EVKG}inDocument> ?d }}")
    assert sources == {document_iri("seed").value, document_iri("cleon").value}


def test_the_same_corpus_gives_the_same_iris_in_any_order(built: Store, tmp_path: Path) -> None:
    documents = corpus(tmp_path / "documents", a_douai_news=SECOND, m_cleon=CLEON, z_seed=SEED)
    report = build(documents, tmp_path / "data", load_settings(environ={}))
    assert report.ok, report.problems
    other = open_read_only(layout.current_build(tmp_path / "data"))
    without_documents = {iri for iri in resources(built) if "/document/" not in iri}
    assert {iri for iri in resources(other) if "/document/" not in iri} == without_documents


def test_unify_does_not_depend_on_document_order() -> None:
    texts = [SEED, SECOND, CLEON]
    extractions = {text: extract(text) for text in texts}
    results = []
    for order in itertools.permutations(texts):
        unified = dict(zip(order, unify([extractions[text] for text in order])))
        results.append([unified[text] for text in texts])
    assert all(result == results[0] for result in results)
    assert results[0][1] != extractions[SECOND]


def plant(key: str, label: str, city: str, operator: str) -> Extraction:
    """A one-sentence extraction naming a plant with its city and operator."""
    text = f"The {label} of {operator} is in {city}."
    keys = [key, f"city/{city.lower()}", f"company/{operator.lower()}"]
    return Extraction(
        entities=[Entity(key, "plant", "ManufacturingPlant", label, [label]),
                  Entity(keys[1], "city", "City", city, [city]),
                  Entity(keys[2], "company", "Company", operator, [operator])],
        facts=[Fact(key, "city", keys[1], "entity", 0), Fact(key, "operatedBy", keys[2], "entity", 0)],
        mentions=[Mention(4, 4 + len(label), label, key, 0)],
        sentences=[Sentence(0, 0, len(text), text)])


def plant_keys(extractions: list[Extraction]) -> list[str]:
    return [e.key for extraction in unify(extractions) for e in extraction.entities if e.kind == "plant"]


def test_plants_that_disagree_or_are_ambiguous_stay_apart() -> None:
    assert plant_keys([plant("plant/douai", "Douai Plant", "Douai", "Renault"),
                       plant("plant/ampere-douai", "Ampere Douai Plant", "Douai", "Ampere")]) == \
        ["plant/ampere-douai", "plant/ampere-douai"]
    assert plant_keys([plant("plant/douai", "Douai Plant", "Douai", "Toyota"),
                       plant("plant/ampere-douai", "Ampere Douai Plant", "Douai", "Ampere")]) == \
        ["plant/douai", "plant/ampere-douai"]
    assert plant_keys([plant("plant/berlin", "Berlin Plant", "Berlin", "Tesla"),
                       plant("plant/giga-berlin", "Giga Berlin", "Berlin", "Tesla"),
                       plant("plant/tesla-berlin", "Tesla Berlin Plant", "Berlin", "Tesla")]) == \
        ["plant/berlin", "plant/giga-berlin", "plant/tesla-berlin"]


def test_models_merge_only_with_the_same_brand_and_base() -> None:
    seed = extract(SEED)
    other = two_brands("The Renault 5 Turbo is a Renault.", "renault-5-turbo", "renault")
    rival = two_brands("The Renault 5 is a Nissan.", "renault-5", "nissan")
    keys = {e.key for extraction in unify([seed, other, rival]) for e in extraction.entities if e.kind == "model"}
    assert {"model/renault-5-turbo", "model/renault-5", "model/renault-5-e-tech"} <= keys


def test_a_document_set_aside_no_longer_decides_the_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The only 'Ampere Douai Plant' is in an invalid document: once set aside, the second article keeps its own key."""
    from evkg.graph import extracting

    bad_text = "The Ampere Douai Plant makes the Zeta One, sold as a Zeta and as an Omega."
    bad = two_brands(bad_text, "zeta-one", "zeta", "omega")
    bad.entities.append(Entity("plant/ampere-douai", "plant", "ManufacturingPlant", "Ampere Douai Plant",
                               ["Ampere Douai Plant"]))
    bad.mentions.append(Mention(4, 22, "Ampere Douai Plant", "plant/ampere-douai", 0))
    real_extract = extracting.extract
    monkeypatch.setattr(extracting, "extract", lambda text, published=None: bad if text == bad_text else real_extract(text, published))
    report = build(corpus(tmp_path / "documents", bad=bad_text, douai_news=SECOND), tmp_path / "data",
                   load_settings(environ={}))
    assert report.ok, report.problems
    assert [skipped.file for skipped in report.skipped] == ["bad.txt"]
    published = resources(open_read_only(layout.current_build(tmp_path / "data")))
    assert RESOURCE + "plant/douai" in published and PLANT not in published
    [second] = report.documents
    assert "plant/douai (Douai Plant)" in second.entities


ELECTRICITY = ("Renault's Ampere ElectriCity plant in Douai, France, built about 90,000 cars in 2024. "
               "ElectriCity now also assembles the Alpine A290.")


def test_a_plant_named_by_its_site_is_the_plant_of_its_town_and_group() -> None:
    """'Ampere ElectriCity' (Renault, Douai) and the seed's 'Ampere Douai Plant' (Ampere, a Renault company) are one."""
    site = extract(ELECTRICITY)
    assert {e.key for e in site.entities if e.kind == "plant"} == {"plant/ampere-electricity"}
    unified = unify([extract(SEED), site])[1]
    [plant] = [e for e in unified.entities if e.kind == "plant"]
    assert plant.key == "plant/ampere-douai" and plant.label == "Ampere Douai Plant"
    assert {"Ampere ElectriCity Plant", "ElectriCity"} <= set(plant.names)
    assert ("plant/ampere-douai", "produces", "model/alpine-a290") in {(f.subject, f.predicate, f.object)
                                                                      for f in unified.facts}


def test_site_names_stay_apart_in_another_town_another_group_or_when_three_plants_share_them() -> None:
    assert plant_keys([plant("plant/electricity", "ElectriCity", "Douai", "Renault"),
                       plant("plant/ampere-douai", "Ampere Douai Plant", "Douai", "Ampere")]) == \
        ["plant/ampere-douai", "plant/ampere-douai"]
    assert plant_keys([plant("plant/electricity", "ElectriCity", "Maubeuge", "Renault"),
                       plant("plant/ampere-douai", "Ampere Douai Plant", "Douai", "Ampere")]) == \
        ["plant/electricity", "plant/ampere-douai"]
    assert plant_keys([plant("plant/electricity", "ElectriCity", "Douai", "Toyota"),
                       plant("plant/ampere-douai", "Ampere Douai Plant", "Douai", "Ampere")]) == \
        ["plant/electricity", "plant/ampere-douai"]
    assert plant_keys([plant("plant/electricity", "ElectriCity", "Douai", "Renault"),
                       plant("plant/georges-besse", "Georges Besse Plant", "Douai", "Renault"),
                       plant("plant/ampere-douai", "Ampere Douai Plant", "Douai", "Ampere")]) == \
        ["plant/electricity", "plant/georges-besse", "plant/ampere-douai"]


def test_two_companies_of_one_group_in_one_town_keep_two_plants() -> None:
    """'Kia Emden' and 'Hyundai Emden' share a word: named alike, by two companies, they are two plants."""
    assert plant_keys([plant("plant/kia-emden", "Kia Emden Plant", "Emden", "Kia"),
                       plant("plant/hyundai-emden", "Hyundai Emden Plant", "Emden", "Hyundai Motor")]) == \
        ["plant/kia-emden", "plant/hyundai-emden"]
