"""Relations between the names of a sentence: membership, plants and their models, places, platforms, visits, markets."""

from __future__ import annotations

import re

from evkg.graph.gazetteer import country_of
from evkg.graph.lexicon import lexicon, words_re
from evkg.graph.mentions import LIST_JOIN, Found
from evkg.graph.ownership import BrandOwnership
from evkg.graph.plant_facts import PlantFacts
from evkg.graph.production import ModelProduction
from evkg.graph.records import Fact
from evkg.graph.resolve import Registry
from evkg.graph.text import Parsed
from evkg.graph.visits import PlantVisits

ORGS = ("company", "alliance", "board", "brand")
# 'the brand's', 'its': a maker named before, which adds nothing to what is said of its model ('Kia's' is kept as written)
COPULA_SUBJECT = re.compile(r"(?:^|[,;:]\s+)(?:the\s+)?$", re.IGNORECASE)  # the model opens its clause
APPOSED_CLAUSE = re.compile(r",\s+(?:the|a|an)\s+[^,;]{0,40}?\s+(?:that|which)\s+")  # ', the plug-in SUV that '
ADJECTIVE_COMMA = r"(?:,(?!\s+(?:and|or|the|a|an|which|who|that|while|but|its|their)\b))?"  # 'driverless, battery-powered'
EXPORTED_TO = re.compile(r"\b(?:for\s+export|exported|to\s+export|to\s+supply|supplies|will\s+supply)\s+"
                         r"(?:(?:from\s+\w+\s+)?(?:to\s+)?)(?:other\s+countries\s+in\s+|the\s+whole\s+of\s+|the\s+)?$")
EXPORTS = re.compile(r"\b(?:export|exported|exporting|exports|shipped|shipping|ships|go|goes|(?:will|to|are\s+to)\s+be\s+sold)\b")
UNDECIDED = re.compile(r"\b(?:whether|considering|studying|weighing|mulling|could|might|may)\b[^,;]*$")
# what the plant sends: 'most of its cars', 'units of the plant's production'
PLANT_OUTPUT = re.compile(r"\b(?:its|the\s+(?:plant|factory|site)[’']s)\s+(?:[\w-]+\s+)?(?:cars|vehicles|output|production)\b|"
                          r"\b(?:output|production)\b")
# what may stand between such a verb, the models and the places: 'to other markets of the', 'to business customers across'
EXPORT_GAP = re.compile(r"(?:\s+|,|\b(?:and|the|to|in|across|into|other|markets?|countries|customers|buyers|business|of|"
                        r"region)\b)*")
OWNER_ANAPHOR = r"(?:the\s+(?:brand|company|group|carmaker|automaker|manufacturer|maker)[’']s|its|their)"


class Relations(PlantFacts, ModelProduction, BrandOwnership, PlantVisits):
    """Turns the mentions of each sentence into facts; shared by the quantity rules in graph.facts."""

    def __init__(self, parsed: Parsed, registry: Registry, found: list[Found]) -> None:
        self.parsed, self.registry, self.found = parsed, registry, found
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
        return self.parsed.sentences[s].text

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

    def markets(self, s: int) -> None:
        """'EVs tailored to European consumers', 'share of the European EV market': the subject targets a region."""
        text = self.sentence_text(s)
        cues = "|".join(self.lex.cue("market_cues"))
        for region in self.mentions(s, "region"):
            start, end = self.local(s, region)
            after = re.match(rf"(?:\s+[\w-]+)?\s+(?:{cues})\b", text[end:])
            before = re.search(rf"\b(?:{cues})\s+(?:in|across)\s+(?:the\s+)?$", text[:start])  # 'customers in the ASEAN region'
            exported = EXPORTED_TO.search(text[:start])  # 'for export to the ASEAN countries', 'to supply the whole of X'
            if exported and not self.mentions(s, "model") and (plant := self.plant_at(s)) is not None:
                self.fact(plant, "targetMarket", region.key, s)
                continue
            if not (after or before):
                continue
            subjects = [o for o in self.orgs(s, "alliance", "company", "brand") + self.mentions(s, "model")
                        if self.local(s, o)[1] <= start and not re.match(r"[’']s\b", text[self.local(s, o)[1]:])]
            subjects.sort(key=lambda o: o.start)  # the nearest before the region, a possessive ('Kia's') left out
            if subjects:
                subject = subjects[-1]
                self.fact(self.organisation(subject) if subject.kind != "model" else subject.key,
                          "targetMarket", region.key, s)

    def exports(self, s: int) -> None:
        """'exporting the X to Africa, the Middle East and South America', 'sold in Indonesia and shipped to other
        markets of the ASEAN region', 'units of the plant's production go to Europe': the places a verb of export or
        sale sends to are markets of the models named between the verb and them, else of the plant in focus when what
        is sent is its output and the sentence names no model ('vehicles sold in the EU last year' are sales)."""
        text = self.sentence_text(s)
        named = sorted(self.mentions(s, "model", "region", "country"), key=lambda f: f.start)
        for cue in EXPORTS.finditer(text):
            if UNDECIDED.search(text, max(cue.start() - 40, 0), cue.start()):  # 'studying whether to export X to Y'
                continue
            at, models, places = cue.end(), [], []
            for f in (f for f in named if self.local(s, f)[0] >= at):
                start, end = self.local(s, f)
                if not EXPORT_GAP.fullmatch(text, at, start) or f.kind == "model" and places:
                    break
                (models if f.kind == "model" else places).append(f)
                at = end
            sent_to = [p for p in places if re.search(r"\b(?:to|in|across|into)\b", text[cue.end():self.local(s, p)[0]])]
            subjects = [m.key for m in models] or ([self.plant_at(s)] if not self.mentions(s, "model")
                                                   and PLANT_OUTPUT.search(text, 0, cue.start()) else [])
            for subject in subjects if sent_to else []:
                for place in sent_to:
                    if subject is not None:
                        self.fact(subject, "targetMarket", place.key, s)

    def characterisations(self, s: int) -> None:
        """Brand of each model, descriptive phrases ('the next-generation X', 'the latter marking Y's first SUV'), body types."""
        text = self.sentence_text(s)
        models = self.mentions(s, "model")
        for model in models:
            start, end = self.local(s, model)
            if model.brand:
                self.fact(model.key, "brand", self.registry.add("brand", model.brand), s)
            if self.registry.label(model.key).split()[-1] in self.lex.cue("body_types"):  # 'Mercedes-Benz EQS SUV'
                self.body_types(model.key, self.registry.label(model.key).split()[-1], s)
            if model.described_as is not None:  # 'The compact SUV is ...', 'Both electric SUVs ...'
                self.body_types(model.key, model.described_as, s)
                self.powertrains(model.key, model.described_as, s)
            self.stated_powertrain(model.key, text[:start], text[end:], s)
            version = re.search(r"\b(?:its|their|an?|the)\s+((?:[\w-]+\s+){1,2})version,?\s+(?:the\s+)?$", text[:start])
            if version:  # 'its estate version the Peugeot 508 SW', 'an electric version, the X'
                self.body_types(model.key, version.group(1), s)
                self.powertrains(model.key, version.group(1), s)
            cue = re.search(rf"(?:^|\s)(?:the\s+|a\s+|an\s+|its\s+)?({words_re(self.lex.cue('characterisations')).pattern})\s+$",
                            text[:start], re.IGNORECASE)
            if cue:
                self.fact(model.key, "characterisation", cue.group(1), s, "literal", "string")
            after = re.match(rf"\s*(?:,\s+(?:(?P<owned>{OWNER_ANAPHOR})|a|an|the)\s+((?:[\w-]+\s+){{0,2}}version\s+of\s+(?:the\s+|a\s+)?"
                             rf"(?:[\w-]+\s+){{0,2}}[\w-]+|(?:[\w-]+{ADJECTIVE_COMMA}\s+){{0,3}}[\w-]+)|((?:[a-z-]+\s+){{0,2}}[\w-]+))",
                             text[end:])  # 'an electric version of the SUV', 'a fully driverless, battery-powered shuttle'
            if after:
                self.body_types(model.key, after.group(2) or after.group(3), s)
            role = re.match(rf"({words_re(self.lex.cue('characterisations')).pattern})\s", after.group(2) or "", re.IGNORECASE) \
                if after and after.group("owned") else None
            if role:  # 'X, the brand's flagship electric SUV': its place in its maker's range
                self.fact(model.key, "characterisation", role.group(1), s, "literal", "string")
            shared = re.match(r"\s+and\s+(?:the\s+)?[^,;]+?\s([A-Z][A-Za-z]*s)\b", text[end:])  # 'X and Y SUVs'
            if shared and any(self.local(s, m)[0] > end for m in models) and shared.group(1) in self.lex.cue("body_types"):
                self.body_types(model.key, shared.group(1), s)
            if after and after.group(2):  # 'X, a plug-in hybrid': the longest powertrain phrase, not its last word
                self.powertrains(model.key, after.group(2), s)
        self.stated_of_list(s)
        ranks = self.lex.cue("rank_of_kind")  # 'the best-selling SUV in Europe' says where it sells, not a target
        firsts = "|".join(self.lex.cue("first_of_kind") + ranks)
        for m in re.finditer(rf"(?:marking|becoming|as|,|(?P<copula>\b(?:is|was|has\s+become|became|remains)"
                             rf"(?:\s+(?:also|now|today|already|still))?))\s+(?:the\s+|{OWNER_ANAPHOR}\s+)?"
                             rf"(?P<phrase>(?:[A-Z][\w-]*(?:\s[A-Z][\w-]*)*[’']s\s+)?(?:{firsts})\s[^,.;]*)", text):
            before = [f for f in models if self.local(s, f)[1] <= m.start()]
            if not before:
                continue
            head = text[:m.start()]
            target = before[0] if re.search(r"\bthe former\b", head) else before[-1]
            start, end = self.local(s, target)
            if m.group("copula"):  # 'The X is also the first ...', 'X, the SUV that has become the best-selling ...'
                if not (COPULA_SUBJECT.search(text[:start]) and not text[end:m.start()].strip()
                        or APPOSED_CLAUSE.fullmatch(text[end:m.start()])):
                    continue
            elif not re.search(r"\bthe (?:latter|former)\b", head) and end < m.start() - 2:
                continue
            phrase = m.group("phrase").strip()
            if re.search(r"\b(?:model|vehicle|car)\s+(?:on|to use|built on|based on)\b", phrase):
                continue  # 'the first model on Tata's platform' says what the platform carries, not what the car is
            self.fact(target.key, "characterisation", phrase, s, "literal", "string")
            self.body_types(target.key, phrase, s)
            powertrain = words_re(list(self.lex.cue("powertrains"))).search(phrase)
            if powertrain:
                self.fact(target.key, "powertrain", self.lex.cue("powertrains")[powertrain.group(0)], s, "individual")
            for region in self.mentions(s, "region") if not phrase.startswith(tuple(ranks)) else []:
                if m.start("phrase") <= self.local(s, region)[0] < m.end():
                    self.fact(target.key, "targetMarket", region.key, s)

    def stated_of_list(self, s: int) -> None:
        """'The X3, X5 and X7 are sport utility vehicles', 'two battery-electric models: the X and the Y': a body type
        or powertrain said of models named together, as the subject of 'is'/'are' or after a noun that sums them up."""
        text = self.sentence_text(s)
        models = sorted(self.current_models(s), key=lambda m: m.start)
        if not models:
            return
        joined = r"(?:\s*(?:,|and|the|both)\s*)*"
        powered = words_re(list(self.lex.cue("powertrains"))).pattern
        vehicle = r"(?:models?|cars?|vehicles?|EVs?|hybrids|prototypes?|concepts?)"  # not "hybrid": "X, sold as a hybrid,
        # the Y" is no list
        body = "|".join(re.escape(b) + "s?" for b in sorted(self.lex.cue("body_types"), key=len, reverse=True))
        verbs = [c for c in self.lex.cue("produce_cues") + self.lex.cue("sales_cues") if " " not in c]
        stops = "|".join(["to", "of", "for", "than", "with", "like", "the", "a", "an", "in", "on", "and", "or", "at", "by",
                          "from", "as", "into", "alongside", "beside", "among", "between", "next", "near", *verbs])
        words = rf"(?:(?!(?:{stops})\s)[a-z][\w-]*\s+){{0,4}}?"  # adjectives, never a verb or a preposition
        for copula in re.finditer(rf"\s(?:is|are|was|were)\s+(?:(?:a|an|the)\s+)?(?P<phrase>{words}(?:{body}|{vehicle}))(?![\w-])", text):
            clause = re.split(r"[;:]|,?\s+(?:while|whereas|but)\s", text[:copula.start()])[-1]
            subject = [m for m in models if copula.start() - len(clause) <= self.local(s, m)[0] < copula.start()]
            rest = clause
            for m in subject:
                rest = rest.replace(self.parsed.text[m.start:m.end], " ", 1)
            if subject and re.fullmatch(rf"(?i:{joined})", rest.strip()) is not None:
                for m in subject:
                    self.body_types(m.key, copula.group("phrase"), s)
                    self.powertrains(m.key, copula.group("phrase"), s)
        for noun in re.finditer(rf"\b(?P<phrase>{words}(?:{body}|{vehicle}))(?:\s*(?:[:—–]|,(?:\s*(?:such as|including))?|such as|"
                                rf"including)\s+|(?<=s)\s+(?=[A-Z])|\s+(?:that|which)\s+[^:;.]{{1,80}}:\s+)", text):  # 'the plug-in hybrids X and Y'
            # 'two fully electric cars that go into production here: the X and the Y'
            if any(self.local(s, m)[1] <= noun.start() and re.fullmatch(r"\s*(?:,\s*(?:a|an|the)\s+)?",
                                                                        text[self.local(s, m)[1]:noun.start()]) for m in models):
                continue  # 'the X pickup, the Y SUV', 'X, an SUV, and Y': the word of the model before it
            listed, at = [], noun.end()
            for m in (m for m in models if self.local(s, m)[0] >= noun.end()):
                start, end = self.local(s, m)
                if not re.fullmatch(rf"(?i:{joined}(?:(?:a|an)\s+)?(?:new\s+)?(?:{powered}\s+)?)", text[at:start]):  # ': a new
                    break
                listed.append(m)
                at = end
                at += len(re.match(r"(?:\s+[a-z]+\b(?=\s*(?:,|and\b|$)))?", text[at:]).group(0))  # 'the X sedan and'
                at += len(re.match(r"(?:,\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?[\w-]+(?=,))?", text[at:]).group(0))  # 'X, an SUV, and'
            for m in listed:
                self.body_types(m.key, noun.group("phrase"), s)
                self.powertrains(m.key, noun.group("phrase"), s)
        for run in self.coordinated(s, models):  # 'the petrol-engined X and Y crossovers': said of each of them
            start, end = self.local(s, run[0])[0], self.local(s, run[-1])[1]
            if said := re.search(rf"\b(?:the|its|their|both)\s+(?:new\s+)?(?P<phrase>{powered})\s+$", text[:start]):
                for m in run:
                    self.powertrains(m.key, said.group("phrase"), s)
            if noun := re.match(rf"\s+(?P<phrase>(?:{body})(?<=s))(?![\w-])", text[end:]):
                for m in run:
                    self.body_types(m.key, noun.group("phrase"), s)
        counts = self.lex.cue("count_words")
        for noun in re.finditer(rf",\s+(?P<count>{'|'.join(counts)})\s+(?P<phrase>{words}(?:{body}|{vehicle}))(?![\w-])", text):
            listed, at = [], noun.start()  # 'the X and the Y, two SUVs that ...': as many models as it counts
            for m in sorted((m for m in models if self.local(s, m)[1] <= noun.start()), key=lambda m: -m.start):
                start, end = self.local(s, m)
                if not re.fullmatch(rf"(?i:(?:\s+(?:{body}))?{joined})", text[end:at]):  # 'the X SUV and the Y, two'
                    break
                listed.append(m)
                at = start
            if len({m.key for m in listed}) == counts[noun.group("count")]:
                for m in listed:
                    self.body_types(m.key, noun.group("phrase"), s)
                    self.powertrains(m.key, noun.group("phrase"), s)

    def coordinated(self, s: int, models: list[Found]) -> list[list[Found]]:
        """Runs of two or more models of a sentence named together: 'X and Y', 'X, Y and the Z'."""
        runs: list[list[Found]] = []
        for m in models:
            if runs and LIST_JOIN.fullmatch(self.parsed.text, runs[-1][-1].end, m.start):
                runs[-1].append(m)
            else:
                runs.append([m])
        return [run for run in runs if len(run) > 1]

    def powertrains(self, model: str, phrase: str, s: int) -> None:
        """The powertrain a phrase about a model names ('four-door electric sports saloon')."""
        for m in words_re(list(self.lex.cue("powertrains"))).finditer(phrase):
            self.fact(model, "powertrain", self.lex.powertrain(m.group(0)), s, "individual")

    def stated_powertrain(self, model: str, before: str, after: str, s: int) -> None:
        """'the fully electric X', 'X, now sold only as a hybrid', 'X is fully electric', 'the X electric hatchback': a
        powertrain word just before or after a model."""
        words = words_re(list(self.lex.cue("powertrains"))).pattern
        body = words_re(list(self.lex.body_type_words())).pattern
        for m in (re.search(rf"\b(?:the|a|an|its)\s+(?:new\s+)?({words})\s+$", before, re.IGNORECASE),  # 'a new all-electric X'
                  re.match(rf",?\s+(?:(?:is|are|was|were)\s+)?(?:now\s+|also\s+)?(?:sold|offered|available|built|made|"
                           rf"produced)\s+(?:only\s+)?as\s+an?\s+({words})", after, re.IGNORECASE),
                  re.match(rf"\s+(?:is|are|was|were)\s+(?:now\s+|also\s+|still\s+)?({words})(?=\s*(?:[,.;]|$))", after),
                  re.match(rf"\s+(?:100\s?%\s+)?({words})(?=\s*(?:[,.;)]|$)|\s+(?:with|in|and|version|variant)\b|"
                           rf"\s+{body})", after)):  # 'the X full hybrid with ...', 'the X 100% electric in this segment'
            if m and not self.future(after[:40]):  # 'An electric X is to follow'
                self.fact(model, "powertrain", self.lex.powertrain(m.group(1)), s, "individual")

    def body_types(self, model: str, phrase: str, s: int) -> None:
        """Body types named in a phrase; a compound ('SUV coupe') names one type, not two."""
        compounds = self.lex.cue("body_type_compounds")
        for m in words_re(list(compounds)).finditer(phrase):
            self.fact(model, "bodyType", compounds[m.group(0)], s, "individual")
        named = self.lex.body_type_words()
        for m in re.finditer(words_re(list(named)).pattern, words_re(list(compounds)).sub(" ", phrase)):
            self.fact(model, "bodyType", named[m.group(0)], s, "individual")

    def subsidiary(self, company: str, group: str) -> bool:
        """Whether one operator is a company of another's group: its parent in the lexicon, or named after it
        ('Volkswagen Group of America', 'BMW Manufacturing', 'Kia Slovakia' of a group the lexicon knows)."""
        name, group_name = self.registry.label(company), self.registry.label(group)
        known = set(self.lex.companies.values())
        return company != group and (self.lex.company_parent.get(name) == group_name or name.startswith(group_name + " ")
                                     or name.split()[0] == group_name.split()[0] and group_name in known and name not in known)

    def finish(self) -> None:
        """A city stated in the text beats one read off the plant's name, unless only that one is a known city; a
        company of a group beats the group as operator; platforms of plants from their models'; powertrains of models
        from suffix or plant."""
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
        based_on = [f for f in self.facts if f.predicate == "basedOnPlatform"]
        for made in [f for f in self.facts if f.predicate == "produces"]:  # a plant uses the platforms of its models
            for platform in (f for f in based_on if f.subject == made.object):
                self.fact(made.subject, "usesPlatform", platform.object, platform.sentence)
        all_electric = {f.subject for f in self.facts if f.predicate == "allElectricSince"}
        for found in self.found:
            if found.kind != "model" or self.has(found.key, "powertrain"):
                continue
            powertrain = self.lex.suffix_powertrain.get(found.suffix or "")
            produced_at = [f for f in self.facts if f.predicate == "produces" and f.object == found.key
                           and f.subject in all_electric]
            if powertrain:
                self.fact(found.key, "powertrain", powertrain, found.sentence, "individual")
            elif produced_at:
                self.fact(found.key, "powertrain", "BatteryElectric", produced_at[0].sentence, "individual")

    def gazetteer_countries(self) -> None:
        """A plant in a town the text gives no country takes the town's country from the gazetteer: a town of that
        name in a country the text names, else only a large town whose namesakes are all much smaller."""
        named = sorted({self.registry.label(f.key) for f in self.found if f.kind == "country" and f.key})
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
