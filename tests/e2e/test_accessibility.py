"""Every page and state of the app passes axe-core's WCAG 2.0/2.1 A and AA rules.

axe audits only what shows, so each case opens one page in one state (fiche open, pair
view, meeting mode, map data table, panels unfolded, phone drawer and menu open) and asserts
that not one rule fails. No rule is ever left out: a failure is fixed in the app.
"""

from __future__ import annotations

import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.wait import WebDriverWait

from dashboard import ids
from dashboard.views.data import load_app_data
from geodata import catalog
from tests.dashboard.editing.data_page_support import (
    EDITOR,
    PASSWORD,
    make_app,
    use_temporary_store,
)
from tests.e2e.axe import axe_violations, describe
from tests.e2e.conftest import WINDOW_SIZE, emulate_screen, end_screen_emulation, start_app

PHONE = (390, 844)
MAP_DRAWN = f"#{ids.MAP} .choroplethlocation"
#: Scripts that put the page in the state to audit (run after the page is ready).
OPEN_DETAILS = "document.querySelectorAll('details').forEach((d) => { d.open = true; });"
SHOW_TABLE = f"document.getElementById('{ids.MAP_TABLE_TOGGLE}').click();"
OPEN_DRAWER = f"document.getElementById('{ids.FILTERS_TOGGLE}').click();"
OPEN_MENU = f"document.getElementById('{ids.NAV_TOGGLE}').click();"
OPEN_DROPDOWN = f"document.getElementById('{ids.DEPARTEMENTS}').click();"
#: Show every table of the page (the buttons of the hidden pages are not clicked).
OPEN_TABLES = ("document.querySelectorAll('.cc-table-open').forEach((button) => {"
               " if (button.offsetParent !== null) { button.click(); } });")
#: True once every table of the page shown has drawn its rows (or says it has none). AG
#: Grid draws a grid once it comes into view: scroll to the first one not drawn yet.
TABLES_SHOWN = """
    var waiting = [...document.querySelectorAll('.cc-table-card__frame')]
        .filter((frame) => frame.offsetParent !== null)
        .filter((frame) => frame.querySelector('.cc-table-open, .ag-delay-render')
                || !frame.querySelector('.ag-row, .ag-overlay-no-rows-wrapper'));
    if (waiting.length) { waiting[0].scrollIntoView({block: 'center'}); }
    return !waiting.length;"""

#: name → (URL, selector shown once the page is drawn, script to run then, viewport).
CASES = {
    "carte": ("/?zon=dac,cpts", MAP_DRAWN, OPEN_DETAILS, WINDOW_SIZE),
    "carte-fiche-commune": ("/?dep=93&zon=dac&terr=cpts:cpts-69&com=93066",
                            f"#{ids.FICHE}.show .cc-profile", None, WINDOW_SIZE),
    "carte-liste-ouverte": ("/?dep=93&zon=dac", MAP_DRAWN, OPEN_DROPDOWN, WINDOW_SIZE),
    "carte-tableau": ("/?dep=93&zon=dac,cpts", MAP_DRAWN, SHOW_TABLE, WINDOW_SIZE),
    "carte-par-territoire": ("/?dep=93&zon=dac&par=dac&etiquettes=1", MAP_DRAWN, None,
                             WINDOW_SIZE),
    "reunion": ("/?dep=93&zon=dac&reunion=1", MAP_DRAWN, None, WINDOW_SIZE),
    "panorama": ("/panorama", f"#{ids.PANORAMA_GRID} .ag-row", None, WINDOW_SIZE),
    "heterogeneite": ("/heterogeneite", f"#{ids.CROSSINGS_FRAME} .cc-table-open", None,
                      WINDOW_SIZE),
    "heterogeneite-tableaux": ("/heterogeneite?a=cpts&b=dac",
                               f"#{ids.PAIR_MAP_A} .choroplethlayer path", OPEN_TABLES,
                               WINDOW_SIZE),
    "zones-blanches": ("/zones-blanches", f"#{ids.GAPS_MAP} .choroplethlayer path", None,
                       WINDOW_SIZE),
    "zones-blanches-tableaux": ("/zones-blanches", f"#{ids.GAPS_MAP} .choroplethlayer path",
                                OPEN_TABLES, WINDOW_SIZE),
    "donnees": ("/donnees", "#donnees-versions-table table", None, WINDOW_SIZE),
    "harmonisation": ("/harmonisation?dep=93", f"#{ids.HARM_MAP} .choroplethlayer path",
                      OPEN_TABLES, WINDOW_SIZE),
    "accessibilite": ("/accessibilite", f"#{ids.PAGE_STATEMENT} h1", None, WINDOW_SIZE),
    "telephone-filtres": ("/?dep=93&zon=dac", MAP_DRAWN, OPEN_DRAWER, PHONE),
    "telephone-menu": ("/?dep=93&zon=dac", MAP_DRAWN, OPEN_MENU, PHONE),
}


def wait_for(duo, selector: str) -> None:
    WebDriverWait(duo.driver, duo.wait_timeout,
                  ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: driver.execute_script(
            "return document.querySelector(arguments[0]) !== null;", selector),
        message=f"{selector} never showed")


@pytest.mark.parametrize("case", list(CASES))
def test_no_wcag_violation(shared_duo, case: str) -> None:
    path, ready, setup, viewport = CASES[case]
    emulate_screen(shared_duo.driver, *viewport)
    try:
        shared_duo.driver.get(shared_duo.server_url + path)
        wait_for(shared_duo, ready)
        if setup:
            shared_duo.driver.execute_script(setup)
        if setup == OPEN_TABLES:
            WebDriverWait(shared_duo.driver, 30).until(
                lambda driver: driver.execute_script(TABLES_SHOWN), message="tables never showed")
        time.sleep(1.0)  # let the last callbacks and transitions settle
        violations = axe_violations(shared_duo.driver)
    finally:
        end_screen_emulation(shared_duo.driver)
    assert violations == [], f"{case}: {path}\n{describe(violations)}"


def test_no_wcag_violation_in_the_editors_tools(dash_duo, tmp_path) -> None:
    """The Données page once an editor is logged in: import, fiche form, restoration."""
    use_temporary_store(tmp_path)
    load_app_data()
    start_app(dash_duo, make_app(tmp_path))
    try:
        dash_duo.wait_for_contains_text("#donnees-account", "Consultation libre")
        dash_duo.find_element("#donnees-login-user").send_keys(EDITOR)
        dash_duo.find_element("#donnees-login-password").send_keys(PASSWORD)
        dash_duo.find_element("#donnees-login-submit").click()
        dash_duo.wait_for_contains_text("#donnees-account", f"Connecté en tant que {EDITOR}")
        wait_for(dash_duo, "#donnees-versions-table table")
        dash_duo.driver.execute_script(OPEN_DETAILS)
        time.sleep(1.0)
        violations = axe_violations(dash_duo.driver)
    finally:
        catalog.use_store(None)
    assert violations == [], describe(violations)
