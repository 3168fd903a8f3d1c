"""The mentions the name finder builds, and the lookups on tokens and lexicon that all its parts share.

A leaf of the name finder: graph.names and the plant, model and platform finders it holds all import it,
and it imports none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Token

from evkg.graph.lexicon import Lexicon, lexicon
from evkg.graph.text import Parsed

MODEL_CODE = re.compile(r"[a-zë]{1,2}[A-Z][A-Za-z\d]*|[eië]-\d+")  # 'iX', 'eSprinter', 'eC3', 'e-3008' (one token)
E_PREFIXES = ("e", "i", "ë")  # 'e-Niro', 'i-Pace', 'ë-C3': a model's name with a hyphenated electric prefix
LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?")  # between the names of one list: 'X, Y and the Z'


@dataclass
class Found:
    """A mention being built: token span in its sentence, char span in the text, the entity it denotes.

    The fields after `anaphor` are what the finder read about the name; each kind of mention uses only some.
    """

    sentence: int
    first: int  # token index in the sentence, inclusive
    last: int  # exclusive
    start: int
    end: int
    kind: str
    key: str = ""
    anaphor: bool = False
    label: str = ""  # the entity's label: lexicon names, boards, alliances, platforms, cities
    prefix: str = ""  # a board's name before its head word: 'Alliance Operating' of 'Alliance Operating Board'
    members: list[str] = field(default_factory=list)  # the companies of an alliance named by them
    proper: bool = True  # an alliance named with its head word, resolved before the others
    phrase: str = ""  # a facility's words: 'battery assembly workshop'
    plant: str = ""  # the key of a facility's plant, once resolved
    core: str | None = None  # what names a plant: 'Ampere Douai' of 'Ampere Douai Plant'; None for an anaphor
    surface: str = ""  # a plant's name as written, its label when it is the best one
    proper_head: bool = False  # a plant named with a head word at its end ('... Plant')
    prefix_head: bool = False  # a plant named with a head word at its start ('Giga Berlin')
    former: bool = False  # 'the former Fiesta factory': named by what the plant once made
    operator: Found | None = None  # the company or brand a plant's name gives ('Kia's Zilina plant')
    town: str | None = None  # 'its plant in Georgetown': the town a plant anaphor names
    refers: Found | None = None  # the plant an anaphor, apposition or alias is known to denote
    alias: bool = False  # a plant's other name ('ElectriCity'): one of its names wherever it appears
    country: str | None = None  # the country of a town the gazetteer lacks
    brand: str | None = None  # a model's brand
    suffix: str | None = None  # a model's suffix ('E-Tech')
    base: str = ""  # a model's name without its brand and suffix
    aliases: list[str] = field(default_factory=list)  # the shorter names later mentions of a model may use
    past: bool = False  # 'the first Renault 5': a past generation of a model
    described_as: str | None = None  # 'The compact SUV': the body type a model anaphor names it by
    of_model: Found | None = None  # the model whose name a brand's mention is part of


def name_like(tok: Token) -> bool:
    """A token that may be part of a name: capitalised, or opening with a capital the lexicon's names use."""
    return tok.text[:1].isupper() or tok.text[:1] in "ÉÖÜ"


class Mentions:
    """The mentions found so far in one text, and the lookups every finder makes on its tokens and the lexicon."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.lex: Lexicon = lexicon()
        self.toks = [parsed.tokens(s) for s in parsed.sentences]
        self.found: list[Found] = []
        self.unresolved: list[tuple[int, int, str]] = []  # (start, end, reason) of names tied to no entity

    def span_text(self, s: int, first: int, last: int) -> str:
        """The text of tokens `first` to `last` (exclusive) of sentence `s`, as written."""
        toks = self.toks[s]
        return self.parsed.text[toks[first].idx:toks[last - 1].idx + len(toks[last - 1].text)]

    def add(self, s: int, first: int, last: int, kind: str, anaphor: bool = False, **read: Any) -> Found:
        """A new mention of tokens `first` to `last` of sentence `s`, with what was read about it (Found's fields)."""
        toks = self.toks[s]
        end = toks[last - 1].idx + len(toks[last - 1].text)
        found = Found(s, first, last, toks[first].idx, end, kind, anaphor=anaphor, **read)
        self.found.append(found)
        return found

    def lower_words(self, s: int, first: int, count: int) -> str:
        """`count` tokens of sentence `s` from `first` on, lower-cased and joined by spaces."""
        return " ".join(t.lower_ for t in self.toks[s][first:first + count])

    def phrase_at(self, s: int, at: int, phrases: Iterable[str]) -> int:
        """Token length of the longest cue phrase starting at token `at`, 0 if none."""
        for count, same_length in _by_length(tuple(phrases)):
            if self.lower_words(s, at, count) in same_length:
                return count
        return 0

    def lexicon_name(self, text: str) -> tuple[str, str] | None:
        """The (kind, label) a whole name has in the lexicon."""
        lex = self.lex
        for kind, table in (("company", lex.companies), ("brand", lex.brands), ("city", lex.cities),
                            ("country", lex.countries), ("region", lex.regions),
                            ("region", lex.region_adjectives), ("country", lex.country_adjectives)):
            if text in table:
                return kind, (text if kind == "city" else table[text])
        return None

    def lexicon_mention(self, s: int, i: int, j: int, kind: str, label: str) -> Found:
        """A mention of a lexicon name; a name that is a company's and a brand's is the one its context says."""
        if kind in ("company", "brand") and label in self.lex.brands.values() and label in self.lex.companies.values():
            kind = "brand" if self.brand_context(s, i) else "company"
        if kind == "company" and label not in self.lex.companies.values():
            label = self.lex.companies[label]
        return self.add(s, i, j, kind, label=label)

    def brand_context(self, s: int, i: int) -> bool:
        """'the four brands — Renault, Nissan...' and 'the Polestar and Zeekr brands' name brands; anything else
        names the company."""
        heads = ("brand", "brands", "marque", "marques")
        before = [t.lower_ for t in self.toks[s][max(0, i - 10):i]]
        after = [t.text for t in self.toks[s][i:i + 12]]
        head = next((k for k, w in enumerate(after) if w.lower() in heads), None)  # 'the Polestar and Zeekr brands'
        listed = head is not None and all(name_like(self.toks[s][i + k]) or w in (",", "and", "&")
                                          for k, w in enumerate(after[:head]))
        return listed or any(w in heads for w in before) and "of" not in before[-2:]

    def overlapping(self, s: int, first: int, last: int) -> list[Found]:
        """The mentions found so far that share a token with tokens `first` to `last` (exclusive) of sentence `s`."""
        return [f for f in self.found if f.sentence == s and f.first < last and first < f.last]

    def covered(self, s: int, k: int, kinds: tuple[str, ...] = ("plant",)) -> bool:
        """Whether token `k` of sentence `s` is inside a mention of one of the kinds already."""
        return any(f.sentence == s and f.first <= k < f.last and f.kind in kinds for f in self.found)

    def found_end(self, s: int, last: int) -> int:
        """The character offset where a mention ending before token `last` of sentence `s` ends."""
        tok = self.toks[s][last - 1]
        return tok.idx + len(tok.text)

    def token_range(self, s: int, start: int, end: int) -> tuple[int, int]:
        """The tokens (first, last exclusive) of sentence `s` that a character span covers."""
        toks = self.toks[s]
        first = next(k for k, t in enumerate(toks) if t.idx + len(t.text) > start)
        last = next((k for k, t in enumerate(toks) if t.idx >= end), len(toks))
        return first, last


@cache
def _by_length(phrases: tuple[str, ...]) -> list[tuple[int, frozenset[str]]]:
    """Cue phrases lower-cased and grouped by their number of words, longest first (for Mentions.phrase_at)."""
    groups: dict[int, set[str]] = {}
    for phrase in phrases:
        words = phrase.lower().split()
        groups.setdefault(len(words), set()).add(" ".join(words))
    return [(count, frozenset(groups[count])) for count in sorted(groups, reverse=True)]
