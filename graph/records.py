"""The extraction's data model: plain, JSON-serialisable records passed from extract() to rdf.py and the build cache."""

from __future__ import annotations

import json
from datetime import date
from dataclasses import dataclass, field
from typing import Any, Literal

ObjectKind = Literal["entity", "individual", "literal"]


@dataclass(frozen=True)
class DocumentInfo:
    """What the builder knows about a source file, described in the document's named graph."""

    slug: str
    file_name: str
    title: str
    source_url: str | None
    date: str | None  # ISO date (YYYY-MM-DD) when the front matter gives one
    sha256: str
    text: str
    read_at: str  # ISO date-time, UTC

    @property
    def published(self) -> date | None:
        """The publication date as extract() takes it, to read 'last year' and 'this year'."""
        return date.fromisoformat(self.date) if self.date else None


@dataclass
class Entity:
    """A thing the text talks about; `key` is `{kind}/{slug}`, the tail of its IRI."""

    key: str
    kind: str
    cls: str  # the evkg class local name, e.g. "ManufacturingPlant"
    label: str
    names: list[str] = field(default_factory=list)  # every surface name seen, the label included


@dataclass(frozen=True)
class Fact:
    """One asserted triple: subject key, evkg predicate, and an entity key, named individual or literal."""

    subject: str
    predicate: str
    object: str
    object_kind: ObjectKind
    sentence: int
    datatype: str | None = None  # xsd local name for literals ("integer", "gYearMonth"...)


@dataclass(frozen=True)
class Mention:
    """A stretch of text (code-point offsets, end exclusive) that names an entity."""

    start: int
    end: int
    text: str
    entity: str
    sentence: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document with its exact offsets; text == document[start:end]."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Unresolved:
    """A name-like stretch the extractor saw but could not tie to an entity, kept for the build report."""

    start: int
    end: int
    text: str
    sentence: int
    reason: str


@dataclass
class Extraction:
    """Everything extract() found in one document text."""

    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    published: str | None = None  # the publication date relative years were read against (ISO), if known

    def to_json(self) -> str:
        """Stable JSON (sorted keys) so cached extractions diff cleanly."""
        return json.dumps(self, default=vars, sort_keys=True, ensure_ascii=False)  # dataclasses as their fields

    @classmethod
    def from_json(cls, text: str) -> Extraction:
        """The inverse of to_json()."""
        data: dict[str, Any] = json.loads(text)
        return cls(
            entities=[Entity(**item) for item in data["entities"]],
            facts=[Fact(**item) for item in data["facts"]],
            mentions=[Mention(**item) for item in data["mentions"]],
            sentences=[Sentence(**item) for item in data["sentences"]],
            warnings=list(data["warnings"]),
            unresolved=[Unresolved(**item) for item in data["unresolved"]],
            published=data.get("published"),
        )

    def entity(self, key: str) -> Entity | None:
        """The entity with this key, if extracted."""
        return next((e for e in self.entities if e.key == key), None)
