"""More ways unseen news articles name plants and state their facts (issue 10, recall on held-out text).

Each rule is held to invented sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

from datetime import date

from evkg.graph.extract import extract
from extraction_support import pairs, parts, produced


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


# -- towns said as 'the city of X', and plants named after the town they stand in -----------------
def test_the_city_of_a_name_is_a_town_even_when_a_maker_has_the_name():
    found = extract("The Ostria Plant, which stands in the city of Kia in Saxony, Germany, builds vans.")
    assert {(f.predicate, f.object) for f in found.facts if f.subject == "plant/ostria"} >= {
        ("city", "city/kia"), ("country", "country/germany")}


def test_a_maker_named_near_a_city_word_is_still_the_maker():
    found = extract("The city council met Kia in Saxony about its Ostria Plant.")
    assert not any(e.kind == "city" and e.label == "Kia" for e in found.entities)


def test_a_plant_named_after_the_town_it_is_said_to_stand_in():
    found = extract("Work on a second Kia factory, the Ostria Plant in Ostria, began in May.")
    assert ("plant/ostria", "city", "city/ostria") in {(f.subject, f.predicate, f.object) for f in found.facts}
    found = extract("Work on a second Kia factory, the Ostria Plant in Valdoro, began in May.")
    assert not any(e.kind == "city" and e.label == "Ostria" for e in found.entities)


def test_a_plant_named_before_the_text_calls_its_name_a_city_is_in_that_city():
    found = extract("Kia opened its Ostria Plant. The site lies in the city of Ostria, in Saxony, Germany.")
    assert ("plant/ostria", "city", "city/ostria") in {(f.subject, f.predicate, f.object) for f in found.facts}


def test_a_plant_whose_name_opens_with_the_town_it_is_said_to_stand_in():
    found = extract("Kia runs the Ostria Engine Plant in Ostria and the Valdoro Paint Plant in Valdoro, all in the "
                    "United States.")
    got = {(f.subject, f.predicate, f.object) for f in found.facts}
    assert {("plant/ostria-engine", "city", "city/ostria"), ("plant/valdoro-paint", "city", "city/valdoro"),
            ("plant/valdoro-paint", "country", "country/united-states")} <= got
    found = extract("Kia runs the Ostria Paint Plant in Valdoro.")
    assert not any(e.kind == "city" and e.label == "Ostria" for e in found.entities)


# -- production figures phrased around the verb -------------------------------------------------
def outputs(text: str) -> set[tuple[int, int]]:
    found = extract(text, date(2025, 3, 1))
    by_node: dict[str, dict[str, str]] = {}
    for f in found.facts:
        by_node.setdefault(f.subject, {})[f.predicate] = f.object
    return {(int(p["year"]), int(p["units"])) for p in by_node.values() if "outputOf" in p}


def test_a_figure_then_the_verb_then_the_year():
    assert outputs("At the Valdoro plant, 118,000 vans left the lines in 2024.") == {(2024, 118000)}
    assert outputs("At the Valdoro plant 95,500 cars were assembled last year.") == {(2024, 95500)}
    assert outputs("At the Valdoro plant 95,500 cars were sold last year.") == set()
    assert outputs("At the Valdoro plant 95,500 cars will have been built by 2027.") == set()


def test_a_year_closed_with_a_figure_built():
    assert outputs("The Valdoro plant closed 2023 with some 261,000 cars built.") == {(2023, 261000)}
    assert outputs("The Valdoro plant closed 2023 with a loss of 261,000 euros.") == set()


# -- model names -------------------------------------------------------------------------------
def models_of(text: str) -> dict[str, set[str]]:
    return {e.key: set(e.names) for e in extract(text).entities if e.kind == "model"}


def test_a_door_count_is_part_of_a_model_name():
    assert "Kia 3-door" in models_of("The Valdoro plant builds the Kia 3-door.").get("model/kia-3-door", set())
    assert models_of("The Valdoro plant builds 3-door cars for Kia.") == {}


def test_a_brand_then_a_spelled_out_powertrain_is_a_model_an_abbreviation_is_not():
    text = "The Valdoro plant builds the Kia Electric."
    assert ("model/kia-electric", "powertrain", "BatteryElectric") in {
        (f.subject, f.predicate, f.object) for f in extract(text).facts}
    assert models_of("The Valdoro plant builds its first Kia EV.") == {}


def test_a_numero_sign_joins_a_model_name():
    assert "model/kia-n3" in models_of("The Valdoro plant builds the Kia N°3.")


def test_a_plural_model_name_is_the_model_the_text_names_in_the_singular():
    names = models_of("The last Kia Ostrias left the line. The Ostria was a success.")
    assert "model/kia-ostria" in names and "model/kia-ostrias" not in names
    assert "model/kia-ostrias" in models_of("The last Kia Ostrias left the line.")


# -- possessives and pronouns ---------------------------------------------------------------------
def test_an_apostrophe_alone_after_a_name_in_s_is_a_possessive():
    found = {(f.subject, f.predicate, f.object) for f in extract(
        "Production of the Kia QV8 has begun at Stellantis' Valdoro Plant.").facts}
    assert {("plant/valdoro", "operatedBy", "company/stellantis"), ("plant/valdoro", "produces", "model/kia-qv8")} <= found
    found = {(f.subject, f.predicate, f.object) for f in extract(
        "Production of the Kia QV8 has begun at the Valdoro Plant, Stellantis said.").facts}
    assert ("plant/valdoro", "operatedBy", "company/stellantis") not in found


def test_it_with_auxiliaries_before_a_production_verb_is_the_plant_of_the_sentence_before():
    text = "The Valdoro plant is old. It has been building the Kia QV8 since 2019."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}
    assert produced("The Valdoro plant is old. It has been selling the Kia QV8 since 2019.") == set()


def test_an_e_prefixed_name_after_a_brand_is_a_model():
    assert "model/kia-e-ostria" in models_of("Kia builds the Kia e-Ostria at Valdoro.")
    assert models_of("Kia builds e-bikes at Valdoro.") == {}


def test_a_factory_of_another_kind_in_a_plants_town_does_not_name_the_plant():
    text = "Kia opened its Valdoro Plant in 2019. Kia also opened a battery cell factory in Valdoro."
    assert not any("battery" in n for n in names_of(text, "plant/valdoro"))


def test_its_plant_after_a_model_and_its_maker_is_the_makers():
    text = "Drivers met the first Kia QV8, the carmaker's first electric SUV, at its Valdoro Plant."
    assert ("plant/valdoro", "operatedBy", "company/kia") in {(f.subject, f.predicate, f.object) for f in extract(text).facts}
    text = "Drivers met the first Kia QV8 at the Valdoro Plant."
    assert not any(f.predicate == "operatedBy" for f in extract(text).facts)


# -- fact sheets --------------------------------------------------------------------------------
SHEET = """Fact sheet

Site 2: Ostria Works
- Location: Valdoro, Georgia, United States
- Operator: Kia
- Investment: $2.5 billion
- Jobs: about 3,000
"""


def test_a_fact_sheets_heading_names_a_plant_its_lines_describe():
    found = {(f.subject, f.predicate, f.object) for f in extract(SHEET).facts}
    assert {("plant/ostria-works", "city", "city/valdoro"), ("plant/ostria-works", "country", "country/united-states"),
            ("plant/ostria-works", "operatedBy", "company/kia"),
            ("investment/ostria-works-2500000000-usd", "investmentTarget", "plant/ostria-works")} <= found


def test_a_numbered_fact_sheets_lines_are_read_as_its_bulleted_ones():
    numbered = SHEET.replace("- Location", "1. Location").replace("- Operator", "2. Operator")
    found = {(f.subject, f.predicate, f.object) for f in extract(numbered).facts}
    assert {("plant/ostria-works", "city", "city/valdoro"), ("plant/ostria-works", "operatedBy", "company/kia")} <= found


def test_a_fact_sheets_models_line_names_what_the_plant_builds():
    found = {(f.subject, f.predicate, f.object) for f in extract(SHEET + "- Models: the Kia QV4 and the Kia QV8\n").facts}
    assert {("plant/ostria-works", "produces", "model/kia-qv4"), ("plant/ostria-works", "produces", "model/kia-qv8")} <= found
    for near_miss in ("- Future models: the Kia QV4 and the Kia QV8\n", "- Models: the Kia QV4 will follow in 2027\n"):
        assert not any(f.predicate == "produces" for f in extract(SHEET + near_miss).facts)


def test_field_lines_with_no_heading_plant_before_them_say_nothing_of_a_plant():
    found = extract(SHEET.replace("Site 2: Ostria Works", "Chapter 2: Ostria Review"))
    assert not any(e.kind == "plant" for e in found.entities)
    assert not any(f.predicate == "operatedBy" for f in found.facts)


# -- who owns a brand -----------------------------------------------------------------------------

def test_an_owners_possessive_before_a_brand_and_the_word_brand():
    assert pairs("The van is sold under Kia's budget Genesis brand.", "ownsBrand") == {("company/kia", "brand/genesis")}
    assert pairs("Stellantis' Jeep brand grew.", "ownsBrand") == {("company/stellantis", "brand/jeep")}
    assert pairs("Kia's rival Genesis brand grew.", "ownsBrand") == set()


def test_a_company_that_owns_the_brand_in_the_singular():
    assert pairs("Geely, which owns the Lotus brand, said it will invest.", "ownsBrand") == {("company/geely", "brand/lotus")}
    assert pairs("Geely, which owns the Lotus factory, said it will invest.", "ownsBrand") == set()


# -- who runs a plant -----------------------------------------------------------------------------

def test_the_carmaker_or_it_as_subject_runs_the_plant_after_its_verb():
    text = "Kia opened a museum. The carmaker also builds vans at its factory in Valdoro, Georgia."
    assert pairs(text, "operatedBy") == {("plant/valdoro", "company/kia")}
    text = "Kia opened a museum. It sells vans; it also runs a paint factory in Valdoro, Georgia."
    assert pairs(text, "operatedBy") == {("plant/valdoro", "company/kia")}
    assert pairs("Kia opened a museum. Vans are built at a factory in Valdoro, Georgia.", "operatedBy") == set()


def test_a_plant_taken_over_is_the_buyers_not_the_sellers():
    assert pairs("Kia took over Nissan's assembly plant in Valdoro in May.", "operatedBy") == {("plant/valdoro", "company/kia")}
    assert pairs("Kia visited Nissan's assembly plant in Valdoro in May.", "operatedBy") == {("plant/valdoro", "company/nissan")}


def test_in_operation_under_and_a_possessive_plant_that_was_the_plant():
    assert pairs("The Valdoro Plant is now in operation under Kia.", "operatedBy") == {("plant/valdoro", "company/kia")}
    assert pairs("The Valdoro Plant is now in operation near Kia's offices.", "operatedBy") == set()
    assert pairs("Kia's first car plant abroad was the Valdoro Plant.", "operatedBy") == {("plant/valdoro", "company/kia")}


# -- powertrains said right after a model -------------------------------------------------------

def test_a_powertrain_phrase_right_after_a_model_and_before_the_clause_goes_on():
    assert pairs("They built a Kia Ostria full hybrid with a grey roof.", "powertrain") == {("model/kia-ostria", "Hybrid")}
    assert pairs("It follows the Kia Ostria 100% electric in this segment.", "powertrain") == {
        ("model/kia-ostria", "BatteryElectric")}
    assert pairs("The Kia Ostria electric range is 400 km.", "powertrain") == set()


def test_a_percentage_is_not_part_of_a_model_name():
    assert "model/kia-ostria" in models_of("It follows the Kia Ostria 100% electric in this segment.")


# -- what a plant no longer builds ------------------------------------------------------------------
def test_up_to_now_marks_a_model_the_plant_built_before():
    assert produced("The Valdoro plant is busy. Up to now the Valdoro plant also built the Kia QV8.") == set()
    assert produced("The Valdoro plant is busy. Right now the Valdoro plant also builds the Kia QV8.") == {
        ("plant/valdoro", "model/kia-qv8")}


def test_a_model_after_while_is_not_built_by_the_plant_before():
    assert produced("Its Valdoro Plant builds the Kia QV8, while the Kia QV2 is now made in Ostria.") == {
        ("plant/valdoro", "model/kia-qv8")}


# -- machine-translated phrasing ------------------------------------------------------------------
def test_the_establishment_of_a_town_is_a_plant_and_a_dateline_in_brackets_gives_its_country():
    text = "VALDORO (Spain). The establishment of Valdoro will build vans for Kia."
    found = {(f.subject, f.predicate, f.object) for f in extract(text).facts}
    assert {("plant/valdoro", "city", "city/valdoro"), ("plant/valdoro", "country", "country/spain")} <= found
    assert not any(e.kind == "plant" for e in extract("The establishment of a joint venture took a year.").entities)


# -- parts of a plant ----------------------------------------------------------------------------
def test_the_plants_possessive_makes_any_lower_case_part_a_facility_with_its_number():
    assert parts("The Valdoro plant is big. The plant's plastics department supplies parts.") == {
        ("plant/valdoro", "facility/valdoro-plastics-department")}
    assert parts("The Valdoro plant is big. Kia shut the plant's gearbox hall 2 in May.") == {
        ("plant/valdoro", "facility/valdoro-gearbox-hall-2")}
    assert parts("The Valdoro plant is big. The plant's director spoke.") == set()
    assert parts("The Valdoro plant is big. The sales department spoke.") == set()


# -- which plant builds a model ------------------------------------------------------------------
def test_a_model_built_at_a_named_plant_after_the_plant_in_focus():
    text = "The Valdoro plant is big. The plant's press shop also supplies the Kia QV8 built at the Ostria plant."
    assert ("plant/ostria", "model/kia-qv8") in produced(text)
    assert ("plant/valdoro", "model/kia-qv8") not in produced(text)


def test_it_is_assembled_at_a_plant_is_the_model_that_opened_the_sentence_before():
    text = "The Kia QV8 went on sale in 2022. Today it is assembled at the Valdoro Plant."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}
    text = "Sales of the Kia QV8 began in 2022. Today it is assembled at the Valdoro Plant."
    assert produced(text) == set()


def test_models_that_share_it_with_others_are_built_at_the_plant_in_focus():
    text = "The Valdoro plant has one line. The last Kia QV8 cars share it with the first Kia QV2 cars."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8"), ("plant/valdoro", "model/kia-qv2")}


def test_its_opening_a_sentence_and_the_groups_possessive_are_the_company_named_last():
    text = "Kia has three sites. Its van production began at the Valdoro factory in Valdoro, Georgia."
    assert pairs(text, "operatedBy") == {("plant/valdoro", "company/kia")}
    text = "Kia has three sites. Jobs are safe at the group's press plant in Valdoro, Georgia."
    assert pairs(text, "operatedBy") == {("plant/valdoro", "company/kia")}
    text = "Kia has three sites. Jobs are safe at the town's press plant in Valdoro, Georgia."
    assert pairs(text, "operatedBy") == set()


def test_a_plant_listed_after_another_with_and_has_its_operator():
    text = "Kia runs a plant in Valdoro, Georgia, and a paint factory in Ostria, Ohio."
    assert pairs(text, "operatedBy") == {("plant/valdoro", "company/kia"), ("plant/ostria", "company/kia")}
    text = "Kia runs a plant in Valdoro, Georgia, while Ohio has a paint factory in Ostria, Ohio."
    assert pairs(text, "operatedBy") == {("plant/valdoro", "company/kia")}


def test_a_makers_factory_apposed_to_a_named_plant_is_that_plant():
    text = "Kia opened its Valdoro Plant. Work on a second Kia factory, the Ostria Plant, began in May."
    assert ("plant/ostria", "company/kia") in pairs(text, "operatedBy")


def test_models_listed_then_counted_as_prototypes_each_take_the_powertrain():
    text = "Kia showed the Kia QV8 SUV and the Kia QV2, two electric prototypes, in May."
    assert {("model/kia-qv8", "BatteryElectric"), ("model/kia-qv2", "BatteryElectric")} <= pairs(text, "powertrain")
    text = "Kia showed the Kia QV8 SUV and the Kia QV2, three electric prototypes, in May."
    assert pairs(text, "powertrain") == set()


# -- joint ventures with a partner the lexicon lacks -----------------------------------------------
def test_a_joint_venture_between_a_known_company_and_an_unknown_name_has_both_as_members():
    text = "Cells come from Ostria Cells, a joint venture between Kia and Valdoro Energy Systems."
    assert pairs(text, "hasMember") == {("alliance/ostria-cells", "company/kia"),
                                        ("alliance/ostria-cells", "company/valdoro-energy-systems")}
    assert pairs("Cells come from Ostria Cells, a joint venture between Kia and Valdoro, Georgia.", "hasMember") == set()
    assert pairs("Cells come from Ostria Cells, a joint venture between Zorb Power and Valdoro Energy.", "hasMember") == set()


def test_money_paid_for_the_land_is_no_investment_in_the_plant_but_the_building_money_is():
    text = "Kia paid $5 million for the land and spent $1.1 billion building the Valdoro plant."
    assert pairs(text, "investmentTarget") == {("investment/valdoro-1100000000-usd", "plant/valdoro")}


def test_a_model_after_a_region_adjective_is_still_the_model():
    assert ("model/volkswagen-passat", "brand/volkswagen") in pairs(
        "The plant built the North American Passat sedan until 2022.", "brand")


def test_a_list_after_a_counted_noun_may_open_with_a_new_powertrain_word():
    text = "The plant will add two fully electric cars: a new all-electric Kia QV8 and the Kia QV2."
    assert pairs(text, "powertrain") == {("model/kia-qv8", "BatteryElectric"), ("model/kia-qv2", "BatteryElectric")}
    text = "The plant will add two fully electric cars, says Kia, and a Kia QV8 with a diesel engine."
    assert ("model/kia-qv8", "BatteryElectric") not in pairs(text, "powertrain")


def test_a_town_before_what_the_plant_makes_is_the_plants_town():
    assert ("plant/valdoro-engine", "city/valdoro") in pairs("Kia will invest in its Valdoro Engine Plant.", "city")
    assert pairs("Kia will invest in its Valdoro Cobalt Plant.", "city") == set()


def test_a_brand_then_a_lower_case_model_name_the_lexicon_knows():
    assert ("model/audi-e-tron", "brand/audi") in pairs("Audi builds its Audi e-tron in Brussels.", "brand")
    assert pairs("Audi is proud of its e-tron range.", "brand") == set()


# -- questions and answers ------------------------------------------------------------------------
def test_the_answer_to_which_cars_a_plant_builds_names_its_models():
    text = "Kia opened the Valdoro plant in 2021.\n\nWhich cars come off the line?\n\nFor now, the Kia QV8, a small SUV."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}
    text = "Kia opened the Valdoro plant in 2021.\n\nWhich cars will come off the line?\n\nThe Kia QV8, a small SUV."
    assert produced(text) == set()
    text = "Kia opened the Valdoro plant in 2021.\n\nWhich cars sell best?\n\nThe Kia QV8, a small SUV."
    assert produced(text) == set()


def test_an_ordinal_phase_of_a_plant_is_a_part_of_it():
    assert parts("Kia broke ground for the second phase of its Valdoro Plant.") == {
        ("plant/valdoro", "facility/valdoro-second-phase")}
    assert parts("Kia is in the second phase of talks about its Valdoro Plant.") == set()


def test_a_manufacturing_company_said_to_be_the_subsidiary_that_runs_the_plant():
    text = "Kia's Valdoro Plant grew, said Kia Motor Manufacturing Slovakia (KMMS), the subsidiary that runs the factory."
    assert pairs(text, "operatedBy") == {("plant/valdoro", "company/kia-motor-manufacturing-slovakia")}
    text = "Output grew at Kia Motor Manufacturing Slovakia (KMMS), the plant near Zilina."
    assert not any(e.kind == "company" and "Slovakia" in e.label for e in extract(text).entities)


# -- markets -------------------------------------------------------------------------------------
def test_a_plant_in_focus_that_exports_to_a_region_targets_it():
    text = "Kia opened the Valdoro plant in 2021. The rest will be exported to other countries in Southeast Asia."
    assert pairs(text, "targetMarket") == {("plant/valdoro", "region/southeast-asia")}
    text = "Kia opened the Valdoro plant in 2021. Its rival imports parts from Southeast Asia."
    assert pairs(text, "targetMarket") == set()


def test_where_the_plants_output_is_shipped_or_sold_are_its_markets():
    text = ("Kia opened the Valdoro plant in 2021. Most of its cars will be sold in Indonesia and shipped to other "
            "markets of the ASEAN region.")
    assert pairs(text, "targetMarket") == {("plant/valdoro", "country/indonesia"), ("plant/valdoro", "region/asean")}
    text = "Kia opened the Valdoro plant in 2021. More than 200,000 units of the plant's production go to Europe."
    assert pairs(text, "targetMarket") == {("plant/valdoro", "region/europe")}
    for near_miss in ("Kia sold 100,000 vehicles in the EU last year.",  # sales, not a market the plant serves
                      "Vans are already being shipped to customers across Europe.",  # whose vans?
                      "The vans go on sale in Europe in May."):
        assert pairs(f"Kia opened the Valdoro plant in 2021. {near_miss}", "targetMarket") == set()


def test_the_places_a_model_is_exported_to_are_its_markets():
    text = "The Valdoro plant builds the Kia QV4. Kia plans to export the Kia QV4 to Africa and the Middle East."
    assert pairs(text, "targetMarket") == {("model/kia-qv4", "region/africa"), ("model/kia-qv4", "region/middle-east")}
    text = "The Valdoro plant builds the Kia QV4. Kia exports parts of the Kia QV4 to Africa."
    assert pairs(text, "targetMarket") == set()
    text = "The Valdoro plant builds the Kia QV4. Kia is studying whether to export the Kia QV4 to Africa."
    assert pairs(text, "targetMarket") == set()


def test_customers_in_the_region_are_a_models_market():
    text = "Deliveries of the Kia QV8 to customers in the ASEAN region began in April."
    assert pairs(text, "targetMarket") == {("model/kia-qv8", "region/asean")}


def test_the_first_model_on_the_line_is_built_at_the_plant_in_focus():
    text = "Kia opened the Valdoro plant in 2021. The first model on the line is the Kia QV8."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}
    text = "Kia opened the Valdoro plant in 2021. The first model on the line will be the Kia QV8."
    assert produced(text) == set()


def test_its_battery_plant_after_a_car_plant_is_not_that_plant():
    text = "Kia builds cars at its Valdoro Plant. Total investment in its battery plant will reach $4 billion."
    assert pairs(text, "investmentTarget") == set()
    text = "Kia builds cells at its Valdoro battery plant. Total investment in its battery plant will reach $4 billion."
    assert pairs(text, "investmentTarget") == {("investment/valdoro-4000000000-usd", "plant/valdoro")}


def test_a_part_a_company_is_only_looking_at_adding_is_no_part_yet():
    assert parts("Kia is looking at putting a battery assembly line in its Valdoro Plant.") == set()
    assert parts("Kia is putting a battery assembly line in its Valdoro Plant.") == {
        ("plant/valdoro", "facility/valdoro-battery-assembly-line")}


# -- a town's country from the gazetteer ----------------------------------------------------------
def test_a_towns_country_is_the_one_the_text_names_among_its_namesakes():
    assert pairs("Kia builds the Sorento at its Córdoba plant. It sells the car across Spain.", "country") == {
        ("city/cordoba", "country/spain"), ("plant/cordoba", "country/spain")}
    assert ("plant/cordoba", "country/mexico") in pairs(
        "Kia builds the Sorento at its Córdoba plant. It sells the car across Mexico.", "country")


def test_a_large_town_with_no_namesake_of_its_size_needs_no_country_named():
    assert ("plant/guadalajara", "country/mexico") in pairs("Kia builds the Sorento at its Guadalajara plant.", "country")


def test_a_town_with_a_namesake_of_its_size_or_a_small_town_takes_no_country_unnamed():
    assert pairs("Kia builds the Sorento at its Córdoba plant.", "country") == set()  # Spain's or Argentina's
    assert pairs("Kia builds the Sorento at its Sharonville plant in the United States.", "country") == {
        ("plant/sharonville", "country/united-states")}  # stated, not looked up
    assert pairs("Kia builds the Sorento at its Sharonville plant. It sells it in the United States.", "country") == set()


# -- a town of several words, or after 'in', that the gazetteer knows -----------------------------
def test_a_plant_named_by_a_town_of_several_words_the_gazetteer_knows_stands_in_it():
    assert pairs("GM builds the Chevrolet Blazer EV at its Ramos Arizpe Assembly plant.", "city") == {
        ("plant/ramos-arizpe", "city/ramos-arizpe")}
    assert pairs("GM builds the Chevrolet Blazer EV at its Valdoro Springs Assembly plant.", "city") == set()


def test_a_town_the_gazetteer_knows_after_in_is_where_the_plant_stands():
    assert pairs("GM builds the Chevrolet Blazer EV at the Orion plant in Ramos Arizpe.", "city") == {
        ("plant/orion", "city/ramos-arizpe")}
    assert pairs("GM builds the Chevrolet Blazer EV at the Orion plant in Valdoro Springs.", "city") == {
        ("plant/orion", "city/orion")}  # no town the gazetteer knows: the plant's name is all there is


# -- more verbs of production ---------------------------------------------------------------------
def test_a_plant_that_turns_out_waves_off_or_lines_up_a_model_makes_it():
    assert produced("The Zilina plant currently turns out the Kia Ceed.") == {("plant/zilina", "model/kia-ceed")}
    assert produced("Kia waved off the first Kia Ceed at its Zilina plant.") == {("plant/zilina", "model/kia-ceed")}
    assert produced("The Zilina plant's line-up includes the Kia Ceed.") == {("plant/zilina", "model/kia-ceed")}


def test_what_a_plant_can_turn_out_is_a_capacity_not_a_model_it_makes():
    assert produced("The Zilina plant can turn out 400 Kia Ceeds a day.") == set()


# -- a joint venture said to be one with 'is' ----------------------------------------------------
def test_a_name_that_is_a_joint_venture_between_companies_has_them_as_members():
    assert pairs("Valdoro Cells is a 50:50 joint venture between GM and LG Energy Solution.", "hasMember") == {
        ("alliance/valdoro-cells", "company/general-motors"), ("alliance/valdoro-cells", "company/lg-energy-solution")}


def test_a_company_that_is_a_partner_of_another_is_no_joint_venture():
    assert pairs("Valdoro Cells is a partner of GM and LG Energy Solution.", "hasMember") == set()
