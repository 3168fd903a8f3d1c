"""Sentences and tokens from spaCy's rule-based English pipeline (no model download): the extractor's view of a text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from evkg.graph.lexicon import lexicon
from evkg.graph.records import Sentence


@cache
def nlp() -> Language:
    """A blank English pipeline with the rule-based sentencizer, built once per process. A word with a full stop in
    the name of a model family the lexicon knows ('ID.' of 'ID. Buzz') is one token, so no sentence ends there:
    'the Volkswagen ID. Polo' is one model, not 'ID' at the end of a sentence and 'Polo.' in the next."""
    pipeline = spacy.blank("en")
    for family in lexicon().families:
        for word in family.split():
            if len(word) > 1 and word.endswith("."):
                pipeline.tokenizer.add_special_case(word, [{"ORTH": word}])
    pipeline.add_pipe("sentencizer")
    return pipeline


@dataclass
class Parsed:
    """A tokenised text with its sentences (never crossing a line break, trimmed of white space)."""

    text: str
    doc: Doc
    sentences: list[Sentence]

    def sentence_of(self, char: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(bisect.bisect_right([s.start for s in self.sentences], char) - 1, 0)

    def tokens(self, sentence: Sentence) -> list[Token]:
        """The tokens of one sentence, white-space tokens left out."""
        span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        return [t for t in span if not t.is_space] if span is not None else []


def word_spans(text: str, word: str, joiners: str = "-") -> Iterator[tuple[int, int]]:
    """Where `word` stands in `text` as a word of its own: no letter, digit, '_' or joiner right before or after it.

    What `re.finditer(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])", text)` finds, without compiling a pattern for each
    name of each text: those compiles were a fifth of the extractor's time.
    """
    def joins(char: str) -> bool:
        return char.isalnum() or char == "_" or char in joiners

    start = text.find(word)
    while start != -1 and word:
        end = start + len(word)
        if (start == 0 or not joins(text[start - 1])) and (end == len(text) or not joins(text[end])):
            yield start, end
            start = text.find(word, end)
        else:
            start = text.find(word, start + 1)


LIST_NUMBER = re.compile(r"\d{1,2}[.)]")  # the number of a numbered list's item, which the sentencizer splits off


def parse(text: str) -> Parsed:
    """Tokenise and split into sentences; offsets are Python code points into `text`."""
    doc = nlp()(text)
    sentences: list[Sentence] = []
    for span in doc.sents:
        offset = span.start_char
        for line in span.text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = offset + line.index(stripped)
                end = start + len(stripped)
                if sentences and LIST_NUMBER.fullmatch(sentences[-1].text) and "\n" not in text[sentences[-1].end:start]:
                    start = sentences.pop().start  # '1. the Citroen e-C3;': the item keeps its number
                sentences.append(Sentence(len(sentences), start, end, text[start:end]))
            offset += len(line) + 1
    return Parsed(text, doc, sentences)
