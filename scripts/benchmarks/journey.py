"""What a user waits for in the browser: the first map, then each click until it is painted.

One run is one fresh Chromium (empty cache) going through the map page as a user would:
the cold first visit (bytes on the wire until the network is quiet, time to the first
painted map), then tick CPTS, choose Seine-Saint-Denis, change the indicator, show the
names, come back to the whole region with all four zonings shown, open a fiche by
clicking a territory on the map coloured by DAC, open the panorama, and last the map
again with the browser's cache warm, :data:`WARM_VISITS` times.

A click's time runs from the click (a capturing listener) to the map's last
``plotly_afterplot`` before the network goes quiet (or to the fiche or the panorama's
rows shown): what the user sees, the server's answers and plotly's drawing included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from benchmarks.chromium import NetworkLog, chromium, wait_quiet, wait_until

#: Run before any script of each page: times of clicks, of the map's afterplots, of its
#: first drawn area, and of the elements :func:`mark` asks to watch for.
PROBE = """
window.__cc = {firstMap: null, afterplot: [], clicks: [], marks: {}, watch: {}};
document.addEventListener('click', () => window.__cc.clicks.push(performance.now()), true);
(function watch() {
  const cc = window.__cc, graph = document.querySelector('#map .js-plotly-plot');
  if (graph && graph.on && !graph.__ccHooked) {
    graph.__ccHooked = true;
    graph.on('plotly_afterplot', () => cc.afterplot.push(performance.now()));
  }
  if (cc.firstMap === null && document.querySelector('#map .choroplethlocation')) {
    cc.firstMap = performance.now();
  }
  for (const [name, selector] of Object.entries(cc.watch)) {
    if (!(name in cc.marks) && document.querySelector(selector)) {
      cc.marks[name] = performance.now();
    }
  }
  requestAnimationFrame(watch);
})();
"""
#: True once the map has as many areas as its legend counts (as the browser tests wait).
MAP_DRAWN = """
    const rows = document.querySelectorAll('#legend ul:first-of-type li');
    const counted = [...rows].reduce((sum, row) => {
        const m = row.textContent.match(/\\(([\\d\\s\\u202f]+)\\)$/);
        return sum + (m ? parseInt(m[1].replace(/\\D/g, ''), 10) : 0);
    }, 0);
    return counted > 0 && counted === document.querySelectorAll('#map .choroplethlocation').length;
"""
FICHE_SHOWN = "#fiche.show #fiche-body h2"
GRID_ROWS = "#panorama-grid .ag-center-cols-container .ag-row"
ALL_ZONINGS = ("dac", "cpts", "carsic", "perinatal")
#: Warm visits per run: one a run left five figures, too few on a host whose speed drifts.
WARM_VISITS = 3


def _map_drawn(driver: WebDriver) -> bool:
    return driver.execute_script(MAP_DRAWN)


def _open(driver: WebDriver, log: NetworkLog, url: str) -> None:
    driver.get(url)
    wait_until(lambda: _map_drawn(driver))
    wait_quiet(driver, log)


def _choose(driver: WebDriver, dropdown: str, label: str | None = None) -> None:
    """Open a dropdown and click an option: ``label``, or the first other than the shown."""
    shown = driver.find_element(By.CSS_SELECTOR, dropdown).text
    driver.find_element(By.CSS_SELECTOR, dropdown).click()
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option"), 10)
    options = driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
    next(option for option in options
         if (option.text == label if label else option.text and option.text not in shown)
         ).click()
    for menu in driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content"):
        menu.send_keys(Keys.ESCAPE)  # a multiple choice stays open


def _tick(zoning: str) -> Callable[[WebDriver], None]:
    def act(driver: WebDriver) -> None:
        driver.find_element(By.CSS_SELECTOR, f'#zonings input[value="{zoning}"]').click()
    return act


def _largest_area(driver: WebDriver) -> None:
    """Click the middle of the largest area of the map (a territory when coloured by one)."""
    areas = driver.find_elements(By.CSS_SELECTOR, "#map .choroplethlocation")
    largest = max(areas, key=lambda area: area.size["width"] * area.size["height"])
    ActionChains(driver).move_to_element(largest).click().perform()


#: Step name → (action, what shows it is done: "map" or a CSS selector).
STEPS: dict[str, tuple[Callable[[WebDriver], None], str]] = {
    "zoning": (_tick("cpts"), "map"),
    "departement": (lambda driver: _choose(driver, "#departements", "93 — Seine-Saint-Denis"),
                    "map"),
    "indicator": (lambda driver: _choose(driver, "#indicator"), "map"),
    "labels": (lambda driver: driver.find_element(By.CSS_SELECTOR, "#labels").click(), "map"),
    "region_four_zonings": (
        lambda driver: driver.find_element(By.CSS_SELECTOR, "#departements .dash-dropdown-clear")
        .click(), "map"),
    "fiche": (_largest_area, FICHE_SHOWN),
    "panorama": (lambda driver: driver.find_element(By.ID, "nav-panorama").click(), GRID_ROWS),
}


def _step(driver: WebDriver, log: NetworkLog, name: str) -> dict[str, Any]:
    """Do one step and time it: click to the map painted (or the element shown)."""
    action, done = STEPS[name]
    log.clear(driver)
    driver.execute_script("const cc = window.__cc; cc.marks = {}; cc.watch = {done: arguments[0]};"
                          " cc.mark = [cc.clicks.length, cc.afterplot.length];",
                          "" if done == "map" else done)
    action(driver)
    if done == "map":
        wait_until(lambda: driver.execute_script(
            "return window.__cc.afterplot.length > window.__cc.mark[1];"), 30)
        wait_until(lambda: _map_drawn(driver), 30)
    else:
        wait_until(lambda: driver.execute_script("return 'done' in window.__cc.marks;"), 30)
    wait_quiet(driver, log)
    probe = driver.execute_script("return window.__cc;")
    click = probe["clicks"][-1]  # the last click: the option, for a dropdown
    ends = [moment for moment in probe["afterplot"][probe["mark"][1]:] if moment >= click]
    ends += [probe["marks"]["done"]] if "done" in probe["marks"] else []
    return {"click_to_paint_ms": round(max(ends) - click), "callbacks": len(log.callbacks()),
            "waves": log.waves(), "bytes": log.transferred()}


def one_run(base: str) -> dict[str, Any]:
    """One fresh browser through the whole journey; every figure of it."""
    driver = chromium(PROBE)
    log = NetworkLog()
    try:
        log.clear(driver)
        _open(driver, log, base + "/")
        probe = driver.execute_script("return window.__cc;")
        result: dict[str, Any] = {"cold": {
            "first_map_ms": round(probe["firstMap"]), "bytes": log.transferred(),
            "script_bytes": log.transferred("Script"), "requests": len(log.requests),
            "callbacks": len(log.callbacks())}}
        log.learn_callbacks(driver)  # waves are counted by cause, through clientside ones
        for name in ("zoning", "departement", "indicator", "labels"):
            result[name] = _step(driver, log, name)
        for zoning in ALL_ZONINGS[2:]:
            _tick(zoning)(driver)
            wait_quiet(driver, log)
        result["region_four_zonings"] = _step(driver, log, "region_four_zonings")
        _open(driver, log, base + "/?dep=93&zon=dac&par=dac")
        result["fiche"] = _step(driver, log, "fiche")
        driver.find_element(By.CSS_SELECTOR, "#fiche .btn-close").click()  # it covers the links
        wait_until(lambda: not driver.find_elements(By.CSS_SELECTOR, "#fiche.show"))
        wait_quiet(driver, log)
        result["panorama"] = _step(driver, log, "panorama")
        warm = []
        for _ in range(WARM_VISITS):
            driver.get("about:blank")
            _open(driver, log, base + "/")
            warm.append(round(driver.execute_script("return window.__cc.firstMap;")))
        result["warm"] = {"first_map_ms": warm}
        return result
    finally:
        driver.quit()


def page_weight(base: str, path: str) -> dict[str, int]:
    """Bytes a first visit of ``path`` takes on the wire until the network is quiet."""
    driver = chromium()
    log = NetworkLog()
    try:
        log.clear(driver)
        driver.get(base + path)
        time.sleep(0.5)
        wait_quiet(driver, log, quiet=2.0)
        return {"bytes": log.transferred(), "script_bytes": log.transferred("Script"),
                "requests": len(log.requests)}
    finally:
        driver.quit()

