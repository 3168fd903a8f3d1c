"""What a text says a model is: its brand, characterisations ('the next-generation X'), body type and powertrain,
said of one model or of several named together."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evkg.graph.lexicon import words_re
from evkg.graph.mentions import LIST_JOIN

if TYPE_CHECKING:
    from evkg.graph.mentions import Found
    from evkg.graph.relations import Relations

# 'the brand's', 'its': a maker named before, which adds nothing to what is said of its model ('Kia's' is kept as written)
COPULA_SUBJECT = re.compile(r"(?:^|[,;:]\s+)(?:the\s+)?$", re.IGNORECASE)  # the model opens its clause
APPOSED_CLAUSE = re.compile(r",\s+(?:the|a|an)\s+[^,;]{0,40}?\s+(?:that|which)\s+")  # ', the plug-in SUV that '
ADJECTIVE_COMMA = r"(?:,(?!\s+(?:and|or|the|a|an|which|who|that|while|but|its|their)\b))?"  # 'driverless, battery-powered'
OWNER_ANAPHOR = r"(?:the\s+(?:brand|company|group|carmaker|automaker|manufacturer|maker)[’']s|its|their)"


ADVERBIAL_FIRST = re.compile(r"first\s+(?:shown|unveiled|presented|revealed|announced|delivered|introduced|launched|sold|"
                             r"meant|planned|intended|displayed|exhibited|seen)\b")


class ModelFacts:
    """The model half of Relations: brand, characterisations, body types and powertrains of the models named."""

    def characterisations(self: Relations, s: int) -> None:
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
            bodies = words_re(list(self.lex.body_type_words())).pattern
            body_first = re.search(rf"\b(?:the|an?)\s+({bodies})\s+$", text[:start])
            if body_first:  # 'the crossover BYD Song Plus DM-i and the sedan BYD Destroyer 05'
                self.body_types(model.key, body_first.group(1), s)
            version = re.search(r"\b(?:its|their|an?|the)\s+((?:[\w-]+\s+){1,2})version,?\s+(?:the\s+)?$", text[:start])
            if version:  # 'its estate version the Peugeot 508 SW', 'an electric version, the X'
                self.body_types(model.key, version.group(1), s)
                self.powertrains(model.key, version.group(1), s)
            cue = re.search(rf"(?:^|\s)(?:the\s+|a\s+|an\s+|its\s+)?({words_re(self.lex.cue('characterisations')).pattern})\s+$",
                            text[:start], re.IGNORECASE)
            if cue:
                self.fact(model.key, "characterisation", cue.group(1), s, "literal", "string")
            after = re.match(rf"\s*(?:,\s+(?:also\s+)?(?:(?P<owned>{OWNER_ANAPHOR}|[A-Z][\w-]*[’']s)|a|an|the)\s+((?:[\w-]+\s+){{0,2}}version\s+of\s+(?:the\s+|a\s+|its\s+|their\s+)?"
                             rf"(?:[\w-]+\s+){{0,2}}[\w-]+|(?:[\w-]+{ADJECTIVE_COMMA}\s+){{0,3}}[\w-]+)|((?:[a-z-]+\s+){{0,2}}[\w-]+))",
                             text[end:])  # 'an electric version of its cargo van', 'a fully driverless, battery-powered shuttle'
            if after and after.group(0).lstrip().startswith(",") and "version" not in after.group(0) \
                    and any(end < self.local(s, m)[0] < end + after.end() for m in models):
                after = None  # 'the Fiat E-Doblo, the Ford Explorer Plug-In Hybrid': the next model of a list
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
        self.said_of_those_named(s)
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
            phrase = re.split(r"\s+and\s+(?:the|a|an)\s+", m.group("phrase").strip())[0]  # 'the first X and the 14th Y'
            if re.search(r"\b(?:model|vehicle|car)\s+(?:on|to use|built on|based on)\b", phrase):
                continue  # 'the first model on Tata's platform' says what the platform carries, not what the car is
            if ADVERBIAL_FIRST.match(phrase):
                continue  # 'was first shown to the public', 'was first meant to be built in Poland': when, not what
            self.fact(target.key, "characterisation", phrase, s, "literal", "string")
            self.body_types(target.key, phrase, s)
            powertrain = words_re(list(self.lex.cue("powertrains"))).search(phrase)
            if powertrain:
                self.fact(target.key, "powertrain", self.lex.powertrain(powertrain.group(0)), s, "individual")
            for region in self.mentions(s, "region") if not phrase.startswith(tuple(ranks)) else []:
                if m.start("phrase") <= self.local(s, region)[0] < m.end():
                    self.fact(target.key, "targetMarket", region.key, s)

    def stated_of_list(self: Relations, s: int) -> None:
        """'The X3, X5 and X7 are sport utility vehicles', 'two battery-electric models: the X and the Y': a body type
        or powertrain said of models named together, as the subject of 'is'/'are' or after a noun that sums them up."""
        text = self.sentence_text(s)
        models = sorted(self.current_models(s), key=lambda m: m.start)
        if not models:
            return
        joined = r"(?:\s*(?:,|and|the|both)\s*)*"
        powered = words_re(list(self.lex.cue("powertrains"))).pattern
        # not "hybrid": "X, sold as a hybrid, the Y" is no list
        vehicle = r"(?:models?|cars?|vehicles?|EVs?|hybrids|prototypes?|concepts?|versions|two-seaters|quadricycles|microcars)"
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
        for noun in re.finditer(rf"\b(?P<phrase>{words}(?:{body}|{vehicle}))(?:,\s+(?:technically|officially|legally)\s+"
                                rf"[^:;.,]{{1,40}}:\s+|\s*(?:[:—–]|,(?:\s*(?:such as|including|among them))?|such as|including)\s+|"
                                rf"(?<=s)\s+(?=[A-Z])|\s+(?:(?:that|which)\s+|(?=(?:the|it|they|we)\s))[^:;.]{{1,80}}:\s+)", text):
            # 'the plug-in hybrids X and Y', 'two fully electric cars that go into production here: the X and the Y',
            # 'five battery-electric vans the site now builds: the X, the Y', 'two electric two-seaters, technically
            # quadricycles: the X and the Y'
            if any(self.local(s, m)[1] <= noun.start() and re.fullmatch(r"\s*(?:,\s*(?:a|an|the)\s+)?",
                                                                        text[self.local(s, m)[1]:noun.start()]) for m in models):
                continue  # 'the X pickup, the Y SUV', 'X, an SUV, and Y': the word of the model before it
            listed, at = [], noun.end()
            for m in (m for m in models if self.local(s, m)[0] >= noun.end()):
                start, end = self.local(s, m)
                # ': a new battery-electric X', 'the X and, since 2023, the Y'
                if not re.fullmatch(rf"(?i:{joined}(?:since\s+\d{{4}}{joined})?(?:(?:a|an)\s+)?(?:new\s+)?(?:{powered}\s+)?)",
                                    text[at:start]):
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
            if said := re.search(rf"\b(?i:the|its|their|both)\s+(?:new\s+)?(?P<phrase>{powered})\s+$", text[:start]):
                for m in run:
                    self.powertrains(m.key, said.group("phrase"), s)
            before: list[Found] = []  # 'the X and the Y SUVs and the Z people carriers': each plural body word is
            for m in run:  # said of the models since the last one; 'the X van and Y' has a word of its own
                if own := re.match(rf"\s+(?P<phrase>{body})(?![\w-])", text[self.local(s, m)[1]:]):
                    if own.group("phrase").endswith("s"):
                        for said_of in (*before, m):
                            self.body_types(said_of.key, own.group("phrase"), s)
                        before = []
                else:
                    before.append(m)
        counts = self.lex.cue("count_words")
        for noun in re.finditer(rf",\s+(?:its\s+|their\s+|the\s+)?(?P<count>{'|'.join(counts)})\s+"
                                rf"(?P<phrase>{words}(?:{body}|{vehicle})|{powered}(?=\s*[,;.]))(?![\w-])", text):
            listed, at = [], noun.start()  # 'the X and the Y, two SUVs that ...', ', its two electric SUVs', ', both SUVs',
            # ', both petrol-only,'
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

    def said_of_those_named(self: Relations, s: int) -> None:
        """'All four are battery-electric', 'Both are compact SUVs': a powertrain or body type said, in a sentence naming
        no model, of as many models as the sentence before named."""
        counts = self.lex.cue("count_words")
        said = re.match(rf"\W*(?:All|Both)\s+(?:(?P<count>{'|'.join(counts)})\s+)?(?:of\s+(?:them|these|those)\s+)?"
                        r"(?:are|were)\s+(?P<phrase>[^,;.]{1,60})", self.sentence_text(s))
        if said is None or not s or self.mentions(s, "model"):
            return
        named = list(dict.fromkeys(m.key for m in self.current_models(s - 1)))
        if len(named) == (counts[said.group("count")] if said.group("count") else 2):
            for model in named:
                self.body_types(model, said.group("phrase"), s)
                self.powertrains(model, said.group("phrase"), s)

    def coordinated(self: Relations, s: int, models: list[Found]) -> list[list[Found]]:
        """Runs of two or more models of a sentence named together: 'X and Y', 'X, Y and the Z', 'X van and Y'."""
        runs: list[list[Found]] = []
        body = words_re(list(self.lex.body_type_words())).pattern
        for m in models:
            gap = self.parsed.text[runs[-1][-1].end:m.start] if runs else ""
            if runs and LIST_JOIN.fullmatch(re.sub(rf"^\s+(?:{body})(?=[\s,])", "", gap)):
                runs[-1].append(m)
            else:
                runs.append([m])
        return [run for run in runs if len(run) > 1]

    def powertrains(self: Relations, model: str, phrase: str, s: int) -> None:
        """The powertrain a phrase about a model names ('four-door electric sports saloon')."""
        for m in words_re(list(self.lex.cue("powertrains"))).finditer(phrase):
            self.fact(model, "powertrain", self.lex.powertrain(m.group(0)), s, "individual")

    def stated_powertrain(self: Relations, model: str, before: str, after: str, s: int) -> None:
        """'the fully electric X', 'X, now sold only as a hybrid', 'X is fully electric', 'X is a hybrid', 'the X electric
        hatchback': a powertrain word just before or after a model."""
        words = words_re(list(self.lex.cue("powertrains"))).pattern
        body = words_re(list(self.lex.body_type_words())).pattern
        # 'a new all-electric X'; not 'An electric X is to follow'
        said_before = re.search(rf"\b(?:the|a|an|its)\s+(?:new\s+)?({words})\s+$", before, re.IGNORECASE)
        if said_before and not self.future(after[:40]):
            self.fact(model, "powertrain", self.lex.powertrain(said_before.group(1)), s, "individual")
        for m in (re.match(rf",?\s+(?:(?:is|are|was|were)\s+)?(?:now\s+|also\s+)?(?:sold|offered|available|built|made|"
                           rf"produced)\s+(?:only\s+)?as\s+an?\s+({words})", after, re.IGNORECASE),
                  re.match(rf"\s+(?:is|are|was|were)\s+(?:now\s+|also\s+|still\s+)?(?:an?\s+)?({words})(?=\s*(?:[,.;]|$))", after),
                  re.match(rf"\s+(?:100\s?%\s+)?({words})(?=\s*(?:[,.;)]|$)|\s+(?:with|in|and|version|variant)\b|"
                           rf"\s+{body})", after)):  # 'the X full hybrid with ...', 'the X electric crossover it will build'
            if m:
                self.fact(model, "powertrain", self.lex.powertrain(m.group(1)), s, "individual")
        offered = re.match(r"\s*(?:,|[-–—])\s+an?\s+(?:[\w-]+\s+){0,3}?(?:sold|offered|available)\s+(?:both\s+)?as\s+([^.;]*)",
                           after)  # 'X - a compact SUV offered both as a battery-electric car and as a plug-in hybrid'
        if offered:
            self.powertrains(model, offered.group(1), s)
        earlier = re.search(rf"\b(?:second|third|fourth|fifth|next)\s+(?:[\w-]+\s+){{0,3}}?({words})\s+(?:[\w-]+\s+){{0,2}}?"
                            rf"(?:car|model|vehicle|EV|SUV|sedan)s?\b[^.;]{{0,40}}?\bafter\s+(?:the\s+)?$", before)
        if earlier:  # 'Porsche's second electric model after the Taycan': the Taycan is electric too
            self.fact(model, "powertrain", self.lex.powertrain(earlier.group(1)), s, "individual")

    def body_types(self: Relations, model: str, phrase: str, s: int) -> None:
        """Body types named in a phrase; a compound ('SUV coupe') names one type, not two."""
        compounds = self.lex.cue("body_type_compounds")
        for m in words_re(list(compounds)).finditer(phrase):
            self.fact(model, "bodyType", compounds[m.group(0)], s, "individual")
        named = self.lex.body_type_words()
        for m in re.finditer(words_re(list(named)).pattern, words_re(list(compounds)).sub(" ", phrase)):
            self.fact(model, "bodyType", named[m.group(0)], s, "individual")
