"""Who owns which brand, as a sentence says it: 'X, owned by Y', 'Y owns the X and Z brands', 'Y's premium brand X',
'its X and Z brands', 'Y, the parent of X and Z', 'X is Y's premium brand', 'the luxury brand X of Y'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evkg.graph.mentions import Found
    from evkg.graph.relations import Relations

BRAND_NOUN = r"(?:brand|marque)"
# 'X, owned by Y', 'X (a subsidiary of Y)', 'X, which belongs to the Y', 'X, the British-born brand owned by Y'
OWNED_BY = re.compile(rf",?\s*(?:\(|which\s+(?:is\s+|has\s+)?|(?:the|a)\s+(?:[\w-]+\s+){{0,3}}{BRAND_NOUN}\s+)?"
                      rf"(?:owned\s+by|a\s+subsidiary\s+of|(?:(?<=brand\s)|(?<=marque\s))of|a\s+brand\s+of|part\s+of|belongs\s+to|"
                      r"belonged\s+to|belonging\s+to)\s+(?:the\s+)?")  # 'Alpine, the sports-car brand of Renault Group'
OWNS = re.compile(rf"\bowns\s+(?:the\s+)?([^.;]{{1,80}}?)\s{BRAND_NOUN}s?\b")  # 'Y owns the X and Z brands', 'the X brand'
BRANDS_INCLUDE = re.compile(rf"(?:,\s+whose|[’']s)\s+{BRAND_NOUN}s\s+(?:include|are)\s+([^.;]{{1,80}})")  # 'Y, whose brands include X and Z'
# 'GM added pickups for its Chevrolet brand'; 'Ford sold its Volvo brand' says it no longer does
ITS = re.compile(r"\b(?<!sold\s)(?<!sell\s)(?<!sells\s)(?<!selling\s)(?:its|their)\s+$")
# 'the company's Nissan and Infiniti brands', 'the Volkswagen Group's Volkswagen, Škoda and, soon, Audi brands', 'the
# company behind the SEAT and CUPRA brands', 'sells cars under the X and Y brands': brands named together before the
# plural noun, of the company the clause is about (or of the organisation whose possessive opens the list)
BRANDS_OF = re.compile(rf"(?:(?<!\bsold\s)(?<!\bsells\s)\b(?:its|their|behind|under)\s+|"
                       rf"\bthe\s+(?:company|group|carmaker|automaker|manufacturer)[’']s\s+|(?<=\w)(?P<possessive>[’']s)\s+)(?:the\s+)?"
                       rf"(?P<list>[^.;]{{1,80}}?)\s+{BRAND_NOUN}s\b")
NOT_OWN = r"(?!(?:sister|rival|partner|fellow|former)\b)"  # 'Y's sister brand X' is not Y's
# 'Y's luxury brand X', 'X, the Y's premium brand'; not 'Y's sister brand X'
POSSESSIVE = re.compile(rf"[’']s\s+(?:{NOT_OWN}[\w-]+\s+){{0,3}}{BRAND_NOUN}\b")
# 'X is Y's premium brand', 'X is Y's electric-van business': what X is, said of X
IS_POSSESSIVE = re.compile(r"\s+is\s+(?:now\s+|also\s+)?")
UNIT_OF = re.compile(rf"[’']s\s+(?:{NOT_OWN}[\w-]+\s+){{0,3}}"
                     rf"(?:{BRAND_NOUN}|business|arm|unit|division|subsidiary)\b")
OWNS_NAMED = re.compile(r"\bowns\s+(?:the\s+)?")  # 'the group that now owns Vauxhall', 'Renault owns Dacia and Alpine'
PARENT_OF = re.compile(r"\bparent(?:\s+(?:company|group))?\s+of\s+(?:the\s+)?")  # 'Y, the parent of X and Z'
# the words that may follow a name where it is not a noun's modifier ('owns Dacia outright', not 'owns the Lotus factory')
NAME_ENDS = r"(?:and|or|as|in|since|from|through|via|outright|too|also|which|who|with|today|now|for|until|at)"
LISTED = r"(?:\s*,\s*|\s*,?\s+(?:and|&)\s+)"  # between the names of a list


class BrandOwnership:
    """The ownership half of Relations: an owner and its brands named in one clause, by an ownership phrase."""

    def ownership(self: Relations, s: int) -> None:
        """ownsBrand facts of one sentence: a brand (or a company named as its brand) and the owner a phrase ties it to."""
        text = self.sentence_text(s)
        orgs = self.orgs(s, "company", "brand")
        owned = [f for f in orgs if f.kind == "brand" or self.registry.label(f.key) in self.lex.brands.values()]
        for f in owned:
            start, end = self.local(s, f)
            aside = re.match(r",\s+like\s+[^,;]{1,40}(?=,)", text[end:])  # 'Bentley, like Porsche, belongs to Y'
            by = OWNED_BY.match(text, end + (aside.end() if aside else 0))
            apposed = re.match(r",\s+the\s+", text[end:])
            for owner in orgs:
                at, after = self.local(s, owner)
                if by and at == by.end() or apposed and at == end + apposed.end() and POSSESSIVE.match(text, after) \
                        or after <= start and re.fullmatch(rf"{POSSESSIVE.pattern},?\s+", text[after:start]) \
                        or after <= start and owner.kind == "company" and re.match(rf"\s+{BRAND_NOUN}\b", text[end:]) \
                        and re.fullmatch(rf"(?:.[’']s|s[’'])\s+(?:{NOT_OWN}[\w-]+\s+){{0,2}}",  # 'Y's X brand',
                                         text[after - 1:start]):  # 'Stellantis' luxury X brand'
                    self.own(owner, f, s)
            if ITS.search(text[:start]) and re.match(rf"\s+{BRAND_NOUN}\b", text[end:]):
                self.own_by_clause(f, s, start)  # 'its X brand': of the company the clause is about
            said = IS_POSSESSIVE.match(text, end)
            for owner in orgs:
                at, after = self.local(s, owner)
                if said and at == said.end() and UNIT_OF.match(text, after) \
                        or owner.kind == "company" and after <= start and re.fullmatch(  # 'the BYD luxury brand X'
                            rf"\s+(?:{NOT_OWN}[\w-]+\s+){{0,2}}{BRAND_NOUN}\s+", text[after:start]) \
                        and re.search(r"\bthe\s+$", text[:at]) \
                        or re.search(rf"\b{BRAND_NOUN}\s+$", text[:start]) and re.fullmatch(  # 'the brand X of Y'
                            r"\s+of\s+(?:the\s+)?", text[end:at]):
                    self.own(owner, f, s)
        for owner in orgs:
            include = BRANDS_INCLUDE.match(text, self.local(s, owner)[1])
            if include:
                self.own_listed(owner, owned, include.start(1), include.end(1), s)
        for cue in BRANDS_OF.finditer(text):
            listed, rest = [f for f in owned if cue.start("list") <= self.local(s, f)[0] < cue.end("list")], cue.group("list")
            for f in listed:
                rest = rest.replace(self.parsed.text[f.start:f.end], " ", 1)
            if cue.group("possessive"):  # 'the Volkswagen Group's X and Y brands': the organisation just named
                owner = [o for o in self.orgs(s, "company", "brand") if self.local(s, o)[1] == cue.start("possessive")]
            else:
                owner = self.clause_owner(s, cue.start())
            if len(listed) > 1 and owner and re.fullmatch(r"(?:\s*(?:,|and|&|the|soon|also|now)\s*)*", rest):  # nothing but
                self.own_listed(owner[0], listed, cue.start("list"), cue.end("list"), s)  # the brands
        for cue in OWNS.finditer(text):
            owners = [o for o in orgs if self.local(s, o)[1] <= cue.start()]
            if owners:
                self.own_listed(owners[-1], owned, cue.start(1), cue.end(1), s)
        for cue in OWNS_NAMED.finditer(text):
            owners = [o for o in orgs if self.local(s, o)[1] <= cue.start()]
            for f in self.run_of(owned, s, cue.end()) if owners else []:
                self.own(owners[-1], f, s)
        for cue in PARENT_OF.finditer(text):
            apposed = re.search(r",\s+(?:the\s+|a\s+)?$", text[:cue.start()])
            owner = [o for o in orgs if apposed and self.local(s, o)[1] == apposed.start()] \
                or self.clause_owner(s, cue.start()) if apposed else []
            for f in self.run_of(owned, s, cue.end()) if owner else []:
                self.own(owner[0], f, s)
        for f in owned:  # 'Chrysler's parent Stellantis', 'Jeep's parent company, Stellantis'
            parent = re.match(r"[’']s\s+parent(?:\s+(?:company|group))?,?\s+", text[self.local(s, f)[1]:])
            for owner in orgs if parent else []:
                if self.local(s, owner)[0] == self.local(s, f)[1] + parent.end():
                    self.own(owner, f, s)

    def clause_owner(self: Relations, s: int, at: int) -> list[Found]:
        """The company a clause is about, before a character of its sentence ('its X brand', 'the company's brands',
        'the company, the parent of X'), or else the company named last in the sentences before."""
        earlier = [o for o in self.found if o.kind == "company" and o.key and o.sentence < s]
        return self.subjects(s, at)[-1:] or earlier[-1:]

    def own_by_clause(self: Relations, f: Found, s: int, at: int) -> None:
        """The brand belongs to the company the clause is about (named before 'its' in the sentence, or before it)."""
        before = [o for o in self.orgs(s, "company", "brand") if self.local(s, o)[1] <= at and o.kind == "company"]
        owner = before[-1:] or [o for o in self.found if o.kind == "company" and o.key and o.sentence == s - 1][-1:]
        if owner:
            self.own(owner[0], f, s)

    def run_of(self: Relations, owned: list[Found], s: int, at: int) -> list[Found]:
        """The brands named one after another from a character of the sentence on: 'X', 'X and Z', 'X, Y and Z'; none
        when the last is a noun's modifier."""
        run, text = [], self.sentence_text(s)
        for f in sorted(owned, key=lambda f: self.local(s, f)[0]):
            start, end = self.local(s, f)
            if start == at or run and re.fullmatch(LISTED, text[at:start]):
                run.append(f)
                at = end
            elif start > at:
                break
        modifier = run and re.match(rf"\s+(?!{NAME_ENDS}\b)[a-z]", text[at:])  # 'owns the Lotus factory': a noun follows
        return [] if modifier else run

    def own_listed(self: Relations, owner: Found, owned: list[Found], start: int, end: int, s: int) -> None:
        """The brands named between two characters of the sentence belong to the owner."""
        for f in owned:
            if start <= self.local(s, f)[0] < end:
                self.own(owner, f, s)

    def own(self: Relations, owner: Found, owned: Found, s: int) -> None:
        """An ownsBrand fact; a company named as its namesake brand ('Kia, which belongs to Y') stands for that brand."""
        company, label = self.organisation(owner), self.registry.label(owned.key)
        if self.registry.label(company) != label:
            self.fact(company, "ownsBrand", owned.key if owned.kind == "brand" else self.registry.add("brand", label), s)
