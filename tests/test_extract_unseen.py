"""More ways unseen news articles name plants and state their facts (issue 10, recall on held-out text).

Each rule is held to invented sentences of its own and to a near miss it must leave alone.
"""

from __future__ import annotations

from evkg.graph.extract import extract


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
