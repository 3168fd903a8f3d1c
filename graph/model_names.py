"""Vehicle-model names ('Renault 5 (R5) E-Tech', 'Kia EV4', 'Toyota Camry') and their later short names."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from evkg.graph.lexicon import words_re
from evkg.graph.mentions import E_PREFIXES, LIST_JOIN, MODEL_CODE, Found, Mentions
from evkg.graph.quantities import find_money
from evkg.graph.resolve import Registry
from evkg.graph.text import word_spans


# 'the 308', 'the new 308 is' after 'Peugeot 308', where a name can stand: not 'the 308 workers' nor '308 models'
NUMBER_ALIAS = r"(?:(?<=\bthe\s)|(?<=\bnew\s)){}(?=\s*[,.;:)]|\s*$|\s+(?:is|was|has|had|will|would|and|or|to|in|at|on|from|for|with)\b)"


CALLED = re.compile(r",\s+which\s+(?:in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+)?(?:is|was)\s+(?:called|known\s+as|sold\s+as)\s+")
# a model code standing alone ('the bZ4X', 'the EV4', 'the R1T'), not a gas, a half, a quarter or an engine's cylinders
# ('CO2', 'H1', 'Q3', 'the V12 coupé')
STANDING_CODE = re.compile(r"(?:(?<=\bthe\s)|(?<=\bThe\s)|(?<=\bits\s)|(?<=\btheir\s)|(?<=\bnew\s))"
                           r"(?!(?:CO|NO|SO|PM|H|Q|V|W)\d{1,2}(?![\w.-]))"
                           r"([A-Za-z]{1,3}\d{1,3}[A-Za-z]{0,2})(?![\w-]|\.\w)")
# what may follow a model's name: the sentence's punctuation, a lower-case word but a road's, a part's or a period's, or
# a body word ('the R1S SUV'); not 'the A4 motorway', 'the J1 platform', 'the Q3 results'
CODE_FOLLOWER = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:SUV|EV|(?!(?:motorway|road|highway|autobahn|summit|platform|"
                           r"architecture|engine|engines|motor|motors|battery|batteries|cell|cells|chip|chips|results|"
                           r"quarter|level|class|segment|standard|rating|emissions?|models|vehicles|cars|range|family|series)\b)[a-z])")
FISCAL_PERIOD = re.compile(r"FY\d{2}(?:\d{2})?")
# a production verb, then the names it lists: 'assembles the Tucson and the Santa Fe', 'builds the Sportage, the Ceed'
NAME_WORDS = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
BUILT_NAMES = re.compile(rf"\b(?:builds|built|assembles|assembled|makes|made|produces|produced|manufactures|manufactured)"
                         rf"\s+(?P<list>the\s+{NAME_WORDS}(?:(?:,\s+and|,|\s+and)\s+the\s+{NAME_WORDS})*)"
                         r"(?=\s*(?:[,.;]|$)|\s+(?:at|in|for|since|from|until)\b)")
LISTED_NAME = re.compile(rf"the\s+({NAME_WORDS})")
OTHER_NAME_GAP = re.compile(r"(?:(?:\s*,\s*|\s+)(?:and\s+|or\s+)?(?:as\s+)?(?:in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+)?)?(?:the\s+)?")


class ModelNames:
    """Finds vehicle models for the name finder: a model by brand, family or suffix; one model per base name;
    later short names and anaphora."""

    def __init__(self, mentions: Mentions, registry: Registry) -> None:
        self.mentions, self.registry = mentions, registry
        self.parsed, self.lex, self.toks = mentions.parsed, mentions.lex, mentions.toks

    def with_suffix(self, s: int, j: int) -> int:
        """The end of a run extended over a lower-case model suffix ('Audi Q4' + ' e-tron') and the capitalised words
        of the name after it ('Audi e-tron' + ' GT', 'Audi Q8 e-tron' + ' Sportback')."""
        end = self.mentions.found_end(s, j)
        tail = self.parsed.text[end:self.parsed.sentences[s].end]
        for suffix in self.lex.suffixes:
            if suffix[0].islower() and (m := re.match(rf" {re.escape(suffix)}(?![\w-])(?: [A-Z][A-Za-z]*(?![\w-]))*", tail)):
                return self.mentions.token_range(s, end + 1, end + m.end())[1]
        return j

    def named(self, s: int, i: int, j: int) -> bool:
        """'Renault 5 (R5) E-Tech', 'Alpine A290', 'Toyota Camry': a brand + a name, a known family, or a suffix.

        A body word closing the run ('the Rivian R1S SUV') is left out of the name.
        """
        toks, lex = self.toks[s], self.lex
        brand_end = next((k for k in range(j - 1, i, -1) if self.mentions.span_text(s, i, k) in lex.brands), i)
        brand = lex.brands[self.mentions.span_text(s, i, brand_end)] if brand_end > i else None
        written = self.mentions.span_text(s, i, j).rstrip(".")  # 'Volkswagen ID.2all SUV' is one of its names
        while j - max(brand_end, i) > 1 and toks[j - 1].text in self.lex.cue("body_types") \
                and self.mentions.span_text(s, brand_end, j) not in lex.families:  # 'the EQS SUV' is a model of its own
            j -= 1
        rest = [t for t in toks[brand_end:j]]
        alone = rest[0].text if len(rest) == 1 and not rest[0].text.istitle() and rest[0].text not in lex.families else None
        if alone and (alone in (body_words := lex.body_type_words()) or alone.lower() in body_words):
            return False  # 'a Haval SUV', 'Ford SUVs': a brand's vehicles of one body type ('MINI Convertible' is a model)
        if any(FISCAL_PERIOD.fullmatch(t.text) for t in rest):  # 'Ola Electric Q2 FY26': a results heading
            return False
        sentence = self.parsed.sentences[s]
        if any(a.start < rest[-1].idx + len(rest[-1]) - sentence.start and rest[0].idx - sentence.start < a.end
               for a in find_money(sentence.text)):
            return False  # 'BMW R4.2 billion (2023)': the carmaker's money in rand
        if not rest or any(t.text in lex.not_model_words or (named := self.mentions.lexicon_name(t.text))
                           and not (brand_end > i and k > 0 and (named[0] == "brand" or t.text in lex.brands))
                           for k, t in enumerate(rest)):  # a brand's word after the brand and the model's first word is
            return False  # the model's: 'BYD Dolphin Mini', 'Volvo S60 Polestar' (Polestar, a company, owns a brand)
        paren = next((k for k, t in enumerate(rest) if t.text == "("), None)
        alias = rest[paren + 1].text if paren is not None else None
        core_toks = rest[:paren] + rest[paren + 3:] if paren is not None else rest
        core = "".join(t.text + t.whitespace_ for t in core_toks).strip().rstrip(".")  # 'Model Y.' ends a sentence
        if any(core.endswith(f" {x}s") for x in lex.suffixes if x[-1].isalpha()):  # '40,000 Explorer EVs'
            core = core[:-1]
        elif re.fullmatch(r"[A-Z][a-z]+(?:es|s)", core) and core not in lex.families:  # 'the last Jeep Renegades' is
            core = next((c for c in (core[:-1], core[:-2])  # the Renegade the text names elsewhere
                         if next(word_spans(self.parsed.text, c), None)), core)
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
        elif core in lex.suffixes and not (core.istitle() and core.isalpha()) and not family:  # 'the first Toyota EV'; the
            return False  # 'Mini Electric' is a name
        elif not (family or has_code or suffix or rest[0].text in lex.keep_brand_before or rest[0].text[:1].isupper()
                  or MODEL_CODE.fullmatch(rest[0].text) or len(rest) > 2 and rest[0].text in E_PREFIXES
                  and rest[1].text == "-"):  # 'BMW iX', 'Kia e-Niro'
            return False
        if core in lex.suffixes:  # 'Mini Electric': the brand's model named by its powertrain alone
            suffix = core
        keep_brand = core[0].isdigit() or core == suffix or rest[0].text in lex.keep_brand_before or \
            (has_code and not core.split()[0].isalpha())
        label = f"{brand} {core}" if keep_brand and brand and not core.startswith(brand) else core  # not 'Mazda Mazda2'
        names = {self.mentions.span_text(s, i, j).rstrip("."), label, written}
        if brand_end > i:
            names.add(f"{self.mentions.span_text(s, i, brand_end)} {core}")
        elif brand and not core.startswith(brand):  # 'Polo' is the Volkswagen Polo, as its key says
            names.add(f"{brand} {core}")
        if alias:
            names |= {alias, f"{alias} {suffix}" if suffix else alias}
        # The brand is part of the identity: "Kia Comet EV" and "Renault Comet EV" are two models.
        slug_name = label if not brand or label.startswith(brand) else f"{brand} {label}"
        key = self.registry.add("model", label, slug_name=slug_name, cls="VehicleModel")
        for name in sorted(names):
            self.registry.add("model", label, name=name, slug_name=slug_name)
        match_names = set(names)
        if brand_end > i and (has_code and re.fullmatch(r"[A-Za-z]+\d+[A-Za-z]*|\d{3,4}|e[.:][A-Z][\w-]*(?: \d+)?", core)
                              or MODEL_CODE.fullmatch(core)):
            match_names.add(core)  # 'the EV4', 'the 308', 'the iX', 'the e:N1'
        if brand and suffix and suffix != core and brand_end > i:
            match_names.add(self.mentions.span_text(s, i, brand_end) + " " + core[: -len(suffix)].strip(" -"))
        variant = core[len(family):].strip() if family and not suffix else ""
        if re.fullmatch(r"(?:[A-Z][a-z]{3,}|[A-Z]-[A-Z][a-z]{2,})(?:\s[A-Z][a-z]+)*", variant):  # 'the Super Duty' after
            # 'F-Series Super Duty', 'the E-Ray' after 'Corvette E-Ray'
            match_names.add(variant)
        base = core[: -len(suffix)].strip(" -") if suffix and suffix != core else core
        found = self.mentions.add(s, i, j, "model", brand=brand, suffix=suffix, base=base, aliases=sorted(match_names))
        found.key = key
        if brand_end > i:
            self.mentions.add(s, i, brand_end, "brand", label=brand, of_model=found)
        return True

    def merge(self) -> None:
        """'Leaf' and 'Leaf EV' of one brand are one model, named by its fuller name; a past generation stays apart.

        Keys are grouped before the registry changes, so that several mentions sharing one key ('Renault 5' named
        twice beside 'Renault 5 E-Tech') are folded once and never looked up after their entity is gone.
        """
        models = [f for f in self.mentions.found if f.kind == "model"]
        past = [f for f in models if self.past_generation(f, models)]
        for f in past:
            f.past = True
        apart = past + [f for f in models if f not in past and self.other_powertrain(f, models)]
        current = [f for f in models if f not in apart]
        labels = {f.key: self.registry.label(f.key) for f in models}
        branded = [f for f in current if f.brand]  # 'the Creta EV' after 'the Hyundai Creta EV': a name without its
        keys_with_brand = {f.key for f in branded}
        for f in (f for f in current if f.brand is None):  # brand is the model of the one brand that has that name,
            same = {g.brand for g in branded if (g.base, g.suffix) == (f.base, f.suffix)}  # suffix and all; a bare
            other = any(g.base == f.base and g.suffix != f.suffix for g in branded)  # 'the Creta' beside 'Hyundai Creta
            if len(same) == 1 and (f.suffix or not other):  # EV' and 'Hyundai Creta' may be either
                f.brand = same.pop()
        groups: dict[tuple[str, str], set[str]] = defaultdict(set)
        for f in current:
            groups[(f.brand, _short_base(f.brand, f.base))].add(f.key)
        best = {key: max(keys, key=lambda k: (len(labels[k]), k in keys_with_brand, k)) for keys in _components(groups.values())
                for key in keys}
        kept = {f.key for f in apart}
        for key, into in best.items():
            if key != into:
                self.registry.merge(key, into, keep=key in kept)
        for f in current:
            f.key = best[f.key]

    def body_variants(self) -> None:
        """'the Hummer EV pickup' and 'the Hummer EV SUV' in one text are two models: a name that the text follows with
        two different body words is, at each such mention, the model named with its body word."""
        body_types = self.lex.cue("body_types")
        by_key: dict[str, list[tuple[Found, str | None]]] = defaultdict(list)
        for f in (f for f in self.mentions.found if f.kind == "model" and f.key):
            toks = self.toks[f.sentence]
            word = toks[f.last].text if f.last < len(toks) else ""
            by_key[f.key].append((f, word if word in body_types or word.lower() in body_types else None))
        for key, mentions in by_key.items():
            if len({body_types.get(w) or body_types[w.lower()] for _, w in mentions if w}) < 2:
                continue
            entity = self.registry.entities[key]
            for f, word in mentions:
                if word is not None:
                    word = word[:1].upper() + word[1:]
                    slug_name = f"{self.registry.slug(key)} {word}"
                    f.key = self.registry.add("model", f"{entity.label} {word}", slug_name=slug_name, cls="VehicleModel")
                    for name in entity.names:
                        self.registry.add("model", f"{entity.label} {word}", name=f"{name} {word}", slug_name=slug_name)
            if all(word for _, word in mentions):
                del self.registry.entities[key]

    def other_names(self) -> None:
        """'The Dolphin Mini, which in China is called Seagull and in Europe Dolphin Surf': the names a model goes by
        elsewhere are names of the same model."""
        for s, sentence in enumerate(self.parsed.sentences):
            models = sorted((f for f in self.mentions.found if f.kind == "model" and f.sentence == s and f.key),
                            key=lambda f: f.start)
            for cue in CALLED.finditer(sentence.text):
                before = [f for f in models if f.end <= sentence.start + cue.start()]
                at, named = sentence.start + cue.end(), []
                for f in (f for f in models if f.start >= sentence.start + cue.end()):
                    if not OTHER_NAME_GAP.fullmatch(self.parsed.text[at:f.start]) or named and f.start == at:
                        break
                    named.append(f)
                    at = f.end
                for f in named if before else []:
                    self.rename(f.key, before[-1].key)

    def rename(self, old: str, into: str) -> None:
        """Every mention of one model denotes another, which takes its names."""
        if old != into and old in self.registry.entities:
            self.registry.merge(old, into)
            for f in self.mentions.found:
                if f.key == old:
                    f.key = into

    def past_generation(self, f: Found, models: list[Found]) -> bool:
        """'the first Renault 5' beside a 'Renault 5 E-Tech' is the model of 1972, not a short name of the new one."""
        toks = self.toks[f.sentence]
        return f.first > 0 and toks[f.first - 1].lower_ in self.lex.cue("generation_words") and any(
            g.brand == f.brand and g.base == f.base
            and len(self.registry.label(g.key)) > len(self.registry.label(f.key)) for g in models)

    def other_powertrain(self, f: Found, models: list[Found]) -> bool:
        """'the petrol Chevrolet Blazer' beside a 'Chevrolet Blazer EV' is the combustion model, not a short name of the
        electric one: the powertrain said before the bare name is not the one the other name's suffix gives."""
        said = None if f.suffix else self.powertrain_before(f, models)
        return said is not None and any(
            g.brand == f.brand and g.base == f.base and g.suffix
            and self.lex.suffix_powertrain.get(g.suffix) not in (None, said) for g in models)

    def powertrain_before(self, f: Found, models: list[Found]) -> str | None:
        """The powertrain word just before a model, or before the list it ends ('the petrol X and Y')."""
        text, at = self.parsed.text, f.start
        for g in sorted((g for g in models if g.sentence == f.sentence and g.end <= f.start), key=lambda g: -g.end):
            if not LIST_JOIN.fullmatch(text, g.end, at):
                break
            at = g.start
        said = re.search(rf"({words_re(list(self.lex.cue('powertrains'))).pattern})\s+$",
                         text[self.parsed.sentences[f.sentence].start:at])
        return self.lex.powertrain(said.group(1)) if said else None

    def elided(self) -> None:
        """'the BMW 5 Series, 7 Series and 8 Series', 'the Audi Q4, Q5 and Q8': names listed right after a model's and
        shaped like its name but for the number are models of its brand."""
        text = self.parsed.text
        for f in [f for f in self.mentions.found if f.kind == "model" and f.brand and not f.suffix]:
            if not re.search(r"\d", f.base):
                continue
            shape = re.sub(r"\d+", r"\\d+", re.escape(f.base))  # 'the BMW 5 Series, 7 Series': the number free
            listed = re.compile(rf"{LIST_JOIN.pattern}({shape})(?![\w-])")
            at, end = f.end, self.parsed.sentences[f.sentence].end
            while (m := listed.match(text, at, end)) is not None:
                if any(g.start < m.end(1) and m.start(1) < g.end for g in self.mentions.found if g.sentence == f.sentence):
                    break
                label = f"{f.brand} {m.group(1)}"
                key = self.registry.add("model", label, slug_name=label, cls="VehicleModel")
                first, last = self.mentions.token_range(f.sentence, m.start(1), m.end(1))
                found = self.mentions.add(f.sentence, first, last, "model", brand=f.brand, base=m.group(1),
                                          aliases=[m.group(1)])
                found.key, at = key, m.end()

    def coded(self) -> None:
        """'Toyota builds the bZ4X at its Motomachi plant', 'The EV4 is Kia's first car made in Europe', 'Hyundai
        assembles the Tucson and the Santa Fe': a model code standing alone after an article, or names the lexicon
        does not know listed right after a production verb, are models of the carmaker the sentence names, when it
        names one carmaker only and nothing after the name makes it a road, a part or a quarter."""
        for s, sentence in enumerate(self.parsed.sentences):
            makers = {brand for f in self.mentions.found if f.sentence == s and f.kind in ("brand", "company")
                      and (brand := self._brand_of(f)) is not None}
            if len(makers) != 1:
                continue
            names = [m for m in STANDING_CODE.finditer(sentence.text) if CODE_FOLLOWER.match(sentence.text, m.end())]
            for built in BUILT_NAMES.finditer(sentence.text):
                names += [m for m in LISTED_NAME.finditer(sentence.text, built.start("list"), built.end("list"))
                          if self.mentions.lexicon_name(m.group(1)) is None]
            for m in names:
                first, last = self.mentions.token_range(s, sentence.start + m.start(1), sentence.start + m.end(1))
                if self.mentions.overlapping(s, first, last):
                    continue  # part of a name found before
                brand, name = next(iter(makers)), m.group(1)
                label = f"{brand} {name}"
                key = self.registry.add("model", label, slug_name=label, cls="VehicleModel")
                for written in (label, name):
                    self.registry.add("model", label, name=written, slug_name=label)
                self.mentions.add(s, first, last, "model", brand=brand, base=name, aliases=[name]).key = key

    def _brand_of(self, f: Found) -> str | None:
        """The brand a carmaker's mention names: its own, or the brand of a company that sells one by its name."""
        return f.label if f.label in self.lex.brands.values() else self.lex.brands.get(f.label)

    def aliases(self) -> None:
        """Later mentions of a model by a shorter name ('Micra EV', 'R5') denote the model found first."""
        table = {name: f.key for f in self.mentions.found if f.kind == "model" for name in f.aliases}
        for s, sentence in enumerate(self.parsed.sentences):
            for name in sorted(table, key=len, reverse=True):
                spans = ((m.start(), m.end()) for m in re.finditer(NUMBER_ALIAS.format(name), sentence.text)) \
                    if name.isdigit() else word_spans(sentence.text, name)
                for start, end in ((sentence.start + a, sentence.start + b) for a, b in spans):
                    inside = [f for f in self.mentions.found if f.sentence == s and f.kind == "brand" and f.of_model is None
                              and start < f.start and f.end <= end]  # 'Mini' of a later 'Dolphin Mini'
                    if any(f.sentence == s and f.start < end and start < f.end and f.kind in ("model", "brand", "plant")
                           and f not in inside for f in self.mentions.found):
                        continue
                    self.mentions.found = [f for f in self.mentions.found if f not in inside]
                    first, last = self.mentions.token_range(s, start, end)
                    found = self.mentions.add(s, first, last, "model", aliases=[])
                    found.key = table[name]

    def anaphora(self) -> None:
        """'The compact SUV is ...' after a sentence naming a model is that model (the noun is its body type);
        'Both of those models' are the last two models named."""
        body_types = self.lex.cue("body_types")
        for s, toks in enumerate(self.toks[1:], start=1):
            before = sorted((f for f in self.mentions.found if f.kind == "model" and f.sentence == s - 1),
                            key=lambda f: f.start)
            if not before or len(toks) < 3:
                continue
            if toks[0].text == "Both" and \
                    self.mentions.lower_words(s, 1, 3) in ("of those models", "of these models", "models"):
                last = 4 if toks[1].lower_ == "of" else 2
                for key in list(dict.fromkeys(m.key for m in before))[-2:]:
                    self.mentions.add(s, 0, last, "model", aliases=[]).key = key
                continue
            if (pair := self.pair(s)) and len(keys := list(dict.fromkeys(m.key for m in before))) == 2:
                for key in keys:  # 'Both electric SUVs', 'These two models': the two models just named
                    self.mentions.add(s, 0, pair, "model", aliases=[],
                                      described_as=self.mentions.span_text(s, 1, pair)).key = key
                continue
            noun = next((k for k in range(1, 4) if k < len(toks) and toks[k].text in body_types), None)
            if toks[0].text == "The" and noun and all(t.text.islower() for t in toks[1:noun]) \
                    and noun + 1 < len(toks) and toks[noun + 1].text.islower():
                anaphor = self.mentions.add(s, 0, noun + 1, "model", aliases=[], described_as=toks[noun].text)
                anaphor.key = before[-1].key

    def pair(self, s: int) -> int:
        """The end of 'Both electric SUVs', 'These two models', 'The two new hatchbacks' opening a sentence, 0 if none:
        up to two lower-case words, then a noun for vehicles."""
        toks = self.toks[s]
        opener = 1 if toks[0].text == "Both" else 2 if self.mentions.lower_words(s, 0, 2) in (
            "these two", "the two", "those two") else 0
        nouns = self.lex.vehicle_nouns()
        for end in range(opener + 1, opener + 4) if opener else ():
            if end <= len(toks) and toks[end - 1].text in nouns:
                return end if all(t.text.islower() for t in toks[opener:end - 1]) else 0
        return 0


def _short_base(brand: str | None, base: str) -> str:
    """'R5' of Renault is its '5': a model's number is often written after the brand's initial."""
    m = re.fullmatch(r"([A-Z])(\d+)", base)
    return m.group(2) if m and brand and brand.startswith(m.group(1)) else base


def _components(groups: Iterable[set[str]]) -> list[set[str]]:
    """Overlapping groups joined: keys that share a group, directly or through others, name one model."""
    components: list[set[str]] = []
    for group in groups:
        touching = [c for c in components if c & group]
        components = [c for c in components if not c & group] + [set(group).union(*touching)]
    return components
