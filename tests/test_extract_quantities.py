"""Amounts, hedges and dates as written in news text, normalised without losing their precision."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evkg.graph.extract import extract
from evkg.graph.quantities import find_counts, find_money, find_periods, find_since, hedged, plain_decimal


@pytest.mark.parametrize("text, amount, currency", [
    ("a €550 million transformation", "550000000", "EUR"),
    ("Nissan will invest £1bn", "1000000000", "GBP"),
    ("a $2.5 billion plant", "2500000000", "USD"),
    ("US$3bn", "3000000000", "USD"),
    ("550 million euros", "550000000", "EUR"),
    ("HUF 1,600 billion", "1600000000000", "HUF"),
    ("¥10 billion", "10000000000", "JPY"),
    ("4.5 billion forints", "4500000000", "HUF"),
    ("Rs 4,000 crore", "40000000000", "INR"),
    ("₹750 crore", "7500000000", "INR"),
    ("Rs 4.4 lakh crore", "4400000000000", "INR"),
    ("SEK 2 billion", "2000000000", "SEK"),
    ("3 billion kronor", "3000000000", "SEK"),
    ("KRW 2 trillion", "2000000000000", "KRW"),
    ("1.5 trillion won", "1500000000000", "KRW"),
    ("RMB 10 billion", "10000000000", "CNY"),
    ("5 billion yuan", "5000000000", "CNY"),
    ("an investment of R4.2 billion", "4200000000", "ZAR"),
])
def test_money(text, amount, currency):
    [found] = find_money(text)
    assert (plain_decimal(found.value), found.currency) == (amount, currency)


@pytest.mark.parametrize("text", [
    "SEK 2 billion (approximately €180 million)", "Rs 500 crore (about $60 million)", "€1bn, or roughly $1.1bn",
])
def test_a_conversion_into_another_currency_restates_the_amount_before_it(text):
    first, second = find_money(text)
    assert (first.restates, second.restates) == (False, True)


@pytest.mark.parametrize("text", ["the Rivian R1S", "R2 deliveries", "the R5 in 2024", "R4.2"])
def test_a_currency_letter_is_money_only_with_a_multiplier(text):
    assert find_money(text) == []


def test_two_separate_amounts_are_not_conversions():
    assert [a.restates for a in find_money("€100 million for the plant and $50 million for the lab")] == [False, False]


def test_counts_in_lakh():
    [(count, _)] = find_counts("it rolled out 1.8 lakh vehicles")
    assert count.value == 180000


def test_counts_and_ordinals():
    counts = find_counts("the 100,000th car, then 1.2 million electric cars and 89,527 units")
    assert [(c.value, ordinal) for c, ordinal in counts] == [
        (Decimal(100000), True), (Decimal("1200000.0"), False), (Decimal(89527), False)]


@pytest.mark.parametrize("before, expected", [
    ("from approximately ", True), ("about ", True), ("some ", True), ("nearly ", True), ("roughly ", True),
    ("close to ", True), ("more than ", True), ("from ", False), ("built ", False),
    ("just shy of ", True), ("at least ", True), ("north of ", True), ("fewer than ", True), ("least ", False),
])
def test_hedges(before, expected):
    assert hedged(before) is expected


def test_since_keeps_its_precision():
    found = find_since("Since May 2023, x; since 2021; since 3 May 2022")
    assert [(w.value, w.datatype) for w in found] == [
        ("2023-05", "gYearMonth"), ("2021", "gYear"), ("2022-05-03", "date")]


def test_periods_keep_the_text_words():
    found = find_periods("to hit markets in late 2025, in the first half of 2026, in March 2026")
    assert [(w.phrase, w.year) for w in found] == [("late 2025", 2025), ("first half of 2026", 2026),
                                                   ("March 2026", 2026)]


@pytest.mark.parametrize("sentence", [
    "The Foo plant builds 5,000 cars a week in 2024.",
    "The Foo plant aims to build 200,000 cars in 2027.",
    "The Foo plant has a capacity of 300,000 units in 2024.",
    "The Foo plant built its 100,000th car in 2024.",
    "The Foo plant has built 900,000 cars since 2019.",
    "The Foo plant will produce 150,000 vehicles next year.",
])
def test_rates_targets_capacities_and_totals_are_not_annual_output(sentence):
    extraction = extract(sentence)
    assert not [f for f in extraction.facts if f.predicate == "units"]
    assert extraction.warnings


def test_a_figure_for_another_plant_stays_with_that_plant():
    extraction = extract("The Foo plant built 120,000 cars in 2024. The Bar plant built about 80,000 cars in 2024.")
    outputs = {(f.subject, f.object) for f in extraction.facts if f.predicate == "outputOf"}
    assert outputs == {("production/foo-2024", "plant/foo"), ("production/bar-2024", "plant/bar")}


def test_the_price_of_a_plant_is_an_investment_in_it():
    extraction = extract("Kia runs the Quorra plant. The $7.6 billion plant builds the Kia EV6.")
    found = {(f.predicate, f.object) for f in extraction.facts if f.subject.startswith("investment/")}
    assert found >= {("investmentTarget", "plant/quorra"), ("amount", "7600000000"), ("currency", "USD")}


def test_an_output_counted_in_plural_model_names():
    extraction = extract("Ford's Quorra Electrification Center produced around 40,000 Ford Zorblax EVs in 2024.")
    record = {(f.predicate, f.object) for f in extraction.facts if f.subject == "production/quorra-2024"}
    assert record >= {("outputOf", "plant/quorra"), ("units", "40000"), ("approximate", "true")}


def test_since_a_day_written_month_first():
    assert [(w.value, w.datatype) for w in find_since("all-electric since March 3, 2023")] == [("2023-03-03", "date")]


def test_that_compares_with_a_figure_of_another_year_is_the_same_plants_output():
    extraction = extract("The Valdoro plant built 396,117 vehicles in 2024. That compares with about 416,000 in 2022.")
    record = {(f.predicate, f.object) for f in extraction.facts if f.subject == "production/valdoro-2022"}
    assert record == {("outputOf", "plant/valdoro"), ("year", "2022"), ("units", "416000"), ("approximate", "true")}


@pytest.mark.parametrize("text", [
    "The Valdoro plant built 396,117 vehicles in 2024. That compares with 1,500 employees in 2022.",
    "Kia sold 396,117 vehicles in 2024. That compares with 416,301 in 2022.",
    "The Valdoro plant employs 9,000 people. That compares with 8,500 in 2022.",
])
def test_that_compares_with_carries_only_an_output_just_stated(text):
    assert not [f for f in extract(text).facts if f.predicate == "units" and f.object != "396117"]
