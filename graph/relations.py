"""Relations between the names of a sentence: membership, plants and their models, places, platforms, visits, markets."""

from __future__ import annotations

import re
from functools import cache

from evkg.graph.gazetteer import country_of
from evkg.graph.lexicon import alternation, lexicon, words_re
from evkg.graph.markets import Markets
from evkg.graph.mentions import Found
from evkg.graph.model_facts import ModelFacts
from evkg.graph.ownership import BrandOwnership
from evkg.graph.plant_facts import PlantFacts
from evkg.graph.production import ModelProduction
from evkg.graph.records import Fact
from evkg.graph.resolve import Registry
from evkg.graph.text import Parsed, word_spans
from evkg.graph.visits import PlantVisits

ORGS = ("company", "alliance", "board", "brand")
# a hyphenated electric prefix or suffix in a model's name: 'e-Partner', 'ë-Berlingo', 'E-Doblo', 'Combo-e'
ELECTRIC_NAME = re.compile(r"(?:^|\s)[eEë]-(?!(?:Class|Pace|Type|Series|Tech)\b)[A-Z0-9]|-e$")  # not 'E-Class'
QUOTES = str.maketrans({q: " " for q in '"“”„«»'})
# a plant named for batteries or cells makes them for vehicle models, not the models: 'the Kamenz battery plant'
CELL_PLANT = re.compile(r"\b(?:[Bb]attery|[Cc]ells?)\b")


class Relations(PlantFacts, ModelProduction, ModelFacts, BrandOwnership, PlantVisits, Markets):
    """Turns the mentions of each sentence into facts; shared by the quantity rules in graph.facts."""

    def __init__(self, parsed: Parsed, registry: Registry, found: list[Found]) -> None:
        self.parsed, self.registry, self.found = parsed, registry, found
        self.texts = [sentence.text.translate(QUOTES) for sentence in parsed.sentences]  # what every rule reads
        self.lex = lexicon()
        self.facts: list[Fact] = []
        self.name_cities: set[tuple[str, str]] = set()  # (plant, city) read off the plant's name only
        self.warnings: list[str] = []

    # -- helpers -------------------------------------------------------------------------------
    def fact(self, subject: str, predicate: str, obj: str, sentence: int, kind: str = "entity",
             datatype: str | None = None) -> None:
        new = Fact(subject, predicate, str(obj), kind, sentence, datatype)  # type: ignore[arg-type]
        if new not in self.facts:
            self.facts.append(new)

    def has(self, subject: str, predicate: str) -> bool:
        return any(f.subject == subject and f.predicate == predicate for f in self.facts)

    def mentions(self, s: int, *kinds: str) -> list[Found]:
        return [f for f in self.found if f.sentence == s and f.kind in kinds]

    def orgs(self, s: int, *kinds: str) -> list[Found]:
        """Organisation mentions of a sentence, leaving out brands that are part of a model's name."""
        return [f for f in self.mentions(s, *(kinds or ORGS)) if f.of_model is None]

    def sentence_text(self, s: int) -> str:
        """The sentence with its double quotes blanked (offsets kept): 'the fuel cell sedan "Toyota Mirai"' reads as
        'the fuel cell sedan  Toyota Mirai ' to every rule."""
        return self.texts[s]

    def local(self, s: int, f: Found) -> tuple[int, int]:
        """A mention's offsets relative to its sentence."""
        base = self.parsed.sentences[s].start
        return f.start - base, f.end - base

    def future(self, text: str) -> bool:
        """Whether a stretch of text speaks of the future ('will', 'is to', 'may'); the month 'May 2024' does not."""
        return words_re(self.lex.cue("future_cues")).search(re.sub(r"\bMay(?=\s+\d)", "", text)) is not None

    def plant_at(self, s: int, char: int | None = None) -> str | None:
        """The plant a stretch of sentence `s` is about: the nearest plant mentioned before `char`, else in focus."""
        here = self.mentions(s, "plant")
        if char is not None:
            before = [f for f in here if self.local(s, f)[0] <= char]
            here = before or here
        if here:
            return here[-1].key
        earlier = [f for f in self.found if f.kind == "plant" and f.sentence < s]
        if earlier:
            return earlier[-1].key
        return next((f.key for f in self.found if f.kind == "plant"), None)

    def organisation(self, f: Found) -> str:
        """The organisation a mention stands for; a brand stands for the company that owns it."""
        if f.kind != "brand":
            return f.key
        label = self.registry.label(f.key)
        owner = self.lex.brand_owner.get(label, label)
        # 'Volkswagen's plant': the group is called by its namesake brand, which becomes one of its names
        return self.registry.add("company", owner, name=label if owner.startswith(label + " ") else None)

    # -- rules ---------------------------------------------------------------------------------
    def run(self) -> None:
        for s in range(len(self.parsed.sentences)):
            self.organisations(s)
            self.ownership(s)
            self.plants(s)
            self.production_of_models(s)
            self.facilities(s)
            self.platforms(s)
            self.visits(s)
            self.markets(s)
            self.exports(s)
            self.characterisations(s)

    def organisations(self, s: int) -> None:
        text = self.sentence_text(s)
        for f in self.mentions(s, "alliance"):
            for member in f.members:
                self.fact(f.key, "hasMember", self.registry.add("company", member), s)
        for board in self.mentions(s, "board"):
            prefix = board.prefix.split()[0]
            governed = [g for g in self.found if g.kind in ("alliance", "company") and g.key and
                        (self.registry.label(g.key).startswith(prefix) or prefix in self.lex.alliance_heads
                         and g.kind == "alliance")]
            if governed:
                self.fact(board.key, "governs", governed[0].key, s)
            cue = words_re([f"{w} of" for w in self.lex.executive_words]).search(text, self.local(s, board)[1])
            if cue:
                clause_end = next((m.start() for m in re.finditer(r"[;.]|,\s+(?:recently\s+)?[a-z]+ed\b", text)
                                   if m.start() > cue.end()), len(text))
                for c in self.mentions(s, "company", "brand"):
                    if cue.end() <= self.local(s, c)[0] < clause_end:
                        self.fact(board.key, "comprisesExecutivesOf", self.organisation(c), s)

    def facilities(self, s: int) -> None:
        for facility in self.mentions(s, "facility"):
            if facility.key:
                self.fact(facility.plant, "hasPart", facility.key, s)

    def platforms(self, s: int) -> None:
        text = self.sentence_text(s)
        platforms = self.mentions(s, "platform")
        plants = self.mentions(s, "plant")
        for platform in platforms:
            if plants:
                self.fact(plants[0].key, "usesPlatform", platform.key, s)
            start = self.local(s, platform)[0]
            cue = re.search(r"(?:based on|built on|underpinned by|(?:rides?|riding|sits?|sitting)\s+on|uses?|using|"
                            r"(?P<share>share|shares|sharing)(?=\s+(?:the\s+|its\s+|a\s+(?:common\s+)?)?$)|(?P<first>(?:model|vehicle|car)\s+on))\s+(?:the\s+|its\s+)?[^,;]*$",
                            text[:start])
            models = [m for m in self.mentions(s, "model") if cue and self.local(s, m)[1] <= cue.start()]
            if cue and not models:  # 'All three are to be built on P': the models just named
                models = self.models_referred(s, text[:cue.start()])
            end = self.local(s, platform)[1]
            same = re.match(r"\s+(?:platform|architecture)?\s*as\s+", text[end:]) if cue and text[:start].endswith("same ") else \
                re.match(r"\s+(?:platform|architecture)?\s*with\s+", text[end:]) if cue and cue.group("share") else None
            if same:  # 'X uses the same P platform as Y and Z', 'X shares the P platform with Y': Y and Z are built on it too
                stop = re.search(r"[;.]|,\s+(?:which|that|while|but)\b|$", text[end + same.end():]).start() + end + same.end()
                models += [m for m in self.mentions(s, "model") if end + same.end() <= self.local(s, m)[0] < stop]
            for model in models[-1:] if cue and cue.group("first") else models:  # 'X, the first model on P'
                self.fact(model.key, "basedOnPlatform", platform.key, s)

    def models_referred(self, s: int, subject: str) -> list[Found]:
        """'Both', 'All three', 'They', 'The two new models' as the whole subject: the models just named ('Both plants'
        are not). 'They' are those of the sentence before; a count must match the models of the sentence before, or of
        the two before."""
        counts, nouns = self.lex.cue("count_words"), "|".join(self.lex.vehicle_nouns())
        m = re.fullmatch(rf"(?:(?:All\s+(?P<all>{'|'.join(counts)})|(?P<both>Both))(?:\s+(?:[a-z-]+\s+)?(?:{nouns}))?|"
                         rf"(?P<they>They|All of them)|The\s+(?P<the>{'|'.join(counts)})\s+(?:[a-z-]+\s+)?(?:{nouns}))"
                         r"(?:\s+(?:are|were|will|would|is|to|be|all|also|now|both|currently|each))*\s*", subject)
        for back in (1, 2) if m else ():
            window = sorted((f for b in range(1, back + 1) if s - b >= 0 for f in self.current_models(s - b)),
                            key=lambda f: f.start)
            named = list({f.key: f for f in window}.values())
            size = len(named) if m.group("they") else 2 if m.group("both") else counts[m.group("all") or m.group("the")]
            if named and size == len(named):
                return named
            if m.group("they"):
                break
        return []

    def subsidiary(self, company: str, group: str) -> bool:
        """Whether one operator is a company of another's group: its parent in the lexicon, or named after it
        ('Volkswagen Group of America', 'BMW Manufacturing', 'Kia Slovakia' of a group the lexicon knows)."""
        name, group_name = self.registry.label(company), self.registry.label(group)
        known = set(self.lex.companies.values())
        return company != group and (self.lex.company_parent.get(name) == group_name or name.startswith(group_name + " ")
                                     or name.split()[0] == group_name.split()[0] and group_name in known and name not in known)

    def finish(self) -> None:
        """A city stated in the text beats one read off the plant's name, unless only that one is a known city; a
        company of a group beats the group as operator; a battery plant builds no models; platforms of plants from
        their models'; powertrains of models from their names or plant."""
        stated = {(f.subject, f.object) for f in self.facts if f.predicate == "city"} - self.name_cities
        known = self.lex.cities  # a town guessed from 'its Mulhouse plant in Alsace, France' loses to the known one
        guessed = {(q, d) for q, d in stated if self.registry.label(d) not in known
                   and any(p == q and self.registry.label(c) in known for p, c in self.name_cities)}
        overruled = guessed | {(p, c) for p, c in self.name_cities if any(q == p for q, _ in stated - guessed)}
        self.facts = [f for f in self.facts if not (f.predicate == "city" and (f.subject, f.object) in overruled)]
        self.gazetteer_countries()
        operated = [f for f in self.facts if f.predicate == "operatedBy"]
        groups = {(f.subject, g.object) for f in operated for g in operated  # 'BMW's plant' run by 'BMW Manufacturing'
                  if f.subject == g.subject and self.subsidiary(f.object, g.object)}
        self.facts = [f for f in self.facts if not (f.predicate == "operatedBy" and (f.subject, f.object) in groups)]
        self.facts = [f for f in self.facts if not (f.predicate == "produces" and self.cell_plant(f.subject, f.sentence))]
        based_on = [f for f in self.facts if f.predicate == "basedOnPlatform"]
        for made in [f for f in self.facts if f.predicate == "produces"]:  # a plant uses the platforms of its models
            for platform in (f for f in based_on if f.subject == made.object):
                self.fact(made.subject, "usesPlatform", platform.object, platform.sentence)
        all_electric = {f.subject for f in self.facts if f.predicate == "allElectricSince"}
        for found in self.found:
            if found.kind != "model" or self.has(found.key, "powertrain"):
                continue
            powertrain = self.suffix_powertrain(self.registry.label(found.key)) or self.lex.suffix_powertrain.get(
                found.suffix or "")
            produced_at = [f for f in self.facts if f.predicate == "produces" and f.object == found.key
                           and f.subject in all_electric]
            if powertrain:
                self.fact(found.key, "powertrain", powertrain, found.sentence, "individual")
            elif produced_at:
                self.fact(found.key, "powertrain", "BatteryElectric", produced_at[0].sentence, "individual")

    def suffix_powertrain(self, name: str) -> str | None:
        """The powertrain a model's name spells out, its longest suffix first: 'Explorer Plug-In Hybrid' (any case),
        'e-Partner', 'Combo-e'."""
        spelt = next(((suffix, powertrain) for suffix, powertrain in self.lex.powertrain_suffixes
                      if name.lower().endswith(" " + suffix)), None)
        if spelt is not None:
            return spelt[1]
        return "BatteryElectric" if ELECTRIC_NAME.search(name) else None

    def subdivisions_named(self) -> set[str]:
        """The states and provinces the text names, in full or as a dateline abbreviates them (', Ky.')."""
        text, lex = self.parsed.text, self.lex
        abbreviated = _after_a_comma(tuple(lex.subdivision_abbreviations)).findall(text)
        return {name for name in lex.subdivisions if next(word_spans(text, name), None)} | {
            lex.subdivision_abbreviations[short] for short in abbreviated}

    def cell_plant(self, plant: str, s: int) -> bool:
        """Whether sentence `s` calls a plant only by a battery or cell plant's name ('the Kamenz battery plant'), or the
        text never names it otherwise: such a plant makes packs and cells for models, not the models."""
        here = [f for f in self.mentions(s, "plant") if f.key == plant] or [
            f for f in self.found if f.kind == "plant" and f.key == plant and not f.anaphor]
        return bool(here) and all(CELL_PLANT.search(self.parsed.text[f.start:f.end]) for f in here)

    def gazetteer_countries(self) -> None:
        """A plant in a town the text gives no country takes the town's country from the gazetteer: a town of that
        name in a country the text names (or the country of a state or province it names: 'BOWLING GREEN, Ky.'),
        else only a large town whose namesakes are all much smaller."""
        named = sorted({self.registry.label(f.key) for f in self.found if f.kind == "country" and f.key}
                       | {self.lex.subdivisions[name] for name in self.subdivisions_named()})
        for city_fact in [f for f in self.facts if f.predicate == "city"]:
            plant, city = city_fact.subject, city_fact.object
            if self.has(plant, "country") or self.has(city, "country"):
                continue
            found = country_of(self.registry.label(city), named)
            if found is None:
                continue
            country = self.registry.add("country", self.lex.countries.get(found, found))
            self.fact(city, "country", country, city_fact.sentence)
            self.fact(plant, "country", country, city_fact.sentence)


@cache
def _after_a_comma(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of these names after a comma (', Ky.'), as one pattern built once."""
    return re.compile(rf",\s+({alternation(names)})")
