"""The app shell in a real browser: title, language, styles, no errors, nothing external."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from dashboard.server.app_factory import create_app
from tests.e2e.conftest import start_app
from tests.e2e.waits import wait_for_callbacks


class _ResourceUrls(HTMLParser):
    """Collect the URLs a page loads: ``<link href>`` and ``<script src>``."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"link": "href", "script": "src"}.get(tag)
        self.urls.extend(value for name, value in attrs if name == wanted and value)


def _external(urls: list[str], base_url: str) -> list[str]:
    """Return the URLs among ``urls`` that point to another host than ``base_url``."""
    own_host = urlsplit(base_url).netloc
    return [url for url in urls if urlsplit(urljoin(base_url, url)).netloc != own_host]


@pytest.fixture
def shell(dash_duo):
    """``dash_duo`` on the app, once its header is drawn and its callbacks have answered.

    The server then never stops while a request is still drawing the first map.
    """
    start_app(dash_duo, create_app())
    dash_duo.wait_for_contains_text("header", "Cartocoord")
    wait_for_callbacks(dash_duo)
    return dash_duo


def test_title_language_and_no_console_error(shell):
    # The viewport conftest.py gives every browser test, dash_duo included.
    assert shell.driver.execute_script("return [innerWidth, innerHeight];") == [1280, 720]
    assert shell.driver.title == "Cartocoord"
    assert shell.find_element("html").get_attribute("lang") == "fr"
    assert shell.get_logs() == []


def test_theme_loads_after_bootstrap_with_vendored_font(shell):
    script = """
        const done = arguments[arguments.length - 1];
        document.fonts.load('700 16px "Source Sans 3"').then((faces) => done({
            loadedFaces: faces.length,
            bodyFont: getComputedStyle(document.body).fontFamily,
            primary: getComputedStyle(document.documentElement)
                .getPropertyValue('--bs-primary').trim(),
        }));
    """
    style = shell.driver.execute_async_script(script)

    assert style["loadedFaces"] == 1
    assert style["bodyFont"].startswith('"Source Sans 3"')
    assert style["primary"] == "#000091"  # style.css overrides Bootstrap's blue


def test_no_external_host_in_page_or_loaded_resources(shell):
    with urlopen(shell.server_url) as response:
        parser = _ResourceUrls()
        parser.feed(response.read().decode())
    loaded = shell.driver.execute_script(
        "return performance.getEntriesByType('resource').map((entry) => entry.name);"
    )

    assert parser.urls, "the page links no style sheet or script"
    assert _external(parser.urls, shell.server_url) == []
    assert _external(loaded, shell.server_url) == []
