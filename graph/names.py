"""Finds the names in a text (lexicon names, plants, platforms, models, boards, alliances, facilities) and resolves them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from graph.lexicon import Lexicon, lexicon
from graph.plants import PlantNames
from graph.resolve import Registry
from graph.text import Parsed

PUNCT_JOIN = {"-", "."}
DASHES = {"—", "–", "-", ":", "(", ","}
LIST_GLUE = {",", "and", "or", "the", "as", "such", "including", "namely", "called", "dubbed", "—", "–", ":", "("}


@dataclass
class Found:
    """A mention being built: token span in its sentence, char span in the text, the entity it denotes."""

    sentence: int
    first: int  # token index in the sentence, inclusive
    last: int  # exclusive
    start: int
    end: int
    kind: str
    key: str = ""
    anaphor: bool = False
    info: dict = field(default_factory=dict)


def _name_like(tok: Token) -> bool:
    return tok.text[:1].isupper() or tok.text[:1] in "ÉÖÜ"


def runs(toks: list[Token], stopwords: set[str]) -> list[tuple[int, int]]:
    """Maximal stretches of capitalised tokens (joined by '-', '.', digits and '(X)'), leading stop words trimmed."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not _name_like(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            tok, prev = toks[j], toks[j - 1]
            if prev.text.endswith(".") and tok.text in stopwords:  # 'the Model Y. The plant': a missed sentence end
                break
            if _name_like(tok):
                j += 1
            elif tok.text in PUNCT_JOIN and not prev.whitespace_ and not tok.whitespace_ and j + 1 < len(toks) \
                    and (_name_like(toks[j + 1]) or toks[j + 1].text[:1].isdigit()):
                j += 1
            elif re.fullmatch(r"[A-Za-z]*\d+(?:\.\d+)?[A-Za-z]*", tok.text) and not re.fullmatch(r"(19|20)\d\d|\d+(st|nd|rd|th)", tok.text):
                j += 1
            elif tok.text == "(" and j + 2 < len(toks) and toks[j + 2].text == ")" and _name_like(toks[j + 1]):
                j += 3
            else:
                break
        while i < j and toks[i].text in stopwords:
            i += 1
        if i < j:
            found.append((i, j))
        i = max(j, i + 1)
    return found


class NameFinder(PlantNames):
    """Pass one finds names by lexicon and pattern; pass two finds later short names and anaphora of those."""

    def __init__(self, parsed: Parsed, registry: Registry) -> None:
        self.parsed = parsed
        self.registry = registry
        self.lex: Lexicon = lexicon()
        self.found: list[Found] = []
        self.unresolved: list[tuple[int, int, str]] = []
        self.toks = [parsed.tokens(s) for s in parsed.sentences]

    # -- helpers -------------------------------------------------------------------------------
    def span_text(self, s: int, first: int, last: int) -> str:
        toks = self.toks[s]
        return self.parsed.text[toks[first].idx:toks[last - 1].idx + len(toks[last - 1].text)]

    def add(self, s: int, first: int, last: int, kind: str, anaphor: bool = False, **info) -> Found:
        toks = self.toks[s]
        end = toks[last - 1].idx + len(toks[last - 1].text)
        found = Found(s, first, last, toks[first].idx, end, kind, anaphor=anaphor, info=info)
        self.found.append(found)
        return found

    def lower_words(self, s: int, first: int, count: int) -> str:
        return " ".join(t.lower_ for t in self.toks[s][first:first + count])

    def phrase_at(self, s: int, at: int, phrases: list[str]) -> int:
        """Token length of the longest cue phrase starting at token `at`, 0 if none."""
        best = 0
        for phrase in phrases:
            words = phrase.lower().split()
            if self.lower_words(s, at, len(words)) == " ".join(words):
                best = max(best, len(words))
        return best

    def lexicon_name(self, text: str) -> tuple[str, str] | None:
        """The (kind, label) a whole name has in the lexicon."""
        lex = self.lex
        for kind, table in (("company", lex.companies), ("brand", lex.brands), ("city", lex.cities),
                            ("country", lex.countries), ("region", lex.regions),
                            ("region", lex.region_adjectives), ("country", lex.country_adjectives)):
            if text in table:
                return kind, (text if kind == "city" else table[text])
        return None

    # -- pass one --------------------------------------------------------------------------------
    def find(self) -> list[Found]:
        """Every mention of the text with its entity key; unresolved names collected on the side."""
        stop = set(self.lex.cue("name_stopwords"))
        for s, toks in enumerate(self.toks):
            name_runs = runs(toks, stop)
            for i, j in name_runs:
                self.classify(s, i, j)
            self.platform_lists(s, name_runs)
            self.unnamed_plants(s)
            self.facilities(s)
        self.merge_models()
        self.aliases()
        self.plant_anaphora()
        self.resolve_plants()
        self.resolve_dependents()
        self.found.sort(key=lambda f: (f.start, -f.end))
        return [f for f in self.found if f.key]

    def classify(self, s: int, i: int, j: int) -> None:
        toks, lex, cues = self.toks[s], self.lex, self.lex.cues
        text = self.span_text(s, i, j)
        words = [t.text for t in toks[i:j]]
        nxt = " ".join(t.lower_ for t in toks[j:j + self.phrase_at(s, j, list(lex.alliance_heads))])
        if len(words) > 1 and words[-1] in lex.board_heads:
            self.add(s, i, j, "board", label=text, prefix=self.span_text(s, i, j - 1))
        elif words[-1] in lex.alliance_heads or (nxt in lex.alliance_heads and "-" in words):
            self.alliance(s, i, j, nxt)
        elif self.plant_name(s, i, j):
            return
        elif j < len(toks) and toks[j].lower_ in cues["platform_heads"]:
            self.add(s, i, j, "platform", label=text)
        elif self.town(s, i, j):
            return
        elif (named := self.lexicon_name(text)) is not None:
            self.lexicon_mention(s, i, j, *named)
        elif not self.model(s, i, self.with_suffix(s, j)):
            self.inner_names(s, i, j)

    def with_suffix(self, s: int, j: int) -> int:
        """The end of a run extended over a lower-case model suffix ('Audi Q4' + ' e-tron')."""
        tail = self.parsed.text[self.found_end(s, j):self.parsed.sentences[s].end]
        for suffix in self.lex.suffixes:
            if suffix[0].islower() and (m := re.match(rf" {re.escape(suffix)}(?![\w-])", tail)):
                return self.token_range(s, self.found_end(s, j) + 1, self.found_end(s, j) + m.end())[1]
        return j

    def lexicon_mention(self, s: int, i: int, j: int, kind: str, label: str) -> Found:
        if kind in ("company", "brand") and label in self.lex.brands.values() and label in self.lex.companies.values():
            kind = "brand" if self.brand_context(s, i) else "company"
        if kind == "company" and label not in self.lex.companies.values():
            label = self.lex.companies[label]
        return self.add(s, i, j, kind, label=label)

    def brand_context(self, s: int, i: int) -> bool:
        """'the four brands — Renault, Nissan...' names brands; anything else names the company."""
        before = [t.lower_ for t in self.toks[s][max(0, i - 10):i]]
        return any(w in ("brand", "brands", "marque", "marques") for w in before) and "of" not in before[-2:]

    def inner_names(self, s: int, i: int, j: int) -> None:
        """Lexicon names inside an unrecognised run ('European EV' -> European); the rest is reported."""
        k, leftover = i, []
        while k < j:
            for end in range(j, k, -1):
                named = self.lexicon_name(self.span_text(s, k, end))
                if named:
                    self.lexicon_mention(s, k, end, *named)
                    k = end
                    break
            else:
                leftover.append(k)
                k += 1
        if len(leftover) > 1 and leftover[-1] - leftover[0] == len(leftover) - 1:
            first, last = leftover[0], leftover[-1] + 1
            self.unresolved.append((self.toks[s][first].idx, self.found_end(s, last), "unknown name"))

    def found_end(self, s: int, last: int) -> int:
        tok = self.toks[s][last - 1]
        return tok.idx + len(tok.text)

    def alliance(self, s: int, i: int, j: int, nxt: str) -> None:
        toks = self.toks[s]
        words = [t.text for t in toks[i:j]]
        if len(words) == 1:
            self.add(s, i, j, "alliance", anaphor=True)
            return
        head_in_run = words[-1] in self.lex.alliance_heads
        parts = self.span_text(s, i, j - 1 if head_in_run else j).split("-")
        members = []
        for part in parts:
            named = self.lexicon_name(part.strip())
            if named and named[0] in ("company", "brand"):
                members.append(self.lex.companies.get(named[1]) or self.lex.brand_owner.get(named[1], named[1]))
        last = j if head_in_run else j + len(nxt.split())
        if len(members) < 2:
            self.inner_names(s, i, j)
            return
        found = self.add(s, i, last, "alliance", label=self.span_text(s, i, last), members=members,
                         proper=head_in_run)
        offset = toks[i].idx
        for part in parts:
            at = self.parsed.text.index(part, offset)
            offset = at + len(part)
            first = next(k for k in range(i, j) if toks[k].idx == at)
            named = self.lexicon_name(part)
            if named:
                self.add(s, first, first + 1, "company", label=self.lex.companies.get(named[1]) or named[1],
                         part_of=found)

    def covered(self, s: int, k: int, kinds: tuple[str, ...] = ("plant",)) -> bool:
        return any(f.sentence == s and f.first <= k < f.last and f.kind in kinds for f in self.found)

    def platform_lists(self, s: int, name_runs: list[tuple[int, int]]) -> None:
        """'flexible modular platforms — AmpR Small and AmpR Medium': the names listed after the head word."""
        toks = self.toks[s]
        for k, tok in enumerate(toks):
            if tok.lower_ not in self.lex.cue("platform_heads") or k + 1 >= len(toks) or toks[k + 1].text not in DASHES:
                continue
            at = k + 1
            for i, j in name_runs:
                if i < at:
                    continue
                if any(t.lower_ not in LIST_GLUE for t in toks[at:i]) or self.covered(s, i, ("platform",)):
                    break
                self.found = [f for f in self.found if not (f.sentence == s and i <= f.first < j)]
                self.unresolved = [u for u in self.unresolved if not toks[i].idx <= u[0] < self.found_end(s, j)]
                self.add(s, i, j, "platform", label=self.span_text(s, i, j))
                at = j

    def facilities(self, s: int) -> None:
        """'a battery assembly workshop': a facility of a plant, named by its lower-case modifiers."""
        toks, cues = self.toks[s], self.lex.cues
        for k, tok in enumerate(toks):
            if tok.lower_ not in cues["facility_heads"] or (k + 1 < len(toks) and toks[k + 1].text == "-"):
                continue
            first = k
            while first > 0 and k - first < 3 and toks[first - 1].text.islower() and toks[first - 1].is_alpha \
                    and toks[first - 1].lower_ not in cues["facility_skip"] and not toks[first - 1].is_stop:
                first -= 1
            modifiers = [t.lower_ for t in toks[first:k]]
            if any(m in cues["facility_modifiers_required"] for m in modifiers):
                self.add(s, first, k + 1, "facility", phrase=self.span_text(s, first, k + 1))

    def model(self, s: int, i: int, j: int) -> bool:
        """'Renault 5 (R5) E-Tech', 'Alpine A290', 'Scenic E-Tech': brand + name, a known family, or a suffix."""
        toks, lex = self.toks[s], self.lex
        brand_end = next((k for k in range(j - 1, i, -1) if self.span_text(s, i, k) in lex.brands), i)
        brand = lex.brands[self.span_text(s, i, brand_end)] if brand_end > i else None
        rest = [t for t in toks[brand_end:j]]
        if not rest or rest[0].text in lex.not_model_words or self.lexicon_name(rest[0].text):
            return False
        paren = next((k for k, t in enumerate(rest) if t.text == "("), None)
        alias = rest[paren + 1].text if paren is not None else None
        core_toks = rest[:paren] + rest[paren + 3:] if paren is not None else rest
        core = "".join(t.text + t.whitespace_ for t in core_toks).strip().rstrip(".")  # 'Model Y.' ends a sentence
        if any(core.endswith(f" {x}s") for x in lex.suffixes if x[-1].isalpha()):  # '40,000 Explorer EVs'
            core = core[:-1]
        suffix = next((x for x in sorted(lex.suffixes, key=len, reverse=True)
                       if core.endswith(" " + x) or core.endswith("-" + x)), None)
        family = next((f for f in sorted(lex.families, key=len, reverse=True)
                       if core == f or core.startswith(f + " ")), None)
        has_code = any(c.isdigit() for c in core)
        if brand is None:
            sentence_initial_word = i == 0 and j - i == 1
            if family and not sentence_initial_word:
                brand = lex.families[family]
            elif suffix and core != suffix:
                brand = lex.suffixes[suffix]
            else:
                return False
        elif not (family or has_code or suffix or rest[0].text in lex.keep_brand_before):
            return False
        keep_brand = core[0].isdigit() or rest[0].text in lex.keep_brand_before or \
            (has_code and not core.split()[0].isalpha())
        label = f"{brand} {core}" if keep_brand and brand else core
        names = {self.span_text(s, i, j).rstrip("."), label}
        if brand_end > i:
            names.add(f"{self.span_text(s, i, brand_end)} {core}")
        if alias:
            names |= {alias, f"{alias} {suffix}" if suffix else alias}
        # The brand is part of the identity: "Kia Comet EV" and "Renault Comet EV" are two models.
        slug_name = label if not brand or label.startswith(brand) else f"{brand} {label}"
        key = self.registry.add("model", label, slug_name=slug_name, cls="VehicleModel")
        for name in sorted(names):
            self.registry.add("model", label, name=name, slug_name=slug_name)
        match_names = set(names)
        if brand and suffix and brand_end > i:
            match_names.add(self.span_text(s, i, brand_end) + " " + core[: -len(suffix)].strip(" -"))
        base = core[: -len(suffix)].strip(" -") if suffix else core
        found = self.add(s, i, j, "model", brand=brand, suffix=suffix, base=base, aliases=sorted(match_names))
        found.key = key
        if brand_end > i:
            self.add(s, i, brand_end, "brand", label=brand, of_model=found)
        return True

    def merge_models(self) -> None:
        """'Leaf' and 'Leaf EV' of one brand are one model, named by its fuller name."""
        models = [f for f in self.found if f.kind == "model"]
        for f in models:
            same = [g for g in models if g.info["brand"] == f.info["brand"] and g.info["base"] == f.info["base"]]
            best = max(same, key=lambda g: (len(self.registry.label(g.key)), g.key)).key
            if f.key != best:
                if f.key in self.registry.entities:
                    self.registry.merge(f.key, best)
                f.key = best
                best_aliases = next(g for g in same if g.key == best).info["aliases"]
                best_aliases += [a for a in f.info["aliases"] if a not in best_aliases]

    # -- pass two --------------------------------------------------------------------------------
    def aliases(self) -> None:
        """Later mentions of a model by a shorter name ('Micra EV', 'R5') denote the model found first."""
        table = {name: f.key for f in self.found if f.kind == "model" for name in f.info["aliases"]}
        for s, sentence in enumerate(self.parsed.sentences):
            for name in sorted(table, key=len, reverse=True):
                for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence.text):
                    start, end = sentence.start + m.start(), sentence.start + m.end()
                    if any(f.sentence == s and f.start < end and start < f.end and f.kind in ("model", "brand", "plant")
                           for f in self.found):
                        continue
                    first, last = self.token_range(s, start, end)
                    found = self.add(s, first, last, "model", aliases=[])
                    found.key = table[name]

    def token_range(self, s: int, start: int, end: int) -> tuple[int, int]:
        toks = self.toks[s]
        first = next(k for k, t in enumerate(toks) if t.idx + len(t.text) > start)
        last = next((k for k, t in enumerate(toks) if t.idx >= end), len(toks))
        return first, last

    def resolve_dependents(self) -> None:
        """Keys for the lexicon names, alliances, boards, platforms and facilities."""
        text = self.parsed.text
        for f in sorted(self.found, key=lambda f: (not f.info.get("proper", True), f.start)):
            if f.key or f.kind == "plant":
                continue
            surface = text[f.start:f.end]
            if f.kind == "alliance" and not f.anaphor:
                same = next((g for g in self.found if g.kind == "alliance" and g.key
                             and set(g.info.get("members", [])) == set(f.info["members"])), None)
                f.key = self.registry.add("alliance", self.registry.label(same.key) if same else f.info["label"],
                                          name=surface)
            elif f.kind in ("company", "brand", "city", "country", "region", "board", "platform"):
                f.key = self.registry.add(f.kind, f.info["label"], name=surface)
        alliances = self.registry.of_kind("alliance")
        for f in self.found:
            if f.kind == "alliance" and f.anaphor:
                f.key = alliances[0].key if alliances else ""
                if not alliances:
                    self.unresolved.append((f.start, f.end, "no alliance to refer to"))
            elif f.kind == "facility":
                plants = [g for g in self.found if g.kind == "plant" and g.key and g.start < f.start]
                same = [g for g in plants if g.sentence == f.sentence]
                plant = (same or plants or [g for g in self.found if g.kind == "plant" and g.key] or [None])[-1]
                if plant is None:
                    self.unresolved.append((f.start, f.end, "facility of no known plant"))
                    continue
                core = self.plant_core[plant.key]
                phrase = f.info["phrase"]
                f.key = self.registry.add("facility", f"{core} {phrase}", name=phrase)
                f.info["plant"] = plant.key
