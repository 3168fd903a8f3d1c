"""extract() never raises: on the issue's reproduction, and on any recombination of the sentences of real articles."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from extraction_support import ROOT, document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evkg.graph.extract import extract
from evkg.graph.text import parse

# the articles the extractor is developed on (never the held-out ones, which it must not be fitted to)
ARTICLES = [path for folder in ("tests/articles", "documents", "bench/development", "bench/validation")
            for path in sorted((ROOT / folder).glob("*.txt"))]
SEPARATORS = (" ", "\n", "\n\n")
CASINGS = (str, str.title, str.upper, str.lower)  # as written, or re-cased as headlines and sub-heads are


@cache
def sentences() -> list[str]:
    """Every sentence of every article, as the extractor splits them."""
    return [sentence.text for path in ARTICLES for sentence in parse(document(path)[0].text).sentences]


@cache
def names() -> list[str]:
    """Every name the extractor recognises in the articles, and its leading words ('Renault 5' of 'Renault 5
    E-Tech'): what is swapped between articles."""
    mentions = [mention.text.split() for path in ARTICLES for mention in document(path)[1].mentions]
    return sorted({" ".join(words[:n]) for words in mentions for n in range(1, len(words) + 1)})


def swapped(text: str, swaps: list[tuple[str, str]]) -> str:
    """The text with each name of a pair replaced, as a whole word, by the other name."""
    for old, new in swaps:
        text = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text)
    return text


@st.composite
def recombined(draw: st.DrawFn) -> str:
    """Sentences of different articles shuffled, doubled, cut and re-cased, joined, with names swapped between
    articles."""
    pool = sentences()
    picked = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=10))
    doubled = [sentence for sentence in picked for _ in range(draw(st.integers(1, 2)))]
    cut = []
    for sentence in doubled:
        start = draw(st.integers(0, len(sentence) // 3)) if draw(st.booleans()) else 0
        end = draw(st.integers(start + 1, len(sentence))) if draw(st.booleans()) else len(sentence)
        cut.append(draw(st.sampled_from(CASINGS))(sentence[start:end]))
    text = "".join(part + draw(st.sampled_from(SEPARATORS)) for part in cut)
    swaps = draw(st.lists(st.tuples(st.sampled_from(names()), st.sampled_from(names())), max_size=4))
    return swapped(text, swaps)


def test_mentions_sharing_a_model_key_are_merged_once() -> None:
    extraction = extract("The Renault 5 sells well. The Renault 5 is built in Douai. "
                         "The Renault 5 E-Tech is electric.")
    assert {entity.key for entity in extraction.entities if entity.kind == "model"} == {"model/renault-5-e-tech"}


def test_a_past_generation_stays_apart_from_the_new_model() -> None:
    extraction = extract("Over two million units of the first Renault 5 were sold between 1972 and 1985.\n\n"
                         "The Renault 5 now makes up half of the cars built at the plant.\n\n"
                         "The production of the 50,000th Renault 5 E-Tech electric in Douai was celebrated.")
    models = [(m.text, m.entity) for m in extraction.mentions if m.entity.startswith("model/")]
    assert models == [("Renault 5", "model/renault-5"), ("Renault 5", "model/renault-5-e-tech"),
                      ("Renault 5 E-Tech", "model/renault-5-e-tech")]


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=recombined(), published=st.none() | st.dates(date(2015, 1, 1), date(2030, 12, 31)))
def test_extract_never_raises_on_recombined_articles(text: str, published: date | None) -> None:
    extraction = extract(text, published)
    assert all(text[m.start:m.end] == m.text for m in extraction.mentions)
