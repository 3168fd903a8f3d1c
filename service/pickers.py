"""The entities an IRI parameter of a saved query may take, from its `enumerate` class: form pickers and OpenAPI enums."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from evkg.service import contents
from evkg.service.contents import Item
from evkg.service.engine import get_engine
from evkg.service.ontology_doc import label_of
from evkg.service.saved_queries import ANY_ENTITY, Parameter

PICKER_LIMIT = 500  # options a plain <select> still serves well; past it the form searches as you type
ENUM_LIMIT = 50  # IRIs /openapi.json lists as an enum; past it the class is named in the description


@dataclass(frozen=True)
class Picker:
    """How the form offers one IRI parameter: every instance in a <select>, or a search box over the class."""

    parameter: Parameter
    noun: str
    options: list[tuple[str, str]]  # (IRI as plain text, so templates compare it with the request's value; name)
    total: int

    @property
    def searches(self) -> bool:
        """Too many instances for a list: the form takes an IRI, found by the class-restricted search."""
        return self.total > PICKER_LIMIT

    @property
    def search_class(self) -> str:
        """The `class` argument of /search.json (empty: any entity)."""
        return "" if self.parameter.cls == ANY_ENTITY else str(self.parameter.cls)


def instances(cls: str) -> list[Item]:
    """The instances of a class by label (owl:Thing: the whole entity directory), listed once per build."""
    return get_engine().per_build(f"instances {cls}", lambda: contents.entities() if cls == ANY_ENTITY
                                  else contents.instances(URIRef(cls)))


def picker(parameter: Parameter) -> Picker | None:
    """The picker of an IRI parameter that names its class; None for the others."""
    if parameter.type != "iri" or parameter.cls is None:
        return None
    items = instances(parameter.cls)
    if parameter.cls == ANY_ENTITY:  # any kind of thing: its class tells apart the company and the brand Renault
        noun, options = "entity", [(str(i.iri), f"{i.label} ({label_of(i.type)})" if i.type else i.label) for i in items]
    else:
        noun, options = label_of(URIRef(parameter.cls)).lower(), [(str(i.iri), i.label) for i in items]
    return Picker(parameter, noun, options[:PICKER_LIMIT], len(items))


def enum_values(parameter: Parameter) -> list[str] | None:
    """The IRIs OpenAPI lists for a class-enumerated parameter when there are few enough; None otherwise."""
    if parameter.cls is None:
        return None
    items = instances(parameter.cls)
    return [str(item.iri) for item in items] if 0 < len(items) <= ENUM_LIMIT else None
