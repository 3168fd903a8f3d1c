"""Recall round 3: more ways news text says who runs a plant and what it builds.

Each rule is held to invented sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

from extraction_support import pairs


def operated(text: str) -> set[tuple[str, str]]:
    return pairs(text, "operatedBy")


# -- plants listed one after another share the operator given to the first ------------------------
def test_a_plant_listed_after_one_whose_operator_is_given_has_the_same_operator():
    text = "Kia will add shifts at Kia's Valdoro Plant in Valdoro and the Ostria Plant in Ostria."
    assert {("plant/valdoro", "company/kia"), ("plant/ostria", "company/kia")} <= operated(text)


def test_a_list_of_plants_after_a_colon_shares_the_operator_of_its_first():
    text = ("Kia turned three of its factories into the Kia EV Hub: the Valdoro Plant in Valdoro, the Ostria Plant "
            "in Ostria and the Brenna Plant in Brenna.")
    assert {("plant/ostria", "company/kia"), ("plant/brenna", "company/kia")} <= operated(text)


def test_an_operator_given_to_a_later_plant_of_the_list_is_not_given_to_those_before_it():
    text = "Kia will add shifts at the Valdoro Plant in Valdoro and Hyundai's Ostria Plant in Ostria."
    assert ("plant/valdoro", "company/hyundai-motor") not in operated(text)
    assert ("plant/ostria", "company/hyundai-motor") in operated(text)


def test_plants_of_a_list_each_keep_the_operator_they_are_given():
    text = "Shifts grow at Kia's Valdoro Plant and Hyundai's Ostria Plant."
    assert operated(text) >= {("plant/valdoro", "company/kia"), ("plant/ostria", "company/hyundai-motor")}
    assert ("plant/ostria", "company/kia") not in operated(text)


# -- 'the (American) company's plant' after the organisations of its sentence ----------------------
def test_the_company_s_plant_is_the_plant_of_the_organisation_named_last_before_it():
    text = "Kia signed a deal with Hyundai to take over the Korean company's Valdoro plant next year."
    assert operated(text) == {("plant/valdoro", "company/hyundai-motor")}


def test_a_plant_without_the_company_s_possessive_is_given_no_operator_from_the_deal():
    assert operated("Kia signed a deal with Hyundai to take over the Valdoro plant next year.") == set()


def produced(text: str) -> set[tuple[str, str]]:
    return pairs(text, "produces")


# -- 'the plant builds X, while Y is now made at another plant' -----------------------------------
def test_the_clause_after_while_says_what_another_plant_builds():
    text = "The Valdoro Plant builds the Kia QV8, while the Kia QV5 is now made at the Ostria Plant."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8"), ("plant/ostria", "model/kia-qv5")}


def test_a_model_the_clause_after_while_says_will_be_made_elsewhere_is_not_produced_there_yet():
    text = "The Valdoro Plant builds the Kia QV8, while the Kia QV5 will be made at the Ostria Plant from 2027."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}


# -- 'builds it at the plant': 'it' is a model named before ----------------------------------------
def test_it_built_at_a_plant_is_the_model_its_sentence_named_before():
    text = "Kia designed the Kia QV8 but hired Hyundai, which still assembles it at the Valdoro Plant."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}


def test_it_built_at_a_plant_is_the_model_that_opened_the_sentence_before():
    text = "The Kia QV8 went on sale in 2023. Hyundai assembles it at the Valdoro Plant."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}


def test_it_built_at_a_plant_in_the_past_is_not_produced_there_now():
    assert produced("Kia designed the Kia QV8 and Hyundai built it at the Valdoro Plant.") == set()


# -- a fact sheet's operator the lexicon does not know ---------------------------------------------
def sheet(operator: str) -> str:
    return (f"Kia builds batteries in Georgia.\n\nSite 2: Valdoro Cell Plant\n- Location: Valdoro, Georgia\n"
            f"- Operator: {operator}\n- Jobs: 2,000\n")


def test_a_fact_sheet_operator_line_naming_an_unknown_name_names_the_company_that_runs_the_plant():
    assert operated(sheet("Brennac Cells")) == {("plant/valdoro-cell-plant", "company/brennac-cells")}


def test_a_fact_sheet_operator_line_that_names_no_one_gives_no_operator():
    assert operated(sheet("a joint venture still to be named")) == set()
    assert operated(sheet("Not Yet Known")) == set()


# -- 'It has three plants ...; they include the X plant' --------------------------------------------
def test_plants_a_pronoun_counts_as_its_own_are_run_by_the_company_named_before():
    text = ("Kia was founded in 1944. It has three plants in Korea; besides the Valdoro plant, they include the "
            "Ostria plant, which builds vans.")
    assert operated(text) == {("plant/valdoro", "company/kia"), ("plant/ostria", "company/kia")}


def test_plants_a_pronoun_only_visits_or_stands_near_are_not_its_own():
    assert operated("Kia was founded in 1944. It toured three plants in Korea, among them the Ostria plant.") == set()
    assert operated("Kia was founded in 1944. It has three suppliers in Korea; one is next to the Ostria plant.") == set()


# -- 'other factories of the group, such as the X plant' -------------------------------------------
def test_a_plant_named_among_other_factories_of_the_group_is_run_by_the_company_named_last():
    text = "Kia opened the Valdoro plant in 2010. It ships engines to other factories of the group, such as the Ostria plant."
    assert ("plant/ostria", "company/kia") in operated(text)
    text = "Kia opened the Valdoro plant in 2010. It ships engines to the carmaker's other plants, among them the Ostria plant."
    assert ("plant/ostria", "company/kia") in operated(text)


def test_a_plant_named_among_factories_of_other_carmakers_is_not_the_company_s():
    text = "Kia opened the Valdoro plant in 2010. It ships engines to factories of other carmakers, such as the Ostria plant."
    assert ("plant/ostria", "company/kia") not in operated(text)


# -- a company the lexicon lacks, and the plant named after it -------------------------------------
def test_a_plant_named_after_a_company_word_name_the_text_uses_is_that_company_s():
    text = "Kia hired Brennac Motor, which builds the Kia QV8 at the Brennac Motor plant."
    assert operated(text) == {("plant/brennac-motor", "company/brennac-motor")}


def test_a_plant_named_after_a_name_that_is_no_company_has_no_operator_from_it():
    assert operated("Kia hired Brennac Tools, which builds parts at the Brennac Motor plant.") == set()
    assert operated("Kia hired a supplier, which builds parts at the Brennac Tool plant near Brennac.") == set()


# -- 'will continue to build X', 'will go on with X': it builds X now ------------------------------
def test_a_plant_that_will_continue_to_build_a_model_builds_it_now():
    assert produced("The Valdoro plant will continue to build the Kia QV8 and the Kia QV5.") == {
        ("plant/valdoro", "model/kia-qv8"), ("plant/valdoro", "model/kia-qv5")}
    assert produced("The Valdoro plant will go on with the Kia QV8.") == {("plant/valdoro", "model/kia-qv8")}
    assert produced("The Valdoro plant will keep building the Kia QV8.") == {("plant/valdoro", "model/kia-qv8")}


def test_a_plant_that_will_go_on_to_build_a_model_does_not_build_it_yet():
    assert produced("The Valdoro plant will go on to build the Kia QV8 from 2027.") == set()
    assert produced("The Valdoro plant will continue to be a key site for Kia, which will build the Kia QV8 there "
                    "from 2027.") == set()


# -- a model's share of what a plant builds -----------------------------------------------------------
def test_a_model_given_a_share_of_everything_a_plant_built_is_built_there():
    text = "The Valdoro plant had a good year. The Kia QV8 remained its mainstay, at 60% of everything built in 2024."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}
    text = "The Valdoro plant had a good year. The Kia QV8 made up a third of the plant's output."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8")}


def test_a_model_given_a_share_of_sales_or_of_future_output_is_not_built_there_now():
    assert produced("The Valdoro plant had a good year. The Kia QV8 made up 60% of all cars sold in Georgia.") == set()
    assert produced("The Valdoro plant had a good year. The Kia QV8 will make up 60% of everything built there by "
                    "2027.") == set()


SHARED_OUT = "The Valdoro plant had a good year. The Kia QV8 was its mainstay, at 60% of everything built in 2024. "


def test_models_of_the_next_sentences_that_go_on_sharing_out_a_plant_s_output_are_built_there():
    text = SHARED_OUT + "The Kia QV5 took 30%. The remaining 10% was the Kia QV3."
    assert produced(text) == {("plant/valdoro", "model/kia-qv8"), ("plant/valdoro", "model/kia-qv5"),
                              ("plant/valdoro", "model/kia-qv3")}


def test_a_share_of_something_else_or_a_change_after_a_plant_s_mix_says_nothing_of_where_a_model_is_built():
    assert produced(SHARED_OUT + "The Kia QV5 took 30% of the European market.") == {("plant/valdoro", "model/kia-qv8")}
    assert produced(SHARED_OUT + "Sales of the Kia QV5 rose 30% in Europe.") == {("plant/valdoro", "model/kia-qv8")}
    assert produced(SHARED_OUT + "Exports rose. Jobs rose. Pay rose. The Kia QV5 took 30%.") == {
        ("plant/valdoro", "model/kia-qv8")}
    assert produced("The Valdoro plant had a good year. The Kia QV5 took 30%.") == set()
