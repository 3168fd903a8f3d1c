"""Ways the news genre states facts that the first articles did not use (issue 10, recall on unseen articles).

Each rule is held to invented sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

import pytest

from evkg.graph.extract import extract
from extraction_support import facts, launched, objects, operators, pairs, parts, produced


# -- what an apposition says of a model ----------------------------------------------------------
def test_an_apposition_with_the_makers_possessive_describes_the_model():
    found = facts("Kia also sells the Kia QV8, the brand's flagship electric SUV.")
    assert {("model/kia-qv8", "bodyType", "SUV"), ("model/kia-qv8", "powertrain", "BatteryElectric"),
            ("model/kia-qv8", "characterisation", "flagship")} <= found


def test_a_first_of_its_kind_drops_an_anaphoric_possessive_and_keeps_a_name():
    found = facts("The Kia QV2, the company's first all-electric model, is built in Valdoro.")
    assert ("model/kia-qv2", "characterisation", "first all-electric model") in found
    found = facts("The Kia QV2, Kia's first hatchback, is built in Valdoro.")
    assert ("model/kia-qv2", "characterisation", "Kia's first hatchback") in found


def test_an_apposition_without_a_possessive_names_no_place_in_the_range():
    found = facts("Kia also sells the Kia QV8, a flagship electric SUV.")
    assert ("model/kia-qv8", "bodyType", "SUV") in found
    assert not any(p == "characterisation" for _, p, _ in found)


# -- who owns a brand ----------------------------------------------------------------------------
def owns(text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text) if p == "ownsBrand"}


def test_a_group_whose_brands_include_names_them():
    assert owns("Stellantis, whose brands include Peugeot and DS, cut its forecast.") == {
        ("company/stellantis", "brand/peugeot"), ("company/stellantis", "brand/ds")}


def test_a_company_that_belongs_to_a_group_is_its_brand():
    assert owns("Kia, which belongs to the Hyundai Motor Group, opened the Valdoro plant.") == {
        ("company/hyundai-motor-group", "brand/kia")}
    assert owns("Kia, which belongs in the top ten of carmakers, opened the Valdoro plant.") == set()


def test_a_brand_apposed_to_its_owners_possessive_or_described_before_owned_by():
    assert owns("Audi, the Volkswagen Group's premium brand, opened the Valdoro plant.") == {
        ("company/volkswagen-group", "brand/audi")}
    assert owns("Toyota's luxury brand Lexus opened the Valdoro plant.") == {("company/toyota", "brand/lexus")}
    assert owns("MG, the British-born brand owned by SAIC Motor, opened the Valdoro plant.") == {
        ("company/saic-motor", "brand/mg")}
    assert owns("Audi, the Volkswagen Group's biggest customer, buys parts.") == set()


def test_brands_named_together_belong_to_the_company_the_clause_is_about():
    assert owns("Nissan will build new EVs in Valdoro. They will carry the company's Nissan and Infiniti brands.") == {
        ("company/nissan", "brand/infiniti")}
    assert owns("Stellantis sells cars under the Chrysler and Dodge brands.") == {
        ("company/stellantis", "brand/chrysler"), ("company/stellantis", "brand/dodge")}
    assert owns("Stellantis sold its Chrysler and Dodge brands.") == set()
    assert owns("Stellantis sells cars under the Chrysler and rival Kia brands.") == set()


def test_its_brand_is_the_brand_of_the_company_before_it_unless_sold():
    assert owns("GM added a line of electric pickups for its Chevrolet brand.") == {
        ("company/general-motors", "brand/chevrolet")}
    assert owns("Ford sold its Volvo brand to Geely in 2010.") == set()


def test_a_group_that_owns_a_brand_by_name_or_is_its_parent_owns_it():
    assert owns("The plant is run by Stellantis, the group that now owns Vauxhall and Opel.") == {
        ("company/stellantis", "brand/vauxhall"), ("company/stellantis", "brand/opel")}
    assert owns("Stellantis owns a stake in Leapmotor.") == set()
    assert owns("Stellantis, the parent of Chrysler and Dodge, put an end to that worry.") == {
        ("company/stellantis", "brand/chrysler"), ("company/stellantis", "brand/dodge")}
    assert owns("Chrysler's parent Stellantis put an end to that worry.") == {("company/stellantis", "brand/chrysler")}
    assert owns("Stellantis, unlike the parent of Kia, put an end to that worry.") == set()


def test_a_brand_said_to_be_a_groups_brand_or_named_after_the_groups_brand_noun_is_its():
    assert owns("Infiniti is Nissan's premium brand.") == {("company/nissan", "brand/infiniti")}
    assert owns("Genesis is Kia's rival brand.") == set()
    assert owns("He drove an off-road car of the BYD luxury brand Yangwang.") == {("company/byd", "brand/yangwang")}
    assert owns("The GV60 of the luxury brand Genesis of Hyundai Motor Group is made there.") == {
        ("company/hyundai-motor-group", "brand/genesis")}
    assert owns("Bentley, like Porsche, belongs to the Volkswagen Group.") >= {
        ("company/volkswagen-group", "brand/bentley")}


def test_its_brand_after_a_sentence_about_the_company_is_the_companys():
    assert owns("Great Wall Motor opened the Valdoro plant. A sedan from its Ora brand will follow.") == {
        ("company/great-wall-motor", "brand/ora")}
    assert owns("Great Wall Motor opened the Valdoro plant. Rain fell. A sedan from its Ora brand will follow.") == set()


# -- one plant, named by its site and by its town ------------------------------------------------
def plants(text: str) -> set[str]:
    return {e.key for e in extract(text).entities if e.kind == "plant"}


def test_a_plant_in_a_town_is_the_named_plant_whose_name_holds_that_town():
    text = "Kia opened the Valdoro EVO Plant on Friday. It is a converted car factory in Valdoro, South Korea."
    assert plants(text) == {"plant/valdoro-evo"}
    assert {("plant/valdoro-evo", "city", "city/valdoro"), ("plant/valdoro-evo", "country", "country/south-korea")} \
        <= facts(text)
    assert plants("Kia opened the Valdoro EVO Plant on Friday. It also runs a car factory in Quorra, South Korea.") \
        == {"plant/valdoro-evo", "plant/quorra"}


# -- model names -----------------------------------------------------------------------------------
def models(text: str) -> set[str]:
    return {e.key for e in extract(text).entities if e.kind == "model"}


def test_a_brands_word_inside_a_model_name_is_part_of_it():
    assert models("The Valdoro plant builds the Kia Zorb Mini.") == {"model/kia-zorb-mini"}
    assert models("The Valdoro plant builds cars for BMW Mini.") == set()
    # a company's name that is also a brand's, and each model's own body word in 'X sedans and Y estates'
    found = facts("In 2014 the plant built 750 Volvo S60 Polestar sedans and Volvo V60 Polestar estates.")
    assert {(m, o) for m, p, o in found if p == "bodyType"} == {("model/volvo-s60-polestar", "Sedan"),
                                                                 ("model/volvo-v60-polestar", "Estate")}


# -- joint ventures --------------------------------------------------------------------------------
def test_a_joint_venture_between_two_companies_has_both_as_members_and_may_run_a_plant():
    found = facts("The Valdoro plant is run by Zorb Motor-CP, a joint venture between SAIC Motor and Thailand's "
                  "Charoen Pokphand Group.")
    assert {("alliance/zorb-motor-cp", "hasMember", "company/saic-motor"),
            ("alliance/zorb-motor-cp", "hasMember", "company/charoen-pokphand-group"),
            ("plant/valdoro", "operatedBy", "alliance/zorb-motor-cp")} <= found
    found = facts("The Valdoro plant is run by Zorb Motor-CP, a joint venture between SAIC Motor and local investors, "
                  "while Kia builds cars nearby.")
    assert not any(p == "hasMember" for _, p, _ in found)


def test_a_joint_venture_owned_by_its_partners_runs_its_plant_and_its_partners_do_not():
    found = facts("Zorb Otosan, the Turkish joint venture owned by Ford Motor Company and Valdoro Holding, began "
                  "production on Thursday at its Valdoro Plant.")
    assert {("alliance/zorb-otosan", "hasMember", "company/ford"),
            ("alliance/zorb-otosan", "hasMember", "company/valdoro-holding"),
            ("plant/valdoro", "operatedBy", "alliance/zorb-otosan")} <= found
    assert ("plant/valdoro", "operatedBy", "company/valdoro-holding") not in found
    near_miss = facts("Zorb Otosan, the venue owned by Ford Motor Company and Valdoro Holding, opened on Thursday.")
    assert not any(p == "hasMember" for _, p, _ in near_miss)


def test_a_joint_ventures_partners_described_owned_in_shares_or_named_by_a_possessive():
    assert objects("Zorb Energy, the battery joint venture of carmaker Stellantis and South Korea's Samsung SDI, "
                   "said it will build another plant.", "hasMember") == {"company/stellantis", "company/samsung-sdi"}
    assert objects("Zorb SK, Ford's venture with the Korean battery maker SK On, is building two plants.", "hasMember") == {
        "company/ford", "company/sk-on"}
    assert objects("Cars are sold by Zorb International, a joint venture that is 51% owned by Stellantis and 49% by "
                   "Leapmotor.", "hasMember") == {"company/stellantis", "company/leapmotor"}
    assert objects("Zorb SAS is a joint venture set up on 22 March by Renault Group and Volvo Group.", "hasMember") == {
        "company/renault", "company/volvo-group"}
    assert objects("Zorb SAS, a joint venture of Togg, which also works with Farasis, builds cells.", "hasMember") == set()
    assert objects("Zorb SK, Ford's venue with the Korean battery maker SK On, is building two plants.", "hasMember") == set()


def test_partners_that_formed_a_joint_venture_named_after_it_are_its_members():
    found = facts("Togg and Zorbasis have already formed a battery joint venture, Siro, which began tests in August.")
    assert {("alliance/siro", "hasMember", "company/togg"), ("alliance/siro", "hasMember", "company/zorbasis")} <= found
    near_miss = facts("Togg and Zorbasis have already formed a battery team, Siro, which began tests in August.")
    assert not any(p == "hasMember" for _, p, _ in near_miss)


def test_a_joint_venture_is_named_without_its_legal_form_and_its_abbreviation_names_it_too():
    extraction = extract("It is run by Zorb Brilliance Automotive Ltd (ZBA), the joint venture between BMW Group and "
                         "Brilliance China Automotive Holdings Ltd.")
    members = {(f.subject, f.object) for f in extraction.facts if f.predicate == "hasMember"}
    assert members == {("alliance/zorb-brilliance-automotive", "company/bmw-group"),
                       ("alliance/zorb-brilliance-automotive", "company/brilliance-china-automotive-holdings")}
    assert {m.text for m in extraction.mentions if m.entity == "alliance/zorb-brilliance-automotive"} == {
        "Zorb Brilliance Automotive Ltd", "ZBA"}
    assert not any(e.kind == "company" and "zorb" in e.key for e in extraction.entities)


def test_a_powertrain_said_after_a_model_before_its_body_by_is_or_as_what_it_is_sold():
    assert {("model/kia-qv4", "powertrain", "PlugInHybrid"), ("model/kia-qv4", "bodyType", "SUV")} <= facts(
        "The Valdoro plant builds the Kia QV4 plug-in hybrid SUV.")
    assert ("model/kia-qv4", "powertrain", "BatteryElectric") in facts("The Kia QV4 is fully electric.")
    assert ("model/kia-qv4", "powertrain", "PlugInHybrid") in facts("The Kia QV4 is offered as a plug-in hybrid.")
    for near_miss in ("The Kia QV4 is fully electric-ready.", "The Kia QV4 sells well, electric cars less so.",
                      "The Kia QV4 is built beside electric cars."):
        assert not any(p == "powertrain" for _, p, _ in facts(near_miss)), near_miss


def test_an_apposition_names_the_whole_powertrain_not_its_last_word():
    found = facts("The Valdoro plant builds the Kia QV4, a plug-in hybrid.")
    assert ("model/kia-qv4", "powertrain", "PlugInHybrid") in found
    assert ("model/kia-qv4", "powertrain", "Hybrid") not in found


def test_a_model_that_is_or_has_become_the_first_or_best_of_its_kind():
    found = facts("The Kia QV4 is also the first car of the brand with a flex-fuel engine.")
    assert ("model/kia-qv4", "characterisation", "first car of the brand with a flex-fuel engine") in found
    found = facts("The anniversary car is a Kia QV4, the plug-in hybrid SUV that has become the best-selling "
                  "plug-in hybrid in Europe.")
    assert ("model/kia-qv4", "characterisation", "best-selling plug-in hybrid in Europe") in found
    found = facts("The launch of the Kia QV4 is the first step of the plan.")
    assert not any(p == "characterisation" for _, p, _ in found)


# -- models named in lists -------------------------------------------------------------------------
def test_a_plural_noun_right_before_a_list_of_models_is_said_of_each_past_their_appositions():
    found = facts("The first models are the plug-in hybrids Kia QV4, an SUV, and Kia QV6, a sedan.")
    assert {("model/kia-qv4", "powertrain", "PlugInHybrid"), ("model/kia-qv6", "powertrain", "PlugInHybrid"),
            ("model/kia-qv4", "bodyType", "SUV"), ("model/kia-qv6", "bodyType", "Sedan")} <= found
    found = facts("Kia sold 500 hybrids Tuesday and the Kia QV4 did well.")
    assert not any(p == "powertrain" for _, p, _ in found)
    found = facts("There are three battery-electric two-seaters, technically quadricycles: the Kia Q1, the Kia Q2 and, "
                  "since 2023, the Kia Q3, which Kia unveiled in July.")
    assert {m for m, p, o in found if p == "powertrain" and o == "BatteryElectric"} == {
        "model/kia-q1", "model/kia-q2", "model/kia-q3"}


# -- which plant builds a model ---------------------------------------------------------------------
def test_the_only_place_a_model_is_made_is_the_plant_that_makes_it():
    found = facts("Kia opened the Valdoro Plant in 2019. The plant is run by Kia and is the only place the Kia Q1 is made.")
    assert ("plant/valdoro", "produces", "model/kia-q1") in found
    found = facts("Kia opened the Valdoro Plant in 2019. The plant is run by Kia; the Kia Q1 is made in Korea.")
    assert ("plant/valdoro", "produces", "model/kia-q1") not in found


# -- where a plant stands --------------------------------------------------------------------------
def cities(text: str) -> set[str]:
    return {o for _, p, o in facts(text) if p == "city" and _.startswith("plant/")}


def test_a_known_city_in_a_plants_name_beats_a_guessed_town_after_it():
    assert cities("Peugeot has picked its Sochaux plant in Valdoria, France, to build the car.") == {"city/sochaux"}
    assert cities("Peugeot has picked its Zorbville plant in Valdoria, France, to build the car.") == {"city/valdoria"}


def test_a_name_ending_in_assembly_is_a_plant_only_where_a_place_follows_it():
    found = facts("The others are Zorb Hill Assembly in Valdoro, Tennessee, United States, and Quorra Assembly in "
                  "Ingersoll, Ontario, Canada.")
    assert {("plant/zorb-hill", "country", "country/united-states"), ("plant/quorra", "city", "city/ingersoll"),
            ("plant/quorra", "country", "country/canada")} <= found
    for near_miss in ("The National Assembly in Seoul passed the law.", "Quorra Assembly said the plant is busy."):
        assert not any(e.kind == "plant" for e in extract(near_miss).entities)


# -- figures in a fact sheet -----------------------------------------------------------------------
def outputs(text: str) -> set[tuple[str, str]]:
    extraction = extract(text)
    years = {f.subject: f.object for f in extraction.facts if f.predicate == "year"}
    return {(years[f.subject], f.object) for f in extraction.facts if f.predicate == "units"}


def test_a_fact_sheet_line_gives_the_year_of_an_output():
    text = "The Valdoro plant builds the Kia QV4.\nThe numbers.\n- Production 2019: 230,000 vehicles\n" \
           "- Production 2020: 50,000 vehicles, all of them Kia QV4 models\n- Workforce: 5,000"
    assert outputs(text) == {("2019", "230000"), ("2020", "50000")}
    assert outputs("The Valdoro plant builds the Kia QV4.\n- Sales 2019: 230,000 vehicles\n- Staff 2020: 5,000 people") \
        == set()


def test_a_models_number_alone_names_it_where_a_name_can_stand():
    text = "Peugeot picked the Valdoro plant to build the Peugeot 308. The new 308 is built on the Zorb platform."
    assert ("model/peugeot-308", "basedOnPlatform", "platform/zorb") in facts(text)
    extraction = extract("Peugeot picked the Valdoro plant to build the Peugeot 308. It hired the 308 workers who made "
                         "308 models.")
    assert [m.text for m in extraction.mentions if m.entity == "model/peugeot-308"] == ["Peugeot 308"]


def test_a_plant_stands_or_lies_in_its_town():
    assert cities("The Zorb Zero plant stands in Valdoro, Georgia.") == {"city/valdoro"}
    assert cities("The Zorb Zero plant lies in Valdoro, Georgia.") == {"city/valdoro"}
    assert cities("The Zorb Zero plant stands idle while Kia hires in Valdoro, Georgia.") == set()


def test_the_name_a_company_calls_its_plant_is_one_of_the_plants_names():
    extraction = extract("Kia runs the Valdoro Assembly Plant in Georgia. The plant, which Kia now calls Zorb Zero, "
                         "builds the Kia QV4.")
    plant = next(e for e in extraction.entities if e.kind == "plant")
    assert "Zorb Zero" in plant.names
    extraction = extract("Kia runs the Valdoro Assembly Plant in Georgia. Kia calls the plant its flagship.")
    assert [e.names for e in extraction.entities if e.kind == "plant"] == [["Valdoro Assembly Plant"]]


def test_a_name_followed_by_two_body_words_is_two_models():
    assert models("Kia has promised the Kia Zorb EV pickup and the new Kia Zorb EV SUV. The Zorb EV pickup comes "
                  "first.") == {"model/kia-zorb-ev-pickup", "model/kia-zorb-ev-suv"}
    assert models("Kia has promised the Kia Zorb EV pickup. The Zorb EV pickup comes first.") == {"model/kia-zorb-ev"}


def test_a_model_keeps_the_name_written_with_its_body_word():
    extraction = extract("Kia will build the Kia Zorb SUV in Valdoro.")
    assert [e.names for e in extraction.entities if e.kind == "model"] == [["Zorb", "Kia Zorb", "Kia Zorb SUV"]]


def test_plants_listed_after_a_count_in_a_place_stand_there():
    countries = {(s, o) for s, p, o in facts("Today the Zorb comes from two factories in the United States, the Valdoro "
                                             "Truck Plant and the Quorra Assembly Plant.") if p == "country"}
    assert countries == {("plant/valdoro-truck", "country/united-states"), ("plant/quorra-assembly", "country/united-states")}
    assert not any(p == "country" for _, p, _ in facts("Today the Zorb comes from three factories in the United States, "
                                                       "the Valdoro Truck Plant and the Quorra Assembly Plant."))


# -- who runs a plant ------------------------------------------------------------------------------
def test_its_plant_is_run_by_the_nearest_organisation_that_can_be_the_subject():
    assert operators("Kia said on Monday that Hyundai will expand its Valdoro plant.") == {"company/hyundai-motor"}
    assert operators("Kia Mobility, the electric arm of Hyundai, will invest in its Valdoro plant.") == {
        "company/kia-mobility"}


def test_the_plants_listed_after_a_count_of_the_subjects_own_are_run_by_it():
    listed = ("Kia today finished turning three of its Zorbian factories into an EV hub: the Quorra Auto Plant in Quorra, "
              "the Valdoro Engine Plant in Valdoro and the Zorb Assembly Plant in Zorb.")
    assert pairs(listed, "operatedBy") == {("plant/quorra-auto", "company/kia"), ("plant/valdoro-engine", "company/kia"),
                                           ("plant/zorb-assembly", "company/kia")}
    miscounted = ("Kia today finished turning three of its Zorbian factories into an EV hub: the Quorra Auto Plant in "
                  "Quorra and the Valdoro Engine Plant in Valdoro.")
    assert pairs(miscounted, "operatedBy") == set()


def test_a_plant_near_a_town_in_a_country_is_in_that_country_not_that_town():
    found = facts("Kia still owns the Zorbwerk plant near Quorra in the United Kingdom.")
    assert ("plant/zorbwerk", "country", "country/united-kingdom") in found
    assert not any(s.startswith("plant/") and o == "city/quorra" for s, _, o in found)
    assert not any(p == "country" for _, p, _ in facts("Kia still owns the Zorbwerk plant near Quorra, a town in the "
                                                       "United Kingdom."))


def test_the_organisation_that_runs_it_runs_the_plant_of_the_sentence_before():
    assert operators("Hyundai sold the Valdoro Plant in 2020. Kia, which belongs to the Hyundai Motor Group, runs it.") \
        == {"company/kia"}
    assert operators("Hyundai sold the Valdoro Plant in 2020. The sales arm of Kia runs it from Seoul.") == set()
    assert operators("The Valdoro Plant stands east of the city. Kia owns and runs it.") == {"company/kia"}
    assert operators("The Valdoro Plant stands east of the city. Kia owns land and runs it as a park.") == set()


def test_both_run_by_names_the_operator_of_the_plants_named_before_it():
    text = "Motors come from the Valdoro Plant and batteries from the Ostria Plant; both belong to Kia and are run by it."
    assert operators(text) == {"company/kia"}
    assert {f for f in facts(text) if f[1] == "operatedBy"} == {("plant/valdoro", "operatedBy", "company/kia"),
                                                                  ("plant/ostria", "operatedBy", "company/kia")}
    assert operators("Motors come from the Valdoro Plant; both models are sold by Kia.") == set()
    listed = "Kia has two factories, the Valdoro plant and the Ostria plant, both in Zorbia and both run by Kia Slovakia."
    assert {f for f in facts(listed) if f[1] == "operatedBy"} == {
        ("plant/valdoro", "operatedBy", "company/kia-slovakia"), ("plant/ostria", "operatedBy", "company/kia-slovakia")}
    assert operators("Kia has two factories, the Valdoro plant and the Ostria plant, both in Zorbia, where roads are run "
                     "by the state.") == set()


def test_it_is_run_by_names_the_operator_of_the_plant_of_the_sentence_before():
    assert operators("The Valdoro Plant builds the Kia QV4. It is run by Kia Slovakia, Kia's local arm, and it sits on "
                     "the site Kia bought in 2004.") == {"company/kia-slovakia"}
    assert operators("The Valdoro Plant builds the Kia QV4. It is the first plant run by Kia Slovakia.") == set()


def test_a_known_organisation_then_a_legal_form_names_a_company_of_its_group():
    assert operators("The Valdoro plant is run by Ford-Werke GmbH, Ford's German arm.") == {"company/ford-werke-gmbh"}
    assert not any(o.startswith("company/ford-werke") for o in operators(  # no legal form: no company named so
        "The Valdoro plant is run by Ford Werke, Ford's German arm."))


def test_a_model_known_by_its_family_alone_is_also_named_with_its_brand():
    extraction = extract("The Valdoro plant builds the Golf.")
    assert [e.names for e in extraction.entities if e.kind == "model"] == [["Golf", "Volkswagen Golf"]]


# -- money for the plant's project ---------------------------------------------------------------
def invested(text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text) if p == "investmentTarget"}


def test_money_for_the_project_or_the_conversion_goes_to_the_plant_in_focus():
    assert invested("Kia opened the Valdoro plant in 2019. The conversion is costing $2.2 billion.") == {
        ("investment/valdoro-2200000000-usd", "plant/valdoro")}
    assert invested("Kia opened the Valdoro plant in 2019. Kia says it spent 401.6 billion won on the project.") == {
        ("investment/valdoro-401600000000-krw", "plant/valdoro")}
    assert invested("Kia opened the Valdoro plant in 2019. Kia will spend $27 billion on electric vehicles.") == set()
    assert invested("Kia opened the Valdoro plant in 2019. A conversion of a bus depot is costing $2 million.") == set()


def test_a_town_the_text_has_named_is_that_town_again_later():
    found = facts("Kia runs its Zorbville plant in Georgia. The first Kia QV4 cars came off the Zorbville line in May.")
    assert ("plant/zorbville", "produces", "model/kia-qv4") in found
    extraction = extract("Kia runs its Normal plant in Illinois. Normal output resumed in May.")
    assert [m.text for m in extraction.mentions if m.sentence == 1] == []


def test_an_apposition_may_list_its_adjectives_with_commas_but_ends_at_the_next_item():
    assert ("model/kia-zorb", "powertrain", "BatteryElectric") in facts(
        "Kia has promised the Kia Zorb, a fully driverless, battery-powered shuttle.")
    found = facts("Kia builds the Kia Zorb, a sedan, and the Kia QV4 SUV.")
    assert ("model/kia-zorb", "bodyType", "SUV") not in found


# -- production ----------------------------------------------------------------------------------
def test_a_plant_where_a_model_is_assembled_produces_it():
    assert produced("The Valdoro factory, where the Kia QV4 is assembled, employs 2,000 people.") == {
        ("plant/valdoro", "model/kia-qv4")}
    assert produced("The Valdoro factory, which Kia bought, will be where the Kia QV4 is assembled.") == set()


def test_a_model_produced_alongside_another_at_a_plant_is_produced_there_too():
    assert produced("The Kia QV4 is produced alongside the Kia QV6 at the Valdoro plant.") == {
        ("plant/valdoro", "model/kia-qv4"), ("plant/valdoro", "model/kia-qv6")}
    assert ("plant/valdoro", "model/kia-qv4") not in produced(
        "The Kia QV4 is produced alongside the Kia QV6, which is sold at the Valdoro plant.")


def test_a_groups_name_with_a_plant_word_and_a_place_names_a_plant_and_its_short_form():
    found = facts("Hyundai Motor Group Zorbplant America (HMGZA) in Valdoro, Georgia, builds the Hyundai Ioniq 5. "
                  "HMGZA employs 1,000 people.")
    assert {("plant/hyundai-motor-group-zorbplant-america", "city", "city/valdoro"),
            ("plant/hyundai-motor-group-zorbplant-america", "produces", "model/hyundai-ioniq-5")} <= found
    assert not any(s.startswith("plant/") for s, _, _ in facts("Hyundai Motor Group America (HMGA) in Valdoro, Georgia, "
                                                               "sells the Hyundai Ioniq 5."))


def test_a_plant_that_is_an_organisations_factory_is_run_by_it():
    assert operators("The Valdoro plant is Kia's only European factory.") == {"company/kia"}
    assert operators("The Valdoro plant is Kia's biggest supplier.") == set()


def test_money_invested_in_it_goes_to_the_plant_in_focus_unless_it_is_a_place():
    assert invested("The Valdoro Plant opened. It can build 150,000 cars a year; Kia intends to invest $1.5 billion in "
                    "it.") == {("investment/valdoro-1500000000-usd", "plant/valdoro")}
    assert invested("The Valdoro Plant opened. The city is Kia's largest base, and Kia has put $8 billion into it.") \
        == set()


def test_the_plant_named_with_its_countrys_adjective_is_the_plant_in_focus():
    assert invested("The Valdoro Plant in Belgium builds the Kia QV4. Kia has invested EUR 200 million in the Belgian "
                    "plant.") == {("investment/valdoro-200000000-eur", "plant/valdoro")}
    assert invested("The Valdoro Plant in Belgium builds the Kia QV4. Kia has invested EUR 200 million in the Belgian "
                    "economy.") == set()


def test_money_poured_into_a_plant_is_an_investment():
    assert invested("Kia is pouring $2 billion into its Valdoro factory.") == {
        ("investment/valdoro-2000000000-usd", "plant/valdoro")}
    assert invested("The Valdoro Plant builds the Kia Q1. That came on top of $300 million Kia put into the plant in 2020.") == {
        ("investment/valdoro-300000000-usd", "plant/valdoro")}


def test_money_put_into_converting_a_plant_or_spent_to_retool_its_lines_is_an_investment_in_it():
    assert invested("Stellantis runs the Valdoro plant. Stellantis put £100 million into converting the plant.") == {
        ("investment/valdoro-100000000-gbp", "plant/valdoro")}
    assert invested("Ford runs the Valdoro plant. It builds the Puma. Ford spent 200 million euros to prepare the lines "
                    "for it.") == {("investment/valdoro-200000000-eur", "plant/valdoro")}
    assert invested("Ford runs the Valdoro plant. Ford spent 200 million euros to prepare the launch of its brand.") == set()


def test_models_that_share_a_line_with_a_model_of_the_plant_are_made_there_too():
    plant = "Kia builds the Kia Q6 at the Valdoro plant. "
    assert objects(plant + "The Kia Q6 shares an assembly line with the Kia Q4 and the Kia Q5.", "produces") == {
        "model/kia-q6", "model/kia-q4", "model/kia-q5"}
    assert objects(plant + "The Kia Q6 is built on the same line as the Kia Q4.", "produces") == {
        "model/kia-q6", "model/kia-q4"}
    assert objects(plant + "The Kia Q6 shares an engine with the Kia Q4.", "produces") == {"model/kia-q6"}


def test_names_listed_after_a_model_and_shaped_like_it_are_models_of_its_brand():
    assert objects("BMW runs the Valdoro plant. It builds the BMW 5 Series, 7 Series and 8 Series models.", "produces") == {
        "model/bmw-5-series", "model/bmw-7-series", "model/bmw-8-series"}
    assert objects("Audi runs the Valdoro plant. It builds the Audi Q4, Q5 and Q8.", "produces") == {
        "model/audi-q4", "model/audi-q5", "model/audi-q8"}
    assert objects("Audi runs the Valdoro plant. It builds the Audi Q4, 300 cars a day and 2024 ones.",
                   "produces") == {"model/audi-q4"}


def test_a_plant_that_puts_a_model_together_produces_it():
    assert ("plant/valdoro", "produces", "model/porsche-cayenne") in facts(
        "Porsche runs the Valdoro plant. The plant puts together the Porsche Cayenne SUV from bodies made elsewhere.")
    assert not any(p == "produces" for _, p, _ in facts(
        "Porsche runs the Valdoro plant. The dealers put the Porsche Cayenne on show."))


def test_which_generation_a_model_is_names_it_and_does_not_characterise_it():
    assert objects("The Valdoro plant builds the second-generation Kia Q1 and the all-new Kia Q2.",
                   "characterisation") == set()
    assert objects("The Valdoro plant builds the next-generation Kia Q1.", "characterisation") == {"next-generation"}


def test_a_first_of_its_kind_ends_at_a_second_one_and_first_shown_says_when_not_what():
    assert objects("The Valdoro plant builds the Kia Q1. The Kia Q1 is the first electric car assembled at Valdoro and "
                   "the fourteenth Kia model put together there.", "characterisation") == {
        "first electric car assembled at Valdoro"}
    assert objects("The Valdoro plant builds the Kia Q1. The Kia Q1 was first shown to the public on February 23.",
                   "characterisation") == set()


def test_powertrains_said_after_a_model_offered_as_several_or_implied_by_a_second_one():
    assert pairs("Volkswagen will use the cells in the Volkswagen ID.9 electric crossover it will assemble in "
                   "Tennessee.", "powertrain") == {("model/volkswagen-id-9", "BatteryElectric")}
    assert pairs("BYD Atto 9 - a compact SUV offered both as a battery-electric car and as a plug-in hybrid.",
                 "powertrain") == {
        ("model/byd-atto-9", "BatteryElectric"), ("model/byd-atto-9", "PlugInHybrid")}
    assert ("model/kia-q5", "BatteryElectric") in pairs(
        "The Kia Q6 is the second dedicated electric car of Kia, after the Kia Q5.", "powertrain")
    assert pairs("An electric Kia Q1 is to follow next year.", "powertrain") == set()
    assert pairs("The Kia Q6 is the second car built in Valdoro, after the Kia Q5.", "powertrain") == set()


def test_a_body_word_before_a_model_or_after_its_makers_possessive_is_its_body_type():
    assert pairs("On the line is the crossover Kia Q5. Next to it runs the sedan Kia Q6.", "bodyType") == {
        ("model/kia-q5", "Crossover"), ("model/kia-q6", "Sedan")}
    assert pairs("The Dacia Zorbster, Dacia's SUV, has been built two million times.", "bodyType") == {
        ("model/dacia-zorbster", "SUV")}
    assert pairs("The Dacia Zorbster, Dacia's biggest seller, has been built two million times.", "bodyType") == set()


def test_models_listed_among_a_kind_of_models_are_of_that_kind():
    found = facts("The plant keeps building the company's petrol models, among them the Proton Q70 sedan and the Proton "
                  "Zorbiz hatchback.")
    assert {(s, o) for s, p, o in found if p == "powertrain"} == {("model/proton-q70", "InternalCombustion"),
                                                                   ("model/proton-zorbiz", "InternalCombustion")}
    found = facts("The plant builds petrol models; among the visitors were the Proton Q70 team.")
    assert not any(p == "powertrain" for _, p, _ in found)


def test_a_model_for_customers_in_a_country_targets_it_a_maker_in_its_home_country_does_not():
    markets = {(s, o) for s, p, o in facts("The Valdoro plant builds the Kia Q1, a kei car planned for customers in "
                                            "Japan.") if p == "targetMarket"}
    assert markets == {("model/kia-q1", "country/japan")}
    assert not any(p == "targetMarket" for _, p, _ in facts("Kia has more customers in Korea than anyone."))


# -- market launches -----------------------------------------------------------------------------
def test_a_sale_said_of_it_or_a_release_is_the_launch_of_the_model_the_sentence_before_named():
    assert launched("Kia builds the Kia Q1 at the Valdoro plant. It went on sale in Japan in July 2009.") == {
        ("model/kia-q1", "July 2009")}
    assert launched("Kia builds the Kia Q1 at the Valdoro plant. Release is scheduled for the second half of 2022.") == {
        ("model/kia-q1", "second half of 2022")}
    assert launched("Kia runs the Valdoro plant, which builds the Kia Q1. It launched production in 2020.") == set()


def test_a_period_in_another_clause_than_the_sale_is_no_launch():
    assert launched("The Kia Q2 sedan, already on sale, is also made in China, and the Kia Q3 SUV is to start "
                    "production in Valdoro in early 2024.") == set()
    assert launched("The Kia Q2 went on sale in the United States, Japan and Europe in December 2010.") == {
        ("model/kia-q2", "December 2010")}


def test_a_launch_verb_takes_the_model_after_it():
    assert launched("Kia will launch the Kia QV4 in Europe in March 2025.") == {("model/kia-qv4", "March 2025")}
    assert launched("Kia launched production of the Kia QV4 in March 2025.") == set()
    assert launched("Kia launched the facelifted Kia QV4 in Europe in June 2025.") == {("model/kia-qv4", "June 2025")}
    assert launched("Kia launched production of Kia QV4 in June 2025.") == set()


def test_the_start_of_sales_or_deliveries_of_a_model_is_its_launch():
    assert launched("Sales of the Kia QV4 in Europe begin in March 2025.") == {("model/kia-qv4", "March 2025")}
    assert launched("Deliveries of the Kia QV4 in Europe start in March 2025.") == {("model/kia-qv4", "March 2025")}
    assert launched("Kia builds the Kia QV4; sales of its parts began in 2021.") == set()


def test_a_plant_named_after_its_groups_name_is_the_groups_plant():
    found = facts("BMW Group Plant Valdoro builds the BMW X9.")
    assert {("plant/plant-valdoro", "operatedBy", "company/bmw-group"),
            ("plant/plant-valdoro", "produces", "model/bmw-x9")} <= found
    assert not any(s.startswith("plant/") for s, _, _ in facts("BMW Group Chief Executive Oliver Zipse visited Kia."))


def test_a_town_then_what_the_plant_does_names_the_plants_town():
    assert cities("Kia assembles the Kia QV4 at the Valdoro Assembly Plant in Slovakia.") == {"city/valdoro"}
    assert cities("Kia builds the Kia QV4 at the Ohio Assembly Plant.") == set()
    assert cities("Kia builds the Kia QV4 at the Valdoro Truck Plant.") == set()


def test_an_output_with_its_plant_between_figure_and_year():
    assert outputs("Kia produced 320,000 vehicles at the Valdoro plant in 2023.") == {("2023", "320000")}
    assert outputs("Kia produced 320,000 vehicles at the Valdoro plant, which opened in 2009.") == set()


def test_a_plant_apposed_to_an_organisations_first_or_biggest_is_run_by_it():
    assert operators("The Valdoro plant, Volvo's first in the US, builds the Volvo EX90.") == {"company/volvo-cars"}
    assert operators("The Valdoro plant, Volvo's supplier of seats, builds parts.") == set()


def test_a_powertrain_word_before_a_plant_word_names_no_plant():
    assert plants("Kia runs the Valdoro plant. The EV facility takes up 88,000 square metres of it.") == {"plant/valdoro"}
    assert produced("Kia runs the Valdoro plant. The new PHEV plant in Quorra builds the Kia QV4.") == {
        ("plant/quorra", "model/kia-qv4")}


# -- platforms -----------------------------------------------------------------------------------
def based_on(text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text) if p == "basedOnPlatform"}


def test_models_that_share_a_platform_are_built_on_it():
    both = {("model/kia-qv4", "platform/zorb"), ("model/kia-qv6", "platform/zorb")}
    assert based_on("The Kia QV4 and the Kia QV6 share the Zorb platform.") == both
    assert based_on("The Kia QV4 shares the Zorb platform with the Kia QV6.") == both
    assert based_on("The Kia QV4 shares parts with the Kia QV6 and the Zorb platform.") == set()


def test_a_sister_brand_is_not_owned():
    assert owns("The Valdoro plant will also build electric cars for Kia's sister brand Hyundai.") == set()


def test_an_operator_named_with_an_apposition_before_its_verb_or_its_plant_ranked_after_it():
    assert operators("Kia Slovakia, a subsidiary of Kia, operates the Valdoro plant.") == {"company/kia-slovakia"}
    assert operators("Kia builds the Kia QV4 at the Valdoro plant, its largest in Europe.") == {"company/kia"}
    assert operators("Kia builds the Kia QV4 at the Valdoro plant, its supplier said.") == set()


def test_models_a_plant_will_add_later_are_not_yet_produced():
    assert produced("The Valdoro plant currently produces the Kia QV4 and will add the Kia QV6 in 2026.") == {
        ("plant/valdoro", "model/kia-qv4")}
    assert produced("The Valdoro plant produces the Kia QV4, and since May 2024 the Kia QV6.") == {
        ("plant/valdoro", "model/kia-qv4"), ("plant/valdoro", "model/kia-qv6")}


def test_a_plant_that_does_something_and_is_run_by_a_company():
    assert operators("The Valdoro plant employs 3,700 people and is run by Kia Slovakia.") == {"company/kia-slovakia"}
    assert operators("The Valdoro plant builds the Kia QV4 and the Quorra plant is run by Hyundai.") == {
        "company/hyundai-motor"}
    assert ("plant/valdoro", "operatedBy", "company/hyundai-motor") not in facts(
        "The Valdoro plant builds the Kia QV4 and the Quorra plant is run by Hyundai.")


def test_a_model_due_to_reach_the_market_is_launched_then():
    assert launched("Kia picked the Valdoro plant to build the new Kia QV4, which is due to reach the market in the "
                    "second quarter of 2026.") == {("model/kia-qv4", "second quarter of 2026")}
    assert launched("Kia picked the Valdoro plant to build the new Kia QV4 in the second quarter of 2026.") == set()


def test_a_version_named_before_a_model_gives_its_body_and_powertrain():
    found = facts("The Valdoro plant assembles the Kia QV5 saloon, its estate version the Kia QV5 SW, and the Kia QV7.")
    assert ("model/kia-qv5-sw", "bodyType", "Estate") in found
    assert ("model/kia-qv5", "bodyType", "Estate") not in found
    assert ("model/kia-qv4e", "powertrain", "BatteryElectric") in facts("Kia builds an electric version, the Kia QV4e, "
                                                                        "in Valdoro.")


def test_a_platforms_short_name_before_its_long_name_and_alone_later():
    found = facts("The Valdoro plant now runs the ZMP2 (Zorb Modular Platform 2), the group's multi-energy architecture. "
                  "The new Kia QV4 is built on ZMP2, whose parts are new.")
    assert {("plant/valdoro", "usesPlatform", "platform/zmp2"), ("model/kia-qv4", "basedOnPlatform", "platform/zmp2")} \
        <= found
    assert not any(o.startswith("platform/") for _, _, o in facts("The Valdoro plant builds the Kia QV4 (Kia Zorb Model)."))


def test_what_a_plant_holds_listed_with_a_are_its_parts():
    assert parts("Kia runs the Valdoro plant. The car plant is only part of the Valdoro complex, which also holds a "
                 "mechanical plant, a foundry and a forge.") == {
        ("plant/valdoro", "facility/valdoro-mechanical-plant"), ("plant/valdoro", "facility/valdoro-foundry"),
        ("plant/valdoro", "facility/valdoro-forge")}
    assert parts("The Valdoro plant houses a workforce of 3,000 people.") == set()
    assert parts("Kia runs the Valdoro plant; its range includes a hatchback and an estate.") == set()


def test_a_model_is_named_later_by_what_follows_its_family():
    assert produced("Nissan will build the Leaf Tekna Plus. Today the Tekna Plus comes from two factories, the Valdoro "
                    "Truck Plant and the Quorra Assembly Plant.") == {
        ("plant/valdoro-truck", "model/nissan-leaf-tekna-plus"), ("plant/quorra-assembly", "model/nissan-leaf-tekna-plus")}
    assert produced("Nissan will build the Leaf EV. Today the EV comes from the Valdoro Truck Plant.") == set()


def test_the_name_a_model_is_called_elsewhere_is_one_of_its_names():
    text = "The BYD Dolphin Mini is built in Valdoro. The Dolphin Mini, which in China is called Seagull, sells well."
    assert models(text) == {"model/byd-dolphin-mini"}
    assert "Seagull" in next(e.names for e in extract(text).entities if e.kind == "model")
    assert models("The BYD Dolphin Mini, which is called a city car, sells well beside the BYD Seal.") == {
        "model/byd-dolphin-mini", "model/byd-seal"}


def test_an_anaphor_named_by_the_company_is_one_of_the_plants_names_a_region_or_county_no_town():
    names = {e.key: e.names for e in extract("VinFast builds the Valdoro Plant. The VinFast plant will be run by VinFast. "
                                             "The Spanish site is idle.").entities}
    assert "VinFast plant" in names["plant/valdoro"] and "Spanish site" not in names["plant/valdoro"]
    found = facts("VinFast builds an EV plant in Zorb County, North Carolina.")
    assert not any(p == "city" for _, p, _ in found) and any(p == "country" for _, p, _ in found)
    found = facts("Toyota builds the Toyota C-HR at the Zorbya plant in Türkiye. Toyota began production in 1994 at its "
                  "plant in Valdoro, in Zorbya province, east of Istanbul.")
    assert ("plant/valdoro", "city", "city/zorbya") not in found and ("plant/valdoro", "city", "city/valdoro") in found


def test_a_plant_run_by_a_company_after_a_long_aside_about_where_it_stands():
    assert operators("The Valdoro Plant, in Quorra, Japan, north of Tokyo, belongs to and is run by Nissan.") == {
        "company/nissan"}
    assert operators("The Valdoro Plant, which sits on the river in Quorra, Japan, is owned and run by Stellantis.") == {
        "company/stellantis"}
    assert operators("Kia named the models for the Valdoro Plant in Valdoro, Hungary, which BYD will run itself.") == {
        "company/byd"}
    assert operators("Kia named the models for the Valdoro Plant in Valdoro, Hungary, which BYD will visit.") == set()
    assert operators("The Valdoro Plant, in Quorra, Japan, north of Tokyo, is new; the port, in Zorb, Japan, near the "
                     "river, is run by Nissan.") == set()


def test_a_model_code_with_a_one_letter_suffix_is_one_name():
    assert models("BYD builds the BYD Seal U DM-i at the Valdoro plant.") == {"model/byd-seal-u-dm-i"}
    assert models("BYD builds the BYD Seal at the Valdoro plant - a plant in Zorbia.") == {"model/byd-seal"}


def test_a_model_name_with_an_electric_prefix_and_a_dot_or_colon_is_one_name():
    found = facts("Proton builds the Proton e.MAS 7 at the Valdoro plant. The e.MAS 7 is an SUV.")
    assert {("plant/valdoro", "produces", "model/proton-e-mas-7"), ("model/proton-e-mas-7", "bodyType", "SUV")} <= found
    assert ("plant/valdoro", "produces", "model/honda-e-n1") in facts("Honda builds the Honda e:N1 at the Valdoro plant.")
    assert not any(p == "produces" for _, p, _ in facts("Honda says e: the Valdoro plant builds no cars."))


def test_a_country_in_brackets_is_part_of_a_companys_name_and_a_park_before_run_by_an_aside():
    text = "Honda opened the Valdoro plant. The plant, in the Zorb Industrial Park in Valdoro and run by Honda " \
           "Automobile (Thailand), builds SUVs."
    assert operators(text) == {"company/honda-automobile-thailand"}
    names = {e.key: e.names for e in extract(text).entities}
    assert "Thailand" not in names["company/honda-automobile-thailand"]
    assert {e.key for e in extract("The plant is run by Tata Passenger Electric Mobility (TPEM).").entities
            if e.kind == "company"} == {"company/tata-passenger-electric-mobility"}


def test_a_hyphenated_town_with_a_particle_is_one_name():
    assert plants("Renault runs the Choisy-le-Roi plant near Paris.") == {"plant/choisy-le-roi"}
    assert plants("Renault runs the Zorb-Roi plant near Paris.") == {"plant/zorb-roi"}


def test_a_plant_the_text_placed_in_one_country_is_not_moved_to_another_by_a_later_plant():
    found = facts("Kia builds cars at its Valdoro plant in Mexico. The first cars of the range are due from a new Kia "
                  "plant in Hungary in 2025.")
    assert {o for s, p, o in found if s == "plant/valdoro" and p == "country"} == {"country/mexico"}
    found = facts("Kia builds cars at its Valdoro plant. The plant, in Hungary, opened in 2025.")
    assert {o for s, p, o in found if s == "plant/valdoro" and p == "country"} == {"country/hungary"}


def test_a_companys_plant_in_a_town_not_named_before_is_that_towns_plant():
    text = "Honda runs the Valdoro plant. The PowerCo plant in St. Zorbas, Ontario, is a cell factory run by PowerCo."
    assert plants(text) == {"plant/valdoro", "plant/st-zorbas"}
    names = {e.key: e.names for e in extract(text).entities}
    assert "PowerCo plant" in names["plant/st-zorbas"]
    assert ("plant/st-zorbas", "operatedBy", "company/powerco") in facts(text)
    # the town named before, or the plant noun said of a named plant: that plant again
    assert plants("GM builds vans at CAMI Assembly in Valdoro, Ontario. The General Motors plant in Valdoro is busy.") \
        == {"plant/cami"}
    assert ("plant/gigafactory-2", "city", "city/zorbalo") in facts(
        "Tesla builds cars in Texas. Gigafactory 2 is a Tesla plant in Zorbalo, New York.")


def test_a_company_of_a_country_with_a_company_word_is_a_company_of_that_group():
    text = "Honda's Valdoro plant, north-west of Toronto, is run by Honda of Canada Mfg."
    assert operators(text) == {"company/honda-of-canada-mfg"}
    assert {e.key for e in extract("The head of Honda of Canada spoke.").entities if e.kind == "company"} == {
        "company/honda"}


def test_a_romance_place_name_with_small_words_is_one_name_and_a_municipality_is_a_town():
    assert plants("Renault builds the Renault Kwid at its plant in São Zorbé dos Pinhais, Brazil.") == {
        "plant/sao-zorbe-dos-pinhais"}
    found = facts("BMW runs Plant Zorb, located in the municipality of Villa de Zorbes, Mexico.")
    assert ("plant/plant-zorb", "city", "city/villa-de-zorbes") in found
    assert plants("Renault chief Luca de Meo toured the Valdoro plant.") == {"plant/valdoro"}
    assert plants("The Valdoro plant sells cars to de facto partners.") == {"plant/valdoro"}


def test_the_place_a_plant_is_named_after_names_it_again_as_a_subject_or_object():
    named = "Kia runs the Zorbashima Plant in Valdoro. "
    assert produced(named + "In May 2022 Zorbashima started building the Kia Q1.") == {("plant/zorbashima", "model/kia-q1")}
    assert produced(named + "Zorbashima also built the Kia Q2 at the time.") == {("plant/zorbashima", "model/kia-q2")}
    assert produced("Rivian runs the Normal Plant. Normal production resumed in May with the Rivian R1S.") == set()


def test_a_model_a_plant_does_not_make_is_not_produced_there():
    assert {o for _, p, o in facts("Kia runs the Valdoro plant. The Valdoro plant makes drive units, not the Kia Q6 "
                                    "itself.") if p == "produces"} == set()


def test_hyundai_motor_company_is_the_carmaker_not_its_group():
    assert operators("The Valdoro Plant is operated by Hyundai Motor Company.") == {"company/hyundai-motor"}
    assert operators("The Valdoro Plant is operated by Hyundai Motor Group.") == {"company/hyundai-motor-group"}


def test_another_plant_is_not_the_plant_in_focus_nor_is_one_a_model_does_not_come_from():
    assert produced("Kia runs the Valdoro plant. The Kia Q1 comes from another Kia plant.") == set()
    assert produced("Kia runs the Zorbashima Plant in Valdoro. The Kia Q1 comes from Ostria, not from Zorbashima.") == set()
    assert produced("Kia runs the Valdoro plant. The Kia Q1 comes from the Kia plant.") == {("plant/valdoro", "model/kia-q1")}
    assert operators("Proton runs the Valdoro plant. The car was imported from a Geely factory in China.") == {
        "company/proton"}
    assert operators("Tesla builds cars in Texas. Gigafactory 2 is a Tesla plant in Zorbalo.") == {"company/tesla"}


def test_a_share_of_a_plants_output_is_not_its_output():
    text = "Kia runs the Valdoro Plant. The four kei models totalled 160,000 units in 2015, about 61 per cent of the " \
           "plant's output."
    assert objects(text, "units") == set()
    assert objects("Kia runs the Valdoro Plant. The plant built 160,000 units in 2015, about 61 per cent of them "
                   "electric.", "units") == {"160000"}


# -- visits by people -----------------------------------------------------------------------------
def visits(text: str) -> set[tuple[str, str]]:
    extraction = extract(text)
    events = {f.subject: f.object for f in extraction.facts if f.predicate == "visitedPlace"}
    return {(f.object, events[f.subject]) for f in extraction.facts if f.predicate == "visitor"}


def test_people_named_with_a_title_who_toured_a_plant_visited_it():
    assert visits("Zorbian President Aleksandar Quorra and Stellantis Chief Executive Carlos Valdoro toured the "
                  "Kragujevac plant on July 22.") == {("person/aleksandar-quorra", "plant/kragujevac"),
                                                      ("person/carlos-valdoro", "plant/kragujevac")}
    assert visits("Zorbian President Aleksandar Quorra toured the capital on July 22, far from the Kragujevac plant.") \
        == set()


def test_a_name_then_its_title_and_the_people_who_came_with_them():
    text = ("The Valdoro Plant opened in 2020. Yasuhiro Zorbu, Mayor of Okazaki City, attended the ceremony at the "
            "plant, as did the governor of Quorra, Luiz Inácio Lula da Zorba.")
    assert visits(text) == {("person/yasuhiro-zorbu", "plant/valdoro"), ("person/luiz-inacio-lula-da-zorba", "plant/valdoro")}


def test_a_hyphenated_given_name_is_one_name_a_spaced_dash_is_not():
    assert visits("The Valdoro Plant opened in 2024. Valdoro mayor Quon Seung-won attended the ceremony at the "
                  "plant.") == {("person/quon-seung-won", "plant/valdoro")}
    assert visits("The Valdoro Plant opened in 2024. Mayor Jean Zorbet - a local man - toured the plant.") \
        == {("person/jean-zorbet", "plant/valdoro")}


def test_the_people_a_visitor_joined_at_the_plant_visited_it_too():
    text = ("The Valdoro Plant opened. Zorbian Governor Gretel Quorra, who joined company president Mark Zorbuss at "
            "the plant for the ceremony, spoke of jobs.")
    assert visits(text) == {("person/gretel-quorra", "plant/valdoro"), ("person/mark-zorbuss", "plant/valdoro")}
    assert visits("The Valdoro Plant opened. Governor Gretel Quorra toured the plant; Minister Ivo Zorbek stayed in "
                  "the capital.") == {("person/gretel-quorra", "plant/valdoro")}


def test_speaking_at_a_ceremony_at_the_plant_is_a_visit_speaking_elsewhere_is_not():
    assert visits("The Valdoro Plant opened. Company president Wang Quorfu, speaking at the opening ceremony at the "
                  "plant on Thursday, praised the country.") == {("person/wang-quorfu", "plant/valdoro")}
    assert visits("The Valdoro Plant opened. Company president Wang Quorfu, speaking at a conference in the "
                  "capital, said the plant would grow.") == set()


def test_a_ceremony_at_the_plant_attended_by_an_official():
    assert visits("The first vans left the line at a ceremony at the Valdoro Plant attended by Industry Minister "
                  "Mustafa Zorbank.") == {("person/mustafa-zorbank", "plant/valdoro")}
    assert visits("The first vans left the line at the Valdoro Plant, a ceremony attended by local people.") == set()


def test_a_title_word_does_not_make_a_person_of_an_organisation_or_a_single_name():
    people = {e.key for e in extract("Kia said President Erdoğan and Hyundai Motor Group chairman Euisun Chung met "
                                     "the General Motors board.").entities if e.kind == "person"}
    assert people == {"person/euisun-chung"}


def test_hosts_and_the_guests_they_received_at_the_plant_were_there():
    text = ("The Valdoro Plant builds vans. Luca de Quorra, chief executive of Renault Group, received Economy Minister "
            "Bruno Le Zorbe and Edouard Valmont, the mayor of Le Havre, at the plant on Friday.")
    assert visits(text) == {(f"person/{name}", "plant/valdoro")
                            for name in ("luca-de-quorra", "bruno-le-zorbe", "edouard-valmont")}
    # an award received for work at the plant names no guest: nobody visited
    assert visits("The Valdoro Plant builds vans. Minister Bruno Le Zorbe received an award for the work done at the "
                  "plant.") == set()


def test_a_plant_named_with_its_owners_possessive_can_be_toured():
    assert visits("President Moon Jae-quo toured SK Innovation's battery plant in Valdoro, Georgia, on Saturday "
                  "together with Governor Brian Quorra.") == {("person/moon-jae-quo", "plant/valdoro"),
                                                              ("person/brian-quorra", "plant/valdoro")}


def test_the_people_on_the_shop_floor_were_in_the_plant_in_focus():
    text = ("The Valdoro Plant builds vans. Its new chief toured it. With him on the shop floor were company president "
            "Jean-Paul Quorra and Governor Arnaud Zorbe.")
    assert visits(text) == {("person/jean-paul-quorra", "plant/valdoro"), ("person/arnaud-zorbe", "plant/valdoro")}
    assert visits("The Valdoro Plant builds vans. Company president Jean-Paul Quorra spoke on the phone.") == set()


def test_the_bullets_after_a_production_cue_and_a_colon_are_the_models_made():
    text = ("Since May the Valdoro plant has been building three models:\n\n- the Kia Q1, a minivan;\n\n"
            "- the new Kia Q2, offered as a plug-in hybrid;\n\n- the Kia Q3, a van.\n\nThe site also has a paint shop.")
    assert {("plant/valdoro", "produces", model) for model in ("model/kia-q1", "model/kia-q2", "model/kia-q3")} <= facts(text)
    planned = facts("The Valdoro plant will build two models from 2027:\n\n- the Kia Q1;\n\n- the Kia Q2.")
    assert not any(predicate == "produces" for _, predicate, _ in planned)


def test_people_who_came_to_the_plant_for_its_event_or_were_there_visited_it():
    assert visits("The Valdoro Plant builds vans. Prime Minister Jean Quorra and Governor Ivo Zorbe, who both came to "
                  "the plant for the occasion, cut a ribbon.") == {("person/jean-quorra", "plant/valdoro"),
                                                                     ("person/ivo-zorbe", "plant/valdoro")}
    assert visits("The Valdoro Plant builds vans. Mayor Jean Zorbe was at the plant for the start.") \
        == {("person/jean-zorbe", "plant/valdoro")}
    assert visits("The Valdoro Plant builds vans. President Ivo Zorbe participated in the opening ceremony at the "
                  "plant.") == {("person/ivo-zorbe", "plant/valdoro")}
    # coming to work at the plant years ago is no visit
    assert visits("The Valdoro Plant builds vans. Plant manager Jean Zorbe came to the plant in 1990 as an "
                  "apprentice.") == set()


def test_a_title_after_then_and_a_possessive_names_a_person():
    assert visits("The Valdoro Plant builds vans. Michael Zorbscheller, then Opel's chief executive, was at the plant "
                  "for the start.") == {("person/michael-zorbscheller", "plant/valdoro")}


def test_a_fact_sheets_heading_of_models_built_at_a_plant_lists_them():
    sheet = ("- Name: Valdoro plant\n- Location: Valdoro, Georgia\n\nModels built at Valdoro\n\n- Kia Q1 - a hatchback\n\n"
             "- Kia Q2 - an SUV\n\nStaff\n\n- 3,000")
    assert {("plant/valdoro", "produces", "model/kia-q1"), ("plant/valdoro", "produces", "model/kia-q2")} <= facts(sheet)
    planned = "- Name: Valdoro plant\n- Location: Valdoro, Georgia\n\nModels to be built at Valdoro\n\n- Kia Q1\n\n- Kia Q2"
    assert not any(p == "produces" for _, p, _ in facts(planned))


def test_people_at_the_event_a_text_placed_at_a_plant_visited_it():
    opening = "Some 200 guests attended the opening ceremony at the Valdoro Plant. "
    assert visits(opening + "Among them were Prime Minister Min-seok Quorra and the mayor of Valdoro, Myeong-geun "
                             "Zorbe.") == {("person/min-seok-quorra", "plant/valdoro"),
                                           ("person/myeong-geun-zorbe", "plant/valdoro")}
    assert visits(opening + "Narit Zorbesuk, secretary-general of the Board of Investment, said at the ceremony that "
                            "exports would grow.") == {("person/narit-zorbesuk", "plant/valdoro")}
    # an event the text placed elsewhere, or no event at all, is no visit to the plant
    assert visits("The Valdoro Plant builds vans. The contract was signed at a ceremony in the capital. Narit "
                  "Zorbesuk, secretary-general of the Board of Investment, said at the ceremony that exports would "
                  "grow.") == set()
    assert visits("The Valdoro Plant builds vans. Among them were Prime Minister Min-seok Quorra and Governor Ivo "
                  "Zorbe.") == set()


def test_guests_of_honour_and_the_chair_of_an_event_at_the_plant_visited_it():
    event = "Kia held a ceremony at the Valdoro Plant. "
    assert visits(event + "Minister Jan Quorra and mayor Eva Zorbek were guests of honour.") == {
        ("person/jan-quorra", "plant/valdoro"), ("person/eva-zorbek", "plant/valdoro")}
    assert visits("Kia opened the Valdoro Plant on Monday. Minister Jan Quorra and mayor Eva Zorbek were guests of "
                  "honour.") == set()  # no event placed at the plant
    assert visits(event + "The head of government, Aziz Quorrouch, chaired the ceremony.") == {
        ("person/aziz-quorrouch", "plant/valdoro")}
    assert visits(event + "Minister Jan Quorra attended the ceremony, and mayor Eva Zorbek addressed the crowd.") == {
        ("person/jan-quorra", "plant/valdoro"), ("person/eva-zorbek", "plant/valdoro")}


def test_the_people_with_the_visitors_of_the_sentence_before_visited_too():
    toured = "Chief executive Carlos Zorbares toured the Valdoro Plant on Monday. "
    assert visits(toured + "With him was Marc Quorracci, France's new industry minister.") == {
        ("person/carlos-zorbares", "plant/valdoro"), ("person/marc-quorracci", "plant/valdoro")}
    assert visits("Chief executive Carlos Zorbares spoke about the Valdoro Plant on Monday. With him was Marc "
                  "Quorracci, France's new industry minister.") == set()


def test_a_person_named_again_by_one_word_of_the_name_and_people_accompanying_at_the_plant():
    text = ("Honda builds cars at the Valdoro plant. Prime Minister Justin Quorrdeau and Premier Doug Ford spoke in "
            "the capital. Quorrdeau and Ford had already toured the plant in March.")
    assert visits(text) == {("person/justin-quorrdeau", "plant/valdoro")}  # 'Ford' is the company
    two = ("Honda builds cars at the Valdoro plant. Minister Ann Zorb and Mayor Bo Zorb spoke in the capital. Zorb "
           "had already toured the plant in March.")
    assert visits(two) == set()  # which Zorb?
    assert visits("Prime Minister Anwar Quorra on Thursday declared open the Valdoro plant. Anwar was accompanied at "
                  "the plant by Transport Minister Anthony Zorbe.") == {
        ("person/anwar-quorra", "plant/valdoro"), ("person/anthony-zorbe", "plant/valdoro")}


def test_a_chief_of_something_before_a_name_is_a_title():
    text = ("Chief executive Antonio Zorbosa toured the Valdoro plant. With him on the shop floor were Europe chief "
            "Jean-Philippe Quorrato and manufacturing chief Arnaud Zorbeuf.")
    assert visits(text) == {("person/antonio-zorbosa", "plant/valdoro"), ("person/jean-philippe-quorrato", "plant/valdoro"),
                            ("person/arnaud-zorbeuf", "plant/valdoro")}
    assert not any(e.kind == "person" for e in extract("The chief engineer of the Valdoro plant spoke.").entities)


def test_a_title_of_a_country_or_a_board_before_or_after_a_name():
    assert visits("The Valdoro Plant builds vans. Zorbia's ambassador to Quorria, Park Tae Zorb, and Group executive "
                  "chair Euisun Quorra toured the plant.") == {("person/park-tae-zorb", "plant/valdoro"),
                                                               ("person/euisun-quorra", "plant/valdoro")}


def test_a_numbered_list_after_a_colon_names_what_the_plant_in_focus_builds():
    text = ("Stellantis runs the Valdoro plant. Since 2024 it has been dedicated to models on one platform:\n"
            "1. the Citroen Q1, a small car;\n2. the Opel Q2, an SUV.")
    assert {("plant/valdoro", "produces", "model/citroen-q1"), ("plant/valdoro", "produces", "model/opel-q2")} <= facts(text)
    assert [s.text for s in extract(text).sentences][-2:] == ["1. the Citroen Q1, a small car;", "2. the Opel Q2, an SUV."]


def test_a_model_the_text_says_is_not_built_at_the_plant_is_not_produced_there():
    assert not any(p == "produces" for _, p, _ in facts(
        "The Valdoro Plant makes battery cells. Ford is to use the cells in the Ford Q150, and Volkswagen in the "
        "Volkswagen ID.9; neither vehicle is built in Valdoro."))
    assert not any(p == "produces" for _, p, _ in facts(
        "The Valdoro Plant builds the Ford Q1. It joins a range of SUVs, among them the Ford Q2 and the Ford Q3. "
        "None of those is made here.") - {("plant/valdoro", "produces", "model/ford-q1")})
    assert ("plant/valdoro", "produces", "model/ford-q1") in facts(
        "The Valdoro Plant builds the Ford Q1. It joins a range of SUVs, among them the Ford Q2 and the Ford Q3. "
        "None of those is made here.")


def test_a_battery_plant_builds_no_models():
    assert not any(p == "produces" for _, p, _ in facts(
        "The Valdoro battery plant in Valdoro, Germany, has started volume production of the Mercedes-Benz EQQ's packs."))


def test_a_running_total_or_money_for_all_its_plants_is_no_investment_in_one_plant():
    assert invested("Porsche says it has invested more than 1.3 billion euros in the Valdoro plant since 2000.") == set()
    assert invested("Ford has put roughly 1.5 billion euros into the Valdoro factory since it took it over in 2008.") == set()
    assert invested("At the Valdoro plant, Stellantis pointed to the 3 billion euros spent modernising its French "
                    "factories.") == set()
    assert invested("Porsche will invest 1.3 billion euros in the Valdoro plant.") != set()


def test_more_ways_to_say_people_were_at_the_plant():
    assert visits("The Valdoro Plant builds vans. Tavares presented the plan inside the plant during a visit by "
                  "Prime Minister Jean Quorra.") == {("person/jean-quorra", "plant/valdoro")}
    assert visits("The Valdoro Plant builds vans. He marked the day at the plant together with President Ivo Zorbe "
                  "and economy minister Jean Quorra.") == {("person/ivo-zorbe", "plant/valdoro"),
                                                             ("person/jean-quorra", "plant/valdoro")}
    assert visits("The Valdoro Plant builds vans. Monique Zorbut, minister for industry, and Jean Quorra, the junior "
                  "minister for transport, were both present at the plant.") == {
        ("person/monique-zorbut", "plant/valdoro"), ("person/jean-quorra", "plant/valdoro")}
    assert visits("In May President Ivo Zorbe walked the truck line at the Valdoro Plant.") \
        == {("person/ivo-zorbe", "plant/valdoro")}
    assert visits("The Valdoro Plant builds cells. The foundation stone was laid in 2023 in the presence of Prime "
                  "Minister Jean Quorra.") == {("person/jean-quorra", "plant/valdoro")}


def test_the_town_a_company_was_founded_in_is_no_name_of_its_plant():
    text = ("Verkor opened its plant in Valdoro on Thursday. The plant, run by Verkor, makes cells. Verkor was founded "
            "in Quorra in 2020. It also runs the Quorra pilot plant. Ministers were present at the plant.")
    assert visits(text) == set() or all(place == "plant/valdoro" for _, place in visits(text))
    assert ("plant/valdoro", "operatedBy", "company/verkor") in facts(text)


def test_function_words_and_adjectives_of_a_state_are_no_towns_and_toyota_city_is_a_city():
    found = extract("Neither gigafactory has built a battery yet. Audi builds it at another Bavarian plant. The "
                    "Motomachi Plant in Toyota City builds the Toyota bZ4X.")
    assert {e.key for e in found.entities if e.kind in ("city", "plant")} == {"plant/motomachi", "city/toyota-city"}


def test_a_brand_of_an_owner_and_an_owners_possessive_list_of_brands():
    assert owns("The cells go into the Alpine A390, an SUV of Alpine, the sports-car brand of Renault Group.") \
        == {("company/renault", "brand/alpine")}
    assert owns("The joint venture sells cars of the Volkswagen Group's Volkswagen, Škoda and, soon, Audi brands.") \
        == {("company/volkswagen-group", "brand/volkswagen"), ("company/volkswagen-group", "brand/skoda"),
            ("company/volkswagen-group", "brand/audi")}
    # a brand named as a sister of another is not owned by it
    assert owns("Audi's sister brand Porsche builds the Macan.") == set()


def test_people_who_spoke_at_the_plant_or_were_its_guests_visited_it():
    assert visits("The Valdoro Plant builds vans. The announcement was made at the plant by Governor Tate Quorra "
                  "together with company officials.") == {("person/tate-quorra", "plant/valdoro")}
    assert visits("Company president Makoto Quorra announced the plan to employees at the Valdoro Plant.") \
        == {("person/makoto-quorra", "plant/valdoro")}
    assert visits("The groundbreaking took place at the Valdoro plant. Its chief executive, Le Thi Quorra, and county "
                  "manager Dan Zorbe were among the guests at the groundbreaking.") == {
        ("person/le-thi-quorra", "plant/valdoro"), ("person/dan-zorbe", "plant/valdoro")}
    # an announcement made elsewhere by a governor is no visit
    assert visits("The Valdoro Plant builds vans. The announcement was made in the capital by Governor Tate Quorra.") \
        == set()


def test_a_model_code_standing_alone_is_a_model_of_the_carmaker_the_sentence_names():
    assert produced("Toyota builds the bZ9X at its Valdoro plant.") == {("plant/valdoro", "model/toyota-bz9x")}
    assert produced("Rivian's plant in Valdoro builds the R7T pickup and the R7S SUV.") \
        == {("plant/valdoro", "model/rivian-r7t"), ("plant/valdoro", "model/rivian-r7s")}
    assert produced("The EV12 is Kia's first car made in Europe, built at its Valdoro plant.") \
        == {("plant/valdoro", "model/kia-ev12")}
    # a road, a platform, a quarter or a family of models is no model; nor is a code when two carmakers are named
    assert produced("Toyota's Valdoro plant, by the A44 motorway, builds cars on the J9 platform.") == set()
    assert {e.key for e in extract("Kia reported the Q3 results of its Valdoro plant, which builds the R9 models.")
            .entities if e.kind == "model"} == set()
    assert produced("Kia and Toyota build the EV12 at the Valdoro plant.") == set()


def test_a_plant_named_in_one_sentence_only_in_passing_is_not_what_the_plant_means_later():
    text = ("Tesla will enlarge the Valdoro Gigafactory. The Valdoro Gigafactory makes cells. The other one, the Quorra "
            "Plant, is a Tesla plant in Zorbe and takes no part in the plan. Governor Ann Tate toured the plant on "
            "Tuesday.")
    assert visits(text) == {("person/ann-tate", "plant/valdoro")}


def test_the_unknown_word_closing_a_plants_name_is_a_town_where_something_is_in_it():
    assert pairs("The SK On Quorrin plant is in Quorrin, a village south of the capital.", "city") \
        == {("plant/sk-on-quorrin", "city/quorrin")}
    # not where the text says the plant does not stand in it
    assert pairs("Despite its name, the SK On Quorrin plant does not stand in Quorrin itself.", "city") == set()


def test_the_place_after_a_companys_name_in_a_plants_name_names_the_plant_again():
    assert operators("The Samsung SDI Quorrin plant makes cells. Quorrin is run by Samsung SDI Zorbia Zrt., a "
                     "subsidiary.") == {"company/samsung-sdi-zorbia"}
    # a word after an unknown name is no place the plant is named after
    assert operators("The Quorra Zorbe plant makes cells. Zorbe is run by Samsung SDI.") == set()


def test_common_wordings_of_production_and_operation():
    assert produced("The Kia EV12 is now coming off the line at the Valdoro plant.") \
        == {("plant/valdoro", "model/kia-ev12")}
    assert produced("Volvo Cars operates the Valdoro plant in Zorbia, where the Volvo EX90 is built.") \
        == {("plant/valdoro", "model/volvo-ex90")}
    assert produced("The Hyundai Ioniq 9 is built on Hyundai's E-GMP platform at the Valdoro plant.") \
        == {("plant/valdoro", "model/hyundai-ioniq-9")}
    assert operators("The Suzuki Vitara is built at the Valdoro Plant in Valdoro, Hungary, which is run by Suzuki.") \
        == {"company/suzuki"}
    # a contrast after the place is no clause about what the plant builds
    assert produced("Volvo Cars operates the Valdoro plant in Zorbia, whereas the Volvo EX90 is built in China.") == set()


def test_a_battery_cell_factory_is_a_plant_and_provinces_of_more_countries_place_a_town():
    found = extract("The Valdoro battery cell factory which is located in Quorrin, West Java, makes cells.")
    assert {"plant/valdoro", "city/quorrin"} <= {e.key for e in found.entities}
    assert ("plant/valdoro", "country/indonesia") in pairs("The Valdoro battery cell factory which is located in "
                                                           "Quorrin, West Java, makes cells.", "country")
    # a size in gigawatt hours names no plant
    assert {e.kind for e in extract("Quorra will build a 16 GWh cell factory.").entities} <= {"company"}


def test_a_local_partners_label_before_a_brands_model_is_one_of_the_models_names():
    found = extract("The Valdoro plant builds the Zorba Chery Tiggo 11 Pro.")
    assert {e.key: sorted(e.names) for e in found.entities if e.kind == "model"} \
        == {"model/chery-tiggo-11-pro": ["Chery Tiggo 11 Pro", "Tiggo 11 Pro", "Zorba Chery Tiggo 11 Pro"]}
    assert produced("The Valdoro plant builds the Zorba Chery Tiggo 11 Pro.") \
        == {("plant/valdoro", "model/chery-tiggo-11-pro")}
    # a heading's word before a brand and a town is no model
    assert [e for e in extract("About Nissan Valdoro").entities if e.kind == "model"] == []


def test_a_companys_compound_plant_names_are_plants_of_their_own():
    text = ("All of Ola's scooters are built at the Ola Futurefactory at Quorrin, Tamil Nadu, which Ola Electric "
            "operates. Also at Quorrin stands the Ola Gigafactory, which makes cells.")
    found = extract(text)
    assert {e.key for e in found.entities if e.kind == "plant"} == {"plant/ola-futurefactory", "plant/ola-gigafactory"}
    assert ("plant/ola-futurefactory", "company/ola-electric") in pairs(text, "operatedBy")
    # a results heading is no model
    assert [e for e in extract("Ola Electric Q2 FY26: the plant turns a profit").entities if e.kind == "model"] == []


def test_a_company_of_no_brand_before_a_brands_model_is_a_label_of_the_model():
    assert produced("The Valdoro plant builds the Caoa Chery Tiggo 11 Pro.") \
        == {("plant/valdoro", "model/chery-tiggo-11-pro")}


def test_people_present_soon_after_an_event_at_a_plant_visited_it_and_a_pt_company_runs_it():
    text = ("Quorra Motor held a ceremony for the completion of the Valdoro battery cell factory. The factory is operated "
            "by the joint venture company PT Valdoro Power. The investment is about 1.1 billion US dollars. At the "
            "ceremony, about 300 guests were attending. From the host side, President Joko Zorbe, Minister of "
            "Investment Bahlil Quorrin, Governor Bey Valdo and local workers were present.")
    assert visits(text) == {("person/joko-zorbe", "plant/valdoro"), ("person/bahlil-quorrin", "plant/valdoro"),
                            ("person/bey-valdo", "plant/valdoro")}
    assert operators(text) == {"company/pt-valdoro-power"}
    # people present at a meeting the text never placed at a plant did not visit it
    assert visits("The Valdoro plant makes cells. In Seoul, President Joko Zorbe and Governor Bey Valdo were present.") \
        == set()


def test_capitalised_words_after_a_lower_case_suffix_belong_to_the_model_name():
    assert produced("The Valdoro plant builds the Audi e-tron GT and the Audi Q9 e-tron Sportback.") \
        == {("plant/valdoro", "model/audi-e-tron-gt"), ("plant/valdoro", "model/audi-q9-e-tron-sportback")}


def test_towns_listed_before_a_plural_plant_word_are_plants_of_the_possessor():
    text = "Electric axles come from Daimler Truck's Quorrin, Zorbe and Valdoro plants."
    assert operators(text) == {"company/daimler-truck"}
    assert pairs(text, "city") == {("plant/quorrin", "city/quorrin"), ("plant/zorbe", "city/zorbe"),
                                   ("plant/valdoro", "city/valdoro")}
    # makers listed before a plural plant word name no plants
    assert [e for e in extract("Both the Ford and Volvo plants are closed.").entities if e.kind == "plant"] == []


def test_people_who_opened_cut_the_ribbon_or_broke_ground_at_a_plant_visited_it():
    assert visits("Prime Minister Ann Tate opened the Valdoro plant on Monday.") == {("person/ann-tate", "plant/valdoro")}
    assert visits("Governor Ann Tate cut the ribbon at the Valdoro plant.") == {("person/ann-tate", "plant/valdoro")}
    assert visits("Governor Ann Tate broke ground on the Valdoro plant.") == {("person/ann-tate", "plant/valdoro")}
    # a line opened at the plant, or a statement made when it opened, is no opening of the plant by them
    assert visits("The Valdoro plant builds trucks. Minister Ann Tate opened the new line at the plant.") == set()
    assert visits("The Valdoro plant builds cells. Chief executive Ann Tate said when it opened that the plant "
                  "served the company.") == set()


def test_names_listed_right_after_a_production_verb_are_models_of_the_one_carmaker_named():
    assert produced("At the Valdoro plant, Hyundai assembles the Quorrina and the Santa Zorbe.") \
        == {("plant/valdoro", "model/hyundai-quorrina"), ("plant/valdoro", "model/hyundai-santa-zorbe")}
    # a plant after the verb is no model, nor a name when two carmakers are named
    assert [e for e in extract("Kia built the Valdoro plant in 2006.").entities if e.kind == "model"] == []
    assert [e for e in extract("Kia and Hyundai build the Quorrina at the Valdoro plant.").entities
            if e.kind == "model"] == []


def test_a_fronted_participle_and_assembly_of_a_model_at_a_plant():
    assert produced("Built at the Valdoro plant in Zorbia, the Hyundai Quorra 7 is sold in Europe.") \
        == {("plant/valdoro", "model/hyundai-quorra-7")}
    assert produced("Assembly of the Hyundai Quorra 7 started at the Valdoro plant in 2023.") \
        == {("plant/valdoro", "model/hyundai-quorra-7")}
    # a participle about another time and place than the plant's is no production there
    assert produced("Built in the 1990s at the Valdoro plant, the Hyundai Quorra 7 was a success.") == set()


def test_a_plant_that_belongs_to_or_is_managed_by_a_company_is_run_by_it():
    assert operators("The Valdoro plant belongs to Kia.") == {"company/kia"}
    assert operators("The Valdoro site is managed by Kia Slovakia.") == {"company/kia-slovakia"}
    # a plant that belongs to a venture of two companies names neither as its operator
    assert operators("The Valdoro plant belongs to a joint venture of Kia and Quorra.") == set()


def test_a_models_name_without_its_brand_is_the_branded_model_of_that_name():
    text = "Hyundai unveiled the Hyundai Quorra EV in May. Hyundai plans to export the Quorra EV to Africa."
    assert pairs(text, "targetMarket") == {("model/hyundai-quorra-ev", "region/africa")}
    # 'which was launched' after a second model is that model's launch
    assert launched("The Hyundai Quorra EV was made on the base of the petrol Hyundai Zorbe, which was launched in "
                    "2015.") == {("model/hyundai-zorbe", "2015")}


def test_what_the_plant_in_focus_cost_and_currencies_named_with_their_country():
    assert objects("The Valdoro plant makes cells. The investment into factory is about 1.1 billion US dollars.",
                   "amount") == {"1100000000"}
    assert objects("The Valdoro plant makes cells. It cost 97.5 billion forints.", "currency") == {"HUF"}
    assert objects("The Valdoro plant makes cells. It cost the company dearly, with losses of $2 billion.",
                   "amount") == set()


def test_all_four_or_both_said_of_the_models_the_sentence_before_named():
    text = "The Kia Quorra 2 and the Kia Quorra 3 are due in 2026. Both are battery-electric SUVs."
    assert pairs(text, "powertrain") \
        == {("model/kia-quorra-2", "BatteryElectric"), ("model/kia-quorra-3", "BatteryElectric")}
    assert pairs(text, "bodyType") == {("model/kia-quorra-2", "SUV"), ("model/kia-quorra-3", "SUV")}
    # a count that is not the number of models named before says nothing of them
    assert pairs("The Kia Quorra 2 and the Kia Quorra 3 are due in 2026. All four are battery-electric.",
                 "powertrain") == set()


@pytest.mark.parametrize("text", [
    "Speaking at the Valdoro plant on Monday, Governor Ann Tate praised the workers.",
    "At the Valdoro plant, Governor Ann Tate unveiled the first van.",
    "The Valdoro plant makes vans. On Monday Governor Ann Tate was there to mark the start of production.",
])
def test_people_a_fronted_phrase_or_there_places_at_a_plant_visited_it(text):
    assert visits(text) == {("person/ann-tate", "plant/valdoro")}


def test_people_who_stood_on_a_plants_site_visited_it_and_a_phrase_that_places_nobody_there():
    assert visits("The Valdoro plant makes vans. Governor Ann Tate stood on the site with Mayor Bob Quorra.") \
        == {("person/ann-tate", "plant/valdoro"), ("person/bob-quorra", "plant/valdoro")}
    # a phrase about the plant that places nobody there
    assert visits("At the Valdoro plant, workers build vans. Governor Ann Tate praised them in the capital.") == set()


def test_models_built_at_a_plant_include_the_models_listed_after_it():
    assert produced("Models built at the Valdoro plant include the Kia Quorra 2 and the Kia Quorra 3.") \
        == {("plant/valdoro", "model/kia-quorra-2"), ("plant/valdoro", "model/kia-quorra-3")}
    # models to be built there are no production yet
    assert produced("Models to be built at the Valdoro plant include the Kia Quorra 2.") == set()


def test_each_plural_body_word_of_a_list_is_said_of_the_models_named_since_the_one_before():
    text = "The line builds the Kia Quorra 2 and the Kia Quorra 3 SUVs and the Kia Quorra 5 and Kia Quorra 7 people carriers."
    assert pairs(text, "bodyType") == {("model/kia-quorra-2", "SUV"), ("model/kia-quorra-3", "SUV"),
                                       ("model/kia-quorra-5", "Minivan"), ("model/kia-quorra-7", "Minivan")}


def test_money_in_rand_after_a_carmaker_is_no_model_and_a_superlative_names_no_plant():
    text = ("Mercedes-Benz invested R10 billion in the East London plant. "
            "- Latest plant investment: BMW R4.2 billion (2023); Mercedes R10 billion (2018).")
    entities = {e.key for e in extract(text).entities}
    assert not {key for key in entities if key.startswith("model/")}
    assert "plant/latest" not in entities
    assert pairs(text, "country") >= {("plant/east-london", "country/south-africa")}
    assert objects(text, "currency") == {"ZAR"}


def test_a_model_built_until_a_year_was_built_there():
    assert produced("Kia runs the Valdoro plant. The plant built the Kia Quorra 2 from 1983 until 2018.") \
        == {("plant/valdoro", "model/kia-quorra-2")}
    assert produced("The Kia Quorra 2 was built at the Valdoro plant until 2023, when it was retired.") \
        == {("plant/valdoro", "model/kia-quorra-2")}
    # a model no longer built there is still no production of it
    assert produced("The Kia Quorra 2 is no longer built at the Valdoro plant.") == set()


def test_a_plants_town_owning_the_line_that_builds_opens_a_sentence():
    text = ("Bentley runs the Valdoro plant in Valdoro. Kia runs the Quorra plant. The Kia Quorra 2 is built at Quorra. "
            "Valdoro's current line assembles the Bentley Continental GT.")
    assert ("plant/valdoro", "model/bentley-continental-gt") in produced(text)
    assert ("plant/quorra", "model/bentley-continental-gt") not in produced(text)


def test_an_engines_cylinders_are_no_model_code():
    models = {e.key for e in extract("Rolls-Royce built the V12 coupé at Goodwood until 2023.").entities
              if e.key.startswith("model/")}
    assert models == set()
    assert produced("Kia builds the EV4 at the Valdoro plant.") == {("plant/valdoro", "model/kia-ev4")}


def test_a_powertrain_after_is_a_and_a_brand_written_into_the_models_name():
    assert pairs("The Kia Quorra 2 is a hybrid, and it is also the first Kia with all-wheel drive.", "powertrain") \
        == {("model/kia-quorra-2", "Hybrid")}
    assert pairs("Kia builds the Kia Quorra 2 and the Kia Quorra 3, both petrol-only, at the Valdoro plant.",
                 "powertrain") == {("model/kia-quorra-2", "InternalCombustion"), ("model/kia-quorra-3", "InternalCombustion")}
    assert pairs("Sales grew, helped by the Mazda2 Hybrid.", "powertrain") == {("model/mazda2-hybrid", "Hybrid")}


def test_a_plant_named_by_a_town_of_two_words_and_by_that_town_with_assembly_is_one_plant():
    text = ("GM builds the Chevrolet Corvette at the Quorra Valley Assembly Plant in Quorra Valley, Kentucky. "
            "The Quorra Valley plant employs 1,400.")
    assert {e.key for e in extract(text).entities if e.key.startswith("plant/")} == {"plant/quorra-valley-assembly"}


def test_a_hedge_between_put_and_into_and_money_for_a_plant_and_other_sites():
    assert objects("Kia opened the Valdoro plant in 2019. Kia put about $1.1 billion into it.", "amount") == {"1100000000"}
    # money to prepare several plants and other sites is no one plant's investment
    assert objects("Kia runs the Valdoro plant. Kia had put €1 billion into preparing Valdoro, Quorra and other "
                   "European sites.", "amount") == set()


def test_a_hyphenated_variant_of_a_family_names_its_model_and_coming_to_market_is_a_launch():
    text = "GM builds the Chevrolet Corvette E-Ray at the Valdoro plant. The E-Ray is a hybrid."
    assert pairs(text, "powertrain") == {("model/chevrolet-corvette-e-ray", "Hybrid")}
    assert launched("The first-generation Kia Quorra 2 came to market in the first quarter of 2020.") \
        == {("model/kia-quorra-2", "first quarter of 2020")}


def test_the_models_a_plants_production_opened_with_and_a_model_that_the_plant_builds():
    assert produced("Kia runs the Valdoro plant. Production opened with the Kia Quorra 2, an electric SUV, and its "
                    "sibling, the Kia Quorra 3.") \
        == {("plant/valdoro", "model/kia-quorra-2"), ("plant/valdoro", "model/kia-quorra-3")}
    assert produced("Kia runs the Valdoro plant. Production will open with the Kia Quorra 2.") == set()
    assert produced("Kia runs the Valdoro plant. Among the versions is the Kia Quorra 2, a plug-in hybrid that "
                    "Valdoro builds for the whole world.") == {("plant/valdoro", "model/kia-quorra-2")}


def test_the_markets_a_model_is_exported_to_or_headed_for_as_the_subject_of_the_verb():
    assert pairs("The Kia Quorra 2 is to be exported to markets including Japan and Canada.", "targetMarket") \
        == {("model/kia-quorra-2", "country/japan"), ("model/kia-quorra-2", "country/canada")}
    assert pairs("The Kia Quorra 2 is headed for Europe among other markets.", "targetMarket") \
        == {("model/kia-quorra-2", "region/europe")}
    # a model named before, not as the subject of the verb, is not what goes there
    assert pairs("Kia builds the Kia Quorra 2, and its parts are exported to Japan.", "targetMarket") == set()


def test_a_visit_to_the_plant_by_someone_and_people_who_started_its_series_production():
    assert visits("Kia runs the Valdoro plant. In June 2018, during a visit to the plant by President Ann Tate, Kia "
                  "announced an investment.") == {("person/ann-tate", "plant/valdoro")}
    assert visits("Kia runs the Valdoro plant. Ann Tate, chief executive of Kia, and Bob Quorra, the minister, started "
                  "the series production together at the plant.") \
        == {("person/ann-tate", "plant/valdoro"), ("person/bob-quorra", "plant/valdoro")}


def test_a_towns_country_from_the_state_a_dateline_abbreviates():
    text = "BOWLING GREEN, Ky. - The car got its premiere at the Bowling Green Assembly Plant in Bowling Green."
    assert pairs(text, "country") >= {("plant/bowling-green-assembly", "country/united-states")}
    # a town too small to place without a state or country of the text places nowhere
    assert pairs("The car got its premiere at the Bowling Green Assembly Plant in Bowling Green.", "country") == set()


def test_a_platform_whose_acronym_spells_a_name_with_a_platform_word_inside():
    assert pairs("The Audi Q6L e-tron rides on the Premium Platform Electric (PPE).", "basedOnPlatform") \
        == {("model/audi-q6l-e-tron", "platform/premium-platform-electric")}
    # an acronym that spells no such name is no platform
    assert pairs("The Audi Q6L e-tron rides on the Premium Platform Electric (XYZ).", "basedOnPlatform") == set()


def test_a_platform_the_lexicon_knows_is_found_without_a_platform_word():
    assert pairs("The Toyota Yaris and the Toyota Yaris Cross both sit on GA-B, the small-car version of Toyota's "
                 "architecture.", "basedOnPlatform") \
        == {("model/toyota-yaris", "platform/ga-b"), ("model/toyota-yaris-cross", "platform/ga-b")}


def test_a_plant_that_opened_and_is_run_by_a_company():
    text = ("The Valdoro plant is in England. It opened in 2003 and is run by Rolls-Royce Motor Cars, which has "
            "belonged to the BMW Group since 1998.")
    assert operators(text) == {"company/rolls-royce-motor-cars"}
    # a company's group is no member of it: hasMember is an alliance's or a board's (ontology/evkg.ttl)
    assert pairs(text, "hasMember") == set()
