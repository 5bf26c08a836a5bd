"""Heterogeneity and zones blanches pages in a real browser.

Journeys: the matrix opens without console errors; a click on a cell opens the pair view
(two maps, the overlay, the split table) and writes the pair in the URL; the maps move
together; the zones blanches list is sorted by need and downloads as a French CSV.

Set ``CARTOCOORD_SCREENSHOTS`` to a folder to keep a screenshot of each view.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.server.app_factory import create_app
from geodata.sources import POPULATION_VINTAGE, SOURCE_LINE
from tests.e2e.conftest import show_table, start_app
from tests.e2e.waits import choose

VIEWPORT = (1280, 720)
PAIR_MAPS = (ids.PAIR_MAP_A, ids.PAIR_MAP_B, ids.PAIR_MAP_OVERLAY)
GEO_OF = """
    return arguments[0].map(function (id) {
        var graph = document.getElementById(id).querySelector('.js-plotly-plot');
        return graph && graph.layout ? JSON.stringify(graph.layout.geo) : null;
    });"""


def set_viewport(driver, width: int, height: int) -> None:
    """Make the page itself ``width`` × ``height`` (headless windows count their frame)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def screenshot(duo, name: str) -> None:
    folder = os.environ.get("CARTOCOORD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        time.sleep(1)  # let maps finish drawing
        duo.driver.save_screenshot(str(Path(folder) / f"{name}.png"))


def severe_logs(duo) -> list[dict]:
    return [entry for entry in duo.get_logs() if entry["level"] == "SEVERE"]


@pytest.fixture
def app_duo(dash_duo):
    set_viewport(dash_duo.driver, *VIEWPORT)
    start_app(dash_duo, create_app())
    dash_duo.wait_for_contains_text("header", "Cartocoord")
    return dash_duo


def open_page(duo, path: str) -> None:
    duo.driver.get(duo.server_url + path)
    duo.wait_for_contains_text("header", "Cartocoord")


def click_cell(duo, row: str, column: str) -> None:
    """Click the cell of zoning ``row`` (A) and ``column`` (B) of the matrix."""
    cell = duo.wait_for_element(
        f'#{ids.NESTING_MATRIX} button[id*=\'"a":"{row}"\'][id*=\'"b":"{column}"\']')
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", cell)
    cell.click()


def wait_for_pair(duo) -> None:
    for graph in PAIR_MAPS:
        duo.wait_for_element(f"#{graph} .choroplethlayer path, #{graph} .scatterlayer path")


def test_page_opens_with_the_matrix_and_no_console_error(app_duo):
    open_page(app_duo, "/heterogeneite")
    app_duo.wait_for_contains_text(f"#{ids.NESTING_MATRIX}", "0,93")

    heatmap = app_duo.find_element(f"#{ids.NESTING_MATRIX}").text
    assert "Zonage B (englobant)" in heatmap and "Zonage A (emboîté)" in heatmap
    assert "--active" in app_duo.find_element(f"#{ids.NAV_NESTING}").get_attribute("class")
    assert app_duo.find_element(f"#{ids.DEMO_BANNER}").is_displayed()
    assert not app_duo.find_element(f"#{ids.PAGE_MAP}").is_displayed()
    assert not app_duo.find_element(f"#{ids.PAIR_BODY}").is_displayed()
    assert not app_duo.find_elements(f"#{ids.CROSSINGS_GRID}")  # shown when asked
    show_table(app_duo, ids.CROSSINGS_FRAME, ids.CROSSINGS_GRID)
    screenshot(app_duo, "heterogeneite-1280x720")
    assert severe_logs(app_duo) == []


#: Width of each header's text, of its cell, and how far the page runs wider than the window.
HEADER_FIT = """
    const headers = [...document.querySelectorAll('.cc-nesting__table th[scope="col"]')];
    return [headers.map(function (header) {
        const range = document.createRange();
        range.selectNodeContents(header);
        return [header.textContent, range.getBoundingClientRect().width,
                header.getBoundingClientRect().width];
    }), document.documentElement.scrollWidth - window.innerWidth];"""


@pytest.mark.parametrize("width", [1920, 1500, 1280, 820])
def test_matrix_names_never_run_over_their_neighbours(app_duo, width):
    """Seven zonings (the official levels too): each name fits its column, at any width."""
    set_viewport(app_duo.driver, width, 900)
    open_page(app_duo, "/heterogeneite?dep=93")
    app_duo.wait_for_element(f"#{ids.NESTING_MATRIX} .cc-nesting__table")
    headers, overflow = app_duo.driver.execute_script(HEADER_FIT)
    assert len(headers) == 8  # « Zonage A » above the rows, then the seven zonings
    assert [name for name, text, cell in headers if text > cell] == []
    assert overflow <= 0  # a narrow screen scrolls the matrix's panel, not the page


def test_click_on_a_cell_opens_the_pair_view(app_duo):
    open_page(app_duo, "/heterogeneite")
    app_duo.wait_for_contains_text(f"#{ids.NESTING_MATRIX}", "0,93")

    click_cell(app_duo, "cpts", "dac")

    app_duo.wait_for_contains_text(f"#{ids.PAIR_SUMMARY}",
                                   "Emboîtement des CPTS dans les DAC : 0,93")
    wait_for_pair(app_duo)
    url = app_duo.driver.current_url
    assert "a=cpts" in url and "b=dac" in url
    assert app_duo.find_element(f"#{ids.PAIR_BODY}").is_displayed()
    assert app_duo.find_element(f"#{ids.PAIR_TITLE_A}").text == \
        "Les CPTS, selon leur emboîtement dans les DAC"
    overlay = app_duo.find_element(f"#{ids.PAIR_LEGEND_OVERLAY}").text
    assert "Limites propres aux CPTS" in overlay and "Limites propres aux DAC" in overlay
    assert "km" in overlay
    show_table(app_duo, ids.SPLIT_FRAME, ids.SPLIT_GRID)
    assert "Territoire CPTS" in app_duo.find_element(f"#{ids.SPLIT_GRID}").text
    screenshot(app_duo, "heterogeneite-paire-1280x720")
    assert severe_logs(app_duo) == []


def test_matrix_is_a_table_a_keyboard_opens_a_pair_from(app_duo):
    open_page(app_duo, "/heterogeneite")
    app_duo.wait_for_contains_text(f"#{ids.NESTING_MATRIX}", "0,93")
    table = app_duo.find_element(f"#{ids.NESTING_MATRIX} table")
    headers = [cell.text for cell in table.find_elements("css selector", "thead th[scope=col]")]
    rows = [cell.text for cell in table.find_elements("css selector", "tbody th[scope=row]")]
    # The demonstration zonings, then the official levels.
    assert headers[1:] == rows == ["DAC", "CPTS", "CARSIC", "Réseaux périnatalité",
                                   "Départements", "EPCI", "EPT (Grand Paris)"]
    assert "Indice d'emboîtement" in table.find_element("css selector", "caption") \
        .get_attribute("textContent")
    cell = app_duo.find_element(f'#{ids.NESTING_MATRIX} button[id*=\'"a":"cpts"\']'
                                f'[id*=\'"b":"dac"\']')
    assert cell.get_attribute("aria-label").startswith("Emboîtement des CPTS dans les DAC : 0,93")

    app_duo.driver.execute_script("arguments[0].focus();", cell)
    cell.send_keys(Keys.ENTER)

    app_duo.wait_for_contains_text(f"#{ids.PAIR_SUMMARY}",
                                   "Emboîtement des CPTS dans les DAC : 0,93")
    wait_for_pair(app_duo)
    assert severe_logs(app_duo) == []


def test_pair_maps_pan_together_and_close(app_duo):
    open_page(app_duo, "/heterogeneite?a=dac&b=carsic")
    wait_for_pair(app_duo)
    surface = app_duo.find_element(f"#{ids.PAIR_MAP_A} .main-svg")
    app_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", surface)

    ActionChains(app_duo.driver).move_to_element(surface).click_and_hold() \
        .move_by_offset(40, 25).move_by_offset(40, 25).release().perform()

    def views():
        return app_duo.driver.execute_script(GEO_OF, list(PAIR_MAPS))

    deadline = time.time() + 10
    while time.time() < deadline and len(set(views())) != 1:
        time.sleep(0.2)
    moved = views()
    assert '"fitbounds":false' in moved[0]  # the user's view replaced the fitted one
    assert len(set(moved)) == 1

    app_duo.find_element(f"#{ids.PAIR_CLOSE}").click()
    app_duo.wait_for_style_to_equal(f"#{ids.PAIR_BODY}", "display", "none")
    assert "a=" not in app_duo.driver.current_url


def test_departement_filter_goes_to_the_url(app_duo):
    open_page(app_duo, "/heterogeneite")
    app_duo.wait_for_contains_text(f"#{ids.NESTING_MATRIX}", "0,93")

    choose(app_duo, f"#{ids.NESTING_DEPARTEMENTS}", "93 — Seine-Saint-Denis")

    app_duo.wait_for_contains_text(f"#{ids.NESTING_MATRIX}", "0,92")
    assert "dep=93" in app_duo.driver.current_url

    # The menu (drawn at the end of the body) speaks French; open it if the selection closed it.
    if "Tout sélectionner" not in app_duo.find_element("body").text:
        app_duo.find_element(f"#{ids.NESTING_DEPARTEMENTS}").click()
    app_duo.wait_for_contains_text("body", "Tout sélectionner", timeout=5)
    assert "Select All" not in app_duo.find_element("body").text


def test_zones_blanches_sorted_by_need_and_downloadable(app_duo):
    open_page(app_duo, "/zones-blanches?dep=93")
    app_duo.wait_for_contains_text(f"#{ids.GAPS_SUMMARY}", "communes non couvertes par les CPTS")
    app_duo.wait_for_element(f"#{ids.GAPS_MAP} .choroplethlayer path")
    assert not app_duo.find_element(f"#{ids.GAPS_EXPORT}").is_displayed()  # no grid yet
    # The list's head shows before the grid is asked for, then gives way to it.
    app_duo.wait_for_contains_text(f"#{ids.GAPS_PREVIEW} tbody tr", "Drancy")
    assert len(app_duo.find_elements(f"#{ids.GAPS_PREVIEW} tbody tr")) == 10
    screenshot(app_duo, "zones-blanches-apercu-1280x720")
    show_table(app_duo, ids.GAPS_FRAME, ids.GAPS_GRID)
    first = app_duo.wait_for_element(f"#{ids.GAPS_GRID} .ag-row[row-index='0']")
    assert "Drancy" in first.text
    assert not app_duo.find_element(f"#{ids.GAPS_PREVIEW}").is_displayed()
    assert "--active" in app_duo.find_element(f"#{ids.NAV_GAPS}").get_attribute("class")
    screenshot(app_duo, "zones-blanches-1280x720")

    app_duo.find_element(f"#{ids.GAPS_EXPORT}").click()

    csv = Path(app_duo.download_path) / "cartocoord-zones-blanches.csv"
    deadline = time.time() + 10
    while time.time() < deadline and not csv.exists():
        time.sleep(0.2)
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(";")[:3] == ['"Rang"', '"Commune"', '"Code"']
    assert "Drancy" in lines[1] and "93029" in lines[1]
    # The sources end the file, populations with their vintage.
    assert lines[-2:] == ['"Source : Insee, Filosofi 2021"', f'"{SOURCE_LINE}"']
    assert POPULATION_VINTAGE in SOURCE_LINE
    assert severe_logs(app_duo) == []


@pytest.mark.parametrize("size", [(1600, 900), (1280, 720)])
def test_screenshots_of_both_views(app_duo, size):
    """Keep a picture of each view at both sizes (with ``CARTOCOORD_SCREENSHOTS``)."""
    if not os.environ.get("CARTOCOORD_SCREENSHOTS"):
        pytest.skip("set CARTOCOORD_SCREENSHOTS to a folder to keep the screenshots")
    set_viewport(app_duo.driver, *size)
    label = f"{size[0]}x{size[1]}"
    open_page(app_duo, "/heterogeneite")
    app_duo.wait_for_contains_text(f"#{ids.NESTING_MATRIX}", "0,93")
    show_table(app_duo, ids.CROSSINGS_FRAME, ids.CROSSINGS_GRID)
    screenshot(app_duo, f"1-heterogeneite-{label}")
    click_cell(app_duo, "cpts", "dac")
    wait_for_pair(app_duo)
    show_table(app_duo, ids.SPLIT_FRAME, ids.SPLIT_GRID)
    time.sleep(1.5)  # the page scrolls to the pair
    screenshot(app_duo, f"2-paire-{label}")
    app_duo.driver.execute_script(
        "document.getElementById(arguments[0]).scrollIntoView({block: 'start'});",
        ids.SPLIT_GRID)
    screenshot(app_duo, f"3-paire-tableau-{label}")
    open_page(app_duo, "/zones-blanches")
    app_duo.wait_for_element(f"#{ids.GAPS_MAP} .choroplethlayer path")
    show_table(app_duo, ids.GAPS_FRAME, ids.GAPS_GRID)
    screenshot(app_duo, f"4-zones-blanches-{label}")
    show_table(app_duo, ids.GAPS_DEPARTEMENT_FRAME, ids.GAPS_DEPARTEMENT_GRID)
    app_duo.driver.execute_script(
        "document.getElementById(arguments[0]).scrollIntoView({block: 'start'});",
        ids.GAPS_DEPARTEMENT_GRID)
    screenshot(app_duo, f"5-zones-blanches-tableaux-{label}")
