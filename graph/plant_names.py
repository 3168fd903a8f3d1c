"""Plant names ('Ampere Douai Plant', 'Metaplant America', 'the $2 billion factory') and the towns they stand in."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from evkg.graph.gazetteer import known_town
from evkg.graph.lexicon import alternation
from evkg.graph.mentions import Found, Mentions
from evkg.graph.resolve import Registry
from evkg.graph.text import word_spans

PLACE_PREPOSITIONS = ("in", "near", "at", "outside")
# 'Campus 1: Valdoro Works', 'Plant: Valdoro': a fact sheet's heading line naming the plant its lines describe
HEADING = re.compile(r"(?:Campus|Plant|Site|Factory|Facility)(?:\s+\d+)?\s*:\s*")
# a word naming a plant by its part of a site, not by a town: 'the West plant', 'the North Assembly Plant'
# 'Daimler Truck's Mannheim, Kassel and Gaggenau plants': two or more town names listed before a plural plant word
LISTED_PLANTS = re.compile(r"(?P<owner>[’']s\s+|\bits\s+|\btheir\s+)?(?P<names>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?"
                           r"(?:,\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)*,?\s+and\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)"
                           r"\s+(?:(?:car|vehicle|assembly|battery|engine)\s+)?(?:plants|factories|works)\b")
LIST_SPLIT = re.compile(r",\s+and\s+|,\s+|\s+and\s+")
ENERGY_UNIT = re.compile(r"[kMGT]Wh?")
NOT_TOWNS = ("North", "South", "East", "West", "Central", "Main", "New", "Old")
FIELD_TOWN = ("location", "site", "address", "town", "city")  # '- Location: Valdoro, Georgia'
# what makes 'X Assembly' a plant rather than a body: a place after it, a plant noun apposed to it, production before
PLACED = re.compile(r",?\s+in\s+[A-Z]")
APPOSED_PLANT = re.compile(r",\s+(?:(?:the|its|their|a|an)\s+|[A-Z][\w&.-]*[’']s\s+)(?:[\w-]+\s+){0,3}"
                           r"(?:plant|factory|facility|works)\b")
# 'AMP-2, its second Advanced Manufacturing Plant', 'AutoLand Hwaseong, its production complex', 'its first factory, AMP-1
# in Arizona': a name apposed to a plant noun; stricter than APPOSED_PLANT (a possessive, no plant job), since here the
# apposition alone makes an unknown name a plant (made one with it, both lost 4 correct facts on dev and validation)
NAMED_PLANT_AFTER = re.compile(r",\s+(?:its|their|[A-Z][\w&.-]*[’']s)\s+(?:[\w-]+\s+){0,4}?(?:plant|factory|facility|works|complex|site)"
                               r"(?![\w-]|\s+(?:manager|director|chief|head|workers?|employees|staff))", re.IGNORECASE)
NAMED_PLANT_BEFORE = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,3}(?:plant|factory|facility),\s+$", re.IGNORECASE)
PRODUCED_AT = re.compile(r"\b(?:lines?|built|builds?|building|produced|produces|produce|made|makes|assembled|assembles|"
                         r"production|manufactured|manufactures)\s+at\s+$")
ANOTHER = re.compile(r"\b(?:another|other|a\s+different)\s+$", re.IGNORECASE)  # 'another Mitsubishi plant': not this one
# 'imported from a Geely factory in China': some plant of Geely's; not 'Gigafactory 2 is a Tesla plant', 'X, a GM plant',
# a heading's '1986: a Cadillac plant'
A_PLANT = re.compile(r"(?<!\bis\s)(?<!\bwas\s)(?<![,:]\s)\b(?:a|an)\s+$", re.IGNORECASE)
TOWN_WORDS = ("city", "town", "municipality", "village", "commune")  # 'the municipality of Villa de Reyes'
TOWN_ABBREVIATIONS = ("St.", "Ste.", "Mt.", "Ft.")  # 'St. Thomas', 'Mt. Vernon': a town's first word, abbreviated


class PlantNames:
    """Finds plants for the name finder: named plants, unnamed ones, anaphora, and their resolution.

    `core` is filled by resolve(), the last step of the plants: each plant's key -> the core name its key and
    its facilities are named from ('Ampere Douai' for plant/ampere-douai).
    """

    def __init__(self, mentions: Mentions, registry: Registry) -> None:
        self.mentions, self.registry = mentions, registry
        self.parsed, self.lex, self.toks = mentions.parsed, mentions.lex, mentions.toks
        self.core: dict[str, str] = {}

    def head_at_end(self, words: list[str]) -> int:
        """How many words at the end of a run are a plant head ('Plant', 'Electrification Center'), 0 if none."""
        lowered = [w.lower() for w in words]
        if len(words) > 1 and (lowered[-1] in self.lex.cue("plant_heads") or self.compound_head(words[-1])):
            return 1
        for head in sorted([*self.lex.cue("plant_name_heads"), *self.lex.cue("placed_plant_heads")], key=len, reverse=True):
            size = len(head.split())
            if len(words) >= size and " ".join(lowered[-size:]) == head.lower():
                return size
        return 0

    def unplaced(self, s: int, i: int, j: int, words: list[str], size: int) -> bool:
        """Whether a head that names a plant only in a plant's context ('Spring Hill Assembly in Spring Hill', 'Oshawa
        Assembly, GM's truck plant', 'off the line at CAMI Assembly', or the same name as a plant before) has none, or
        names a body instead ('the National Assembly in Seoul')."""
        bodies = self.lex.cue("placed_plant_heads").get(" ".join(words[-size:]))
        if bodies is None:
            return False
        text, start = self.parsed.text, self.toks[s][i].idx
        after, name = text[self.mentions.found_end(s, j):], " ".join(words)
        return words[0] in bodies or not (PLACED.match(after) or APPOSED_PLANT.match(after)
                                          or PRODUCED_AT.search(text[max(0, start - 60):start])
                                          or any(f.kind == "plant" and f.surface == name for f in self.mentions.found))

    def compound_head(self, word: str) -> bool:
        """'Metaplant', 'Megafactory': one capitalised word that ends in a plant head."""
        return word[:1].isupper() and any(word.lower().endswith(end) and len(word) > len(end)
                                          for end in self.lex.cue("plant_compounds"))

    def prefix_head(self, word: str) -> bool:
        """'Giga Berlin', 'Gigafactory Texas', 'Metaplant America': a head word that opens the name."""
        return word in self.lex.cue("plant_prefix_heads") or self.compound_head(word)

    def branded_prefix(self, words: list[str]) -> int:
        """'Kia Plant Valdoro', 'BMW Group Plant Valdoro': the length of a company or brand name followed by a head word
        that opens the plant's name, 0 if none."""
        return next((n for n in (1, 2) if len(words) > n + 1 and words[n] in self.lex.cue("plant_prefix_heads")
                     and (named := self.mentions.lexicon_name(" ".join(words[:n]))) is not None
                     and named[0] in ("company", "brand")), 0)

    def named(self, s: int, i: int, j: int, operator: Found | None = None, full: str = "") -> bool:
        """'Ampere Douai Plant', 'the Douai plant', 'Giga Berlin': a plant, keyed later by its core name."""
        toks, cues = self.toks[s], self.lex.cues
        words = [t.text for t in toks[i:j]]
        heads = cues["plant_heads"]
        if (size := self.head_at_end(words)) and not self.unplaced(s, i, j, words, size):
            if (apposed := self.apposed_plant(s, i)) is not None:  # 'AMP-2, its second Advanced Manufacturing Plant'
                self.mentions.add(s, i, j, "plant", anaphor=True, refers=apposed)
                return True
            core_end, last, head = (j - size if size < len(words) else j), j, True
        elif n := self.branded_prefix(words):  # the company's own plant, named as the existing rule names it
            named = self.mentions.lexicon_name(" ".join(words[:n]))
            operator = self.mentions.lexicon_mention(s, i, i + n, *named)
            return self.named(s, i + n, j, operator=operator, full=self.mentions.span_text(s, i, j))
        elif self.prefix_head(words[0]) and len(words) > 1:
            core_end, last, head = j, j, False
        elif len(words) > 1 and (n := self.mentions.phrase_at(s, j - 1, heads)) > 1:  # 'the Quorra EV hub'
            core_end, last, head = j - 1, j - 1 + n, False
        elif (n := self.mentions.phrase_at(s, j, heads)) and not (j + n < len(toks) and toks[j + n].text == "-"):
            core_end, last, head = j, j + n, False
        else:
            return False
        core = self.mentions.span_text(s, i, core_end)
        named = self.mentions.lexicon_name(core)
        if named and named[0] in ("region", "country") or all(w.lower() in STOP_WORDS for w in core.split()):
            return False  # 'Neither gigafactory', 'Not plant investment': no name
        if ENERGY_UNIT.fullmatch(core):  # 'a 16 GWh cell factory': its size, no name
            return False
        if core in cues["powertrains"] or core in self.lex.body_type_words() or self.model_word(core):  # 'the EV
            return False  # facility', 'a PHEV plant in X', 'Porsche's SUV plant', 'the Semi factory' say what it makes
        if (core in self.lex.subdivisions or self.of_a_state(core)) and core not in self.lex.cities:  # 'its Ontario
            # plant', 'another Bavarian plant': a plant of the text
            self.mentions.add(s, i, last, "plant", anaphor=True)
            return True
        if named and named[0] in ("company", "brand") and head and self.compound_head(words[-1]):
            operator = self.mentions.lexicon_mention(s, i, core_end, *named)  # 'the Ola Futurefactory' and 'the Ola
            core = self.mentions.span_text(s, i, j)  # Gigafactory' are two plants named by their compound words
        elif named and named[0] in ("company", "brand"):
            if toks[i - 1].lower_ == "the" and self.town_elsewhere(s, last):  # 'from the Volkswagen plant in
                return False  # Puebla' after Wolfsburg: a plant of its own, named by its town (unnamed())
            operator = self.mentions.lexicon_mention(s, i, core_end, *named)
            self.mentions.add(s, i, last, "plant", anaphor=True, operator=operator)
            return True
        former = i > 0 and toks[i - 1].lower_ in cues["former_words"]
        self.mentions.add(s, i - 1 if former else i, last, "plant", core=core,
                          surface=self.mentions.span_text(s, i, last), proper_head=head,
                          prefix_head=self.prefix_head(words[0]), former=former, aliases=[full] if full else [],
                          **({"operator": operator} if operator else {}))
        said_in = re.match(r",?\s+in\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})", self.parsed.text[self.mentions.found_end(s, last):])
        if said_in and not former:  # 'the Orion plant in Lake Orion': where it stands, if the gazetteer knows the town
            self.gazetteer_town(s, last, said_in.group(1))
        if core_end == j == i + 1 and not head and not former and self.unknown_town(core) and core not in NOT_TOWNS:
            self.mentions.add(s, i, j, "city", label=core, country=self.town_country(s, j, core))
            return True
        town_words = said_in.group(1).split() if said_in and not former else []
        while town_words and core.split()[:len(town_words)] != town_words:
            town_words.pop()
        if town_words and all(self.unknown_town(w) for w in town_words):  # 'the Valdoro Plant in Valdoro', 'the Valdoro
            town = " ".join(town_words)  # Assembly Plant in Valdoro': named after the town it stands in
            self.mentions.add(s, i, i + len(town_words), "city", label=town, country=self.town_country(s, last, town))
            return True
        words = core.split()
        size = next((n for n in range(len(words), 1, -1) if all(w in cues["plant_name_words"] for w in words[n:])
                     and self.unknown_words(words[:n]) and known_town(" ".join(words[:n]))), 0)
        if size and not former:  # 'the Ramos Arizpe Assembly plant': a town of several words the gazetteer knows
            town = " ".join(words[:size])
            self.mentions.add(s, i, i + size, "city", label=town, country=self.town_country(s, last, town))
            return True
        town, *rest = core.split()
        if rest and all(w in cues["plant_name_words"] for w in rest) and not former and self.unknown_town(town) \
                and town not in NOT_TOWNS:
            self.mentions.add(s, i, i + 1, "city", label=town, country=self.town_country(s, last, town))  # 'Valdoro
            return True  # Assembly Plant': a town, then what the plant does
        if named and named[0] == "city" and core_end - i > 1:  # 'the San José Chiapa plant'
            self.mentions.lexicon_mention(s, i, core_end, *named)
            return True
        for k in range(i, core_end):
            named = self.mentions.lexicon_name(toks[k].text)
            if named and named[0] in ("company", "brand", "city"):
                self.mentions.lexicon_mention(s, k, k + 1, *named)
        return True

    def heading(self, s: int, runs: list[tuple[int, int]]) -> tuple[int, int] | None:
        """A fact sheet's heading line 'Campus 1: Valdoro Works' names a plant: the run of names that fills the line."""
        sentence = self.parsed.sentences[s]
        cue = HEADING.match(sentence.text)
        run = next(((i, j) for i, j in runs if cue and self.toks[s][i].idx == sentence.start + cue.end()
                    and self.mentions.found_end(s, j) == sentence.end), None)
        if run is None or self.mentions.lexicon_name(self.mentions.span_text(s, *run)):
            return None
        name = self.mentions.span_text(s, *run)
        self.mentions.add(s, run[0], run[1], "plant", core=name, surface=name, proper_head=True, prefix_head=False)
        return run

    def town(self, s: int, i: int, j: int) -> bool:
        """'in Ellabell, Georgia': an unknown name between a place preposition and a known state or country is a city."""
        toks = self.toks[s]
        if i > 1 and toks[i - 1].lower_ == "of" and toks[i - 2].lower_ in TOWN_WORDS \
                and not self.region_country(self.mentions.span_text(s, i, j)):  # 'the city of Toyota': even a maker's name
            name = self.mentions.span_text(s, i, j)
            self.mentions.add(s, i, j, "city", label=name,
                              country=self.lex.cities.get(name) or self.town_country(s, j, name))
            return True
        field = i > 1 and toks[i - 1].text == ":" and toks[i - 2].lower_ in FIELD_TOWN  # '- Location: Valdoro, Georgia'
        if i == 0 or toks[i - 1].lower_ not in PLACE_PREPOSITIONS and not field or j + 1 >= len(toks) or toks[j].text != ",":
            return False
        name = self.mentions.span_text(s, i, j)
        if self.mentions.lexicon_name(name) or any(self.mentions.lexicon_name(t.text) for t in toks[i:j]) \
                or name in self.lex.subdivisions:
            return False
        country = next((c for n in range(3, 0, -1) if j + 1 + n <= len(toks)
                        and (c := self.region_country(self.mentions.span_text(s, j + 1, j + 1 + n)))), None)
        if country is None:
            return False
        self.mentions.add(s, i, j, "city", label=name, country=country)
        return True

    def unknown_words(self, words: list[str]) -> bool:
        """Title-case words none of which the lexicon knows as a name of anything."""
        return all(w[:1].isupper() and w.replace("-", "").isalpha() and not self.mentions.lexicon_name(w)
                   and w not in self.lex.subdivisions for w in words)

    def gazetteer_town(self, s: int, last: int, said: str) -> bool:
        """'..., in Lake Orion' after a plant's name: the words a city when the gazetteer knows them as a town and the
        lexicon knows none of them; the city mention is added."""
        toks, words = self.toks[s], said.split()
        at = last + (1 if last < len(toks) and toks[last].text == "," else 0) + 1
        while words and not (known_town(" ".join(words)) and self.unknown_words(words)):
            words.pop()
        if not words or [t.text for t in toks[at:at + len(words)]] != words \
                or self.mentions.lexicon_name(" ".join(words)) or self.mentions.covered(s, at):
            return False
        town = " ".join(words)
        self.mentions.add(s, at, at + len(words), "city", label=town, country=self.town_country(s, at + len(words), town))
        return True

    def region_country(self, name: str) -> str | None:
        """The country of a state or province ('Georgia' -> United States), or of a country name itself."""
        return self.lex.subdivisions.get(name) or self.lex.countries.get(name)

    def unknown_town(self, name: str) -> bool:
        """A single title-case word the lexicon does not know as anything (not a state or its adjective, a model family,
        a name, a month or a function word: 'the site in April', 'Neither gigafactory', 'another Bavarian plant')."""
        lex = self.lex
        return name.isalpha() and name[:1].isupper() and name[1:].islower() \
            and self.mentions.lexicon_name(name) is None and name not in lex.subdivisions and name not in lex.families \
            and name not in lex.not_model_words and name not in lex.quantities["months"] and name.lower() not in STOP_WORDS \
            and not self.of_a_state(name)

    def town_elsewhere(self, s: int, last: int) -> bool:
        """', in Puebla' or ' in Osnabrück' after token `last`, where the text named other towns before and not this
        one: a town the lexicon knows or an unknown name, not a state or country ('the Kia plant in Georgia' and, in
        a story about one town's plant, 'The General Motors plant in Ingersoll' are the plant of the text)."""
        place = re.match(r",?\s+in\s+([A-Z][\w-]*)", self.parsed.text[self.mentions.found_end(s, last):])
        if place is None or not (place.group(1) in self.lex.cities or self.unknown_town(place.group(1))):
            return False
        before = {f.label.split()[0] for f in self.mentions.found if f.kind == "city" and f.sentence < s and f.label}
        return bool(before) and place.group(1) not in before

    def model_word(self, name: str) -> bool:
        """'Semi' where the text speaks of 'the Tesla Semi, its truck' or 'the Tesla Semi electric truck': a brand's
        model, so 'the Semi factory' names what the plant makes. Only an unknown single word, said after a brand and
        before a stop or a vehicle word ('the Nissan Smyrna plant' and 'Ford Cologne Electric Vehicle Center' still
        name a town)."""
        if not self.unknown_town(name):
            return False
        brand = alternation(tuple(self.lex.brands))
        vehicle = alternation(("electric", "truck", "tractor", "car", "van", *self.lex.body_type_words(),
                               *self.lex.vehicle_nouns()))
        return re.search(rf"\b(?:{brand})\s+{name}(?:\s*[,.;:)]|\s+(?:{vehicle})\b)", self.parsed.text) is not None

    def of_a_state(self, name: str) -> bool:
        """'Bavarian', 'Georgian': the adjective of a state or country the lexicon knows ('Bavaria', 'Georgia')."""
        return name.endswith("n") and (name[:-1] in self.lex.subdivisions or name[:-1] in self.lex.countries)

    def town_country(self, s: int, after: int, name: str) -> str | None:
        """The country of a town the gazetteer lacks: a state or country after it in its sentence ('in central Illinois',
        ', Georgia'), else one the text pairs it with elsewhere, as a dateline does ('GEORGETOWN, Kentucky')."""
        toks = self.toks[s]
        for k in range(after, len(toks)):  # 'in central Illinois', ', Georgia'; not 'its biggest unit outside of China'
            if toks[k].lower_ in ("outside", "beyond", "than", "abroad"):
                break
            if toks[k - 1].lower_ not in ("in", ",", "central", "northern", "southern", "eastern", "western") \
                    and not (toks[k - 1].lower_ == "the" and toks[k - 2].lower_ == "in"  # a list's 'all in the
                             and toks[k - 3].lower_ in ("all", "both")):  # United States'; not 'a town in the UK'
                continue
            for n in (3, 2, 1):
                if k + n <= len(toks) and (country := self.region_country(self.mentions.span_text(s, k, k + n))):
                    return country
        for m in re.finditer(rf"(?i:\b{re.escape(name)})(?:,\s+|\s+\()([A-Z]\w+(?:\s[A-Z]\w+){{0,2}})", self.parsed.text):
            words = m.group(1).split()
            for n in range(len(words), 0, -1):
                if country := self.region_country(" ".join(words[:n])):
                    return country
        return None

    def new_town(self, s: int, at: int, anaphor: Found) -> bool:
        """Whether the town named at token `at` is one the text has not named before, and the plant noun before it is
        not said of a plant named just before: 'The General Motors plant in Ingersoll' after 'CAMI Assembly in
        Ingersoll', and 'Gigafactory 2 is a Tesla plant in Buffalo', are those plants again."""
        word = self.toks[s][at].text
        said_of = any(f.sentence == s and f.kind == "plant" and not f.anaphor and f.end <= anaphor.start
                      and re.fullmatch(r",?\s+(?:is|was|remains)\s+(?:a|an|the)\s+|,\s+(?:a|an|the)\s+",
                                       self.parsed.text[f.end:anaphor.start]) for f in self.mentions.found)
        return not said_of and not any(f.kind == "city" and f.sentence < s and f.label.split()[0] == word
                                       for f in self.mentions.found)

    def place_after(self, s: int, at: int, runs: list[tuple[int, int]]) -> tuple[int, Found | None] | None:
        """The end of the town named at token `at` and its city mention if one is found already; None if no town.

        A known city, a town found before a state ('Ellabell, Georgia'), or an unknown capitalised name ('Georgetown');
        a state, region or country is not a town.
        """
        toks = self.toks[s]
        town = next((f for f in self.mentions.found if f.sentence == s and f.kind == "city" and f.first == at), None)
        if town is not None:  # 'Stuttgart-Zuffenhausen': a district joined to its city
            district = town.last + 1 < len(toks) and toks[town.last].text == "-" and not toks[town.last - 1].whitespace_ \
                and toks[town.last + 1].text[:1].isupper()
            return (town.last + 2 if district else town.last), town
        if toks[at].text in self.lex.cities:
            return at + 1, None
        run = next(((i, j) for i, j in runs if i == at), None)
        if run is None or any(f.sentence == s and f.first < run[1] and run[0] < f.last for f in self.mentions.found):
            return None
        name = self.mentions.span_text(s, *run)
        if self.mentions.lexicon_name(name) or name in self.lex.subdivisions or not all(
                self.unknown_town(t.text) or k == run[0] and t.text in TOWN_ABBREVIATIONS
                for k, t in enumerate(toks[run[0]:run[1]], start=run[0])):
            return None
        return run[1], None

    def described_names(self, s: int, k: int, town: str) -> list[str]:
        """'a battery factory in Sparks', 'its body-pressing plant in Swindon': the plant is also the 'Sparks factory'
        and the 'Sparks battery factory', named by its town, the words before its head and the head as written (not
        an amount's: 'a $205 million battery plant')."""
        toks, head = self.toks[s], self.toks[s][k].lower_
        first = k
        while first > 0 and k - first < 4 and (re.fullmatch(r"[a-z]+", toks[first - 1].text) or toks[first - 1].text == "-"
                                                and not toks[first - 1].whitespace_) \
                and not toks[first - 1].is_stop and toks[first - 1].lower_ not in self.lex.cue("other_plant_words") \
                and toks[first - 1].lower_ not in self.lex.quantities["multipliers"] \
                and toks[first - 1].lower_ not in ("new", "existing", "former", "current", "car", "vehicle"):
            first -= 1
        while first < k and (toks[first].text == "-" or first > 0 and toks[first - 1].text == "-"
                             and not toks[first - 1].whitespace_):  # not 'ion battery' of 'lithium-ion battery'
            first += 1
        modifiers = self.parsed.text[toks[first].idx:toks[k].idx].strip() if first < k else ""
        shortest = modifiers.split()[0] if modifiers else ""  # 'Buffalo solar factory' of 'solar products factory'
        return list(dict.fromkeys(n for n in (f"{town} {head}", f"{town} {modifiers} {head}", f"{town} {shortest} {head}")
                                  if "  " not in n and n != f"{town} plant"))

    def apposed_plant(self, s: int, k: int) -> Found | None:
        """The named plant a plant word at `k` stands in apposition to: 'Giga Berlin, its only European factory'."""
        toks = self.toks[s]
        comma = next((b for b in range(k - 1, max(k - 6, 0), -1) if toks[b].text == ","), None)
        if comma is None or not any(t.lower_ == "its" or t.text in ("'s", "’s") or t.text in ("'", "’")  # 'Stellantis''
                                    and toks[t.i - toks[0].i - 1].text.endswith("s") for t in toks[comma + 1:k]):
            return None
        return next((f for f in self.mentions.found
                     if f.sentence == s and f.kind == "plant" and not f.anaphor and f.last <= comma
                     and re.fullmatch(r"(?:\s*(?:in|at|near)\s[^,]+(?:,\s*[A-Z][^,]*)?)?",
                                      self.parsed.text[f.end:self.toks[s][comma].idx])), None)

    def apposed_name(self, s: int, i: int, j: int) -> bool:
        """A name nothing else explains, in apposition to a plant noun ('AMP-2, its second Advanced Manufacturing
        Plant', 'its first factory, AMP-1 in Arizona'), is that plant's name."""
        text, start = self.parsed.text, self.toks[s][i].idx
        if not (NAMED_PLANT_AFTER.match(text[self.mentions.found_end(s, j):])
                or NAMED_PLANT_BEFORE.search(text[max(0, start - 60):start])):
            return False
        name = self.mentions.span_text(s, i, j)
        self.mentions.add(s, i, j, "plant", core=name, surface=name, proper_head=True, prefix_head=False)
        return True

    def site_name(self, s: int, i: int, j: int) -> bool:
        """'Porsche Leipzig', 'Nissan Sunderland': a company or brand, then a town, names the plant it has there (as a
        legal form after it names a company: 'Porsche Leipzig GmbH', found before). The town must be one the lexicon
        or the text knows as a city, or a town of the gazetteer the text places something in: the gazetteer's towns
        include model names ('Puma', 'Tucson', 'Logan')."""
        words = [t.text for t in self.toks[s][i:j]]
        n = next((n for n in (1, 2) if len(words) > n and (named := self.mentions.lexicon_name(" ".join(words[:n])))
                  and named[0] in ("company", "brand")), 0)
        town = " ".join(words[n:])
        text = self.parsed.text
        placed = any(re.search(r"\b(?:in|near|outside)\s+$", text[max(0, a - 12):a]) for a, _ in word_spans(text, town, ""))\
            or any(a == 0 or text[a - 1] == "\n" for a, _ in word_spans(text, town.upper(), ""))
        if not n or not (town in self.lex.cities or any(f.kind == "city" and f.label == town for f in self.mentions.found)
                         or placed and known_town(town)):  # 'a plant in Montgomery', a dateline 'MONTGOMERY, Ala.'
            return False
        operator = self.mentions.lexicon_mention(s, i, i + n, *self.mentions.lexicon_name(" ".join(words[:n])))
        self.mentions.add(s, i, j, "plant", core=self.mentions.span_text(s, i, j), surface=self.mentions.span_text(s, i, j),
                          proper_head=False, prefix_head=False, operator=operator)
        if town in self.lex.cities:
            self.mentions.lexicon_mention(s, i + n, j, "city", town)
        else:
            self.mentions.add(s, i + n, j, "city", label=town, country=self.town_country(s, j, town))
        return True

    def listed(self, s: int) -> None:
        """'Daimler Truck's Mannheim, Kassel and Gaggenau plants', 'its Burnaston and Deeside factories': each name of
        the list is a plant named by its town, the possessor's when a company or brand owns the list."""
        sentence = self.parsed.sentences[s]
        for m in LISTED_PLANTS.finditer(sentence.text):
            names = [n for n in LIST_SPLIT.split(m.group("names")) if n]
            spans = []
            for name in names:
                start = sentence.start + m.start("names") + m.group("names").index(name)
                first, last = self.mentions.token_range(s, start, start + len(name))
                if any(f.kind != "city" for f in self.mentions.overlapping(s, first, last)) \
                        or not (name in self.lex.cities or self.unknown_words(name.split())):
                    break
                spans.append((first, last, name))
            else:
                owner = next((f for f in self.mentions.found if f.sentence == s and f.kind in ("company", "brand")
                              and f.end == sentence.start + m.start("names") - len(m.group("owner") or "")), None) \
                    if m.group("owner") else None
                for first, last, name in spans:
                    self.mentions.add(s, first, last, "plant", core=name, surface=f"{name} plant",
                                      **({"operator": owner} if owner else {}))
                    if not any(f.sentence == s and f.first == first and f.kind == "city" for f in self.mentions.found):
                        self.mentions.add(s, first, last, "city", label=name, country=self.town_country(s, last, name))

    def unnamed(self, s: int, runs: list[tuple[int, int]]) -> None:
        """'its new plant in Szeged', 'a plant at Valdoro in Tamil Nadu' names a plant by its town.

        After a named plant, '..., its plant in Georgetown' is that plant again, and says where it stands.
        """
        toks = self.toks[s]
        for k, tok in enumerate(toks[:-2]):
            named_by_owner = next((f for f in self.mentions.found if f.sentence == s and f.kind == "plant" and f.anaphor
                                   and f.last == k + 1 and f.operator is not None and f.refers is None), None)
            if named_by_owner is not None and toks[k + 1].lower_ in ("in", "at") and k + 2 < len(toks) \
                    and self.place_after(s, k + 2, runs) is not None and self.new_town(s, k + 2, named_by_owner):
                self.mentions.found.remove(named_by_owner)  # 'The PowerCo plant in St. Thomas' is named by its town
            if tok.lower_ not in self.lex.cue("plant_heads") or self.mentions.covered(s, k):
                continue
            at = k + 2 if toks[k + 1].text == "," else k + 1
            owner = next((f for f in self.mentions.found
                          if f.sentence == s and f.first == at + 1 and f.kind in ("company", "brand")),
                         None) if toks[at].lower_ == "of" else None
            if owner is not None:  # 'the plant of Mercedes-Benz in Tuscaloosa'
                at = owner.last
            else:  # 'the Volkswagen plant in Puebla'
                owner = next((f for f in self.mentions.found
                              if f.sentence == s and f.last == k and f.kind in ("company", "brand")), None)
            if at + 1 >= len(toks) or toks[at].lower_ not in ("in", "at", "of") or \
                    (toks[at].lower_ == "of" and owner is not None) or (place := self.place_after(s, at + 1, runs)) is None:
                continue
            last, town = place
            city = self.mentions.span_text(s, at + 1, last)
            if (apposed := self.apposed_plant(s, k)) is not None:
                self.mentions.add(s, k, k + 1, "plant", anaphor=True, town=city, refers=apposed)
            else:
                by_owner = owner is not None and owner.last == k
                owned = [f"{self.mentions.span_text(s, owner.first, owner.last)} {tok.text}"] if by_owner else []
                self.mentions.add(s, k - 1 if owner and k and toks[k - 1].lower_ == "the" else k, last, "plant",
                                  core=city, surface=f"{city} plant", proper_head=False, prefix_head=False,
                                  aliases=self.described_names(s, k, city) + owned,  # 'the PowerCo plant in St. Thomas'
                                  **({"operator": owner} if owner else {}))
            if town is None and city in self.lex.cities:
                self.mentions.lexicon_mention(s, at + 1, last, "city", city)
            elif town is None:
                self.mentions.add(s, at + 1, last, "city", label=city, country=self.town_country(s, last, city))

    def anaphora(self) -> None:
        """'the plant', 'this site', 'the $7.6 billion factory' (singular, definite) refer to a plant of the text."""
        cues = self.lex.cues
        for s, toks in enumerate(self.toks):
            for k, tok in enumerate(toks[1:], start=1):
                if tok.text not in cues["plant_anaphora"] or self.mentions.covered(s, k) \
                        or (k + 1 < len(toks) and toks[k + 1].text in ("-", "manager", "director")):
                    continue
                first = k - 1
                while first > max(k - 5, 0) and self.plant_modifier(toks[first]):
                    first -= 1
                if toks[first].lower_ in ("the", "this", "its", "our"):
                    self.mentions.add(s, first, k + 1, "plant", anaphor=True,
                                      phrase=" ".join(t.lower_ for t in toks[first + 1:k]))
                elif (apposed := self.apposed_plant(s, k)) is not None:  # ', Volvo's oldest factory,'
                    self.mentions.add(s, k, k + 1, "plant", anaphor=True, refers=apposed)

    def aliases(self) -> None:
        """'the site goes by the name Ampere ElectriCity', 'the plant that GM calls Factory Zero': that name, and the
        name without its company ('ElectriCity'), denote the plant named before it wherever the text uses them."""
        cue = re.compile(r"\b(?:goes by the name|is known as|known as|is now called|now called|is called|renamed|dubbed|"
                         r"(?:now\s+)?calls)\s+")  # 'the plant that GM now calls Factory Zero'
        aliases: dict[str, Found] = {}
        legal_forms = "|".join(re.escape(form) for form in self.lex.cue("legal_forms"))  # 'Porsche Leipzig GmbH' is a company
        for s, sentence in enumerate(self.parsed.sentences):
            for m in cue.finditer(sentence.text):
                toks = self.toks[s]
                first, _ = self.mentions.token_range(s, sentence.start + m.end(), sentence.start + m.end() + 1)
                last = first
                while last < len(toks) and toks[last].text[:1].isupper():
                    last += 1
                plant = next((f for f in reversed(self.mentions.found) if f.sentence == s and f.kind == "plant"
                              and f.end <= sentence.start + m.start()), None)
                if plant is None or last == first or self.mentions.covered(s, first):
                    continue
                company = next((f for f in self.mentions.found if f.sentence == s and f.first == first
                                and f.kind in ("company", "brand")), None)
                aliases[self.mentions.span_text(s, first, last)] = plant
                if company is not None and company.last < last:
                    aliases[self.mentions.span_text(s, company.last, last)] = plant
        for f in [f for f in self.mentions.found if f.kind == "plant" and not f.anaphor and f.core is not None]:
            words = f.core.split()  # 'Renault's Ampere ElectriCity plant' ... 'ElectriCity'
            named = self.mentions.lexicon_name(words[0])
            rest = " ".join(words[1:])
            if len(words) < 2 or not named or named[0] not in ("company", "brand"):
                continue
            aliases.setdefault(f.core, f)  # 'Audi Brussels' of 'the Audi Brussels plant', as a title may call it
            if not self.mentions.lexicon_name(rest) and rest not in self.lex.subdivisions and not rest.replace(" ", "").isupper():
                aliases.setdefault(rest, f)
        for name, plant in sorted(aliases.items(), key=lambda item: -len(item[0])):
            for s, sentence in enumerate(self.parsed.sentences):
                for start, end in word_spans(sentence.text, name):
                    if re.match(rf"\s+(?:{legal_forms})\b", sentence.text[end:]):
                        continue
                    first, last = self.mentions.token_range(s, sentence.start + start, sentence.start + end)
                    if not any(self.mentions.covered(s, k) for k in range(first, last)):
                        self.mentions.add(s, first, last, "plant", anaphor=True, refers=plant, alias=True)

    def pronouns(self) -> None:
        """'The Sanand facility ... rolled out 1.8 lakh vehicles. It builds ...': 'It' before a production verb
        is the plant that opened the sentence before."""
        produce = self.lex.cue("produce_cues")
        for s, toks in enumerate(self.toks[1:], start=1):
            verb = 1  # 'It builds', 'It also builds', 'It has been building'
            while verb < min(len(toks), 4) and toks[verb].lower_ in ("also", "now", "still", "currently", "has", "been",
                                                                     "long", "is", "already"):
                verb += 1
            if not toks or toks[0].text != "It" or len(toks) <= verb or not self.mentions.phrase_at(s, verb, produce):
                continue
            subject = next((f for f in self.mentions.found if f.sentence == s - 1 and f.kind == "plant"
                            and f.first <= 1), None)
            if subject is not None:
                self.mentions.add(s, 0, 1, "plant", anaphor=True, refers=subject)

    def named_anaphor(self, f: Found) -> bool:
        """'The VinFast plant', 'the Verkor gigafactory': an anaphor named by the plant's company, one of its names;
        not 'the plant', 'the new factory', 'the Spanish site' or 'the Lower Saxony plant'."""
        words = re.sub(r"^(?:the|its|their|this|that)\s+", "", self.parsed.text[f.start:f.end], flags=re.IGNORECASE).split()
        lex, name = self.lex, " ".join(words[:-1])
        return len(words) > 1 and words[-1] in lex.cue("plant_heads") and name not in lex.subdivisions \
            and name not in lex.countries and all(w[:1].isupper() and w not in lex.country_adjectives
                                                  and w not in lex.region_adjectives for w in words[:-1])

    def antecedent(self, f: Found, named: list[Found]) -> Found | None:
        """The plant an anaphor in a later sentence takes: the last one named, unless that one was named in one sentence
        only, in passing, while the text keeps returning to another ('safeguard jobs at X and at a plant in Y. The site
        ...', 'the second, Gigafactory 2, is a Tesla plant in Buffalo. ... the governor toured the plant')."""
        before = [g for g in self.mentions.found if g.kind == "plant" and g.key and g.start < f.start]
        last = next((g for g in reversed(named) if g.start < f.start), None)
        if last is None:  # 'in Bourbourg' named the plant only by its town before: that one, else the first named
            return next((g for g in before if g.anaphor), None) or (min(named, key=lambda g: g.start) if named else None)
        counts = {g.key: len({h.sentence for h in before if h.key == g.key}) for g in before}
        main = max(before, key=lambda g: (counts[g.key], g.start))
        if last.sentence < f.sentence and counts.get(last.key, 0) == 1 and counts[main.key] >= 2 \
                and main.key != last.key and not self.mentions.phrase_at(f.sentence, f.last, ("in", "at", "near")):
            return main
        return last

    def owners(self, plant: Found, named: list[Found]) -> set[str]:
        """The companies and brands a plant's names give it: 'Kia's Valdoro plant', 'the Kia Valdoro plant'."""
        text, found = self.parsed.text, self.mentions.found
        return {o.label for g in named if g.key == plant.key for o in found
                if o is g.operator or o.kind in ("company", "brand") and o.sentence == g.sentence
                and re.fullmatch(r"(?:[’']s|(?<=s)[’'])\s+", text[o.end:g.start])}

    def plant_modifier(self, tok: Token) -> bool:
        """Words that may stand between 'the' and 'plant' and keep it the plant in focus: 'new', '$', '7.6', 'billion',
        'EV', 'Belgian'."""
        if tok.lower_ in self.lex.cue("other_plant_words") or tok.is_stop:
            return False
        return (bool(re.fullmatch(r"[a-z][a-z-]*|[\d.,]+|[$€£¥]", tok.text)) or tok.text in self.lex.cue("powertrains")
                or tok.text in self.lex.country_adjectives or tok.text in self.lex.region_adjectives)

    def resolve(self) -> None:
        """Group plant names by shared core ('Douai' ⊂ 'Ampere Douai'); anaphora take the last plant named.

        'The former Fiesta factory' names a plant by what it once made: it is the plant of the text, not another.
        """
        plants = [f for f in self.mentions.found if f.kind == "plant" and not f.anaphor]
        if any(not f.former for f in plants):
            for f in plants:
                f.anaphor = f.former
        for f in self.mentions.found:  # 'X, its plant in Georgetown': a later 'Georgetown factory' is X
            if f.kind == "plant" and f.town is not None:
                for g in plants:
                    if g.core == f.town and g is not f.refers:  # 'Oshawa Assembly, its plant in Oshawa' is itself
                        g.anaphor, g.refers = True, f.refers
        named = [f for f in plants if not f.anaphor]
        cores = sorted({f.core for f in named}, key=lambda c: (-len(c.split()), c))
        towns = set(self.lex.cities) | {f.label for f in self.mentions.found if f.kind == "city"}  # the text's too
        towns_in = {core: {t for t in towns if next(word_spans(core, t), None)}  # 'Bowling Green' of 'Bowling Green
                    for core in {*cores, *(c.replace("-", " ") for c in cores)}}  # Assembly', each core once
        for f in named:
            words = f.core.replace("-", " ").split()
            rep = next(c for c in cores if c.replace("-", " ").split()[-len(words):] == words
                       or towns_in[f.core.replace("-", " ")] & towns_in[c])
            members = [g for g in named if g.core == rep]
            best = next((g for g in members if g.proper_head), None) or \
                next((g for g in members if g.prefix_head), None)
            label = best.surface if best else f"{rep} Plant"
            f.key = self.registry.add("plant", label, name=f.surface, slug_name=rep)
            # a factory of another kind in a plant's town is not its name; 'the PowerCo plant in St. Thomas' is
            first = f is min(members, key=lambda g: g.start)
            owner = self.parsed.text[f.operator.start:f.operator.end] + " " if f.operator is not None else None
            for alias in (a for a in f.aliases if first or owner and a.startswith(owner)):
                self.registry.add("plant", label, name=alias, slug_name=rep)
            self.core[f.key] = rep
        found = self.mentions.found
        for f in found:
            if f.kind == "city" and not any(g.kind == "plant" and g.start <= f.start < g.end for g in found):
                home = [g for g in named if f.label in g.core.replace("-", " ").split()]
                head = self.parsed.text[max(self.parsed.sentences[f.sentence].start, f.start - 40):f.start]
                appositive = re.search(r"\b(?:city|town)\s+of\s+$", head) or re.search(r"\b(?:in|near|at)\s+$", head) and any(
                    g.sentence == f.sentence and 0 <= f.start - g.end <= 40 for g in found if g.kind == "plant")
                seat = re.search(r"\b(?:founded|headquartered|based|born|registered)\s+in\s+$", head)  # the company's town
                if home and not appositive and not seat:
                    f.kind, f.anaphor, f.key = "plant", True, home[0].key
        for f in (f for f in found if f.kind == "plant" and f.anaphor and not f.key and f.refers is None):
            f.refers = next((g for g in named if g.sentence == f.sentence and g.start >= f.end  # 'a second Kia factory,
                             and re.fullmatch(r",\s+(?:the\s+)?", self.parsed.text[f.end:g.start])), None)  # the X Plant'
        for f in sorted((f for f in found if f.kind == "plant" and f.anaphor and not f.key), key=lambda f: f.start):
            target = f.refers  # an apposition, or 'It' after a plant subject: resolved before it
            if target is None or not target.key:
                target = self.antecedent(f, named)
            kinds = [w for w in f.phrase.split() if w in self.lex.cue("component_modifiers")]
            if target is not None and f.refers is None and kinds and not any(  # 'its battery plant' after a car plant
                    k in n.lower().split() for k in kinds for n in self.registry.entities[target.key].names):
                self.mentions.unresolved.append((f.start, f.end, "a plant of another kind than the one in focus"))
                continue
            owners = self.owners(target, named) if target is not None else set()
            if f.refers is None and f.operator is not None and owners and f.operator.label not in owners:
                self.mentions.unresolved.append((f.start, f.end, "a plant of another company than the one in focus"))
                continue  # 'Hyundai Montgomery ... and the Kia plant in Georgia'
            before = self.parsed.text[max(0, f.start - 12):f.start]
            if f.refers is None and (ANOTHER.search(before) or f.operator is not None and A_PLANT.search(before)):
                self.mentions.unresolved.append((f.start, f.end, "another plant than the one in focus"))
            elif target is None:
                self.mentions.unresolved.append((f.start, f.end, "no plant to refer to"))
            else:
                f.key = target.key
                if f.alias or self.named_anaphor(f):  # a site name, or 'the VinFast plant', is one of the plant's names
                    self.registry.add("plant", self.registry.label(f.key), name=self.parsed.text[f.start:f.end],
                                      slug_name=self.registry.slug(f.key))
