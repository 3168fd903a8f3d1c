"""Who visited which plant: 'Serbian President X and Stellantis Chief Executive Y toured the Kragujevac plant', 'the
mayor X attended the ceremony at the plant, as did Y', 'a ceremony at the factory attended by Minister X'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evkg.graph.lexicon import words_re

if TYPE_CHECKING:
    from evkg.graph.mentions import Found
    from evkg.graph.relations import Relations

# the place before, the people after: 'a ceremony at the plant attended by X', 'inside the plant during a visit by X',
# 'during a visit to the plant by President X'
ATTENDED_BY = re.compile(r"\b(?:attended|opened|visited|inaugurated|a\s+visit(?:\s+to\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
                         r"(?:plant|factory|site|works))?|(?:was|were)\s+(?:made|held|given|presented|unveiled)"
                         r"(?:\s+at\s+the\s+[\w-]+)?)\s+by\s+|\b(?:in\s+the\s+)?presence\s+of\s+")  # 'was made at the plant by X'
# 'X announced the plan to employees at the Sunderland Plant': X spoke to the people at the plant
TO_STAFF_AT = re.compile(r"\bto\s+(?:the\s+)?(?:plant's\s+|its\s+)?(?:employees|workers|staff|workforce|crowd|guests|audience)\s+"
                         r"at\s+(?:the\s+|its\s+)?$")
# 'He marked the day at the plant together with X and Y': the people with a visitor at the plant
AT_PLANT_WITH = re.compile(r"\s+(?:together\s+with|along\s+with|alongside|accompanied\s+by)\s+")
# 'X was accompanied at the plant by Y and Z': the people on both sides were at the plant
ACCOMPANIED_AT = re.compile(r"\b(?:was|were)\s+(?:accompanied|joined)\s+(?:at|in|on)\s+(?:the\s+|its\s+)?$")
# people named after the cue who were there too: 'toured the plant with Y', 'together with Y', 'as did Y'
COMPANIONS = re.compile(r"\b(?:together\s+with|along\s+with|accompanied\s+by|joined\s+by|as\s+did|with|joined)\s+")
# what stands between a cue and its plant: 'toured the X plant', 'attended the ceremony at the plant'; no clause break
OBJECT_GAP = re.compile(r"\s*(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+(?:['’]s)?\s+){0,4}?(?:(?:at|in|of|to|for)\s+)?"
                        r"(?:(?:the|its|their)\s+)?")  # "toured SK Innovation's battery plant"
# what stands between 'opened' and the plant it has for object: 'opened the X plant', 'inaugurated Hyundai's first car
# factory'; not 'opened the new line at the plant' nor 'when it opened that the plant'
OPENED = re.compile(r"\s+(?:(?:the|its|their|a|an)\s+|[A-Z][\w-]*(?:\s[A-Z][\w-]*)?[’']s\s+)?"
                    r"(?:(?!(?:at|in|on|of|for|to|that|which|when)\b)[\w$€£.,-]+\s+){0,3}?")
# a phrase that opens a sentence and places its people at a plant: 'Speaking at the X plant, ...', 'At the X plant, ...'
FRONTED_AT = re.compile(r"\W*(?:At|Inside|Speaking\s+at|(?:During|On)\s+(?:a|his|her|their)\s+visit\s+to|While\s+visiting|"
                        r"Visiting|Touring)\s+(?:the\s+|its\s+|[A-Z][\w-]*[’']s\s+)?")
# 'Y was there to mark the start of production': the people at the plant in focus
WAS_THERE = re.compile(r"\b(?:was|were)\s+(?:also\s+)?there\s+to\s+(?:mark|see|watch|celebrate|open|launch|inaugurate|"
                       r"attend|join|greet)\b")
# hosts and their guests at a plant: 'X and Y received Minister Z and W, the mayor, at the plant'
HOSTED_AT = re.compile(r"\b(?:received|welcomed|hosted)\b[^;.]*?\bat\s+")
DETERMINER = re.compile(r"(?:(?:the|its|their)\s+)?")
# 'X came to the plant for the occasion', 'Y came to Dingolfing to watch': people who came to a plant for its event
ARRIVED = re.compile(r"\b(?:came|come|travelled|traveled|flew)\s+(?:all\s+the\s+way\s+)?to\s+$")
PURPOSE = re.compile(r"\s+(?:for\s+(?:the|its)\s+(?:[\w-]+\s+)?(?:occasion|ceremony|opening|launch|start|celebration|event|"
                     r"inauguration)|to\s+(?:watch|see|attend|mark|celebrate|open|launch|inaugurate|join))\b")
# 'With him on the shop floor were X and Y', 'Y joined them on the factory floor': the people there are in the plant in focus
ON_THE_FLOOR = re.compile(r"\bon\s+the\s+(?:shop|factory|production|assembly)\s+floor\b")
# an event a text places at a plant, and the people it then says were at 'the ceremony' without naming the plant again
EVENT = r"(?:ceremony|celebration|gathering|festivities|groundbreaking|inauguration|opening|event|crowd|audience|guests|" \
        r"foundation\s+stone|ribbon)"
EVENT_IN = re.compile(rf"\b{EVENT}\b")
AT_EVENT = re.compile(rf"\b(?:attended|spoke\s+at|speaking\s+at|addressed|said\s+at|told|(?:was|were)\s+among\s+the\s+guests\s+at|"
                      rf"chaired|presided\s+over|"
                      rf"(?:was|were)\s+(?:also\s+)?"
                      rf"(?:present\s+)?at|participated\s+in|took\s+part\s+in|joined)\s+(?:the|its|this)\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"{EVENT}\b(?!\s+(?:in|at)\s+(?!the\b)[A-Z])")  # not 'the ceremony in Shenzhen': another place
# 'X and Y were present', 'Z attended, and ...' shortly after an event is mentioned: people at the event the text placed at
# a plant
PRESENT = re.compile(r"\b(?:was|were)\s+(?:also\s+)?(?:present|in\s+attendance)\b|\battended(?=\s*(?:[,;.]|and\b|$))")
# 'With him was X', 'The president was joined by X and Y': people with the visitors of the sentence before
WITH_THE_VISITORS = re.compile(r"^\W*(?:With\s+(?:him|her|them)\b[^.;,]{0,40}?\b(?:was|were)\s+|"
                               r"(?:He|She|They|The\s+(?:[\w-]+\s+)?[\w-]+)\s+(?:was|were)\s+(?:also\s+)?"
                               r"(?:joined|accompanied)\s+(?:there\s+)?by\s+)")
# 'Minister X and Mayor Y were guests of honour': at the event the text has placed at a plant
GUESTS_OF_HONOUR = re.compile(r"\b(?:was|were)\s+(?:the\s+)?guests?\s+of\s+honou?r\b")
# 'Among them were X and Y', 'The guests included X': the people at the event the sentence before placed at a plant
AMONG_GUESTS = re.compile(r"^\W*(?:Among\s+(?:them|the\s+(?:guests|visitors|attendees|dignitaries|officials|speakers))\s+"
                          r"(?:were|was)|(?:The\s+)?(?:guests|attendees|visitors|dignitaries)\s+included)\b")


class PlantVisits:
    """The visit half of Relations: an organisation, or the people, a visit cue ties to a plant."""

    def visits(self: Relations, s: int) -> None:
        """A visit event for each visitor and plant one sentence names with a visit cue."""
        text = self.sentence_text(s)
        plants = self.mentions(s, "plant")
        by = ATTENDED_BY.search(text)
        before = [p for p in plants if by and self.local(s, p)[1] <= by.end()]  # 'made at the plant by X'
        if by and before:
            self.visit(self.people_from(s, by.end()), before[-1].key, s)
        elif by and not plants and EVENT_IN.search(text) and (focus := self.plant_at(s)):
            self.visit(self.people_from(s, by.end()), focus, s)  # 'the foundation stone was laid in the presence of X'
        for plant in plants:
            if (with_them := AT_PLANT_WITH.match(text, self.local(s, plant)[1])) is not None:
                self.visit(self.people_from(s, with_them.end()), plant.key, s)
            start, end = self.local(s, plant)
            if ACCOMPANIED_AT.search(text[:start]) and (by := re.match(r"\s+by\s+", text[end:])):  # 'X was
                before = self.people_before(s, start)  # accompanied at
                self.visit(before + self.people_from(s, end + by.end()), plant.key, s)  # the plant by Y'
            if (told := TO_STAFF_AT.search(text[:self.local(s, plant)[0]])) is not None:  # 'X announced the plan to
                self.visit(self.people_before(s, told.start()), plant.key, s)
        if ON_THE_FLOOR.search(text) and (focus := self.plant_at(s)) is not None:
            self.visit(self.mentions(s, "person"), focus, s)
        hosted = HOSTED_AT.search(text)
        host_place = next((p for p in plants if hosted and self.local(s, p)[0] >= hosted.end()
                           and DETERMINER.fullmatch(text, hosted.end(), self.local(s, p)[0])), None)
        present = self.people_before(s, hosted.end()) if hosted else []
        if host_place is not None and any(self.local(s, f)[0] > hosted.start() for f in present):  # guests named
            self.visit(present, host_place.key, s)
        for plant in plants:
            start, end = self.local(s, plant)
            if (came := ARRIVED.search(text[:start])) and PURPOSE.match(text, end):
                self.visit(self.people_before(s, came.start()), plant.key, s)
        self.cued_visit(s, "visit_cues", organisations=True)
        self.cued_visit(s, "presence_cues", organisations=False)
        self.cued_visit(s, "opening_cues", organisations=False, gap=OPENED)
        self.event_visit(s)
        self.fronted_visit(s)

    def event_visit(self: Relations, s: int) -> None:
        """People at an event a text has placed at a plant: 'X said at the ceremony', 'Y told the gathering at the
        plant', 'Among them were X and Y', 'X and Y were guests of honour'; the plant is the one named with the event
        (here or in a sentence before). 'With him was X' after a visit: X visited the same plant."""
        text = self.sentence_text(s)
        if (among := AMONG_GUESTS.match(text)) is not None and (plant := self.event_plant(s - 1, s - 1)) is not None:
            self.visit(self.people_from(s, among.end()), plant, s)
        if (with_visitors := WITH_THE_VISITORS.match(text)) is not None:
            for plant in sorted({f.object for f in self.facts if f.predicate == "visitedPlace" and f.sentence == s - 1}):
                self.visit(self.people_from(s, with_visitors.end()), plant, s)
        if (honoured := GUESTS_OF_HONOUR.search(text)) is not None and (plant := self.event_plant(s, 0)) is not None:
            self.visit(self.people_before(s, honoured.start()), plant, s)
        recent_event = any(EVENT_IN.search(self.sentence_text(t)) for t in range(max(0, s - 2), s + 1))
        if (plant := self.event_plant(s, 0) if recent_event and PRESENT.search(text) else None) is not None:
            since = 0  # 'At the ceremony ... President X and Minister Y were present': each clause's people before its cue
            for present in PRESENT.finditer(text):
                self.visit(self.people_before(s, present.start(), since), plant, s)
                since = present.end()
        since = 0  # each cue's people are those of its own clause: 'X attended the ceremony, and Y addressed the crowd'
        for at in AT_EVENT.finditer(text):
            after = [p for p in self.mentions(s, "plant") if self.local(s, p)[0] >= at.end()
                     and OBJECT_GAP.fullmatch(text, at.end(), self.local(s, p)[0])]
            plant = after[0].key if after else self.event_plant(s, 0)
            if plant is None:
                return
            with_them = COMPANIONS.search(text, at.end())
            people = self.people_before(s, at.start(), since)
            self.visit(people + (self.people_from(s, with_them.end()) if with_them else []), plant, s)
            since = at.end()

    def fronted_visit(self: Relations, s: int) -> None:
        """'Speaking at the X plant on Monday, Governor Y praised ...', 'At the X plant, Y unveiled ...': the people of
        the clause a phrase placing them at a plant opens; 'Y was there to mark the start': at the plant in focus."""
        text = self.sentence_text(s)
        lead = FRONTED_AT.match(text)
        plant = next((p for p in self.mentions(s, "plant") if lead and self.local(s, p)[0] == lead.end()), None)
        comma = re.match(r"[^,;.]{0,40},\s+", text[self.local(s, plant)[1]:]) if plant is not None else None
        if comma is not None:
            self.visit(self.people_from(s, self.local(s, plant)[1] + comma.end()), plant.key, s)
        there = WAS_THERE.search(text)
        if there is not None and not self.mentions(s, "plant") and (focus := self.plant_at(s)) is not None:
            self.visit(self.people_before(s, there.start()), focus, s)

    def event_plant(self: Relations, s: int, first: int) -> str | None:
        """The plant named in the last sentence from `first` to `s` that names an event and a plant."""
        for t in range(s, first - 1, -1):
            plants = self.mentions(t, "plant")
            if plants and EVENT_IN.search(self.sentence_text(t)):
                return plants[-1].key
        return None

    def cued_visit(self: Relations, s: int, cues: str, organisations: bool, gap: re.Pattern[str] = OBJECT_GAP) -> None:
        """The people (else, when `organisations`, the organisation) before a cue of the lexicon's list `cues` or
        between it and the plant it is followed by visited that plant: 'X toured the plant', 'X came to the plant'."""
        text = self.sentence_text(s)
        cue = words_re(self.lex.cue(cues)).search(text)
        place = next((p for p in self.mentions(s, "plant") if cue and self.local(s, p)[0] >= cue.end()
                      and gap.fullmatch(text, cue.end(), self.local(s, p)[0])), None)
        if place is None:
            return
        people = [f for f in self.mentions(s, "person")  # 'X toured the plant', 'X joined Y at the plant'
                  if self.local(s, f)[1] <= cue.start() or cue.end() <= self.local(s, f)[0] < self.local(s, place)[0]]
        with_them = COMPANIONS.search(text, cue.end())
        people += self.people_from(s, with_them.end()) if with_them else []
        titles = words_re([*self.lex.executive_words, *self.lex.cue("person_titles"), "chief", "head"])
        visitors = people or [o for o in self.orgs(s) if organisations and self.local(s, o)[1] <= cue.start()  # not
                              and not titles.match(text[self.local(s, o)[1]:].lstrip())][:1]  # 'Stellantis Chief
        self.visit(visitors, place.key, s)  # Executive X': a person

    def people_before(self: Relations, s: int, end: int, since: int = 0) -> list[Found]:
        """The people named in sentence `s` from a character on (`since`) up to another (`end`): a cue's people."""
        return [f for f in self.mentions(s, "person") if since <= self.local(s, f)[0] and self.local(s, f)[1] <= end]

    def people_from(self: Relations, s: int, at: int) -> list[Found]:
        """The people named from a character of the sentence to the end of its clause."""
        end = re.search(r"[;.]|,\s+and\s+(?:they|he|she)\b|$", self.sentence_text(s)[at:]).start() + at
        return [f for f in self.mentions(s, "person") if at <= self.local(s, f)[0] < end]

    def visit(self: Relations, visitors: list[Found], plant: str, s: int) -> None:
        """A Visit event of each visitor (a person, or the organisation a mention stands for) to the plant (its key)."""
        for found in visitors:
            visitor = found.key if found.kind == "person" else self.organisation(found)
            label = f"{self.registry.label(visitor)} visit to {self.registry.label(plant)}"
            event = self.registry.add("event", label, cls="Visit",
                                      slug_name=f"{self.registry.slug(visitor)}-visit-{self.registry.slug(plant)}")
            self.fact(event, "visitor", visitor, s)
            self.fact(event, "visitedPlace", plant, s)
