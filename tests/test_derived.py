"""The derived graphs (entity directory, city coordinates, claims) are sums of per-document contributions, so a build
after a change can take one document's part out or put it in and arrive at the graph a full build makes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from evkg.graph.derived import DERIVED_GRAPHS, DerivedGraph
from tests.extraction_support import document

TESTS = Path(__file__).parent
# the test articles, and two documents that disagree on a figure (so that the claims graph has something to say)
ARTICLES = [*sorted((TESTS / "articles").glob("*.txt")), TESTS.parent / "documents" / "alliance-ampere-douai.txt",
            TESTS / "fixtures" / "claims" / "douai-output-restated.txt"]


@pytest.fixture(scope="module")
def documents() -> dict[str, object]:
    return {info.slug: extraction for info, extraction in map(document, ARTICLES)}


@pytest.mark.parametrize("derived", DERIVED_GRAPHS, ids=lambda derived: derived.phase)
def test_taking_a_document_out_of_the_sum_gives_the_graph_without_it(derived: DerivedGraph, documents: dict) -> None:
    for slug in [*list(documents)[:3], *list(documents)[-2:]]:
        others = {other: extraction for other, extraction in documents.items() if other != slug}
        total = derived.total(documents)
        total.update({item: -count for item, count in derived.contribution(slug, documents[slug]).items()})
        assert list(derived.quads(+total)) == list(derived.of(others))


@pytest.mark.parametrize("derived", DERIVED_GRAPHS, ids=lambda derived: derived.phase)
def test_the_graph_does_not_depend_on_the_order_of_the_documents(derived: DerivedGraph, documents: dict) -> None:
    backwards = dict(reversed(list(documents.items())))
    assert list(derived.of(backwards)) == list(derived.of(documents))
    assert sum((derived.contribution(slug, x) for slug, x in documents.items()), Counter()) == derived.total(documents)


def test_every_derived_graph_says_something_about_these_articles(documents: dict) -> None:
    assert all(len(list(derived.of(documents))) > 6 for derived in DERIVED_GRAPHS)  # more than the gazetteer's header
