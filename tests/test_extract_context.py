"""Facts stated away from their names: parts of a plant, things said of a list of models, dates as written.

Each rule is held to sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

from graph.extract import extract


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in extract(text).facts}


def parts(text: str) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in extract(text).facts if f.predicate == "hasPart"}


# -- parts of a plant ----------------------------------------------------------------------------
def test_shops_are_named_from_the_word_that_says_what_they_do():
    found = parts("The Valdoro plant builds the Kia QV4. Inside are a stamping shop and a robotic paint shop.")
    assert found == {("plant/valdoro", "facility/valdoro-stamping-shop"), ("plant/valdoro", "facility/valdoro-paint-shop")}


def test_a_building_for_one_step_of_production_is_a_part():
    assert parts("Kia tore down old halls at the Quorra factory to make room for a multi-storey assembly building.") \
        == {("plant/quorra", "facility/quorra-assembly-building")}


def test_a_component_plant_named_with_a_plant_already_known_is_its_part():
    found = parts("Kia opened the Valdoro plant in 2019. It later added the Valdoro battery pack plant beside the halls.")
    assert found == {("plant/valdoro", "facility/valdoro-battery-pack-plant")}
    found = parts("Kia runs its Quorra plant in Georgia. Money is going into a battery module plant at Quorra.")
    assert found == {("plant/quorra", "facility/quorra-battery-module-plant")}


def test_a_plant_introduced_as_a_battery_plant_is_no_part_of_itself():
    assert parts("Kia opened a new battery plant in Quorra, Georgia. The Quorra battery plant supplies cells.") == set()


def test_the_plants_own_assembly_line_is_no_part_but_a_second_one_is():
    assert parts("The Valdoro plant modernised its main assembly line and the production line for doors.") == set()
    assert parts("The Valdoro plant will get a second assembly line.") == {
        ("plant/valdoro", "facility/valdoro-second-assembly-line")}


def test_a_parts_other_names_follow_the_plants_names():
    extraction = extract("Porsche's Valdoro-Nord plant in Valdoro-Nord got a new body shop.")
    shop = next(e for e in extraction.entities if e.kind == "facility")
    assert "Valdoro-Nord body shop" in shop.names


# -- platforms of models named before ------------------------------------------------------------
def platforms(text: str) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in extract(text).facts if f.predicate == "basedOnPlatform"}


def test_a_count_opening_the_sentence_is_the_models_just_named():
    found = platforms("Kia will add the Kia QV4 and later the Kia QV6. A Kia QV8 is to follow. "
                      "All three are to be built on the Zorb platform.")
    assert found == {("model/kia-qv4", "platform/zorb"), ("model/kia-qv6", "platform/zorb"),
                     ("model/kia-qv8", "platform/zorb")}
    assert platforms("The Kia QV4 and the Kia QV6 were shown in Seoul. Both ride on the Zorb platform.") == {
        ("model/kia-qv4", "platform/zorb"), ("model/kia-qv6", "platform/zorb")}
    assert platforms("Kia builds the Kia QV4 and the Kia QV6. They use the Zorb architecture.") == {
        ("model/kia-qv4", "platform/zorb"), ("model/kia-qv6", "platform/zorb")}


def test_a_count_that_matches_no_models_just_named_names_none():
    assert platforms("Kia showed the Kia QV4 in Seoul. All three are to be built on the Zorb platform.") == set()
    assert platforms("The Kia QV4, the Kia QV5 and the Kia QV6 were shown. The two new models ride on the Zorb "
                     "platform.") == set()


def test_models_sitting_on_a_platform_in_a_relative_clause():
    assert platforms("The Kia QV4 and the Kia QV6, both of which sit on Kia's Zorb platform, are made in Quorra.") == {
        ("model/kia-qv4", "platform/zorb"), ("model/kia-qv6", "platform/zorb")}


def test_the_same_platform_as_other_models():
    assert platforms("The Audi Q2 uses the same Zorb platform as the Seat Ibiza and the Seat Arona, which are made "
                     "in Spain.") == {("model/audi-q2", "platform/zorb"), ("model/seat-ibiza", "platform/zorb"),
                                      ("model/seat-arona", "platform/zorb")}
    assert platforms("The Audi Q2 uses the Zorb platform, as the Seat Ibiza does.") == {("model/audi-q2", "platform/zorb")}


def test_a_short_name_in_brackets_before_platform_names_it():
    assert platforms("The Kia QV4 rides on the group's zonal modular basis (ZMB) platform.") == {
        ("model/kia-qv4", "platform/zmb")}
    extraction = extract("Kia's new electric vehicle (EV) platform will carry the Kia QV4.")
    assert not any(e.kind == "platform" for e in extraction.entities)
