"""The gazetteer's coordinates in the build and the `/map` page without scripts (its browser tests are in
test_browser.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from pyoxigraph import DefaultGraph, NamedNode

from conftest import PLANT
from evkg.graph import layout
from evkg.graph.gazetteer import GAZETTEER_GRAPH, locate
from evkg.graph.store import open_read_only
from evkg.ontology.vocabulary import GEO
from test_browse import islands, page

DOUAI = "https://w3id.org/evkg/resource/city/douai"
AMPERE = "https://w3id.org/evkg/resource/company/ampere"
MICRA = "https://w3id.org/evkg/resource/model/nissan-micra-ev"


def test_douai_gets_its_coordinates_in_the_gazetteer_graph(seed_data: Path) -> None:
    store = open_read_only(layout.current_build(seed_data))
    rows = list(store.query(f"""SELECT ?lat ?long ?source WHERE {{ GRAPH <{GAZETTEER_GRAPH.value}> {{
        <{DOUAI}> <{GEO}lat> ?lat ; <{GEO}long> ?long .
        <{GAZETTEER_GRAPH.value}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }} }}"""))
    assert len(rows) == 1
    lat, long, source = rows[0]["lat"], rows[0]["long"], rows[0]["source"]
    assert lat.datatype.value == long.datatype.value == "http://www.w3.org/2001/XMLSchema#decimal"
    assert float(lat.value) == pytest.approx(50.37, abs=0.02) and float(long.value) == pytest.approx(3.08, abs=0.02)
    assert source.value == "https://www.geonames.org/"
    stated = {quad.graph_name for quad in store.quads_for_pattern(None, NamedNode(GEO + "lat"), None, None)}
    assert stated == {GAZETTEER_GRAPH, DefaultGraph()}  # the default graph holds the merge; no document states it


def test_the_country_decides_between_cities_of_one_name() -> None:
    assert locate(["Paris"])["countrycode"] == "FR"  # the most populous Paris
    assert locate(["Paris"], ["United States"])["countrycode"] == "US"
    assert locate(["Douai"], ["Germany"]) is None  # a known country that has no such city: no guess
    assert locate(["São Paulo"]) == locate(["sao paulo"])
    assert locate(["Cologne"], ["Germany"])["name"] == "Köln"  # an exonym, among GeoNames' alternate names


def test_the_map_page_lists_plants_and_filters_without_scripts(seed_client: FlaskClient) -> None:
    html = page(seed_client, "/map")
    assert f'<a href="{PLANT}">Ampere Douai Plant</a>' in html and ">Douai</a>" in html
    markers = json.loads(islands(html)["map-data"])
    assert markers == [{"label": "Ampere Douai Plant", "href": PLANT, "city": "Douai", "lat": 50.37069,
                        "long": 3.07922, "year": 2024, "units": 89527}]
    assert f'<option value="{AMPERE}">Ampere</option>' in html and f'<option value="{MICRA}">' in html
    assert PLANT in page(seed_client, f"/map?operator={AMPERE}&model={MICRA}")
    narrowed = page(seed_client, "/map?model=https://w3id.org/evkg/resource/model/none")  # unknown: ignored
    assert PLANT in narrowed
    assert 'href="/map"' in page(seed_client, "/")


def test_a_plant_page_locates_its_plant(seed_client: FlaskClient) -> None:
    html = page(seed_client, PLANT)
    assert json.loads(islands(html)["locator-data"]) == {"label": "Ampere Douai Plant", "city": "Douai",
                                                         "lat": 50.37069, "long": 3.07922}
    assert "Douai, 50.37° N, 3.08° E (GeoNames)" in html
    assert "locator-data" not in page(seed_client, "/resource/city/douai")
