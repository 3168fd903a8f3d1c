"""Comparisons on entity pages: a company's or group's plants' output side by side, what uses a platform, a brand's models."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from evkg.service.describe import PREFIXES, only_preferred
from evkg.service.engine import get_engine
from evkg.service.paths import href, kind_of

# plants operated by the organisation or, for an alliance, by its members (at any depth)
GROUP_OUTPUT = PREFIXES + f"""SELECT ?plant (SAMPLE(?l) AS ?label) ?year (SAMPLE(?u) AS ?units) WHERE {{
  ?org evkg:hasMember* ?operator .
  ?plant evkg:operatedBy ?operator ; rdfs:label ?l .
  ?record evkg:outputOf ?plant ; evkg:year ?year ; evkg:units ?u .
  {only_preferred("?record", "evkg:units", "?u")}
}} GROUP BY ?plant ?year"""

PLATFORM_MODELS = PREFIXES + """SELECT ?model (SAMPLE(?l) AS ?label) (SAMPLE(?bl) AS ?brand) WHERE {
  ?model evkg:basedOnPlatform ?platform ; rdfs:label ?l .
  OPTIONAL { ?model evkg:brand ?b . ?b rdfs:label ?bl }
} GROUP BY ?model"""

PLATFORM_PLANTS = PREFIXES + """SELECT ?plant (SAMPLE(?l) AS ?label) WHERE {
  { ?plant evkg:usesPlatform ?platform } UNION { ?plant evkg:produces ?m . ?m evkg:basedOnPlatform ?platform }
  ?plant rdfs:label ?l .
} GROUP BY ?plant"""

BRAND_MODELS = PREFIXES + """SELECT ?model (SAMPLE(?l) AS ?label) ?plant (SAMPLE(?pl) AS ?plantLabel) WHERE {
  ?model evkg:brand ?brand ; rdfs:label ?l .
  OPTIONAL { ?plant evkg:produces ?model ; rdfs:label ?pl }
} GROUP BY ?model ?plant"""


@dataclass
class Row:
    """One linked entity in a comparison list, with the entities it goes with (a model's plants)."""

    label: str
    href: str | None
    detail: str = ""
    related: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass
class Comparison:
    """What an organisation, platform or brand page adds: a chart of its plants, or lists of what uses it."""

    output: dict[str, Any] | None = None
    models: list[Row] = field(default_factory=list)
    plants: list[Row] = field(default_factory=list)


def compare(iri: URIRef) -> Comparison:
    """The comparison for the entity's kind (company, alliance, platform, brand); empty for the others."""
    kind = kind_of(iri)
    if kind in ("company", "alliance"):
        return Comparison(output=group_output(iri))
    if kind == "platform":
        return _platform(iri)
    if kind == "brand":
        return Comparison(models=_brand_models(iri))
    return Comparison()


def group_output(org: URIRef) -> dict[str, Any] | None:
    """Units per year of every plant of the organisation, as the chart's JSON island: years and one series per plant."""
    rows = get_engine().select(GROUP_OUTPUT, bindings={"org": org}).rows
    if not rows:
        return None
    years = sorted({int(row["year"]) for row in rows})
    units: dict[URIRef, dict[int, int]] = defaultdict(dict)
    labels: dict[URIRef, str] = {}
    for row in rows:
        units[row["plant"]][int(row["year"])] = int(row["units"])
        labels[row["plant"]] = str(row["label"])
    series = [{"label": labels[plant], "href": href(plant), "units": [units[plant].get(year) for year in years]}
              for plant in sorted(units, key=lambda plant: labels[plant].lower())]
    return {"years": years, "series": series}


def _platform(platform: URIRef) -> Comparison:
    engine = get_engine()
    models = [Row(str(row["label"]), href(row["model"]), str(row.get("brand", "")))
              for row in engine.select(PLATFORM_MODELS, bindings={"platform": platform}).rows]
    plants = [Row(str(row["label"]), href(row["plant"]))
              for row in engine.select(PLATFORM_PLANTS, bindings={"platform": platform}).rows]
    return Comparison(models=_by_label(models), plants=_by_label(plants))


def _brand_models(brand: URIRef) -> list[Row]:
    models: dict[URIRef, Row] = {}
    for row in get_engine().select(BRAND_MODELS, bindings={"brand": brand}).rows:
        model = models.setdefault(row["model"], Row(str(row["label"]), href(row["model"])))
        if "plant" in row:
            model.related.append((str(row["plantLabel"]), href(row["plant"])))
    for model in models.values():
        model.related.sort(key=lambda plant: plant[0].lower())
    return _by_label(list(models.values()))


def _by_label(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: row.label.lower())
