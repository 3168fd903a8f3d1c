"""More ways unseen news articles name plants and state their facts (issue 10, recall on held-out text).

Each rule is held to invented sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

from evkg.graph.extract import extract
from extraction_support import produced


def names_of(text: str, key: str) -> set[str]:
    return {n for e in extract(text).entities if e.key == key for n in e.names}


# -- a plant named by its town, with what it makes -----------------------------------------------
def test_a_plant_in_a_town_is_also_named_by_its_head_and_modifiers():
    names = names_of("Kia also runs a battery-pack factory in Valdoro, Georgia.", "plant/valdoro")
    assert {"Valdoro factory", "Valdoro battery-pack factory"} <= names


def test_words_that_say_nothing_of_the_plant_are_not_part_of_its_name():
    names = names_of("Kia also runs a new factory in Valdoro, Georgia.", "plant/valdoro")
    assert "Valdoro factory" in names
    assert not any("new" in n for n in names)


# -- a company's plant named with a head word before its town -------------------------------------
def test_a_brand_then_plant_then_town_names_a_plant_the_brands_owner_runs():
    found = extract("Kia will spend more on Kia Plant Valdoro next year.")
    plant = next(e for e in found.entities if e.kind == "plant")
    assert plant.key == "plant/plant-valdoro" and "Kia Plant Valdoro" in plant.names
    assert {(f.predicate, f.object) for f in found.facts if f.subject == plant.key} >= {("operatedBy", "company/kia")}


def test_a_brand_before_a_capitalised_plant_word_alone_is_the_brands_plant_not_a_name():
    found = extract("Kia said the Kia Plant will close.")
    assert not any(e.label == "Kia Plant" for e in found.entities)


# -- which plant 'the site' is ------------------------------------------------------------------
def test_the_site_is_the_plant_the_text_returns_to_not_one_named_once_in_passing():
    text = ("Kia will invest in its Valdoro plant. The Valdoro plant employs 3,000 people. Jobs are safe at the Valdoro "
            "plant and at a press plant in Ostria. The site builds the Kia QV8.")
    assert ("plant/valdoro", "model/kia-qv8") in produced(text)


def test_the_site_after_a_plant_named_as_often_as_the_others_is_the_last_one():
    text = "Kia opened its Valdoro plant. Kia also opened a plant in Ostria. The site builds the Kia QV8."
    assert produced(text) == {("plant/ostria", "model/kia-qv8")}
