"""`/map`: every plant placed by its city's gazetteer coordinates, sized by its latest output, filtered by operator
group and by model; the same plants as a plain list, so the page works without scripts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, render_template, request
from rdflib import URIRef
from evkg.ontology.vocabulary import sparql_prefixes
from evkg.service.describe import PREFIXES, only_preferred
from evkg.service.engine import get_engine
from evkg.service.paths import href

blueprint = Blueprint("map", __name__)

MAP_PREFIXES = PREFIXES + sparql_prefixes("geo")
PLANTS = MAP_PREFIXES + """SELECT ?plant (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?city) (SAMPLE(?cl) AS ?cityLabel)
       (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) WHERE {
  ?plant a evkg:ManufacturingPlant ; rdfs:label ?l .
  OPTIONAL { ?plant evkg:city ?c . ?c rdfs:label ?cl . OPTIONAL { ?c geo:lat ?la ; geo:long ?lo } }
} GROUP BY ?plant"""
# the operator and every group it belongs to (an alliance's members' plants are the alliance's too)
OPERATORS = MAP_PREFIXES + """SELECT DISTINCT ?plant ?group ?label WHERE {
  ?plant evkg:operatedBy ?operator . ?group evkg:hasMember* ?operator ; rdfs:label ?label .
}"""
MODELS = MAP_PREFIXES + """SELECT DISTINCT ?plant ?model ?label WHERE { ?plant evkg:produces ?model . ?model rdfs:label ?label }"""
LOCATION = MAP_PREFIXES + """SELECT (SAMPLE(?cl) AS ?city) (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) WHERE {
  ?plant evkg:city ?c . ?c rdfs:label ?cl ; geo:lat ?la ; geo:long ?lo .
}"""
OUTPUT = MAP_PREFIXES + f"""SELECT ?plant ?year (MAX(?u) AS ?units) WHERE {{
  ?record evkg:outputOf ?plant ; evkg:year ?year ; evkg:units ?u .
  {only_preferred("?record", "evkg:units", "?u")}
}} GROUP BY ?plant ?year"""


@dataclass
class Plant:
    """One plant as the map and its list show it."""

    iri: str
    label: str
    href: str | None
    city: str = ""
    city_href: str | None = None
    lat: float | None = None
    long: float | None = None
    year: int | None = None  # of the latest output figure
    units: int | None = None
    operators: set[str] = field(default_factory=set)
    models: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        """What the map script needs to draw and link the marker."""
        return {"label": self.label, "href": self.href, "city": self.city, "lat": self.lat, "long": self.long,
                "year": self.year, "units": self.units}


def plants() -> tuple[list[Plant], dict[str, str], dict[str, str]]:
    """Every plant, and the labels of the operator groups and of the models they could be filtered by."""
    engine = get_engine()
    found: dict[str, Plant] = {}
    for row in engine.select(PLANTS).rows:
        plant = Plant(str(row["plant"]), str(row["label"]), href(row["plant"]))
        if "city" in row:
            plant.city, plant.city_href = str(row["cityLabel"]), href(row["city"])
        if "lat" in row and "long" in row:
            plant.lat, plant.long = float(row["lat"]), float(row["long"])
        found[plant.iri] = plant
    output: dict[str, dict[int, int]] = defaultdict(dict)
    for row in engine.select(OUTPUT).rows:
        output[str(row["plant"])][int(row["year"])] = int(row["units"])
    for iri, years in output.items():
        if iri in found:
            found[iri].year = max(years)
            found[iri].units = years[max(years)]
    operators = _related(OPERATORS, "group", found, "operators")
    models = _related(MODELS, "model", found, "models")
    return sorted(found.values(), key=lambda plant: plant.label.lower()), operators, models


def _related(query: str, name: str, found: dict[str, Plant], attribute: str) -> dict[str, str]:
    """Add the query's `name` IRIs to each plant's `attribute` set; their labels, sorted by label."""
    labels: dict[str, str] = {}
    for row in get_engine().select(query).rows:
        plant = found.get(str(row["plant"]))
        if plant is not None:
            getattr(plant, attribute).add(str(row[name]))
            labels[str(row[name])] = str(row["label"])
    return dict(sorted(labels.items(), key=lambda item: item[1].lower()))


def locator(plant: URIRef) -> dict[str, Any] | None:
    """Where a plant stands, for its page's locator map: its city, coordinates and their reading; None when unknown."""
    rows = get_engine().select(LOCATION, bindings={"plant": plant}).rows
    if not rows or "lat" not in rows[0]:
        return None
    lat, long = float(rows[0]["lat"]), float(rows[0]["long"])
    where = f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(long):.2f}° {'E' if long >= 0 else 'W'}"
    return {"city": str(rows[0]["city"]), "lat": lat, "long": long, "where": where}


@blueprint.get("/map")
def plant_map() -> str:
    """The map and the list of plants, narrowed to one operator group and one model when asked."""
    everything, operators, models = plants()
    operator = request.args.get("operator", "") if request.args.get("operator") in operators else ""
    model = request.args.get("model", "") if request.args.get("model") in models else ""
    shown = [plant for plant in everything
             if (not operator or operator in plant.operators) and (not model or model in plant.models)]
    return render_template("map.html", plants=shown, total=len(everything), operators=operators, models=models,
                           operator=operator, model=model,
                           markers=[plant.as_json() for plant in shown if plant.lat is not None])
