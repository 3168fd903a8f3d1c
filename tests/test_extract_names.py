"""Names: unknown names in the right context become entities, and different names of one thing resolve to one key."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evkg.graph.extract import extract
from evkg.graph.text import word_spans
from extraction_support import facts


def keys(text: str, kind: str) -> dict[str, list[str]]:
    return {e.key: e.names for e in extract(text).entities if e.kind == kind}


def test_unknown_names_in_context_become_entities():
    text = ("Renault builds the Renault Zorblax E-Tech at the Valdoro plant on the Quorra platform. "
            "Nissan also makes the Nissan Frobo EV there.")
    assert set(keys(text, "plant")) == {"plant/valdoro"}
    assert set(keys(text, "platform")) == {"platform/quorra"}
    assert set(keys(text, "model")) == {"model/renault-zorblax-e-tech", "model/nissan-frobo-ev"}


def test_plant_names_and_anaphora_resolve_to_one_plant():
    text = "The Acme Valdoro Plant opened. The Valdoro plant is big. The facility employs 3,000 people."
    extraction = extract(text)
    assert set(keys(text, "plant")) == {"plant/acme-valdoro"}
    assert {m.text for m in extraction.mentions if m.entity == "plant/acme-valdoro"} == {
        "Acme Valdoro Plant", "Valdoro plant", "The facility"}


def test_short_and_long_model_names_are_one_model():
    models = keys("Nissan builds the next-generation Leaf. The new Leaf EV goes on sale in 2026.", "model")
    assert list(models) == ["model/nissan-leaf-ev"]
    r5 = keys("It builds the Renault 5 (R5) E-Tech. The R5 sells well.", "model")
    assert list(r5) == ["model/renault-5-e-tech"]


def test_one_model_name_under_two_brands_is_two_models():
    models = keys("The Kia Comet EV and the Renault Comet EV are both built in Spain.", "model")
    assert set(models) == {"model/kia-comet-ev", "model/renault-comet-ev"}


def test_company_aliases():
    companies = keys("Mitsubishi said on Monday that Mitsubishi Motors will grow.", "company")
    assert list(companies) == ["company/mitsubishi-motors"]


def test_a_missed_sentence_end_does_not_glue_names():
    text = "Tesla builds the Model Y. The plant in Austin builds the Cybertruck."
    assert set(keys(text, "model")) == {"model/tesla-model-y", "model/tesla-cybertruck"}
    assert set(keys(text, "plant")) == {"plant/austin"}


def test_a_model_of_no_known_brand_is_reported_not_emitted():
    extraction = extract("The Zorp EV will be launched in Europe in late 2026. The Kia EV3 is built in Korea.")
    assert {e.key for e in extraction.entities if e.kind in ("model", "event")} == {"model/kia-ev3"}
    assert not [f for f in extraction.facts if "zorp" in f.subject + f.object]
    assert [(u.text, u.reason) for u in extraction.unresolved] == [("Zorp EV", "vehicle model of no known brand")]


@pytest.mark.parametrize("text, plant", [
    ("Ford's Valdoro Electrification Center builds the Ford Zorblax EV.", "plant/valdoro"),
    ("Hyundai said its Metaplant Quorra builds the Hyundai Zib 7.", "plant/metaplant-quorra"),
    ("Tesla builds the Model Y at Gigafactory Quorra.", "plant/gigafactory-quorra"),
    ("Tesla builds the Model Y at Giga Quorra.", "plant/giga-quorra"),
    ("Volkswagen builds the ID.3 at the Quorra factory.", "plant/quorra"),
    ("Nissan builds the Leaf at its Quorra site.", "plant/quorra"),
    ("Ford builds the Ford Zorblax EV at the Quorra Truck Plant.", "plant/quorra-truck"),
    ("Kia builds the Kia EV6 at the Quorra manufacturing facility.", "plant/quorra"),
    ("Kia builds the Kia EV6 at its Quorra EV hub.", "plant/quorra"),
])
def test_plants_are_named_by_many_heads(text, plant):
    assert set(keys(text, "plant")) == {plant}
    assert any(s == plant and p == "produces" for s, p, _ in facts(text))


def test_a_possessive_or_its_names_the_operator():
    assert ("plant/valdoro", "operatedBy", "company/ford") in facts(
        "Ford's Valdoro Electrification Center builds the Ford Zorblax EV.")
    assert ("plant/metaplant-quorra", "operatedBy", "company/hyundai-motor-group") in facts(
        "Hyundai Motor Group said its Metaplant Quorra builds the Hyundai Zib 7.")


def test_a_former_model_factory_is_the_plant_in_focus():
    text = "Ford's Valdoro Plant opened in 2020. Ford converted the former Zorblax factory, which builds the Ford Capri."
    assert set(keys(text, "plant")) == {"plant/valdoro"}
    assert ("plant/valdoro", "produces", "model/ford-capri") in facts(text)
    assert set(keys("Ford converted the former Zorblax factory, which builds the Ford Capri.", "plant")) == {
        "plant/zorblax"}


def test_the_plant_with_modifiers_is_the_plant_in_focus_but_the_other_plant_is_not():
    extraction = extract("Kia runs the Quorra plant. The $3 billion plant builds the Kia EV6. The other plant is old.")
    texts = {m.text for m in extraction.mentions if m.entity == "plant/quorra"}
    assert texts == {"Quorra plant", "The $3 billion plant"}


def test_an_unknown_town_before_a_state_or_country_is_a_city():
    text = "Kia builds the Kia EV6 at a plant in Quorraville, Georgia, and at its Valdoro Plant in Zibtown, Germany."
    found = facts(text)
    assert ("plant/quorraville", "city", "city/quorraville") in found
    assert ("plant/quorraville", "country", "country/united-states") in found
    assert ("plant/valdoro", "city", "city/zibtown") in found
    assert ("plant/valdoro", "country", "country/germany") in found
    assert "country/georgia" not in keys(text, "country")


def test_an_unknown_name_before_something_that_is_not_a_place_is_not_a_city():
    assert keys("Kia builds cars in Quorraville, Zibland, and more.", "city") == {}


def test_plural_and_bare_model_names_are_one_model():
    text = "The Quorra plant built 40,000 Ford Explorer EVs in 2024. It also builds the electric Explorer."
    assert list(keys(text, "model")) == ["model/ford-explorer-ev"]


def test_an_suv_coupe_is_one_body_type():
    assert {o for s, p, o in facts("Ford builds the Ford Capri, an electric SUV coupe.") if p == "bodyType"} == {"SUV"}


def test_a_plant_named_after_the_model_it_builds_produces_it_unless_that_is_planned():
    assert ("plant/quorra", "produces", "model/kia-ev6") in facts("Kia builds the Kia EV6 at its Quorra plant.")
    assert not [f for f in facts("Kia will start building the Kia EV6 at its Quorra plant in 2027.") if f[1] == "produces"]


def test_a_model_said_to_have_another_powertrain_stays_apart_from_the_suffixed_one() -> None:
    """'the petrol X' beside 'X EV' is the combustion model; a bare 'X' without such a word is still the EV's short name."""
    extraction = extract("The plant builds the petrol-engined Chevrolet Blazer and Chevrolet Equinox crossovers.\n\n"
                         "Its first electric model is the Chevrolet Blazer EV. The Chevrolet Equinox EV may follow.")
    facts = {(f.subject, f.predicate, f.object) for f in extraction.facts if f.predicate in ("powertrain", "bodyType")}
    assert {e.key for e in extraction.entities if e.kind == "model"} == {
        "model/chevrolet-blazer", "model/chevrolet-equinox", "model/chevrolet-blazer-ev", "model/chevrolet-equinox-ev"}
    assert {("model/chevrolet-blazer", "powertrain", "InternalCombustion"),
            ("model/chevrolet-equinox", "powertrain", "InternalCombustion"),
            ("model/chevrolet-blazer", "bodyType", "Crossover"), ("model/chevrolet-equinox", "bodyType", "Crossover"),
            ("model/chevrolet-blazer-ev", "powertrain", "BatteryElectric")} <= facts
    near_miss = extract("The plant will build the Chevrolet Blazer EV. The Chevrolet Blazer goes on sale in May.")
    assert {e.key for e in near_miss.entities if e.kind == "model"} == {"model/chevrolet-blazer-ev"}


def test_a_models_number_before_a_legal_form_names_no_company():
    keys = {e.key for e in extract("The plant built the BMW 3 Series and the BMW 1800 SA.").entities}
    assert not {key for key in keys if key.startswith("company/bmw-1800")}


def test_a_model_family_written_lower_case_first_opens_a_name():
    keys = {e.key for e in extract("Today the Vitoria plant makes the Vito and the battery-electric eVito.").entities}
    assert {"model/mercedes-benz-vito", "model/mercedes-benz-evito"} <= keys


@pytest.mark.parametrize("text, model", [
    ("The Valdoro plant builds the Ranger pickup.", "model/ford-ranger"),
    ("Output of the Tucson rose at the Valdoro plant.", "model/hyundai-tucson"),
    ("The Valdoro plant also makes the Sportage.", "model/kia-sportage"),
])
def test_well_known_model_families_are_models_of_their_brand_without_it(text, model):
    assert model in {e.key for e in extract(text).entities}


@given(st.text(alphabet="ab -_é1.\n", max_size=30), st.text(alphabet="ab-é1 ", min_size=1, max_size=4))
def test_word_spans_are_where_the_word_pattern_matches(text, word):
    pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
    assert list(word_spans(text, word)) == [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    plain = rf"(?<!\w){re.escape(word)}(?!\w)"  # a hyphen beside it, too, leaves a word its own
    assert list(word_spans(text, word, "")) == [(m.start(), m.end()) for m in re.finditer(plain, text)]


@pytest.mark.parametrize("text, person", [
    ("The President of Uzbekistan Shavkat Mirziyoyev opened the Valdoro plant.", "person/shavkat-mirziyoyev"),
    ("SK Group vice-chairman Chey Jae-won visited the Valdoro plant.", "person/chey-jae-won"),
])
def test_a_title_of_a_country_before_a_name_and_a_hyphenated_title(text, person):
    keys = {e.key for e in extract(text).entities}
    assert person in keys
    assert not {key for key in keys if key.startswith("person/") and key != person}


def test_every_plant_of_a_listed_plants_phrase_is_named_by_a_mention():
    extraction = extract("Daimler Truck's Mannheim, Kassel and Gaggenau plants build axles and engines.")
    plants = {e.key for e in extraction.entities if e.key.startswith("plant/")}
    assert plants == {"plant/mannheim", "plant/kassel", "plant/gaggenau"}
    assert plants <= {m.entity for m in extraction.mentions}
