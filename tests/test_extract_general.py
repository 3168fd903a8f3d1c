"""General behaviours on small invented sentences: names, places, verbs and notations beyond the development articles."""

from __future__ import annotations

from datetime import date

from graph.extract import extract


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in extract(text).facts}


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
