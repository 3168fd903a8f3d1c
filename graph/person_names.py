"""People named with a title ('Serbian President Aleksandar Vucic', 'Yasuhiro Uchida, Mayor of Okazaki City', 'the
governor of Bahia, Jerônimo Rodrigues'): the officials and executives a text says visited a plant."""

from __future__ import annotations

import re
from functools import cache

from evkg.graph.lexicon import words_re
from evkg.graph.mentions import Mentions, name_like

PARTICLES = ("da", "de", "do", "dos", "das", "del", "der", "van", "von", "bin", "al", "la", "le")  # 'Lula da Silva'


class PersonNames:
    """Finds titled people for the name finder: a title then two to five name words, or a name then its title."""

    def __init__(self, mentions: Mentions) -> None:
        self.mentions = mentions
        self.parsed, self.lex, self.toks = mentions.parsed, mentions.lex, mentions.toks

    def named(self, s: int, i: int, j: int) -> int | None:
        """Where a run that names a titled person stops being the rest of the run: the first token of a title inside
        it ('Michigan' is left of 'Michigan Governor Gretchen Whitmer'), `i` when the title stands outside the run;
        None when the run names no person."""
        titles = self.lex.cue("person_titles")
        inside = [(k, n) for k in range(i, j) if (n := self.mentions.phrase_at(s, k, titles)) and k + n <= j - 2]
        end = self.with_particles(s, j)
        if inside:  # 'Stellantis Chief Executive Carlos Tavares'
            first, start = inside[-1][0], sum(inside[-1])
        elif self.titled_before(s, i) or self.titled_after(s, end):  # 'Luca de Meo, chief executive': after 'de Meo'
            first = start = i
        elif place := self.place_of_title(s, i, j):  # 'The President of Uzbekistan Shavkat Mirziyoyev'
            first, start = i, i + place
        else:
            return None
        portfolio = self.lex.cue("portfolio_words")  # 'Minister of Investment Bahlil Lahadalia': the ministry first
        while end - start > 2 and self.toks[s][start].text in portfolio:
            start += 1
        name = self.mentions.span_text(s, start, end)
        if not 2 <= end - start <= 5 or self.mentions.lexicon_name(name) or any(
                self.mentions.phrase_at(s, k, titles) for k in range(start, end)):
            return None
        self.mentions.add(s, start, end, "person", label=name)
        return first

    def named_again(self, s: int, i: int, j: int) -> bool:
        """'Trudeau', 'Anwar' after 'Prime Minister Justin Trudeau', 'Prime Minister Anwar Ibrahim': one word of the
        name of one person named before, and no name the lexicon knows ('Ford' after 'Premier Doug Ford' is the
        company), is that person."""
        word = self.mentions.span_text(s, i, j)
        if j - i != 1 or len(word) < 3 or not word.isalpha() or self.mentions.lexicon_name(word):
            return False
        start = self.toks[s][i].idx
        labels = {f.label for f in self.mentions.found if f.kind == "person" and f.start < start
                  and word in (f.label.split()[0], f.label.split()[-1])}
        if len(labels) != 1:
            return False
        self.mentions.add(s, i, j, "person", label=labels.pop())
        return True

    def titled_before(self, s: int, i: int) -> bool:
        """'president Mark Reuss', 'the governor of Bahia, X', 'the ambassador to Indonesia, X', 'its chief executive,
        X', 'the president of the Y region, X', 'the head of government, X': a title, or a title of a place or of
        what the person heads, just before."""
        before = self.parsed.text[self.parsed.sentences[s].start:self.toks[s][i].idx]
        return _titles(tuple(self.lex.cue("person_titles")))[0].search(before) is not None

    def place_of_title(self, s: int, i: int, j: int) -> int:
        """How many words of a run are the place a title just before it is of ('President of Uzbekistan' + 'Shavkat
        Mirziyoyev'), when two or more name words follow; else 0."""
        before = self.parsed.text[self.parsed.sentences[s].start:self.toks[s][i].idx]
        if _titles(tuple(self.lex.cue("person_titles")))[2].search(before) is None:
            return 0
        for n in (2, 1):
            named = self.mentions.lexicon_name(self.mentions.span_text(s, i, i + n)) if j - i - n >= 2 else None
            if named and named[0] in ("country", "region") or self.mentions.span_text(s, i, i + n) in self.lex.subdivisions:
                return n
        return 0

    def titled_after(self, s: int, j: int) -> bool:
        """'Yasuhiro Uchida, Mayor of Okazaki City', 'X, the chief executive of Y', 'X, its chief industry officer', 'X,
        then Opel's chief executive': a title after a comma."""
        after = self.parsed.text[self.mentions.found_end(s, j):self.parsed.sentences[s].end]
        return _titles(tuple(self.lex.cue("person_titles")))[1].match(after) is not None

    def with_particles(self, s: int, j: int) -> int:
        """The end of a name extended over particles and the names after them ('Luiz Inácio Lula' + ' da Silva'), and
        over the second half of a hyphenated given name, which need not be capitalised ('Park Seung' + '-won')."""
        toks = self.toks[s]
        while j + 1 < len(toks):
            if toks[j].text in PARTICLES and name_like(toks[j + 1]):
                j += 2
                while j < len(toks) and name_like(toks[j]):
                    j += 1
            elif toks[j].text == "-" and not toks[j - 1].whitespace_ and not toks[j].whitespace_ and toks[j + 1].is_alpha:
                j += 2
            else:
                break
        return j


@cache
def _titles(titles: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A title just before a name (or a title of a place and a comma), a title after a name and its comma, and a title
    of a place named next ('the President of '); built once, as the name finder asks for every run of capitalised
    words."""
    title = f"(?i:{words_re(titles).pattern})"
    return (re.compile(rf"{title}(?:\s+(?:of|to|for)\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
                       rf"(?:\s+(?:region|province|state|county|city|department|prefecture))?|[a-z]+(?:\s+[a-z]+)?),|,)?\s+$"),
            re.compile(rf",\s+(?:(?:then|now|formerly)\s+)?(?:(?:the|its|their)\s+)?(?:[A-Z][\w-]*(?:['’]s)?\s+)?"
                       rf"(?:[a-z][a-z-]*\s+){{0,2}}{title}"),  # 'X, France's new industry minister'
            re.compile(rf"{title}\s+(?:of|to)\s+(?:the\s+)?$"))
