"""extract(text) -> Extraction: the pure, deterministic heart of the pipeline (no I/O)."""

from __future__ import annotations

from datetime import date

from evkg.graph.facts import QuantityFacts
from evkg.graph.names import NameFinder
from evkg.graph.records import Entity, Extraction, Fact, Mention, Unresolved
from evkg.graph.relations import Relations
from evkg.graph.resolve import Registry
from evkg.graph.text import parse
from evkg.ontology.vocabulary import FACT_NODE_KINDS


def extract(text: str, published: date | None = None) -> Extraction:
    """Entities, facts (each with its sentence), mentions, sentences, warnings and unresolved names of one text.

    `published` (the document's date, when known) turns 'last year' and 'later this year' into years.
    """
    parsed = parse(text)
    registry = Registry()
    finder = NameFinder(parsed, registry)
    found = finder.find()
    relations = Relations(parsed, registry, found)
    relations.run()
    QuantityFacts(relations, published).run()
    relations.finish()
    # one mention a span: a plant's or a model's over another's ('Kassel' of 'the Mannheim, Kassel and Gaggenau plants'
    # is the plant and its town), since every plant and model must be named by a mention (ontology/shapes.ttl)
    mentions = sorted({(f.start, f.end): Mention(f.start, f.end, text[f.start:f.end], f.key, f.sentence)
                       for f in sorted(found, key=lambda f: f.kind in ("plant", "model"))}.values(),
                      key=lambda m: (m.start, m.end))
    unresolved = [Unresolved(start, end, text[start:end], parsed.sentence_of(start), reason)
                  for start, end, reason in sorted(set(finder.mentions.unresolved))]
    entities, facts = list(registry.entities.values()), relations.facts
    dropped = _brandless_models(entities, facts)
    unresolved += [Unresolved(m.start, m.end, m.text, m.sentence, "vehicle model of no known brand")
                   for m in mentions if m.entity in dropped]
    return Extraction(
        entities=[e for e in entities if e.key not in dropped],
        facts=[f for f in facts if f.subject not in dropped and f.object not in dropped],
        mentions=[m for m in mentions if m.entity not in dropped],
        sentences=parsed.sentences,
        warnings=relations.warnings,
        unresolved=sorted(unresolved, key=lambda u: (u.start, u.end)),
        published=published.isoformat() if published else None,
    )


def _brandless_models(entities: list[Entity], facts: list[Fact]) -> set[str]:
    """Models the text gives no brand, with the fact nodes (launches, records) about them.

    The shapes require every vehicle model to have its brand; one such model would otherwise make
    the whole document's graph invalid, so it is reported as unresolved instead.
    """
    branded = {f.subject for f in facts if f.predicate == "brand"}
    dropped = {e.key for e in entities if e.kind == "model" and e.key not in branded}
    fact_nodes = {f.subject for f in facts if f.object in dropped and f.subject.split("/")[0] in FACT_NODE_KINDS}
    return dropped | fact_nodes
