"""The map page on a phone, a tablet in portrait, a laptop, at 200 % zoom, and by touch.

The map must be visible without scrolling, take the whole width of a phone and at least
60 % of a tablet's, with its legend readable over it; the controls are one tap away in the
drawer « Filtres » and the pages in the « Menu ».
"""

from __future__ import annotations

import pytest

from dashboard import ids
from tests.e2e.conftest import emulate_screen, end_screen_emulation
from tests.e2e.waits import wait_until

VIEW = "/?dep=93&zon=dac,cpts"
#: True once the map shows as many areas as its legend counts, the web font is in and the
#: map is drawn at the size of its box (a reflow resizes it a frame later).
MAP_DRAWN = """
    const plot = document.querySelector('#map .js-plotly-plot');
    const fitted = plot && plot._fullLayout
        && Math.abs(plot._fullLayout.width - plot.clientWidth) <= 1
        && Math.abs(plot._fullLayout.height - plot.clientHeight) <= 1;
    if (document.fonts.status !== 'loaded' || !fitted) return false;
    const rows = document.querySelectorAll('#legend ul:first-of-type li');
    const counted = [...rows].reduce((sum, row) => {
        const match = row.textContent.match(/\\(([\\d\\s\\u202f]+)\\)$/);
        return sum + (match ? parseInt(match[1].replace(/\\D/g, ''), 10) : 0);
    }, 0);
    return counted > 0 && counted === document.querySelectorAll('#map .choroplethlocation').length;
"""
GEOMETRY = """
    const box = (selector) => {
        const node = document.querySelector(selector);
        if (!node) return null;
        const r = node.getBoundingClientRect();
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width,
                height: r.height, shown: getComputedStyle(node).visibility === 'visible'
                                         && getComputedStyle(node).display !== 'none'};
    };
    return {width: innerWidth, height: innerHeight,
            scrollWidth: document.documentElement.scrollWidth,
            scrollHeight: document.documentElement.scrollHeight,
            map: box('#map'), drawn: box('#map .geolayer'), legend: box('#legend'),
            sidebar: box('.cc-sidebar'), nav: box('.cc-nav'),
            legendFont: parseFloat(getComputedStyle(document.querySelector('#legend')).fontSize)};
"""

#: Run before the page's scripts: the width plotly drew the map's areas at, at each draw.
DRAW_WIDTHS = """
    window.ccDrawWidths = [];
    (function hook() {
        const plot = document.querySelector('#map .js-plotly-plot');
        if (plot && plot.on && !plot.ccDrawWidthsHooked) {
            plot.ccDrawWidthsHooked = true;
            plot.on('plotly_afterplot', () => {
                if (plot.querySelector('.choroplethlocation')) {
                    window.ccDrawWidths.push(plot._fullLayout.width);
                }
            });
        }
        requestAnimationFrame(hook);
    })();
"""
EMPTY_LEGEND = """
    document.getElementById('legend').replaceChildren();
    return document.querySelector('#map .js-plotly-plot').clientWidth;
"""


def open_map(duo, width: int, height: int) -> dict:
    """Open the map of Seine-Saint-Denis on a screen of this size; measure its parts."""
    emulate_screen(duo.driver, width, height)
    duo.driver.get(duo.server_url + VIEW)
    wait_until(duo, lambda: duo.driver.execute_script(MAP_DRAWN), "map not drawn")
    return duo.driver.execute_script(GEOMETRY)


@pytest.fixture
def duo(shared_duo):
    yield shared_duo
    end_screen_emulation(shared_duo.driver)


def assert_map_fits_the_screen(page: dict) -> None:
    assert page["scrollWidth"] <= page["width"], "the page scrolls sideways"
    assert page["scrollHeight"] <= page["height"], "the page scrolls down"
    assert page["map"]["top"] < page["height"] / 2 and page["map"]["bottom"] <= page["height"]
    assert page["map"]["height"] >= 0.4 * page["height"]


def test_tablet_in_portrait_the_map_takes_most_of_the_width(duo) -> None:
    page = open_map(duo, 820, 1180)

    assert page["map"]["width"] >= 0.6 * page["width"]
    assert_map_fits_the_screen(page)
    assert not page["sidebar"]["shown"]  # the controls wait in the drawer
    legend, map_box = page["legend"], page["map"]
    assert legend["shown"] and legend["left"] >= map_box["left"]
    assert legend["bottom"] <= map_box["bottom"] and legend["right"] <= map_box["right"]
    assert page["legendFont"] >= 14


def test_phone_the_map_takes_the_whole_width(duo) -> None:
    page = open_map(duo, 390, 844)

    assert page["map"]["width"] >= page["width"] - 1
    assert_map_fits_the_screen(page)
    assert page["drawn"]["width"] >= 0.8 * page["width"]  # the map itself, not an empty frame
    assert not page["nav"]["shown"]  # folded into the « Menu »
    assert page["legend"]["shown"] and page["legendFont"] >= 14


def test_phone_drawer_and_menu_open_and_close(duo) -> None:
    open_map(duo, 390, 844)
    driver = duo.driver

    driver.find_element("id", ids.FILTERS_TOGGLE).click()
    duo.wait_for_element(f"#{ids.SIDEBAR}")
    wait_until(driver, lambda: driver.execute_script(GEOMETRY)["sidebar"]["left"] >= 0,
               "the filters did not slide in")
    assert driver.find_element("id", ids.FILTERS_TOGGLE).get_attribute("aria-expanded") == "true"
    assert driver.find_element("id", ids.INDICATOR).is_displayed()
    driver.find_element("id", ids.FILTERS_CLOSE).click()
    wait_until(driver, lambda: not driver.execute_script(GEOMETRY)["sidebar"]["shown"],
               "the filters did not close")

    driver.find_element("id", ids.NAV_TOGGLE).click()
    driver.find_element("id", ids.NAV_PANORAMA).click()
    duo.wait_for_element(f"#{ids.PANORAMA_GRID} .ag-row")
    assert not driver.execute_script(GEOMETRY)["nav"]["shown"]  # closed once a page is chosen


def test_legend_can_be_hidden_on_a_phone(duo) -> None:
    open_map(duo, 390, 844)

    duo.driver.find_element("id", ids.LEGEND_TOGGLE).click()

    assert not duo.driver.execute_script(GEOMETRY)["legend"]["shown"]
    assert duo.driver.find_element("id", ids.LEGEND_TOGGLE).get_attribute("aria-expanded") \
        == "false"
    duo.driver.find_element("id", ids.LEGEND_TOGGLE).click()
    assert duo.driver.execute_script(GEOMETRY)["legend"]["shown"]


def test_laptop_keeps_controls_map_and_legend_side_by_side(duo) -> None:
    page = open_map(duo, 1280, 720)

    assert page["sidebar"]["shown"] and page["sidebar"]["right"] <= page["map"]["left"] + 1
    assert page["legend"]["left"] >= page["map"]["right"] - 1
    assert_map_fits_the_screen(page)


def test_laptop_the_map_keeps_its_size_while_its_legend_is_on_its_way(duo) -> None:
    """The legend's column is kept before the legend comes: the map is drawn once, at its size.

    When the map's answer came first, the map was drawn wider, then drawn again narrower
    once the legend took its place (a jump, and a second draw of every area).
    """
    probe = duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                       {"source": DRAW_WIDTHS})["identifier"]
    try:
        open_map(duo, 1280, 720)
    finally:
        duo.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                                   {"identifier": probe})
    drawn = duo.driver.execute_script("return window.ccDrawWidths;")
    width = duo.driver.execute_script("return document.querySelector('#map .js-plotly-plot')"
                                      ".clientWidth;")

    assert drawn and all(abs(drawn_width - width) <= 1 for drawn_width in drawn), drawn
    assert duo.driver.execute_script(EMPTY_LEGEND) == width


def test_phone_an_empty_legend_covers_nothing(duo) -> None:
    open_map(duo, 390, 844)

    duo.driver.execute_script(EMPTY_LEGEND)

    assert not duo.driver.execute_script(GEOMETRY)["legend"]["shown"]


def test_200_percent_zoom_on_a_1280_pixel_screen(duo) -> None:
    """Zooming to 200 % leaves 640 × 360 CSS pixels: the narrow layout, nothing cut off."""
    page = open_map(duo, 640, 360)

    assert page["scrollWidth"] <= page["width"]
    assert page["map"]["width"] >= page["width"] - 1
    assert page["map"]["height"] > 0 and page["map"]["top"] < page["height"]
    duo.driver.find_element("id", ids.FILTERS_TOGGLE).click()
    wait_until(duo, lambda: duo.driver.execute_script(GEOMETRY)["sidebar"]["left"] >= 0,
               "the filters did not slide in")


#: Where the first commune of the map is drawn: left, top, width, height (CSS pixels).
COMMUNE_BOX = """
    const r = document.querySelector('#map .choroplethlocation').getBoundingClientRect();
    return [r.left, r.top, r.width, r.height];
"""


def touch(driver, kind: str, points: list[tuple[float, float]]) -> None:
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {
        "type": kind,
        "touchPoints": [{"x": x, "y": y, "id": n} for n, (x, y) in enumerate(points)]})


def gesture(driver, start: list[tuple[float, float]], step: list[tuple[float, float]]) -> None:
    """Put fingers down at ``start``, move each by ``step`` ten times, lift them."""
    touch(driver, "touchStart", start)
    for k in range(1, 11):
        touch(driver, "touchMove", [(x + k * dx, y + k * dy)
                                    for (x, y), (dx, dy) in zip(start, step, strict=True)])
    touch(driver, "touchEnd", [])


@pytest.mark.allowed_console(r"plotly\.min\.js\S* .*Unable to preventDefault inside passive event")
def test_tablet_a_finger_moves_the_map_and_a_pinch_zooms(duo) -> None:
    """plotly's zoom tries to cancel touch moves that Chromium made passive: a warning."""
    driver = duo.driver
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled",
                           {"enabled": True, "maxTouchPoints": 5})
    try:
        open_map(duo, 820, 1180)
        top, width = driver.execute_script(COMMUNE_BOX)[1:3]
        x, y = driver.execute_script(
            "const r = document.querySelector('#map .main-svg').getBoundingClientRect();"
            "return [r.left + r.width / 2, r.top + r.height / 2];")

        gesture(driver, [(x, y)], [(0, 8)])  # one finger down: the map follows
        wait_until(driver, lambda: driver.execute_script(COMMUNE_BOX)[1] > top + 30,
                   "drag: no move")

        open_map(duo, 820, 1180)  # the pinch starts from the first view again
        gesture(driver, [(x - 40, y), (x + 40, y)], [(-10, 0), (10, 0)])  # two fingers apart
        wait_until(driver, lambda: driver.execute_script(COMMUNE_BOX)[2] > 1.5 * width,
                   "pinch: no zoom")
    finally:
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
