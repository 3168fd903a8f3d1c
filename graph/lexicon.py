"""Loads the lexicon (graph/lexicon/*.json) once: industry names, a gazetteer and cue words, kept as data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


def _load(name: str) -> dict[str, Any]:
    return json.loads((LEXICON_DIR / f"{name}.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Lexicon:
    """Lookups derived from the JSON files; every name maps to its canonical label."""

    companies: dict[str, str]  # surface name -> company label
    brands: dict[str, str]  # surface name -> brand label
    brand_owner: dict[str, str]  # brand label -> company label
    company_parent: dict[str, str]  # company label -> the label of the group it belongs to
    families: dict[str, str]  # model family -> brand label
    platforms: tuple[str, ...]  # short names of vehicle platforms ('MEB', 'GA-B'), found wherever a text uses them
    suffixes: dict[str, str | None]  # model-name suffix -> brand hint
    suffix_powertrain: dict[str, str | None]
    keep_brand_before: frozenset[str]
    not_model_words: frozenset[str]
    cities: dict[str, str]  # city -> country label
    subdivisions: dict[str, str]  # state or province -> country label
    subdivision_abbreviations: dict[str, str]  # 'Ky.' (of a dateline 'BOWLING GREEN, Ky.') -> 'Kentucky'
    countries: dict[str, str]  # country name or alias -> label (adjectives excluded)
    country_adjectives: dict[str, str]
    regions: dict[str, str]  # region name -> label
    region_adjectives: dict[str, str]
    alliance_heads: tuple[str, ...]
    board_heads: tuple[str, ...]
    executive_words: tuple[str, ...]
    cues: dict[str, Any]
    quantities: dict[str, Any]

    def cue(self, name: str) -> list[str]:
        """A list of cue phrases from cues.json."""
        return self.cues[name]

    def powertrain(self, word: str) -> str:
        """The powertrain a cue word names, in whatever case it is written ('EV', 'Electric', 'Plug-In Hybrid'): the
        cues are matched case-insensitively (words_re)."""
        return self._powertrains[word.lower()]

    @cached_property
    def _powertrains(self) -> dict[str, str]:
        return {word.lower(): powertrain for word, powertrain in self.cues["powertrains"].items()}

    @cached_property
    def powertrain_suffixes(self) -> list[tuple[str, str | None]]:
        """Model-name suffixes lower-cased with the powertrain each names, the longest first ('plug-in hybrid' before
        'hybrid')."""
        return sorted(((suffix.lower(), powertrain) for suffix, powertrain in self.suffix_powertrain.items()),
                      key=lambda pair: len(pair[0]), reverse=True)

    def body_type_words(self) -> dict[str, str]:
        """Body-type words and their plurals ('sedans') -> the body type each names."""
        body_types = self.cues["body_types"]
        return {**{f"{word}s": kind for word, kind in body_types.items() if not word.endswith("s")}, **body_types}

    def vehicle_nouns(self) -> list[str]:
        """Plural nouns that stand for models named before: 'models', 'cars', 'SUVs', 'crossovers'."""
        return ["models", "cars", "vehicles", "EVs", *(f"{b}s" for b in self.cues["body_types"] if not b.endswith("s"))]


def _names_and_adjectives(table: dict[str, dict[str, list[str]]]) -> tuple[dict[str, str], dict[str, str]]:
    """Split a place table into name -> label and adjective -> label ("French" -> France)."""
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for label, info in table.items():
        names[label] = label
        names.update({alias: label for alias in info["aliases"]})
        adjectives.update({adjective: label for adjective in info["adjectives"]})
    return names, adjectives


@cache
def lexicon() -> Lexicon:
    """The lexicon, read from disk on first use."""
    orgs, models, places = _load("organizations"), _load("models"), _load("places")
    companies: dict[str, str] = {}
    brand_owner: dict[str, str] = {}
    company_parent: dict[str, str] = {}
    for label, info in orgs["companies"].items():
        companies[label] = label
        companies.update({alias: label for alias in info["aliases"]})
        brand_owner.update({brand: label for brand in info["brands"]})
        if "parent" in info:
            company_parent[label] = info["parent"]
    brands: dict[str, str] = {}
    for label, aliases in orgs["brands"].items():
        brands[label] = label
        brands.update({alias: label for alias in aliases})
    countries, country_adjectives = _names_and_adjectives(places["countries"])
    regions, region_adjectives = _names_and_adjectives(places["regions"])
    return Lexicon(
        companies=companies,
        brands=brands,
        brand_owner=brand_owner,
        company_parent=company_parent,
        families=models["families"],
        platforms=tuple(models["platforms"]),
        suffixes=models["suffixes"],
        suffix_powertrain=models["suffix_powertrain"],
        keep_brand_before=frozenset(models["keep_brand_before"]),
        not_model_words=frozenset(models["not_model_words"]),
        cities=places["cities"],
        subdivisions=places["subdivisions"],
        subdivision_abbreviations=places["subdivision_abbreviations"],
        countries=countries,
        country_adjectives=country_adjectives,
        regions=regions,
        region_adjectives=region_adjectives,
        alliance_heads=tuple(orgs["alliance_heads"]),
        board_heads=tuple(orgs["board_heads"]),
        executive_words=tuple(orgs["executive_words"]),
        cues=_load("cues"),
        quantities=_load("quantities"),
    )


@cache
def alternation(names: tuple[str, ...]) -> str:
    """A regex alternation of names as written, longest first (so 'South Carolina' before 'South'); made once per list:
    escaping hundreds of names on every call cost more than the match."""
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def words_re(phrases: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive whole-word alternation of cue phrases."""
    return _words_re(tuple(phrases))


@cache
def _words_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """words_re, built once per set of phrases: building the alternation cost more than matching it."""
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])", re.IGNORECASE)
