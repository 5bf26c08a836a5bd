"""« À la date du » shows and reads jj/mm/aaaa in a browser set to English too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from tests.e2e.conftest import CHROME_ARGUMENTS, CHROMIUM
from tests.e2e.waits import slow_down, wait_until


@pytest.fixture(scope="module")
def english_browser() -> Iterator[webdriver.Chrome]:
    """Chromium whose language is American English (dates would read mm/dd/yyyy)."""
    options = Options()
    options.binary_location = CHROMIUM
    for argument in (*(a for a in CHROME_ARGUMENTS if not a.startswith("--lang")),
                     "--lang=en-US", "--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    driver = webdriver.Chrome(options=options)
    slow_down(driver)
    yield driver
    driver.quit()


def wait(driver, condition, message: str) -> None:
    wait_until(driver, condition, message)


def test_day_typed_the_french_way_in_an_english_browser(shared_duo, english_browser) -> None:
    driver = english_browser
    driver.get(shared_duo.server_url + "/?dep=93&zon=dac")
    wait(driver, lambda: driver.find_elements("id", ids.AS_OF), "no date field")
    assert driver.execute_script("return navigator.language") == "en-US"
    field = driver.find_element("id", ids.AS_OF)
    assert field.get_attribute("type") == "text"  # never the browser's own date control
    assert field.get_attribute("placeholder") == "jj/mm/aaaa"
    label = driver.find_element("css selector", f'label[for="{ids.AS_OF}"]').text
    assert label == "À la date du (jj/mm/aaaa ; vide : aujourd'hui)"

    field.send_keys("30/06/2021", Keys.TAB)

    wait(driver, lambda: "date=2021-06-30" in driver.current_url, "the day is not in the URL")
    wait(driver, lambda: "Situation au 30/06/2021" in driver.find_element(
        "id", ids.DEMO_BANNER).text, "no banner for the day")
    driver.refresh()
    wait(driver, lambda: driver.find_element("id", ids.AS_OF).get_attribute("value")
         == "30/06/2021", "the reloaded field does not show the day jj/mm/aaaa")


def test_a_day_that_does_not_exist_is_explained(shared_duo, english_browser) -> None:
    driver = english_browser
    driver.get(shared_duo.server_url + "/?dep=93&zon=dac")
    wait(driver, lambda: driver.find_elements("id", ids.AS_OF), "no date field")

    driver.find_element("id", ids.AS_OF).send_keys("06/31/2021", Keys.TAB)

    wait(driver, lambda: driver.find_element("id", ids.AS_OF_ERROR).text
         == "« 06/31/2021 » n'est pas une date : écrivez-la jj/mm/aaaa, par exemple 30/06/2024.",
         "no message for an impossible day")
    assert "date=" not in driver.current_url
