"""Parameter values with the most data behind them, so each saved query does its heaviest real work."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pyoxigraph as ox

from evkg.ontology.vocabulary import EVKG

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# parameter name -> SPARQL that ranks candidates, busiest first
RANKINGS = {
    "plant": f"SELECT ?x (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r <{EVKG}outputOf> ?x }}",
    "brand": f"SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m <{EVKG}brand> ?x }}",
    "platform": f"SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?x a <{EVKG}VehiclePlatform> . ?m ?p ?x }}",
    "document": f"SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m <{EVKG}inDocument> ?x }}",
}
ALIASES = {"entity": "plant"}
SINCE = "2000"
_WORD = re.compile(r"[^\W\d_]{4,}")


def busiest(store: ox.Store, ranking: str) -> str | None:
    """The IRI ranked first (ties broken by IRI, so runs agree)."""
    query = ranking + " GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"
    for solution in store.query(query):
        return solution["x"].value
    return None


def frequent_word(store: ox.Store) -> str:
    """The most frequent word of four letters or more in the entity labels."""
    words: Counter[str] = Counter()
    query = f"SELECT DISTINCT ?x ?label WHERE {{ ?x <{RDFS_LABEL}> ?label }}"
    for solution in store.query(query):
        words.update(word.lower() for word in _WORD.findall(solution["label"].value))
    return min(words, key=lambda word: (-words[word], word)) if words else "plant"


def latest_date(store: ox.Store) -> str:
    """The most recent publication date stated, so that `as_of` sees every dated document (today when none)."""
    for solution in store.query(f"SELECT (MAX(?d) AS ?x) WHERE {{ ?a <{EVKG}statedOn> ?d }}"):
        if solution["x"] is not None:
            return solution["x"].value
    return date.today().isoformat()


def choose_values(store: ox.Store) -> dict[str, str]:
    """A value for every parameter name the saved queries use."""
    values = {name: busiest(store, ranking) for name, ranking in RANKINGS.items()}
    values.update({alias: values[target] for alias, target in ALIASES.items()})
    values["text"] = frequent_word(store)
    values["since"] = SINCE
    values["date"] = latest_date(store)
    return {name: value for name, value in values.items() if value}
