"""Browser tests: dash[testing]'s ``dash_duo`` driving Debian's Chromium and ChromeDriver.

``dash_duo`` builds a Chrome webdriver from the options returned by the
``pytest_setup_options`` hook below, then adds ``--headless`` (from pytest's addopts),
``--no-sandbox``, ``--disable-gpu`` and ``--disable-dev-shm-usage`` itself; Selenium
starts the ``chromedriver`` found on ``PATH``. Every test of this folder is marked
``e2e`` and skipped, with the reason, when the browser or its driver is missing.

``dash_duo`` starts a server and a browser for every test (about 5 s); ``shared_duo``
starts them once for a whole module, for journeys that each open their own URL. Every
server starts through :func:`start_app`, on a port the system says is free, so that two
test runs (two engineers, two worktrees) can run side by side.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dash import Dash
from dash.testing.application_runners import ThreadedRunner
from dash.testing.composite import DashComposite
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.remote.webdriver import WebDriver

from dashboard.editing.editors import add_editor
from dashboard.layouts import data_page
from dashboard.server.app_factory import create_app
from dashboard.views import data as data_module
from geodata import catalog
from tests.dashboard.editing.data_page_support import use_temporary_store
from tests.e2e.waits import (
    WAIT_SECONDS,
    click,
    element,
    script,
    slow_down,
    type_into,
    wait_for_callbacks,
    wait_until,
)

E2E_DIR = Path(__file__).resolve().parent

#: Chromium binary; ``DASH_TEST_CHROMEPATH`` is also the variable dash[testing] reads.
CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
#: Viewport of every browser test: the smallest screen the dashboard supports.
WINDOW_SIZE = (1280, 720)
CHROME_ARGUMENTS = (
    f"--window-size={WINDOW_SIZE[0]},{WINDOW_SIZE[1]}",
    "--lang=fr-FR",
    # No traffic of the browser's own (updates, safe browsing, sync, metrics):
    # the only server a test talks to is the app under test.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--no-first-run",
)
INSTALL_HINT = (
    "run `sudo scripts/install_browser.sh` or `sudo apt-get install chromium chromium-driver`, "
    "or point DASH_TEST_CHROMEPATH at Chromium and put chromedriver on PATH"
)


def missing_browser_reason() -> str | None:
    """Say why browser tests cannot run here, or return None when they can."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium ({CHROMIUM})")
    if shutil.which("chromedriver") is None:
        missing.append("chromedriver (on PATH)")
    if not missing:
        return None
    return f"browser tests need {' and '.join(missing)}: {INSTALL_HINT}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests of this folder ``e2e``; skip them when there is no browser."""
    reason = missing_browser_reason()
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_setup_options() -> Options:
    """Chrome options for ``dash_duo`` (a dash[testing] hook)."""
    options = Options()
    options.binary_location = CHROMIUM
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    return options


def free_port() -> int:
    """Return a port of 127.0.0.1 that nothing listens on (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app(duo: DashComposite, app: Dash) -> None:
    """Serve ``app`` to ``duo`` on a free port, not dash[testing]'s fixed one.

    dash[testing] numbers its ports from 58050 in every process: two test runs on one
    machine would both take the first and one of them would talk to the other's app.
    """
    duo.start_server(app, port=free_port())


def set_viewport(driver: WebDriver, width: int, height: int) -> None:
    """Size the window so that the page itself, not the window, is ``width`` × ``height``.

    Under chromedriver 156 the window opens at 780 × 580 whatever ``--window-size`` says,
    and ``set_window_size`` counts a window frame (143 px high) even when headless:
    measure the frame, then add it.
    """
    driver.set_window_size(width, height)
    frame_width, frame_height = driver.execute_script(
        "return [outerWidth - innerWidth, outerHeight - innerHeight];")
    driver.set_window_size(width + frame_width, height + frame_height)


def emulate_screen(driver: WebDriver, width: int, height: int) -> None:
    """Show the page as a screen of ``width`` × ``height`` CSS pixels, touch-first below 1000.

    Headless windows cannot be narrower than 500 px: a phone is emulated instead
    (Chrome DevTools' device metrics). :func:`end_screen_emulation` goes back to the window.
    """
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 1000})


def end_screen_emulation(driver: WebDriver) -> None:
    """Show the page in the window again (see :func:`emulate_screen`)."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture(scope="module")
def shared_duo(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashComposite]:
    """Like ``dash_duo``, but one app and one browser for all the tests of a module.

    Tests must not rely on what an earlier test left in the page: each opens its URL.
    """
    config = request.config
    with ThreadedRunner() as server, DashComposite(
        server=server,
        browser=config.getoption("webdriver"),
        remote=config.getoption("remote"),
        remote_url=config.getoption("remote_url"),
        headless=config.getoption("headless"),
        options=config.hook.pytest_setup_options(),
        download_path=str(tmp_path_factory.mktemp("download")),
        wait_timeout=WAIT_SECONDS,
    ) as duo:
        set_viewport(duo.driver, *WINDOW_SIZE)
        slow_down(duo.driver)
        start_app(duo, create_app())
        yield duo


#: What the browser's console may say without failing a test: nothing, unless a test
#: declares with ``@pytest.mark.allowed_console("regex", …)`` the refusals it provokes.
SEVERE = "SEVERE"


@pytest.fixture(autouse=True)
def clean_console(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any browser test whose page logged an error or broke the CSP.

    Every app under test sends the app's Content-Security-Policy
    (:mod:`dashboard.server.headers`): a script, style or request it blocks is a
    ``SEVERE`` console entry ("Refused to …"), as is any JavaScript error.
    """
    names = [name for name in ("duo", "shared_duo", "dash_duo") if name in request.fixturenames]
    # Taken before the test, so that the browser is torn down after this check.
    duo = request.getfixturevalue(names[0]) if names else None
    yield
    if duo is None or getattr(request.node, "rep_call_failed", True):
        return
    marker = request.node.get_closest_marker("allowed_console")
    allowed = [re.compile(pattern) for pattern in (marker.args if marker else ())]
    errors = [entry["message"] for entry in duo.driver.get_log("browser")
              if entry["level"] == SEVERE
              and not any(pattern.search(entry["message"]) for pattern in allowed)]
    assert errors == [], "console errors or CSP violations:\n" + "\n".join(errors)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Tell fixtures whether the test itself failed (its own error comes first)."""
    report = yield
    if report.when == "call":
        item.rep_call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def dash_duo_viewport(request: pytest.FixtureRequest) -> None:
    """Give the tests that use ``dash_duo`` the viewport and the waits of ``shared_duo``."""
    if "dash_duo" in request.fixturenames:
        duo = request.getfixturevalue("dash_duo")
        duo.wait_timeout = WAIT_SECONDS  # dash[testing]'s own default is 10 s
        set_viewport(duo.driver, *WINDOW_SIZE)
        slow_down(duo.driver)


@pytest.fixture(autouse=True)
def fresh_export_browser() -> Iterator[None]:
    """Close the export Chromium after each browser test, as a fresh server would have none.

    Once a browser test has ended, the export Chromium of the process no longer answered
    (the next print waited for the export timeout): a second test printing a PDF failed.
    """
    yield
    from dashboard.export.renderer import get_renderer

    if get_renderer().running:
        get_renderer().close()


@contextmanager
def other_browser(width: int = WINDOW_SIZE[0], height: int = WINDOW_SIZE[1]) -> Iterator[WebDriver]:
    """A second browser of its own: another visitor, with no cookie, storage or request shared.

    Clearing the cookies of the test's browser is not enough: a request of its last page
    still answered late sets the session cookie again.
    """
    options = pytest_setup_options()
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)  # what dash_duo adds to its own browser
    driver = webdriver.Chrome(options=options)
    try:
        set_viewport(driver, width, height)
        slow_down(driver)
        yield driver
    finally:
        driver.quit()


def show_table(duo: DashComposite | WebDriver, frame: str, grid: str) -> None:
    """Press the « Afficher le tableau » button of ``frame``, then wait for ``grid``'s rows.

    Pressed once the page's answers are in, as a person would: a click sent while they
    are drawn can land on a part of the page being replaced.
    """
    element(duo, f"#{frame} .cc-table-open")
    wait_for_callbacks(duo)
    click(duo, f"#{frame} .cc-table-open")
    wait_until(duo, lambda: script(duo, "return document.querySelector(arguments[0]) !== null;",
                                   f"#{grid} .ag-row"), f"no row in #{grid}")


#: The editor of the journeys that log in (harmonisation drafts, shared indicators).
EDITOR, PASSWORD = "camille", "un mot de passe assez long"


def log_in(duo: DashComposite, editor: str = EDITOR, password: str = PASSWORD,
           navigate: bool = True) -> None:
    """Log in on the Données page (opened first unless ``navigate`` is False)."""
    if navigate:
        duo.driver.get(duo.server_url + "/donnees")
    duo.wait_for_contains_text(f"#{data_page.ACCOUNT}", "Consultation libre")
    type_into(duo, f"#{data_page.LOGIN_USER}", editor)
    type_into(duo, f"#{data_page.LOGIN_PASSWORD}", password)
    click(duo, f"#{data_page.LOGIN_SUBMIT}")
    duo.wait_for_contains_text(f"#{data_page.ACCOUNT}", f"Connecté en tant que {editor}")


@pytest.fixture
def editor_duo(dash_duo, tmp_path, monkeypatch):
    """The whole app on a fresh store, with one editor account (``EDITOR``)."""
    use_temporary_store(tmp_path)
    editors = tmp_path / "editors.toml"
    add_editor(editors, EDITOR, PASSWORD)
    monkeypatch.setenv("CARTOCOORD_EDITORS_FILE", str(editors))
    monkeypatch.setenv("CARTOCOORD_SECRET_KEY", "s" * 48)
    data_module._load_app_data.cache_clear()  # another test's store had these revisions
    data_module.load_app_data()
    start_app(dash_duo, create_app())
    yield dash_duo
    catalog.use_store(None)
    data_module._load_app_data.cache_clear()
