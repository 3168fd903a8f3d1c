"""The seed article: every fact of seed-expected.json (queries and further facts) and none of the tempting wrong ones."""

from __future__ import annotations

import pytest
from extraction_support import PREFIXES, ROOT, select, store_of

SEED = ROOT / "documents" / "alliance-ampere-douai.txt"
R = "https://w3id.org/evkg/resource/"
PLANT = f"<{R}plant/ampere-douai>"


@pytest.fixture(scope="module")
def store():
    return store_of(SEED)


def labels(store, cls: str) -> set[str]:
    return {r["l"] for r in select(store, f"SELECT ?l WHERE {{ ?x a evkg:{cls} ; rdfs:label ?l }}")}


def test_companies_brands_platforms(store):
    assert {"Renault", "Nissan", "Mitsubishi Motors"} <= labels(store, "Company") <= {
        "Renault", "Nissan", "Mitsubishi Motors", "Ampere"}
    assert labels(store, "Brand") == {"Renault", "Nissan", "Mitsubishi Motors", "Alpine"}
    assert labels(store, "VehiclePlatform") == {"AmpR Small", "AmpR Medium"}


def test_alliance_members(store):
    rows = select(store, """SELECT ?l ?m WHERE { ?a a evkg:Alliance ; rdfs:label ?l ; evkg:hasMember/rdfs:label ?m }""")
    assert {(r["l"], r["m"]) for r in rows} == {("Renault-Nissan-Mitsubishi Alliance", m)
                                                for m in ("Renault", "Nissan", "Mitsubishi Motors")}


def test_plant_city_country_and_names(store):
    rows = select(store, """SELECT ?p ?l ?c ?k WHERE { ?p a evkg:ManufacturingPlant ; rdfs:label ?l ;
                              evkg:city/rdfs:label ?c ; evkg:country/rdfs:label ?k }""")
    assert rows == [{"p": f"{R}plant/ampere-douai", "l": "Ampere Douai Plant", "c": "Douai", "k": "France"}]
    alt = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ {PLANT} skos:altLabel ?a }}")}
    assert {"Ampere Douai facility", "Douai plant"} <= alt


def test_models_and_brands(store):
    rows = select(store, """SELECT ?l ?b WHERE { ?m a evkg:VehicleModel ; rdfs:label ?l ; evkg:brand/rdfs:label ?b }""")
    assert sorted((r["l"], r["b"]) for r in rows) == sorted([
        ("Renault Megane E-Tech", "Renault"), ("Renault Scenic E-Tech", "Renault"), ("Renault 5 E-Tech", "Renault"),
        ("Alpine A290", "Alpine"), ("Nissan Micra EV", "Nissan"), ("Mitsubishi Eclipse Cross EV", "Mitsubishi Motors")])
    assert len(labels(store, "VehicleModel")) == 6
    alt = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ <{R}model/renault-5-e-tech> skos:altLabel ?a }}")}
    assert {"R5 E-Tech", "Renault 5 (R5) E-Tech", "R5"} <= alt
    mitsubishi = select(store, f"SELECT ?a WHERE {{ <{R}company/mitsubishi-motors> skos:altLabel ?a }}")
    assert {"a": "Mitsubishi"} in mitsubishi


def test_plant_models_platforms_facility(store):
    models = select(store, f"SELECT ?m WHERE {{ {PLANT} evkg:produces ?m . ?m evkg:powertrain evkg:BatteryElectric }}")
    assert len(models) == 6
    platforms = select(store, f"SELECT ?l WHERE {{ {PLANT} evkg:usesPlatform/rdfs:label ?l }}")
    assert {r["l"] for r in platforms} == {"AmpR Small", "AmpR Medium"}
    parts = select(store, f"SELECT ?l WHERE {{ {PLANT} evkg:hasPart ?f . ?f a evkg:Facility ; rdfs:label ?l }}")
    assert [r["l"] for r in parts] == ["Ampere Douai battery assembly workshop"]


def test_output(store):
    rows = select(store, f"""SELECT ?y ?u ?a WHERE {{ ?r evkg:outputOf {PLANT} ; evkg:year ?y ; evkg:units ?u ;
                              evkg:approximate ?a }} ORDER BY ?y""")
    assert rows == [{"y": "2023", "u": "50729", "a": "true"}, {"y": "2024", "u": "89527", "a": "false"}]


def test_investment(store):
    rows = select(store, """SELECT ?t ?amount ?c ?p WHERE { ?i a evkg:Investment ; evkg:investmentTarget ?t ;
                              evkg:amount ?amount ; evkg:currency ?c OPTIONAL { ?i evkg:purpose ?p } }""")
    assert rows == [{"t": f"{R}plant/ampere-douai", "amount": "550000000", "c": "EUR", "p": "transformation"}]


def test_all_electric_since_is_a_year_month(store):
    rows = select(store, f"SELECT ?d (DATATYPE(?d) AS ?t) WHERE {{ {PLANT} evkg:allElectricSince ?d }}")
    assert rows == [{"d": "2023-05", "t": "http://www.w3.org/2001/XMLSchema#gYearMonth"}]


def test_board_comprises_executives_and_visited(store):
    rows = select(store, """SELECT ?c WHERE { ?b a evkg:GoverningBoard ; rdfs:label "Alliance Operating Board" ;
                              evkg:comprisesExecutivesOf/rdfs:label ?c }""")
    assert {r["c"] for r in rows} == {"Renault", "Nissan", "Mitsubishi Motors"}
    visits = select(store, f"""SELECT ?v WHERE {{ ?v a evkg:Visit ; evkg:visitedPlace {PLANT} ;
                                evkg:visitor/rdfs:label "Alliance Operating Board" }}""")
    assert len(visits) == 1


def test_characterisations(store):
    rows = select(store, "SELECT ?l ?c WHERE { ?m rdfs:label ?l ; evkg:characterisation ?c }")
    found = {(r["l"], r["c"]) for r in rows}
    assert ("Nissan Micra EV", "next-generation") in found
    assert ("Mitsubishi Eclipse Cross EV", "Mitsubishi’s first fully electric SUV in Europe") in found
    suv = select(store, "SELECT ?l WHERE { ?m evkg:bodyType evkg:SUV ; rdfs:label ?l }")
    assert suv == [{"l": "Mitsubishi Eclipse Cross EV"}]


def test_launches_keep_the_text_precision(store):
    rows = select(store, """SELECT ?l ?p ?y WHERE { ?e a evkg:MarketLaunch ; evkg:launchOf/rdfs:label ?l ;
                              evkg:launchPeriod ?p ; evkg:launchYear ?y }""")
    assert sorted((r["l"], r["p"], r["y"]) for r in rows) == [
        ("Mitsubishi Eclipse Cross EV", "late 2025", "2025"), ("Nissan Micra EV", "late 2025", "2025")]


def test_europe_is_the_alliance_target_market(store):
    rows = select(store, """SELECT ?l WHERE { ?a a evkg:Alliance ; evkg:targetMarket/rdfs:label ?l }""")
    assert {r["l"] for r in rows} == {"Europe"}


@pytest.mark.parametrize("ask", [
    "?r evkg:year 2023 ; evkg:units 89527",
    "?r evkg:year 2024 ; evkg:approximate true",
    "?r evkg:year ?y FILTER (?y NOT IN (2023, 2024))",
    "?i evkg:currency ?c FILTER (?c != 'EUR')",
    "?i evkg:amount ?a FILTER (?a != 550000000)",
    "?e evkg:launchPeriod ?p FILTER (?p != 'late 2025')",
    "?e evkg:launchYear ?y FILTER (?y != 2025)",
    "?x evkg:allElectricSince ?d FILTER (DATATYPE(?d) != xsd:gYearMonth)",
    "?m evkg:brand ?b1, ?b2 FILTER (?b1 != ?b2)",
    "?m evkg:powertrain ?p FILTER (?p != evkg:BatteryElectric)",
    "?e a evkg:MarketLaunch ; evkg:market ?where",
    "?x a evkg:Company ; rdfs:label 'Alpine'",
    "?x a evkg:ManufacturingPlant FILTER (?x != <https://w3id.org/evkg/resource/plant/ampere-douai>)",
    "?x evkg:bodyType evkg:SUV ; skos:altLabel 'Micra EV'",
])
def test_tempting_wrong_facts_are_absent(store, ask):
    assert not store.query(f"{PREFIXES}ASK {{ {ask} }}", use_default_graph_as_union=True)


def test_provenance_sentences(store):
    rows = select(store, f"""SELECT DISTINCT ?text WHERE {{ ?a evkg:statedIn ?s . ?s evkg:text ?text .
                              {{ ?a evkg:assertionSubject {PLANT} }} UNION {{ ?a evkg:assertionObject {PLANT} }} }}""")
    texts = " ".join(r["text"] for r in rows)
    assert "€550 million transformation" in texts and "89,527 units in 2024" in texts
