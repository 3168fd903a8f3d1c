"""Names: unknown names in the right context become entities, and different names of one thing resolve to one key."""

from __future__ import annotations

from graph.extract import extract


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


def test_a_model_whose_brand_is_not_known_keeps_its_own_name():
    assert set(keys("Its Solihull plant assembled the first Range Rover Electric prototypes.", "model")) == {
        "model/range-rover-electric"}
