"""The pipeline on articles it was not written for: expected facts found, traps avoided, quality above a floor."""

from __future__ import annotations

import json

import pytest
from extraction_support import ROOT, document

from graph.evaluation import fact_tuples, matches, score

ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt"))


def expected_of(path):
    return json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))


def test_there_are_at_least_four_articles_with_expectations():
    assert len([p for p in ARTICLES if p.with_name(p.stem + ".expected.json").exists()]) >= 4


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_trap_is_extracted(path):
    _, extraction = document(path)
    assert score(extraction, expected_of(path)).traps == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_quality_floor(path):
    _, extraction = document(path)
    result = score(extraction, expected_of(path))
    assert result.precision >= 0.9, result.spurious
    assert result.recall >= 0.85, result.missed


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_output_and_investment_is_right(path):
    """Numbers are the facts users act on: each expected one is found, exactly."""
    _, extraction = document(path)
    found = fact_tuples(extraction)
    for fact in expected_of(path)["facts"]:
        if fact[0] in ("output", "investment"):
            assert any(matches(fact, f) for f in found), fact
    outputs = [f for f in found if f[0] == "output"]
    assert len(outputs) == len([f for f in expected_of(path)["facts"] if f[0] == "output"])


def test_matching_is_strict_about_numbers_and_flags():
    fact = ("output", frozenset({"douaiplant"}), 2023, 50729, True)
    assert matches(["output", "Douai Plant", 2023, 50729, True], fact)
    assert not matches(["output", "Douai Plant", 2023, 50729, False], fact)
    assert not matches(["output", "Douai Plant", 2024, 50729, True], fact)
    assert matches(["output", "*", "*", 50729, "*"], fact)
