"""The label people recognise: a model named with its brand, a plant by the name its sources use most.

The extractor labels a model as the text first names it ("Micra EV" after "Nissan Micra EV"), and a plant by
the label most documents give it. Readers look for "Nissan Micra EV" and for the plant's usual name, so the
entity directory's rdfs:label is decided here over the whole corpus; every other name stays a skos:altLabel.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from evkg.graph.records import Extraction


def recognised_labels(extractions: Sequence[Extraction], best: dict[str, str]) -> dict[str, str]:
    """Model and plant keys -> the label to publish, given each key's `best` label by the directory's rule."""
    names: dict[str, set[str]] = defaultdict(set)
    brands: dict[str, set[str]] = defaultdict(set)
    used: dict[str, Counter[str]] = defaultdict(Counter)
    for extraction in extractions:
        for entity in extraction.entities:
            names[entity.key].update([entity.label, *entity.names])
        for fact in extraction.facts:
            if fact.predicate == "brand" and fact.object_kind == "entity":
                brands[fact.subject].add(fact.object)
        for mention in extraction.mentions:
            used[mention.entity][mention.text] += 1
    labels: dict[str, str] = {}
    for key, label in best.items():
        kind = key.split("/", 1)[0]
        if kind == "model" and len(brands[key]) == 1:
            brand = next(iter(brands[key]))
            labels[key] = _with_brand(label, names[key], used[key], best.get(brand, ""), names[brand])
        elif kind == "plant":
            labels[key] = _most_used(label, names[key], used[key])
    return labels


def _with_brand(label: str, names: set[str], used: Counter[str], brand: str, brand_names: set[str]) -> str:
    """The label as is when it starts with a name of the brand; else the brand-led name the text used, or brand + label."""
    prefixes = {name for name in brand_names | {brand} if name}
    if not brand or any(label.startswith(prefix + " ") or label == prefix for prefix in prefixes):
        return label
    led = [name for name in names if any(name == f"{prefix} {label}" for prefix in prefixes)]
    if led:
        return min(led, key=lambda name: (-used[name], not name.startswith(brand + " "), name))
    return f"{brand} {label}"


def _most_used(label: str, names: set[str], used: Counter[str]) -> str:
    """The plant's name mentioned most often (case aside); a tie keeps the label, then the most capitalised name."""
    forms: dict[str, set[str]] = defaultdict(set)
    for name in names:
        forms[name.casefold()].add(name)
    counts = {folded: sum(count for text, count in used.items() if text.casefold() == folded) for folded in forms}
    top = max(counts.values(), default=0)
    if top == 0 or counts.get(label.casefold()) == top:
        return label
    winners = [_capitalised(forms[folded]) for folded, count in counts.items() if count == top]
    return min(winners, key=lambda name: (-_capitals(name), name))


def _capitalised(forms: set[str]) -> str:
    """Of the spellings of one name ("Douai plant", "Douai Plant"), the one written as a proper name."""
    return min(forms, key=lambda name: (-_capitals(name), name))


def _capitals(name: str) -> int:
    return sum(word[:1].isupper() for word in name.split())
