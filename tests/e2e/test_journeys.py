"""What a user does with the map, in Chromium: each test walks one journey and checks what shows.

One app and one browser serve the whole module (``shared_duo``); every journey opens its
own URL first and ends with no error in the browser console.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from dash.testing.composite import DashComposite
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from tests.e2e.waits import choose, open_menu, pick_option, type_into, wait_until

#: Communes of Seine-Saint-Denis since 2025, COG 2026 included (Saint-Denis absorbed
#: Pierrefitte-sur-Seine, so 39, not the 40 of older references); Île-de-France units
#: (Paris by arrondissement).
UNITS_93, UNITS_REGION = 39, 1285
#: IRIS of Seine-Saint-Denis, Saint-Denis' with those of the former Pierrefitte-sur-Seine.
IRIS_93 = 614
#: Communes of Seine-Saint-Denis touching at least one QPV 2024.
QPV_COMMUNES_93 = 34
SEINE_SAINT_DENIS = "93 — Seine-Saint-Denis"
POVERTY_TITLE = "Taux de pauvreté (seuil à 60 % du niveau de vie médian), en %"
MEDIAN_TITLE = "Médiane du niveau de vie (revenu disponible par unité de consommation), en €"
JENKS = "Seuils naturels (Jenks)"
PERMALINK = "/?dep=93&zon=dac,cpts&ind=MED21&meth=jenks&k=4&terr=dac:dac-93-b&com=93066"


class Journey:
    """The dashboard as a user sees it: controls, legend, map, panels and the URL."""

    def __init__(self, duo: DashComposite) -> None:
        self.duo = duo
        self.driver = duo.driver

    # --- navigation -------------------------------------------------------------------
    def open(self, path: str) -> None:
        """Load a URL of the app and wait until the map and its legend are drawn."""
        self.driver.get(self.duo.server_url + path)
        self.wait_for_map()

    def wait_until(self, condition, message: str) -> None:
        wait_until(self.driver, condition, message)

    def script(self, body: str, *arguments):
        """Run JavaScript in the page: reads without Selenium's 2 s wait for absent nodes."""
        return self.driver.execute_script(body, *arguments)

    def exists(self, selector: str) -> bool:
        return self.script("return document.querySelector(arguments[0]) !== null;", selector)

    def texts(self, selector: str) -> list[str]:
        return self.script("return [...document.querySelectorAll(arguments[0])]"
                           ".map((node) => node.innerText);", selector)

    def wait_for_map(self, areas: int | None = None) -> None:
        """Wait until the legend and the map agree on the number of areas drawn."""
        def drawn() -> bool:
            counts = self.legend_counts()
            shown = self.map_areas()
            return bool(counts) and sum(counts) == shown and areas in (None, shown)
        self.wait_until(drawn, f"map and legend not drawn with {areas} areas")

    @property
    def query(self) -> dict[str, str]:
        """Parameters of the address bar, one value each."""
        return {key: values[0] for key, values in
                parse_qs(urlsplit(self.driver.current_url).query).items()}

    @property
    def path(self) -> str:
        return urlsplit(self.driver.current_url).path

    def wait_for_query(self, **expected: str | None) -> None:
        """Wait until the address bar holds these parameters (None: absent)."""
        self.wait_until(lambda: all(self.query.get(key) == value
                                    for key, value in expected.items()),
                        f"URL {self.driver.current_url} without {expected}")

    # --- controls ---------------------------------------------------------------------
    def choose(self, dropdown: str, label: str) -> None:
        """Pick an option of a dropdown by its visible label, then close the menu."""
        choose(self.driver, f"#{dropdown}", label)

    def search(self, typed: str, pick: str) -> None:
        """Type in the commune search, then pick a proposal by its label."""
        open_menu(self.driver, f"#{ids.SEARCH}")
        type_into(self.driver, ".dash-dropdown-content .dash-dropdown-search", typed)
        pick_option(self.driver, pick)

    def proposals(self) -> list[str]:
        return self.texts(".dash-dropdown-option")

    def tick(self, zoning: str) -> None:
        self.duo.find_element(f'#{ids.ZONINGS} input[value="{zoning}"]').click()

    def controls(self) -> dict:
        """What the controls show."""
        return {
            "departements": self.duo.find_element(f"#{ids.DEPARTEMENTS}").text,
            "zonings": [box.get_attribute("value") for box in
                        self.duo.find_elements(f"#{ids.ZONINGS} input") if box.is_selected()],
            "indicator": self.duo.find_element(f"#{ids.INDICATOR}").text,
            "method": self.duo.find_element(f"#{ids.METHOD}").text,
            "classes": self.duo.find_element(f"#{ids.CLASSES} input:checked")
                .get_attribute("value"),
        }

    # --- what shows -------------------------------------------------------------------
    def legend_title(self) -> str:
        return self.duo.find_element(f"#{ids.LEGEND} .cc-legend__title").text

    def legend_method(self) -> str:
        return self.duo.find_element(f"#{ids.LEGEND} .cc-legend__method").text

    def legend_counts(self) -> list[int]:
        """The count ending each colour row of the legend: "12,0 – 18,5 % (215)"."""
        counts = [re.search(r"\(([\d\s]+)\)$", row.strip())
                  for row in self.texts(f"#{ids.LEGEND} ul:nth-of-type(1) li")]
        return [int(re.sub(r"\D", "", count.group(1))) for count in counts if count]

    def legend_outlines(self) -> list[str]:
        return [row.strip() for row in self.texts(f"#{ids.LEGEND} ul:nth-of-type(2) li")]

    def map_areas(self) -> int:
        """Areas (communes or territories) drawn on the map (pieces of cut communes apart)."""
        return len(self.texts(f"#{ids.MAP} .choroplethlayer .trace:first-child "
                              ".choroplethlocation"))

    def fiche(self) -> str:
        """Text of the open fiche, "" when it is closed."""
        return "\n".join(self.texts(f"#{ids.FICHE}.show"))

    def coverage(self) -> str:
        return self.duo.find_element(f"#{ids.COVERAGE}").text

    def visible(self, element_id: str) -> bool:
        return self.duo.find_element(f"#{element_id}").is_displayed()

    def seen(self) -> dict:
        """Everything a permalink must bring back."""
        return {"controls": self.controls(), "legend": self.duo.find_element(
            f"#{ids.LEGEND}").text, "fiche": self.fiche(), "coverage": self.coverage(),
            "areas": self.map_areas()}

    def console_errors(self) -> list[dict]:
        return self.duo.get_logs()


@pytest.fixture
def user(shared_duo: DashComposite) -> Iterator[Journey]:
    """The shared browser, its console emptied; the journey must leave it without error."""
    journey = Journey(shared_duo)
    journey.console_errors()  # reading the browser log empties it
    yield journey
    assert journey.console_errors() == []


def test_open_the_app(user) -> None:
    user.open("/")

    assert user.driver.title == "Cartocoord"
    assert user.duo.find_element("header").text.startswith(
        "Cartocoord\nTerritoires de coordination en santé et précarité — Île-de-France")
    assert user.visible(ids.DEMO_BANNER)
    assert user.duo.find_element(f"#{ids.DEMO_BANNER}").text.startswith(
        "Données illustratives — périmètres non officiels")
    assert user.visible(ids.LEGEND)
    # An indicator published nearly everywhere: the first map says something on all of it.
    assert user.legend_title() == MEDIAN_TITLE
    assert user.legend_method() == "Quantiles"
    assert sum(user.legend_counts()) == user.map_areas() == UNITS_REGION
    assert "Secret statistique / non disponible" not in user.duo.find_element(f"#{ids.LEGEND}").text


def test_select_a_departement(user) -> None:
    user.open("/")

    user.choose(ids.DEPARTEMENTS, SEINE_SAINT_DENIS)

    user.wait_for_query(dep="93")
    user.wait_for_map(areas=UNITS_93)
    assert sum(user.legend_counts()) == UNITS_93
    assert user.duo.find_element(f"#{ids.DEPARTEMENTS}").text == SEINE_SAINT_DENIS


def test_links_lead_to_the_current_view_on_their_page(user) -> None:
    user.open("/?dep=93&zon=dac")
    user.tick("cpts")
    user.wait_for_query(zon="dac,cpts")

    def hrefs() -> list[str]:
        return user.script("return [...document.querySelectorAll('.cc-nav__link, "
                           ".cc-footer__link')].map((link) => link.getAttribute('href'));")
    search = urlsplit(user.driver.current_url).query
    user.wait_until(lambda: all(href.endswith("?" + search) for href in hrefs()),
                    f"links {hrefs()} not leading to ?{search}")
    assert [href.split("?")[0] for href in hrefs()] == [
        "/", "/panorama", "/heterogeneite", "/zones-blanches", "/harmonisation", "/donnees",
        "/accessibilite"]


def test_show_cpts_and_dac(user) -> None:
    user.open("/?dep=93&zon=")
    assert user.legend_outlines() == ["Limite de département"]

    user.tick("cpts")
    user.tick("dac")

    user.wait_for_query(zon="dac,cpts")
    user.wait_until(lambda: user.legend_outlines() == [
        "DAC (illustratif)", "CPTS (illustratif)", "Limite de département"],
        "legend without the DAC and CPTS outlines")
    assert user.controls()["zonings"] == ["dac", "cpts"]


def test_change_indicator_and_method(user) -> None:
    user.open("/?dep=93&zon=dac")

    user.choose(ids.INDICATOR, "Taux de pauvreté")
    user.duo.wait_for_text_to_equal(f"#{ids.LEGEND} .cc-legend__title", POVERTY_TITLE)
    user.choose(ids.METHOD, JENKS)
    user.duo.wait_for_text_to_equal(f"#{ids.LEGEND} .cc-legend__method", JENKS)

    user.wait_for_query(ind="TP6021", meth="jenks", dep="93")
    assert user.legend_title().startswith("Taux de pauvreté")
    assert sum(user.legend_counts()) == user.map_areas() == UNITS_93


def test_switch_to_iris_in_seine_saint_denis_and_hover_saint_denis(user) -> None:
    user.open("/?dep=93&zon=dac&ind=TP6021")
    assert user.duo.find_element(f"#{ids.LEGEND} .cc-legend__mesh").text == "Maille : commune"

    user.duo.find_element(f'#{ids.MESH} input[value="iris"]').click()

    user.wait_for_query(maille="iris", dep="93")
    user.wait_for_map(areas=IRIS_93)
    legend = user.duo.find_element(f"#{ids.LEGEND}").text
    assert "Maille : IRIS (93)" in legend
    assert "IRIS sans valeur publiée : valeur de sa commune (couleur pâle hachurée)" in legend
    assert "Source : Insee, Filosofi 2021 (IRIS)" in legend
    # The largest IRIS of Saint-Denis (its path's centre lies inside it).
    index = user.script("""
        const graph = document.querySelector('#map .js-plotly-plot');
        const paths = [...graph.querySelectorAll('.choroplethlocation')];
        const codes = graph.data[0].locations;
        let best = -1, size = 0;
        codes.forEach((code, i) => {
            const box = paths[i].getBoundingClientRect();
            if (code.startsWith('93066') && box.width * box.height > size) {
                best = i; size = box.width * box.height;
            }
        });
        return best;""")
    path = user.duo.find_elements(f"#{ids.MAP} .choroplethlocation")[index]
    ActionChains(user.driver).move_to_element(path).perform()

    def hover() -> str:  # SVG text: no innerText
        return user.script("return [...document.querySelectorAll('#map .hovertext')]"
                           ".map((node) => node.textContent).join(' ');")

    user.wait_until(lambda: "Commune : Saint-Denis (93066)" in hover(),
                    "no hover naming Saint-Denis")
    text = hover()
    assert re.search(r"IRIS .+ \(93066\d{4}\)", text), text
    assert "Taux de pauvreté : " in text and "DAC : DAC démo 93-" in text


def test_qpv_circles_over_the_choropleth(user) -> None:
    user.open("/?dep=93&zon=dac&ind=APL_MG")
    user.wait_for_map(areas=UNITS_93)

    user.driver.execute_script(f"document.getElementById('{ids.QPV}').click();")

    user.wait_for_query(qpv="1", dep="93")
    user.wait_until(lambda: user.script(
        "const data = document.querySelector('#map .js-plotly-plot').data;"
        "return data[data.length - 1].uid === 'qpv' && data[data.length - 1].lon.length;")
        == QPV_COMMUNES_93, "no QPV circles")
    user.duo.wait_for_contains_text(f"#{ids.LEGEND}", "20 QPV")
    legend = user.duo.find_element(f"#{ids.LEGEND}").text
    assert "Quartiers prioritaires de la politique de la ville (2024)" in legend
    assert "Source : ANCT, QPV 2024" in legend
    assert legend.index("Accessibilité potentielle") < legend.index("Quartiers prioritaires")


def test_search_a_commune(user) -> None:
    user.open("/?zon=dac")

    user.search("st denis", "Saint-Denis (93066)")

    user.wait_for_query(com="93066", dep="93")
    user.duo.wait_for_contains_text(f"#{ids.COVERAGE}", "Saint-Denis (93066)")
    card = user.coverage()
    # Populations légales 2023 (in 2017, 141,441: Saint-Denis and Pierrefitte together).
    assert card.startswith("Qui couvre cette commune ?\nSaint-Denis (93066) — 149")
    assert "habitants (populations légales 2023, en vigueur au 1er janvier 2026)\n" in card
    for zoning, structure, mail in [
        ("DAC", "DAC démo 93-A", "contact@dac-93-a.example"),
        ("CPTS", "CPTS démo 69 — Saint-Denis", "contact@cpts-69.example"),
        ("CARSIC", "CARSIC démo Est", "contact@carsic-est.example"),
        ("Réseaux périnatalité", "Réseau périnatal démo Est", "contact@perinatal-est.example"),
    ]:
        # Every zoning of the demonstration says it is illustrative.
        assert f"\n{zoning} illustratif\n{structure}\n" in card
        assert mail in card
    user.wait_for_map(areas=UNITS_93)

    user.search("la courneuve", "La Courneuve (93027)")

    user.wait_for_query(com="93027")
    user.duo.wait_for_contains_text(f"#{ids.COVERAGE}", "La Courneuve (93027)")
    assert "\nCPTS illustratif\nZone blanche : aucun territoire\n" in user.coverage()


def test_open_a_fiche_from_the_panorama(user) -> None:
    user.open("/?dep=93&zon=dac")
    user.duo.find_element(f"#{ids.NAV_PANORAMA}").click()
    row = f'#{ids.PANORAMA_GRID} .ag-center-cols-container .ag-row[row-id="cpts:cpts-69"]'
    user.duo.wait_for_contains_text(row, "CPTS démo 69 — Saint-Denis")
    assert user.path == "/panorama"
    assert not user.visible(ids.PAGE_MAP)

    user.duo.find_element(f'{row} [col-id="nom"]').click()

    user.duo.wait_for_contains_text(f"#{ids.FICHE}.show", "CPTS démo 69 — Saint-Denis")
    assert user.path == "/"
    user.wait_for_query(terr="cpts:cpts-69", zon="dac,cpts", dep="93")
    assert user.visible(ids.PAGE_MAP) and not user.visible(ids.PAGE_PANORAMA)
    fiche = user.fiche()
    assert "Communes : 1\nPopulation municipale : 149" in fiche
    assert "habitants (populations légales 2023, en vigueur au 1er janvier 2026)\n" in fiche

    user.duo.find_element(f"#{ids.FICHE} .btn-close").click()

    user.wait_for_query(terr=None)
    user.duo.wait_for_no_elements(f"#{ids.FICHE}.show")


def test_reload_a_permalink(user) -> None:
    user.open(PERMALINK)
    user.duo.wait_for_contains_text(f"#{ids.FICHE}.show", "DAC démo 93-B")
    user.duo.wait_for_contains_text(f"#{ids.COVERAGE}", "Saint-Denis (93066)")
    seen = user.seen()

    assert seen["controls"] == {"departements": SEINE_SAINT_DENIS, "zonings": ["dac", "cpts"],
                                "indicator": "Niveau de vie médian", "method": JENKS,
                                "classes": "4"}
    assert user.legend_title() == MEDIAN_TITLE and user.legend_method() == JENKS
    assert len(user.legend_counts()) == 4 and sum(user.legend_counts()) == UNITS_93

    user.driver.refresh()
    user.wait_for_map(areas=UNITS_93)
    user.duo.wait_for_contains_text(f"#{ids.FICHE}.show", "DAC démo 93-B")
    user.duo.wait_for_contains_text(f"#{ids.COVERAGE}", "Saint-Denis (93066)")

    assert user.seen() == seen


def test_back_and_forward_restore_the_view(user) -> None:
    user.open("/?dep=93&zon=dac&ind=TP6021&meth=quantiles&k=5")
    user.choose(ids.INDICATOR, "Niveau de vie médian")
    user.duo.wait_for_text_to_equal(f"#{ids.LEGEND} .cc-legend__title", MEDIAN_TITLE)

    user.driver.back()

    user.duo.wait_for_text_to_equal(f"#{ids.LEGEND} .cc-legend__title", POVERTY_TITLE)
    user.wait_for_query(ind="TP6021")
    assert user.controls()["indicator"] == "Taux de pauvreté"

    user.driver.forward()

    user.duo.wait_for_text_to_equal(f"#{ids.LEGEND} .cc-legend__title", MEDIAN_TITLE)
    user.wait_for_query(ind="MED21")
    assert user.controls()["indicator"] == "Niveau de vie médian"


def test_back_leaves_the_app_opened_from_a_short_link(user) -> None:
    """The app completes "/" to "/?zon=dac&ind=…" without adding a page to the history."""
    user.driver.get("data:text/html,<p>page précédente</p>")
    user.open("/")

    user.driver.back()

    user.wait_until(lambda: user.driver.current_url.startswith("data:"),
                    f"Back stayed on {user.driver.current_url}")


def test_commune_search_keeps_the_ranking(user) -> None:
    user.open("/?zon=dac")
    user.duo.find_element(f"#{ids.SEARCH}").click()
    box = user.duo.find_element(".dash-dropdown-content .dash-dropdown-search")
    box.send_keys("st denis")
    user.duo.wait_for_contains_text(".dash-dropdown-options", "Saint-Denis (93066)")
    proposals = user.proposals()
    box.send_keys(Keys.ESCAPE)

    assert proposals[0] == "Saint-Denis (93066)"


def test_dropdown_menus_speak_french(user) -> None:
    user.open("/?zon=dac")
    user.duo.find_element(f"#{ids.DEPARTEMENTS}").click()
    menu = user.duo.find_element(".dash-dropdown-content")
    shown = [menu.text, menu.find_element(By.CSS_SELECTOR, ".dash-dropdown-search")
             .get_attribute("placeholder")]
    menu.send_keys(Keys.ESCAPE)

    assert not [text for text in ("Search", "Select All", "Deselect All")
                if any(text in item for item in shown)]
