"""Ways the news genre states facts that the first articles did not use (issue 10, recall on unseen articles).

Each rule is held to invented sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

from evkg.graph.extract import extract


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in extract(text).facts}


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
