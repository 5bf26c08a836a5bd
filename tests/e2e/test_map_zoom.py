"""Zooming the map places the shown zonings' names for the view: a closer view fits more.

The names come back through the map's patch mechanism (the figure's signature), so a click
on the map, which plotly reports as a relayout of the same projection, asks for nothing.
"""

from __future__ import annotations

import json

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

NAMES = """
const graph = document.querySelector('#map .js-plotly-plot');
if (!graph || !graph.data) { return null; }
const trace = graph.data.find((t) => t.uid === 'labels-cpts');
return trace ? JSON.stringify([trace.text, trace.lon, trace.lat]) : null;
"""


def test_zooming_in_places_the_names_again(shared_duo) -> None:
    duo = shared_duo
    duo.wait_for_page(f"{duo.server_url}/?dep=93&zon=cpts&etiquettes=1")
    WebDriverWait(duo.driver, 60).until(lambda d: d.execute_script(NAMES))
    whole = duo.driver.execute_script(NAMES)
    graph = duo.driver.find_element(By.CSS_SELECTOR, "#map .js-plotly-plot")
    wheel = ScrollOrigin.from_element(graph)
    for _ in range(6):  # the mouse wheel, over the middle of the map: in, towards it
        ActionChains(duo.driver).scroll_from_origin(wheel, 0, -200).perform()
    WebDriverWait(duo.driver, 60).until(lambda d: d.execute_script(NAMES) != whole,
                                        message="the names were not placed again")
    text, lon, lat = json.loads(duo.driver.execute_script(NAMES))
    assert text and len(text) == len(lon) == len(lat)  # names in view, placed for it
