"""Entity resolution: one Entity per thing, keyed `{kind}/{slug}`, collecting every name the text uses for it."""

from __future__ import annotations

from evkg.graph.iris import slugify
from evkg.graph.records import Entity
from evkg.ontology.vocabulary import KIND_CLASS


def entity_key(kind: str, name: str) -> str:
    """The `{kind}/{slug}` key (and IRI tail) of a name."""
    return f"{kind}/{slugify(name)}"


class Registry:
    """The entities of one document, in order of first mention."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}

    def add(self, kind: str, label: str, name: str | None = None, slug_name: str | None = None,
            cls: str | None = None) -> str:
        """Register (or find) an entity and record `name` as one of its names; returns its key."""
        key = entity_key(kind, slug_name or label)
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(key=key, kind=kind, cls=cls or KIND_CLASS[kind], label=label, names=[label])
            self.entities[key] = entity
        for alias in (label, name):
            if alias and alias not in entity.names:
                entity.names.append(alias)
        return key

    def merge(self, old: str, into: str, keep: bool = False) -> None:
        """Fold entity `old` into `into` (same thing, two names), keeping every name; `keep` leaves `old` for
        mentions that still denote it."""
        for name in (self.entities[old] if keep else self.entities.pop(old)).names:
            self.add(self.entities[into].kind, self.entities[into].label, name=name,
                     slug_name=into.split("/", 1)[1])

    def label(self, key: str) -> str:
        """The canonical label of a registered entity."""
        return self.entities[key].label

    def slug(self, key: str) -> str:
        """The slug part of a key."""
        return key.split("/", 1)[1]

    def of_kind(self, kind: str) -> list[Entity]:
        """Entities of one kind, in order of first mention."""
        return [e for e in self.entities.values() if e.kind == kind]
