"""Platform names: 'the E-GMP platform', 'Compact Modular Architecture (CMA)', 'acti.ev', listed 'AmpR Small and AmpR Medium'."""

from __future__ import annotations

import re

from evkg.graph.mentions import Mentions, name_like
from evkg.graph.text import word_spans

DASHES = {"—", "–", "-", ":", "(", ","}
LIST_GLUE = {",", "and", "or", "the", "as", "such", "including", "namely", "called", "dubbed", "—", "–", ":", "("}
DOTTED = re.compile(r"[a-z][a-z0-9]*(?:\.[a-z0-9]+)+\+?")


class PlatformNames:
    """Finds platforms for the name finder (a name before a head word is found in NameFinder.classify)."""

    def __init__(self, mentions: Mentions) -> None:
        self.mentions, self.lex, self.toks = mentions, mentions.lex, mentions.toks

    def named(self, s: int, i: int, j: int) -> bool:
        """'Compact Modular Architecture (CMA)', 'Midsize Platform': a capitalised name ending in a platform head, or one
        with a platform head inside that its acronym spells ('Premium Platform Electric (PPE)')."""
        toks, heads = self.toks[s], self.lex.cue("platform_heads")
        paren = next((k for k in range(i, j) if toks[k].text == "("), j)
        acronym = toks[paren + 1].text if paren + 2 < j and toks[paren + 2].text == ")" else ""
        initials = "".join(t.text[0] for t in toks[i:paren]).upper()
        spelt = acronym == initials and any(t.lower_ in heads for t in toks[i:paren])  # 'Premium Platform Electric (PPE)'
        if paren - i < 2 or toks[paren - 1].lower_ not in heads and not spelt:
            return False
        label = self.mentions.span_text(s, i, paren)
        self.mentions.add(s, i, paren, "platform", label=label)
        if paren + 2 < j and toks[paren + 2].text == ")":
            self.mentions.add(s, paren + 1, paren + 2, "platform", label=label)
        return True

    def dotted(self, s: int) -> None:
        """'Tata's acti.ev platform', 'the acti.ev+ architecture': a lower-case dotted name before a platform head."""
        toks = self.toks[s]
        for k, tok in enumerate(toks[1:], start=1):
            if tok.lower_ in self.lex.cue("platform_heads") and DOTTED.fullmatch(toks[k - 1].text):
                self.mentions.add(s, k - 1, k, "platform", label=toks[k - 1].text)

    def abbreviated(self, s: int) -> None:
        """'the modular electric drive matrix (MEB) platform': a capitalised short name in brackets, after the
        lower-case words it stands for, before a head; 'electric vehicle (EV) platform' names a powertrain, not a platform."""
        toks = self.toks[s]
        for k, tok in enumerate(toks[4:], start=4):
            if tok.lower_ in self.lex.cue("platform_heads") and toks[k - 1].text == ")" and toks[k - 3].text == "(" \
                    and toks[k - 4].text.islower() and toks[k - 2].text not in self.lex.cue("powertrains") \
                    and name_like(toks[k - 2]) and not self.mentions.covered(s, k - 2, ("platform",)):
                self.mentions.found = [f for f in self.mentions.found if not (f.sentence == s and f.first == k - 2)]
                self.mentions.add(s, k - 2, k - 1, "platform", label=toks[k - 2].text)

    def expanded(self, s: int, name_runs: list[tuple[int, int]]) -> None:
        """'the EMP2 (Efficient Modular Platform 2)': a short name before the bracketed long name of a platform."""
        toks = self.toks[s]
        for i, j in name_runs:
            bracketed = 2 <= i and j < len(toks) and toks[i - 1].text == "(" and toks[j].text == ")"
            if not (bracketed and re.search(r"\d|[A-Z]{2}", toks[i - 2].text)
                    and any(t.lower_ in self.lex.cue("platform_heads") for t in toks[i:j])):
                continue
            short = toks[i - 2].text
            end = self.mentions.found_end(s, j)
            self.mentions.found = [f for f in self.mentions.found if not (f.sentence == s and i - 2 <= f.first < j)]
            self.mentions.unresolved = [u for u in self.mentions.unresolved if not toks[i - 2].idx <= u[0] < end]
            self.mentions.add(s, i - 2, i - 1, "platform", label=short)
            self.mentions.add(s, i, j, "platform", label=short)

    def again(self) -> None:
        """A platform's short name ('EMP2', 'E-GMP'), or one the lexicon knows ('GA-B', 'STLA Smart'), is that platform
        wherever else the text uses it alone."""
        labels = {f.label for f in self.mentions.found
                  if f.kind == "platform" and re.fullmatch(r"[\w.-]*(?:\d|[A-Z]{2})[\w.-]*", f.label)}
        for name in sorted(labels | set(self.lex.platforms), key=len, reverse=True):
            for s, sentence in enumerate(self.mentions.parsed.sentences):
                for start, end in word_spans(sentence.text, name):
                    first, last = self.mentions.token_range(s, sentence.start + start, sentence.start + end)
                    if not self.mentions.overlapping(s, first, last):
                        self.mentions.add(s, first, last, "platform", label=name)

    def lists(self, s: int, name_runs: list[tuple[int, int]]) -> None:
        """'flexible modular platforms — AmpR Small and AmpR Medium': the names listed after the head word."""
        toks = self.toks[s]
        for k, tok in enumerate(toks):
            if tok.lower_ not in self.lex.cue("platform_heads") or k + 1 >= len(toks) or toks[k + 1].text not in DASHES:
                continue
            at = k + 1
            for i, j in name_runs:
                if i < at:
                    continue
                if any(t.lower_ not in LIST_GLUE for t in toks[at:i]) or self.mentions.covered(s, i, ("platform",)):
                    break
                self.mentions.found = [f for f in self.mentions.found if not (f.sentence == s and i <= f.first < j)]
                end = self.mentions.found_end(s, j)
                self.mentions.unresolved = [u for u in self.mentions.unresolved if not toks[i].idx <= u[0] < end]
                self.mentions.add(s, i, j, "platform", label=self.mentions.span_text(s, i, j))
                at = j
