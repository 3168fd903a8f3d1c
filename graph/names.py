"""Finds the names in a text (lexicon names, plants, platforms, models, boards, alliances, facilities) and resolves them."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from spacy.tokens import Token

from evkg.graph.lexicon import alternation, words_re
from evkg.graph.mentions import E_PREFIXES, MODEL_CODE, Found, Mentions, name_like
from evkg.graph.model_names import ModelNames
from evkg.graph.person_names import PersonNames
from evkg.graph.plant_names import PlantNames
from evkg.graph.platform_names import PlatformNames
from evkg.graph.resolve import Registry
from evkg.graph.text import Parsed, word_spans

HYPOTHETICAL = re.compile(r"\b(?:looking\s+at|considering|studying|exploring|weighing|might|could)\b")
CELL_WORDS = ("battery", "cell", "cells")  # a plant word after these alone names a cell plant, not a part of a site
# what makes 'Toyota Motor Manufacturing Kentucky' the company that runs a plant, not the plant: 'is operated by X',
# '- Operator: X', 'president and chief executive of X'
RUNNER_BEFORE = re.compile(r"(?:(?:operated|run|owned)\s+by|(?:Operator|Company|Operated by|Run by)\s*:|(?:executive|president|"
                           r"chief|head|director|CEO|chairman)\s+of)\s+(?:the\s+)?$")
LEGAL_PREFIXES = ("PT", "PJSC", "OOO", "OAO", "ZAO")  # Indonesian and Russian legal forms stand before the name
PUNCT_JOIN = {"-", ".", "°"}  # 'ID.3', 'N°8'
# what follows a place named as the subject of a sentence about its plant: 'Mizushima also built', 'Douai has made'
SUBJECT_VERB = re.compile(r"\s+(?:also\s+|still\s+|now\s+|then\s+)?(?:started|began|builds|built|makes|made|has|had|is|was|"
                          r"will|produces|produced|assembles|assembled|employs|employed|turned|turns)\b"
                          # or owns the subject: 'Crewe's current line assembles', 'Goodwood's workers'
                          r"|['’]s\s+(?:[a-z-]+\s+){0,2}(?:lines?|workforce|workers|employees|staff)\b")
# the small words inside Romance names of places and companies: 'Villa de Reyes', 'Ford do Brasil'
NAME_PARTICLES = {"de", "do", "dos", "da", "das", "del", "della", "di", "la", "los", "las"}
TOWN_PARTICLES = {"le", "la", "les", "lès", "sur", "sous", "en", "de", "du", "des", "aux", "upon", "on", "am", "an", "im"}
# the lower-case second half of a hyphenated given name ('Min-seok Kim', 'Myeong-geun Jeong'), not a compound's word
GIVEN_NAME_TAIL = re.compile(r"(?!(?:run|built|like|made|style|wide|only|free|type|era|size|born|new|old|plus|class|level|"
                             r"scale|range|spec|door|seater|tech|sized|wise)\b)[a-z]{2,5}(?<!ed)")
HOLDS = re.compile(r"\s(?:holds|houses|includes|comprises|contains)\s+")
HELD_ITEM = re.compile(r"(?:,\s+(?:and\s+)?|\s*and\s+)?(?:a|an)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+)(?=\s*(?:,|and\b|\.|$))")
NOT_IN = re.compile(r"\b(?:not|never|nor)\b[^,;.]*$")  # 'the factory does not stand in Žilina itself'
PLACE_KINDS = ("city", "country", "region")
NAME = r"(?:[A-Z][\w&.-]*\s+(?:and\s+|&\s+)?)*[A-Z][\w.-]*"  # 'Rivian and VW Group Technology'
FORMED = r"\s+(?:have\s+|has\s+|had\s+)?(?:already\s+)?(?:formed|set\s+up|created|established|launched)"
# what may stand before a partner's name: 'the shipping company X', 'carmaker X', 'the Korean battery maker X'
DESCRIBED = r"(?:the\s+|a\s+)?(?:(?!(?:which|that|who|and|with|by|to|for|in|on|at|also|its|their)\b)[A-Za-z][a-z-]*\s+){0,4}?"
LISTED_PARTNER = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+(?:\d+\s*(?:%|per\s+cent)\s+by\s+)?|\s*&\s*)(?:the\s+)?"
                            r"(?:[A-Z][\w-]*(?:\s[A-Z][\w-]*)*[’']s\s+)?" + DESCRIBED)  # '49% by Y', 'South Korea's Y'


def runs(toks: list[Token], stopwords: set[str], openers: Container[str] = ()) -> list[tuple[int, int]]:
    """Maximal stretches of capitalised tokens (joined by '-', '.', '&', digits and '(X)'), leading stop words trimmed;
    `openers` may open one though not capitalised ('eVito', a model family the lexicon knows)."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not name_like(toks[i]) and toks[i].text not in openers:
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            tok, prev = toks[j], toks[j - 1]
            if prev.text.endswith(".") and tok.text in stopwords:  # 'the Model Y. The plant': a missed sentence end
                break
            if name_like(tok) or tok.lower_ in ("door", "seater") and prev.text == "-" and j > 1 and toks[j - 2].text.isdigit() \
                    or MODEL_CODE.fullmatch(tok.text):  # 'BMW iX'
                j += 1
            elif tok.text == "&" and j + 1 < len(toks) and name_like(toks[j + 1]):  # 'Lynk & Co'
                j += 1
            elif tok.text in E_PREFIXES and not tok.whitespace_ and j + 2 < len(toks) and toks[j + 1].text == "-" \
                    and not toks[j + 1].whitespace_ and (name_like(toks[j + 2]) or toks[j + 2].text[:1].isdigit()):
                j += 1  # 'Kia e-Niro', 'Peugeot e-3008'
            elif tok.text in PUNCT_JOIN and not prev.whitespace_ and not tok.whitespace_ and j + 1 < len(toks) \
                    and (name_like(toks[j + 1]) or toks[j + 1].text[:1].isdigit()
                         or prev.text.isdigit() and tok.text == "-" and toks[j + 1].lower_ in ("door", "seater")):  # '3-door'
                j += 1
            elif re.fullmatch(r"[A-Za-z]*\d+(?:\.\d+)?[A-Za-z]*", tok.text) and not re.fullmatch(r"(19|20)\d\d|\d+(st|nd|rd|th)", tok.text) \
                    and not (j + 1 < len(toks) and toks[j + 1].text == "%"):  # not 'E-Tech 100% electric'
                j += 1
            elif tok.text == "(" and j + 2 < len(toks) and toks[j + 2].text == ")" and name_like(toks[j + 1]):
                j += 3
            elif tok.text in NAME_PARTICLES and name_like(prev) and j + 1 < len(toks) and (
                    name_like(toks[j + 1]) or toks[j + 1].text in NAME_PARTICLES and j + 2 < len(toks) and name_like(toks[j + 2])):
                j += 1  # 'Villa de Reyes', 'São José dos Pinhais', 'Santa Cruz de la Sierra'
            elif tok.text == "-" and not prev.whitespace_ and not tok.whitespace_ and j + 3 < len(toks) \
                    and toks[j + 1].lower_ in TOWN_PARTICLES and not toks[j + 1].whitespace_ and toks[j + 2].text == "-" \
                    and not toks[j + 2].whitespace_ and name_like(toks[j + 3]):
                j += 3  # 'Choisy-le-Roi', 'Aulnay-sous-Bois', 'Boulogne-sur-Mer'
            elif tok.text == "-" and not prev.whitespace_ and not tok.whitespace_ and j + 1 < len(toks) \
                    and re.fullmatch(r"[a-z]", toks[j + 1].text) and prev.text.isupper():
                j += 2  # 'BYD Song Plus DM-i', 'Seal U DM-i'
            elif tok.text == "e." and not tok.whitespace_ and j + 1 < len(toks) and name_like(toks[j + 1]):
                j += 1  # 'Proton e.MAS 7'
            elif tok.text == "e" and not tok.whitespace_ and j + 2 < len(toks) and toks[j + 1].text == ":" \
                    and not toks[j + 1].whitespace_ and name_like(toks[j + 2]):
                j += 2  # 'Honda e:N1'
            elif tok.text == "-" and not prev.whitespace_ and not tok.whitespace_ and j + 1 < len(toks) \
                    and toks[j + 1].text in ("e", "e."):
                j += 2  # 'Opel Combo-e', 'Vauxhall Corsa-e'
                if toks[j - 1].text == "e.":
                    break  # 'the Opel Combo-e. Counting ...': the sentence ends there
            elif tok.text == "-" and not prev.whitespace_ and not tok.whitespace_ and j + 2 < len(toks) \
                    and GIVEN_NAME_TAIL.fullmatch(toks[j + 1].text) and name_like(toks[j + 2]):
                j += 2  # 'Prime Minister Min-seok Kim'
            else:
                break
        while i < j and toks[i].text in stopwords:
            i += 1
        if i < j:
            found.append((i, j))
        i = max(j, i + 1)
    return found


class NameFinder:
    """Pass one finds names by lexicon and pattern; pass two finds later short names and anaphora of those.

    Plants, models and platforms each have a finder of their own; all of them add to one list of mentions.
    """

    def __init__(self, parsed: Parsed, registry: Registry) -> None:
        self.mentions = Mentions(parsed)
        self.parsed, self.lex, self.toks = parsed, self.mentions.lex, self.mentions.toks
        self.registry = registry
        self.plants = PlantNames(self.mentions, registry)
        self.models = ModelNames(self.mentions, registry)
        self.platforms = PlatformNames(self.mentions)
        self.people = PersonNames(self.mentions)

    # -- pass one --------------------------------------------------------------------------------
    def find(self) -> list[Found]:
        """Every mention of the text with its entity key; unresolved names collected on the side."""
        stop = set(self.lex.cue("name_stopwords"))
        for s, toks in enumerate(self.toks):
            name_runs = runs(toks, stop, self.lex.families)
            headed = self.plants.heading(s, name_runs)
            for i, j in name_runs:
                if (i, j) != headed:
                    self.classify(s, i, j)
            self.platforms.lists(s, name_runs)
            self.platforms.dotted(s)
            self.platforms.abbreviated(s)
            self.platforms.expanded(s, name_runs)
            self.plants.unnamed(s, name_runs)
            self.plants.listed(s)
            self.facilities(s)
            self.held_parts(s)
            self.joint_ventures(s)
        self.towns_in_plant_names()
        self.towns_again()
        self.plants_again()
        self.platforms.again()
        self.models.elided()
        self.models.coded()
        self.models.merge()
        self.models.aliases()
        self.models.body_variants()
        self.models.other_names()
        self.models.anaphora()
        self.plants.anaphora()
        self.plants.pronouns()
        self.plants.aliases()
        self.plants.resolve()
        self.resolve_dependents()
        self.mentions.found.sort(key=lambda f: (f.start, -f.end))
        return [f for f in self.mentions.found if f.key]

    def towns_in_plant_names(self) -> None:
        """'The SK On Iváncsa plant is in Iváncsa': an unknown word closing a plant's name is a town where the text
        says something is in or at it (not 'does not stand in Žilina'); the gazetteer lacks villages and small towns."""
        found = self.mentions.found
        cores = {f.core.split()[-1] for f in found if f.kind == "plant" and not f.anaphor and f.core}
        for name in sorted(cores - {f.label for f in found if f.kind == "city"}):
            if not self.plants.unknown_town(name):
                continue
            for s, first, last, _ in self.occurrences(name):
                before = self.parsed.text[max(0, self.toks[s][first].idx - 30):self.toks[s][first].idx]
                if first and self.toks[s][first - 1].lower_ in ("in", "at") and not NOT_IN.search(before) \
                        and not self.mentions.overlapping(s, first, last):
                    self.mentions.add(s, first, last, "city", label=name, country=self.plants.town_country(s, last, name))

    def towns_again(self) -> None:
        """A town the gazetteer lacks, once the text has named it ('its Chonburi plant'), is that town wherever else the
        text names it alone ('off the Chonburi line'), not at the start of a sentence, where any word is capitalised."""
        found = self.mentions.found
        towns = {f.label: f for f in found if f.kind == "city" and f.label not in self.lex.cities}
        for name, town in towns.items():
            for s, first, last, _ in self.occurrences(name):
                over = self.mentions.overlapping(s, first, last)
                if first == 0 and not over or any(not (  # 'its Wuhan Plant' once the text names the town Wuhan
                        f.kind == "plant" and f.core and name in f.core.split() and f.first <= first) for f in over):
                    continue
                self.mentions.add(s, first, last, "city", label=name, country=town.country)

    def plants_again(self) -> None:
        """A plant named after a place ('the Mizushima Plant in Kurashiki') is that plant wherever else the text names
        the place alone as a subject or object: 'Mizushima also built the Lancer', 'production moved to Mizushima'.
        At the start of a sentence, where any word is capitalised, only before a verb."""
        found = self.mentions.found
        named = {}
        for f in found:
            place = self.place_in_name(f) if f.kind == "plant" and not f.anaphor and f.core else None
            if place and place.isalpha() and not self.mentions.lexicon_name(place):
                named.setdefault(place, f)
        for core, plant in named.items():
            for s, first, last, after in self.occurrences(core):
                if any(f.sentence == s and f.first < last + 1 and first - 1 < f.last for f in found) \
                        or first == 0 and not SUBJECT_VERB.match(after):
                    continue  # part of a longer name, or a capitalised word opening a sentence
                self.mentions.add(s, first, last, "plant", anaphor=True, refers=plant)

    def place_in_name(self, plant: Found) -> str | None:
        """The place a plant is named after: its one-word name ('Mizushima'), or the word after a company's name
        ('Göd' of 'the Samsung SDI Göd plant')."""
        words = plant.core.split()
        owner = self.mentions.lexicon_name(" ".join(words[:-1])) if len(words) > 1 else None
        return words[-1] if len(words) == 1 or owner and owner[0] in ("company", "brand") else None

    def occurrences(self, name: str) -> Iterator[tuple[int, int, int, str]]:
        """Each place the text writes a name as a word of its own: sentence, first and last token, and the rest of the
        sentence after it."""
        for s, sentence in enumerate(self.parsed.sentences):
            for start, end in word_spans(sentence.text, name):
                first, last = self.mentions.token_range(s, sentence.start + start, sentence.start + end)
                yield s, first, last, sentence.text[end:]

    def classify(self, s: int, i: int, j: int) -> None:
        toks, lex, cues = self.toks[s], self.lex, self.lex.cues
        text = self.mentions.span_text(s, i, j)
        words = [t.text for t in toks[i:j]]
        nxt = " ".join(t.lower_ for t in toks[j:j + self.mentions.phrase_at(s, j, list(lex.alliance_heads))])
        if self.mentions.covered(s, i, ("person",)):  # 'Silva' of 'Lula da Silva'
            return
        if (first := self.people.named(s, i, j)) is not None:
            if first > i:  # 'Michigan' of 'Michigan Governor Gretchen Whitmer'
                self.classify(s, i, first)
            return
        if self.people.named_again(s, i, j):
            return
        if len(words) > 1 and words[0] in LEGAL_PREFIXES:  # 'PT HLI Green Power': a legal form opens a company's name
            self.mentions.add(s, i, j, "company", label=text)
        elif len(words) > 1 and words[-1] in lex.board_heads:
            self.mentions.add(s, i, j, "board", label=text, prefix=self.mentions.span_text(s, i, j - 1))
        elif words[-1] in lex.alliance_heads or (nxt in lex.alliance_heads and "-" in words):
            self.alliance(s, i, j, nxt)
        elif self.plants.named(s, i, j):
            return
        elif j < len(toks) and toks[j].lower_ in cues["platform_heads"]:
            self.mentions.add(s, i, j, "platform", label=text)
        elif self.platforms.named(s, i, j):
            return
        elif self.plants.town(s, i, j):
            return
        elif j < len(toks) and toks[j].text == "of" and self.company_name(s, i, j):  # 'Volkswagen Group of America'
            return
        elif text in lex.brands and self.models.with_suffix(s, j) > j and self.models.named(s, i, self.models.with_suffix(s, j)):
            return  # 'the Audi e-tron': a brand and a lower-case model name the lexicon knows as a suffix
        elif (named := self.mentions.lexicon_name(text)) is not None:
            self.mentions.lexicon_mention(s, i, j, *named)
        elif self.joint_venture(s, i, j):
            return
        elif self.company_name(s, i, j) or self.plants.apposed_name(s, i, j) or self.plants.site_name(s, i, j):
            return
        elif not self.models.named(s, i, self.models.with_suffix(s, j)):
            self.inner_names(s, i, j)

    def company_of_place(self, s: int, i: int, j: int) -> bool:
        """'Honda of Canada Mfg.', 'Toyota of Kentucky Inc.': a known company or brand, 'of' a country or state, and a
        company word or legal form names a company of that group."""
        toks, lex = self.toks[s], self.lex
        name = self.mentions.span_text(s, i, j)
        if name not in lex.companies and name not in lex.brands:
            return False
        places = alternation((*lex.countries, *lex.subdivisions))
        of = re.match(rf"\s+of\s+(?:{places})\s+((?:[A-Z][\w]*\.?)(?:,?\s+(?:Inc\.?|Ltd\.?|LLC))?)",
                      self.parsed.text[self.mentions.found_end(s, j):])
        heads = {*lex.cue("company_heads"), *lex.cue("legal_forms"), "Mfg.", "Mfg", "Manufacturing"}
        if of is None or of.group(1).split(",")[0].split()[0] not in heads:
            return False
        end = self.mentions.token_range(s, toks[i].idx, self.mentions.found_end(s, j) + of.end())[1]
        self.mentions.add(s, i, end, "company", label=self.mentions.span_text(s, i, end))
        return True

    def joint_venture(self, s: int, i: int, j: int) -> bool:
        """'Dongfeng Honda', 'GAC Honda', 'SAIC-Volkswagen': two companies of different groups named as one are their
        joint venture (an alliance of the two), as Chinese joint ventures are named."""
        lex = self.lex
        for k in range(i + 1, j):
            left = self.mentions.lexicon_name(self.mentions.span_text(s, i, k))
            right = self.mentions.lexicon_name(self.mentions.span_text(s, k + (self.toks[s][k].text == "-"), j))
            if not (left and right and left[0] in ("company", "brand") and right[0] in ("company", "brand")):
                continue
            members = [lex.companies.get(label) or lex.brand_owner.get(label, label) for _, label in (left, right)]
            groups = {lex.company_parent.get(member, member) for member in members}
            if len(groups) < 2:  # 'Hyundai Kia', 'Volkswagen Audi': one group's names
                return False
            self.mentions.add(s, i, j, "alliance", label=self.mentions.span_text(s, i, j), members=members)
            return True
        return False

    def company_name(self, s: int, i: int, j: int) -> bool:
        """'Kia Slovakia', 'Toyota Motor North America', 'Tata Passenger Electric Mobility (TPEM)': a known
        company or brand, then a company word or a place, names a company of that group; with a manufacturing
        word and a place ('Toyota Motor Manufacturing Kentucky', 'Toyota Battery North Carolina') it names a plant,
        unless the text names it as the one that runs a plant ('is operated by Hyundai Motor Manufacturing Alabama')."""
        toks, lex = self.toks[s], self.lex
        paren = next((k for k in range(i, j) if toks[k].text == "("), j)
        prefix = next((k for k in range(paren - 1, i, -1) if self.mentions.span_text(s, i, k) in lex.companies
                       or self.mentions.span_text(s, i, k) in lex.brands), None)
        if prefix is None:
            return self.company_of_place(s, i, j)
        rest = [t.text for t in toks[prefix:paren]]
        place = any((named := self.mentions.lexicon_name(x)) and named[0] in ("country", "region")
                    or x in lex.subdivisions for x in (" ".join(rest[-2:]), rest[-1]))
        if rest[-1] not in lex.cue("company_heads") and rest[-1] not in lex.cue("legal_forms") and not place:
            return False  # 'Porsche Leipzig GmbH' names a company as 'Kia Slovakia' does
        if any(word[:1].isdigit() for word in rest[:-1]):
            return False  # 'the BMW 1800 SA': a model's number before what reads as a legal form
        if paren + 2 < j and toks[paren + 2].text == ")" and (self.mentions.lexicon_name(toks[paren + 1].text) or ("",))[0] \
                in ("country", "region"):
            paren += 3  # 'Honda Automobile (Thailand)': a country in brackets is part of the name, not another name
        label = self.mentions.span_text(s, i, paren)
        label = lex.companies.get(label, label)  # 'Mitsubishi Motors Corporation (MMC)' is the lexicon's company
        if paren == j and j + 1 < len(toks) and toks[j].text == "of" and rest[-1] in lex.cue("company_heads") and (
                (named := self.mentions.lexicon_name(toks[j + 1].text)) and named[0] in ("country", "region")
                or toks[j + 1].text in ("America", "Europe", "Canada")):  # 'Volkswagen Group of America'
            paren = j + 2
            label = self.mentions.span_text(s, i, paren)
        runs_plant = re.match(r"(?:\s*\([^)]*\))?,\s+(?:the|a|its)\s+(?:subsidiary|company|unit|arm)\s+that\s+(?:runs|operates)\b",
                              self.parsed.text[self.mentions.found_end(s, j):])  # 'X Manufacturing Czech, the subsidiary that runs'
        before = self.parsed.text[self.parsed.sentences[s].start:toks[i].idx]
        if place and not runs_plant and not RUNNER_BEFORE.search(before) and any(w in lex.cue("plant_name_words") or self.plants.compound_head(w) for w in rest):  # 'Toyota Motor
            # Manufacturing Kentucky', 'Hyundai Motor Group Metaplant America (HMGMA)', also called by its short name
            plant = self.mentions.add(s, i, paren, "plant", core=label, surface=label, proper_head=True, prefix_head=False)
            if paren + 2 < j and toks[paren + 2].text == ")":
                self.mentions.add(s, paren + 1, paren + 2, "plant", anaphor=True, refers=plant, alias=True)
            return True
        self.mentions.add(s, i, paren, "company", label=label)
        if paren + 2 < j and toks[paren + 2].text == ")":
            self.mentions.add(s, paren + 1, paren + 2, "company", label=label)
        return True

    def inner_names(self, s: int, i: int, j: int) -> None:
        """Lexicon names inside an unrecognised run ('European EV' -> European); the rest is reported."""
        if self.co_branded_model(s, i, j):
            return
        k, leftover = i, []
        while k < j:
            for end in range(j, k, -1):
                named = self.mentions.lexicon_name(self.mentions.span_text(s, k, end))
                if named:
                    self.mentions.lexicon_mention(s, k, end, *named)
                    k = end
                    break
            else:
                leftover.append(k)
                k += 1
        if leftover and leftover[-1] + 1 == j and leftover[-1] - leftover[0] == len(leftover) - 1 and leftover[0] > i \
                and self.models.named(s, leftover[0], self.models.with_suffix(s, j)):  # 'the North American Passat'
            return
        if len(leftover) > 1 and leftover[-1] - leftover[0] == len(leftover) - 1:
            first, last = leftover[0], leftover[-1] + 1
            if last == j and self.plants.named(s, first, last):  # 'BMW Group Plant Valdoro': the group's plant
                found = self.mentions.found
                plant = next(f for f in reversed(found) if f.sentence == s and f.kind == "plant" and f.first == first)
                plant.operator = plant.operator or next(
                    (f for f in found if f.sentence == s and f.last == first and f.kind in ("company", "brand")), None)
                return
            self.mentions.unresolved.append((self.toks[s][first].idx, self.mentions.found_end(s, last),
                                             "unknown name"))

    def co_branded_model(self, s: int, i: int, j: int) -> bool:
        """'the Caoa Chery Tiggo 7 Pro': unknown words, or a company that sells no brand of its name, before a brand's
        model with a number in its name are a local partner's label for it; the model is the brand's, and the whole
        run one of its names (not the heading 'About Nissan Canton')."""
        for k in range(i + 1, j - 1):
            prefix = self.mentions.span_text(s, i, k)
            if not (self.plants.unknown_words(prefix.split()) or prefix in self.lex.companies and prefix not in self.lex.brands):
                return False
            if self.mentions.span_text(s, k, k + 1) in self.lex.brands and re.search(r"\d", self.mentions.span_text(s, k, j)) \
                    and self.models.named(s, k, self.models.with_suffix(s, j)):
                model = next(f for f in reversed(self.mentions.found) if f.kind == "model" and f.sentence == s)
                self.registry.add("model", self.registry.label(model.key), name=self.mentions.span_text(s, i, model.last),
                                  slug_name=self.registry.slug(model.key))
                return True
        return False

    def joint_ventures(self, s: int) -> None:
        """'Rivian and VW Group Technology, a joint venture with Volkswagen Group', 'Ford Otosan, the Turkish joint
        venture owned by Ford and Koç Holding', 'Togg and Farasis formed a battery joint venture, Siro': the name is an
        alliance whose members are the known organisations in its name and those it is formed by."""
        text, base = self.parsed.sentences[s].text, self.parsed.sentences[s].start
        heads = "|".join(re.escape(h) for h in self.lex.alliance_heads if h.islower())
        for m in re.finditer(rf"({NAME})(?:\s+\(([A-Z][\w&.-]*)\))?(?:,\s+|\s+(?:is|was)\s+|,\s+which\s+is\s+)"
                             rf"(?:a|an|the|its|(?P<owner>{NAME})[’']s)\s+(?:(?:[a-z-]+|[A-Z][a-z]+|\d+(?::|-|/)\d+)\s+){{0,2}}?"
                             rf"(?:{heads}|(?<=[’']s\s)venture)(?:\s+(?:that|which)\s+is)?\s+(?:\d+\s*(?:%|per\s+cent)\s+)?"
                             rf"(?:with|between|of|(?:owned|formed|set\s+up|created|founded|established)(?:\s+[^,;.]{{1,25}}?)??"
                             rf"\s+by)\s+", text):  # 'a 50:50 joint venture', 'Ford's venture with', 'set up on 22 March by'
            partners = self.partners(s, base + m.end())
            if m.group("owner"):  # 'X, Ford's venture with Y': Ford is a partner too
                partners = [f for f in self.mentions.found if f.sentence == s and f.kind in ("company", "brand")
                            and (f.start, f.end) == (base + m.start("owner"), base + m.end("owner"))] + partners
            if len(partners) < 2:
                partners = self.unknown_partners(s, base + m.end()) or partners
            abbreviation = (base + m.start(2), base + m.end(2)) if m.group(2) else None
            self.venture(s, base + m.start(1), base + m.end(1), partners, abbreviation)
        for m in re.finditer(rf"(?<![\w-])(?:{NAME})\s+and\s+(?:{NAME}){FORMED}\s+(?:a|an)\s+(?:[\w-]+\s+){{0,2}}?"
                             rf"(?:{heads}),?\s+({NAME})", text):  # the partners named first
            self.venture(s, base + m.start(1), base + m.end(1), self.unknown_partners(s, base + m.start(), FORMED)
                         or self.partners(s, base + m.start()))

    def venture(self, s: int, start: int, end: int, partners: list[Found],
                abbreviation: tuple[int, int] | None = None) -> None:
        """The name between two characters made an alliance of its partners, when two organisations are named; the
        abbreviation after it ('(BBA)') names it too."""
        first, last = self.mentions.token_range(s, start, end)
        inside = [f for f in self.mentions.found if f.sentence == s and first <= f.first < last]
        named_in = [f for f in inside if (f.first, f.last) != (first, last)]  # 'Ford Otosan' is no member of itself
        members = [self.lex.companies.get(f.label) or self.lex.brand_owner.get(f.label)
                   or self.without_legal_form(f.label) for f in named_in + partners if f.kind in ("company", "brand")
                   and (self.mentions.lexicon_name(self.parsed.text[f.start:f.end]) or f in partners)]
        if not partners or len(set(members)) < 2:
            return
        spans = [(first, last)] + ([self.mentions.token_range(s, *abbreviation)] if abbreviation else [])
        self.mentions.found = [f for f in self.mentions.found if f not in inside and not (
            f.sentence == s and any(a <= f.first < b for a, b in spans[1:]))]
        for a, b in spans:
            self.mentions.add(s, a, b, "alliance", label=self.mentions.span_text(s, first, last),
                              members=list(dict.fromkeys(members)), proper=True)

    def unknown_partners(self, s: int, start: int, then: str = r"\s*[,.;)]|$") -> list[Found]:
        """'a joint venture between Kia and Valdoro Energy Solution': a known company and a name the lexicon lacks, which
        the phrase shows to be a company too."""
        pair = re.match(rf"((?:[A-Z][\w&.-]*\s+){{0,4}}[A-Z][\w&.-]*)\s+and\s+((?:[A-Z][\w&.-]*\s+){{0,4}}[A-Z][\w&.-]*)(?={then})",
                        self.parsed.text[start:self.parsed.sentences[s].end])
        after = re.match(r",\s+((?:[A-Z]\w+\s?){1,3})", self.parsed.text[start + (pair.end() if pair else 0):])
        if pair is None or after and any(self.lex.subdivisions.get(w) or self.lex.countries.get(w) for w in (
                after.group(1).strip(), after.group(1).split()[0])):  # 'and Valdoro, Georgia' is a town
            return []
        listed = []
        for group in (1, 2):
            first, last = self.mentions.token_range(s, start + pair.start(group), start + pair.end(group))
            known = next((f for f in self.mentions.found if f.sentence == s and f.first == first and f.last == last
                          and f.kind in ("company", "brand")), None)
            if known is None and any(not (f.kind in PLACE_KINDS and self.toks[s][last - 1].text in self.lex.cue("company_heads"))
                                     for f in self.mentions.overlapping(s, first, last)):
                return []  # part of the name is something else: a model, or a place unless a company word ends it
            if known is None:  # 'Brilliance China Automotive Holdings': the place is part of the company's name
                self.mentions.found = [f for f in self.mentions.found if not (f.sentence == s and first <= f.first < last)]
            listed.append(known or self.mentions.add(s, first, last, "company", label=pair.group(group)))
        if not any(self.mentions.lexicon_name(self.parsed.text[f.start:f.end]) for f in listed):
            return []  # two unknown names: no known partner vouches for the phrase
        span = (start + pair.start(), start + pair.end())
        self.mentions.unresolved = [u for u in self.mentions.unresolved if not span[0] <= u[0] < span[1]]
        return listed

    def partners(self, s: int, start: int) -> list[Found]:
        """The companies listed from a character on: 'SAIC Motor and Thailand's Charoen Pokphand Group'."""
        listed: list[Found] = []
        orgs = sorted((f for f in self.mentions.found if f.sentence == s and f.kind in ("company", "brand")
                       and f.start >= start), key=lambda f: f.start)
        for f in orgs:
            gap = self.parsed.text[listed[-1].end if listed else start:f.start]
            if listed and not LISTED_PARTNER.fullmatch(gap) or not listed and not re.fullmatch(DESCRIBED, gap):
                break
            listed.append(f)
        return listed

    def alliance(self, s: int, i: int, j: int, nxt: str) -> None:
        toks = self.toks[s]
        words = [t.text for t in toks[i:j]]
        if len(words) == 1:
            self.mentions.add(s, i, j, "alliance", anaphor=True)
            return
        head_in_run = words[-1] in self.lex.alliance_heads
        parts = self.mentions.span_text(s, i, j - 1 if head_in_run else j).split("-")
        members = []
        for part in parts:
            named = self.mentions.lexicon_name(part.strip())
            if named and named[0] in ("company", "brand"):
                members.append(self.lex.companies.get(named[1]) or self.lex.brand_owner.get(named[1], named[1]))
        last = j if head_in_run else j + len(nxt.split())
        if len(members) < 2:
            self.inner_names(s, i, j)
            return
        self.mentions.add(s, i, last, "alliance", label=self.mentions.span_text(s, i, last), members=members,
                          proper=head_in_run)
        offset = toks[i].idx
        for part in parts:
            at = self.parsed.text.index(part, offset)
            offset = at + len(part)
            first = next((k for k in range(i, j) if toks[k].idx == at), None)  # ' The Renault' starts at no token
            named = self.mentions.lexicon_name(part)
            if named and first is not None:
                self.mentions.add(s, first, first + 1, "company", label=self.lex.companies.get(named[1]) or named[1])

    def facilities(self, s: int) -> None:
        """'a battery assembly workshop', 'a robotic paint shop', 'the Chonburi battery pack plant': a facility of a
        plant, named by its lower-case modifiers from the first one that says what it does ('paint shop').

        A plain 'assembly line' is the plant's own line, no part of it worth naming; 'a second assembly line' is.
        A plant word ('battery pack plant') names a facility only with a modifier for a component, and keeps the
        plant mention it is the head of, to tell a part of a plant from the plant itself when resolved.
        """
        toks, cues = self.toks[s], self.lex.cues
        required, plant_heads = cues["facility_modifiers_required"], cues["component_plant_heads"]
        for k, tok in enumerate(toks):
            head = tok.lower_
            if head not in cues["facility_heads"] and head not in plant_heads or (k + 1 < len(toks) and toks[k + 1].text == "-"):
                continue
            if head == "building" and k + 1 < len(toks) and (name_like(toks[k + 1]) or toks[k + 1].is_stop):
                continue  # 'is assembly building the X', 'production building a new plant': the verb
            first = k
            while first > 0 and k - first < 3 and toks[first - 1].text.islower() and toks[first - 1].is_alpha \
                    and toks[first - 1].lower_ not in cues["facility_skip"] and not toks[first - 1].is_stop \
                    and not (first > 1 and toks[first - 2].text == "-" and not toks[first - 2].whitespace_):  # 'on-site'
                first -= 1
            modifiers = [t.lower_ for t in toks[first:k]]
            if head == "phase":  # 'the second phase of the X plant': a stage of the plant, by its ordinal only
                at = k + 2 + (k + 2 < len(toks) and toks[k + 2].lower_ in ("the", "its", "their"))
                of_plant = k + 1 < len(toks) and toks[k + 1].lower_ == "of" and at < len(toks) and (
                    toks[at].lower_ in cues["plant_anaphora"]
                    or any(f.sentence == s and f.kind == "plant" and f.first == at for f in self.mentions.found))
                if k > 0 and toks[k - 1].lower_ in cues["ordinal_words"] and of_plant:
                    self.mentions.add(s, k - 1, k + 1, "facility", phrase=self.mentions.span_text(s, k - 1, k + 1))
                continue
            owned = first > 1 and modifiers and toks[first - 1].text in ("'s", "’s") \
                and toks[first - 2].lower_ in self.lex.cue("plant_anaphora")  # 'the plant's plastics department'
            if not owned and not any(m in required for m in modifiers):
                continue
            if not owned:
                first += next(n for n, m in enumerate(modifiers) if m in required)  # 'robotic paint shop' is the paint shop
            modifiers = [t.lower_ for t in toks[first:k]]
            numbered = k + 1 < len(toks) and re.fullmatch(r"\d{1,2}", toks[k + 1].text) and (
                k + 2 >= len(toks) or not toks[k + 2].is_alpha or toks[k + 2].is_stop)  # 'hall 1', not 'shop 30 metres'
            last = k + 2 if numbered else k + 1
            host = None
            if head in plant_heads:
                host = next((f for f in self.mentions.found if f.sentence == s and (
                    f.kind == "plant" and f.first <= k < f.last or f.kind == "city" and f.last == first)), None)
                if host is None or not any(m in cues["component_modifiers"] for m in modifiers) \
                        or all(m in CELL_WORDS for m in modifiers):  # 'a battery plant', 'a battery cell factory' is a
                    continue  # plant of its own; 'a battery pack plant' on the site is a part
            elif head == "line" and all(m in cues["generic_line_modifiers"] for m in modifiers):
                if first == 0 or toks[first - 1].lower_ not in cues["ordinal_words"]:
                    continue
                first -= 1  # 'a second assembly line'
            if HYPOTHETICAL.search(self.parsed.text[max(self.parsed.sentences[s].start, toks[first].idx - 80):toks[first].idx]):
                continue  # 'is looking at putting a battery line on the site': no part of it yet
            self.mentions.add(s, first, last, "facility", phrase=self.mentions.span_text(s, first, last), refers=host)

    def held_parts(self, s: int) -> None:
        """'the Mulhouse complex, which also holds a mechanical plant, a foundry and a forge': the things a plant is said
        to hold, listed each with 'a', are its parts."""
        text, base = self.parsed.sentences[s].text, self.parsed.sentences[s].start
        plants = [f for f in self.mentions.found if f.sentence == s and f.kind == "plant"]
        for verb in HOLDS.finditer(text):
            if not any(re.fullmatch(r"(?:,\s+which)?(?:\s+also)?\s*", text[f.end - base:verb.start()]) for f in plants):
                continue
            at = verb.end()
            while item := HELD_ITEM.match(text, at):
                first, last = self.mentions.token_range(s, base + item.start(1), base + item.end(1))
                if not any(self.mentions.covered(s, k, ("facility", "plant", "company", "brand")) for k in range(first, last)):
                    self.mentions.add(s, first, last, "facility", phrase=item.group(1))
                at = item.end()

    def without_legal_form(self, label: str) -> str:
        """An organisation's name without its legal form ('BMW Brilliance Automotive' of '... Ltd'), so that a text
        naming it with and one without are about one organisation; the name as written stays one of its names."""
        form = re.search(rf"(?:,?\s+(?:{alternation(tuple(self.lex.cue('legal_forms')))}))+$", label)
        return label[:form.start()] if form and len(label[:form.start()].split()) > 1 else label

    # -- pass two --------------------------------------------------------------------------------
    def resolve_dependents(self) -> None:
        """Keys for the lexicon names, alliances, boards, platforms and facilities."""
        text = self.parsed.text
        for f in sorted(self.mentions.found, key=lambda f: (not f.proper, f.start)):
            if f.key or f.kind == "plant":
                continue
            surface = text[f.start:f.end]
            if f.kind == "alliance" and not f.anaphor:
                same = next((g for g in self.mentions.found if g.kind == "alliance" and g.key
                             and set(g.members) == set(f.members)), None)
                label = self.registry.label(same.key) if same else self.without_legal_form(f.label)
                f.key = self.registry.add("alliance", label, name=surface)
            elif f.kind == "company":
                f.key = self.registry.add(f.kind, self.without_legal_form(f.label), name=surface)
            elif f.kind in ("brand", "city", "country", "region", "board", "platform", "person"):
                f.key = self.registry.add(f.kind, f.label, name=surface)
        alliances = self.registry.of_kind("alliance")
        for f in self.mentions.found:
            if f.kind == "alliance" and f.anaphor:
                f.key = alliances[0].key if alliances else ""
                if not alliances:
                    self.mentions.unresolved.append((f.start, f.end, "no alliance to refer to"))
            elif f.kind == "facility":
                self.facility_of_plant(f)

    def facility_of_plant(self, f: Found) -> None:
        """A facility's plant: the plant it is named with or stands at ('a paint shop at its X plant'), else the one
        named last before it (in its sentence first).

        A component plant named with its plant ('the Chonburi battery pack plant' after 'the Chonburi plant') is a
        part of it; named so when the plant first appears ('a new battery factory in X'), it is that plant itself.
        """
        found = self.mentions.found
        if f.refers is not None:
            host = f.refers  # a town before the words ('the Chattanooga battery pack facility') may name its plant
            if host.kind != "plant" or not host.key:
                return
            earliest = min((g for g in found if g.kind == "plant" and g.key == host.key), key=lambda g: g.start)
            if earliest is host or any(g.kind == "facility" and g.refers is earliest for g in found):
                return
            plant = host
        else:
            plants = [g for g in found if g.kind == "plant" and g.key and g.start < f.start]
            same = [g for g in plants if g.sentence == f.sentence]
            known = [g for g in found if g.kind == "plant" and g.key]
            named_after = [g for g in found if g.kind == "plant" and g.key and g.sentence == f.sentence and re.fullmatch(
                r"\s+(?:at|in|of)\s+(?:the\s+|its\s+|their\s+)?", self.parsed.text[f.end:g.start])]  # 'a shop at its X plant'
            plant = (named_after[:1] or same or plants or known or [None])[-1]
        if plant is None:
            self.mentions.unresolved.append((f.start, f.end, "facility of no known plant"))
            return
        core, phrase = self.plants.core[plant.key], f.phrase
        label = f"{core} {phrase}"
        f.key = self.registry.add("facility", label, name=phrase)
        heads = words_re(self.lex.cue("plant_anaphora"))
        for name in self.registry.entities[plant.key].names:  # 'Zuffenhausen paint shop' of 'Zuffenhausen plant',
            bare = re.sub(r"\s+", " ", heads.sub("", name)).strip()  # 'Leipzig paint shop' of 'Porsche Leipzig'
            owner = next((n for n in (2, 1) if (named := self.mentions.lexicon_name(" ".join(bare.split()[:n])))
                          and named[0] in ("company", "brand") and len(bare.split()) > n), 0)
            for plant_name in (name, bare, " ".join(bare.split()[owner:])):
                self.registry.add("facility", label, name=f"{plant_name} {phrase}".strip())
        f.plant = plant.key
