"""A click costs what it changes: the journey of ``bench.py --browser``, counted, not timed.

Each click on the map is one answer of the state callback, then the map's figure and
panels side by side: three requests in two waves, whatever the page holds hidden (it used
to be 18 in 4). The panorama's first show has one more wave, to load its grid library.
Waves are counted by cause (which response fired which request,
:meth:`benchmarks.chromium.NetworkLog.waves`), not by timing: a loaded machine spacing
the requests out cannot fail these tests, an extra wave does. Runs the benchmark's own
journey, which keeps it working as the app changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from dashboard import ids

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from benchmarks.chromium import NetworkLog, chromium, wait_quiet, wait_until  # noqa: E402
from benchmarks.journey import MAP_DRAWN, STEPS, WARM_VISITS, one_run  # noqa: E402


@pytest.fixture(scope="module")
def journey(shared_duo) -> dict:
    return one_run(shared_duo.server_url)


def test_first_visit_draws_the_map_with_three_callbacks(journey) -> None:
    """The state callback, then the map's figure and panels: no other request.

    dash-renderer holds the state callback while any other callback is in flight (its
    outputs feed back into its inputs), so one more request at page load delays the map.
    """
    assert journey["cold"]["first_map_ms"] > 0
    assert journey["cold"]["callbacks"] == 3
    warm = journey["warm"]["first_map_ms"]
    assert len(warm) == WARM_VISITS and all(visit > 0 for visit in warm)


@pytest.mark.parametrize("step", [step for step in STEPS if step != "panorama"])
def test_a_click_is_three_requests_in_two_waves(journey, step) -> None:
    assert journey[step]["callbacks"] == 3
    assert journey[step]["waves"] == 2


def test_the_panorama_loads_its_library_then_its_grid(journey) -> None:
    assert journey["panorama"]["callbacks"] == 3  # state, grid, rows
    assert journey["panorama"]["waves"] == 3



def _table(driver: WebDriver) -> tuple[str, int]:
    """Caption and number of rows of the map's data table.

    Read in one script: the table is replaced while a click redraws it, and an element
    found first may be gone when its text is read (a stale element).
    """
    caption, rows = driver.execute_script(
        "const table = document.getElementById(arguments[0]);"
        "const caption = table.querySelector('caption');"
        "return [caption ? caption.innerText : '', table.querySelectorAll('tbody tr').length];",
        ids.MAP_TABLE)
    return caption, rows


def test_the_map_table_costs_one_request_and_follows_clicks_in_the_same_waves(
        shared_duo) -> None:
    """« Voir les données de la carte » is filled by the panels' callback, from the map's view.

    Opening it is one request, closing it none; while it is open, a click still costs
    three requests in two waves, and the table shows what the map shows.
    """
    driver, log = chromium(), NetworkLog()
    areas = "return document.querySelectorAll('#map .choroplethlocation').length;"
    try:
        driver.get(shared_duo.server_url + "/?dep=93")
        wait_until(lambda: driver.execute_script(MAP_DRAWN), 30)
        wait_quiet(driver, log)
        log.learn_callbacks(driver)

        log.clear(driver)
        driver.find_element(By.ID, ids.MAP_TABLE_TOGGLE).click()
        wait_until(lambda: _table(driver)[1] > 0, 30)
        wait_quiet(driver, log)
        assert (len(log.callbacks()), log.waves()) == (1, 1)
        before, rows = _table(driver)
        assert "Seine-Saint-Denis" in before and rows == driver.execute_script(areas)

        log.clear(driver)
        STEPS["indicator"][0](driver)
        wait_until(lambda: _table(driver)[0] not in ("", before), 30)
        wait_until(lambda: driver.execute_script(MAP_DRAWN), 30)
        wait_quiet(driver, log)
        assert (len(log.callbacks()), log.waves()) == (3, 2)
        assert _table(driver)[1] == driver.execute_script(areas)

        log.clear(driver)
        driver.find_element(By.ID, ids.MAP_TABLE_TOGGLE).click()
        wait_quiet(driver, log)
        assert not log.callbacks()
        assert driver.find_element(By.ID, ids.MAP_TABLE).get_attribute("hidden") is not None
    finally:
        driver.quit()


#: Counts the store's notifications: each makes every mounted component's selector run.
COUNT_NOTIFICATIONS = """
    window.__notified = 0;
    window.dash_stores[0].subscribe(() => { window.__notified += 1; });
"""


def test_opening_a_fiche_does_not_notify_the_page_once_per_new_component(shared_duo) -> None:
    """assets/dash_store.js: the renderer's resets that change nothing never reach the store.

    Dash dispatches one reset per component it mounts, and each makes every component of
    the page check the store again: the fiche's 280 components made 360 notifications
    and most of the time its opening took. Without them, about 80 remain (the callbacks'
    own bookkeeping), whatever the size of the fiche.
    """
    driver, log = chromium(), NetworkLog()
    try:
        driver.get(shared_duo.server_url + "/?dep=93&zon=dac&par=dac")
        wait_until(lambda: driver.execute_script(MAP_DRAWN), 30)
        wait_quiet(driver, log)
        driver.execute_script(COUNT_NOTIFICATIONS)
        STEPS["fiche"][0](driver)
        wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#fiche.show #fiche-body h2"), 30)
        wait_quiet(driver, log)
        components = driver.execute_script(
            "return document.querySelectorAll('#fiche-body *:not(svg, svg *)').length;")
        notified = driver.execute_script("return window.__notified;")
        assert components > 150  # the profile table and its notes
        assert notified < components / 2
    finally:
        driver.quit()
