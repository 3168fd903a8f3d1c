"""Platform names: 'the E-GMP platform', 'Compact Modular Architecture (CMA)', 'acti.ev', listed 'AmpR Small and AmpR Medium'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.names import NameFinder

DASHES = {"—", "–", "-", ":", "(", ","}
LIST_GLUE = {",", "and", "or", "the", "as", "such", "including", "namely", "called", "dubbed", "—", "–", ":", "("}
DOTTED = re.compile(r"[a-z][a-z0-9]*(?:\.[a-z0-9]+)+\+?")


class PlatformNames:
    """The platform-naming part of NameFinder (a name before a head word is found in NameFinder.classify)."""

    def platform_name(self: NameFinder, s: int, i: int, j: int) -> bool:
        """'Compact Modular Architecture (CMA)', 'Midsize Platform': a capitalised name ending in a platform head."""
        toks = self.toks[s]
        paren = next((k for k in range(i, j) if toks[k].text == "("), j)
        if paren - i < 2 or toks[paren - 1].lower_ not in self.lex.cue("platform_heads"):
            return False
        label = self.span_text(s, i, paren)
        self.add(s, i, paren, "platform", label=label)
        if paren + 2 < j and toks[paren + 2].text == ")":
            self.add(s, paren + 1, paren + 2, "platform", label=label)
        return True

    def dotted_platforms(self: NameFinder, s: int) -> None:
        """'Tata's acti.ev platform', 'the acti.ev+ architecture': a lower-case dotted name before a platform head."""
        toks = self.toks[s]
        for k, tok in enumerate(toks[1:], start=1):
            if tok.lower_ in self.lex.cue("platform_heads") and DOTTED.fullmatch(toks[k - 1].text):
                self.add(s, k - 1, k, "platform", label=toks[k - 1].text)

    def platform_lists(self: NameFinder, s: int, name_runs: list[tuple[int, int]]) -> None:
        """'flexible modular platforms — AmpR Small and AmpR Medium': the names listed after the head word."""
        toks = self.toks[s]
        for k, tok in enumerate(toks):
            if tok.lower_ not in self.lex.cue("platform_heads") or k + 1 >= len(toks) or toks[k + 1].text not in DASHES:
                continue
            at = k + 1
            for i, j in name_runs:
                if i < at:
                    continue
                if any(t.lower_ not in LIST_GLUE for t in toks[at:i]) or self.covered(s, i, ("platform",)):
                    break
                self.found = [f for f in self.found if not (f.sentence == s and i <= f.first < j)]
                self.unresolved = [u for u in self.unresolved if not toks[i].idx <= u[0] < self.found_end(s, j)]
                self.add(s, i, j, "platform", label=self.span_text(s, i, j))
                at = j
