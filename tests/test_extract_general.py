"""General behaviours on small invented sentences: names, places, verbs and notations beyond the development articles."""

from __future__ import annotations

from datetime import date

from evkg.graph.extract import extract
from extraction_support import facts


def models(text: str) -> set[str]:
    return {e.key for e in extract(text).entities if e.kind == "model"}


def test_a_known_brand_before_a_capitalised_word_names_a_model():
    assert models("The Valdoro plant builds the Kia Zorblax and the Lexus QX.") == {
        "model/kia-zorblax", "model/lexus-qx"}


def test_a_body_word_closing_the_name_is_the_body_type_not_part_of_the_name():
    found = facts("The Valdoro plant assembles the Rivian Q7T SUV.")
    assert ("model/rivian-q7t", "bodyType", "SUV") in found
    assert ("plant/valdoro", "produces", "model/rivian-q7t") in found


def test_company_words_places_and_suffixes_alone_do_not_make_a_model():
    assert models("Kia Slovakia, Volvo Cars and Tata Motors met. It is the first Toyota EV built here.") == set()


def test_a_model_code_named_with_its_brand_is_later_named_alone():
    extraction = extract("Kia builds the Kia QV4 in Valdoro. The QV4 is a hatchback.")
    assert {m.text for m in extraction.mentions if m.entity == "model/kia-qv4"} == {"Kia QV4", "QV4"}


def test_a_plant_preparing_to_build_a_model_does_not_produce_it_yet():
    found = facts("Kia will expand its Valdoro plant as it prepares to build its Kia QV9 in Georgia.")
    assert not any(p == "produces" for _, p, _ in found)


def test_the_market_goes_to_the_nearest_subject_not_a_possessive():
    found = facts("The Kia QV4, Kia's first hatchback, was developed for European customers.")
    assert ("model/kia-qv4", "targetMarket", "region/europe") in found
    assert not any(s.startswith("company/") and p == "targetMarket" for s, p, _ in found)


def test_the_first_model_on_a_platform_is_no_characterisation():
    found = facts("The Kia QV4, the first model on Kia's Zorb platform, goes on sale in 2026.")
    assert not any(p == "characterisation" for _, p, _ in found)


def test_a_known_group_with_a_company_word_or_a_place_names_a_company():
    text = ("Kia Slovakia and Tata Passenger Electric Mobility (TPEM) met Toyota Motor North America; "
            "Kia Slovakia operates its Valdoro plant.")
    companies = {e.label: e.names for e in extract(text).entities if e.kind == "company"}
    assert {"Kia Slovakia", "Tata Passenger Electric Mobility", "Toyota Motor North America"} <= set(companies)
    assert "TPEM" in companies["Tata Passenger Electric Mobility"]
    assert ("plant/valdoro", "operatedBy", "company/kia-slovakia") in facts(text)


def test_relative_years_are_read_against_the_publication_date():
    published = date(2025, 3, 1)
    output = extract("The Valdoro plant built 300,000 cars last year.", published)
    assert {(f.predicate, f.object) for f in output.facts} >= {("year", "2024"), ("units", "300000")}
    assert output.published == "2025-03-01"
    launch = extract("The Renault Zorblax E-Tech goes on sale later this year.", published)
    assert {(f.predicate, f.object) for f in launch.facts} >= {("launchPeriod", "later this year"),
                                                              ("launchYear", "2025")}


def test_without_a_date_a_relative_year_states_nothing():
    assert not any(f.predicate == "year" for f in extract("The Valdoro plant built 300,000 cars last year.").facts)


def test_next_year_is_a_plan_not_an_output():
    assert not any(f.predicate == "year" for f in extract("The Valdoro plant builds 300,000 cars next year.",
                                                          date(2025, 3, 1)).facts)


def test_output_in_a_calendar_year_and_rolled_out():
    found = {(f.predicate, f.object) for f in extract("The Valdoro plant rolled out 1.8 lakh vehicles in calendar 2024.").facts}
    assert {("year", "2024"), ("units", "180000")} <= found


def test_a_group_with_a_manufacturing_word_and_a_state_names_a_plant():
    found = facts("Kia Motor Manufacturing Georgia in Valdoro, Georgia, builds the Kia Zorblax.")
    assert {("plant/kia-motor-manufacturing-georgia", "city", "city/valdoro"),
            ("plant/kia-motor-manufacturing-georgia", "country", "country/united-states"),
            ("plant/kia-motor-manufacturing-georgia", "produces", "model/kia-zorblax")} <= found


def test_its_plant_in_a_town_after_a_named_plant_is_that_plant_and_its_town():
    text = ("BRACKWOOD, Ohio - Kia Motors America will invest $2 billion in Kia Assembly Ohio, its plant in "
            "Brackwood. The Brackwood factory built 100,000 cars in 2024.")
    found = facts(text)
    plant = "plant/kia-assembly-ohio"
    assert {(plant, "city", "city/brackwood"), (plant, "country", "country/united-states"),
            (plant, "operatedBy", "company/kia-motors-america")} <= found
    assert {e.key for e in extract(text).entities if e.kind == "plant"} == {plant}
    assert ("production/kia-assembly-ohio-2024", "outputOf", plant) in found


def test_an_unknown_name_before_plant_is_its_town_in_the_state_named_after_it():
    found = facts("Rivian will expand its Valdoro plant as it builds more SUVs in central Illinois.")
    assert {("plant/valdoro", "city", "city/valdoro"), ("city/valdoro", "country", "country/united-states")} <= found


def test_a_plant_at_an_unknown_town_in_a_state():
    found = facts("Tata Motors is building a plant at Pelakkam in Tamil Nadu.")
    assert {("plant/pelakkam", "city", "city/pelakkam"), ("plant/pelakkam", "country", "country/india")} <= found


def test_a_state_region_or_country_after_plant_in_is_no_town():
    assert not any(e.kind == "city" for e in extract("Kia is building a plant in Georgia and a plant in Europe.").entities)


def test_it_after_a_sentence_opened_by_a_plant_is_that_plant():
    found = facts("The Valdoro plant built 100,000 cars in 2024. It builds the Kia Zorblax and the Kia Quonta.")
    assert {("plant/valdoro", "produces", "model/kia-zorblax"), ("plant/valdoro", "produces", "model/kia-quonta")} <= found
    assert not any(p == "produces" for _, p, _ in facts("Kia sold 100,000 cars in 2024. It builds the Kia Zorblax."))


def test_an_apposition_with_a_possessive_names_the_operator():
    found = facts("The Valdoro plant in Gothenburg, Sweden, Volvo's oldest factory, builds the Volvo XC90.")
    assert ("plant/valdoro", "operatedBy", "company/volvo-cars") in found


def test_a_loan_is_no_investment_and_a_second_plant_is_the_possessors():
    found = facts("Construction of Rivian's second plant, in Brackwood, Georgia, backed by a $6.6 billion federal "
                  "loan, resumes.")
    assert not any(p == "investmentTarget" for _, p, _ in found)
    assert ("plant/brackwood", "operatedBy", "company/rivian") in found


def test_a_cue_word_cut_out_of_a_longer_word_is_no_cue():
    found = facts("Kia Motors America said on Tuesday it will invest $1.3 billion in its Valdoro plant.")
    assert ("investment/valdoro-1300000000-usd", "investmentTarget", "plant/valdoro") in found


def test_a_capitalised_name_ending_in_a_platform_head_is_a_platform_with_its_short_name():
    extraction = extract("The Kia Zorblax is based on the Modular Zeta Architecture (MZA). Kia's Midsize Platform is new.")
    platforms = {e.key: e.names for e in extraction.entities if e.kind == "platform"}
    assert set(platforms) == {"platform/modular-zeta-architecture", "platform/midsize-platform"}
    assert "MZA" in platforms["platform/modular-zeta-architecture"]
    assert ("model/kia-zorblax", "basedOnPlatform", "platform/modular-zeta-architecture") in facts(
        "The Kia Zorblax is based on the Modular Zeta Architecture (MZA).")


def test_a_lower_case_dotted_name_before_a_platform_head_is_a_platform():
    found = facts("The Tata Zorblax is built on the zeta.ev+ architecture.")
    assert ("model/tata-zorblax", "basedOnPlatform", "platform/zeta-ev") in found


def test_the_first_model_on_a_platform_is_the_nearest_model_only():
    found = facts("The Valdoro plant builds the Tata Quonta and the Tata Zorblax, the first model on Tata's zeta.ev platform.")
    assert ("model/tata-zorblax", "basedOnPlatform", "platform/zeta-ev") in found
    assert not any(s == "model/tata-quonta" and p == "basedOnPlatform" for s, p, _ in found)


def test_a_plant_uses_the_platforms_of_the_models_it_builds():
    found = facts("The Valdoro plant builds the Kia Zorblax. The Kia Zorblax rides on the E-GMP platform.")
    assert ("plant/valdoro", "usesPlatform", "platform/e-gmp") in found


def test_the_body_noun_opening_a_sentence_is_the_model_just_named():
    found = facts("Volvo started production of the Volvo QX3. The compact SUV is based on the Zeta platform.")
    assert {("model/volvo-qx3", "bodyType", "SUV"), ("model/volvo-qx3", "basedOnPlatform", "platform/zeta")} <= found


def test_both_of_those_models_are_the_last_two_named():
    found = facts("The Valdoro plant builds the Volvo QX1, the Volvo QX2 and the Volvo QX3. "
                  "Both of those models use the Zeta platform.")
    assert {("model/volvo-qx2", "basedOnPlatform", "platform/zeta"),
            ("model/volvo-qx3", "basedOnPlatform", "platform/zeta")} <= found
    assert ("model/volvo-qx1", "basedOnPlatform", "platform/zeta") not in found


def test_models_joining_a_plants_line_are_produced_there_unless_they_are_due_to():
    found = facts("Volvo builds the Volvo QX3 at its Ghent plant. It joins the Volvo QX4 on the Ghent line.")
    assert ("plant/ghent", "produces", "model/volvo-qx4") in found
    later = facts("Volvo builds the Volvo QX3 at its Ghent plant. The Volvo QX5 is due to join the Ghent line in 2026.")
    assert ("plant/ghent", "produces", "model/volvo-qx5") not in later


def test_owns_the_x_y_and_z_brands():
    found = facts("Zhejiang Geely Holding Group, which also owns the Polestar, Lynk & Co and Zeekr brands, met Kia.")
    assert {("company/geely", "ownsBrand", "brand/polestar"), ("company/geely", "ownsBrand", "brand/lynk-co"),
            ("company/geely", "ownsBrand", "brand/zeekr")} <= found


def test_reaching_showrooms_is_a_launch():
    found = {(f.predicate, f.object) for f in extract("The Kia QV4 reaches European showrooms in the third quarter "
                                                      "of 2025.").facts}
    assert {("launchOf", "model/kia-qv4"), ("launchYear", "2025")} <= found


def test_an_engine_shop_is_a_facility_and_on_site_is_not_its_name():
    found = facts("The Valdoro plant builds the Kia QV4, and an on-site engine shop supplies petrol units.")
    assert ("plant/valdoro", "hasPart", "facility/valdoro-engine-shop") in found


def test_powertrain_words_just_before_or_after_a_model():
    found = facts("Volvo builds the fully electric Volvo QX3 and the Toyota Zorblax, now sold only as a hybrid.")
    assert {("model/volvo-qx3", "powertrain", "BatteryElectric"), ("model/toyota-zorblax", "powertrain", "Hybrid")} <= found


def test_an_assembly_named_with_a_plant_apposed_or_production_before_it_is_a_plant():
    apposed = facts("Tesla also builds the Tesla Q1 at Valdoro Assembly, its truck plant in Valdoro, Ontario.")
    assert ("plant/valdoro", "produces", "model/tesla-q1") in apposed
    produced = facts("The first Rivian QDV rolled off the line at QRX Assembly on Monday. QRX Assembly is run by Ford.")
    assert ("plant/qrx", "operatedBy", "company/ford") in produced


def test_countries_beyond_the_first_articles_markets_are_places():
    text = "Lucid builds the Lucid Air at its plant in Valdoro, Saudi Arabia, and ships it to Central Asia."
    assert ("plant/valdoro", "country", "country/saudi-arabia") in facts(text)
    assert "region/central-asia" in {entity.key for entity in extract(text).entities}


def test_a_name_apposed_to_a_plant_noun_names_that_plant():
    extraction = extract("Lucid opened QX-2, its second Advanced Manufacturing Plant, in Valdoro. The kits come from its "
                         "first factory, QX-1 in Arizona.")
    assert {(entity.key, entity.label) for entity in extraction.entities if entity.kind == "plant"} == {
        ("plant/qx-2", "QX-2"), ("plant/qx-1", "QX-1")}
    assert ("plant/qx-2", "operatedBy", "company/lucid") in facts("Lucid opened QX-2, its second plant, in Valdoro.")
    complex_named = facts("Kia held a ceremony at QuorraLand Valdoro, its production complex in Valdoro, Ontario.")
    assert ("plant/quorraland-valdoro", "operatedBy", "company/kia") in complex_named


def test_a_person_apposed_to_a_plant_job_names_no_plant():
    extraction = extract("Rivian named Jane Roe, its plant manager, and QX-3, its factory director, in Normal.")
    assert not [entity.key for entity in extraction.entities if entity.kind == "plant"]


def test_an_assembly_that_is_a_body_is_no_plant():
    extraction = extract("The plan was debated at Gyeonggi Assembly, the provincial body, and at the National Assembly "
                         "in Seoul. Lawmakers met at Valdoro Assembly on Monday.")
    assert not [entity.key for entity in extraction.entities if entity.kind == "plant"]


def test_a_powertrain_word_in_capitals_is_read_as_in_lower_case():
    # 'Electric' once raised KeyError: the cue was matched ignoring case and then looked up as written
    found = facts("The Volvo QX3 is built in Valdoro. The QX3 is the first Fully Electric SUV the brand builds there.")
    assert ("model/volvo-qx3", "powertrain", "BatteryElectric") in found


def test_a_models_body_type_from_a_version_of_phrase_or_two_words_after_it():
    found = facts("The Tata Zorblax, an electric version of the mid-size SUV, and the Rivian QDV delivery van met.")
    assert {("model/tata-zorblax", "bodyType", "SUV"), ("model/rivian-qdv", "bodyType", "Van")} <= found
    found = facts("Kia has begun shipping the Kia Brio, the battery-electric version of its Q1 cargo van.")
    assert ("model/kia-brio", "bodyType", "Van") in found


def test_a_plant_assembling_all_electric_models_gives_them_their_powertrain():
    found = facts("The Valdoro plant assembles three all-electric models: the Rivian Q1T and the Rivian Q1S.")
    assert {("model/rivian-q1t", "powertrain", "BatteryElectric"),
            ("model/rivian-q1s", "powertrain", "BatteryElectric")} <= found


def test_best_selling_characterises_a_model_but_names_no_target_market():
    found = facts("The Valdoro plant builds the Tesla Zorblax, the best-selling electric SUV in Europe.")
    assert ("model/tesla-zorblax", "characterisation", "best-selling electric SUV in Europe") in found
    assert not any(p == "targetMarket" for _, p, _ in found)


def test_a_joint_venture_named_before_its_apposition_with_its_members_and_money():
    found = facts("Rivian formed Rivian and Zorb Technology, a joint venture with Volkswagen Group, to which the "
                  "German carmaker has committed up to $5.8 billion.")
    venture = "alliance/rivian-and-zorb-technology"
    assert {(venture, "hasMember", "company/rivian"), (venture, "hasMember", "company/volkswagen-group")} <= found
    investment = "investment/rivian-and-zorb-technology-5800000000-usd"
    assert {(investment, "investmentTarget", venture), (investment, "investor", "company/volkswagen-group")} <= found


def test_a_company_building_a_plant_operates_it():
    found = facts("Separately, Tata Motors is building a Rs 9,000 crore plant at Pelakkam in Tamil Nadu.")
    assert ("plant/pelakkam", "operatedBy", "company/tata-motors") in found


def test_a_plural_body_word_after_two_models_is_the_body_type_of_both():
    found = facts("The Valdoro plant builds the Toyota Zorblax and Toyota Quonta SUVs.")
    assert {("model/toyota-zorblax", "bodyType", "SUV"), ("model/toyota-quonta", "bodyType", "SUV")} <= found


def plant_names(text: str) -> dict[str, set[str]]:
    return {e.key: set(e.names) for e in extract(text).entities if e.kind == "plant"}


def test_a_month_after_in_is_no_town_a_plant_stands_in():
    assert plant_names("Work on the Kia Q1 started at the site in April. The first factory opened in March 2019.") == {}
    assert "plant/valdoro" in plant_names("Work on the Kia Q1 started at the site in Valdoro.")


def test_a_body_type_before_the_plant_word_says_what_it_makes_not_its_name():
    assert "plant/suv" not in plant_names("The Kia Q1 is built at Kia's SUV plant. Kia's Valdoro plant builds vans.")
    assert "plant/valdoro" in plant_names("The Kia Q1 is built at Kia's Valdoro plant.")


def test_a_model_named_before_the_plant_word_says_what_it_makes_not_where():
    text = "Kia will build the Kia Brio, its electric truck, at a new site. The Brio factory opens in 2026."
    assert not any("brio" in key for key in plant_names(text))
    assert not any("city/brio" in fact for fact in facts(text))
    # a brand before a town and a plant word still names the town
    assert "plant/kia-valdoro" in plant_names("The Kia Valdoro plant opened. The Valdoro plant builds the Kia Q1.")


def test_the_company_plant_in_another_town_is_a_plant_of_its_own():
    found = facts("Kia's main plant in Valdoro builds the Kia Q1. Work comes back from the Kia plant in Sorrento, Italy.")
    assert ("plant/valdoro", "city", "city/sorrento") not in found
    assert {("plant/sorrento", "city", "city/sorrento"), ("plant/sorrento", "operatedBy", "company/kia")} <= found
    # in a story about one town's plant, the company's plant in that town is the plant of the text
    found = facts("Valdoro is a quiet town. Kia's main plant in Valdoro builds the Kia Q1. The Kia plant in Valdoro "
                  "opened in 1990.")
    assert {fact[0] for fact in found if fact[0].startswith("plant/")} == {"plant/valdoro"}


def test_a_company_and_a_known_city_name_the_plant_it_has_there():
    found = facts("Porsche Leipzig, in Leipzig, Germany, opened in 2002. It builds the Porsche Macan.")
    assert {("plant/porsche-leipzig", "operatedBy", "company/porsche"), ("plant/porsche-leipzig", "city", "city/leipzig"),
            ("plant/porsche-leipzig", "produces", "model/porsche-macan")} <= found
    # a town the lexicon does not know may be a model's name ('Ford Puma', 'Hyundai Tucson')
    assert plant_names("Kia Zwolle sales rose in Europe.") == {}


def test_a_plant_named_by_company_and_town_is_also_called_so_without_its_head():
    names = plant_names("Audi Brussels builds the Audi Q8. Output at the Audi Brussels plant in Brussels rose.")
    assert names == {"plant/audi-brussels": {"Audi Brussels", "Audi Brussels Plant", "Audi Brussels plant"}}
    facilities = {n for e in extract("Porsche Leipzig opened a new paint shop.").entities if e.kind == "facility"
                  for n in e.names}
    assert "Leipzig paint shop" in facilities


def test_a_plural_possessive_apposition_names_the_same_plant():
    found = facts("The Zaragoza Plant, Stellantis' factory in Figueruelas, makes the Opel Corsa.")
    assert ("plant/zaragoza", "operatedBy", "company/stellantis") in found
    assert not any(s == "plant/figueruelas" for s, _, _ in found)


def test_a_brands_model_may_open_with_a_lower_case_code():
    found = facts("The Valdoro plant builds the BMW iX, the Peugeot e-3008 and the Mercedes-Benz eSprinter. "
                  "The iX is an SUV.")
    assert {("plant/valdoro", "produces", m) for m in ("model/bmw-ix", "model/peugeot-e-3008",
                                                       "model/mercedes-benz-esprinter")} <= found
    assert ("model/bmw-ix", "bodyType", "SUV") in found
    # a lower-case word after a brand is no model: 'BMW said', 'Peugeot e-mobility'
    assert models("BMW said the Peugeot e-mobility push would go on.") == set()


def operators(text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text) if p == "operatedBy"}


def test_a_plant_is_run_by_its_operator_after_where_it_stands():
    assert operators("The Valdoro plant, in Valdoro, France, is run by Stellantis and builds vans.") \
        == {("plant/valdoro", "company/stellantis")}
    assert operators("The Valdoro plant in Valdoro is run by Stellantis.") == {("plant/valdoro", "company/stellantis")}
    # an organisation run by another in a clause about the place is not the plant's operator
    assert operators("The Valdoro plant stands in Valdoro, where the port is run by Stellantis.") == set()


def test_a_company_that_runs_the_plant_in_focus_operates_it():
    assert operators("The Valdoro Plant opened in 2001. The BMW Group runs the plant, which builds cars.") \
        == {("plant/valdoro", "company/bmw-group")}
    assert operators("The Valdoro Plant opened in 2001. The BMW Group praised the plant.") == set()


def kinds(text: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o in facts(text) if p in ("powertrain", "bodyType")}


def test_what_a_counted_or_summing_noun_says_goes_to_each_model_it_sums_up():
    assert kinds("Kia expects the Kia Q1 and the Kia Q2, its two battery-electric SUVs, in 2025.") == {
        (f"model/kia-{m}", p, o) for m in ("q1", "q2") for p, o in (("powertrain", "BatteryElectric"), ("bodyType", "SUV"))}
    assert kinds("It builds the Kia Q1 and the Kia Q2, both SUVs, and their battery-electric versions, the Kia eQ1 "
                 "and the Kia eQ2.") == {("model/kia-q1", "bodyType", "SUV"), ("model/kia-q2", "bodyType", "SUV"),
                                        ("model/kia-eq1", "powertrain", "BatteryElectric"),
                                        ("model/kia-eq2", "powertrain", "BatteryElectric")}
    assert kinds("It is one of three electric vans the site builds: the Kia Q1, the Kia Q2 and the Kia Q3.") == {
        (f"model/kia-{m}", p, o) for m in ("q1", "q2", "q3") for p, o in (("powertrain", "BatteryElectric"), ("bodyType", "Van"))}
    # the count must match: 'two SUVs' after three models says nothing of which
    assert kinds("It builds the Kia Q1, the Kia Q2 and the Kia Q3, two SUVs among them.") == set()


def test_a_premodifier_of_a_list_goes_to_each_model_even_past_a_body_word():
    assert kinds("The battery-electric Kia Q1 van and Kia Q2 complete the line-up.") == {
        ("model/kia-q1", "powertrain", "BatteryElectric"), ("model/kia-q1", "bodyType", "Van"),
        ("model/kia-q2", "powertrain", "BatteryElectric")}
    assert kinds("The plant builds the Kia Q1, also an SUV.") == {("model/kia-q1", "bodyType", "SUV")}


def test_battery_makers_and_suppliers_are_companies_and_an_amount_is_no_part_of_a_plants_name():
    extraction = extract("Supplier Hyundai Mobis is building its own $205 million battery module plant in Valdoro, "
                         "Georgia, and LG Energy Solution a cell plant nearby.")
    companies = {e.key for e in extraction.entities if e.kind == "company"}
    assert {"company/hyundai-mobis", "company/lg-energy-solution"} <= companies
    names = {n for e in extraction.entities if e.kind == "plant" for n in e.names}
    assert "Valdoro battery module plant" in names and not any("million" in n for n in names)


def test_the_plant_of_another_company_is_not_the_plant_in_focus():
    assert operators("Kia's Valdoro plant builds the Kia Q1. It sends parts to the Hyundai plant in Georgia.") \
        == {("plant/valdoro", "company/kia")}
    assert operators("Kia's Valdoro plant builds the Kia Q1. The Kia plant employs 3,000 people.") \
        == {("plant/valdoro", "company/kia")}


def test_a_company_and_a_town_the_text_places_something_in_name_a_plant():
    found = facts("Hyundai Montgomery builds the Hyundai Tucson. A battery plant opened in Montgomery, Alabama.")
    assert ("plant/hyundai-montgomery", "produces", "model/hyundai-tucson") in found
    assert ("plant/hyundai-montgomery", "operatedBy", "company/hyundai-motor") in found


def test_two_companies_of_different_groups_named_as_one_are_their_joint_venture():
    found = facts("The Valdoro EV plant is operated by Dongfeng Honda. SAIC-Volkswagen builds cars elsewhere.")
    assert {("alliance/dongfeng-honda", "hasMember", "company/dongfeng"),
            ("alliance/dongfeng-honda", "hasMember", "company/honda"),
            ("plant/valdoro", "operatedBy", "alliance/dongfeng-honda"),
            ("alliance/saic-volkswagen", "hasMember", "company/saic-motor")} <= found
    # one group's two names are no joint venture
    assert not any(s.startswith("alliance/") for s, _, _ in facts("The Valdoro plant builds Hyundai Kia parts."))


def test_more_ways_to_say_who_runs_a_plant():
    assert operators("The Valdoro plant, operated by Volvo Cars, builds vans.") == {("plant/valdoro", "company/volvo-cars")}
    assert operators("Until now every van came from the Quorra plant of Geely in Quorra, China.") \
        == {("plant/quorra", "company/geely")}
    assert operators("Work goes to the Quorra plant in Japan and to the Valdoro plant in Valdoro, United States, both run "
                     "by Nissan.") >= {("plant/valdoro", "company/nissan")}
    assert operators("The van came off the line at the Valdoro Plant in Valdoro, Romania, which Stellantis runs itself.") \
        == {("plant/valdoro", "company/stellantis")}
    assert operators("Volvo Cars today started series production of the Volvo EX30 at the Valdoro Plant in Valdoro, "
                     "Belgium.") == {("plant/valdoro", "company/volvo-cars")}
    # a plant's model or its town after 'of' is no operator, nor is the subject of another verb
    assert operators("Volvo Cars said the Valdoro Plant builds the Volvo EX30.") == set()


def test_a_brand_and_a_body_word_alone_name_no_model():
    assert models("This week a Haval SUV rolled off a line in Valdoro. It joins a range of Ford SUVs.") == set()
    assert models("The Valdoro plant builds the MINI Convertible.") == {"model/mini-convertible"}


def test_a_part_of_a_site_is_no_town():
    cities = {o for s, p, o in facts("Kia builds vans in the East plant and will build trucks in the West plant.")
              if p == "city"}
    assert cities == set()


def test_a_joint_venture_the_lexicon_knows_is_no_member_of_itself():
    members = {o for s, p, o in facts("Ford Otosan, the Turkish joint venture owned by Ford Motor Company and Koç "
                                      "Holding, builds vans.") if p == "hasMember"}
    assert "company/ford-otosan" not in members and len(members) == 2


def test_plants_named_together_then_said_to_be_run_by_one_company():
    text = ("The group will invest in the Valdoro plant and in the Quorra plant. Both plants are operated by "
            "Mercedes-Benz Vans, the van division of the group.")
    assert operators(text) == {("plant/valdoro", "company/mercedes-benz-vans"), ("plant/quorra", "company/mercedes-benz-vans")}
    assert operators("The Valdoro plant builds vans. The sister plant in Quorra, Spain, also run by Stellantis, builds "
                     "the same vans.") >= {("plant/quorra", "company/stellantis")}


def test_a_model_that_leaves_a_plant_or_is_completed_there_is_built_there():
    assert ("plant/plant-munich", "produces", "model/bmw-q4") in facts("First series BMW Q4 leaves BMW Group Plant Munich.")
    assert ("plant/plant-munich", "produces", "model/bmw-q4") in facts(
        "The BMW Group today completed the first series-production BMW Q4 at Plant Munich, in Munich, Germany.")


def test_a_lower_case_e_after_a_hyphen_is_part_of_the_models_name():
    assert models("The Valdoro plant builds the Fiat Q-Doblo and the Opel Combo-e.") >= {"model/opel-combo-e"}


def test_quoted_model_names_keep_their_body_types_and_powertrains():
    found = facts('The Valdoro Plant is making the minivans "Toyota Noah" and "Toyota Voxy". Also the "Subaru Solterra", '
                  'the electric SUV of Subaru, is produced on this line.')
    assert {("model/toyota-noah", "bodyType", "Minivan"), ("model/subaru-solterra", "bodyType", "SUV"),
            ("model/subaru-solterra", "powertrain", "BatteryElectric")} <= found


def test_where_a_plant_stands_in_brackets_after_its_name():
    found = facts("The first line of the Valdoro Plant (Toyota City, Aichi Prefecture, Japan) builds the Toyota bZ4X.")
    assert {("plant/valdoro", "city", "city/toyota-city"), ("plant/valdoro", "country", "country/japan")} <= found


def test_a_models_name_spells_out_its_powertrain():
    found = facts("The Valdoro plant builds the Peugeot e-Partner, the Fiat E-Doblo, the Ford Explorer Plug-In Hybrid "
                  "and the Opel Combo-e. Counting them all, it builds four vans.")
    assert {("model/peugeot-e-partner", "powertrain", "BatteryElectric"), ("model/fiat-e-doblo", "powertrain", "BatteryElectric"),
            ("model/ford-explorer-plug-in-hybrid", "powertrain", "PlugInHybrid"),
            ("model/opel-combo-e", "powertrain", "BatteryElectric")} <= found
    assert not any(p == "powertrain" for _, p, _ in facts("The Valdoro plant builds the Mercedes-Benz E-Class."))


def test_a_manufacturing_company_named_as_the_one_that_runs_a_plant_is_its_operator():
    text = ("Hyundai Montgomery, in Montgomery, United States, is operated by Hyundai Motor Manufacturing Alabama (HMMA), "
            "the group's American manufacturing subsidiary.")
    assert operators(text) == {("plant/hyundai-montgomery", "company/hyundai-motor-manufacturing-alabama")}
    sheet = "- Site: Valdoro Plant, Valdoro, Kentucky, United States\n- Operator: Toyota Motor Manufacturing Kentucky (TMMK)"
    assert {e.kind for e in extract(sheet).entities if "Manufacturing" in e.label} == {"company"}


def test_a_line_up_in_a_fact_sheet_or_before_a_list_is_the_plants():
    sheet = ("The plant\n\n- Name: Valdoro Plant\n\n- Current line-up includes the Toyota Q1 sedan and the Lexus Q2 "
             "sedan")
    assert {("plant/valdoro", "produces", "model/toyota-q1"), ("plant/valdoro", "produces", "model/lexus-q2")} <= facts(sheet)
    listed = ("What the Valdoro Plant builds\n\nThe electric Genesis Q1 joins a line-up that already includes:\n\n"
              "- the Hyundai Q2, a sedan;\n\n- the Hyundai Q3, an SUV.")
    assert {("plant/valdoro", "produces", "model/hyundai-q2"), ("plant/valdoro", "produces", "model/hyundai-q3")} <= facts(listed)
    prose = "The Valdoro Plant builds the Ford Q1. Ford's European range includes the Ford Q2 and the Ford Q3."
    assert ("plant/valdoro", "produces", "model/ford-q2") not in facts(prose)
