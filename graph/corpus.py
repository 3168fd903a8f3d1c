"""Entity resolution across documents: one key for a plant or model that several documents name differently.

Each document is resolved alone by the extractor, so a second article's "Douai plant" gets `plant/douai`
while the seed has `plant/ampere-douai`. `unify` runs over the whole corpus after extraction (cached
extractions stay per document and unchanged) and rewrites the keys of entities, mentions and facts to
one canonical key per thing, keeping every name. It is conservative, deterministic and independent of
document order:
- plants merge when the short key's words are all in the long key's words, exactly one most specific
  plant is such a match, and the two do not disagree on city, country or operator (an operator and its
  parent group, from the lexicon, agree);
- plants named differently ('ElectriCity', 'Ampere Douai') merge when they are the only two plants of one town
  and one operator group in the corpus and only one is named by the town, which is kept (two plants both
  named by the town, such as 'Kia Emden' and 'Hyundai Emden', are two plants);
- models merge when they have the same brand and the same base name (the name without a suffix such as
  E-Tech or EV); the most specific name wins, then the most documents, then the alphabetically first;
- two keys that one document keeps apart are never merged (the extractor already resolved that document);
- fact nodes and facilities whose keys are made from a merged entity's slug follow it
  (`production/douai-2025` -> `production/ampere-douai-2025`).
Companies, brands and places need nothing here: the lexicon gives them one label in every document.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from evkg.graph.iris import slugify
from evkg.graph.lexicon import lexicon
from evkg.graph.rdf import best_label
from evkg.graph.records import Entity, Extraction, Mention
from evkg.ontology.vocabulary import KEYED_BY_OWNER

PLANT_PLACES = ("city", "country")


@dataclass
class _Profile:
    """What the corpus says about one key: its labels, names, documents and the facts that tell it apart."""

    key: str
    labels: Counter[str] = field(default_factory=Counter)
    documents: set[int] = field(default_factory=set)
    places: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    operators: set[str] = field(default_factory=set)  # the group of each operator (its parent, else itself)
    brands: set[str] = field(default_factory=set)

    @property
    def kind(self) -> str:
        return self.key.split("/", 1)[0]

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(self.key.split("/", 1)[1].split("-"))

    @property
    def label(self) -> str:
        """The label the entity directory will give the key, so a merged entity keeps it in every document."""
        return best_label(self.labels)


@dataclass(frozen=True)
class Resolution:
    """What resolution decided for a corpus: each moved key -> its canonical key (merged entities and the fact
    nodes that follow them), the merged entities among them, and the label each canonical entity takes."""

    keys: dict[str, str] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def applied(self, extraction: Extraction) -> Extraction:
        """One document's extraction under the corpus keys; the extraction itself when none of its keys moves."""
        if not any(entity.key in self.keys for entity in extraction.entities):
            return extraction
        return _rewrite(extraction, self.keys, self.mapping, self.labels)

    def part_for(self, extraction: Extraction) -> Resolution:
        """The part of the decision that `applied` reads for this document: equal parts give equal rewrites, so a
        build after a change rewrites (and reloads) only the documents whose part changed."""
        named = {entity.key for entity in extraction.entities} | {mention.entity for mention in extraction.mentions}
        named |= {fact.subject for fact in extraction.facts}
        named |= {fact.object for fact in extraction.facts if fact.object_kind == "entity"}
        mapping = {key: self.mapping[key] for key in named if key in self.mapping}
        return Resolution({key: self.keys[key] for key in named if key in self.keys}, mapping,
                          {new: self.labels[new] for new in mapping.values()})


def resolution(extractions: Sequence[Extraction]) -> Resolution:
    """Which keys of the corpus name one thing, decided over every document at once."""
    profiles = _profiles(extractions)
    mapping = {**_plant_mapping(profiles), **_model_mapping(profiles)}
    if not mapping:
        return Resolution()
    labels = {new: profiles[new].label for new in mapping.values()}
    return Resolution({**mapping, **_derived_keys(extractions, mapping)}, mapping, labels)


def unify(extractions: Sequence[Extraction]) -> list[Extraction]:
    """The extractions with the keys of things named differently in different documents made one."""
    decided = resolution(extractions)
    return [decided.applied(extraction) for extraction in extractions]


def _profiles(extractions: Sequence[Extraction]) -> dict[str, _Profile]:
    profiles: dict[str, _Profile] = {}
    parents = lexicon().company_parent
    for index, extraction in enumerate(extractions):
        labels = {entity.key: entity.label for entity in extraction.entities}
        for entity in extraction.entities:
            profile = profiles.setdefault(entity.key, _Profile(entity.key))
            profile.labels[entity.label] += 1
            profile.documents.add(index)
        for fact in extraction.facts:
            if fact.object_kind != "entity" or fact.subject not in profiles:
                continue
            profile = profiles[fact.subject]
            if fact.predicate in PLANT_PLACES:
                profile.places[fact.predicate].add(fact.object)
            elif fact.predicate == "operatedBy":
                operator = labels.get(fact.object, fact.object)
                profile.operators.add(parents.get(operator, operator))
            elif fact.predicate == "brand":
                profile.brands.add(fact.object)
    return profiles


def _compatible(a: _Profile, b: _Profile) -> bool:
    """Two names of one plant: never in one document, and no stated city, country or operator group differs."""
    if a.documents & b.documents:
        return False
    if any(a.places[p] and b.places[p] and not a.places[p] & b.places[p] for p in PLANT_PLACES):
        return False
    return not (a.operators and b.operators and not a.operators & b.operators)


def _plant_mapping(profiles: dict[str, _Profile]) -> dict[str, str]:
    """Each plant whose words lie in exactly one most specific compatible plant's words -> that plant."""
    plants = [p for p in sorted(profiles.values(), key=lambda p: p.key) if p.kind == "plant"]
    wider = {a.key: [b for b in plants if a.words < b.words and _compatible(a, b)] for a in plants}
    mapping: dict[str, str] = {}
    for a in plants:
        tops = [b for b in wider[a.key] if not any(b.words < c.words for c in wider[a.key])]
        if len(tops) == 1 and not wider[tops[0].key]:
            mapping[a.key] = tops[0].key
    sites = _site_mapping(plants, mapping, profiles)
    return {**{key: sites.get(top, top) for key, top in mapping.items()}, **sites}


def _site_mapping(plants: list[_Profile], mapping: dict[str, str], profiles: dict[str, _Profile]) -> dict[str, str]:
    """Plants whose names share nothing ('ElectriCity', 'Ampere Douai') but stand in one town under one operator
    group: when the corpus has exactly two such plants, the one named by its town is kept, the other folded in."""
    roots: dict[str, _Profile] = {}
    for plant in plants:
        root = mapping.get(plant.key, plant.key)
        merged = roots.setdefault(root, _Profile(root))
        merged.documents |= plant.documents
        merged.operators |= plant.operators
        for kind, places in plant.places.items():
            merged.places[kind] |= places
    buckets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for root in roots.values():
        for city in root.places["city"]:
            for group in root.operators:
                buckets[(city, group)].add(root.key)
    mapping_out: dict[str, str] = {}
    for (city, _), keys in sorted(buckets.items()):
        if len(keys) != 2:
            continue
        a, b = (roots[k] for k in sorted(keys))
        town = city.split("/", 1)[1]
        if all(town in plant.key for plant in (a, b)) or not _compatible(a, b):  # 'Kia Emden', 'Hyundai Emden'
            continue
        keep = min((a, b), key=lambda p: (town not in p.key.split("/", 1)[1], -len(profiles[p.key].documents), p.key))
        other = b if keep is a else a
        mapping_out[other.key] = keep.key
    return mapping_out


def _model_base(profile: _Profile, brand: str) -> str:
    """The model's slug without its brand and its suffix: 'renault-5-e-tech' and 'renault-5' -> '5'."""
    slug = profile.key.split("/", 1)[1].removeprefix(brand.split("/", 1)[1] + "-")
    for suffix in sorted((slugify(s) for s in lexicon().suffixes), key=len, reverse=True):
        if slug.endswith("-" + suffix):
            return slug[: -len(suffix) - 1]
    return slug


def _model_mapping(profiles: dict[str, _Profile]) -> dict[str, str]:
    """Models of one brand and one base name -> the most specific name, then most documents, then alphabetical."""
    groups: dict[tuple[str, str], list[_Profile]] = defaultdict(list)
    for profile in profiles.values():
        if profile.kind == "model" and len(profile.brands) == 1:
            brand = next(iter(profile.brands))
            groups[(brand, _model_base(profile, brand))].append(profile)
    mapping: dict[str, str] = {}
    for members in groups.values():
        best = min(members, key=lambda p: (-len(p.words), -len(p.documents), p.key))
        for member in members:
            if member is not best and not member.documents & best.documents:
                mapping[member.key] = best.key
    return mapping


def _rekey(key: str, old: str, new: str) -> str:
    """A fact node's key made from `old`'s slug (at its start or its end) remade from `new`'s."""
    kind, slug = key.split("/", 1)
    old_slug, new_slug = old.split("/", 1)[1], new.split("/", 1)[1]
    if slug.startswith(old_slug + "-"):
        slug = new_slug + slug[len(old_slug):]
    if slug.endswith("-" + old_slug):
        slug = slug[: -len(old_slug)] + new_slug
    return f"{kind}/{slug}"


def _name_of_slug(label: str, key: str) -> str:
    """The leading words of a label that make its key's slug ('Ampere Douai Plant' -> 'Ampere Douai')."""
    words, slug = label.split(), key.split("/", 1)[1]
    return next((" ".join(words[:n]) for n in range(1, len(words)) if slugify(" ".join(words[:n])) == slug), label)


def _anchors(extraction: Extraction, mapping: dict[str, str]) -> dict[str, list[str]]:
    """A document's fact nodes and facilities -> the merged entities they are about (their keys are made from them)."""
    anchors: dict[str, set[str]] = defaultdict(set)
    for fact in extraction.facts:
        if fact.object_kind == "entity" and fact.object in mapping:
            anchors[fact.subject].add(fact.object)
        if fact.object_kind == "entity" and fact.subject in mapping:
            anchors[fact.object].add(fact.subject)
    return {key: sorted(olds) for key, olds in anchors.items() if key.split("/", 1)[0] in KEYED_BY_OWNER}


def _derived_keys(extractions: Sequence[Extraction], mapping: dict[str, str]) -> dict[str, str]:
    """Fact nodes and facilities about a merged entity -> their key remade from its canonical key."""
    candidates: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for key, olds in _anchors(extraction, mapping).items():
            new = key
            for old in olds:
                new = _rekey(new, old, mapping[old])
            if new != key:
                candidates[key].add(new)
    return {key: min(news) for key, news in candidates.items()}


def _relabel(name: str, old: str, old_label: str, new: str, new_label: str) -> str:
    """A fact node's name with its anchor's name made canonical: its full label, else its slug's words."""
    if old_label in name:
        return name.replace(old_label, new_label)
    old_words, new_words = _name_of_slug(old_label, old), _name_of_slug(new_label, new)
    return new_words + name[len(old_words):] if name.startswith(old_words + " ") else name


def _rewrite(extraction: Extraction, keys: dict[str, str], mapping: dict[str, str],
             labels: dict[str, str]) -> Extraction:
    """One document's extraction under the corpus keys; merged entities take the canonical label."""
    own_labels = {entity.key: entity.label for entity in extraction.entities}
    anchors = _anchors(extraction, mapping)
    entities: dict[str, Entity] = {}
    for entity in extraction.entities:
        key = keys.get(entity.key, entity.key)
        label, names = entity.label, list(entity.names)
        if entity.key in mapping:
            label, names = labels[key], [labels[key], *names]
        elif key != entity.key:
            for old in anchors[entity.key]:
                new = mapping[old]
                label = _relabel(label, old, own_labels[old], new, labels[new])
                names = [_relabel(name, old, own_labels[old], new, labels[new]) for name in names]
        merged = entities.setdefault(key, Entity(key, entity.kind, entity.cls, label, []))
        merged.names += [name for name in names if name not in merged.names]
    facts = [dataclasses.replace(fact, subject=keys.get(fact.subject, fact.subject),
                                 object=keys.get(fact.object, fact.object) if fact.object_kind == "entity"
                                 else fact.object) for fact in extraction.facts]
    mentions = [Mention(m.start, m.end, m.text, keys.get(m.entity, m.entity), m.sentence)
                for m in extraction.mentions]
    return dataclasses.replace(extraction, entities=list(entities.values()), facts=list(dict.fromkeys(facts)),
                               mentions=mentions)
