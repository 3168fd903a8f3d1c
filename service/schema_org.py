"""The schema.org JSON-LD embedded in entity pages, so search engines and link previews understand them."""

from __future__ import annotations

from typing import Any

from rdflib import Literal

from service.describe import Description
from service.paths import local_name

# evkg class -> schema.org type (the ontology aligns each evkg class under these)
SCHEMA_TYPES = {
    "Company": "Corporation", "Alliance": "Organization", "GoverningBoard": "Organization",
    "Organization": "Organization", "Brand": "Brand", "ManufacturingPlant": "Place", "Facility": "Place",
    "VehicleModel": "ProductModel", "VehiclePlatform": "ProductModel", "City": "City", "Country": "Country",
    "MarketRegion": "Place", "Place": "Place", "Event": "Event", "Visit": "Event", "MarketLaunch": "Event",
    "StartOfProduction": "Event", "SourceDocument": "NewsArticle", "ProductionRecord": "Observation",
    "Investment": "MonetaryAmount",
}
# evkg property -> schema.org property whose value is another entity
SCHEMA_LINKS = {"brand": "brand", "hasMember": "member", "memberOf": "memberOf", "city": "containedInPlace",
                "country": "containedInPlace", "ownsBrand": "brand", "operatedBy": "parentOrganization"}


def schema_org(description: Description, page_url: str) -> dict[str, Any]:
    """A small schema.org view of the entity: type, name, other names and links to related entities."""
    types = sorted({SCHEMA_TYPES[name] for name in (local_name(str(t)) for t in description.types)
                    if name in SCHEMA_TYPES}) or ["Thing"]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": types[0] if len(types) == 1 else types,
        "@id": str(description.iri),
        "name": description.label,
        "url": page_url,
    }
    if description.alt_labels:
        data["alternateName"] = description.alt_labels
    if "characterisation" in description.literals:
        data["description"] = str(description.literals["characterisation"])
    for predicate, links in description.outgoing.items():
        key = SCHEMA_LINKS.get(local_name(str(predicate)))
        values = [{"@id": str(link.term), "name": link.label} for link in links if not isinstance(link.term, Literal)]
        if key and values:
            data.setdefault(key, []).extend(values)
    return data
