"""extract(text) -> Extraction: the pure, deterministic heart of the pipeline (no I/O)."""

from __future__ import annotations

from graph.facts import QuantityFacts
from graph.model import Extraction, Mention, Unresolved
from graph.names import NameFinder
from graph.relations import Relations
from graph.resolve import Registry
from graph.text import parse


def extract(text: str) -> Extraction:
    """Entities, facts (each with its sentence), mentions, sentences, warnings and unresolved names of one text."""
    parsed = parse(text)
    registry = Registry()
    finder = NameFinder(parsed, registry)
    found = finder.find()
    relations = Relations(parsed, registry, found)
    relations.run()
    QuantityFacts(relations).run()
    relations.finish()
    mentions = sorted({(f.start, f.end): Mention(f.start, f.end, text[f.start:f.end], f.key, f.sentence)
                       for f in found}.values(), key=lambda m: (m.start, m.end))
    unresolved = [Unresolved(start, end, text[start:end], parsed.sentence_of(start), reason)
                  for start, end, reason in sorted(set(finder.unresolved))]
    return Extraction(
        entities=list(registry.entities.values()),
        facts=relations.facts,
        mentions=mentions,
        sentences=parsed.sentences,
        warnings=relations.warnings,
        unresolved=unresolved,
    )
