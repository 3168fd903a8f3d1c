"""Numeric and temporal facts: annual output, investments, all-electric-since dates and market launches."""

from __future__ import annotations

import re
from datetime import date

from evkg.graph.quantities import (RELATIVE_YEAR, YEAR, find_counts, find_money, find_periods, find_since, hedged,
                               plain_decimal, relative_year, without_hedge)
from evkg.graph.lexicon import alternation, words_re
from evkg.graph.mentions import Found
from evkg.graph.relations import Relations

# 'deliveries to customers in the region began': the start of sales, unlike 'deliveries of parts started'
DELIVERIES_BEGAN = re.compile(r"\b[Dd]eliveries(?:\s+(?:to|in)\s[^,.;]{0,50}?)?\s+(?:began|begin|begins|started|start|starts)\b")
SALES_OF_BEGAN = re.compile(r"\b(?:[Ss]ales|[Dd]eliveries)\s+of\s+[^,.;]{1,60}?\s+(?:began|begin|begins|started|start|starts)\b")
# the model a launch verb takes ('launched the facelifted X'), not 'launched production of X'
LAUNCHED = re.compile(r"\s+(?:the\s+|its\s+|their\s+)?(?:(?!(?:of|production|assembly|manufacturing)\b)[a-z-]+\s+){0,2}")
AT_PLANT = re.compile(r"\s+(?:at|in|from)\s+(?:the\s+|its\s+|their\s+)?")
COMPARES = re.compile(r"(?:That|This)\s+(?:compares|compared)\s+(?:with|to)\s")  # the output just stated, in another year
CLAUSE_BREAK = re.compile(r"[;]|\b(?:while|whereas|but)\b")
INVESTMENT_FIELD = re.compile(r"(?:[-•*]\s*)?(?:Investment|Cost|Capital expenditure)\s*:\s*")  # a fact sheet's line
# 'to invest $1 billion in it', 'spent 200 million euros to prepare the lines': the plant in focus, unless the sentence is
# about a place ('The city ... into it')
# a sale cue whose subject may be the model the sentence before opened with: 'It went on sale in Japan in July 2009',
# 'Release is scheduled for the second half of 2022'
WHICH_WAS = re.compile(r",\s+(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+(?:first\s+)?")  # a relative clause
SOLD_FROM_THEN = re.compile(r"on\s+sale|showrooms|release", re.IGNORECASE)
PRONOUN_SUBJECT = re.compile(r"(?:^|\W)(?:[Ii]t|[Tt]he\s+(?:car|model|vehicle)|[Ii]ts\s+(?:release|sales))\b")
# '160,000 units in 2015, about 61 per cent of the plant's output': a part of the output, not the whole
SHARE_OF_OUTPUT = re.compile(r"\b(?:\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)|half|a\s+(?:third|quarter))\s+of\s+(?:the\s+plant[’']s|"
                             r"its|the|their)\s+(?:total\s+)?(?:output|production)\b")
OTHER_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\s|\bproduction\b")  # between a launch cue and a period
INTO_IT = re.compile(r"\s+(?:in|into)\s+it\b|\s+to\s+(?:prepare|retool|convert|modernise|modernize|upgrade|expand|refit|"
                     r"equip)\s+(?:the|its)\s+(?:[a-z-]+\s+)?(?:lines?|halls?|shops?|plant|factory|site)\b")  # 'to retool its lines'
# 'The investment into the factory is about $1.1 billion', 'It cost 97.5 billion forints': what the plant in focus cost
PLANT_COST = re.compile(r"\W*(?:(?:The|This)\s+investment\s+(?:in|into)\s+(?:the\s+)?(?:factory|plant|site)\b|"
                        r"It\s+(?:cost|costs|will\s+cost)\b)")
PLACE_SUBJECT = re.compile(r"(?:The|This|Its)\s+(?:city|town|country|region|state|province|area)\b")
# '300,000 cars were built', '... left the lines': the verb between a production figure and its year
OUTPUT_VERB = re.compile(r"\s+(?:were\s+|have\s+been\s+)?(?:built|made|produced|assembled|manufactured|rolled\s+out|"
                         r"(?:left|came\s+off|rolled\s+off)\s+(?:the|its)\s+(?:assembly\s+|production\s+)?lines?)\b")
# 'closed last year with some 340,000 cars built': the year a figure is the total of, said before it
ENDED_YEAR_WITH = re.compile(rf"\b(?:ended|closed|finished|rounded\s+off|wrapped\s+up)\s+(?:({YEAR})|({RELATIVE_YEAR}))\s+with\s+"
                             r"(?:a\s+total\s+of\s+|(?:some|about|around|nearly|almost|roughly|over|more\s+than)\s+)?$")


# what has been spent over the years, not one investment: 'has invested 1.3 billion euros in X since 2000'
MONEY_SO_FAR = re.compile(r"\bsince\s+(?:(?:19|20)\d\d|it\s+(?:took|opened|was|began|started))\b|\b(?:to\s+date|so\s+far|over\s+"
                          r"the\s+(?:years|decades)|[Tt]otal\s+invested)\b")
# 'its French factories', 'to prepare Douai, Maubeuge, Ruitz and other French sites'
ALL_ITS_PLANTS = re.compile(r"[^.;]{0,50}?\b(?:its|their|all|other)\s+(?:[A-Z][\w-]*\s+)?(?:plants|factories|sites)\b")


def _window(text: str, start: int, end: int, before: int, after: int) -> tuple[str, str]:
    """The clause-bounded text just before and just after a span."""
    head = text[max(0, start - before):start]
    head = CLAUSE_BREAK.split(head)[-1]
    tail = CLAUSE_BREAK.split(text[end:end + after])[0]
    return head, tail


def _last_words(text: str, size: int) -> str:
    """About the last `size` characters, widened to whole words (a cut word, 'said' -> 'aid', is no cue)."""
    cut = max(0, len(text) - size)
    while 0 < cut and not text[cut - 1].isspace():
        cut -= 1
    return text[cut:]


def _first_words(text: str, size: int) -> str:
    """About the first `size` characters, widened to whole words."""
    cut = min(len(text), size)
    while cut < len(text) and not text[cut].isspace():
        cut += 1
    return text[:cut]


class QuantityFacts:
    """Adds the numeric and temporal facts of each sentence to a Relations' fact list."""

    def __init__(self, relations: Relations, published: date | None = None) -> None:
        self.r = relations
        self.published = published
        cue = relations.lex.cue
        self.rate = words_re(cue("rate_cues"))
        self.capacity = words_re(cue("capacity_cues"))
        self.target = words_re(cue("target_cues"))
        self.cumulative = words_re(cue("cumulative_cues"))
        self.sales = words_re(cue("sales_cues"))
        self.output = words_re(cue("output_cues"))
        self.invest = words_re(cue("investment_cues"))
        self.not_invest = words_re(cue("non_investment_cues"))
        self.all_electric = words_re(cue("all_electric_cues"))
        self.launch = words_re(cue("launch_cues"))
        projects = "|".join(re.escape(p) for p in ["project", *cue("investment_purposes")])
        self.project = re.compile(rf"\b(?:[Tt]he|[Tt]his)\s+(?:{projects})\b")  # the plant's project, named before
        heads = "|".join(re.escape(h) for h in cue("plant_heads") + cue("plant_anaphora"))
        self.plant_head = re.compile(rf"\s+(?:[a-z-]+\s+)?(?:{heads})\b", re.IGNORECASE)
        self.years: dict[tuple[str, int], int] = {}
        self.output_plants: dict[int, str] = {}  # sentence -> the plant whose annual output it states

    def run(self) -> None:
        for s in range(len(self.r.parsed.sentences)):
            self.production(s)
            self.investments(s)
            self.since(s)
            self.launches(s)

    def skip(self, what: str, why: str) -> None:
        self.r.warnings.append(f"not an annual output: '{what}' ({why})")

    def production(self, s: int) -> None:
        text = self.r.sentence_text(s)
        compared = self.output_plants.get(s - 1) if COMPARES.match(text) else None
        is_output = self.output.search(text) is not None or compared is not None
        money = find_money(text)
        counts = [c for c in find_counts(text, bare=compared is not None) if not any(m.start <= c[0].start < m.end for m in money)]
        plant_words = self.r.mentions(s, "plant")
        if not plant_words and self.r.orgs(s, "company", "brand", "alliance"):
            return
        if not plant_words and self.plant_head.match(" " + re.sub(r"^An?\s+", "", text)) and re.match(r"An?\s", text):
            return  # 'A site that had once produced ...': some plant, not the one in focus
        for n, (amount, ordinal) in enumerate(counts):
            what = text[amount.start:amount.end]
            head, tail = _window(text, amount.start, amount.end, 80, 40)
            limit = counts[n + 1][0].start if n + 1 < len(counts) else len(text)
            after = amount.end + next((e for p in plant_words if (e := self.plant_after(s, p, amount.end)) is not None), 0)
            after = verb.end() if (verb := OUTPUT_VERB.match(text, after)) else after  # '300,000 cars were built in 2023'
            year = re.match(rf"\s*(?:,\s*)?(?:(in|during|for|by|through)\s+(?:calendar\s+|the\s+(?:calendar\s+)?year\s+)?"
                            rf"({YEAR})|({RELATIVE_YEAR}))\b", text[after:limit])
            clause = text.rfind(";", 0, amount.start) + 1  # 'in 2024 output fell to 144,638 units' opens its clause
            first_in_clause = all(c[0].start < clause for c in counts[:n])
            lead = re.match(rf"\s*(?:[-•*]\s*)?(?:(?:In|in|During|during)\s+({YEAR})|([Ll]ast year|[Tt]his year)|"
                            rf"(?:[Pp]roduction|[Oo]utput)\s+(?:in\s+)?({YEAR})\s*:)", text[clause:])  # '- Production 2019: 230,000'
            reasons = [
                ("cumulative", ordinal or self.cumulative.search(head + " " + tail) is not None),
                ("rate", self.rate.search(_first_words(tail, 25)) is not None),
                ("capacity", self.capacity.search(head) is not None),
                ("target", self.target.search(head) is not None or bool(year and year.group(1) == "by")
                 or bool(year and (year.group(3) or "").startswith("next"))),
                ("sales", self.sales.search(_last_words(head, 40)) is not None),
                ("a share of output", SHARE_OF_OUTPUT.search(text, amount.end, amount.end + 80) is not None),

                ("no word of output", not is_output),
            ]
            why = next((name for name, hit in reasons if hit), None)
            closed = ENDED_YEAR_WITH.search(text[clause:amount.start])  # 'the plant ended 2023 with 340,500 cars built'
            value = self.year_of(year.group(2), year.group(3)) if year else \
                (self.year_of(lead.group(1) or lead.group(3), lead.group(2)) if lead and first_in_clause else
                 self.year_of(closed.group(1), closed.group(2)) if closed else None)
            plant = compared or self.r.plant_at(s, amount.start)
            if why or value is None or plant is None:
                self.skip(what, why or ("no year stated" if value is None else "no plant"))
                continue
            if (plant, value) in self.years:
                self.r.warnings.append(f"second output figure for {plant} in {value} ignored: '{what}'")
                continue
            self.years[(plant, value)] = s
            self.output_plants[s] = plant
            label = f"{self.r.registry.label(plant)} output {value}"
            record = self.r.registry.add("production", label, slug_name=f"{self.r.registry.slug(plant)}-{value}")
            self.r.fact(record, "outputOf", plant, s)
            self.r.fact(record, "year", str(value), s, "literal", "integer")
            self.r.fact(record, "units", plain_decimal(amount.value), s, "literal", "integer")
            self.r.fact(record, "approximate", str(hedged(text[:amount.start])).lower(), s, "literal", "boolean")

    def plant_after(self, s: int, plant: Found, at: int) -> int | None:
        """How far past `at` a plant named right after a figure ends ('320,000 vehicles at the X plant in 2023'), if so."""
        start, end = self.r.local(s, plant)
        return end - at if start >= at and AT_PLANT.fullmatch(self.r.sentence_text(s)[at:start]) else None

    def year_of(self, written: str | None, relative: str | None) -> int | None:
        """A year as written ('2024') or relative to the publication date ('last year')."""
        return int(written) if written else relative_year(relative or "", self.published)

    def investments(self, s: int) -> None:
        text = self.r.sentence_text(s)
        for amount in find_money(text):
            if amount.restates:
                continue
            head, tail = _window(text, amount.start, amount.end, 60, 40)
            priced_plant = self.plant_head.match(tail)  # 'the $7.6 billion plant': what the plant cost
            joined = without_hedge(head).rstrip() + " " + tail.lstrip()  # 'put about £100 million into': 'put into'
            if self.not_invest.search(_last_words(head, 30) + " " + _first_words(tail, 30)) \
                    or not (priced_plant or self.invest.search(joined)):
                continue
            if self.regional(s, amount.end, tail) or re.match(r"\s+(?:for|on)\s+(?:the\s+)?land\b", tail):
                continue  # money for a region; 'paid $5 million for the land' is a purchase
            if MONEY_SO_FAR.search(_last_words(head, 40) + " " + _first_words(tail, 40)) or ALL_ITS_PLANTS.match(text, amount.end):
                continue  # a running total ('1.3 billion euros in Leipzig since 2000'), or money for all its plants
            target = self.r.plant_at(s, amount.start) if self.r.mentions(s, "plant") else None
            ventures = [a for a in self.r.mentions(s, "alliance") if self.r.local(s, a)[1] <= amount.start]
            if target is None and ventures:  # 'a joint venture with Y, to which Y has committed $5.8 billion'
                target = ventures[-1].key
            if target is None and not self.r.orgs(s, "alliance") and (self.project.search(text) or INVESTMENT_FIELD.match(text)
                                                                      or PLANT_COST.match(text)
                                                                      or INTO_IT.match(tail) and not PLACE_SUBJECT.match(text)):
                target = self.r.plant_at(s)  # 'The transformation is costing $2.2 billion', 'to invest $1 billion in it'
            if target is None:
                self.r.warnings.append(f"investment with no plant in its sentence: '{text[amount.start:amount.end]}'")
                continue
            value = plain_decimal(amount.value)
            reg = self.r.registry
            label = f"{text[amount.start:amount.end]} investment in {reg.label(target)}"
            node = reg.add("investment", label, slug_name=f"{reg.slug(target)}-{value}-{amount.currency.lower()}")
            self.r.fact(node, "investmentTarget", target, s)
            self.r.fact(node, "amount", value, s, "literal", "decimal")
            self.r.fact(node, "currency", amount.currency, s, "literal", "string")
            purpose = re.match(r"\s+([a-z]+)", text[amount.end:])
            if purpose and purpose.group(1) in self.r.lex.cue("investment_purposes"):
                self.r.fact(node, "purpose", purpose.group(1), s, "literal", "string")
            investors = [o for o in self.r.orgs(s, "company", "brand", "alliance")
                         if self.r.local(s, o)[1] <= amount.start and o.key != target and not any(
                             p.start <= o.start < p.end for p in self.r.mentions(s, "plant"))]
            if investors:  # a venture's money comes from the partner named nearest before it
                investor = investors[-1] if target.startswith("alliance/") else investors[0]
                self.r.fact(node, "investor", self.r.organisation(investor), s)

    def regional(self, s: int, end: int, tail: str) -> bool:
        """'$1.2 billion into South Carolina', 'a programme in Alabama', 'across North America': money for a region,
        not for a plant, when no plant is named between the amount and the place."""
        lex = self.r.lex
        names = alternation((*lex.subdivisions, *lex.countries, *lex.regions))
        place = re.search(rf"\b(?:in|into|across|throughout)\s+(?:the\s+)?(?:{names})\b", tail)
        return place is not None and not any(end <= self.r.local(s, p)[0] < end + place.start()
                                             for p in self.r.mentions(s, "plant"))

    def since(self, s: int) -> None:
        text = self.r.sentence_text(s)
        if not self.all_electric.search(text):
            return
        for when in find_since(text):
            plant = self.r.plant_at(s, len(text))
            if plant:
                self.r.fact(plant, "allElectricSince", when.value, s, "literal", when.datatype)

    def launches(self, s: int) -> None:
        text = self.r.sentence_text(s)
        cue = self.launch.search(text) or DELIVERIES_BEGAN.search(text)
        sales_of = SALES_OF_BEGAN.search(text) if not cue else None  # 'Deliveries of the X in Europe start': of X alone
        cue = cue or sales_of
        if not cue:
            return
        periods = [p for p in find_periods(text, self.published) if p.start >= cue.start()]
        launched = LAUNCHED.fullmatch if cue.group(0).lower().startswith("launch") else lambda *_: None
        models = [m for m in self.r.mentions(s, "model") if (cue.start() < self.r.local(s, m)[0] < cue.end() if sales_of
                                                             else self.r.local(s, m)[1] <= cue.start())
                  or launched(text, cue.end(), self.r.local(s, m)[0])]  # 'Kia will launch the X in Europe in May'
        nearest = max(models, key=lambda m: m.start, default=None)
        if nearest is not None and WHICH_WAS.fullmatch(text, self.r.local(s, nearest)[1], cue.start()):
            models = [nearest]  # 'the X was made on the base of the Y, which was launched in 2015': the Y alone
        if not models and periods and SOLD_FROM_THEN.search(cue.group(0)) and (
                PRONOUN_SUBJECT.search(text[:cue.start()]) or re.match(r"\W*Release\b", text)):
            models = self.r.mentions(s - 1, "model")[:1] if s else []  # 'The X ... It went on sale in July 2009.'
        if not periods or not models or OTHER_CLAUSE.search(text, cue.end(), periods[0].start):
            return  # 'the X, already on sale, is made in China, and the Y is to start production in early 2024'
        period = periods[0]
        comma = text.find(",", period.end)
        clause_end = comma if comma != -1 else len(text)
        regions = [g for g in self.r.mentions(s, "region") if cue.start() <= self.r.local(s, g)[0] < clause_end]
        for model in {m.key: m for m in models}.values():
            reg = self.r.registry
            event = reg.add("event", f"{reg.label(model.key)} market launch", cls="MarketLaunch",
                            slug_name=f"{reg.slug(model.key)}-launch")
            self.r.fact(event, "launchOf", model.key, s)
            self.r.fact(event, "launchPeriod", period.phrase, s, "literal", "string")
            self.r.fact(event, "launchYear", str(period.year), s, "literal", "integer")
            for region in regions[:1]:
                self.r.fact(event, "market", region.key, s)
