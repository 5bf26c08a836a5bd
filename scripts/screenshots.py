"""Take the screenshots shown by the README: the map of Seine-Saint-Denis and the panorama.

Starts the app in this process on a free port, drives headless Chromium (Selenium and
chromedriver, as the browser tests do) at a 1600 × 900 viewport, and at the sizes of a
phone (390 × 844), a tablet in portrait (820 × 1180) and a small laptop (1280 × 720),
waits until the map and its legend agree, or the grid has its rows, and writes the PNG
files::

    .venv/bin/python scripts/screenshots.py            # docs/screenshot-*.png
    .venv/bin/python scripts/screenshots.py --out /tmp

Needs the development requirements (selenium, from ``dash[testing]``) and Chromium with
chromedriver (``scripts/install_browser.sh``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.support.wait import WebDriverWait
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.server.app_factory import create_app  # noqa: E402  (after the path is set)

CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
VIEWPORT = (1600, 900)
TIMEOUT_SECONDS = 60
VIEW = "dep=93&zon=dac,cpts&ind=TP6021"

#: True once fonts are loaded and the demo banner has faded in.
SETTLED = """
    const banner = document.getElementById('demo-banner');
    const settled = document.fonts.status === 'loaded'
        && (!banner || getComputedStyle(banner).opacity === '1');
"""
#: True once the map shows as many areas as its legend counts.
MAP_DRAWN = SETTLED + """
    const rows = document.querySelectorAll('#legend ul:first-of-type li');
    const counted = [...rows].reduce((sum, row) => {
        const match = row.textContent.match(/\\(([\\d\\s\\u202f]+)\\)$/);
        return sum + (match ? parseInt(match[1].replace(/\\D/g, ''), 10) : 0);
    }, 0);
    const drawn = document.querySelectorAll(
        '#map .choroplethlayer .trace:first-child .choroplethlocation').length;
    return settled && counted > 0 && counted === drawn;
"""
#: True once the panorama grid shows its rows.
GRID_FILLED = SETTLED + """
    const rows = document.querySelectorAll('#panorama-grid .ag-center-cols-container .ag-row');
    return settled && rows.length > 5
        && !document.querySelector('#panorama-grid .ag-overlay-loading-center');
"""
#: Screens the layout must serve: phone, tablet in portrait, small laptop.
SCREENS = ((390, 844), (820, 1180), (1280, 720))
#: (file name, path and query, JavaScript condition that says the page is ready, screen).
SHOTS = (
    ("screenshot-carte.png", f"/?{VIEW}", MAP_DRAWN, VIEWPORT),
    ("screenshot-panorama.png", f"/panorama?{VIEW}", GRID_FILLED, VIEWPORT),
    *((f"screenshot-carte-{width}x{height}.png", f"/?{VIEW}", MAP_DRAWN, (width, height))
      for width, height in SCREENS),
)


@contextmanager
def serving() -> Iterator[str]:
    """Serve the app on a free local port for the duration of the block; yield its URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, create_app().server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """Headless Chromium; :func:`take` sets the size of the page (not of the window)."""
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--lang=fr-FR", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options)
    try:
        yield driver
    finally:
        driver.quit()


def take(driver: webdriver.Chrome, url: str, ready: str, path: Path,
         screen: tuple[int, int] = VIEWPORT) -> None:
    """Open ``url`` on a ``screen``, wait until the script ``ready`` says so, save a PNG.

    ``screen`` is (width, height) in CSS pixels; below 1000 px it is a touch screen.
    """
    width, height = screen
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 1000})
    driver.get(url)
    wait_until(driver, lambda: driver.execute_script(ready), f"{url} not ready")
    # Let plotly and the grid finish the frame they are painting.
    driver.execute_script("return new Promise((done) => requestAnimationFrame(() => "
                          "requestAnimationFrame(done)));")
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))


def wait_until(driver: webdriver.Chrome, condition: Callable[[], bool], message: str) -> None:
    """Wait up to :data:`TIMEOUT_SECONDS` for ``condition``."""
    WebDriverWait(driver, TIMEOUT_SECONDS).until(lambda _: condition(), message=message)


def main(argv: list[str] | None = None) -> int:
    """Write every screenshot of :data:`SHOTS` into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs",
                        help="folder of the PNG files (default: docs/)")
    out = parser.parse_args(argv).out
    with serving() as base_url, chromium() as driver:
        for name, path, ready, screen in SHOTS:
            take(driver, base_url + path, ready, out / name, screen)
            print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
