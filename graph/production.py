"""Which plant produces which model: a plant or its stand-in ('it', 'its employees', 'the line there') and a production cue."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evkg.graph.lexicon import words_re

if TYPE_CHECKING:
    from evkg.graph.mentions import Found
    from evkg.graph.relations import Relations

LINE_FOR = re.compile(r"\b(?:assembly|production)\s+lines?\s+(?:for|of)\s+")
WHERE = re.compile(r"(?:\s+(?:in|at|near)\s+[A-Z][^,;.]{0,40}?(?:,\s+[A-Z][^,;.]{0,30}?)?)?,\s+where\s+")  # 'in Ghent, where'
ONLY_PLACE = re.compile(r"\bis\s+the\s+(?:only|sole)\s+(?:place|plant|factory|site)\s+(?:where\s+|that\s+)?")
BULLET = re.compile(r"\s*(?:[-•*]|\d{1,2}[.)])\s+")  # an item of a bulleted or numbered list
LINE_UP = re.compile(r"\b(?:line-?up|range)\b[^.;:]{0,30}?\b(?:includes?|comprises?|consists\s+of)\b")
# 'X is produced alongside Y at the plant': X as well as Y
ALONGSIDE = re.compile(r"\s+(?:alongside|together\s+with|as\s+well\s+as|next\s+to)\s+[^,;.]{1,60}?\s+(?:at|in)\s+(?:the\s+|its\s+|their\s+)?")
# 'is built on Hyundai's E-GMP platform at the Ulsan plant': the platform said between the cue and the plant
ON_PLATFORM = re.compile(r"\s+on\s+(?:the\s+|its\s+|[A-Z][\w-]*[’']s\s+)?[^,;.]{1,40}?\s+(?:platform|architecture)\s+"
                         r"(?:at|in)\s+(?:the\s+|its\s+)?")
FRONTED = re.compile(r"\W*(?:Built|Made|Assembled|Produced|Manufactured)\s+(?:at|in)\s+(?:the\s+|its\s+|[A-Z][\w-]*[’']s\s+)?")
INCLUDE = re.compile(r"\s+(?:include|includes|are|comprise)\s+")
WHICH_MODELS = re.compile(r"(?:Which|What)\s+(?:models?|cars?|vehicles?)\b")  # a question about what a plant builds
# 'Production opened with the X, ...', 'First off the line is the new X': the first models of the plant in focus
OPENED_WITH = re.compile(r"\W*(?:(?:[Ss]eries\s+|[Vv]olume\s+)?[Pp]roduction|[Aa]ssembly)\s+(?:opened|started|began|kicked\s+off)"
                         r"\s+with\s+|\W*First\s+off\s+the\s+(?:production\s+|assembly\s+)?line\s+(?:is|was|are|were)\s+")
# 'the X, a plug-in hybrid that Rosslyn builds for the whole world': the plant between the relative word and the cue
THAT_PLANT = re.compile(r",\s+(?:an?\s+)?[^,;.]{0,40}?\b(?:that|which)\s+$")
NEGATED = re.compile(r"\b(?:not|never|neither|none|nor|no\s+longer)\b|n[’']t\b")  # in the clause before a cue
NONE_OF_THEM = re.compile(r"\W*(?:None\s+of\s+(?:those|these|them)|Neither\s+of\s+(?:those|these|them))\s+(?:is|are|was|were)\s+"
                          r"(?:[a-z]+\s+)?(?:made|built|produced|assembled|manufactured)\b")
NOT_THIS = re.compile(r"\bnot\s+(?:the\s+|a\s+|an\s+)?$")
NOT_FROM = re.compile(r"\bnot\s+(?:from|at|in)\s+(?:the\s+|its\s+)?$")
CONTRAST = re.compile(r",\s+(?:while|whereas|although)\b")
SHARES = re.compile(r"\bshares?\s+(?:(?:the|its|a|an|that|this|one)\s+(?:[\w-]+\s+){0,2}(?:site|plant|factory|line|lines|facility)|it)"
                    r"\s+with\s|\b(?:built|made|produced|assembled)\s+on\s+the\s+same\s+(?:[\w-]+\s+)?line\s+as\s")
# 'Today it is assembled at the X plant': 'it' is the model the sentence before opened with
IT_IS_BUILT = re.compile(r"(?:[A-Z]\w*(?:\s\w+){0,2},?\s+)?(?:[Ii]t|[Tt]he\s+model)\s+is\s+(?:now\s+|still\s+)?"
                         r"(?:built|made|produced|assembled|manufactured)\s+(?:at|in)\s+(?:the\s+|its\s+)?")


class ModelProduction:
    """The production half of Relations: 'the plant produces X, Y', 'X is built at the plant', 'It builds X'."""

    def production_of_models(self: Relations, s: int) -> None:
        """'the plant produces ... These include X, Y', 'X is built at the plant', 'Its employees build X'."""
        text = self.sentence_text(s)
        cue_words = self.lex.cue
        produce, past = words_re(cue_words("produce_cues")), words_re(cue_words("past_cues"))
        plants = self.mentions(s, "plant")
        for cue in produce.finditer(text):
            clause_end = re.search(r"[;.]|$", text[cue.end():]).start() + cue.end()
            planned = self.future(text[max(0, cue.start() - 25):cue.start()])
            if past.search(text[max(0, cue.start() - 40):cue.start()]) or past.search(text[cue.end():clause_end]) \
                    or NEGATED.search(re.split(r"[,;:]", text[:cue.start()])[-1]):  # 'neither vehicle is built in X'
                continue
            before = [p for p in plants if self.local(s, p)[1] <= cue.start()] if not planned else []
            later = words_re(cue_words("future_cues")).search(re.sub(r"\bMay(?=\s+\d)", "   ", text), cue.end())
            contrast = CONTRAST.search(text, cue.end())  # 'builds X, while Y is now made elsewhere'
            after_models = [m for m in self.current_models(s) if self.local(s, m)[0] >= cue.end()  # not '... and will add Y'
                            and (later is None or self.local(s, m)[0] < later.start())
                            and (contrast is None or self.local(s, m)[0] < contrast.start())
                            and not NOT_THIS.search(text, 0, self.local(s, m)[0])]  # 'makes drive units, not the X'

            if not before and not planned and (after_models or text.endswith(":")) and self.stand_in_subject(s, cue.start()):
                before = [earlier] if (earlier := self.plant_named_before(s)) is not None else []
            if before:
                plant_end = self.local(s, before[-1])[1]
                # 'the X factory, where the Y is assembled', 'the plant is the only place the Y is made'
                only = ONLY_PLACE.search(text, plant_end, cue.start())
                start = plant_end if WHERE.match(text, plant_end) else only.end() if only else None
                where = [m for m in self.current_models(s)
                         if start <= self.local(s, m)[0] < cue.start()] if start is not None else []
                that = THAT_PLANT.search(text, 0, self.local(s, before[-1])[0])
                if that and re.fullmatch(r"\s+(?:also\s+|now\s+|still\s+|only\s+)?", text[plant_end:cue.start()]):
                    where += [m for m in self.current_models(s) if self.local(s, m)[1] == that.start()]
                if after_models or where or not re.match(r"\s+(?:at|in)\s", text[cue.end():]):  # not 'the plant's
                    self.listed_models(before[-1], s, after_models or where)  # parts go to the X built at the Y plant'
                    break
            after_plants = [p for p in plants if self.local(s, p)[0] >= cue.end()  # 'came off the X line' has its 'off'
                            and (re.match(r"\s+(?:at|in|off|from)\s", text[cue.end():]) or re.search(r"\b(?:off|from|leaves)$", cue.group(0))
                                 or ALONGSIDE.fullmatch(text, cue.end(), self.local(s, p)[0])
                                 or ON_PLATFORM.fullmatch(text, cue.end(), self.local(s, p)[0]))]
            models_before = [m for m in self.current_models(s) if self.local(s, m)[1] <= cue.start()]
            for model in models_before if after_plants and not planned else []:
                self.fact(after_plants[0].key, "produces", model.key, s)
            if after_plants and not planned and not models_before and not after_models:  # 'Models built at X' heads
                self.listed_models(after_plants[0], s, [])  # a fact sheet's list
            include = INCLUDE.match(text, self.local(s, after_plants[0])[1]) if after_plants and not planned else None
            if include is not None and not models_before:  # 'Models built at the X plant include the Y and the Z'
                self.listed_models(after_plants[0], s, [m for m in after_models if self.local(s, m)[0] >= include.end()])
            at_plant = None if planned else next((p for p in plants if re.search(  # 'at Stellantis' Melfi Plant'
                r"\s(?:at|in|on)\s+(?:the\s+|its\s+|their\s+|[A-Z][\w&-]*(?:\s[A-Z][\w&-]*)?(?:[’']s|(?<=s)[’'])\s+)?$",
                                                              text[cue.end():self.local(s, p)[0]])), None)
            for model in after_models if at_plant else []:  # 'Kia builds the EV6 at its Quorra plant', 'joins X on the Y line'
                if self.local(s, model)[1] <= self.local(s, at_plant)[0]:
                    self.fact(at_plant.key, "produces", model.key, s)
        if NONE_OF_THEM.match(text):  # 'It joins a range of SUVs, among them X and Y. None of those is made here.'
            self.facts = [f for f in self.facts if not (f.predicate == "produces" and f.sentence == s - 1)]
        self.line_up(s)
        self.sources(s)
        self.answered(s)
        self.model_pronoun(s)
        self.shared_lines(s)
        self.dedicated_lines(s)
        self.fronted_participle(s)
        self.opened_with(s)

    def line_up(self: Relations, s: int) -> None:
        """'- Current line-up includes the X sedan and the Y SUV', 'The electric X joins a line-up that already
        includes:' then bullets: a fact sheet's line or a list's lead naming no plant lists the plant in focus's
        models (a line-up in running prose may be a brand's range, not a plant's)."""
        text = self.sentence_text(s)
        line_up = LINE_UP.search(text)
        if self.mentions(s, "plant") or line_up is None or not (text.endswith(":") or BULLET.match(text)):
            return
        plant = self.plant_at(s)
        models = [m for m in self.current_models(s) if self.local(s, m)[0] >= line_up.end()]
        if plant is not None and (models or text.endswith(":")):
            self.listed_models(next(f for f in self.found if f.key == plant), s, models)

    def current_models(self: Relations, s: int) -> list[Found]:
        """The models of a sentence, a past generation ('the original Renault 5') left out: it is built no more."""
        return [m for m in self.mentions(s, "model") if not m.past]

    def listed_models(self: Relations, plant: Found, s: int, models: list[Found]) -> None:
        """The models after a production cue, listed in the next sentence ('These include X, Y') or in the bullets after
        a colon or a heading ('has been building three models:' or 'Models built at X', then '- the X, ...'), made at
        the plant."""
        text = self.sentence_text(s)
        listed = [(model, s) for model in models]
        if not models and s + 1 < len(self.parsed.sentences) and \
                words_re(self.lex.cue("listing_openers")).match(self.sentence_text(s + 1)):
            listed = [(model, s + 1) for model in self.current_models(s + 1)]
        elif not models and (text.rstrip().endswith(":") or text.rstrip()[-1:] not in ".!?;,"):  # or a heading
            listed = [(model, b) for b in self.bullets_after(s) for model in self.current_models(b)]
        group_is_ev = words_re(self.lex.cue("ev_group_phrases")).search(text) is not None
        for model, where in listed:
            self.fact(plant.key, "produces", model.key, where)
            if group_is_ev:
                self.fact(model.key, "powertrain", "BatteryElectric", s, "individual")

    def bullets_after(self: Relations, s: int) -> list[int]:
        """The sentences after sentence `s` that are items of a bulleted list, up to the first that is not."""
        items = []
        for b in range(s + 1, len(self.parsed.sentences)):
            if not BULLET.match(self.sentence_text(b)):
                break
            items.append(b)
        return items

    def plant_named_before(self: Relations, s: int) -> Found | None:
        """The plant named last before sentence `s`: the one a sentence naming none speaks of."""
        return next((f for f in reversed(self.found) if f.kind == "plant" and f.key and f.sentence < s), None)

    def stand_in_subject(self: Relations, s: int, cue: int) -> bool:
        """'It made', 'Its 12,000 employees build', 'A single line there handles', 'The first models manufactured':
        the clause before the cue names nothing and speaks of the plant in focus through a pronoun or its parts."""
        clause = re.split(r"[;:,]", self.sentence_text(s)[:cue])[-1]
        start = self.local_start(s) + cue - len(clause)
        named = any(start <= f.start < self.local_start(s) + cue and f.kind not in ("plant", "facility")
                    for f in self.found if f.sentence == s)
        return not named and words_re(self.lex.cue("plant_stand_ins")).search(clause) is not None

    def local_start(self: Relations, s: int) -> int:
        return self.parsed.sentences[s].start

    def sources(self: Relations, s: int) -> None:
        """'The Super Duty comes from two factories, the Kentucky Truck Plant and the Ohio Assembly Plant'; not 'from
        another plant, not from X'."""
        text = self.sentence_text(s)
        cue = words_re(self.lex.cue("source_cues")).search(text)
        if cue is None:
            return
        models = [m for m in self.current_models(s) if self.local(s, m)[1] <= cue.start()]
        for plant in (p for p in self.mentions(s, "plant") if self.local(s, p)[0] >= cue.end()
                      and not NOT_FROM.search(text, 0, self.local(s, p)[0])):  # 'another plant, not from Mizushima'
            for model in models:
                self.fact(plant.key, "produces", model.key, s)

    def answered(self: Relations, s: int) -> None:
        """'Which cars come off the line? For now, the X.': the models that answer a question about what the plant in
        focus builds, asked in the sentence before and naming no model itself."""
        if s == 0 or not self.sentence_text(s - 1).rstrip().endswith("?") or self.mentions(s - 1, "model"):
            return
        question, text = self.sentence_text(s - 1), self.sentence_text(s)
        if not (words_re(self.lex.cue("produce_cues")).search(question) and WHICH_MODELS.match(question)) \
                or self.future(question + " " + text) or (plant := self.plant_at(s)) is None:
            return
        for model in self.current_models(s):
            self.fact(plant, "produces", model.key, s)

    def model_pronoun(self: Relations, s: int) -> None:
        """'The X went on sale in 2022. Today it is assembled at the Y Plant': the model that opened the sentence before,
        when this one names no model."""
        cue = IT_IS_BUILT.match(self.sentence_text(s))
        plant = next((p for p in self.mentions(s, "plant") if cue and self.local(s, p)[0] == cue.end()), None)
        previous = [m for m in self.found if m.kind == "model" and m.key and m.sentence == s - 1 and not m.past]
        if plant is not None and previous and not self.mentions(s, "model") \
                and re.fullmatch(r"(?:The\s+)?", self.sentence_text(s - 1)[:self.local(s - 1, previous[0])[0]]):
            self.fact(plant.key, "produces", previous[0].key, s)

    def shared_lines(self: Relations, s: int) -> None:
        """'X shares the site with Y and Z', 'It shares an assembly line with Y', 'X is built on the same line as Y': all
        are made at that plant."""
        text = self.sentence_text(s)
        cue = SHARES.search(text)
        if cue is None:
            return
        here = [p for p in self.mentions(s, "plant") if self.local(s, p)[0] <= cue.end()]
        plant = here[-1] if here else self.plant_named_before(s)
        for model in self.current_models(s) if plant is not None else []:
            self.fact(plant.key, "produces", model.key, s)

    def fronted_participle(self: Relations, s: int) -> None:
        """'Built at the X plant, the Y is sold in Europe': the model the participle's clause is about is made there."""
        text = self.sentence_text(s)
        lead = FRONTED.match(text)
        plant = next((p for p in self.mentions(s, "plant") if lead and self.local(s, p)[0] == lead.end()), None)
        if plant is None or (comma := re.match(r"[^,;.]*,\s+(?:the\s+|its\s+)?", text[self.local(s, plant)[1]:])) is None:
            return
        at = self.local(s, plant)[1] + comma.end()
        for model in (m for m in self.current_models(s) if self.local(s, m)[0] == at):
            self.fact(plant.key, "produces", model.key, s)

    def opened_with(self: Relations, s: int) -> None:
        """'Production opened with the Audi X, an electric SUV, and its sibling, the Audi Y': the models a plant's
        production started with, at the plant this sentence names or, naming none, the one named last."""
        text = self.sentence_text(s)
        lead = OPENED_WITH.match(text)
        if lead is None or self.future(text[:lead.end()]):
            return
        here = self.mentions(s, "plant")
        plant = here[-1] if here else self.plant_named_before(s)
        models = [m for m in self.current_models(s) if self.local(s, m)[0] >= lead.end()]
        if plant is not None and models and re.fullmatch(r"(?:the\s+)?(?:new\s+)?(?:[\w-]+\s+){0,2}",  # 'the new
                                                         text[lead.end():self.local(s, models[0])[0]]):  # three-door X'
            for model in models:
                self.fact(plant.key, "produces", model.key, s)

    def dedicated_lines(self: Relations, s: int) -> None:
        """'a new assembly line for the electric X at its Y plant': the plant builds what its line is for."""
        text = self.sentence_text(s)
        for line in LINE_FOR.finditer(text):
            if self.future(text[max(0, line.start() - 25):line.start()]):
                continue
            models, at = [], line.end()
            for model in (m for m in self.current_models(s) if self.local(s, m)[0] >= line.end()):
                start, end = self.local(s, model)
                if not re.fullmatch(r"(?:\s*(?:,|and|the|its|new)\s*|\s*[a-z-]+\s+)*", text[at:start]):
                    break
                models.append(model)
                at = end
            plant = next((p for p in self.mentions(s, "plant") if self.local(s, p)[0] >= at and re.fullmatch(
                r"\s+(?:(?:has\s+|was\s+)?(?:opened|started|inaugurated)\s+)?(?:at|in)\s+(?:the\s+|its\s+|their\s+)?",
                text[at:self.local(s, p)[0]])), None)
            for model in models if plant is not None else []:
                self.fact(plant.key, "produces", model.key, s)

