"""The export panel in Chromium: a slide format, a logo kept for the session, the files.

The journey of a communication officer: open the panel, choose « Diapositive 16:9 », drop
the structure's logo, download the SVG (the logo is on it), remove the logo (it is gone).
Files are fetched with the browser's own session cookie, as its download would.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests
from dash.testing.composite import DashComposite
from selenium.webdriver.common.by import By

from dashboard import ids, strings
from dashboard.server.app_factory import create_app

from .conftest import start_app
from .waits import choose, click, wait_until

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#000091"/><script>alert(1)</script></svg>')


def link(duo: DashComposite, name: str) -> str:
    return duo.driver.execute_script(
        "const a = [...document.querySelectorAll(arguments[0])]"
        ".find((node) => node.getAttribute('href').includes(arguments[1]));"
        "return a ? a.getAttribute('href') : null;", f"#{ids.EXPORT_LINKS} a", f"/{name}?")


def status(duo: DashComposite) -> str:
    return duo.driver.execute_script("return document.getElementById(arguments[0]).innerText;",
                                     ids.EXPORT_LOGO_STATUS)


def download(duo: DashComposite, href: str) -> bytes:
    cookies = {cookie["name"]: cookie["value"] for cookie in duo.driver.get_cookies()}
    response = requests.get(duo.server_url + href, cookies=cookies, timeout=120)
    assert response.status_code == 200, response.text
    return response.content


def test_slide_format_and_logo_of_the_session(dash_duo: DashComposite, tmp_path) -> None:
    start_app(dash_duo, create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?dep=93&zon=dac,cpts")
    dash_duo.wait_for_element(f"#{ids.EXPORT_LINKS} a")
    click(dash_duo, ".cc-export__summary")

    choose(dash_duo, f"#{ids.EXPORT_PAPER}", strings.EXPORT_PAPERS["diapo"])
    wait_until(dash_duo, lambda: "papier=diapo" in (link(dash_duo, "carte.png") or ""),
               "the links do not follow the slide format")
    query = parse_qs(urlsplit(link(dash_duo, "carte.png")).query)
    assert query["resolution"] == ["1080"]
    wait_until(dash_duo, lambda: strings.EXPORT_RESOLUTIONS["1080"] in dash_duo.driver
               .execute_script("return document.getElementById(arguments[0]).innerText;",
                               ids.EXPORT_DPI), "the resolutions do not follow the format")

    wait_until(dash_duo, lambda: status(dash_duo) == strings.EXPORT_LOGO_NONE,
               "opening the panel does not say which logo the pages carry")
    logo = tmp_path / "logo-structure.svg"
    logo.write_text(LOGO, encoding="utf-8")
    dash_duo.driver.find_element(By.CSS_SELECTOR,
                                 f"#{ids.EXPORT_LOGO} input[type=file]").send_keys(str(logo))
    wait_until(dash_duo, lambda: status(dash_duo) == strings.EXPORT_LOGO_KEPT.format(
        name="logo-structure.svg"), "the logo was not kept")
    svg = download(dash_duo, link(dash_duo, "carte.svg"))
    assert svg.count(b"<image") == 1 and b"alert" not in svg
    assert b'width="1280" height="720"' in svg  # the slide's layout, in pixels

    click(dash_duo, f"#{ids.EXPORT_LOGO_REMOVE}")
    wait_until(dash_duo, lambda: status(dash_duo) == strings.EXPORT_LOGO_NONE,
               "the logo was not removed")
    assert b"<image" not in download(dash_duo, link(dash_duo, "carte.svg"))
    assert dash_duo.get_logs() == []
