"""Claims, not overwrites: two documents that disagree on a figure are both published, side by side.

The corpus is the seed (undated) and `fixtures/claims/douai-output-restated.txt`, a constructed revision
(the case of issue 12, not a real report): dated 2025-03-02, it says the Douai plant built 91,200 units in
2024 where the seed says 89,527, and that the plant produces the Renault 5 E-Tech and the Alpine A290.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from conftest import DOCUMENTS, PLANT, build_corpus, make_settings
from evkg.graph.claims import disagreement_iri
from evkg.graph.derived import CLAIMS
from evkg.graph.iris import CLAIMS_GRAPH
from evkg.graph.layout import current_build, manifest_file, report_file
from evkg.graph.records import Extraction, Fact
from evkg.service.app import create_app
from test_incremental import contents

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "claims" / "douai-output-restated.txt"
R = "https://w3id.org/evkg/resource/"
E = "https://w3id.org/evkg/ontology#"
RECORD = R + "production/ampere-douai-2024"
SEED, REVISION = R + "document/alliance-ampere-douai", R + "document/douai-output-restated"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    documents = tmp_path_factory.mktemp("claims-documents")
    shutil.copy(DOCUMENTS / "alliance-ampere-douai.txt", documents)
    shutil.copy(FIXTURE, documents)
    return build_corpus(documents, tmp_path_factory.mktemp("claims") / "data")


@pytest.fixture(scope="module")
def client(data: Path) -> Iterator[FlaskClient]:
    app = create_app(make_settings(data))
    yield app.test_client()
    app.extensions["evkg.engine"].close()


def rows(client: FlaskClient, path: str, **params: str) -> list[dict[str, Any]]:
    """A saved query's or /sparql's rows as {variable: value}."""
    response = client.get(f"{path}?{urllib.parse.urlencode(params)}",
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [{name: term["value"] for name, term in row.items()} for row in response.get_json()["results"]["bindings"]]


def sparql(client: FlaskClient, query: str) -> list[dict[str, Any]]:
    return rows(client, "/sparql", query=f"PREFIX evkg: <{E}>\n{query}")


def test_nothing_is_set_aside_for_disagreeing(data: Path) -> None:
    report = json.loads(report_file(current_build(data)).read_text(encoding="utf-8"))
    assert report["ok"] and report["skipped"] == []
    assert {document["file"] for document in report["documents"]} == {"alliance-ampere-douai.txt",
                                                                       "douai-output-restated.txt"}


def test_both_figures_are_kept_each_with_its_document_sentence_and_date(client: FlaskClient) -> None:
    found = sparql(client, f"""SELECT ?units ?document ?date ?sentence WHERE {{
        ?claim evkg:assertionSubject <{RECORD}> ; evkg:assertionPredicate evkg:units ; evkg:assertionObject ?units ;
               evkg:statedIn ?passage .
        ?passage evkg:inDocument ?document ; evkg:text ?sentence .
        OPTIONAL {{ ?claim evkg:statedOn ?date }} }}""")
    by_units = {row["units"]: row for row in found}
    assert set(by_units) == {"89527", "91200"}
    assert by_units["91200"]["document"] == REVISION and by_units["91200"]["date"] == "2025-03-02"
    assert "91,200" in by_units["91200"]["sentence"]
    assert by_units["89527"]["document"] == SEED and "date" not in by_units["89527"]  # the seed is undated
    assert sparql(client, f"SELECT ?t WHERE {{ <{SEED}> a evkg:UndatedDocument }}")
    assert not sparql(client, f"SELECT ?t WHERE {{ <{REVISION}> a evkg:UndatedDocument }}")


def test_the_second_articles_other_facts_are_published(client: FlaskClient) -> None:
    found = sparql(client, f"""SELECT ?model WHERE {{
        GRAPH <https://w3id.org/evkg/graph/document/douai-output-restated> {{ <{R}plant/ampere-douai> evkg:produces ?model }} }}""")
    assert {row["model"] for row in found} == {R + "model/renault-5-e-tech", R + "model/alpine-a290"}


def test_plant_output_gives_the_preferred_figure_and_how_many_sources_differ(client: FlaskClient) -> None:
    found = rows(client, "/queries/plant_output", plant=R + "plant/ampere-douai")
    assert [(row["year"], row["units"], row["approximate"], row["sources"], row["differing"]) for row in found] == [
        ("2023", "50729", "true", "1", "0"), ("2024", "91200", "false", "2", "1")]


def test_the_series_and_growth_use_the_preferred_figure(client: FlaskClient) -> None:
    series = rows(client, "/queries/output_timeseries")
    assert [(row["year"], row["units"]) for row in series] == [("2023", "50729"), ("2024", "91200")]
    growth = rows(client, "/queries/output_growth")
    assert [(row["fromUnits"], row["toUnits"]) for row in growth] == [("50729", "91200")]


def test_conflicts_lists_the_2024_disagreement_for_the_plant_and_overall(client: FlaskClient) -> None:
    for params in ({}, {"entity": R + "plant/ampere-douai"}, {"entity": RECORD}):
        found = rows(client, "/queries/conflicts", **params)
        assert [(row["entity"], row["property"], row["value"], row["preferred"], row["document"], row.get("date"))
                for row in found] == [(RECORD, E + "units", "91200", "true", REVISION, "2025-03-02"),
                                      (RECORD, E + "units", "89527", "false", SEED, None)], params
        assert found[0]["reason"] == "stated by the most recent source (2025-03-02)"
        assert "89,527" in found[1]["sentence"]
    assert rows(client, "/queries/conflicts", entity=R + "brand/renault") == []


def test_as_of_answers_what_was_published_by_then(client: FlaskClient) -> None:
    def produced(day: str) -> set[str]:
        found = rows(client, "/queries/as_of", entity=R + "plant/ampere-douai", date=day)
        return {row["value"] for row in found if row["property"] == E + "produces"}

    assert produced("2025-03-01") == set()  # the seed is undated: when it said so is not known
    assert produced("2025-03-02") == produced("2026-01-01") == {R + "model/renault-5-e-tech", R + "model/alpine-a290"}
    record = rows(client, "/queries/as_of", entity=RECORD, date="2025-12-31")
    assert {(row["property"], row["value"], row["document"], row["statedOn"]) for row in record} >= {
        (E + "units", "91200", REVISION, "2025-03-02")}


def test_the_plant_page_shows_the_values_side_by_side(client: FlaskClient) -> None:
    html = client.get(PLANT, headers={"Accept": "text/html"}).get_data(as_text=True)
    section = html[html.index('id="disagreements-heading"'):]
    assert "stated by the most recent source (2025-03-02)" in section
    preferred = section[section.index('class="claim preferred"'):]
    assert "91,200 units" in preferred[:preferred.index("</li>\n        <li")]
    assert "<mark>91,200</mark>" in section and "<mark>89,527</mark>" in section
    assert '<time datetime="2025-03-02">2025-03-02</time>' in section and "<time>undated</time>" in section
    chart = json.loads(html.split('id="output-data">', 1)[1].split("</script>", 1)[0])
    assert chart[1] == {"year": 2024, "units": 91200, "approximate": False, "others": [89527]}


def extraction(published: str | None, units: str, approximate: bool = False) -> Extraction:
    facts = [Fact("production/p-2024", "outputOf", "plant/p", "entity", 0),
             Fact("production/p-2024", "year", "2024", "literal", 0, "integer"),
             Fact("production/p-2024", "units", units, "literal", 0, "integer"),
             Fact("production/p-2024", "approximate", str(approximate).lower(), "literal", 0, "boolean")]
    return Extraction(facts=facts, published=published)


def preferred(*extractions: Extraction) -> tuple[str, str] | None:
    """The preferred units of the test record and the reason, or None when nothing disagrees."""
    quads = list(CLAIMS.of({f"doc-{n}": extraction for n, extraction in enumerate(extractions)}))
    node = disagreement_iri("production/p-2024", "units")
    values = {quad.predicate.value.removeprefix(E): quad.object.value for quad in quads if quad.subject == node}
    return (values["preferredValue"], values["preferenceReason"]) if values else None


def test_the_most_recent_source_is_preferred_whatever_the_order() -> None:
    old, new = extraction("2024-05-01", "89527"), extraction("2025-03-02", "91200")
    assert preferred(old, new) == preferred(new, old) == ("91200", "stated by the most recent source (2025-03-02)")


def test_between_sources_of_one_date_the_more_precise_figure_wins() -> None:
    assert preferred(extraction("2025-03-02", "91200"), extraction("2025-03-02", "89527"))[0] == "89527"
    exact, estimate = extraction("2025-03-02", "91000"), extraction("2025-03-02", "89527", approximate=True)
    assert preferred(exact, estimate) == ("91000", "as recent as any other source (2025-03-02), and the more precise figure")


def test_undated_sources_come_last_and_agreeing_sources_are_no_disagreement() -> None:
    assert preferred(extraction(None, "89527"), extraction("2020-01-01", "91200"))[0] == "91200"
    assert preferred(extraction(None, "89527"), extraction(None, "91200"))[1].startswith("no source is dated")
    assert preferred(extraction("2024-05-01", "89527"), extraction("2025-03-02", "89527")) is None


def test_a_disagreeing_article_added_after_a_build_gives_what_a_full_build_gives(tmp_path: Path) -> None:
    """The claims graph is redone by the build after a change (graph.incremental) as by a full build."""
    documents, together = tmp_path / "documents", tmp_path / "together"
    documents.mkdir()
    articles = Path(__file__).resolve().parent / "articles"
    for source in (DOCUMENTS / "alliance-ampere-douai.txt", *(articles / f"{name}.txt" for name in (
            "ford-cologne", "kia-zilina", "byd-szeged", "hyundai-metaplant"))):
        shutil.copy(source, documents)
    build_corpus(documents, tmp_path / "data")
    shutil.copy(FIXTURE, documents)
    build_corpus(documents, tmp_path / "data")
    manifest = json.loads(manifest_file(current_build(tmp_path / "data")).read_text(encoding="utf-8"))
    assert manifest["mode"].startswith("after a change")
    shutil.copytree(documents, together)
    build_corpus(together, tmp_path / "full")

    after_change = contents(tmp_path / "data")
    assert after_change == contents(tmp_path / "full")
    assert any(quad[0] == f"<{RECORD}#disagreement-units>" for quad in after_change[CLAIMS_GRAPH.value])


def test_sources_disagreeing_on_a_plants_all_electric_date_are_both_published(tmp_path: Path) -> None:
    """A date, like a figure, is a claim: the seed's May 2023 and a later source's June 2023 are both kept."""
    documents = tmp_path / "documents"
    documents.mkdir()
    shutil.copy(DOCUMENTS / "alliance-ampere-douai.txt", documents)
    shutil.copy(FIXTURE.with_name("douai-all-electric-restated.txt"), documents)
    data = build_corpus(documents, tmp_path / "data")
    report = json.loads(report_file(current_build(data)).read_text(encoding="utf-8"))
    assert report["ok"] and report["skipped"] == []
    app = create_app(make_settings(data))
    try:
        found = rows(app.test_client(), "/queries/conflicts", entity=R + "plant/ampere-douai")
    finally:
        app.extensions["evkg.engine"].close()
    assert {(row["property"], row["value"], row["preferred"]) for row in found} == {
        (E + "allElectricSince", "2023-06", "true"), (E + "allElectricSince", "2023-05", "false")}
