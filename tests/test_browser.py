"""The viewer in a real browser (Debian's chromium through Playwright) against `evkg serve` on a real build.

A newcomer's path: search "douai", open the plant, read its output chart, its six models, one model's
source sentence, the document, a saved query and the query editor. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from conftest import DOCUMENT, DOCUMENTS, PLANT, SEED_MODELS, build_corpus, serve_evkg

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(seed_data: Path) -> Iterator[str]:
    """`evkg serve` (granian) on a free loopback port over the seed build."""
    with serve_evkg(seed_data) as url:
        yield url


SYNTHETIC_EMDEN = """Volkswagen opens a new chapter in Emden

Volkswagen builds the ID.4 and the ID.7 at its Emden plant in Germany. The Emden plant produced 210,000 vehicles
in 2023 and 190,000 vehicles in 2024, the company said.
"""


@pytest.fixture(scope="module")
def group_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`evkg serve` over the seed and two articles on Volkswagen Group plants (Zwickau, Emden) with output figures.

    The Emden text is a synthetic fixture (its figures are made up), so no held-out article becomes test input.
    """
    documents = tmp_path_factory.mktemp("group-documents")
    for source in (DOCUMENTS / "alliance-ampere-douai.txt", ROOT / "tests" / "articles" / "vw-zwickau.txt"):
        (documents / source.name).write_bytes(source.read_bytes())
    (documents / "synthetic-emden.txt").write_text(SYNTHETIC_EMDEN, encoding="utf-8")
    with serve_evkg(build_corpus(documents, tmp_path_factory.mktemp("group") / "data")) as url:
        yield url


@pytest.fixture(scope="module")
def claims_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`evkg serve` over the seed and a dated revision of its 2024 figure (tests/fixtures/claims, constructed)."""
    documents = tmp_path_factory.mktemp("claims-documents")
    for source in (DOCUMENTS / "alliance-ampere-douai.txt", ROOT / "tests" / "fixtures" / "claims" / "douai-output-restated.txt"):
        (documents / source.name).write_bytes(source.read_bytes())
    with serve_evkg(build_corpus(documents, tmp_path_factory.mktemp("claims") / "data")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `make system-packages` installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page that records console errors; the test fails on any (a CSP violation shows up there)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    opened.on("console", record)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


@pytest.fixture
def plain(browser: Browser) -> Iterator[Page]:
    """A page with scripts off: what every form and list must still do."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_from_search_to_plant_model_source_and_document(server: str, page: Page) -> None:
    page.goto(server + "/")
    expect(page.locator("h1")).to_contain_text("electric-vehicle industry knowledge graph")
    shot(page, "home")
    page.locator("#home-search").press_sequentially("douai", delay=40)
    suggestion = page.locator(f'#home-search ~ ul [role=option] a[href="{PLANT}"]')
    expect(suggestion).to_be_visible()
    suggestion.click()
    page.wait_for_url(f"**{PLANT}")
    expect(page.locator("h1")).to_have_text("Ampere Douai Plant")

    page.wait_for_function("document.getElementById('output-chart').chart !== undefined")
    chart = page.evaluate("""() => { const c = document.getElementById('output-chart').chart;
        return {labels: c.data.labels, units: c.data.datasets[0].data}; }""")
    assert chart == {"labels": ["2023", "2024"], "units": [50729, 89527]}
    produced = page.locator(".facts .property", has=page.locator("dt", has_text="produces"))
    models = {href.rsplit("/", 1)[-1] for href in
              produced.locator('dd > a[href^="/resource/model/"]').evaluate_all("links => links.map(a => a.href)")}
    assert models == SEED_MODELS
    page.wait_for_function("document.getElementById('graph').graph !== undefined")
    shot(page, "plant")

    produced.locator('dd > a[href="/resource/model/nissan-micra-ev"]').click()
    page.wait_for_url("**/resource/model/nissan-micra-ev")
    source = page.locator(".source", has=page.locator("blockquote mark", has_text="Micra EV")).first
    expect(source.locator("mark", has_text="Micra EV").first).to_be_visible()
    source.locator("a.source-link").click()
    page.wait_for_url(f"**{DOCUMENT}#char=*")
    expect(page.locator(".sentence:target")).to_contain_text("Micra EV")
    assert page.locator("a.mention").count() > 20
    shot(page, "document")


def test_a_picked_name_opens_no_list_over_the_form_when_its_box_is_focused_again(server: str, page: Page) -> None:
    page.goto(server + "/queries/plant_output")
    page.locator("#param-plant-name").press_sequentially("Douai", delay=40)
    page.get_by_role("option", name="Ampere Douai Plant").click()
    page.locator("#param-plant-name").blur()
    page.wait_for_timeout(300)  # past the delay that closes the list after a blur
    page.locator("#param-plant-name").focus()
    page.wait_for_timeout(300)
    expect(page.locator("#param-plant-options")).to_be_hidden()
    page.locator("#param-plant-name").press("Backspace")  # typing again asks again
    expect(page.get_by_role("option", name="Ampere Douai Plant")).to_be_visible()


def test_a_plant_is_picked_by_name_and_its_output_shown(server: str, page: Page) -> None:
    page.goto(server + "/queries/plant_output")
    expect(page.locator("#param-plant")).to_be_hidden()  # the plain <select> gave way to the search box
    page.locator("#param-plant-name").press_sequentially("Douai", delay=40)
    page.get_by_role("option", name="Ampere Douai Plant").click()
    shot(page, "query-form")
    page.get_by_role("button", name="Run").click()
    page.wait_for_url("**/queries/plant_output?plant=*")
    table = page.locator("table.sortable")
    expect(table.locator("tbody tr")).to_have_count(2)
    assert table.locator("tbody tr td:first-child").all_inner_texts() == ["2023", "2024"]
    page.get_by_role("button", name="year").click()
    page.get_by_role("button", name="year").click()
    expect(table.locator("th").first).to_have_attribute("aria-sort", "descending")
    assert table.locator("tbody tr td:first-child").all_inner_texts() == ["2024", "2023"]
    shot(page, "query-result")
    assert page.get_by_role("link", name="Download CSV").get_attribute("href").startswith("/queries/plant_output.csv?")
    page.get_by_role("link", name="Open in the query editor").click()
    page.wait_for_url("**/query?example=plant_output&plant=**")
    page.wait_for_function("() => window.evkgYasgui !== undefined")
    assert "VALUES (?_plant_iri)" in page.evaluate("window.evkgYasgui.getTab().getQuery()")


def test_a_saved_query_form_works_without_scripts(server: str, plain: Page) -> None:
    plain.goto(server + "/queries/plant_models")
    plain.select_option("#param-plant", label="Ampere Douai Plant")
    plain.get_by_role("button", name="Run").click()
    plain.wait_for_url("**/queries/plant_models?plant=*")
    expect(plain.locator("table tbody tr")).to_have_count(6)
    expect(plain.locator("table")).to_contain_text("Micra EV")


def test_the_query_editor_runs_a_query_and_draws_a_graph(server: str, page: Page) -> None:
    page.goto(server + "/query")
    page.wait_for_function("window.evkgYasgui !== undefined")
    expect(page.locator("#query-form")).to_be_hidden()
    page.locator(".yasqe .yasqe_queryButton").click()
    expect(page.locator(".yasr .dataTable")).to_contain_text("Micra EV", timeout=15000)
    shot(page, "query-editor")
    page.evaluate("""() => { window.evkgYasgui.getTab().setQuery('PREFIX evkg: <https://w3id.org/evkg/ontology#> '
        + 'CONSTRUCT { ?p evkg:produces ?m } WHERE { ?p evkg:produces ?m }'); }""")
    page.locator(".yasqe .yasqe_queryButton").click()
    page.locator(".yasr .select_graph").click()
    page.wait_for_selector(".yasr .result-graph canvas")
    shot(page, "query-editor-graph")


def test_the_query_editor_completes_the_graphs_own_prefixes(server: str, page: Page) -> None:
    page.goto(server + "/query")
    page.wait_for_function("window.evkgYasgui !== undefined")
    page.evaluate("() => { const yasqe = window.evkgYasgui.getTab().getYasqe(); yasqe.setValue(''); yasqe.focus(); }")
    page.keyboard.type("PREFIX evk")
    page.keyboard.press("Control+Space")
    hints = page.locator(".CodeMirror-hints")
    expect(hints).to_contain_text("evkg: <https://w3id.org/evkg/ontology#>", timeout=5000)


def test_a_group_page_charts_each_plant_as_one_series(group_server: str, page: Page) -> None:
    page.goto(group_server + "/resource/company/volkswagen-group")
    page.wait_for_function("() => document.getElementById('group-output-chart').chart !== undefined")
    series = page.evaluate("""() => document.getElementById('group-output-chart').chart.data.datasets
        .map(d => d.label)""")
    assert sorted(series) == ["Emden Plant", "Zwickau Plant"]
    expect(page.locator(".group-output tbody tr")).to_have_count(2)
    page.locator(".group-output").screenshot(path=str(ARTIFACTS / "group-chart.png"))
    shot(page, "group")


def test_a_brand_lists_its_models_and_a_platform_what_uses_it(server: str, page: Page) -> None:
    page.goto(server + "/resource/brand/renault")
    built = page.locator(".brand-models tr", has=page.get_by_role("link", name="Renault 5 E-Tech"))
    expect(built.get_by_role("link", name="Ampere Douai Plant")).to_be_visible()
    page.goto(server + "/resource/platform/ampr-small")
    expect(page.locator(".platform-users").get_by_role("link", name="Ampere Douai Plant")).to_be_visible()
    shot(page, "platform")


def test_the_map_places_douai_and_its_marker_opens_the_plant(server: str, page: Page) -> None:
    elsewhere: list[str] = []
    page.on("request", lambda sent: None if sent.url.startswith((server + "/", "data:")) else elsewhere.append(sent.url))
    page.goto(server + "/map")
    expect(page.locator("#map[data-ready=true]")).to_be_visible()
    assert page.locator("#map .map-land path").count() > 150  # the countries of world-atlas, drawn by d3-geo
    marker = page.locator(f'#map a.map-marker[href="{PLANT}"]')
    expect(marker).to_have_attribute("aria-label", "Ampere Douai Plant, Douai: 89,527 units in 2024")
    shot(page, "map")
    marker.click()
    page.wait_for_url(f"**{PLANT}")
    expect(page.locator("h1")).to_have_text("Ampere Douai Plant")
    expect(page.locator("#locator-map[data-ready=true] .map-marker circle")).to_have_count(1)  # its small locator
    page.locator(".locator").screenshot(path=str(ARTIFACTS / "locator.png"))
    assert elsewhere == []  # no tiles, fonts or libraries from anywhere but this server


def test_the_map_filters_work_without_scripts(server: str, plain: Page) -> None:
    plain.goto(server + "/")
    plain.locator("main").get_by_role("link", name="Map of plants").click()
    plain.select_option("#map-model", label="Nissan Micra EV")
    plain.get_by_role("button", name="Show").click()
    plain.wait_for_url("**/map?operator=&model=*")
    expect(plain.locator(".map-plants tbody tr")).to_have_count(1)
    expect(plain.locator(".map-plants")).to_contain_text("Douai")


def test_disagreeing_sources_stand_side_by_side_on_the_plant_page(claims_server: str, page: Page,
                                                                   browser: Browser) -> None:
    page.goto(claims_server + PLANT)
    page.wait_for_function("document.getElementById('output-chart').chart !== undefined")
    chart = page.evaluate("""() => { const c = document.getElementById('output-chart').chart;
        return c.data.datasets.map(d => d.data); }""")
    assert chart == [[50729, 91200], [None, 89527]]  # the preferred bars, and the other source's figure as a cross
    section = page.locator("section.disagreements")
    expect(section.locator(".reason")).to_contain_text("stated by the most recent source (2025-03-02)")
    preferred = section.locator(".claim.preferred")
    expect(preferred.locator(".claim-value")).to_contain_text("91,200 units")
    expect(preferred.locator("mark")).to_have_text("91,200")
    expect(preferred.locator("time")).to_have_text("2025-03-02")
    other = section.locator(".claim:not(.preferred)")
    expect(other.locator("mark")).to_have_text("89,527")
    expect(other.locator("time")).to_have_text("undated")
    section.scroll_into_view_if_needed()
    shot(page, "plant-disagreement")
    assert axe_violations(browser, claims_server + PLANT) == []


@pytest.mark.parametrize("path", ["/resource/company/volkswagen-group", "/resource/brand/volkswagen"])
def test_no_serious_accessibility_violations_on_group_pages(group_server: str, browser: Browser, path: str) -> None:
    assert axe_violations(browser, group_server + path) == []


@pytest.mark.parametrize("path", ["/", PLANT, DOCUMENT, "/query", "/ontology", "/queries/plant_output", "/map",
                                  "/resource/brand/renault", "/resource/platform/ampr-small",
                                  "/queries/plant_output?plant=https://w3id.org/evkg/resource/plant/ampere-douai"])
def test_no_serious_accessibility_violations(server: str, browser: Browser, path: str) -> None:
    assert axe_violations(browser, server + path) == []


def axe_violations(browser: Browser, url: str) -> list[str]:
    """axe-core's serious and critical findings on a page (YASGUI's own widget left out)."""
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script, which our CSP forbids
    checked = context.new_page()
    checked.goto(url)
    checked.add_script_tag(path=str(AXE))
    # YASGUI's own widget (tabs, CodeMirror) is third-party markup we cannot change; everything around it is checked
    violations = checked.evaluate("""async () =>
        (await axe.run({exclude: [['#yasgui']]}, {resultTypes: ['violations']}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
    context.close()
    return violations


def test_keyboard_reaches_the_content_first(server: str, page: Page) -> None:
    page.goto(server + PLANT)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
