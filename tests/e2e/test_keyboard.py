"""A user without a mouse: every step is a key press (Tab, Enter, Space, arrows, Escape).

The journey reaches each control by Tab from the one before, checks that the focused
element shows a visible focus indicator, and never clicks: commune search, départements,
zonings, indicator, number of classes, the map's data table, the fiche (Escape closes it),
the export panel (title, format, transparency, logo, links), meeting mode, the panorama
grid and the Données page.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard import ids, strings
from tests.e2e.waits import menu_options, wait_until

#: Tab presses allowed to reach the next control (the page has about 60 stops).
MAX_TABS = 80
#: What the focused element is: its id, or that of the nearest ancestor with one, and
#: whether a focus indicator shows (outline or box-shadow, on it or on its dropdown).
ACTIVE = """
    const node = document.activeElement;
    // dcc.Input and AG Grid draw the focus on a box around the focused element.
    const box = node.closest('.dash-input-container') || node;
    const style = getComputedStyle(box);
    const ring = (s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
        || s.boxShadow !== 'none';
    const holder = node.closest('[id]');
    const row = node.closest('[row-index]');
    return {id: node.id, holder: holder ? holder.id : '', tag: node.tagName,
            text: (node.innerText || node.value || '').trim().slice(0, 80),
            classes: node.className && node.className.baseVal === undefined ? node.className : '',
            row: row ? row.getAttribute('row-index') : null, visible: ring(style)};
"""


class Keyboard:
    """Key presses sent to whatever has the focus, and what the page shows then."""

    def __init__(self, duo) -> None:
        self.duo = duo
        self.driver = duo.driver
        self.stops: list[dict] = []

    def press(self, *keys: str) -> None:
        ActionChains(self.driver).send_keys(*keys).perform()

    def type_text(self, text: str) -> None:
        """Type into the focused field one key at a time, each seen before the next.

        At machine speed under load, dcc.Input puts back a caret position it saved a
        moment earlier (plotly/dash#2927) and letters land out of order: a person's pace.
        """
        for end in range(1, len(text) + 1):
            self.press(text[end - 1])
            self.wait(lambda typed=text[:end]: self.driver.execute_script(
                "return document.activeElement.value;") == typed,
                f"« {text[:end]} » not in the field")

    def active(self) -> dict:
        return self.driver.execute_script(ACTIVE)

    def tab_to(self, matches, what: str, backwards: bool = False) -> dict:
        """Press Tab (or shift+Tab) until ``matches(active)``; the focus must show each time."""
        for _ in range(MAX_TABS):
            if backwards:
                ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB) \
                    .key_up(Keys.SHIFT).perform()
            else:
                self.press(Keys.TAB)
            active = self.active()
            self.stops.append(active)
            assert active["tag"] != "BODY", f"the focus fell off the page looking for {what}"
            assert active["visible"], f"no visible focus on {active}"
            if matches(active):
                return active
        raise AssertionError(f"{what} not reached in {MAX_TABS} Tab presses: {self.stops[-5:]}")

    def choose(self, label: str) -> None:
        """In an open dropdown menu, go down the options to ``label`` and pick it (Enter)."""
        def focused_option() -> str | None:
            return self.driver.execute_script(
                "const o = document.activeElement.closest('.dash-dropdown-option');"
                "return o ? o.innerText.trim() : null;")

        self.wait(lambda: focused_option() is not None, "no option has the focus")
        for _ in range(MAX_TABS):
            option = focused_option()
            if option == label:
                self.press(Keys.ENTER)
                return
            self.press(Keys.ARROW_DOWN)
            self.wait(lambda left=option: focused_option() != left, "↓ does not move in the menu")
        raise AssertionError(f"option {label} not reached with ↓")

    def tab_to_id(self, element_id: str) -> dict:
        return self.tab_to(lambda active: active["id"] == element_id, element_id)

    def wait(self, condition, message: str) -> None:
        wait_until(self.driver, condition, message)

    def query(self) -> dict[str, str]:
        return {key: values[0] for key, values in
                parse_qs(urlsplit(self.driver.current_url).query).items()}

    def wait_for_query(self, **expected: str | None) -> None:
        self.wait(lambda: all(self.query().get(key) == value for key, value in expected.items()),
                  f"{self.driver.current_url} without {expected}")

    def shows(self, selector: str) -> bool:
        return self.driver.execute_script(
            "const n = document.querySelector(arguments[0]);"
            "return !!n && n.getClientRects().length > 0;", selector)


@pytest.fixture
def keyboard(shared_duo):
    shared_duo.get_logs()  # empties the browser log
    keys = Keyboard(shared_duo)
    yield keys
    assert [entry for entry in shared_duo.get_logs() if entry["level"] == "SEVERE"] == []


def open_page(keys: Keyboard, path: str, ready: str) -> None:
    keys.driver.get(keys.duo.server_url + path)
    keys.wait(lambda: keys.shows(ready), f"{ready} never showed")


def test_map_controls_table_and_fiche(keyboard) -> None:
    keys = keyboard
    open_page(keys, "/?zon=dac", f"#{ids.MAP} .choroplethlocation")

    keys.tab_to_id(ids.SEARCH)  # header links and buttons first, then the controls
    keys.press(Keys.ENTER)
    keys.wait(lambda: keys.shows(".dash-dropdown-search"), "search box not open")
    keys.type_text("st denis")
    keys.wait(lambda: menu_options(keys.driver)[:1] == ["Saint-Denis (93066)"],  # Enter picks it
              "Saint-Denis not the first proposal")
    keys.press(Keys.ENTER)
    keys.wait_for_query(com="93066", dep="93")
    keys.duo.wait_for_contains_text(f"#{ids.COVERAGE}", "Saint-Denis (93066)")
    assert keys.active()["id"] == ids.SEARCH  # the focus came back to the control

    keys.tab_to(lambda active: "cc-coverage__open" in active["classes"], "« Voir la fiche »")
    keys.press(Keys.ENTER)
    keys.duo.wait_for_contains_text(f"#{ids.FICHE}.show", "DAC démo 93-A")
    keys.wait(lambda: keys.driver.execute_script(
        f"return document.getElementById('{ids.FICHE}').contains(document.activeElement)"),
        "the focus did not move into the fiche")
    keys.press(Keys.ESCAPE)
    keys.wait_for_query(terr=None)
    keys.duo.wait_for_no_elements(f"#{ids.FICHE}.show")

    keys.tab_to_id(ids.DEPARTEMENTS)
    keys.press(Keys.ENTER)
    keys.wait(lambda: keys.shows(".dash-dropdown-search"), "départements menu not open")
    keys.type_text("Val-de-Marne")
    keys.wait(lambda: menu_options(keys.driver) == ["94 — Val-de-Marne"],  # Enter picks it
              "the menu does not propose Val-de-Marne alone")
    keys.press(Keys.ENTER, Keys.ESCAPE)
    keys.wait_for_query(dep="93,94")
    assert keys.active()["id"] == ids.DEPARTEMENTS

    keys.tab_to(lambda active: active["id"].endswith("zonings_input_cpts"), "CPTS checkbox")
    keys.press(Keys.SPACE)
    keys.wait_for_query(zon="dac,cpts")

    keys.tab_to_id(ids.INDICATOR)
    keys.press(Keys.ENTER)  # the menu opens on the chosen option
    keys.wait(lambda: keys.shows(".dash-dropdown-options"), "indicator menu not open")
    keys.choose("Niveau de vie médian")
    keys.wait_for_query(ind="MED21")
    keys.wait(lambda: keys.active()["id"] == ids.INDICATOR, "the focus is not back on the menu")

    keys.tab_to(lambda active: active["id"].startswith("_dbcprivate_radioitems_classes"),
                "number of classes")
    keys.press(Keys.ARROW_RIGHT)  # 5 → 6: one Tab stop for the group, arrows inside
    keys.wait_for_query(k="6")

    keys.tab_to_id(ids.MAP_TABLE_TOGGLE)
    keys.press(Keys.ENTER)
    keys.wait(lambda: keys.shows(f"#{ids.MAP_TABLE} tbody tr"), "no data table")
    toggle = keys.driver.find_element("id", ids.MAP_TABLE_TOGGLE)
    assert toggle.get_attribute("aria-expanded") == "true"
    rows = keys.driver.find_elements("css selector", f"#{ids.MAP_TABLE} tbody tr")
    assert len(rows) == len(keys.driver.find_elements("css selector",
                                                      f"#{ids.MAP} .choroplethlocation"))
    keys.press(Keys.TAB)  # into the scrollable table
    assert keys.active()["id"] == ids.MAP_TABLE
    keys.press(Keys.PAGE_DOWN)
    keys.wait(lambda: keys.driver.execute_script(
        f"return document.getElementById('{ids.MAP_TABLE}').scrollTop") > 0,
        "Page Down does not scroll the table")


def test_export_panel_and_meeting_mode(keyboard) -> None:
    keys = keyboard
    open_page(keys, "/?dep=93&zon=dac", f"#{ids.MAP} .choroplethlocation")

    def links() -> str:
        return keys.driver.find_element("id", ids.EXPORT_LINKS).get_attribute("innerHTML")

    keys.tab_to(lambda active: active["text"] == "Exporter la carte", "export panel")
    keys.press(Keys.ENTER)
    keys.tab_to_id(ids.EXPORT_TITLE)
    keys.type_text("Pauvreté 93")
    keys.press(Keys.TAB)
    keys.wait(lambda: "titre=Pauvret" in links(), "export links without the title")
    keys.tab_to_id(ids.EXPORT_PAPER)
    keys.press(Keys.ENTER)
    keys.wait(lambda: keys.shows(".dash-dropdown-options"), "paper menu not open")
    keys.choose(strings.EXPORT_PAPERS["diapo"])
    keys.wait(lambda: "papier=diapo" in links(), "export links not for a slide")
    keys.tab_to(lambda active: active["holder"].startswith(f"_dbcprivate_checklist_"
                                                           f"{ids.EXPORT_TRANSPARENT}"),
                "transparent background")
    keys.press(Keys.SPACE)
    keys.wait(lambda: "fond=transparent" in links(), "export links without transparency")
    keys.tab_to(lambda active: active["holder"] == ids.EXPORT_LOGO, "logo drop zone")
    keys.tab_to_id(ids.EXPORT_LOGO_REMOVE)
    link = keys.tab_to(lambda active: active["tag"] == "A" and active["holder"] == ids.EXPORT_LINKS,
                       "first export link")
    assert link["text"]

    keys.tab_to(lambda active: active["text"] == "Diaporama de réunion", "slideshow panel")
    keys.press(Keys.ENTER)
    keys.tab_to_id(ids.MEETING_START)
    keys.press(Keys.ENTER)
    keys.wait_for_query(reunion="1")
    keys.wait(lambda: keys.shows(f"#{ids.MEETING_BAR}"), "no meeting bar")
    assert not keys.shows(".cc-sidebar")
    keys.press(Keys.ESCAPE)
    keys.wait_for_query(reunion=None)
    keys.wait(lambda: keys.shows(".cc-sidebar"), "controls not back after meeting mode")


def test_panorama_grid_and_donnees_page(keyboard) -> None:
    keys = keyboard
    open_page(keys, "/?dep=93&zon=dac", f"#{ids.MAP} .choroplethlocation")

    keys.tab_to_id(ids.NAV_PANORAMA)
    keys.press(Keys.ENTER)
    keys.wait(lambda: keys.shows(f"#{ids.PANORAMA_GRID} .ag-row"), "no panorama rows")
    keys.tab_to_id(ids.PANORAMA_EXPORT)
    keys.tab_to(lambda active: "ag-header-cell" in active["classes"], "grid header")
    keys.press(Keys.ARROW_DOWN, Keys.ARROW_DOWN)  # floating filter, then the first row
    keys.wait(lambda: "ag-cell" in keys.active()["classes"], "arrows do not reach the cells")
    first = keys.active()["row"]
    keys.press(Keys.ARROW_DOWN)
    keys.wait(lambda: keys.active()["row"] == str(int(first) + 1), "↓ does not move a row down")
    name = keys.driver.execute_script(
        "return document.activeElement.closest('.ag-row')"
        ".querySelector('[col-id=nom]').innerText.trim()")
    keys.press(Keys.SPACE)  # opens the fiche of the row, on the map
    keys.duo.wait_for_contains_text(f"#{ids.FICHE}.show", name)
    assert keys.query()["terr"] and urlsplit(keys.driver.current_url).path == "/"
    keys.press(Keys.ESCAPE)
    keys.wait_for_query(terr=None)

    keys.driver.get(keys.duo.server_url + "/donnees")
    keys.wait(lambda: keys.shows("#donnees-versions-table table"), "no version table")
    keys.tab_to_id("donnees-login-user")
    keys.tab_to_id("donnees-versions-zoning")
    keys.press(Keys.ENTER)
    keys.wait(lambda: keys.shows(".dash-dropdown-options"), "zoning menu not open")
    before = keys.driver.find_element("id", "donnees-versions-table").text
    keys.choose("CPTS")
    keys.duo.wait_for_text_to_equal("#donnees-versions-zoning", "CPTS")
    keys.wait(lambda: keys.driver.find_element("id", "donnees-versions-table").text != before,
              "the history of the CPTS does not show")
    keys.tab_to_id("donnees-asof-date")
    keys.type_text("31/02/2024")
    keys.press(Keys.TAB)
    keys.duo.wait_for_contains_text("#donnees-asof-table", "« 31/02/2024 » n'est pas une date")
