"""What the browser tests wait for, written once: the condition a user sees, never a delay.

CI runs the browser tests on 2 shared cores beside the rest of the suite: a callback can
answer seconds late, a menu open a moment after the click, a letter land while the
previous one is still being handled. Each helper here waits for what the user would see
(the option offered, the value shown, the field holding what was typed, the app's
callbacks answered) with one timeout, :data:`WAIT_SECONDS`.

Set ``CARTOCOORD_E2E_SLOWDOWN`` to a factor (4: a browser four times slower) to
reproduce a loaded machine on a quiet one: every test browser is then throttled with
Chrome DevTools' ``Emulation.setCPUThrottlingRate``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from dash.testing.composite import DashComposite
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

#: Seconds any wait of a browser test lasts before it fails: the slowest answer of a
#: callback on CI's 2 shared cores running the whole suite (load about 4), with room.
WAIT_SECONDS = 40
#: Environment variable: CPU slowdown factor of every test browser (unset: none).
SLOWDOWN_VARIABLE = "CARTOCOORD_E2E_SLOWDOWN"
#: Exceptions of a page re-rendered while a wait reads it: read it again.
RERENDERED = (StaleElementReferenceException,)

#: True once dash's renderer holds no callback requested, waiting or running, and no
#: component is marked loading. The store is dash's redux store (``window.store``).
CALLBACKS_SETTLED = """
    const store = window.store;
    if (!store) { return false; }
    const state = store.getState();
    const pending = Object.entries(state.callbacks || {})
        .filter(([stage]) => stage !== 'completed')
        .some(([, list]) => Array.isArray(list) && list.length > 0);
    return !pending && !state.isLoading
        && document.querySelector('[data-dash-is-loading="true"]') === null;
"""


def driver_of(browser: DashComposite | WebDriver) -> WebDriver:
    """The Selenium driver of a ``dash_duo`` (or the driver itself)."""
    return getattr(browser, "driver", browser)


def slow_down(driver: WebDriver) -> None:
    """Throttle the browser's CPU by ``CARTOCOORD_E2E_SLOWDOWN`` when it is set."""
    factor = os.environ.get(SLOWDOWN_VARIABLE)
    if factor:
        driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": float(factor)})


def wait_until(browser: DashComposite | WebDriver, condition: Callable[[], Any],
               message: str, timeout: float = WAIT_SECONDS) -> Any:
    """Wait until ``condition()`` is truthy and return it; a re-rendered node is read again."""
    return WebDriverWait(driver_of(browser), timeout, ignored_exceptions=RERENDERED).until(
        lambda _driver: condition(), message=message)


def callbacks_settled(browser: DashComposite | WebDriver) -> bool:
    """Whether every callback the page asked for has answered and been applied."""
    return bool(driver_of(browser).execute_script(CALLBACKS_SETTLED))


def wait_for_callbacks(browser: DashComposite | WebDriver) -> None:
    """Wait until the app has answered every callback the page asked for."""
    wait_until(browser, lambda: callbacks_settled(browser), "callbacks still pending")


def script(browser: DashComposite | WebDriver, body: str, *arguments: Any) -> Any:
    """Run JavaScript in the page: reads without Selenium's implicit wait for absent nodes."""
    return driver_of(browser).execute_script(body, *arguments)


def element(browser: DashComposite | WebDriver, selector: str) -> WebElement:
    """Wait for the first node matching the CSS ``selector`` and return it."""
    driver = driver_of(browser)
    return wait_until(driver, lambda: next(iter(driver.find_elements(By.CSS_SELECTOR, selector)),
                                           None), f"{selector} never showed")


def click(browser: DashComposite | WebDriver, selector: str) -> None:
    """Click ``selector`` once it is shown and nothing covers it (a menu closing, a spinner).

    The click is retried only while the browser refuses it (covered, not yet interactable
    or re-rendered): a click the page received is never repeated.
    """
    driver = driver_of(browser)

    def clicked() -> bool:
        node = element(driver, selector)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", node)
        try:
            node.click()
        except (ElementClickInterceptedException, ElementNotInteractableException):
            return False
        return True

    WebDriverWait(driver, WAIT_SECONDS, ignored_exceptions=RERENDERED).until(
        lambda _driver: clicked(), message=f"{selector} could not be clicked")


def type_into(browser: DashComposite | WebDriver, selector: str, text: str) -> None:
    """Type ``text`` at the end of a field, then wait until the field holds it whole.

    Keys reach the page faster than a loaded browser handles them: the test goes on once
    the field shows what a person would have typed, not when the keys were sent.
    """
    field = element(browser, selector)
    expected = (field.get_attribute("value") or "") + text
    field.send_keys(text)
    wait_until(browser, lambda: element(browser, selector).get_attribute("value") == expected,
               f"{selector} does not hold « {expected} »")


#: Labels of the options of the open dropdown menu.
MENU_OPTIONS = """return [...document.querySelectorAll(
    '.dash-dropdown-content .dash-dropdown-option')].map((node) => node.innerText.trim());"""
#: Click the option of the open menu whose label is ``arguments[0]``; say whether it was there.
CLICK_OPTION = """
    const option = [...document.querySelectorAll('.dash-dropdown-content .dash-dropdown-option')]
        .find((node) => node.innerText.trim() === arguments[0]);
    if (!option) { return false; }
    option.scrollIntoView({block: 'nearest'});
    option.click();
    return true;
"""


def menu_options(browser: DashComposite | WebDriver) -> list[str]:
    """Labels offered by the open dropdown menu (none when no menu is open)."""
    return script(browser, MENU_OPTIONS)


def menu_open(browser: DashComposite | WebDriver) -> bool:
    """Whether a dropdown menu is open (dash renders one menu at a time, in a portal)."""
    return bool(script(browser, "return !!document.querySelector('.dash-dropdown-content');"))


def open_menu(browser: DashComposite | WebDriver, dropdown: str) -> None:
    """Open the menu of the dropdown ``dropdown`` (a CSS selector) and wait until it shows."""
    if not menu_open(browser):
        click(browser, dropdown)
    wait_until(browser, lambda: menu_open(browser), f"the menu of {dropdown} did not open")


def close_menu(browser: DashComposite | WebDriver) -> None:
    """Close the open dropdown menu (Escape, as a user would) and wait until it is gone."""
    if menu_open(browser):
        element(browser, ".dash-dropdown-content").send_keys("\ue00c")  # Escape
    wait_until(browser, lambda: not menu_open(browser), "the dropdown menu stayed open")


def pick_option(browser: DashComposite | WebDriver, label: str) -> None:
    """In the open menu, wait for the option ``label`` and pick it."""
    wait_until(browser, lambda: script(browser, CLICK_OPTION, label),
               f"« {label} » not offered by the menu")


def option_label(browser: DashComposite | WebDriver, dropdown: str, index: int) -> str:
    """Open the dropdown ``dropdown`` and return the label of its option number ``index``."""
    open_menu(browser, dropdown)
    return wait_until(browser, lambda: menu_options(browser)[index:index + 1],
                      f"{dropdown} offers no option n° {index}")[0]


def choose(browser: DashComposite | WebDriver, dropdown: str, label: str,
           typed: str | None = None) -> None:
    """Pick ``label`` in the dropdown ``dropdown``, typing ``typed`` in its search first.

    Waits until the dropdown shows the choice, the menu is closed and the app has
    answered the callbacks it started: the next step sees the page the choice made.
    """
    open_menu(browser, dropdown)
    if typed:
        type_into(browser, ".dash-dropdown-content .dash-dropdown-search", typed)
    pick_option(browser, label)
    close_menu(browser)
    wait_until(browser, lambda: label in element(browser, dropdown).text,
               f"{dropdown} does not show « {label} »")
    wait_for_callbacks(browser)
