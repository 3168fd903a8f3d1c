"""Where a plant stands and who runs it: city, country and operator facts read off the sentences naming it."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from evkg.graph.lexicon import alternation
from evkg.graph.plant_names import TOWN_WORDS

if TYPE_CHECKING:
    from evkg.graph.mentions import Found
    from evkg.graph.relations import Relations

LOCATED = re.compile(r"\)?\s*(?:,[^,]{0,60},\s*|,\s*(?:also\s+)?(?:(?:which|that)\s+)?|(?:which|that)\s+(?=is\s))?"
                     r"(?:(?:is\s+)?(?:located|based|situated)\s+|(?:stands|lies|sits)\s+|is\s+(?=in\s))?"
                     r"(?:(?:near|outside)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+)?(?:in|at)\s+(?:the\s+)?"  # 'near Birmingham in the UK'
                     r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?"
                     rf"(?:(?:state|province|prefecture|{'|'.join(TOWN_WORDS)})\s+of\s+)?"
                     r"|\s*\((?=[A-Z])")  # 'the Motomachi Plant (Toyota City, Aichi Prefecture, Japan)'
BUILT_BY = re.compile(r"(?:,[^,]{0,60},)?\s+(?:is\s+|has\s+)?(?:officially\s+)?(?:building|constructing|opened|opens|operates|runs|inaugurated|"
                      r"inaugurates|put\s+into\s+operation)\s+(?:(?:a|an|its|the)\s+(?:[^,.;]|(?<=\d)[,.](?=\d)){0,40})?")
# 'the plant, X, is run by Y', 'the plant, in X, France, is run by Y', 'the plant employs 3,700 people and is run by Y',
# 'is operated by the joint venture company Y', 'is now in operation under Y', 'belongs to Y', 'is managed by Y',
# 'The plant, in the X Industrial Park in Y and run by Z'
RUN_BY = re.compile(r"(?:,?\s+(?:in|near|at)\s+(?:the\s+)?[A-Z][^,;.]{0,40}?(?:,\s+[A-Z][^,;.]{0,30}?)?,?|,[^,]{0,60},"
                    r"|\s+(?:[^,;.]|(?<=\d)[,.](?=\d)){1,50}?\s+and)?,?\s+(?:and\s+|which\s+|that\s+)?(?:is\s+|are\s+|was\s+)?"
                    r"(?:both\s+|all\s+|also\s+|belongs\s+to\s+and\s+is\s+)?"  # 'both run by Y', 'belongs to and is run by Y'
                    r"(?:(?:run|operated|managed)\s+by(?:\s+(?:the|its|a)(?:\s+(?!of\b)[a-z-]+){1,3})?|belongs\s+to|belonged\s+to|"
                    r"(?:now\s+)?in\s+operation\s+under)\s+"
                    r"|\s+of\s+")  # 'the Zhangjiakou plant of Geely'
# 'The X Plant, in Y, Japan, north of Tokyo, belongs to and is run by Z', 'The factory, which sits on the river in Y,
# is owned and run by Z': a long aside between the plant and the passive, with no organisation or plant in it
RUN_BY_AFTER_ASIDE = re.compile(r",[^;.]{1,120},\s+(?:belongs\s+to\s+and\s+is|is|was|are)\s+(?:both\s+|also\s+|now\s+)?"
                                r"(?:owned\s+and\s+)?(?:run|operated)\s+by\s+(?:the\s+)?")
# 'the X Plant, which Dacia runs itself', '..., which BYD will run itself': the organisation between 'which' and 'runs'
WHICH_RUNS = re.compile(r"(?:,?\s+(?:in|near|at)\s+[A-Z][^,;.]{0,40}?(?:,\s+[A-Z][^,;.]{0,30}?)?)?,\s+which\s+")
RUNS_AFTER = re.compile(r"\s+(?:itself\s+)?(?:runs|operates|owns\s+and\s+runs|(?:will|is\s+to|plans\s+to)\s+(?:run|operate))\b")
# 'Volvo Cars today started series production of the EX30 at the X Plant': the subject that starts production runs it
STARTED_AT = re.compile(r"\s+(?:(?:has|had|have|today|officially|now|also|recently)\s+)*(?:started|began|begun|starts|begins|"
                        r"launched|kicked\s+off|commenced)\s+(?:(?:series|mass|serial|full|volume|local)\s+)?"
                        r"(?:production|manufacturing|assembly)\b[^;.,]{0,80}?\s+at\s+(?:the\s+)?")
# 'Kia's first plant abroad was the X Plant': the plant a possessive's subject names
WAS_ITS = re.compile(r"(?:.[’']s|s[’'])\s+(?:[\w-]+\s+){0,3}(?:plant|factory|site)(?:\s+[a-z]+){0,2}\s+(?:is|was)\s+(?:the\s+)?")
# 'Y took over X's plant': the plant is Y's now, not X's
TAKEN_OVER = re.compile(r"\b(?:took\s+over|has\s+taken\s+over|had\s+taken\s+over|acquired|bought|purchased)\s+(?:the\s+)?$")
# 'the X plant is Kia's only European factory', 'the X plant, Volvo's first in the US,'
IS_ITS = re.compile(r"\s+(?:is|was|remains)\s+(?:now\s+|still\s+)?|\s*,\s+")
RANKED = r"(?:first|only|second|third|largest|biggest|oldest|newest|main)(?=\s+(?:in|outside|of)\s|\s*[,.;])"
RUNS_IT = re.compile(r"\)?,\s+(?:which|(?:the|a|its)\s+(?:subsidiary|company|unit|arm)\s+that)\s+(?:runs|operates)\s+(?:the\s+)?")
# 'Kia, which belongs to Y, runs it', 'Tesla owns and runs it'
RUNS_PRONOUN = re.compile(r"(?:,[^,]{0,60},)?\s+(?:(?:owns|built|designed)\s+and\s+)?(?:runs|operates)\s+it\b")
ALL_RUN_BY = re.compile(r"\W*(?:All|Both|The)\s+(?:(?:two|three|four|five|six)\s+)?(?:plants|factories|sites)\s+(?:are|were)\s+"
                        r"(?:all\s+|both\s+)?(?:run|operated)\s+by\s+")  # 'All three plants are operated by Y'
# '... at the X Plant, and its batteries at the Y Plant; both belong to Ford and are run by it': said of the plants before
BOTH_RUN_BY = re.compile(r"[;,]\s+(?:both|all\s+(?:two|three|four)|all)\s+(?:belong\s+to\s+(?P<owner>[^,;.]+?)\s+and\s+|"
                         r"in\s+[A-Z][^,;.]{0,30}?\s+and\s+both\s+)?(?:are\s+)?(?:run|operated)\s+by\s+(?P<it>it\b)?")
# 'It is run by Y', 'It opened in 2003 and is run by Y'
IT_RUN_BY = re.compile(r"It\s+(?:[^,;.]{1,40}?\s+and\s+)?is\s+(?:now\s+)?(?:run|operated|owned\s+and\s+(?:run|operated))\s+by\s+")
# 'Tesla opened two further car plants in 2022, Giga Berlin in Germany and Giga Texas': the plants it counts
COUNTED = (r"\s+(?:has\s+|also\s+)?(?:opened|operates|runs|built|owns|inaugurated)\s+(?P<count>{counts})\s+"
           r"(?:[\w-]+\s+){{0,2}}(?:plants|factories|sites)(?:\s+in\s+(?:\d{{4}}|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))?\s*[,:]\s+")
# 'three of its Ohio factories into the EV Hub: the X, the Y and the Z': the subject's plants listed after a colon
ITS_LISTED = (r"\b(?:(?P<count>{counts})\s+of\s+)?its\s+(?:[\w-]+\s+){{0,2}}(?:plants|factories|sites|facilities)\b"
              r"[^:;.]{{0,60}}:\s+")
# 'two factories in the United States, the Kentucky Truck Plant and the Ohio Assembly Plant': where the plants it counts are
COUNTED_IN = (r"\b(?P<count>{counts})\s+(?:[\w-]+\s+){{0,2}}(?:plants|factories|sites)\s+(?:in|across)\s+(?:the\s+)?")
# a clause whose subject is a pronoun or 'the carmaker', then its verb, up to the plant: 'it also runs a', 'the
# carmaker builds vehicles at its'
PRONOUN_RUNS = re.compile(r"(?:^|[;:,]\s+)(?:(?:[Ii]t|[Tt]he\s+(?:company|carmaker|automaker|group|manufacturer))\s+(?:also\s+|now\s+|still\s+)?"
                          r"(?:(?:runs|operates|opened|built)\s+(?:a|an|the|its)|[a-z]+\s+(?:[a-z]+\s+)?(?:at|in)\s+its)"
                          r"|Its\s+(?:[a-z-]+\s+){1,3}(?:at|in)\s+(?:the|its))"  # 'Its car production began at the X plant'
                          r"\s+(?:[\w-]+\s+){0,3}$")
# 'the group's body plant', 'the carmaker's plant in X': the company the text is about
OWNER_POSSESSIVE = re.compile(r"\bthe\s+(?:group|company|carmaker|automaker|manufacturer)[’']s\s+(?:[\w-]+\s+){0,3}$")
# '... runs a plant in X, and a paint factory in Y': a plant listed after another with the same verb
AND_ANOTHER = re.compile(r",?\s+and\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}$")
FIELD = re.compile(r"(?:[-•*]\s*|\d{1,2}[.)]\s+)?(Location|Site|Address|Operator|Operated by|Run by|Models?|Vehicles|Products|"
                   r"Line-?up|Builds)\s*:\s*")  # a fact sheet's line
LISTED_PLANT_GAP = re.compile(r"(?:\s+(?:in|at|near)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?(?:\s*,?\s*(?:and\s+)?)?(?:the\s+)?")


class PlantFacts:
    """The plant half of Relations: each plant mention's place (named, or stated after it) and its operator."""

    def plants(self: Relations, s: int) -> None:
        """City, country and operator of each plant named in the sentence."""
        text = self.sentence_text(s)
        places = self.mentions(s, "city", "country")
        for plant in self.mentions(s, "plant"):
            end = self.local(s, plant)[1]
            inside = [p for p in places if plant.start <= p.start < plant.end]
            after = LOCATED.match(text[end:])
            stated = self.places_from(s, end + after.end(), places) if after else []
            for place in inside + stated:
                self.locate(plant.key, place, s)
                if place.start < plant.end:
                    self.name_cities.add((plant.key, place.key))
            if not any(p.kind == "country" for p in stated) and after and (country := self.subdivision_at(text, end + after.end())):
                self.fact(plant.key, "country", self.registry.add("country", country), s)
            if (operator := self.operator(s, plant)) is not None:
                self.fact(plant.key, "operatedBy", self.organisation(operator), s)
            elif (listed := self.listed_after(s, plant)) is not None:  # '..., and a solar factory in Y'
                self.fact(plant.key, "operatedBy", listed, s)
        self.counted_plants(s)
        self.own_plants(s)
        self.counted_places(s)
        self.pronoun_operator(s)
        self.plural_operator(s)
        self.operator_of_those_before(s)
        self.fields(s)

    def fields(self: Relations, s: int) -> None:
        """A fact sheet's lines under a plant's heading: '- Location: Valdoro, Georgia', '3. Operator: Kia', '- Models: X, Y'."""
        text = self.sentence_text(s)
        field = FIELD.match(text)
        plant = self.plant_at(s) if field and not self.mentions(s, "plant") else None
        if plant is None:
            return
        name = field.group(1).lower()
        if name in ("location", "site", "address"):
            places = self.places_from(s, field.end(), self.mentions(s, "city", "country"))
            for place in places:
                self.locate(plant, place, s)
            if not any(p.kind == "country" for p in places) and (country := self.subdivision_at(text, field.end())):
                self.fact(plant, "country", self.registry.add("country", country), s)
        elif name in ("operator", "operated by", "run by"):
            org = self.organisation_at(s, field.end())
            if org is not None:
                self.fact(plant, "operatedBy", self.organisation(org), s)
        elif not self.future(text):  # what it builds
            for model in self.current_models(s):
                self.fact(plant, "produces", model.key, s)

    def listed_after(self: Relations, s: int, plant: Found) -> str | None:
        """The operator of the plant listed just before this one ('runs a plant in X, and a paint factory in Y')."""
        text, start = self.sentence_text(s), self.local(s, plant)[0]
        if not AND_ANOTHER.search(text[:start]):
            return None
        earlier = [p for p in self.mentions(s, "plant") if self.local(s, p)[1] <= start and p.key != plant.key]
        return next((f.object for f in self.facts if earlier and f.subject == earlier[-1].key and f.predicate == "operatedBy"
                     and f.sentence == s), None)

    def pronoun_operator(self: Relations, s: int) -> None:
        """'Turning it into the EVO Plant took a year. Kia, which belongs to Y, runs it.', '... It is run by Y.': 'it' is
        the plant the sentence before named, when this one names none and opens with the organisation that runs it
        or with 'It is run by'."""
        text = self.sentence_text(s)
        previous = [f for f in self.found if f.kind == "plant" and f.key and f.sentence == s - 1]
        first_plant = min((self.local(s, p)[0] for p in self.mentions(s, "plant")), default=len(text))
        for org in self.orgs(s, "company", "brand") if previous else []:
            start, end = self.local(s, org)
            if first_plant < start:
                continue
            if re.fullmatch(r"(?:The\s+)?", text[:start]) and RUNS_PRONOUN.match(text, end) or IT_RUN_BY.fullmatch(text[:start]):
                self.fact(previous[-1].key, "operatedBy", self.organisation(org), s)
                return

    def plural_operator(self: Relations, s: int) -> None:
        """'All three plants are operated by Y', 'Both factories are run by Y': Y runs each plant the last sentence
        naming plants (of the two before) named, when this one names none."""
        text = self.sentence_text(s)
        if (said := ALL_RUN_BY.match(text)) is None or self.mentions(s, "plant"):
            return
        operator = self.organisation_at(s, said.end())
        earlier = next((t for t in range(s - 1, max(s - 3, -1), -1) if self.mentions(t, "plant")), None)
        if operator is None or earlier is None:
            return
        for plant in dict.fromkeys(f.key for f in self.mentions(earlier, "plant") if f.key):
            self.fact(plant, "operatedBy", self.organisation(operator), s)

    def operator_of_those_before(self: Relations, s: int) -> None:
        """'...; both belong to Ford and are run by it', ', all three are operated by Y', ', both in Haryana and both run
        by Y': the organisation runs each plant the sentence named before it; 'it' is the organisation they belong to."""
        if (both := BOTH_RUN_BY.search(self.sentence_text(s))) is None:
            return
        plants = dict.fromkeys(p.key for p in self.mentions(s, "plant") if p.key and self.local(s, p)[1] <= both.start())
        operator = self.organisation_at(s, both.start("owner") if both.group("it") and both.group("owner") else both.end())
        if operator is None or not plants:
            return
        for plant in plants:
            self.fact(plant, "operatedBy", self.organisation(operator), s)

    def organisation_at(self: Relations, s: int, at: int) -> Found | None:
        """The company, brand or alliance named from character `at` of sentence `s` on ('run by Y', 'Operator: Y')."""
        return next((o for o in self.orgs(s, "company", "brand", "alliance") if self.local(s, o)[0] == at), None)

    def counted_plants(self: Relations, s: int) -> None:
        """'Tesla opened two further plants in 2022, Giga Berlin in Germany and Giga Texas in Austin': an organisation
        runs the plants listed after its count of them, when the list names as many as it counts."""
        text, counts = self.sentence_text(s), self.lex.cue("count_words")
        counted = re.compile(COUNTED.format(counts="|".join(counts)))
        for org in self.orgs(s, "company", "brand"):
            cue = counted.match(text, self.local(s, org)[1])
            if cue is None:
                continue
            listed = self.listed_plants(s, cue.end())
            if len({p.key for p in listed}) == counts[cue.group("count")]:
                for plant in listed:
                    self.fact(plant.key, "operatedBy", self.organisation(org), s)

    def counted_places(self: Relations, s: int) -> None:
        """'two factories in the United States, the X and the Y': each plant of a list as long as its count stands in
        the place the count is given."""
        text, counts = self.sentence_text(s), self.lex.cue("count_words")
        for cue in re.finditer(COUNTED_IN.format(counts="|".join(counts)), text):
            place = next((p for p in self.mentions(s, "city", "country") if self.local(s, p)[0] == cue.end()), None)
            gap = re.match(r"\s*[,:—–]\s+", text[self.local(s, place)[1]:]) if place is not None else None
            if gap is None:
                continue
            listed = self.listed_plants(s, self.local(s, place)[1] + gap.end())
            if len({p.key for p in listed}) == counts[cue.group("count")]:
                for plant in listed:
                    self.locate(plant.key, place, s)

    def listed_plants(self: Relations, s: int, at: int) -> list[Found]:
        """The plants named one after another from a character of the sentence on: 'Giga Berlin in Germany and Giga
        Texas'."""
        text, listed = self.sentence_text(s), []
        for plant in sorted((p for p in self.mentions(s, "plant") if self.local(s, p)[0] >= at), key=lambda p: p.start):
            start, end = self.local(s, plant)
            if not LISTED_PLANT_GAP.fullmatch(text[at:start]) or (listed and not re.search(r",|\band\b", text[at:start])):
                break
            listed.append(plant)
            at = end
        return listed

    def subdivision_at(self: Relations, text: str, at: int) -> str | None:
        """The country of a state or province named at a character of the sentence ('in Ontario, Canada')."""
        name = self.subdivision_named(text, at)
        return self.lex.subdivisions[name] if name else None

    def subdivision_named(self: Relations, text: str, at: int) -> str | None:
        """The state or province named at a character of the sentence, the longest name that fits."""
        found = _subdivision_names(tuple(self.lex.subdivisions)).match(text, at)
        return found.group(0) if found else None

    def places_from(self: Relations, s: int, at: int, places: list[Found]) -> list[Found]:
        """The chain of places stated from a character on: 'Spartanburg, South Carolina, United States'."""
        text, chain = self.sentence_text(s), []
        while True:
            here = next((p for p in places if self.local(s, p)[0] == at), None)
            if here is not None:
                chain.append(here)
                at = self.local(s, here)[1]
            else:
                name = self.subdivision_named(text, at)
                if name is None:
                    return chain
                at += len(name)
            gap = re.match(r",\s*", text[at:])
            if gap is None:
                return chain
            at += gap.end()

    def operator(self: Relations, s: int, plant: Found) -> Found | None:
        """'Kia's plant', 'its plant' after Kia, 'Tata is building a plant', 'the plant, run by X', 'X, which runs the plant'."""
        text = self.sentence_text(s)
        start, end = self.local(s, plant)
        orgs = self.orgs(s, "company", "brand")
        before = [o for o in orgs if self.local(s, o)[1] <= start]
        operators = [o for o in orgs if plant.start <= o.start < plant.end and o.start == plant.start
                     or o in before and re.fullmatch(r"(?:.[’']s|s[’'])\s+(?:[\w-]+\s+){0,2}",  # 'Kia's', 'Stellantis''
                                                     text[self.local(s, o)[1] - 1:start])]
        taken = [o for o in operators if o in before and TAKEN_OVER.search(text[:self.local(s, o)[0]])]
        for o in taken:  # 'Great Wall took over GM's plant': the buyer, named before the verb
            operators.remove(o)
            operators += [b for b in before if self.local(s, b)[1] <= self.local(s, o)[0] and b.key != o.key][-1:]
        if plant.operator is not None:
            operators.append(plant.operator)
        if re.search(r"\bits\s+(?:[\w-]+\s+){0,3}$", text[:start]) or re.match(rf",\s+its\s+{RANKED}", text[end:]):
            # the nearest that can be a subject, not 'the arm of X'; 'at the X plant, its largest in Europe'
            subjects = self.subjects(s, start)
            makers = [b for b in self.mentions(s, "brand") if b.of_model is not None and self.local(s, b)[1] <= start]
            operators += subjects[-1:] or before[:1] or makers[:1]  # 'the Kia QV8, the carmaker's first EV, at its plant'
        if not before and (PRONOUN_RUNS.search(text[:start]) or OWNER_POSSESSIVE.search(text[:start])):  # 'the
            # carmaker builds cars at its plant in X', 'it also
            operators += [o for o in self.found if o.kind == "company" and o.key and o.sentence < s][-1:]  # runs a plant in
            # X': the company the text named last
        operators += [o for o in before if BUILT_BY.fullmatch(text[self.local(s, o)[1]:start])
                      or RUNS_IT.fullmatch(text[self.local(s, o)[1]:start]) or STARTED_AT.fullmatch(text[self.local(s, o)[1]:start])]
        run_by = [o for o in self.orgs(s, "company", "brand", "alliance")
                  if self.local(s, o)[0] >= end and RUN_BY.fullmatch(text[end:self.local(s, o)[0]])
                  or o in before and WAS_ITS.fullmatch(text[self.local(s, o)[1] - 1:start])
                  or self.local(s, o)[0] >= end and WHICH_RUNS.fullmatch(text[end:self.local(s, o)[0]])
                  and RUNS_AFTER.match(text, self.local(s, o)[1])
                  or self.local(s, o)[0] >= end and RUN_BY_AFTER_ASIDE.fullmatch(text[end:self.local(s, o)[0]])
                  and not any(end <= self.local(s, g)[0] < self.local(s, o)[0] for g in self.orgs(s, "company", "brand")
                              + [p for p in self.mentions(s, "plant") if p.key != plant.key])]
        heads = alternation(tuple(self.lex.cue("plant_heads")))
        run_by += [o for o in orgs if self.local(s, o)[0] >= end and IS_ITS.fullmatch(text[end:self.local(s, o)[0]])
                   and re.match(rf"[’']s\s+(?:(?:[\w-]+\s+){{0,3}}(?:{heads})|{RANKED})\b", text[self.local(s, o)[1]:])]
        return (run_by + operators or [None])[0]  # 'Kia's plant is run by Kia Slovakia': who runs it, said outright

    def subjects(self: Relations, s: int, at: int) -> list[Found]:
        """The organisations before a character of the sentence that can be what 'its' stands for: not the object of a
        preposition ('the arm of X'), nor a partner ('X, the joint venture owned by A and B, ... its plant': X)."""
        text = self.sentence_text(s)
        return [o for o in self.orgs(s, "company", "brand", "alliance") if self.local(s, o)[1] <= at and not re.search(
            r"\b(?:of|by|from|with|for|to|between)\s+(?:the\s+)?(?:[^,;]*\s+and\s+(?:the\s+)?)?$", text[:self.local(s, o)[0]])]

    def own_plants(self: Relations, s: int) -> None:
        """'Honda turned three of its Ohio factories into the EV Hub: the X, the Y and the Z': the plants listed after
        the subject's own, as many as it counts (two or more where it gives no count), are the subject's."""
        text, counts = self.sentence_text(s), self.lex.cue("count_words")
        for cue in re.finditer(ITS_LISTED.format(counts="|".join(counts)), text):
            owner = self.subjects(s, cue.start())[-1:]
            listed = {p.key for p in self.listed_plants(s, cue.end())}
            if owner and (len(listed) == counts[cue.group("count")] if cue.group("count") else len(listed) > 1):
                for plant in sorted(listed):
                    self.fact(plant, "operatedBy", self.organisation(owner[0]), s)

    def locate(self: Relations, plant: str, place: Found, s: int) -> None:
        """A plant's city (with the city's country) or its country, unless the text gave it another country before."""
        if place.kind == "city":
            city = self.registry.label(place.key)
            named_area = AREA.search(city) or AREA_AFTER.match(self.sentence_text(s), self.local(s, place)[1])
            if not named_area:  # 'a plant in Chatham County', 'in Sakarya province': in that area, not a town
                self.fact(plant, "city", place.key, s)
            country_label = self.lex.cities.get(city) or place.country
            country = self.registry.add("country", country_label) if country_label else next(  # as the text said before
                (f.object for f in self.facts if f.subject == place.key and f.predicate == "country"), None)
            if country:
                self.fact(place.key, "country", country, s)
                self.fact(plant, "country", country, s)
        elif not any(f.subject == plant and f.predicate == "country" and f.object != place.key and f.sentence < s
                     for f in self.facts):  # 'its plant in Mexico ... a new BMW plant in Hungary': another plant
            self.fact(plant, "country", place.key, s)


AREA_WORDS = ("county", "province", "prefecture", "region", "oblast", "governorate")  # a place named with one is no town
AREA = re.compile(rf"\s(?:{'|'.join(word.title() for word in AREA_WORDS)})$")  # 'Chatham County'
AREA_AFTER = re.compile(rf"\s+(?:{'|'.join(AREA_WORDS)})\b")  # 'in Sakarya province'


@cache
def _subdivision_names(names: tuple[str, ...]) -> re.Pattern[str]:
    """The states and provinces the lexicon knows, longest first, as one pattern built once."""
    return re.compile(rf"(?:{alternation(names)})(?!\w)")
