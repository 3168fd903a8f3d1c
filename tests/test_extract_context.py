"""Facts stated away from their names: parts of a plant, things said of a list of models, dates as written.

Each rule is held to sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

from evkg.graph.extract import extract
from extraction_support import launched, operators, parts, produced


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


def test_a_battery_or_cell_plant_named_with_an_assembly_plant_is_a_plant_of_its_own():
    assert parts("Ford runs the Valdoro Assembly Plant. NextStar is building a battery plant in Valdoro.") == set()
    assert parts("Maruti builds cars at the Valdoro plant, where a battery cell factory is planned.") == set()


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


# -- body types and powertrains said of models named together ------------------------------------
def kinds(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in extract(text).facts if f.predicate in ("bodyType", "powertrain")}


def test_models_as_the_subject_of_is_or_are_take_the_body_type_and_powertrain():
    assert kinds("The Kia QV4 and the Kia QV6 are compact electric hatchbacks.") == {
        ("model/kia-qv4", "bodyType", "Hatchback"), ("model/kia-qv6", "bodyType", "Hatchback"),
        ("model/kia-qv4", "powertrain", "BatteryElectric"), ("model/kia-qv6", "powertrain", "BatteryElectric")}
    assert ("model/bmw-x5", "bodyType", "SUV") in kinds("BMW builds the BMW X3 and the BMW X5. The X3 and X5 are "
                                                       "sport utility vehicles.")


def test_a_noun_with_a_relative_clause_summing_up_the_models_after_a_colon():
    assert kinds("Kia will supply two fully electric cars that go into series production at the plant next year: the "
                 "Kia QV4 and the Kia QV6.") == {("model/kia-qv4", "powertrain", "BatteryElectric"),
                                                 ("model/kia-qv6", "powertrain", "BatteryElectric")}
    assert kinds("Kia will supply two electric cars that go into production. The Kia QV4 and the Kia QV6 follow: "
                 "both.") == set()


def test_a_full_stop_inside_a_model_family_name_ends_no_sentence():
    extraction = extract("The Volkswagen ID. Polo is built in Martorell. The ID. Buzz is built in Hanover.")
    assert len(extraction.sentences) == 2
    assert {e.key for e in extraction.entities if e.key.startswith("model/")} == {
        "model/volkswagen-id-polo", "model/volkswagen-id-buzz"}


def test_a_model_compared_with_a_body_type_does_not_take_it():
    assert kinds("The Kia QV4 is a rival to the best-selling SUV in Europe.") == set()
    assert kinds("Buyers of the Kia QV4 are often owners of an old sedan.") == set()
    assert kinds("The Kia QV4 and the Kia QV6 are built alongside petrol cars.") == set()


def test_a_noun_summing_up_the_models_listed_after_it():
    found = kinds("Kia makes three fully electric models: the Kia QV4, the Kia QV5 and the Kia QV6.")
    assert {(m, "powertrain", "BatteryElectric") for m in ("model/kia-qv4", "model/kia-qv5", "model/kia-qv6")} == found
    assert kinds("Kia unveiled its first plug-in hybrid SUV, the Kia QV7.") == {
        ("model/kia-qv7", "bodyType", "SUV"), ("model/kia-qv7", "powertrain", "PlugInHybrid")}


def test_the_word_after_one_model_says_nothing_of_the_next():
    found = kinds("Kia builds the Kia QV4 pickup, the Kia QV5 SUV and the Kia QV6 van.")
    assert ("model/kia-qv5", "bodyType", "PickupTruck") not in found
    assert ("model/kia-qv6", "bodyType", "SUV") not in found
    assert ("model/kia-qv6", "bodyType", "SUV") not in kinds("Kia builds the Kia QV4, an SUV, and the Kia QV6, a sedan.")


def test_both_or_these_two_after_two_models_are_those_models():
    found = kinds("Kia showed the Kia QV4 and the Kia QV6 in Seoul. Both electric SUVs go on sale in 2026.")
    assert {("model/kia-qv4", "powertrain", "BatteryElectric"), ("model/kia-qv6", "bodyType", "SUV")} <= found
    found = kinds("Kia showed the Kia QV4 and the Kia QV6 in Seoul. These two hybrid models are built in Quorra.")
    assert {("model/kia-qv4", "powertrain", "Hybrid"), ("model/kia-qv6", "powertrain", "Hybrid")} <= found


def test_both_after_three_models_is_no_telling_which():
    assert kinds("Kia showed the Kia QV4, the Kia QV5 and the Kia QV6. Both electric SUVs go on sale in 2026.") == set()


def test_a_plural_body_word_after_a_model():
    assert kinds("The first Kia QV4 hatchbacks left the line in May.") == {("model/kia-qv4", "bodyType", "Hatchback")}


# -- dates as news writes them -----------------------------------------------------------------
def test_a_day_written_month_first_or_day_first_is_the_launch_period():
    assert launched("The Kia QV4 goes on sale on March 3, 2026.") == {("model/kia-qv4", "March 3, 2026")}
    assert launched("The Kia QV4 arrives in showrooms on 3rd March 2026.") == {("model/kia-qv4", "3rd March 2026")}
    launch_date = {f.object for f in extract("The Kia QV4 launches on 3 March 2026.").facts if f.predicate == "launchYear"}
    assert launch_date == {"2026"}


def test_on_before_a_bare_year_is_no_period():
    assert launched("The Kia QV4 was launched based on 2024 figures.") == set()


def test_the_start_of_deliveries_to_customers_is_a_launch():
    assert launched("The first Kia QV4 cars left Quorra in May 2025, and deliveries to customers in Europe began in "
                    "July 2025.") == {("model/kia-qv4", "July 2025")}
    assert launched("Kia builds the Kia QV4; deliveries of parts started in 2021.") == set()


# -- what a plant produces, said through its line or its head word ----------------------------
def test_a_line_for_a_model_at_a_plant_builds_it_there():
    assert produced("Fiat has inaugurated a new assembly line for the electric Fiat Zorblax at its Valdoro plant.") == {
        ("plant/valdoro", "model/fiat-zorblax")}


def test_a_line_yet_to_open_or_bought_elsewhere_builds_nothing_there():
    assert produced("Fiat will open a new assembly line for the Fiat Zorblax at its Valdoro plant.") == set()
    assert produced("Kia bought an assembly line for the Kia QV4 from a supplier at the Quorra plant.") == set()


def test_the_gigafactory_is_the_plant_in_focus():
    assert produced("Tesla's Giga Valdoro opened in 2020. The Gigafactory, its second, makes the Tesla Model Y.") == {
        ("plant/giga-valdoro", "model/tesla-model-y")}
    assert produced("Tesla's Giga Valdoro opened in 2020. A Gigafactory in Texas makes the Tesla Cybertruck.") == set()


def test_models_that_came_off_a_line_at_a_plant_are_made_there_unless_they_will():
    assert produced("The first Kia QV4 cars came off the line at the Valdoro plant in May.") == {
        ("plant/valdoro", "model/kia-qv4")}
    assert produced("The Kia QV4 will come off the line at the Valdoro plant.") == set()


# -- who runs a plant ----------------------------------------------------------------------------
def test_a_company_of_a_group_runs_the_plant_rather_than_the_group():
    assert operators("BMW's Valdoro plant builds the BMW X9. BMW Manufacturing, which runs the plant, employs 9,000 "
                     "people.") == {"company/bmw-manufacturing"}
    assert operators("Volkswagen Group of America runs its Valdoro plant.") == {"company/volkswagen-group-of-america"}
    assert operators("Kia's Valdoro plant is run by Kia Zorb Holdings.") == {"company/kia-zorb-holdings"}


def test_operators_of_different_groups_are_both_kept():
    assert operators("Kia's Valdoro plant builds the Kia QV4. Tata Motors, which runs the plant, employs 9,000 "
                     "people.") == {"company/kia", "company/tata-motors"}


def test_a_counted_noun_after_a_list_of_as_many_models():
    assert kinds("It shares the line with the Kia QV4 and the Kia QV6, two SUVs that continue in production.") == {
        ("model/kia-qv4", "bodyType", "SUV"), ("model/kia-qv6", "bodyType", "SUV")}
    assert kinds("Kia builds the Kia QV2, the Kia QV4 and the Kia QV6, two SUVs and a van.") == set()


def test_each_clause_says_the_body_type_of_its_own_subject():
    assert kinds("The Renault Clio is a hatchback, while the Renault Captur is a crossover.") == {
        ("model/renault-clio", "bodyType", "Hatchback"), ("model/renault-captur", "bodyType", "Crossover")}


def test_the_month_may_is_no_future():
    text = "A second assembly line for the electric Renault Zorblax opened at the Quorra factory in May 2024."
    assert ("model/renault-zorblax", "powertrain", "BatteryElectric") in kinds(text)
    assert produced(text) == {("plant/quorra", "model/renault-zorblax")}
    assert produced("A new assembly line for the Renault Zorblax may open at the Quorra factory.") == set()
    assert kinds("The Renault Clio is a hatchback, while the Renault Captur is its coupe-styled sibling.") == {
        ("model/renault-clio", "bodyType", "Hatchback")}


def test_a_shop_at_a_plant_named_after_it_is_part_of_that_plant():
    assert parts("Toyota builds cars at its Valdoro plant. Honda runs a paint shop at its Quorra plant.") == {
        ("plant/quorra", "facility/quorra-paint-shop")}


def test_the_two_crossovers_are_the_two_models_named_before():
    assert platforms("The Nissan Leaf and the Nissan Ariya are electric crossovers. Nissan will build them in Sunderland. "
                     "The two crossovers are to be built on the Zorb platform.") == {
        ("model/nissan-leaf", "platform/zorb"), ("model/nissan-ariya", "platform/zorb")}
    assert platforms("Kia builds the Kia QV4 and the Kia QV6. Both plants use the Zorb platform.") == set()


def test_an_organisation_runs_the_plants_listed_after_its_count_of_them():
    assert operators("Tesla opened two further plants in 2022, Giga Valdoro in Germany and Giga Quorra in Texas.") == {
        "company/tesla"}
    found = {(f.subject, f.object) for f in extract("Kia operates two plants in Europe: the Valdoro plant and the "
                                                    "Quorra plant.").facts if f.predicate == "operatedBy"}
    assert found == {("plant/valdoro", "company/kia"), ("plant/quorra", "company/kia")}


def test_a_count_that_the_list_does_not_match_gives_no_operator():
    assert operators("Kia operates three plants: the Valdoro plant and the Quorra plant.") == set()
    assert operators("Kia runs two plants, and Tata the Valdoro plant and the Quorra plant.") == set()
