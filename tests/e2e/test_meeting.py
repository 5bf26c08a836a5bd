"""Meeting mode: prepare two views, start the slideshow, step with the keyboard."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids, strings
from dashboard.server.app_factory import create_app
from tests.e2e.conftest import start_app
from tests.e2e.waits import click, type_into, wait_until

EMPTY_HINT = ".cc-slides__empty"


def open_panel(duo) -> None:
    duo.find_element(f"#{ids.SLIDES_LIST}")  # the panel is rendered
    duo.driver.execute_script(
        "document.querySelectorAll('details.cc-slideshow').forEach(d => d.open = true)")


def add_view(duo, title: str) -> None:
    open_panel(duo)
    duo.find_element(f"#{ids.SLIDE_TITLE}").clear()
    type_into(duo, f"#{ids.SLIDE_TITLE}", title)
    click(duo, f"#{ids.SLIDE_ADD}")
    duo.wait_for_contains_text(f"#{ids.SLIDES_LIST}", title)


def test_slideshow_steps_with_the_keyboard(dash_duo) -> None:
    start_app(dash_duo, create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?dep=93&zon=dac,cpts&ind=TP6021")
    dash_duo.wait_for_contains_text(f"#{ids.LEGEND}", "Taux de pauvreté")
    add_view(dash_duo, "Pauvreté en Seine-Saint-Denis")
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?dep=75&zon=dac&ind=MED21")
    dash_duo.wait_for_contains_text(f"#{ids.LEGEND}", "Médiane du niveau de vie")
    add_view(dash_duo, "Niveau de vie à Paris")

    dash_duo.find_element(f"#{ids.MEETING_START}").click()
    dash_duo.wait_for_text_to_equal(f"#{ids.MEETING_TITLE}", "Pauvreté en Seine-Saint-Denis")
    dash_duo.wait_for_text_to_equal(f"#{ids.MEETING_POSITION}", "1 / 2")
    assert not dash_duo.find_element(".cc-sidebar").is_displayed()
    dash_duo.wait_for_contains_text(f"#{ids.LEGEND}", "Taux de pauvreté")

    body = dash_duo.driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(f"#{ids.MEETING_TITLE}", "Niveau de vie à Paris")
    dash_duo.wait_for_text_to_equal(f"#{ids.MEETING_POSITION}", "2 / 2")
    dash_duo.wait_for_contains_text(f"#{ids.LEGEND}", "Médiane du niveau de vie")
    assert "dep=75" in dash_duo.driver.current_url
    assert "reunion=1" in dash_duo.driver.current_url

    body.send_keys(Keys.PAGE_UP)
    dash_duo.wait_for_text_to_equal(f"#{ids.MEETING_POSITION}", "1 / 2")

    body.send_keys(Keys.ESCAPE)
    dash_duo.wait_for_element(".cc-sidebar")
    dash_duo.wait_for_style_to_equal(f"#{ids.MEETING_BAR}", "display", "none")
    assert "reunion=1" not in dash_duo.driver.current_url
    assert not [entry for entry in dash_duo.get_logs() or [] if entry["level"] == "SEVERE"]


def test_the_prepared_views_are_listed_from_the_browsers_store(dash_duo) -> None:
    start_app(dash_duo, create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?dep=93")
    open_panel(dash_duo)
    hint = dash_duo.find_element(EMPTY_HINT)
    assert hint.is_displayed() and hint.text == strings.SLIDESHOW_EMPTY_LIST
    assert not dash_duo.find_element(f"#{ids.SLIDES_LIST}").is_displayed()

    add_view(dash_duo, "<b>Vue</b> du 93")  # a title is text, never markup
    assert [item.text for item in dash_duo.find_elements(f"#{ids.SLIDES_LIST} li")] == [
        "<b>Vue</b> du 93"]
    assert not dash_duo.find_elements(f"#{ids.SLIDES_LIST} b")
    assert not dash_duo.find_element(EMPTY_HINT).is_displayed()

    dash_duo.driver.refresh()  # kept by the browser
    open_panel(dash_duo)
    dash_duo.wait_for_contains_text(f"#{ids.SLIDES_LIST}", "<b>Vue</b> du 93")
    click(dash_duo, f"#{ids.SLIDES_CLEAR}")
    wait_until(dash_duo, lambda: dash_duo.find_element(EMPTY_HINT).is_displayed(),
               "an emptied list does not say that no view is prepared")
    assert not dash_duo.find_elements(f"#{ids.SLIDES_LIST} li")
