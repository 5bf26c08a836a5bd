"""The harmonisation page in a real browser: decide, save a draft, share it, print it.

One journey, as a planner would take it on Seine-Saint-Denis: open the page (the CPTS
proposed to follow the DAC), reject one move, add one by clicking a commune on the map,
watch the index change, save the scenario as a draft (as an editor), open the URL in a
new browser (no session, no cookie) and find the same scenario, then download the PDF
before/after and find « Projet » and the population moved in it.

Set ``CARTOCOORD_SCREENSHOTS`` to a folder to keep a screenshot of each step.
"""

from __future__ import annotations

import io
import os
import re
import time
import urllib.request
from pathlib import Path

import pypdf
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard import ids
from geodata import catalog
from tests.e2e.conftest import (
    log_in,
    other_browser,
    set_viewport,
    show_table,
)
from tests.e2e.waits import (
    choose,
    click,
    type_into,
    wait_for_callbacks,
    wait_until,
)

#: Seine-Saint-Denis: the rule moves Bondy and Gagny; Montreuil is added by hand.
START = "/harmonisation?dep=93"
REJECTED, ADDED = "Gagny (93032)", "93048"
TARGET = "CPTS démo 69 — Saint-Denis — dans DAC démo 93-A"


def screenshot(driver, name: str) -> None:
    folder = os.environ.get("CARTOCOORD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        time.sleep(1)  # let the map finish drawing
        driver.save_screenshot(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def duo(editor_duo):
    return editor_duo


def text_of(driver, component: str) -> str:
    return driver.find_element(By.ID, component).text


#: Read in one script: the page re-renders while the test reads it.
CARD_VALUES = """return [...document.querySelectorAll('#harm-summary .cc-harm__card-value')]
    .map(node => node.textContent);"""
ROWS = """return [...document.querySelectorAll('#harm-moves .ag-row')]
    .filter(row => row.querySelector('[col-id=kept] input'))
    .map(row => [row.querySelector('[col-id=commune]').textContent,
                 row.querySelector('[col-id=kept] input').checked,
                 row.querySelector('[col-id=origin]').textContent]);"""

CHECKBOX_OF = """return [...document.querySelectorAll('#harm-moves .ag-row')]
    .find(row => row.querySelector('[col-id=commune]')?.textContent === arguments[0])
    .querySelector('[col-id=kept] .ag-checkbox-input-wrapper');"""


def card_values(driver) -> list[str]:
    """The summary cards: index « 0,92 → 1,00 », population moved."""
    return driver.execute_script(CARD_VALUES)


def index_text(driver) -> str:
    values = card_values(driver)
    return values[0] if values else ""


def rows(driver) -> dict[str, tuple[bool, str]]:
    """Commune → (kept, origin) of the moves table."""
    return {commune: (kept, origin) for commune, kept, origin in driver.execute_script(ROWS)}


def click_commune(driver, code: str) -> None:
    """Click a commune on the page's map, as a user would, once the map shows the last answer."""
    wait_for_callbacks(driver)
    index = driver.execute_script(
        "return document.querySelector('#harm-map .js-plotly-plot').data[0].locations"
        ".indexOf(arguments[0]);", code)
    path = driver.find_elements(By.CSS_SELECTOR, f"#{ids.HARM_MAP} path.choroplethlocation")[index]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", path)
    ActionChains(driver).move_to_element(path).click().perform()


def test_decide_save_share_and_print_a_scenario(duo):
    driver = duo.driver
    set_viewport(driver, 1280, 900)
    log_in(duo)
    driver.get(duo.server_url + START)
    show_table(driver, ids.HARM_MOVES_FRAME, ids.HARM_MOVES)
    wait_until(driver, lambda: len(rows(driver)) == 2,
               "the moves table does not list the 2 proposed moves")
    assert index_text(driver) == "0,92 → 1,00"
    assert all(kept and origin == "proposé" for kept, origin in rows(driver).values())
    assert "Projet de découpage — scénario non officiel" in text_of(driver, ids.HARM_BANNER)
    screenshot(driver, "harmonisation-1-proposition")

    # Reject one move: the index falls, the row stays, unchecked.
    wait_for_callbacks(driver)
    box = driver.execute_script(CHECKBOX_OF, REJECTED)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    ActionChains(driver).move_to_element(box).click().perform()
    wait_until(driver, lambda: index_text(driver) != "0,92 → 1,00",
               "the index does not follow the rejected move")
    rejected_index = index_text(driver)
    assert rows(driver)[REJECTED] == (False, "proposé")
    driver.execute_script("document.getElementById(arguments[0]).scrollIntoView();",
                          ids.HARM_MOVES)
    screenshot(driver, "harmonisation-2-deplacements")
    assert "hm=" in driver.current_url

    # Add a move by clicking a commune on the map and choosing where it goes.
    click_commune(driver, ADDED)
    duo.wait_for_contains_text(f"#{ids.HARM_COMMUNE_INFO}", "Montreuil (93048)")
    choose(duo, f"#{ids.HARM_TARGET}", TARGET, typed="69")
    wait_until(driver, lambda: not driver.find_element(By.ID, ids.HARM_MOVE)
               .get_attribute("disabled"), "« Déplacer » stays disabled")
    click(driver, f"#{ids.HARM_MOVE}")
    wait_until(driver, lambda: "Montreuil (93048)" in rows(driver),
               "Montreuil not added to the moves")
    assert rows(driver)["Montreuil (93048)"] == (True, "ajouté")
    wait_until(driver, lambda: index_text(driver) != rejected_index,
               "the index does not follow the added move")
    scenario_index = index_text(driver)
    moved = card_values(driver)[1]
    screenshot(driver, "harmonisation-2-scenario")

    # Save it as a draft: the URL now names the draft and lists every move.
    type_into(driver, f"#{ids.HARM_SAVE_NAME}", "CPTS 93 — hypothèse CTS")
    click(driver, f"#{ids.HARM_SAVE}")
    duo.wait_for_contains_text(f"#{ids.HARM_SAVE_RESULT}", "enregistré")
    wait_until(driver, lambda: "projet=" in driver.current_url,
               "the URL does not name the draft")
    duo.wait_for_contains_text(f"#{ids.HARM_BANNER}", "CPTS 93 — hypothèse CTS")
    shared = driver.current_url
    assert catalog.zoning_store().drafts("11")[0].name == "CPTS 93 — hypothèse CTS"

    # Another browser, no session: the same scenario from the URL alone.
    with other_browser(1280, 900) as other:
        other.get(shared)
        show_table(other, ids.HARM_MOVES_FRAME, ids.HARM_MOVES)
        wait_until(other, lambda: len(rows(other)) == 3, "the shared scenario lacks its 3 moves")
        assert rows(other) == rows(driver)
        assert index_text(other) == scenario_index
        assert "CPTS 93 — hypothèse CTS" in text_of(other, ids.HARM_BANNER)
        assert not other.find_element(By.ID, ids.HARM_SAVE_FORM).is_displayed()
        screenshot(other, "harmonisation-3-autre-navigateur")
        pdf_link = other.find_element(By.ID, ids.HARM_EXPORT_PDF).get_attribute("href")

    # The PDF before / after says « Projet » and the population moved.
    with urllib.request.urlopen(pdf_link, timeout=120) as response:
        pdf = response.read()
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Projet" in text and "Actuel" in text
    digits = re.sub(r"\D", "", moved)
    assert digits and digits in re.sub(r"\D", "", text)
    assert [entry for entry in duo.get_logs() if entry["level"] == "SEVERE"] == []


@pytest.mark.parametrize("first", ["/?dep=93&com=93048", "/harmonisation?dep=93&com=93048"])
def test_a_link_with_a_commune_shows_it_in_the_list(duo, first):
    # The list of communes comes with the page's first show, not with the first layout:
    # a link naming a commune still finds it chosen, from the map page or on the page.
    driver = duo.driver
    driver.get(duo.server_url + first)
    if not first.startswith("/harmonisation"):
        duo.wait_for_element(f"#{ids.MAP} .choroplethlocation")
        assert "com=93048" in driver.current_url  # kept, though the list is not there yet
        driver.find_element(By.ID, ids.NAV_HARMONISATION).click()
    duo.wait_for_contains_text(f"#{ids.HARM_COMMUNE}", "Montreuil (93048)")
    duo.wait_for_contains_text(f"#{ids.HARM_COMMUNE_INFO}", "Montreuil (93048)")


@pytest.mark.parametrize("first", [START, "/?dep=93"])
def test_the_table_button_stays_where_it_first_shows(duo, first):
    # The scenario's note, banner and summary come with the page: the answers that fill
    # the rest do not push « Afficher le tableau » away from under the pointer.
    driver = duo.driver
    driver.get(duo.server_url + first)
    if first != START:
        duo.wait_for_element(f"#{ids.MAP} .choroplethlocation")
        driver.find_element(By.ID, ids.NAV_HARMONISATION).click()
    button = f"#{ids.HARM_MOVES_FRAME} .cc-table-open"
    place = duo.wait_for_element(button).location
    duo.wait_for_element(f"#{ids.HARM_MAP} .choroplethlocation")
    wait_for_callbacks(duo)
    assert duo.find_element(button).location == place
    assert duo.find_element(f"#{ids.HARM_BANNER}").is_displayed()
    assert duo.find_element(f"#{ids.HARM_SUMMARY} .cc-harm__card")
