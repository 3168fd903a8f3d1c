"""Which markets a model, a plant or an organisation serves: 'EVs tailored to European consumers', 'exporting the X
to Africa', 'units of the plant's production go to Europe'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evkg.graph.relations import Relations

EXPORTED_TO = re.compile(r"\b(?:for\s+export|exported|to\s+export|to\s+supply|supplies|will\s+supply)\s+"
                         r"(?:(?:from\s+\w+\s+)?(?:to\s+)?)(?:other\s+countries\s+in\s+|the\s+whole\s+of\s+|the\s+)?$")
EXPORTS = re.compile(r"\b(?:export|exported|exporting|exports|shipped|shipping|ships|go|goes|went|headed|"
                     r"(?:will|to|are\s+to)\s+be\s+sold)\b")
# between a model and such a verb it is the subject of: 'The X is to be exported', 'The plug-in X goes on sale'
SUBJECT_GAP = re.compile(r"\s+(?:(?:is|are|was|were|will|would|also|now|still|to|be)\s+)*")
UNDECIDED = re.compile(r"\b(?:whether|considering|studying|weighing|mulling|could|might|may)\b[^,;]*$")
# what the plant sends: 'most of its cars', 'units of the plant's production'
PLANT_OUTPUT = re.compile(r"\b(?:its|the\s+(?:plant|factory|site)[’']s)\s+(?:[\w-]+\s+)?(?:cars|vehicles|output|production)\b|"
                          r"\b(?:output|production)\b")
# what may stand between such a verb, the models and the places: 'to other markets of the', 'to business customers across'
EXPORT_GAP = re.compile(r"(?:\s+|,|\b(?:and|the|to|in|across|into|other|markets?|countries|customers|buyers|business|of|"
                        r"region|on|sale|for|including)\b)*")


class Markets:
    """The market half of Relations: the regions and countries a subject targets, sells or ships to."""

    def markets(self: Relations, s: int) -> None:
        """'EVs tailored to European consumers', 'share of the European EV market': the subject targets a region;
        'kei cars for customers in Japan': a model targets a country."""
        text = self.sentence_text(s)
        cues = "|".join(self.lex.cue("market_cues"))
        for region in self.mentions(s, "region", "country"):
            start, end = self.local(s, region)
            after = re.match(rf"(?:\s+[\w-]+)?\s+(?:{cues})\b", text[end:])
            before = re.search(rf"\b(?:{cues})\s+(?:in|across)\s+(?:the\s+)?$", text[:start])  # 'customers in the ASEAN region'
            exported = EXPORTED_TO.search(text[:start])  # 'for export to the ASEAN countries', 'to supply the whole of X'
            if exported and not self.mentions(s, "model") and (plant := self.plant_at(s)) is not None:
                self.fact(plant, "targetMarket", region.key, s)
                continue
            if not (after or before):
                continue
            # a maker's customers in a country (its home country, mostly) do not make the country its market
            makers = self.orgs(s, "alliance", "company", "brand") if region.kind == "region" else []
            subjects = [o for o in makers + self.mentions(s, "model")
                        if self.local(s, o)[1] <= start and not re.match(r"[’']s\b", text[self.local(s, o)[1]:])]

            subjects.sort(key=lambda o: o.start)  # the nearest before the region, a possessive ('Kia's') left out
            if subjects:
                subject = subjects[-1]
                self.fact(self.organisation(subject) if subject.kind != "model" else subject.key,
                          "targetMarket", region.key, s)

    def exports(self: Relations, s: int) -> None:
        """'exporting the X to Africa, the Middle East and South America', 'sold in Indonesia and shipped to other
        markets of the ASEAN region', 'units of the plant's production go to Europe': the places a verb of export or
        sale sends to are markets of the models named between the verb and them, else of the plant in focus when what
        is sent is its output and the sentence names no model ('vehicles sold in the EU last year' are sales)."""
        text = self.sentence_text(s)
        named = sorted(self.mentions(s, "model", "region", "country"), key=lambda f: f.start)
        for cue in EXPORTS.finditer(text):
            if UNDECIDED.search(text, max(cue.start() - 40, 0), cue.start()):  # 'studying whether to export X to Y'
                continue
            at, models, places = cue.end(), [], []
            for f in (f for f in named if self.local(s, f)[0] >= at):
                start, end = self.local(s, f)
                if not EXPORT_GAP.fullmatch(text, at, start) or f.kind == "model" and places:
                    break
                (models if f.kind == "model" else places).append(f)
                at = end
            sent_to = [p for p in places if re.search(r"\b(?:to|in|across|into|for)\b", text[cue.end():self.local(s, p)[0]])]
            said_of = [m for m in named if m.kind == "model" and SUBJECT_GAP.fullmatch(text, self.local(s, m)[1], cue.start())]
            subjects = [m.key for m in models or said_of] or ([self.plant_at(s)] if not self.mentions(s, "model")
                                                              and PLANT_OUTPUT.search(text, 0, cue.start()) else [])
            for subject in (key for key in subjects if key is not None):
                for place in sent_to:
                    self.fact(subject, "targetMarket", place.key, s)
