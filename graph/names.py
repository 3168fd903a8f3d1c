"""Finds the names in a text (lexicon names, plants, platforms, models, boards, alliances, facilities) and resolves them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from graph.lexicon import Lexicon, lexicon
from graph.models import ModelNames
from graph.plants import PlantNames
from graph.platforms import PlatformNames
from graph.resolve import Registry
from graph.text import Parsed

PUNCT_JOIN = {"-", "."}


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
    """Maximal stretches of capitalised tokens (joined by '-', '.', '&', digits and '(X)'), leading stop words trimmed."""
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
            elif tok.text == "&" and j + 1 < len(toks) and _name_like(toks[j + 1]):  # 'Lynk & Co'
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


class NameFinder(PlantNames, ModelNames, PlatformNames):
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
            self.dotted_platforms(s)
            self.unnamed_plants(s, name_runs)
            self.facilities(s)
            self.joint_ventures(s)
        self.merge_models()
        self.aliases()
        self.model_anaphora()
        self.plant_anaphora()
        self.plant_pronouns()
        self.plant_aliases()
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
        elif self.platform_name(s, i, j):
            return
        elif self.town(s, i, j):
            return
        elif (named := self.lexicon_name(text)) is not None:
            self.lexicon_mention(s, i, j, *named)
        elif self.company_name(s, i, j):
            return
        elif not self.model(s, i, self.with_suffix(s, j)):
            self.inner_names(s, i, j)

    def company_name(self, s: int, i: int, j: int) -> bool:
        """'Kia Slovakia', 'Toyota Motor North America', 'Tata Passenger Electric Mobility (TPEM)': a known
        company or brand, then a company word or a place, names a company of that group; with a manufacturing
        word and a place ('Toyota Motor Manufacturing Kentucky', 'Toyota Battery North Carolina') it names a plant."""
        toks, lex = self.toks[s], self.lex
        paren = next((k for k in range(i, j) if toks[k].text == "("), j)
        prefix = next((k for k in range(paren - 1, i, -1) if self.span_text(s, i, k) in lex.companies
                       or self.span_text(s, i, k) in lex.brands), None)
        if prefix is None:
            return False
        rest = [t.text for t in toks[prefix:paren]]
        place = any((named := self.lexicon_name(x)) and named[0] in ("country", "region") or x in lex.subdivisions
                    for x in (" ".join(rest[-2:]), rest[-1]))
        if rest[-1] not in lex.cue("company_heads") and not place:
            return False
        label = self.span_text(s, i, paren)
        label = lex.companies.get(label, label)  # 'Mitsubishi Motors Corporation (MMC)' is the lexicon's company
        if paren == j and j + 1 < len(toks) and toks[j].text == "of" and rest[-1] in lex.cue("company_heads") and (
                (named := self.lexicon_name(toks[j + 1].text)) and named[0] in ("country", "region")
                or toks[j + 1].text in ("America", "Europe", "Canada")):  # 'Volkswagen Group of America'
            paren = j + 2
            label = self.span_text(s, i, paren)
        if place and any(w in lex.cue("plant_name_words") for w in rest):  # 'Toyota Motor Manufacturing Kentucky'
            self.add(s, i, paren, "plant", core=label, surface=label, proper_head=True, prefix_head=False)
            return True
        self.add(s, i, paren, "company", label=label)
        if paren + 2 < j and toks[paren + 2].text == ")":
            self.add(s, paren + 1, paren + 2, "company", label=label)
        return True

    def lexicon_mention(self, s: int, i: int, j: int, kind: str, label: str) -> Found:
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
        listed = head is not None and all(_name_like(self.toks[s][i + k]) or w in (",", "and", "&")
                                          for k, w in enumerate(after[:head]))
        return listed or any(w in heads for w in before) and "of" not in before[-2:]

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

    def joint_ventures(self, s: int) -> None:
        """'Rivian and VW Group Technology, a joint venture with Volkswagen Group': the name before the comma is an
        alliance whose members are the known organisations in its name and the one it is formed with."""
        text, base = self.parsed.sentences[s].text, self.parsed.sentences[s].start
        heads = "|".join(re.escape(h) for h in self.lex.alliance_heads if h.islower())
        for m in re.finditer(rf"((?:[A-Z][\w&.-]*\s+(?:and\s+|&\s+)?)*[A-Z][\w.-]*),\s+(?:a|an|the|its)\s+(?:[a-z-]+\s+)?"
                             rf"(?:{heads})\s+(?:with|between|of)\s+", text):
            first, last = self.token_range(s, base + m.start(1), base + m.end(1))
            partner = next((f for f in self.found if f.sentence == s and f.start == base + m.end()
                            and f.kind in ("company", "brand")), None)
            inside = [f for f in self.found if f.sentence == s and first <= f.first < last]
            members = [self.lex.companies.get(f.info["label"]) or self.lex.brand_owner.get(f.info["label"], f.info["label"])
                       for f in inside + [partner] if f and f.kind in ("company", "brand")
                       and self.lexicon_name(self.parsed.text[f.start:f.end])]
            if partner is None or len(set(members)) < 2:
                continue
            self.found = [f for f in self.found if f not in inside]
            self.add(s, first, last, "alliance", label=self.span_text(s, first, last), members=list(dict.fromkeys(members)),
                     proper=True)

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
            first = next((k for k in range(i, j) if toks[k].idx == at), None)  # ' The Renault' starts at no token
            named = self.lexicon_name(part)
            if named and first is not None:
                self.add(s, first, first + 1, "company", label=self.lex.companies.get(named[1]) or named[1],
                         part_of=found)

    def covered(self, s: int, k: int, kinds: tuple[str, ...] = ("plant",)) -> bool:
        return any(f.sentence == s and f.first <= k < f.last and f.kind in kinds for f in self.found)

    def facilities(self, s: int) -> None:
        """'a battery assembly workshop': a facility of a plant, named by its lower-case modifiers."""
        toks, cues = self.toks[s], self.lex.cues
        for k, tok in enumerate(toks):
            if tok.lower_ not in cues["facility_heads"] or (k + 1 < len(toks) and toks[k + 1].text == "-"):
                continue
            first = k
            while first > 0 and k - first < 3 and toks[first - 1].text.islower() and toks[first - 1].is_alpha \
                    and toks[first - 1].lower_ not in cues["facility_skip"] and not toks[first - 1].is_stop \
                    and not (first > 1 and toks[first - 2].text == "-" and not toks[first - 2].whitespace_):  # 'on-site'
                first -= 1
            modifiers = [t.lower_ for t in toks[first:k]]
            if any(m in cues["facility_modifiers_required"] for m in modifiers):
                self.add(s, first, k + 1, "facility", phrase=self.span_text(s, first, k + 1))

    # -- pass two --------------------------------------------------------------------------------
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
                self.registry.add("facility", f"{core} {phrase}", name=f"{self.registry.label(plant.key)} {phrase}")
                f.info["plant"] = plant.key
