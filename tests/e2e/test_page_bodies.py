"""Pages built at their first show, in a real browser: links, the map first, back and forward.

The heterogeneity, zones blanches and harmonisation pages come without their body (their
controls included) in the first layout: a link opens each on its choices, a page visited
after the map shows what the map chose, and once built its controls follow the state
(back, forward, another page's filter). No console error anywhere (the ``clean_console``
fixture of ``conftest.py``).
"""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.server.app_factory import create_app
from tests.e2e.conftest import start_app
from tests.e2e.waits import choose, click, element, script, wait_for_callbacks, wait_until

SEINE_SAINT_DENIS = "93 — Seine-Saint-Denis"
PARIS = "75 — Paris"
CPTS_DAC_CELL = f'#{ids.NESTING_MATRIX} button[id*=\'"a":"cpts"\'][id*=\'"b":"dac"\']'


@pytest.fixture
def duo(dash_duo):
    start_app(dash_duo, create_app())
    dash_duo.wait_for_contains_text("header", "Cartocoord")
    return dash_duo


def shown(duo, control: str) -> str:
    """What a dropdown shows (its chosen labels; its placeholder when empty)."""
    return element(duo, f"#{control}").text


def wait_shows(duo, control: str, label: str) -> None:
    wait_until(duo, lambda: label in shown(duo, control), f"#{control} does not show {label}")


def open_link(duo, path: str) -> None:
    duo.driver.get(duo.server_url + path)
    element(duo, "header")


@pytest.mark.parametrize(("path", "ready", "choices"), [
    ("/heterogeneite?dep=93&a=cpts&b=dac", f"#{ids.PAIR_MAP_A} .choroplethlayer path",
     {ids.NESTING_DEPARTEMENTS: SEINE_SAINT_DENIS, ids.PAIR_A: "CPTS", ids.PAIR_B: "DAC"}),
    ("/zones-blanches?dep=93&zb=dac", f"#{ids.GAPS_MAP} .choroplethlayer path",
     {ids.GAPS_DEPARTEMENTS: SEINE_SAINT_DENIS, ids.GAPS_ZONING: "DAC"}),
    ("/harmonisation?dep=93&com=93048", f"#{ids.HARM_MAP} .choroplethlayer path",
     {ids.HARM_DEPARTEMENTS: SEINE_SAINT_DENIS, ids.HARM_COMMUNE: "Montreuil (93048)"}),
])
def test_a_link_opens_each_page_on_its_choices(duo, path, ready, choices):
    open_link(duo, path)
    element(duo, ready)
    for control, label in choices.items():
        wait_shows(duo, control, label)


def test_a_page_visited_after_the_map_follows_it_then_back_and_forward(duo):
    open_link(duo, "/?dep=93&zon=dac")
    element(duo, f"#{ids.MAP} .choroplethlocation")
    # Not in the layout before its first show.
    assert not script(duo, "return document.getElementById(arguments[0]);",
                      ids.NESTING_DEPARTEMENTS)

    click(duo, f"#{ids.NAV_NESTING}")
    element(duo, CPTS_DAC_CELL)
    wait_shows(duo, ids.NESTING_DEPARTEMENTS, SEINE_SAINT_DENIS)

    # A pair chosen on the page, then back and forward: its choices follow the URL.
    click(duo, CPTS_DAC_CELL)
    wait_shows(duo, ids.PAIR_A, "CPTS")
    wait_shows(duo, ids.PAIR_B, "DAC")
    duo.driver.back()
    wait_until(duo, lambda: "CPTS" not in shown(duo, ids.PAIR_A)
               and "DAC" not in shown(duo, ids.PAIR_B), "the pair is still shown after Back")
    wait_until(duo, lambda: not element(duo, f"#{ids.PAIR_BODY}").is_displayed(),
               "the pair view is still open after Back")
    duo.driver.forward()
    wait_shows(duo, ids.PAIR_A, "CPTS")
    wait_until(duo, lambda: "Emboîtement des CPTS dans les DAC" in element(
        duo, f"#{ids.PAIR_SUMMARY}").text, "the pair is not measured after Forward")

    # Another département chosen on the map: the page built already shows it when it shows.
    click(duo, f"#{ids.NAV_MAP}")
    wait_until(duo, lambda: element(duo, f"#{ids.PAGE_MAP}").is_displayed(),
               "the map page does not show")
    choose(duo, f"#{ids.DEPARTEMENTS}", PARIS)
    click(duo, f"#{ids.NAV_NESTING}")
    wait_shows(duo, ids.NESTING_DEPARTEMENTS, PARIS)
    assert SEINE_SAINT_DENIS in shown(duo, ids.NESTING_DEPARTEMENTS)

    # And a page not built yet comes with it.
    click(duo, f"#{ids.NAV_GAPS}")
    element(duo, f"#{ids.GAPS_MAP} .choroplethlayer path")
    assert PARIS in shown(duo, ids.GAPS_DEPARTEMENTS)
    assert SEINE_SAINT_DENIS in shown(duo, ids.GAPS_DEPARTEMENTS)
    wait_for_callbacks(duo)
